/**
 * Builders of next hop (RTM_*NEXTHOP, RTM_*NEXTHOPBUCKET) requests from
 * checked, resolved arguments. Pure: they return {@link Message}s and send
 * nothing. Flags and attribute order as iproute2's `ip nexthop` (add
 * CREATE|EXCL, replace CREATE|REPLACE, delete and get none; dumps carry
 * their filters as attributes).
 */
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { AF_UNSPEC, RTM, RTNH_F } from '../../rtnl/constants.js';

/** A group member: its id and weight (the API takes 1 to 256, as ip 6.1 does; the wire has room for 65536). */
export interface GroupMember {
  id: number;
  weight: number;
}

/** Resolved arguments of a next hop or a group. */
export interface NexthopSpec {
  /** AF_INET, AF_INET6 or AF_UNSPEC (groups). */
  family: number;
  id?: number;
  gateway?: string;
  index?: number;
  onlink?: boolean;
  blackhole?: boolean;
  fdb?: boolean;
  group?: readonly GroupMember[];
  /** NEXTHOP_GRP_TYPE_*. */
  groupType?: number;
  /** Resilient group parameters; timers in centiseconds (clock_t). */
  resilient?: { buckets?: number; idleTimer?: number; unbalancedTimer?: number };
  protocol?: number;
}

/** Which next hops a dump returns (NHA_OIF, NHA_GROUPS, NHA_MASTER, NHA_FDB). */
export interface NexthopDumpFilter {
  family?: number;
  index?: number;
  groups?: boolean;
  master?: number;
  fdb?: boolean;
}

function header(family: number, protocol = 0, flags = 0): Record<string, number> {
  return { family, scope: 0, protocol, resvd: 0, flags };
}

function nexthopMessage(type: number, flags: number, s: NexthopSpec): Message {
  const attrs: Record<string, unknown> = {};
  // In the order of `ip nexthop add id ID via ADDR dev DEV ...` / `id ID group G fdb type T ...`.
  if (s.id !== undefined) attrs.id = s.id;
  if (s.gateway !== undefined) attrs.gateway = s.gateway;
  if (s.index !== undefined) attrs.oif = s.index;
  if (s.blackhole) attrs.blackhole = true;
  if (s.group !== undefined) {
    attrs.group = s.group.map((m) => ({ id: m.id, weight: (m.weight - 1) & 0xff, weightHigh: (m.weight - 1) >>> 8, resvd2: 0 }));
  }
  if (s.fdb) attrs.fdb = true;
  if (s.resilient !== undefined) {
    const r: Record<string, number> = {};
    if (s.resilient.buckets !== undefined) r.buckets = s.resilient.buckets;
    if (s.resilient.idleTimer !== undefined) r.idleTimer = s.resilient.idleTimer;
    if (s.resilient.unbalancedTimer !== undefined) r.unbalancedTimer = s.resilient.unbalancedTimer;
    attrs.resGroup = r;
  }
  if (s.groupType !== undefined) attrs.groupType = s.groupType;
  return { type, flags, seq: 0, pid: 0, header: header(s.family, s.protocol ?? 0, s.onlink ? RTNH_F.RTNH_F_ONLINK : 0), attrs };
}

/** RTM_NEWNEXTHOP (`ip nexthop add`). */
export function nexthopAdd(s: NexthopSpec): Message {
  return nexthopMessage(RTM.RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_EXCL, s);
}

/** RTM_NEWNEXTHOP (`ip nexthop replace`): creates it, or replaces the next hop with that id. */
export function nexthopReplace(s: NexthopSpec): Message {
  return nexthopMessage(RTM.RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_REPLACE, s);
}

/** RTM_DELNEXTHOP of one id (`ip nexthop del id ID`; `flush` sends one per next hop). */
export function nexthopDelete(id: number): Message {
  return { type: RTM.RTM_DELNEXTHOP, flags: 0, seq: 0, pid: 0, header: header(AF_UNSPEC), attrs: { id } };
}

/** RTM_GETNEXTHOP of one id (`ip nexthop get id ID`). */
export function nexthopGet(id: number, family = AF_UNSPEC): Message {
  return { type: RTM.RTM_GETNEXTHOP, flags: 0, seq: 0, pid: 0, header: header(family), attrs: { id } };
}

/** RTM_GETNEXTHOP dump, filtered in the kernel. */
export function nexthopDump(f: NexthopDumpFilter = {}): Message {
  const attrs: Record<string, unknown> = {};
  if (f.index !== undefined) attrs.oif = f.index;
  if (f.groups) attrs.groups = true;
  if (f.master !== undefined) attrs.master = f.master;
  if (f.fdb) attrs.fdb = true;
  return { type: RTM.RTM_GETNEXTHOP, flags: 0, seq: 0, pid: 0, header: header(f.family ?? AF_UNSPEC), attrs };
}

/** RTM_GETNEXTHOPBUCKET dump (`ip nexthop bucket show`): the buckets of resilient groups. */
export function bucketDump(f: NexthopDumpFilter & { id?: number; nhid?: number } = {}): Message {
  const m = nexthopDump(f);
  const attrs = m.attrs as Record<string, unknown>;
  if (f.id !== undefined) attrs.id = f.id;
  if (f.nhid !== undefined) attrs.resBucket = { nhId: f.nhid };
  return { ...m, type: RTM.RTM_GETNEXTHOPBUCKET };
}
