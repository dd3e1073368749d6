/**
 * A capture explained: datagrams from an strace dump or a pcap file, each
 * with its rows, the request it answers (paired by nlmsg_seq), and every
 * error in it traced to the attribute it is about, using the echoed
 * request or, when the kernel capped its echo, the captured one.
 */
import { headersOf } from '../netlink/headers-walk.js';
import type { DecodeError } from '../core/errors.js';
import { explainDatagram } from '../netlink/explain.js';
import type { Protocol } from '../netlink/protocol.js';
import type { Row } from '../schema/kind.js';
import { requestMessage, traceErrors, type ErrorTrace } from './extack.js';
import { GENERIC_MARK } from './tap.js';

/** One datagram of a capture, as read from the file. */
export interface CapturedDatagram {
  /** `send`: user space to kernel; `recv`: kernel to user space; undefined when unknown. */
  dir?: 'send' | 'recv';
  bytes: Uint8Array;
  /** Where it came from, for the header line (`sendmsg fd 3, line 12`, `packet 4`). */
  source: string;
  /** Something to know about it (truncated, not NETLINK_ROUTE...). */
  note?: string;
  /** False to show it without decoding (another netlink protocol). */
  decode?: boolean;
  /** Its protocol, when not the capture's (a generic netlink datagram in a pcap of both). */
  protocol?: Protocol;
}

/** A datagram with its explanation. */
export interface ExplainedDatagram extends CapturedDatagram {
  /** 1-based position in the capture. */
  index: number;
  /** Rows tiling `bytes` (one `unknown` row when not decoded). */
  rows: Row[];
  /** Why the datagram does not decode strictly (its rows mark the malformed part). */
  error?: DecodeError;
  /** nlmsg_seq of each message (of the first 16 bytes that look like a header, at least). */
  seqs: number[];
  /** For replies: index of the datagram holding the request with the same seq. */
  replyTo?: number;
  /** Errors in this datagram, traced. */
  traces: ErrorTrace[];
}

/** Sequence numbers of the messages in a datagram, walking nlmsghdrs only. */
export function seqsOf(bytes: Uint8Array): number[] {
  return headersOf(bytes).map((h) => h.seq);
}

/** Explains every datagram of a capture, pairing replies with requests by seq. */
export function explainCapture(datagrams: readonly CapturedDatagram[], proto: Protocol): ExplainedDatagram[] {
  const out: ExplainedDatagram[] = [];
  const lastSendBySeq = new Map<number, number>(); // seq -> position in `out`
  for (const d of datagrams) {
    const index = out.length + 1;
    const seqs = seqsOf(d.bytes);
    let rows: Row[];
    let error: DecodeError | undefined;
    if (d.decode === false) {
      rows = d.bytes.length ? [{ offset: 0, length: d.bytes.length, depth: 0, role: 'unknown', path: ['datagram'], name: 'datagram', value: 'not decoded' }] : [];
    } else ({ rows, error } = explainDatagram(d.bytes, d.protocol ?? proto));
    const e: ExplainedDatagram = { ...d, index, rows, seqs, traces: [] };
    if (error) e.error = error;
    if (d.dir === 'send') for (const s of seqs) lastSendBySeq.set(s, out.length);
    else if (d.dir === 'recv' && seqs.length) {
      const req = lastSendBySeq.get(seqs[0]!);
      if (req !== undefined) e.replyTo = out[req]!.index;
    }
    if (d.decode !== false && d.dir !== 'send') {
      e.traces = traceErrors(d.bytes, d.protocol ?? proto, (seq, type) => {
        const at = lastSendBySeq.get(seq);
        return at === undefined ? undefined : requestMessage(out[at]!.bytes, seq, type);
      });
    }
    out.push(e);
  }
  return out;
}

/** The header line of a datagram in text output. */
export function datagramTitle(d: ExplainedDatagram): string {
  const dir = d.dir === 'send' ? 'user -> kernel' : d.dir === 'recv' ? 'kernel -> user' : 'direction unknown';
  // Marked as -xx marks it, so that the text pastes back with its protocol (paste.ts).
  const parts = [`#${d.index} ${d.source}: ${dir}, ${d.bytes.length} bytes${d.protocol?.name === GENERIC_MARK ? `, ${GENERIC_MARK}` : ''}`];
  if (d.seqs.length) parts.push(`seq ${[...new Set(d.seqs)].join(', ')}`);
  if (d.replyTo !== undefined) parts.push(`reply to #${d.replyTo}`);
  if (d.note) parts.push(d.note);
  if (d.error) parts.push(`does not decode: ${d.error.message}`);
  return parts.join(', ');
}
