/**
 * The codec's properties as plain functions, shared by the test suites,
 * `bench/fuzz-run.mjs` and the kernel fuzzer. Each returns undefined when
 * the property holds, or a {@link Violation} saying what broke.
 *
 * - values: encode, then decode gives the value back; the computed length
 *   (`size()` of the header and attributes) is the encoded length; the
 *   message encodes to the same bytes at an offset inside a larger buffer;
 *   explain rows tile it; its JSON form can be made.
 * - hostile bytes: decoding and explaining anything throws only
 *   DecodeError; what decodes re-encodes without losing anything but
 *   padding, and its JSON form can be made.
 * - kernel bytes: every message the kernel sends re-encodes to exactly
 *   the bytes it came in.
 * - datagrams: a stream of messages decodes the same however it is
 *   grouped into datagrams.
 * - refusals: a value out of range throws EncodeError, nothing else.
 */
import { Writer } from '../bytes/writer.js';
import { toHex } from '../bytes/hex.js';
import { NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN } from '../core/constants.js';
import { DecodeError, EncodeError } from '../core/errors.js';
import { checkTiling, explainMessages } from '../netlink/explain.js';
import { messageToJSON } from '../netlink/json.js';
import { decodeMessage, decodeMessages, encodeMessage, messageLength, writeMessage, type Message } from '../netlink/message.js';
import { type Protocol, resolveMessage } from '../netlink/protocol.js';
import { WIRE, type AttrSet, type WireDetail } from '../schema/attr-set.js';
import { sourceOf, type ExplainCtx } from '../schema/kind.js';
import { allGroupings, concat, decodeDatagrams, groupIntoDatagrams, splitMessages } from './datagrams.js';
import { copyBytes, firstByteDifference, firstDifference, show } from './equal.js';
import { lengthFields } from './mutate.js';

/** A property that did not hold. */
export interface Violation {
  /** Which property (`round-trip`, `length`, `hostile-decode`, `kernel-reencode`...). */
  property: string;
  /** What happened, in one line. */
  detail: string;
  /** The bytes concerned (the encoded value, the hostile input, the kernel's message). */
  bytes?: Uint8Array;
  /** The value concerned. */
  value?: unknown;
  /** The error thrown, when one was. */
  error?: unknown;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

const LEAD = new Uint8Array([1, 2, 3, 4, 5]);

/** Encoded length as the declarations compute it (`size()`), for declared message types. */
export function computedLength(m: Message, proto: Protocol): number | undefined {
  if (m.type === NLMSG_ERROR || m.type === NLMSG_DONE || m.payload !== undefined) return undefined;
  const def = resolveMessage(proto, m);
  if (def === undefined) return undefined;
  return NLMSG_HDRLEN + def.header.size(m.header ?? {}) + def.attrs.size(m.attrs ?? {});
}

/**
 * The value properties of one message: round trip, computed length,
 * encoding at an offset, explain tiling, JSON.
 */
export function checkMessageValue(m: Message, proto: Protocol): Violation | undefined {
  let bytes: Uint8Array;
  try {
    bytes = encodeMessage(m, proto);
  } catch (e) {
    return { property: 'encode', detail: `a valid value did not encode: ${describe(e)}`, value: m, error: e };
  }
  const nlmsgLen = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  if (nlmsgLen !== bytes.length) return { property: 'length', detail: `nlmsg_len ${nlmsgLen}, ${bytes.length} bytes encoded`, bytes, value: m };
  try {
    const len = messageLength(m, proto);
    if (len !== bytes.length) return { property: 'length', detail: `messageLength ${len}, ${bytes.length} bytes encoded`, bytes, value: m };
    const computed = computedLength(m, proto);
    if (computed !== undefined && computed !== bytes.length) {
      return { property: 'length', detail: `size() of header and attributes gives ${computed}, ${bytes.length} bytes encoded`, bytes, value: m };
    }
  } catch (e) {
    return { property: 'length', detail: `computing the length threw ${describe(e)}`, bytes, value: m, error: e };
  }
  let back: Message;
  try {
    back = decodeMessage(bytes, proto);
  } catch (e) {
    return { property: 'round-trip', detail: `the encoded value did not decode: ${describe(e)}`, bytes, value: m, error: e };
  }
  const diff = firstDifference(m, back);
  if (diff !== undefined) return { property: 'round-trip', detail: `decode(encode(v)) differs at ${diff}`, bytes, value: m };
  const again = encodeMessage(back, proto);
  const at = firstByteDifference(again, bytes);
  if (at >= 0) return { property: 'round-trip', detail: `re-encoding the decoded value differs at byte ${at}`, bytes, value: m };
  const w = new Writer(8);
  w.bytes(LEAD);
  writeMessage(w, m, proto);
  const shifted = w.finish().subarray(LEAD.length);
  const sat = firstByteDifference(shifted, bytes);
  if (sat >= 0) return { property: 'offset', detail: `encoding at offset ${LEAD.length} differs at byte ${sat}`, bytes, value: m };
  try {
    const tiling = checkTiling(explainMessages(bytes, proto), bytes.length);
    if (tiling !== undefined) return { property: 'explain', detail: tiling, bytes, value: m };
    messageToJSON(back, proto);
  } catch (e) {
    return { property: 'explain', detail: `explain or JSON threw ${describe(e)}`, bytes, value: m, error: e };
  }
  return undefined;
}

/** The value properties of one attribute set on its own (sets no message reaches at the default depth). */
export function checkSetValue(set: AttrSet, v: Record<string, unknown>): Violation | undefined {
  const w = new Writer(64);
  try {
    set.encode(w, v);
  } catch (e) {
    return { property: 'encode', detail: `${set.name}: a valid value did not encode: ${describe(e)}`, value: v, error: e };
  }
  const bytes = w.finish();
  let size: number;
  try {
    size = set.size(v);
  } catch (e) {
    return { property: 'length', detail: `${set.name}: size() threw ${describe(e)}`, bytes, value: v, error: e };
  }
  if (size !== bytes.length) return { property: 'length', detail: `${set.name}: size() gives ${size}, ${bytes.length} bytes encoded`, bytes, value: v };
  let back: Record<string, unknown>;
  try {
    back = set.decode(sourceOf(bytes), 0, bytes.length);
  } catch (e) {
    return { property: 'round-trip', detail: `${set.name}: the encoded value did not decode: ${describe(e)}`, bytes, value: v, error: e };
  }
  const diff = firstDifference(v, back);
  if (diff !== undefined) return { property: 'round-trip', detail: `${set.name}: decode(encode(v)) differs at ${diff}`, bytes, value: v };
  try {
    const ctx: ExplainCtx = { rows: [], path: [], depth: 0 };
    set.explain(sourceOf(bytes), 0, bytes.length, ctx);
    const tiling = checkTiling(ctx.rows, bytes.length);
    if (tiling !== undefined) return { property: 'explain', detail: `${set.name}: ${tiling}`, bytes, value: v };
    set.json(back);
  } catch (e) {
    return { property: 'explain', detail: `${set.name}: explain or JSON threw ${describe(e)}`, bytes, value: v, error: e };
  }
  return undefined;
}

/**
 * True when a decoded value holds an attribute that came more than once
 * (a repeated declared attribute, or repeated unknown ones): the codec
 * keeps every occurrence but writes them together, where the first was.
 */
export function hasRepeats(v: unknown, seen = new Set<object>()): boolean {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array || seen.has(v)) return false;
  seen.add(v);
  const wire = (v as { [WIRE]?: Record<string, WireDetail> })[WIRE];
  if (wire !== undefined && Object.values(wire).some((d) => d?.repeated)) return true;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('#') && Array.isArray(x)) return true;
    if (hasRepeats(x, seen)) return true;
  }
  return false;
}

/**
 * `bytes` with what the decoder does not keep set to zero: padding bytes
 * and length fields (nlmsg_len, nla_len, rtnh_len), as the explained
 * layout shows them.
 */
export function maskLayout(bytes: Uint8Array, proto: Protocol): Uint8Array {
  const out = copyBytes(bytes);
  for (const r of explainMessages(bytes, proto)) {
    if (r.role === 'pad') out.fill(0, r.offset, r.offset + r.length);
    else if (r.role === 'nlmsghdr' && r.name === 'nlmsg_len') out.fill(0, r.offset, r.offset + 4);
    else if ((r.role === 'attr' && r.length === 4) || (r.role === 'field' && r.name === 'rtnh_len')) out.fill(0, r.offset, r.offset + 2);
  }
  return out;
}

/**
 * Hostile input: decoding and explaining throw only DecodeError; when
 * `bytes` decode, each message re-encodes to its own bytes but for
 * padding, decodes again to the same value, and has a JSON form.
 */
export function checkHostileBytes(bytes: Uint8Array, proto: Protocol): Violation | undefined {
  let msgs: Message[];
  try {
    msgs = decodeMessages(bytes, proto);
  } catch (e) {
    if (e instanceof DecodeError) {
      try {
        explainMessages(bytes, proto);
        return { property: 'hostile-explain', detail: `decode threw ${describe(e)} but explain did not`, bytes };
      } catch (e2) {
        if (e2 instanceof DecodeError) return undefined;
        return { property: 'hostile-explain', detail: `explain threw ${describe(e2)}`, bytes, error: e2 };
      }
    }
    return { property: 'hostile-decode', detail: `decode threw ${describe(e)}`, bytes, error: e };
  }
  let parts: Uint8Array[];
  try {
    explainMessages(bytes, proto);
    parts = splitMessages(bytes);
  } catch (e) {
    return { property: 'hostile-explain', detail: `decoded, but explain threw ${describe(e)}`, bytes, error: e };
  }
  for (let i = 0; i < msgs.length; i++) {
    const v = reencodeCheck(msgs[i]!, parts[i]!, proto, false);
    if (v !== undefined) return { ...v, bytes: parts[i]!, detail: `message ${i}: ${v.detail}` };
  }
  return undefined;
}

/** The bytes of one message without its trailing padding (nlmsg_len of them). */
function unpadded(part: Uint8Array): Uint8Array {
  const len = new DataView(part.buffer, part.byteOffset, part.byteLength).getUint32(0, true);
  return part.subarray(0, Math.min(len, part.length));
}

/**
 * Re-encodes decoded message `m` and compares with `part`, the bytes it
 * came from. `exact`: byte for byte (the kernel's messages). Otherwise
 * (hostile input) the decoder may drop what carries no information:
 * padding bytes, and the length fields of containers that end without
 * their last attribute's padding (re-encoding pads, so such a length
 * grows by up to 3). So lengths may differ by alignment only, and when
 * the sizes agree every byte but padding and length fields must. Then the
 * re-encoding must decode to the same value.
 */
function reencodeCheck(m: Message, part: Uint8Array, proto: Protocol, exact: boolean): Violation | undefined {
  const orig = unpadded(part);
  let again: Uint8Array;
  try {
    again = encodeMessage(m, proto);
  } catch (e) {
    return { property: 'reencode', detail: `a decoded message did not encode again: ${describe(e)}`, value: m, error: e };
  }
  if (exact) {
    const at = firstByteDifference(again, orig);
    if (at >= 0) {
      const onlyLayout = again.length === orig.length && firstByteDifference(maskLayout(again, proto), maskLayout(orig, proto)) < 0;
      return { property: 'reencode', detail: `re-encoding (${again.length} bytes) differs at byte ${at} of ${orig.length}${onlyLayout ? ' (padding or length fields only)' : ''}: ${toHex(again.subarray(at, at + 8), ' ')} instead of ${toHex(orig.subarray(at, at + 8), ' ')}`, value: m };
    }
  } else if (again.length === orig.length && !hasRepeats(m)) {
    // (A repeated attribute is re-encoded with its first occurrence, so the
    // order of A, B, A on the wire is not kept: a known limit, not compared.)
    const a = maskLayout(again, proto);
    const b = maskLayout(orig, proto);
    const at = firstByteDifference(a, b);
    if (at >= 0) return { property: 'reencode', detail: `re-encoding differs at byte ${at} of ${orig.length} (not padding, not a length): ${toHex(again.subarray(at, at + 8), ' ')} instead of ${toHex(orig.subarray(at, at + 8), ' ')}`, value: m };
  } else {
    let fields = 1;
    try {
      fields = lengthFields(orig, proto).length;
    } catch {
      // counted as one
    }
    if (Math.abs(again.length - orig.length) > 3 * fields) {
      return { property: 'reencode', detail: `re-encoding has ${again.length} bytes for ${orig.length}, more of a difference than alignment explains`, value: m };
    }
  }
  let back: Message;
  try {
    back = decodeMessage(again, proto);
  } catch (e) {
    return { property: 'reencode', detail: `the re-encoding did not decode: ${describe(e)}`, value: m, error: e };
  }
  const diff = firstDifference(m, back);
  if (diff !== undefined) return { property: 'reencode', detail: `decoding the re-encoding differs at ${diff}`, value: m };
  try {
    messageToJSON(m, proto);
  } catch (e) {
    return { property: 'json', detail: `JSON threw ${describe(e)}`, value: m, error: e };
  }
  return undefined;
}

/**
 * A datagram from the kernel: it decodes, and every message in it
 * re-encodes to exactly its bytes (the kernel pads with zeros).
 */
export function checkKernelDatagram(datagram: Uint8Array, proto: Protocol): Violation | undefined {
  let msgs: Message[];
  let parts: Uint8Array[];
  try {
    msgs = decodeMessages(datagram, proto);
    parts = splitMessages(datagram);
  } catch (e) {
    return { property: 'kernel-decode', detail: `the kernel's datagram did not decode: ${describe(e)}`, bytes: datagram, error: e };
  }
  for (let i = 0; i < msgs.length; i++) {
    const v = reencodeCheck(msgs[i]!, parts[i]!, proto, true);
    if (v !== undefined) return { ...v, property: `kernel-${v.property}`, bytes: unpadded(parts[i]!), detail: `message ${i}: ${v.detail}` };
  }
  return undefined;
}

/**
 * A stream of whole messages decodes the same in one datagram and in
 * every grouping into several (all 2^(n-1) groupings up to `limit`).
 */
export function checkGroupings(stream: Uint8Array, proto: Protocol, limit = 1 << 10): Violation | undefined {
  let whole: Message[];
  let parts: Uint8Array[];
  try {
    whole = decodeMessages(stream, proto);
    parts = splitMessages(stream);
  } catch (e) {
    return { property: 'grouping', detail: `the stream did not decode: ${describe(e)}`, bytes: stream, error: e };
  }
  for (const cuts of allGroupings(parts.length, limit)) {
    let got: Message[];
    try {
      got = decodeDatagrams(groupIntoDatagrams(parts, cuts), proto);
    } catch (e) {
      return { property: 'grouping', detail: `cut before messages [${cuts.join(',')}]: ${describe(e)}`, bytes: stream, error: e };
    }
    const diff = firstDifference(whole, got);
    if (diff !== undefined) return { property: 'grouping', detail: `cut before messages [${cuts.join(',')}]: differs at ${diff}`, bytes: stream };
  }
  return undefined;
}

/** Encoding `m` throws EncodeError (and nothing else, and does not succeed). */
export function checkRefused(m: Message, proto: Protocol): Violation | undefined {
  try {
    const bytes = encodeMessage(m, proto);
    return { property: 'refuse', detail: `an out-of-range value was encoded (${bytes.length} bytes)`, bytes, value: m };
  } catch (e) {
    if (e instanceof EncodeError) return undefined;
    return { property: 'refuse', detail: `encoding threw ${describe(e)} instead of EncodeError`, value: m, error: e };
  }
}

/** One line describing a violation, for logs. */
export function formatViolation(v: Violation): string {
  const parts = [`[${v.property}] ${v.detail}`];
  if (v.bytes) parts.push(`bytes ${toHex(v.bytes.subarray(0, 64))}${v.bytes.length > 64 ? '...' : ''}`);
  else if (v.value !== undefined) parts.push(`value ${show(v.value)}`);
  return parts.join('; ');
}

export { concat };
