/**
 * Streams of netlink messages and the datagrams that carry them. A dump
 * answer is a stream of whole messages cut into datagrams at message
 * boundaries; how the kernel groups them (one per datagram, as many as
 * fit in the read buffer) must not change what the reader gets. And when
 * netlink bytes travel over a byte stream (a pipe, a capture file), a
 * reader must reassemble whole messages from chunks cut anywhere.
 */
import { align4 } from '../bytes/align.js';
import { NLMSG_HDRLEN } from '../core/constants.js';
import { DecodeError } from '../core/errors.js';
import { decodeMessages, isZeroTail, type Message } from '../netlink/message.js';
import type { Protocol } from '../netlink/protocol.js';
import { copyBytes } from './equal.js';

/**
 * Start offsets of the messages of a stream (whole messages, each padded
 * to 4 bytes; a zero tail ends it), and the end of the last one. Throws
 * DecodeError when a header is truncated or lies about its length.
 */
export function messageBoundaries(stream: Uint8Array): number[] {
  const dv = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const out: number[] = [];
  let off = 0;
  while (off < stream.length) {
    if (isZeroTail(stream, off)) break;
    if (stream.length - off < NLMSG_HDRLEN) throw new DecodeError(`${stream.length - off} bytes left, too few for a 16-byte nlmsghdr`, off);
    const len = dv.getUint32(off, true);
    if (len < NLMSG_HDRLEN || len > stream.length - off) throw new DecodeError(`nlmsg_len ${len} does not fit (${stream.length - off} bytes left)`, off);
    out.push(off);
    off += Math.min(align4(len), stream.length - off);
  }
  out.push(off);
  return out;
}

/** The bytes of each message of a stream (padding included). */
export function splitMessages(stream: Uint8Array): Uint8Array[] {
  const b = messageBoundaries(stream);
  const out: Uint8Array[] = [];
  for (let i = 0; i + 1 < b.length; i++) out.push(stream.subarray(b[i]!, b[i + 1]!));
  return out;
}

/**
 * Groups messages into datagrams: `cuts` are the message indexes (1 to
 * n-1) before which a new datagram starts.
 */
export function groupIntoDatagrams(messages: readonly Uint8Array[], cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < messages.length).sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...points, messages.length]) {
    out.push(concat(messages.slice(from, c)));
    from = c;
  }
  return out;
}

/** Every grouping of `n` messages into datagrams (2^(n-1) of them), as cut lists; at most `limit`. */
export function* allGroupings(n: number, limit = 1 << 12): Generator<number[]> {
  const total = n <= 1 ? 1 : 2 ** (n - 1);
  for (let mask = 0; mask < Math.min(total, limit); mask++) {
    const cuts: number[] = [];
    for (let i = 1; i < n; i++) if (mask & (1 << (i - 1))) cuts.push(i);
    yield cuts;
  }
}

/** Decodes datagrams in order and concatenates their messages (what a dump reader collects). */
export function decodeDatagrams(datagrams: readonly Uint8Array[], proto: Protocol): Message[] {
  return datagrams.flatMap((d) => decodeMessages(d, proto));
}

/** Concatenates byte strings. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Reassembles whole netlink messages from a byte stream delivered in
 * chunks of any size: {@link push} returns the messages (each with its
 * padding) completed by the chunk. A header whose nlmsg_len is below 16
 * cannot be resynchronised from: it throws DecodeError (offset from the
 * start of the stream) and the reassembler stays failed.
 */
export class MessageReassembler {
  private buf: Uint8Array = new Uint8Array(0);
  private consumed = 0;
  private failed: DecodeError | undefined;

  /** Bytes received and not yet part of a whole message. */
  get pending(): number {
    return this.buf.length;
  }

  /** Adds a chunk; returns the messages it completed. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw this.failed;
    this.buf = this.buf.length === 0 ? copyBytes(chunk) : concat([this.buf, chunk]);
    const out: Uint8Array[] = [];
    let off = 0;
    while (this.buf.length - off >= NLMSG_HDRLEN) {
      const dv = new DataView(this.buf.buffer, this.buf.byteOffset + off, 4);
      const len = dv.getUint32(0, true);
      if (len < NLMSG_HDRLEN) {
        this.failed = new DecodeError(`nlmsg_len ${len} is less than the 16-byte header`, this.consumed + off);
        throw this.failed;
      }
      const whole = align4(len);
      if (this.buf.length - off < whole) break;
      out.push(copyBytes(this.buf.subarray(off, off + whole)));
      off += whole;
    }
    this.consumed += off;
    this.buf = copyBytes(this.buf.subarray(off));
    return out;
  }
}
