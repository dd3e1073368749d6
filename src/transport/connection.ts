/**
 * The request engine: requests with ACKs, multipart dumps, pipelining and
 * a bounded window over one {@link NetlinkPort}, for any netlink family
 * described by a {@link Protocol}.
 *
 * - Every request gets its own sequence number (per connection, starting
 *   at a random u32, wrapping, skipping 0); replies are matched by it and
 *   accepted only from the kernel (port 0).
 * - Requests are pipelined: up to `window` of them are with the kernel at
 *   once, the rest wait in order. The window keeps the socket's receive
 *   queue from overflowing (which loses replies).
 * - Dumps are serialized: the kernel runs one dump per socket at a time
 *   (a second one fails with EBUSY), so a dump waits, in order, for the one
 *   before it.
 * - A dump with NLM_F_DUMP_INTR on any part is sent again, up to `retries`
 *   times, then fails with {@link DumpInterruptedError}.
 */
import { align4 } from '../bytes/align.js';
import {
  NLM_F_ACK,
  NLM_F_DUMP,
  NLM_F_DUMP_INTR,
  NLM_F_REQUEST,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_HDRLEN,
  NLMSG_MIN_TYPE,
} from '../core/constants.js';
import { DecodeError, EncodeError } from '../core/errors.js';
import { explainMessages, messageTypeName } from '../netlink/explain.js';
import { decodeAt, encodeMessage, isZeroTail, lazySourceOf, type Message } from '../netlink/message.js';
import { resolveMessage, type Protocol } from '../netlink/protocol.js';
import { sourceOf } from '../schema/kind.js';
import { DumpInterruptedError, KernelError, TimeoutError, TransportError } from './errors.js';
import {
  DEFAULT_DUMP_RETRIES,
  DEFAULT_TIMEOUT_MS,
  defaultWindow,
  timerMs,
  type ConnectionOptions,
  type ConnectionStats,
  type Drop,
  type DumpOptions,
  type RequestOptions,
} from './options.js';
import { Fifo, type Pending, type PendingKind } from './pending.js';
import type { DatagramInfo, NetlinkPort } from './port.js';

export * from './options.js';

/** An encoded request about to be queued: what its pending entry is made from. */
interface Outgoing {
  kind: PendingKind;
  type: number;
  seq: number;
  bytes: Uint8Array;
  isDump: boolean;
  retries: number;
}

/** A netlink conversation with one kernel (or helper, or fake kernel) over one port. */
export class Connection {
  /** The family whose messages are encoded and decoded. */
  readonly protocol: Protocol;
  /** Most requests with the kernel at once. */
  readonly window: number;
  private readonly port: NetlinkPort;
  private readonly timeoutMs: number;
  private readonly dumpRetries: number;
  private readonly onDrop: ((drop: Drop) => void) | undefined;
  private readonly onUnsolicited: ((msg: Message) => void) | undefined;
  private readonly tap: ((direction: 'out' | 'in', datagram: Uint8Array, info?: DatagramInfo) => void) | undefined;
  private readonly lazy: boolean;
  /** Queued, sent and draining requests by seq (fire-and-forget ones are not kept). */
  private readonly pending = new Map<number, Pending>();
  private readonly queue = new Fifo<Pending>();
  private nextSeq: number;
  private inFlight = 0;
  private dumpRunning = false;
  private pumping = false;
  private pumpAgain = false;
  private referenced = false;
  private closedBy: TransportError | undefined;
  private readonly counters: ConnectionStats = {
    sent: 0,
    received: 0,
    inFlight: 0,
    maxInFlight: 0,
    queued: 0,
    foreignPort: 0,
    unknownSeq: 0,
    late: 0,
    garbage: 0,
    truncated: 0,
    dumpRetries: 0,
    timeouts: 0,
  };

  /** Takes over `port`: its callbacks are set here, and {@link close} closes it. */
  constructor(port: NetlinkPort, protocol: Protocol, options: ConnectionOptions = {}) {
    this.port = port;
    this.protocol = protocol;
    this.timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.dumpRetries = options.dumpRetries ?? DEFAULT_DUMP_RETRIES;
    this.window = Math.max(1, options.window ?? defaultWindow(port.receiveBuffer));
    this.nextSeq = (options.firstSeq ?? Math.floor(Math.random() * 0x1_0000_0000)) >>> 0;
    this.onDrop = options.onDrop;
    this.onUnsolicited = options.onUnsolicited;
    this.tap = options.tap;
    this.lazy = options.lazy ?? true;
    port.onMessage((datagram, info) => this.receive(datagram, info));
    port.onError((err) => this.shutdown(toTransportError(err, 'socket')));
    port.ref(false);
  }

  /**
   * Sends a request with NLM_F_REQUEST|NLM_F_ACK (added to `msg.flags`),
   * a fresh seq and this port's pid, and waits for the kernel's ACK.
   *
   * Resolves with the messages that came before the ACK (the object asked
   * for by a GET by name or index, or the echo of NLM_F_ECHO); often none.
   * Rejects with {@link KernelError} when the kernel refused,
   * {@link EncodeError} when `msg` cannot be encoded (nothing is sent),
   * {@link TimeoutError}, {@link TransportError}, or {@link DecodeError}
   * when a reply does not decode (with `lazy`, the default, a malformed
   * nest of a reply throws its DecodeError when it is read instead).
   */
  request(msg: Message, options: RequestOptions = {}): Promise<Message[]> {
    return this.submit('request', msg, NLM_F_REQUEST | NLM_F_ACK, options.timeout, 0);
  }

  /**
   * {@link request} for a message already encoded (one whole message, its
   * nlmsghdr first, e.g. written from a template): NLM_F_REQUEST|NLM_F_ACK
   * are added to its flags and its seq and pid written into `bytes`, which
   * the connection owns from then on. Not for dumps.
   */
  requestEncoded(bytes: Uint8Array, options: RequestOptions = {}): Promise<Message[]> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < NLMSG_HDRLEN || dv.getUint32(0, true) !== bytes.length) {
      return Promise.reject(new EncodeError(`an encoded request must be one whole message (${bytes.length} bytes given)`));
    }
    const seq = this.allocSeq();
    dv.setUint16(6, dv.getUint16(6, true) | NLM_F_REQUEST | NLM_F_ACK, true);
    dv.setUint32(8, seq, true);
    dv.setUint32(12, this.port.localPort(), true);
    return this.enqueue({ kind: 'request', type: dv.getUint16(4, true), seq, bytes, isDump: false, retries: 0 }, options.timeout, undefined);
  }

  /**
   * Sends a dump request (NLM_F_REQUEST|NLM_F_DUMP added to `msg.flags`)
   * and collects every part of the multipart answer up to NLMSG_DONE.
   *
   * Resolves with the dumped messages, in order. Rejects with
   * {@link KernelError} when the kernel refused (an NLMSG_ERROR, or an
   * NLMSG_DONE carrying an error), {@link DumpInterruptedError} when every
   * attempt was interrupted, and the errors of {@link request}.
   */
  dump(msg: Message, options: DumpOptions = {}): Promise<Message[]> {
    return this.submit('dump', msg, NLM_F_REQUEST | NLM_F_DUMP, options.timeout, options.retries ?? this.dumpRetries);
  }

  /**
   * Pipelines {@link request} for every message, in order, and waits for
   * all: one settled result per message, in the same order.
   */
  requestMany(msgs: readonly Message[], options: RequestOptions = {}): Promise<PromiseSettledResult<Message[]>[]> {
    return Promise.allSettled(msgs.map((m) => this.request(m, options)));
  }

  /**
   * Sends a message without waiting for any answer (NLM_F_REQUEST added;
   * no NLM_F_ACK, so the kernel answers only if it fails, and that answer
   * is dropped as `unknown-seq`). Keeps its place in the queue but takes no
   * window slot. Returns the seq used. Throws {@link EncodeError} (nothing
   * sent) or {@link TransportError} when the connection is closed.
   */
  send(msg: Message): number {
    if (this.closedBy) throw this.closedBy;
    const seq = this.allocSeq();
    const bytes = encodeMessage({ ...msg, flags: (msg.flags ?? 0) | NLM_F_REQUEST, seq, pid: this.port.localPort() }, this.protocol);
    this.queue.push(this.record({ kind: 'send', type: msg.type, seq, bytes, isDump: false, retries: 0 }, 0, noop, noop));
    this.pump();
    return seq;
  }

  /** A snapshot of the counters. */
  get stats(): ConnectionStats {
    return { ...this.counters, inFlight: this.inFlight, queued: this.queue.length };
  }

  /** True once {@link close} was called or the port failed. */
  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  /**
   * Rejects every pending and queued request with a {@link TransportError}
   * (reason `closed`) and closes the port. Idempotent.
   */
  close(): void {
    this.shutdown(new TransportError('connection closed', 'closed'));
  }

  private submit(kind: PendingKind, msg: Message, add: number, timeout: number | undefined, retries: number): Promise<Message[]> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    const seq = this.allocSeq();
    const flags = (msg.flags ?? 0) | add;
    let bytes: Uint8Array;
    try {
      bytes = encodeMessage({ ...msg, flags, seq, pid: this.port.localPort() }, this.protocol);
    } catch (e) {
      return Promise.reject(e);
    }
    const resolved = resolveMessage(this.protocol, { ...msg, flags });
    const isDump = kind === 'dump' || ((flags & NLM_F_DUMP) !== 0 && resolved?.op === 'get');
    return this.enqueue({ kind, type: msg.type, seq, bytes, isDump, retries }, timeout, resolved?.name);
  }

  /** Queues an encoded request (its seq already allocated) and sends what the window allows. */
  private enqueue(out: Outgoing, timeout: number | undefined, name: string | undefined): Promise<Message[]> {
    return new Promise<Message[]>((resolve, reject) => {
      const p = this.record(out, timerMs(timeout ?? this.timeoutMs), resolve, reject);
      // A generic netlink request is named by its family and command (`ethtool ETHTOOL_MSG_CHANNELS_SET`).
      if (name !== undefined) p.name = name;
      this.pending.set(out.seq, p);
      this.queue.push(p);
      if (p.timeoutMs > 0) p.timer = setTimeout(() => this.expire(p), p.timeoutMs);
      this.pump();
    });
  }

  private record(out: Outgoing, timeoutMs: number, resolve: (replies: Message[]) => void, reject: (err: Error) => void): Pending {
    return {
      kind: out.kind,
      isDump: out.isDump,
      type: out.type,
      name: messageTypeName(out.type, this.protocol),
      bytes: out.bytes,
      seq: out.seq,
      state: 'queued',
      replies: [],
      intr: false,
      attempts: 0,
      retries: out.retries,
      timeoutMs,
      resolve,
      reject,
    };
  }

  /** Next sequence number: wraps at 2^32, skips 0 (notifications) and seqs still pending. */
  private allocSeq(): number {
    for (;;) {
      const seq = this.nextSeq;
      this.nextSeq = (this.nextSeq + 1) >>> 0;
      if (seq !== 0 && !this.pending.has(seq)) return seq;
    }
  }

  /** Sends queued requests while the window and the dump slot allow. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        while (this.queue.length > 0 && this.closedBy === undefined) {
          const p = this.queue.peek()!;
          if (p.state !== 'queued') {
            this.queue.shift();
            continue;
          }
          if (p.kind !== 'send') {
            if (this.inFlight >= this.window) break;
            if (p.isDump && this.dumpRunning) break;
          }
          this.queue.shift();
          this.transmit(p);
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
    this.updateRef();
  }

  private transmit(p: Pending): void {
    p.attempts++;
    this.counters.sent++;
    if (p.kind === 'send') {
      p.state = 'done';
      const bytes = p.bytes;
      this.output(bytes, (err) => this.drop({ reason: 'send-failed', seq: p.seq, bytes, error: err }));
      return;
    }
    p.state = 'sent';
    this.inFlight++;
    if (this.inFlight > this.counters.maxInFlight) this.counters.maxInFlight = this.inFlight;
    if (p.isDump) this.dumpRunning = true;
    this.sendAttempt(p);
  }

  /** Hands the current attempt of `p` to the port; a send failure fails it. */
  private sendAttempt(p: Pending): void {
    const seq = p.seq;
    this.output(p.bytes, (err) => {
      if (p.state === 'sent' && p.seq === seq) this.fail(p, toTransportError(err, 'socket'));
    });
  }

  private output(bytes: Uint8Array, failed: (err: Error) => void): void {
    this.tap?.('out', bytes);
    this.port.send(bytes, (err) => {
      if (err) failed(err);
    });
  }

  /** Sends an interrupted dump again, with a new seq, keeping its window and dump slots. */
  private retry(p: Pending): void {
    this.counters.dumpRetries++;
    this.pending.delete(p.seq);
    p.seq = this.allocSeq();
    p.bytes = p.bytes.slice();
    new DataView(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength).setUint32(8, p.seq, true);
    p.replies = [];
    p.intr = false;
    p.error = undefined;
    this.pending.set(p.seq, p);
    p.attempts++;
    this.counters.sent++;
    this.sendAttempt(p);
  }

  /** The time limit passed. */
  private expire(p: Pending): void {
    p.timer = undefined;
    if (p.state === 'done') return;
    this.counters.timeouts++;
    p.reject(new TimeoutError(p.type, p.name, p.state === 'queued' ? 0 : p.seq, p.timeoutMs));
    if (p.state === 'queued') {
      p.state = 'done';
      this.pending.delete(p.seq);
      this.updateRef();
      return;
    }
    if (p.state === 'sent') {
      // Keep the slot until the kernel is done with it (a dump keeps running
      // as we read), but not forever.
      p.state = 'draining';
      p.timer = setTimeout(() => this.finish(p), p.timeoutMs);
      return;
    }
    this.finish(p);
  }

  /** Ends a record: frees its seq, window slot and dump slot; sends what waits. */
  private finish(p: Pending): void {
    if (p.state === 'done') return;
    const held = p.state === 'sent' || p.state === 'draining';
    p.state = 'done';
    if (p.timer !== undefined) clearTimeout(p.timer);
    p.timer = undefined;
    this.pending.delete(p.seq);
    if (held) {
      this.inFlight--;
      if (p.isDump) this.dumpRunning = false;
    }
    this.pump();
  }

  private succeed(p: Pending, replies: Message[]): void {
    const live = p.state !== 'draining';
    this.finish(p);
    if (live) p.resolve(replies);
  }

  private fail(p: Pending, err: Error): void {
    const live = p.state !== 'draining' && p.state !== 'done';
    this.finish(p);
    if (live) p.reject(err);
  }

  private receive(bytes: Uint8Array, info: DatagramInfo): void {
    if (this.closedBy) return;
    this.counters.received++;
    this.tap?.('in', bytes, info);
    if (info.port !== 0) {
      this.counters.foreignPort++;
      this.drop({ reason: 'foreign-port', port: info.port, bytes });
      return;
    }
    if (info.truncated !== undefined) {
      this.receiveTruncated(bytes, info.truncated);
      return;
    }
    const src = this.lazy ? lazySourceOf(bytes, this.protocol) : sourceOf(bytes);
    let off = 0;
    while (off < bytes.length && this.closedBy === undefined) {
      const avail = bytes.length - off;
      if (isZeroTail(bytes, off)) break;
      if (avail < NLMSG_HDRLEN) {
        this.garbage(bytes, off, new DecodeError(`${avail} bytes left, too few for a 16-byte nlmsghdr`, off));
        break;
      }
      const len = src.dv.getUint32(off, true);
      let msg: Message;
      try {
        msg = decodeAt(src, off, avail, this.protocol).msg;
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        this.garbage(bytes, off, e);
        if (len < NLMSG_HDRLEN || len > avail) break;
        off += align4(len);
        continue;
      }
      this.dispatch(msg, bytes, off);
      off += align4(len);
    }
  }

  /** One decoded message from the kernel. */
  private dispatch(msg: Message, bytes: Uint8Array, off: number): void {
    const p = this.pending.get(msg.seq);
    if (p === undefined || p.state === 'queued') {
      if (this.onUnsolicited) this.onUnsolicited(msg);
      else {
        this.counters.unknownSeq++;
        this.drop({ reason: 'unknown-seq', port: 0, seq: msg.seq, bytes, offset: off });
      }
      return;
    }
    const final = msg.type === NLMSG_ERROR || msg.type === NLMSG_DONE;
    if (p.state === 'draining') {
      this.counters.late++;
      if (final) this.finish(p);
      return;
    }
    if (msg.flags & NLM_F_DUMP_INTR) p.intr = true;
    if (!final) {
      // NLMSG_NOOP and NLMSG_OVERRUN carry nothing for the caller.
      if (msg.type >= NLMSG_MIN_TYPE) p.replies.push(msg);
      return;
    }
    this.complete(p, msg);
  }

  /** The final message of an attempt: an ACK, an error or NLMSG_DONE. */
  private complete(p: Pending, last: Message): void {
    const errno = last.error ?? 0;
    if (errno < 0) this.fail(p, this.kernelError(p, last));
    else if (p.error) this.fail(p, p.error);
    else if (p.intr && p.kind === 'dump') {
      if (p.attempts <= p.retries) this.retry(p);
      else this.fail(p, new DumpInterruptedError(p.type, p.name, p.attempts, p.replies));
    } else this.succeed(p, p.replies);
  }

  private kernelError(p: Pending, last: Message): KernelError {
    const offs = last.ext?.offs;
    return new KernelError({
      errno: last.error ?? 0,
      requestType: p.type,
      requestName: p.name,
      seq: p.seq,
      ...(last.ext ? { ext: last.ext } : {}),
      ...(offs !== undefined ? attrPathAt(p.bytes, offs, this.protocol) : {}),
      source: last.type === NLMSG_DONE ? 'done' : 'ack',
    });
  }

  /**
   * A datagram that did not fit the read buffer. Its head is intact: an
   * NLMSG_ERROR echoing a large request still tells its errno; anything
   * else fails the request it belongs to once the kernel is done with it.
   */
  private receiveTruncated(bytes: Uint8Array, fullLength: number): void {
    this.counters.truncated++;
    const err = new TransportError(`reply datagram truncated: ${fullLength} bytes did not fit the ${bytes.length}-byte read buffer`, 'truncated');
    let seq: number | undefined;
    if (bytes.length >= NLMSG_HDRLEN) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const type = dv.getUint16(4, true);
      seq = dv.getUint32(8, true);
      const p = this.pending.get(seq);
      if (p !== undefined && p.state === 'sent') {
        if (type === NLMSG_ERROR && bytes.length >= NLMSG_HDRLEN + 4) {
          this.complete(p, { type, flags: dv.getUint16(6, true), seq, pid: dv.getUint32(12, true), error: dv.getInt32(16, true) });
        } else {
          p.error ??= err;
          if (type === NLMSG_DONE) this.complete(p, { type, flags: 0, seq, pid: 0 });
        }
      }
    }
    this.drop({ reason: 'truncated', port: 0, ...(seq !== undefined ? { seq } : {}), bytes, error: err });
  }

  /** Bytes that do not decode: counted, dropped, and charged to their request if their seq names one. */
  private garbage(bytes: Uint8Array, off: number, err: DecodeError): void {
    this.counters.garbage++;
    let seq: number | undefined;
    if (bytes.length - off >= NLMSG_HDRLEN) {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const type = dv.getUint16(off + 4, true);
      seq = dv.getUint32(off + 8, true);
      const p = this.pending.get(seq);
      if (p !== undefined && p.state === 'sent') {
        p.error ??= err;
        // An undecodable final message still ends the attempt.
        if (type === NLMSG_ERROR || type === NLMSG_DONE) this.fail(p, p.error);
      }
    }
    this.drop({ reason: 'garbage', port: 0, ...(seq !== undefined ? { seq } : {}), bytes, offset: off, error: err });
  }

  private drop(d: Drop): void {
    this.onDrop?.(d);
  }

  /** Keeps the event loop alive only while something is pending. */
  private updateRef(): void {
    const busy = this.closedBy === undefined && (this.inFlight > 0 || this.queue.length > 0);
    if (busy !== this.referenced) {
      this.referenced = busy;
      this.port.ref(busy);
    }
  }

  private shutdown(err: TransportError): void {
    if (this.closedBy) return;
    this.closedBy = err;
    const all = new Set<Pending>([...this.pending.values(), ...this.queue.drain()]);
    this.pending.clear();
    for (const p of all) {
      if (p.timer !== undefined) clearTimeout(p.timer);
      p.timer = undefined;
      const live = p.state === 'queued' || p.state === 'sent';
      p.state = 'done';
      if (live && p.kind !== 'send') p.reject(err);
    }
    this.inFlight = 0;
    this.dumpRunning = false;
    this.referenced = false;
    this.port.close();
  }
}

function noop(): void {}

function toTransportError(err: Error, reason: 'socket' | 'helper'): TransportError {
  return err instanceof TransportError ? err : new TransportError(err.message, reason, { cause: err });
}

/** The kernel names of the attribute that starts at `offs` in the encoded request, if one does. */
function attrPathAt(request: Uint8Array, offs: number, proto: Protocol): { attrPath: string[] } | Record<string, never> {
  try {
    const row = explainMessages(request, proto).find((r) => r.offset === offs && r.role === 'attr');
    return row ? { attrPath: row.path } : {};
  } catch {
    return {};
  }
}
