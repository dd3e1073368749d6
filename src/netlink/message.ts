/**
 * Messages: split a datagram into messages, decode each with its family's
 * declarations, and encode them back. NLMSG_ERROR and NLMSG_DONE (with
 * extended ACK TLVs) are handled here, for every family.
 */
import { align4 } from '../bytes/align.js';
import { Writer } from '../bytes/writer.js';
import {
  NLM_F_ACK_TLVS,
  NLM_F_CAPPED,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_HDRLEN,
  NLMSG_NOOP,
  NLMSG_OVERRUN,
} from '../core/constants.js';
import { DecodeError, EncodeError } from '../core/errors.js';
import { MAX_DEPTH, sourceOf, type Kind, type Source } from '../schema/kind.js';
import { s32, u16, u32 } from '../schema/scalars.js';
import { extAckAttrs, type ExtAck } from './extack.js';
import { resolve, type MessageDef, type Protocol, type Resolved } from './protocol.js';

/** A decoded (or to-be-encoded) netlink message. */
export interface Message {
  /** nlmsg_type. */
  type: number;
  /** nlmsg_flags. */
  flags: number;
  /** nlmsg_seq. */
  seq: number;
  /** nlmsg_pid: the sender's port (0 for the kernel). */
  pid: number;
  /** The fixed family header (`ifinfomsg`...), for known types. */
  header?: Record<string, any>;
  /** Attributes, for known types. */
  attrs?: Record<string, any>;
  /** NLMSG_ERROR / NLMSG_DONE: 0 for an ACK, else a negative errno. */
  error?: number;
  /** NLMSG_ERROR: the echoed request (only its header when capped). */
  request?: Message & { len?: number };
  /** NLMSG_ERROR / NLMSG_DONE: extended ACK TLVs. */
  ext?: ExtAck;
  /** Payload of messages of unknown type, or too short for their header. */
  payload?: Uint8Array;
  /** nlmsg_len as received, kept only on a capped echoed request header. */
  len?: number;
}

/** A decoded message of a declared type `Ty`: its header and attributes typed from the declarations. */
export type TypedMessage<Ty extends number, N extends string, H, A> = Omit<Message, 'type' | 'header' | 'attrs'> & {
  type: Ty;
  /** The kernel name of the type (type only: not a property at run time). */
  readonly [kernelName]?: N;
  header?: H;
  attrs?: A;
};

declare const kernelName: unique symbol;

/** NLMSG_ERROR: an ACK (`error` 0) or a refusal (a negative errno), with the echoed request and extended ACK. */
export type ErrorMessage = Omit<Message, 'type' | 'header' | 'attrs' | 'error'> & { type: typeof NLMSG_ERROR; error: number; header?: undefined; attrs?: undefined };

/** NLMSG_DONE: the end of a dump (`error` when the dump failed), NLMSG_NOOP, NLMSG_OVERRUN. */
export type ControlMessage = Omit<Message, 'type' | 'header' | 'attrs'> & { type: typeof NLMSG_DONE | typeof NLMSG_NOOP | typeof NLMSG_OVERRUN; header?: undefined; attrs?: undefined };

/** A message of a type the protocol does not declare: its payload only. */
export type UndeclaredMessage = Omit<Message, 'header' | 'attrs' | 'error'> & { header?: undefined; attrs?: undefined; error?: undefined };

/**
 * What decoding with protocol `P` gives: a union that `switch (m.type)`
 * narrows, each declared type with its header and attributes typed.
 */
export type MessageOf<P extends Protocol> =
  | (P extends Protocol<infer M> ? (M extends MessageDef<infer Ty, infer N, infer H, infer A> ? TypedMessage<Ty, N, H, A> : never) : never)
  | ErrorMessage
  | ControlMessage
  | UndeclaredMessage;

/** Reads nlmsghdr at `off`. */
function readHeader(src: Source, off: number): { len: number; type: number; flags: number; seq: number; pid: number } {
  const dv = src.dv;
  return {
    len: dv.getUint32(off, true),
    type: dv.getUint16(off + 4, true),
    flags: dv.getUint16(off + 6, true),
    seq: dv.getUint32(off + 8, true),
    pid: dv.getUint32(off + 12, true),
  };
}

/**
 * Decodes every message in a datagram (or any concatenation of messages).
 * Throws DecodeError, with the offset from the start of `bytes`, for a
 * truncated or malformed message. `lazy`: composite attributes are decoded
 * when first read (same values; see `schema/lazy.ts`).
 */
export function decodeMessages<P extends Protocol>(bytes: Uint8Array, proto: P, lazy = false): MessageOf<P>[] {
  const src = lazy ? lazySourceOf(bytes, proto) : sourceOf(bytes);
  const out: Message[] = [];
  let off = 0;
  while (off < bytes.length) {
    if (isZeroTail(bytes, off)) break;
    const m = decodeAt(src, off, bytes.length - off, proto);
    out.push(m.msg);
    off += Math.min(align4(m.len), bytes.length - off);
  }
  return out as MessageOf<P>[];
}

/**
 * A source whose composite attributes are decoded when first read (see
 * `schema/lazy.ts`); a deferred value that turns out malformed decodes its
 * message again, eagerly, to throw the error with its whole path.
 */
export function lazySourceOf(bytes: Uint8Array, proto: Protocol): Source {
  const src = sourceOf(bytes, true);
  src.again = (off) => decodeAt({ u8: src.u8, dv: src.dv, depth: 0 }, off, src.u8.length - off, proto);
  return src;
}

/**
 * True when everything from `off` on is zero bytes. iproute2 sends some
 * dump requests with zeros after the message; the kernel stops at a
 * header whose nlmsg_len is 0, and so do we.
 */
export function isZeroTail(bytes: Uint8Array, off: number): boolean {
  if (bytes.length - off < 4 || bytes[off] !== 0 || bytes[off + 1] !== 0 || bytes[off + 2] !== 0 || bytes[off + 3] !== 0) return false;
  for (let i = off + 4; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Decodes exactly one message; trailing bytes after it are an error. */
export function decodeMessage<P extends Protocol>(bytes: Uint8Array, proto: P): MessageOf<P> {
  const { msg, len } = decodeAt(sourceOf(bytes), 0, bytes.length, proto);
  if (align4(len) < bytes.length) throw new DecodeError(`${bytes.length - align4(len)} bytes after the message`, align4(len));
  return msg as MessageOf<P>;
}

/** Decodes the message at `off` in `src` (at most `avail` bytes). */
export function decodeAt(src: Source, off: number, avail: number, proto: Protocol): { msg: Message; len: number } {
  if (avail < NLMSG_HDRLEN) throw new DecodeError(`${avail} bytes left, too few for a 16-byte nlmsghdr`, off);
  const h = readHeader(src, off);
  if (h.len < NLMSG_HDRLEN) throw new DecodeError(`nlmsg_len ${h.len} is less than the 16-byte header`, off);
  if (h.len > avail) throw new DecodeError(`nlmsg_len ${h.len} runs past the end of the data (${avail} bytes left)`, off);
  const msg: Message = { type: h.type, flags: h.flags, seq: h.seq, pid: h.pid };
  if (src.lazy === true) src.root = off;
  const body = off + NLMSG_HDRLEN;
  const blen = h.len - NLMSG_HDRLEN;
  if (h.type === NLMSG_ERROR) decodeError(src, body, blen, msg, proto);
  else if (h.type === NLMSG_DONE) decodeDone(src, body, blen, msg);
  else {
    const def = proto.messages.get(h.type);
    const hsize = def?.header.structSize ?? 0;
    if (def === undefined || blen < hsize) msg.payload = src.u8.slice(body, body + blen);
    else {
      try {
        msg.header = def.header.decode(src, body, hsize);
      } catch (e) {
        if (e instanceof DecodeError) throw e.within(def.header.cName);
        throw e;
      }
      // Only a multiplexed type (generic netlink) has a command to look up.
      const attrs = def.select === undefined ? def.attrs : resolve(def, msg.header, h).attrs;
      msg.attrs = attrs.decode(src, body + hsize, blen - hsize);
    }
  }
  return { msg, len: h.len };
}

function decodeExt(src: Source, off: number, len: number, msg: Message): void {
  if (len <= 0) return;
  try {
    msg.ext = extAckAttrs.decode(src, off, len) as ExtAck;
  } catch (e) {
    if (e instanceof DecodeError) throw e.within('extended ACK');
    throw e;
  }
}

function decodeError(src: Source, off: number, len: number, msg: Message, proto: Protocol): void {
  if (len < 4 + NLMSG_HDRLEN) throw new DecodeError(`NLMSG_ERROR: expected at least 20 bytes (error and the echoed nlmsghdr), got ${len}`, off);
  msg.error = src.dv.getInt32(off, true);
  const reqOff = off + 4;
  const req = readHeader(src, reqOff);
  const capped = (msg.flags & NLM_F_CAPPED) !== 0 || req.len > len - 4;
  // Echoes inside echoes count as nesting, while they are being decoded.
  const depth = src.depth;
  if (!capped && ++src.depth > MAX_DEPTH) throw new DecodeError(`echoed requests nested deeper than ${MAX_DEPTH} levels`, reqOff);
  let echoed = NLMSG_HDRLEN;
  if (capped) {
    msg.request = { len: req.len, type: req.type, flags: req.flags, seq: req.seq, pid: req.pid };
  } else {
    try {
      // Decoded at once even from a lazy source: a malformed echo is kept
      // as bytes (below), which needs its error now, not when it is read.
      const now = src.lazy === true ? { u8: src.u8, dv: src.dv, depth: src.depth } : src;
      msg.request = decodeAt(now, reqOff, len - 4, proto).msg;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      // The kernel echoes what it refused, often because it was malformed:
      // keep those bytes as they are rather than fail the whole reply.
      msg.request = { type: req.type, flags: req.flags, seq: req.seq, pid: req.pid, payload: src.u8.slice(reqOff + NLMSG_HDRLEN, reqOff + req.len) };
    } finally {
      // Put the count back whether the echo decoded or not: a decoder that throws leaves it raised (see lenient.ts).
      src.depth = depth;
    }
    echoed = req.len;
  }
  const extOff = reqOff + align4(echoed);
  const end = off + len;
  if (extOff < end) decodeExt(src, extOff, end - extOff, msg);
}

function decodeDone(src: Source, off: number, len: number, msg: Message): void {
  if (len === 0) return;
  if (len < 4) throw new DecodeError(`NLMSG_DONE: expected 4 bytes of error, got ${len}`, off);
  msg.error = src.dv.getInt32(off, true);
  if (len > 4) decodeExt(src, off + 4, len - 4, msg);
}

/** Encoded length of a message (nlmsg_len). */
export function messageLength(msg: Message, proto: Protocol): number {
  const w = new Writer(64);
  writeMessage(w, msg, proto);
  return w.length;
}

/** Encodes one message; nlmsg_len is computed. */
export function encodeMessage(msg: Message, proto: Protocol): Uint8Array {
  const w = new Writer(256);
  writeMessage(w, msg, proto);
  return w.finish();
}

/** Encodes several messages into one datagram. */
export function encodeMessages(msgs: readonly Message[], proto: Protocol): Uint8Array {
  const w = new Writer(1024);
  for (const m of msgs) {
    writeMessage(w, m, proto);
    w.align();
  }
  return w.finish();
}

/** Writes one header field with its scalar kind's range check, naming the field on failure. */
function field(w: Writer, kind: Kind<number>, v: unknown, name: string): void {
  try {
    kind.encode(w, v as number);
  } catch (e) {
    if (e instanceof EncodeError) throw e.within(name);
    throw e;
  }
}

/** nlmsghdr after nlmsg_len (for a message, or an echoed header). */
function writeHeaderFields(w: Writer, h: { type: number; flags?: number; seq?: number; pid?: number }): void {
  field(w, u16, h.type, 'nlmsg_type');
  field(w, u16, h.flags ?? 0, 'nlmsg_flags');
  field(w, u32, h.seq ?? 0, 'nlmsg_seq');
  field(w, u32, h.pid ?? 0, 'nlmsg_pid');
}

/** Appends one message to `w` (not padded after). */
export function writeMessage(w: Writer, msg: Message, proto: Protocol): void {
  const start = w.length;
  const outerBase = w.base;
  w.base = start;
  try {
    writeBody(w, msg, proto, start);
  } finally {
    w.base = outerBase;
  }
}

function writeBody(w: Writer, msg: Message, proto: Protocol, start: number): void {
  w.u32(0);
  writeHeaderFields(w, msg);
  if (msg.payload !== undefined) {
    // Unknown types, bodies too short for their header, and echoed requests
    // kept as bytes (whatever their type) go out as they came.
    w.bytes(msg.payload);
  } else if (msg.type === NLMSG_ERROR) {
    field(w, s32, msg.error ?? 0, 'error');
    const r = msg.request;
    if (!r) throw new EncodeError('NLMSG_ERROR: the echoed request header is missing');
    if (r.header === undefined && r.payload === undefined && r.error === undefined) {
      field(w, u32, r.len ?? NLMSG_HDRLEN, 'nlmsg_len');
      writeHeaderFields(w, r);
    } else writeMessage(w, r, proto);
    if (msg.ext) {
      w.align();
      extAckAttrs.encode(w, msg.ext as Record<string, unknown>);
    }
  } else if (msg.type === NLMSG_DONE) {
    if (msg.error !== undefined || msg.ext) field(w, s32, msg.error ?? 0, 'error');
    if (msg.ext) extAckAttrs.encode(w, msg.ext as Record<string, unknown>);
  } else {
    const def = proto.messages.get(msg.type);
    if (def === undefined) throw new EncodeError(`message type ${msg.type} is unknown to ${proto.name}; give its payload as bytes`);
    const r = resolve(def, msg.header, msg);
    try {
      r.header.encode(w, msg.header ?? {});
    } catch (e) {
      if (e instanceof EncodeError) throw e.within(r.header.cName);
      throw e;
    }
    r.attrs.encode(w, msg.attrs ?? {});
  }
  w.patchU32(start, w.length - start);
}

/** True when the ext-ack flag says TLVs follow (for callers building ACKs). */
export function hasAckTlvs(msg: Message): boolean {
  return (msg.flags & NLM_F_ACK_TLVS) !== 0;
}

/**
 * The message at `off` resolved (a multiplexed type's command, from its
 * header), or undefined when its type is not declared or it is too short
 * for its header.
 */
export function resolveAt(src: Source, off: number, proto: Protocol): Resolved | undefined {
  const dv = src.dv;
  const type = dv.getUint16(off + 4, true);
  const def = proto.messages.get(type);
  if (def === undefined) return undefined;
  const hsize = def.header.structSize;
  const len = dv.getUint32(off, true);
  // The header only when the message holds it (a capped echo's nlmsg_len is the original's: its bytes are not there).
  if (def.select === undefined || len < NLMSG_HDRLEN + hsize || len > src.u8.length - off) return resolve(def, undefined, { flags: 0, seq: 0 });
  let header: unknown;
  try {
    header = def.header.decode(src, off + NLMSG_HDRLEN, hsize);
  } catch {
    return resolve(def, undefined, { flags: 0, seq: 0 });
  }
  return resolve(def, header, { flags: dv.getUint16(off + 6, true), seq: dv.getUint32(off + 8, true), pid: dv.getUint32(off + 12, true) });
}

