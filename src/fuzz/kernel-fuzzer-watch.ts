/**
 * The kernel fuzzer's checks on every datagram in and out: each request is
 * recorded by seq as it leaves (and must itself decode and re-encode to its
 * bytes); each reply is matched to its request, counted as data or final
 * answer, and must decode and re-encode to its bytes; notifications are
 * checked the same way. A request sent with mutated bytes (an `Op` of
 * variant `mutated`) and its answers are held to the hostile-input property instead (decode,
 * re-encode but for padding and length fields): the kernel echoes our
 * bytes as they were. A refusal's extended-ACK offsets must point inside
 * the request; its message is counted. After a batch, every request must
 * have had exactly one final answer, and data only where it asks for some.
 */
import { toHex } from '../bytes/hex.js';
import { NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLMSG_MIN_TYPE } from '../core/constants.js';
import { explainMessages } from '../netlink/explain.js';
import { decodeMessages } from '../netlink/message.js';
import type { Protocol } from '../netlink/protocol.js';
import { TimeoutError } from '../transport/errors.js';
import type { DatagramInfo } from '../transport/port.js';
import { copyBytes } from './equal.js';
import type { FuzzReport } from './kernel-fuzzer-report.js';
import type { Op } from './ops.js';
import { checkHostileBytes, checkKernelDatagram, type Violation } from './properties.js';

/** A request on its way: what it was, and the answers seen for it. */
export interface SeqRecord {
  op: Op | undefined;
  label: string;
  bytes: Uint8Array;
  finals: number;
  data: number;
  dump: boolean;
  /** Sent with mutated bytes: held to the hostile-input property. */
  mutated: boolean;
}

/** A request handed to the connection, not yet seen leaving. */
export interface Submitted {
  op: Op | undefined;
  label: string;
  /** Its bytes without seq ({@link withoutSeq}). */
  key: string;
  dump: boolean;
  mutated?: boolean;
}

/**
 * The property a datagram must have: every message re-encodes to exactly
 * its bytes; for one carrying mutated bytes (a request we mutated, an
 * answer echoing it), the hostile-input property.
 */
export function checkWatched(d: Uint8Array, proto: Protocol, mutated: boolean): Violation | undefined {
  if (!mutated) return checkKernelDatagram(d, proto);
  const v = checkHostileBytes(d, proto);
  return v && { ...v, property: `mutated-${v.property.replace(/^hostile-/, '')}` };
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
  submitted: Submitted[] = [];
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
    let finals = false;
    for (const h of headers(d)) {
      if (where === 'notification') continue;
      const r = this.inflight.get(h.seq);
      if (r === undefined) {
        if (this.late.has(h.seq)) this.report.bump(stats.anomalies, 'late-reply');
        else if (h.seq !== 0) this.report.anomaly('unexpected-seq', `reply with seq ${h.seq} (type ${h.type}) matches no request`, { bytes: d });
        continue;
      }
      rec = r;
      if (h.type === NLMSG_ERROR || h.type === NLMSG_DONE) {
        r.finals++;
        finals = true;
      } else if (h.type >= NLMSG_MIN_TYPE) {
        r.data++;
        if (r.dump) stats.dumpMessages++;
      }
    }
    if (finals) this.extAck(d);
    const mutated = rec?.mutated ?? false;
    const v = checkWatched(d, this.report.proto, mutated);
    if (v !== undefined) this.report.violation(v, { op: rec?.op, request: rec?.bytes, where: `${where} to ${rec?.label ?? 'nothing'}` }, (b, p) => checkWatched(b, p, mutated));
  }

  /**
   * The final answers (ACKs, refusals, NLMSG_DONE) in reply datagram `d`: each one's extended-ACK
   * offsets (NLMSGERR_ATTR_OFFS, _MISS_NEST) must point inside its request
   * (an anomaly otherwise), and at an attribute as we decode the request (a
   * finding otherwise: the kernel parsed it differently); its message is counted.
   */
  private extAck(d: Uint8Array): void {
    let msgs;
    try {
      msgs = decodeMessages(d, this.report.proto);
    } catch {
      return; // the datagram's own check reports it
    }
    const { stats } = this.report;
    for (const m of msgs) {
      const r = this.inflight.get(m.seq);
      if ((m.type !== NLMSG_ERROR && m.type !== NLMSG_DONE) || m.ext === undefined || r === undefined) continue;
      if (m.ext.msg !== undefined) {
        const known = Object.keys(stats.extAcks).length < 200 || stats.extAcks[m.ext.msg] !== undefined;
        this.report.bump(stats.extAcks, known ? m.ext.msg : '(others)');
      }
      for (const [name, off] of [['NLMSGERR_ATTR_OFFS', m.ext.offs], ['NLMSGERR_ATTR_MISS_NEST', m.ext.missNest]] as const) {
        if (off === undefined) continue;
        if (off < NLMSG_HDRLEN || off >= r.bytes.length) {
          this.report.anomaly('extack-offset', `${r.label}: ${name} ${off} is outside the ${r.bytes.length}-byte request`, { op: r.op, bytes: d });
          continue;
        }
        let onAttr = false;
        try {
          onAttr = explainMessages(r.bytes, this.report.proto).some((row) => row.offset === off && row.role === 'attr');
        } catch {
          // a request we could not lay out (mutated): no finding
          onAttr = true;
        }
        if (!onAttr) {
          stats.extAckOffAttr++;
          if (stats.extAckOffAttr <= 5) this.report.note(`${r.label}: ${name} ${off} points at no attribute of the request as tsnetlink decodes it`);
        }
      }
    }
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
      for (const r of this.inflight.values()) if (r.dump && withoutSeq(r.bytes) === key) entry = { op: r.op, label: r.label, key, dump: true, mutated: r.mutated };
    }
    const mutated = entry?.mutated ?? false;
    this.inflight.set(seq, { op: entry?.op, label: entry?.label ?? 'unknown', bytes: copyBytes(d), finals: 0, data: 0, dump: entry?.dump ?? false, mutated });
    this.report.stats.sent++;
    // Our own requests: they must decode and re-encode to the same bytes.
    const check = (b: Uint8Array, p: Protocol): Violation | undefined => {
      const v = checkWatched(b, p, mutated);
      return v && { ...v, property: v.property.replace(/^kernel-/, 'request-') };
    };
    const v = check(d, this.report.proto);
    if (v !== undefined) this.report.violation(v, { op: entry?.op, where: `request ${entry?.label ?? ''}` }, check);
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
