/**
 * The kernel fuzzer's checks on every datagram in and out: each request is
 * recorded by seq as it leaves (and must itself decode and re-encode to its
 * bytes); each reply is matched to its request, counted as data or final
 * answer, and must decode and re-encode to its bytes; notifications are
 * checked the same way. After a batch, every request must have had exactly
 * one final answer, and data only where it asks for some.
 */
import { toHex } from '../bytes/hex.js';
import { NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLMSG_MIN_TYPE } from '../core/constants.js';
import { rtnetlink } from '../families/registry.js';
import { TimeoutError } from '../transport/errors.js';
import type { DatagramInfo } from '../transport/port.js';
import { copyBytes } from './equal.js';
import type { FuzzReport } from './kernel-fuzzer-report.js';
import type { Op } from './ops.js';
import { checkKernelDatagram } from './properties.js';

/** A request on its way: what it was, and the answers seen for it. */
export interface SeqRecord {
  op: Op | undefined;
  label: string;
  bytes: Uint8Array;
  finals: number;
  data: number;
  dump: boolean;
}

/** Headers (len, type, seq) of the messages of a datagram, as far as they can be read. */
export function headers(d: Uint8Array): { type: number; seq: number; flags: number }[] {
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const out: { type: number; seq: number; flags: number }[] = [];
  for (let off = 0; off + NLMSG_HDRLEN <= d.length; ) {
    const len = dv.getUint32(off, true);
    if (len < NLMSG_HDRLEN) break;
    out.push({ type: dv.getUint16(off + 4, true), flags: dv.getUint16(off + 6, true), seq: dv.getUint32(off + 8, true) });
    off += (len + 3) & ~3;
  }
  return out;
}

/** The datagram without its seq field (to recognise a dump sent again with a new seq). */
export function withoutSeq(b: Uint8Array): string {
  const c = copyBytes(b);
  c.fill(0, 8, 12);
  return toHex(c);
}


/** The requests of the batch in flight, matched with what comes back. */
export class DatagramWatch {
  /** Requests by seq, until their batch is settled. */
  readonly inflight = new Map<number, SeqRecord>();
  /** Seqs of requests that timed out: a reply to one is late, not stray. */
  readonly late = new Set<number>();
  /** Requests handed to the connection and not yet seen leaving, by their bytes without seq. */
  submitted: { op: Op | undefined; label: string; key: string; dump: boolean }[] = [];
  /** The last bytes sent for each operation id (bounded). */
  readonly recentRequests = new Map<number, Uint8Array>();

  constructor(private readonly report: FuzzReport) {}

  /** A datagram received (a reply, or a notification): counted, matched, checked. */
  tapIn(where: 'reply' | 'notification', d: Uint8Array, info?: DatagramInfo): void {
    const { stats } = this.report;
    stats.datagramsIn++;
    stats.bytesIn += d.length;
    if (info?.truncated !== undefined) {
      this.report.anomaly('truncated', `${where} datagram of ${info.truncated} bytes did not fit the read buffer`);
      return;
    }
    let rec: SeqRecord | undefined;
    for (const h of headers(d)) {
      if (where === 'notification') continue;
      const r = this.inflight.get(h.seq);
      if (r === undefined) {
        if (this.late.has(h.seq)) this.report.bump(stats.anomalies, 'late-reply');
        else if (h.seq !== 0) this.report.anomaly('unexpected-seq', `reply with seq ${h.seq} (type ${h.type}) matches no request`, { bytes: d });
        continue;
      }
      rec = r;
      if (h.type === NLMSG_ERROR || h.type === NLMSG_DONE) r.finals++;
      else if (h.type >= NLMSG_MIN_TYPE) {
        r.data++;
        if (r.dump) stats.dumpMessages++;
      }
    }
    const v = checkKernelDatagram(d, rtnetlink);
    if (v !== undefined) this.report.violation(v, { op: rec?.op, request: rec?.bytes, where: `${where} to ${rec?.label ?? 'nothing'}` });
  }

  /** A request leaving: recorded by seq, and checked. */
  tapOut(d: Uint8Array): void {
    const key = withoutSeq(d);
    const seq = new DataView(d.buffer, d.byteOffset, d.byteLength).getUint32(8, true);
    const s = this.submitted.findIndex((x) => x.key === key);
    let entry = s >= 0 ? this.submitted[s] : undefined;
    if (entry !== undefined) this.submitted.splice(s, 1);
    else {
      // A dump sent again after NLM_F_DUMP_INTR: same bytes, new seq.
      for (const r of this.inflight.values()) if (r.dump && withoutSeq(r.bytes) === key) entry = { op: r.op, label: r.label, key, dump: true };
    }
    this.inflight.set(seq, { op: entry?.op, label: entry?.label ?? 'unknown', bytes: copyBytes(d), finals: 0, data: 0, dump: entry?.dump ?? false });
    this.report.stats.sent++;
    // Our own requests: they must decode and re-encode to the same bytes.
    const v = checkKernelDatagram(d, rtnetlink);
    if (v !== undefined) this.report.violation({ ...v, property: v.property.replace(/^kernel-/, 'request-') }, { op: entry?.op, where: `request ${entry?.label ?? ''}` });
  }

  /** After a batch: exactly one final answer per request, data only where asked for. */
  settle(batch: readonly Op[], results: readonly PromiseSettledResult<unknown>[]): void {
    for (const [seq, rec] of this.inflight) {
      const timedOut = rec.finals === 0 && results.some((r, i) => r.status === 'rejected' && r.reason instanceof TimeoutError && batch[i] === rec.op);
      if (timedOut) this.late.add(seq);
      else if (rec.finals !== 1) this.report.anomaly(rec.finals === 0 ? 'no-final' : 'extra-final', `${rec.label} (seq ${seq}) got ${rec.finals} final answers`, { op: rec.op, bytes: rec.bytes });
      else if (rec.op !== undefined && ((rec.op.replies === 'none' && rec.data > 0) || (rec.op.replies === 'one' && rec.data > 1))) {
        this.report.anomaly('unexpected-replies', `${rec.label} (seq ${seq}) got ${rec.data} data messages before its answer`, { op: rec.op, bytes: rec.bytes });
      }
      if (rec.op) this.recentRequests.set(rec.op.id, rec.bytes);
    }
    this.inflight.clear();
    if (this.recentRequests.size > 4096) for (const k of [...this.recentRequests.keys()].slice(0, 1024)) this.recentRequests.delete(k);
  }

  /** After a model-check dump: every dump attempt had exactly one final answer. */
  settleDump(label: string): void {
    this.submitted = [];
    for (const [seq, rec] of this.inflight) if (rec.finals !== 1) this.report.anomaly(rec.finals === 0 ? 'no-final' : 'extra-final', `${label} (seq ${seq}) got ${rec.finals} final answers`);
    this.inflight.clear();
  }
}
