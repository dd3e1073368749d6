/**
 * The friendly view of a decoded RTM_NEWROUTE, as the API returns it; the full
 * decoded message stays in `message` for anything not lifted.
 */
import type { Message } from '../../netlink/message.js';
import { AF, AF_INET6, RT_SCOPE, RTM_F, RTN, RTPROT } from '../../rtnl/constants.js';
import type { ScopeName } from '../../rtnl/words.js';
import { kernelWord, type KernelWord } from '../../schema/enums.js';

export type ProtocolName = KernelWord<typeof RTPROT, 'RTPROT_'> | `${number}`;

/** A route type by the kernel's word (`RTN_UNICAST` is `unicast`), or its number as a string. */
export type RouteTypeName = KernelWord<typeof RTN, 'RTN_'> | `${number}`;

/** A gateway of another address family than the route's (RTA_VIA), by the kernel's word for the family (`inet6`). */
export interface RouteVia {
  family: KernelWord<typeof AF, 'AF_'> | `${number}`;
  address: string;
}

/** One next hop of a multipath route. */
export interface RouteNextHop {
  gateway?: string;
  via?: RouteVia;
  /** ifindex of the next hop's device. */
  oif: number;
  /** Its name (`routes.list({ names: true })`). */
  dev?: string;
  /** 1 to 256 (rtnh_hops + 1), as ip prints it. */
  weight: number;
  /** RTNH_F_* bits (onlink, dead, linkdown...). */
  flags: number;
}

/** A route. */
export interface Route {
  family: 4 | 6;
  /** `default` or `PREFIX/LEN`. */
  dst: string;
  /** Source prefix of a source-specific route (`PREFIX/LEN`). */
  from?: string;
  gateway?: string;
  via?: RouteVia;
  /** ifindex of the output device. */
  oif?: number;
  /** Name of the output device (`routes.list({ names: true })`). */
  dev?: string;
  /** ifindex of the input device (RTA_IIF: `route get ... iif`). */
  iif?: number;
  metric?: number;
  table: number;
  /** RTPROT_* value, and by the kernel's word. */
  protocol: number;
  protocolName: ProtocolName;
  /** RT_SCOPE_* value, and by the kernel's word. */
  scope: number;
  scopeName: ScopeName;
  /** RTN_* value, and by the kernel's word. */
  type: number;
  typeName: RouteTypeName;
  prefsrc?: string;
  /** rtm_tos (DS field). */
  tos: number;
  /** rtm_flags: RTNH_F_* (onlink, linkdown...), RTM_F_* and, in a `get` answer, RTCF_* cache flags. */
  flags: number;
  /** A cloned route: a cache entry or the answer of a lookup (RTM_F_CLONED). */
  cached: boolean;
  /** The nexthop object it uses (RTA_NH_ID, `nhid N`). */
  nhid?: number;
  /** Next hops of a multipath route (RTA_MULTIPATH). */
  nexthops?: RouteNextHop[];
  /** RTA_FLOW: realm from << 16 | realm to. */
  realms?: number;
  mark?: number;
  /** IPv6 router preference (RTA_PREF): 0 medium, 1 high, 3 low. */
  pref?: number;
  message: Message;
}

function via(v: { family: number; addr: string }): RouteVia {
  return { family: kernelWord(AF, 'AF_', Number(v.family)), address: v.addr };
}

export function toRoute(m: Message): Route {
  const a = m.attrs ?? {};
  const h = m.header!;
  const r: Route = {
    family: h.family === AF_INET6 ? 6 : 4,
    dst: a.dst === undefined ? (h.dstLen ? `0/${h.dstLen}` : 'default') : `${a.dst}/${h.dstLen}`,
    gateway: a.gateway,
    oif: a.oif,
    metric: a.priority,
    table: a.table ?? h.table,
    protocol: h.protocol,
    protocolName: kernelWord(RTPROT, 'RTPROT_', h.protocol),
    scope: h.scope,
    scopeName: kernelWord(RT_SCOPE, 'RT_SCOPE_', h.scope),
    type: h.type,
    typeName: kernelWord(RTN, 'RTN_', h.type),
    prefsrc: a.prefsrc,
    tos: h.tos,
    flags: h.flags >>> 0,
    cached: (h.flags & RTM_F.RTM_F_CLONED) !== 0,
    message: m,
  };
  if (a.src !== undefined || h.srcLen) r.from = `${a.src ?? '0'}/${h.srcLen}`;
  if (a.via !== undefined) r.via = via(a.via);
  if (a.iif !== undefined) r.iif = a.iif;
  if (a.nhId !== undefined) r.nhid = a.nhId;
  if (a.flow !== undefined) r.realms = a.flow;
  if (a.mark !== undefined) r.mark = a.mark;
  if (a.pref !== undefined) r.pref = a.pref;
  if (Array.isArray(a.multipath)) {
    r.nexthops = a.multipath.map((nh) => {
      const n: RouteNextHop = { oif: nh.ifindex, weight: nh.hops + 1, flags: nh.flags };
      if (nh.attrs?.gateway !== undefined) n.gateway = nh.attrs.gateway;
      if (nh.attrs?.via !== undefined) n.via = via(nh.attrs.via);
      return n;
    });
  }
  return r;
}
