/**
 * Builders of traffic control requests (RTM_*QDISC, RTM_*TCLASS, and the
 * dumps of filters) from checked, resolved arguments. Pure: they return
 * {@link Message}s and send nothing. Flags and attributes as tc 6.1's:
 * add CREATE|EXCL, replace CREATE|REPLACE, change and delete none;
 * TCA_KIND then TCA_OPTIONS, options in tc's order, rate tables computed
 * as tc computes them (see psched.ts), so the bytes are tc's.
 */
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { AF_UNSPEC, RTM } from '../../rtnl/constants.js';
import { TC_LINKLAYER } from './ratespec.js';
import { rateTable, xmittime, type PschedClock } from './psched.js';

/** What a qdisc or class request names. */
export interface TcTarget {
  ifindex: number;
  handle: number;
  parent: number;
}

/** How a change is made: `add` fails when it exists, `replace` creates or replaces, `change` changes an existing one. */
export type TcOp = 'add' | 'replace' | 'change';

const FLAGS: Readonly<Record<TcOp, number>> = { add: NLM_F_CREATE | NLM_F_EXCL, replace: NLM_F_CREATE | NLM_F_REPLACE, change: 0 };

function header(t: TcTarget): Record<string, number> {
  return { family: AF_UNSPEC, ifindex: t.ifindex, handle: t.handle, parent: t.parent, info: 0 };
}

function tcMessage(type: number, flags: number, t: TcTarget, kind?: string, options?: unknown): Message {
  const attrs: Record<string, unknown> = {};
  if (kind !== undefined) attrs.kind = kind;
  if (options !== undefined) attrs.options = options;
  return { type, flags, seq: 0, pid: 0, header: header(t), attrs };
}

/** RTM_NEWQDISC: a qdisc of `kind` with its TCA_OPTIONS (undefined: none). */
export function qdiscChange(op: TcOp, t: TcTarget, kind: string, options?: unknown): Message {
  return tcMessage(RTM.RTM_NEWQDISC, FLAGS[op], t, kind, options);
}

/** RTM_DELQDISC of the qdisc at `parent` (and `handle`, when given); tc names the kind when it was given one (`tc qdisc del dev X clsact`). */
export function qdiscDelete(t: TcTarget, kind?: string): Message {
  return tcMessage(RTM.RTM_DELQDISC, 0, t, kind);
}

/** RTM_NEWTCLASS: a class of `kind` with its TCA_OPTIONS. */
export function classChange(op: TcOp, t: TcTarget, kind: string, options?: unknown): Message {
  return tcMessage(RTM.RTM_NEWTCLASS, FLAGS[op], t, kind, options);
}

/** RTM_DELTCLASS of class `handle`. */
export function classDelete(t: TcTarget): Message {
  return tcMessage(RTM.RTM_DELTCLASS, 0, t);
}

/** RTM_GETQDISC dump (every link's, or one's: the kernel filters by tcm_ifindex). */
export function qdiscDump(ifindex = 0): Message {
  return tcMessage(RTM.RTM_GETQDISC, 0, { ifindex, handle: 0, parent: 0 });
}

/** RTM_GETTCLASS dump of a link's classes. */
export function classDump(ifindex: number): Message {
  return tcMessage(RTM.RTM_GETTCLASS, 0, { ifindex, handle: 0, parent: 0 });
}

/** RTM_GETTFILTER dump of the filters attached at `parent` on a link. */
export function filterDump(ifindex: number, parent: number): Message {
  return tcMessage(RTM.RTM_GETTFILTER, 0, { ifindex, handle: 0, parent });
}

/** A rate spec with its table, as tc fills both (cell_align -1, the link layer Ethernet). */
function ratespec(clock: PschedClock, rate: number, mtu: number, mpu: number, overhead: number): { spec: Record<string, number>; table: number[] } {
  const { table, cellLog } = rateTable(clock, rate, { mtu, mpu });
  return { spec: { cellLog, linklayer: TC_LINKLAYER.TC_LINKLAYER_ETHERNET, overhead, cellAlign: -1, mpu, rate: rate >= 2 ** 32 ? 0xffffffff : rate }, table };
}

/** htb's qdisc options (TCA_HTB_INIT): the default class's minor, the rate-to-quantum divisor, the direct queue length. */
export function htbQdiscOptions(o: { defcls?: number; r2q?: number; directQlen?: number }): Record<string, unknown> {
  const out: Record<string, unknown> = { init: { version: 3, rate2quantum: o.r2q ?? 10, defcls: o.defcls ?? 0, debug: 0, directPkts: 0 } };
  if (o.directQlen !== undefined) out.directQlen = o.directQlen;
  return out;
}

/** Resolved htb class parameters; rates in bytes per second, sizes in bytes. */
export interface HtbClassSpec {
  rate: number;
  ceil?: number;
  burst?: number;
  cburst?: number;
  prio?: number;
  quantum?: number;
  mtu?: number;
  mpu?: number;
  overhead?: number;
}

/** htb's class options: TCA_HTB_PARMS with the buffers in ticks, then the rate and ceil tables (and RATE64/CEIL64 above 32 bits). */
export function htbClassOptions(clock: PschedClock, c: HtbClassSpec): Record<string, unknown> {
  const mtu = c.mtu ?? 1600;
  const mpu = c.mpu ?? 0;
  const overhead = c.overhead ?? 0;
  const ceil = c.ceil ?? c.rate;
  // tc's minimal burst: what the rate sends in one scheduler tick, plus an MTU.
  const burst = c.burst ?? Math.trunc(c.rate / clock.hz) + mtu;
  const cburst = c.cburst ?? Math.trunc(ceil / clock.hz) + mtu;
  const r = ratespec(clock, c.rate, mtu, mpu, overhead);
  const cl = ratespec(clock, ceil, mtu, mpu, overhead);
  const out: Record<string, unknown> = {};
  if (c.rate >= 2 ** 32) out.rate64 = BigInt(c.rate);
  if (ceil >= 2 ** 32) out.ceil64 = BigInt(ceil);
  out.parms = { rate: r.spec, ceil: cl.spec, buffer: xmittime(clock, c.rate, burst), cbuffer: xmittime(clock, ceil, cburst), quantum: c.quantum ?? 0, level: 0, prio: c.prio ?? 0 };
  out.rtab = r.table;
  out.ctab = cl.table;
  return out;
}

/** Resolved tbf parameters: rate in bytes per second, burst in bytes, and the queue as `limit` bytes or `latency` µs. */
export interface TbfSpec {
  rate: number;
  burst: number;
  limit?: number;
  latency?: number;
  mpu?: number;
  overhead?: number;
}

/** tbf's options: TCA_TBF_PARMS, TCA_TBF_BURST, (TCA_TBF_RATE64,) TCA_TBF_RTAB. */
export function tbfOptions(clock: PschedClock, t: TbfSpec): Record<string, unknown> {
  const r = ratespec(clock, t.rate, 0, t.mpu ?? 0, t.overhead ?? 0);
  const limit = t.limit ?? Math.trunc((t.rate * (t.latency ?? 0)) / 1_000_000 + t.burst);
  const zero = { cellLog: 0, linklayer: 0, overhead: 0, cellAlign: 0, mpu: 0, rate: 0 };
  const out: Record<string, unknown> = { parms: { rate: r.spec, peakrate: zero, limit, buffer: xmittime(clock, Math.min(t.rate, 0xffffffff), t.burst), mtu: 0 }, burst: t.burst };
  if (t.rate >= 2 ** 32) out.rate64 = BigInt(t.rate);
  out.rtab = r.table;
  return out;
}
