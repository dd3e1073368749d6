/**
 * The friendly view of a decoded RTM_NEWQDISC, RTM_NEWTCLASS or
 * RTM_NEWTFILTER, as the API returns it: handles as tc writes them, the
 * kind, its decoded options and the counters; the full decoded message
 * stays in `message`.
 */
import type { Message } from '../../netlink/message.js';
import { formatHandle } from './header.js';

/** The counters of a qdisc or class (TCA_STATS2, else TCA_STATS). */
export interface TcCounters {
  bytes: number;
  packets: number;
  drops: number;
  overlimits: number;
  requeues: number;
  qlen: number;
  backlog: number;
}

/** A qdisc, a class or a filter. */
export interface TcObject {
  /** TCA_KIND: `htb`, `pfifo`, `u32`... */
  kind: string;
  /** ifindex of its link. */
  index: number;
  /** Its handle (a class's classid, a filter's handle) as tc writes it (`1:`, `1:10`), and as a number. */
  handle: string;
  handleValue: number;
  /** What it is attached to: `root`, `1:`, `ffff:fff1`... and as a number. */
  parent: string;
  parentValue: number;
  /** A filter's priority and protocol (ETH_P_*; tcm_info). */
  prio?: number;
  protocol?: number;
  /** TCA_OPTIONS as decoded (per kind). */
  options?: unknown;
  counters?: TcCounters;
  message: Message;
}

function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0;
}

function counters(a: Record<string, any>): TcCounters | undefined {
  const s2 = a.stats2;
  if (s2 !== undefined && typeof s2 === 'object') {
    const b = s2.basic ?? {};
    const q = s2.queue ?? {};
    return { bytes: num(b.bytes), packets: num(s2.pkt64 ?? b.packets), drops: num(q.drops), overlimits: num(q.overlimits), requeues: num(q.requeues), qlen: num(q.qlen), backlog: num(q.backlog) };
  }
  const s = a.stats;
  if (s === undefined) return undefined;
  return { bytes: num(s.bytes), packets: num(s.packets), drops: num(s.drops), overlimits: num(s.overlimits), requeues: 0, qlen: num(s.qlen), backlog: num(s.backlog) };
}

export function toTcObject(m: Message, filter = false): TcObject {
  const h = m.header!;
  const a = m.attrs ?? {};
  const o: TcObject = {
    kind: a.kind ?? '',
    index: h.ifindex,
    handle: filter ? (h.handle >>> 0).toString(16) : formatHandle(h.handle >>> 0),
    handleValue: h.handle >>> 0,
    parent: formatHandle(h.parent >>> 0),
    parentValue: h.parent >>> 0,
    message: m,
  };
  if (filter) {
    o.prio = h.info >>> 16;
    // The protocol is in network byte order in the low 16 bits.
    const p = h.info & 0xffff;
    o.protocol = ((p & 0xff) << 8) | (p >>> 8);
  }
  if (a.options !== undefined) o.options = a.options;
  const c = counters(a);
  if (c !== undefined) o.counters = c;
  return o;
}
