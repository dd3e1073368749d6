/**
 * The friendly view of a decoded RTM_NEWNEXTHOP (and of one bucket of a
 * resilient group), as the API returns it; the full decoded message stays
 * in `message` for anything not lifted.
 */
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, RTNH_F } from '../../rtnl/constants.js';
import { NEXTHOP_GRP_TYPE } from './header.js';

/** A member of a group, with its weight (1 to 65536 on the wire; ip 6.1 makes them up to 256). */
export interface NexthopGroupMember {
  id: number;
  weight: number;
}

/** A next hop, a group of next hops, or a blackhole. */
export interface Nexthop {
  id: number;
  /** The gateway's family (groups: undefined). */
  family?: 4 | 6;
  /** NHA_GATEWAY. */
  gateway?: string;
  /** ifindex of the link (NHA_OIF). */
  index?: number;
  /** Name of that link, where the API resolved it. */
  dev?: string;
  blackhole: boolean;
  /** NHA_FDB: for the bridge's and VXLAN's forwarding database only. */
  fdb: boolean;
  /** RTNH_F_ONLINK. */
  onlink: boolean;
  /** The members of a group. */
  group?: NexthopGroupMember[];
  /** A group's type. */
  type?: 'mpath' | 'resilient';
  /** A resilient group's parameters; timers in seconds. */
  resilient?: { buckets: number; idleTimer: number; unbalancedTimer: number; unbalancedTime: number };
  /** RTPROT_* originator. */
  protocol: number;
  /** RT_SCOPE_* (the kernel's). */
  scope: number;
  /** RTNH_F_* flags. */
  flags: number;
  message: Message;
}

/** One bucket of a resilient group (RTM_NEWNEXTHOPBUCKET). */
export interface NexthopBucket {
  /** The group's id. */
  id: number;
  index: number;
  /** The next hop the bucket sends to. */
  nhid: number;
  /** Seconds since the bucket was last used. */
  idleTime: number;
  message: Message;
}

/** A member's weight as it travels (minus one, its high byte apart) made whole. */
export function memberWeight(m: { weight: number; weightHigh?: number }): number {
  return ((m.weightHigh ?? 0) << 8 | m.weight) + 1;
}

export function toNexthop(m: Message): Nexthop {
  const a = m.attrs ?? {};
  const h = m.header!;
  const n: Nexthop = {
    id: a.id ?? 0,
    blackhole: a.blackhole === true,
    fdb: a.fdb === true,
    onlink: (h.flags & RTNH_F.RTNH_F_ONLINK) !== 0,
    protocol: h.protocol,
    scope: h.scope,
    flags: h.flags,
    message: m,
  };
  if (a.gateway !== undefined) {
    n.gateway = a.gateway;
    n.family = h.family === AF_INET6 ? 6 : 4;
  } else if (h.family === AF_INET || h.family === AF_INET6) n.family = h.family === AF_INET6 ? 6 : 4;
  if (a.oif !== undefined) n.index = a.oif;
  if (a.group !== undefined) {
    n.group = (a.group as { id: number; weight: number; weightHigh: number }[]).map((g) => ({ id: g.id, weight: memberWeight(g) }));
    n.type = a.groupType === NEXTHOP_GRP_TYPE.NEXTHOP_GRP_TYPE_RES ? 'resilient' : 'mpath';
  }
  const r = a.resGroup;
  if (r !== undefined) {
    n.resilient = {
      buckets: r.buckets ?? 0,
      idleTimer: (r.idleTimer ?? 0) / 100,
      unbalancedTimer: (r.unbalancedTimer ?? 0) / 100,
      unbalancedTime: Number(r.unbalancedTime ?? 0) / 100,
    };
  }
  return n;
}

export function toBucket(m: Message): NexthopBucket {
  const a = m.attrs ?? {};
  const b = a.resBucket ?? {};
  return { id: a.id ?? 0, index: b.index ?? 0, nhid: b.nhId ?? 0, idleTime: Number(b.idleTime ?? 0) / 100, message: m };
}
