/**
 * A scriptable fake kernel: a {@link NetlinkPort} whose answers a test (or
 * a library user's test) writes, in the spirit of mdlayher's `nltest`.
 *
 * What the engine sends is decoded with the protocol's declarations, so a
 * handler sees real encoded bytes turned back into messages; what the
 * handler answers is encoded into real datagrams, delivered asynchronously
 * (each on its own turn of the event loop, in order, or after a delay), as
 * a socket would.
 *
 * ```ts
 * const kernel = new FakeKernel(rtnetlink, (req, reply) => {
 *   if (req.attrs?.ifname === 'eth0') reply.error(17, { msg: 'Link exists' });
 *   else reply.ack();
 * });
 * const conn = new Connection(kernel, rtnetlink);
 * ```
 */
import {
  NLM_F_ACK,
  NLM_F_ACK_TLVS,
  NLM_F_CAPPED,
  NLM_F_DUMP,
  NLM_F_DUMP_INTR,
  NLM_F_MULTI,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_HDRLEN,
} from '../core/constants.js';
import { DecodeError } from '../core/errors.js';
import type { ExtAck } from '../netlink/extack.js';
import { decodeMessages, encodeMessages, type Message } from '../netlink/message.js';
import { type Protocol, resolveMessage } from '../netlink/protocol.js';
import { TransportError } from './errors.js';
import type { DatagramInfo, NetlinkPort } from './port.js';

/** When and how one reply datagram is delivered. */
export interface DeliveryOptions {
  /** Milliseconds to wait (default: the next turn of the event loop). */
  delay?: number;
  /** Sender port the datagram claims (default 0, the kernel). */
  port?: number;
  /** Cut the datagram to this many bytes and mark it truncated (as a too-small read buffer would). */
  truncateTo?: number;
}

/** Options of a reply made of data messages. */
export interface DataOptions extends DeliveryOptions {
  /** nlmsg_seq to use instead of the request's. */
  seq?: number;
  /** nlmsg_flags added to each message. */
  flags?: number;
}

/** Options of a multipart dump answer. */
export interface DumpReplyOptions extends DeliveryOptions {
  /** Messages per datagram (default: all in one); NLMSG_DONE travels in a datagram of its own. */
  perDatagram?: number;
  /** Set NLM_F_DUMP_INTR on every part and on NLMSG_DONE. */
  intr?: boolean;
  /** End with an NLMSG_DONE carrying this errno (positive or negative). */
  doneError?: number;
  /** Extended ACK TLVs on NLMSG_DONE (NLM_F_ACK_TLVS is set). */
  doneExt?: ExtAck;
}

/** The ways a handler answers one request. Every call sends one or more datagrams. */
export interface ReplyFns {
  /** The decoded request being answered. */
  readonly request: Message;
  /** NLMSG_ERROR with error 0, echoing the request's header (NLM_F_CAPPED), as the kernel does. */
  ack(opts?: DeliveryOptions): void;
  /**
   * NLMSG_ERROR with `-errno` (positive or negative accepted), echoing the
   * whole request, with extended ACK TLVs (and NLM_F_ACK_TLVS) when `ext` is given.
   */
  error(errno: number, ext?: ExtAck, opts?: DeliveryOptions): void;
  /** One datagram of data messages; type and body as given, seq and pid filled in. */
  data(msgs: Message | readonly Message[], opts?: DataOptions): void;
  /** A multipart answer: NLM_F_MULTI parts over one or more datagrams, then NLMSG_DONE. */
  dump(msgs: readonly Message[], opts?: DumpReplyOptions): void;
  /** NLMSG_DONE alone (with an error and ext-ack TLVs when given). */
  done(error?: number, ext?: ExtAck, opts?: DataOptions): void;
  /** One datagram of messages exactly as given (nothing filled in). */
  messages(msgs: readonly Message[], opts?: DeliveryOptions): void;
  /** One datagram of arbitrary bytes. */
  raw(bytes: Uint8Array, opts?: DeliveryOptions): void;
}

/** Answers one request. Sending nothing leaves it unanswered (for timeouts). */
export type FakeHandler = (req: Message, reply: ReplyFns) => void;

/** Options of a {@link FakeKernel}. */
export interface FakeKernelOptions {
  /** The local port id the engine sends from (default 4242). */
  localPort?: number;
  /** What the port reports as its receive buffer (default: unknown). */
  receiveBuffer?: number;
  /** Fails a send (the request is not seen) when this returns an error. */
  sendError?: (datagram: Uint8Array) => Error | undefined;
}

/** The default handler: ACK every request, end every dump with an empty NLMSG_DONE. */
export const ackEverything: FakeHandler = (req, reply) => {
  if ((req.flags & NLM_F_DUMP) !== 0 && (req.flags & NLM_F_ACK) === 0) reply.done();
  else reply.ack();
};

/** A scriptable fake kernel; see the module comment. */
export class FakeKernel implements NetlinkPort {
  /** Every message received, decoded, in order. */
  readonly requests: Message[] = [];
  /** Every datagram received, as sent. */
  readonly datagrams: Uint8Array[] = [];
  /** Datagrams that did not decode, with the error. */
  readonly undecodable: { bytes: Uint8Array; error: DecodeError }[] = [];
  /** Whether the engine asked to keep the event loop alive (last call of ref()). */
  referenced = true;
  /** True after close(). */
  closed = false;
  /** What the port reports as its receive buffer. */
  readonly receiveBuffer: number | undefined;
  /** The answering function; may be replaced at any time. */
  handler: FakeHandler;

  private readonly proto: Protocol;
  private readonly port: number;
  private readonly sendError: ((datagram: Uint8Array) => Error | undefined) | undefined;
  private messageCb: ((datagram: Uint8Array, info: DatagramInfo) => void) | undefined;
  private errorCb: ((err: Error) => void) | undefined;
  /** seqs of requests that expect a final answer and have not had one delivered. */
  private readonly open = new Set<number>();
  /** seqs of the open requests that are dumps. */
  private readonly openDumps = new Set<number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate>>();
  /** nlmsg_len of each request, for the header an ACK echoes. */
  private readonly lengths = new WeakMap<Message, number>();
  private maxOpen = 0;
  private maxOpenDumps = 0;

  constructor(proto: Protocol, handler: FakeHandler = ackEverything, options: FakeKernelOptions = {}) {
    this.proto = proto;
    this.handler = handler;
    this.port = options.localPort ?? 4242;
    this.receiveBuffer = options.receiveBuffer;
    this.sendError = options.sendError;
  }

  /** Requests received that expect an answer (an ACK, error or NLMSG_DONE) and have not had it delivered. */
  get inFlight(): number {
    return this.open.size;
  }

  /** The most requests that were ever in flight at once. */
  get maxInFlight(): number {
    return this.maxOpen;
  }

  /** The most dumps that were ever in flight at once (a real socket allows one: EBUSY). */
  get maxDumpsInFlight(): number {
    return this.maxOpenDumps;
  }

  /** Datagrams scheduled and not yet delivered. */
  get scheduled(): number {
    return this.timers.size;
  }

  // NetlinkPort

  /** Receives a datagram from the engine: decodes it and calls the handler per message. */
  send(datagram: Uint8Array, sent?: (err?: Error) => void): void {
    if (this.closed) {
      sent?.(new TransportError('fake kernel port is closed', 'closed'));
      return;
    }
    const failure = this.sendError?.(datagram);
    if (failure) {
      sent?.(failure);
      return;
    }
    this.datagrams.push(datagram.slice());
    let msgs: Message[];
    try {
      msgs = decodeMessages(datagram, this.proto);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.undecodable.push({ bytes: datagram.slice(), error: e });
      sent?.();
      return;
    }
    const dv = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
    let off = 0;
    for (const m of msgs) {
      // decodeMessages returns the messages in datagram order: walk their headers alongside.
      const len = dv.getUint32(off, true);
      this.lengths.set(m, len);
      off += (len + 3) & ~3;
      this.requests.push(m);
      const dump = (m.flags & NLM_F_DUMP) !== 0 && resolveMessage(this.proto, m)?.op === 'get';
      if ((m.flags & NLM_F_ACK) !== 0 || dump) {
        this.open.add(m.seq);
        this.maxOpen = Math.max(this.maxOpen, this.open.size);
        if (dump) {
          this.openDumps.add(m.seq);
          this.maxOpenDumps = Math.max(this.maxOpenDumps, this.openDumps.size);
        }
      }
      this.handler(m, this.replyFns(m));
    }
    sent?.();
  }

  onMessage(cb: (datagram: Uint8Array, info: DatagramInfo) => void): void {
    this.messageCb = cb;
  }

  onError(cb: (err: Error) => void): void {
    this.errorCb = cb;
  }

  localPort(): number {
    return this.port;
  }

  ref(on: boolean): void {
    this.referenced = on;
  }

  /** Closes the port: scheduled datagrams are never delivered. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) {
      clearTimeout(t as ReturnType<typeof setTimeout>);
      clearImmediate(t as ReturnType<typeof setImmediate>);
    }
    this.timers.clear();
    this.messageCb = undefined;
    this.errorCb = undefined;
  }

  // Test controls

  /** Delivers a datagram that answers no request (a notification, a stray reply). */
  inject(data: Uint8Array | readonly Message[], opts: DeliveryOptions = {}): void {
    this.deliver(data instanceof Uint8Array ? data : encodeMessages(data, this.proto), opts);
  }

  /** Makes the port fail, as a dead socket or helper would: the engine's onError is called. */
  fail(err: Error = new TransportError('fake kernel failed', 'helper')): void {
    const cb = this.errorCb;
    this.close();
    cb?.(err);
  }

  /** Resolves once every scheduled datagram has been delivered. */
  async idle(): Promise<void> {
    while (this.timers.size > 0) await new Promise((r) => setImmediate(r));
  }

  private replyFns(req: Message): ReplyFns {
    const pid = this.port;
    const fill = (m: Message, seq: number, flags: number): Message => ({ ...m, flags: (m.flags ?? 0) | flags, seq, pid });
    return {
      request: req,
      ack: (opts) => {
        const echo = { len: this.lengths.get(req) ?? NLMSG_HDRLEN, type: req.type, flags: req.flags, seq: req.seq, pid: req.pid };
        this.deliverMsgs([{ type: NLMSG_ERROR, flags: NLM_F_CAPPED, seq: req.seq, pid, error: 0, request: echo }], opts);
      },
      error: (errno, ext, opts) => {
        this.deliverMsgs([
          {
            type: NLMSG_ERROR,
            flags: ext ? NLM_F_ACK_TLVS : 0,
            seq: req.seq,
            pid,
            error: -Math.abs(errno),
            request: req,
            ...(ext ? { ext } : {}),
          },
        ], opts);
      },
      data: (msgs, opts = {}) => {
        const list = Array.isArray(msgs) ? (msgs as readonly Message[]) : [msgs as Message];
        this.deliverMsgs(list.map((m) => fill(m, opts.seq ?? req.seq, opts.flags ?? 0)), opts);
      },
      dump: (msgs, opts = {}) => {
        const flags = NLM_F_MULTI | (opts.intr ? NLM_F_DUMP_INTR : 0);
        const per = Math.max(1, opts.perDatagram ?? (msgs.length || 1));
        for (let i = 0; i < msgs.length; i += per) {
          this.deliverMsgs(msgs.slice(i, i + per).map((m) => fill(m, req.seq, flags)), opts);
        }
        this.deliverMsgs([this.doneMsg(req.seq, pid, flags, opts.doneError, opts.doneExt)], opts);
      },
      done: (error, ext, opts = {}) => {
        this.deliverMsgs([this.doneMsg(opts.seq ?? req.seq, pid, NLM_F_MULTI | (opts.flags ?? 0), error, ext)], opts);
      },
      messages: (msgs, opts) => this.deliverMsgs(msgs, opts),
      raw: (bytes, opts) => this.deliver(bytes, opts ?? {}),
    };
  }

  private doneMsg(seq: number, pid: number, flags: number, error: number | undefined, ext: ExtAck | undefined): Message {
    const m: Message = { type: NLMSG_DONE, flags: flags | (ext ? NLM_F_ACK_TLVS : 0), seq, pid };
    // The kernel always puts the 4-byte error in NLMSG_DONE.
    m.error = error === undefined ? 0 : -Math.abs(error);
    if (ext) m.ext = ext;
    return m;
  }

  private deliverMsgs(msgs: readonly Message[], opts: DeliveryOptions = {}): void {
    this.deliver(encodeMessages(msgs, this.proto), opts);
  }

  private deliver(bytes: Uint8Array, opts: DeliveryOptions): void {
    if (this.closed) return;
    let data = bytes;
    const info: DatagramInfo = { port: opts.port ?? 0 };
    if (opts.truncateTo !== undefined && opts.truncateTo < bytes.length) {
      data = bytes.slice(0, opts.truncateTo);
      info.truncated = bytes.length;
    }
    const run = (): void => {
      this.timers.delete(t);
      if (this.closed) return;
      if (info.port === 0) this.settle(bytes);
      this.messageCb?.(data, info);
    };
    const t = opts.delay === undefined ? setImmediate(run) : setTimeout(run, opts.delay);
    this.timers.add(t);
  }

  /** Notes the final answers (NLMSG_ERROR, NLMSG_DONE) a datagram carries. */
  private settle(bytes: Uint8Array): void {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let off = 0; off + NLMSG_HDRLEN <= bytes.length; ) {
      const len = dv.getUint32(off, true);
      if (len < NLMSG_HDRLEN) break;
      const type = dv.getUint16(off + 4, true);
      if (type === NLMSG_ERROR || type === NLMSG_DONE) {
        const seq = dv.getUint32(off + 8, true);
        this.open.delete(seq);
        this.openDumps.delete(seq);
      }
      off += (len + 3) & ~3;
    }
  }
}
