/**
 * Builders of route (RTM_*ROUTE) requests from checked, resolved arguments (names
 * already turned into indexes, namespaces into fds or NSIDs). Pure: they
 * return {@link Message}s and send nothing. Flags, header defaults and
 * attributes are the ones iproute2 (6.1) sends for the same command (see
 * fixtures/ and test/families/route.test.ts); the connection adds
 * NLM_F_REQUEST and NLM_F_ACK or NLM_F_DUMP.
 */
import { NLM_F_APPEND, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_SCOPE, RT_TABLE, RTM, RTM_F, RTN, RTPROT } from '../../rtnl/constants.js';

/**
 * How an RTM_NEWROUTE treats existing routes, by `ip route` command:
 * `add` (CREATE|EXCL), `replace` (CREATE|REPLACE), `change` (REPLACE),
 * `prepend` (CREATE), `append` (CREATE|APPEND), `test` (EXCL); `delete`
 * is RTM_DELROUTE.
 */
export type RouteOp = 'add' | 'replace' | 'change' | 'prepend' | 'append' | 'test' | 'delete';

const OP_FLAGS: Readonly<Record<RouteOp, number>> = {
  add: NLM_F_CREATE | NLM_F_EXCL,
  replace: NLM_F_CREATE | NLM_F_REPLACE,
  change: NLM_F_REPLACE,
  prepend: NLM_F_CREATE,
  append: NLM_F_CREATE | NLM_F_APPEND,
  test: NLM_F_EXCL,
  delete: 0,
};

/** A gateway of another address family than the route's (RTA_VIA: an IPv4 route via an IPv6 neighbour). */
export interface ViaSpec {
  family: number;
  addr: string;
}

/** One next hop of a multipath route (RTA_MULTIPATH). */
export interface NextHopSpec {
  gateway?: string;
  via?: ViaSpec;
  oif?: number;
  /** 1 to 256 (rtnh_hops + 1); default 1. */
  weight?: number;
  /** RTNH_F_* (onlink). */
  flags?: number;
  /** RTA_FLOW. */
  realms?: number;
}

/** Resolved arguments of a route request. */
export interface RouteSpec {
  family: 4 | 6;
  /** RTN_* (default unicast; a deletion leaves it 0, any type). */
  type?: number;
  /** Destination address as sent (host bits as given), undefined for the default route. */
  dst?: string;
  dstLen: number;
  /** Source prefix (`from`). */
  src?: string;
  srcLen?: number;
  tos?: number;
  gateway?: string;
  via?: ViaSpec;
  oif?: number;
  metric?: number;
  table?: number;
  scope?: number;
  protocol?: number;
  prefsrc?: string;
  /** rtm_flags (RTNH_F_ONLINK). */
  flags?: number;
  /** RTA_FLOW: realm from << 16 | realm to. */
  realms?: number;
  nhid?: number;
  /** RTA_PREF (ICMPV6_ROUTER_PREF_*). */
  pref?: number;
  /** RTA_EXPIRES, seconds (IPv6). */
  expires?: number;
  ttlPropagate?: number;
  /** RTA_METRICS by RTAX key (`mtu`, `advmss`, ..., `lock`), in the order to send. */
  metrics?: Record<string, number | string>;
  nexthops?: NextHopSpec[];
  /**
   * The order of the attributes before RTA_OIF (keys of RTA_*: `dst`,
   * `src`, `gateway`...): iproute2 adds them in the order of its arguments.
   * Default: dst, src, table, priority, prefsrc, gateway/via, flow, nhId,
   * pref, expires, ttlPropagate. RTA_OIF, RTA_METRICS and RTA_MULTIPATH
   * always come last, as iproute2 adds them after reading every argument.
   */
  order?: readonly string[];
}

const DEFAULT_ORDER = ['dst', 'src', 'table', 'priority', 'prefsrc', 'gateway', 'via', 'flow', 'nhId', 'pref', 'expires', 'ttlPropagate'];

/** Puts the attributes in `values` into `attrs` in `order`, then any left in the default order. */
function ordered(values: Record<string, unknown>, order: readonly string[] | undefined): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const k of [...(order ?? []), ...DEFAULT_ORDER]) if (values[k] !== undefined && !(k in attrs)) attrs[k] = values[k];
  return attrs;
}

/** The scope iproute2 gives a route without `scope`: ip's rules by family, type, gateway and command. */
function defaultScope(op: RouteOp, r: Pick<RouteSpec, 'family' | 'type' | 'gateway' | 'via' | 'nexthops' | 'nhid'>): number {
  const type = r.type ?? (op === 'delete' ? RTN.RTN_UNSPEC : RTN.RTN_UNICAST);
  if (r.family === 6) return RT_SCOPE.RT_SCOPE_UNIVERSE;
  if (type === RTN.RTN_LOCAL || type === RTN.RTN_NAT) return RT_SCOPE.RT_SCOPE_HOST;
  if (type === RTN.RTN_BROADCAST || type === RTN.RTN_MULTICAST || type === RTN.RTN_ANYCAST) return RT_SCOPE.RT_SCOPE_LINK;
  if (op === 'delete') return RT_SCOPE.RT_SCOPE_NOWHERE;
  if ((type === RTN.RTN_UNICAST || type === RTN.RTN_UNSPEC) && r.gateway === undefined && r.via === undefined && !r.nexthops?.length && !r.nhid) return RT_SCOPE.RT_SCOPE_LINK;
  return RT_SCOPE.RT_SCOPE_UNIVERSE;
}

/** The table iproute2 puts a route in without `table`: local for local, broadcast, NAT and anycast routes, else main. */
function defaultTable(type: number | undefined): number {
  return type === RTN.RTN_LOCAL || type === RTN.RTN_BROADCAST || type === RTN.RTN_NAT || type === RTN.RTN_ANYCAST ? RT_TABLE.RT_TABLE_LOCAL : RT_TABLE.RT_TABLE_MAIN;
}

/** RTM_NEWROUTE (or RTM_DELROUTE for `delete`) as `ip route OP` builds it. */
export function routeModify(op: RouteOp, r: RouteSpec): Message {
  const del = op === 'delete';
  const table = r.table ?? defaultTable(r.type);
  const values: Record<string, unknown> = {
    dst: r.dst,
    src: r.src,
    table: table > 255 ? table : undefined,
    priority: r.metric,
    prefsrc: r.prefsrc,
    gateway: r.gateway,
    via: r.via,
    flow: r.realms,
    nhId: r.nhid,
    pref: r.pref,
    expires: r.expires,
    ttlPropagate: r.ttlPropagate,
  };
  const attrs = ordered(values, r.order);
  if (r.oif !== undefined) attrs.oif = r.oif;
  if (r.metrics !== undefined && Object.keys(r.metrics).length) attrs.metrics = r.metrics;
  if (r.nexthops?.length) {
    attrs.multipath = r.nexthops.map((nh) => {
      const a: Record<string, unknown> = {};
      if (nh.gateway !== undefined) a.gateway = nh.gateway;
      if (nh.via !== undefined) a.via = nh.via;
      if (nh.realms !== undefined) a.flow = nh.realms;
      return { flags: nh.flags ?? 0, hops: (nh.weight ?? 1) - 1, ifindex: nh.oif ?? 0, attrs: a };
    });
  }
  return {
    type: del ? RTM.RTM_DELROUTE : RTM.RTM_NEWROUTE,
    flags: OP_FLAGS[op],
    seq: 0,
    pid: 0,
    header: {
      family: r.family === 6 ? AF_INET6 : AF_INET,
      dstLen: r.dstLen,
      srcLen: r.srcLen ?? 0,
      tos: r.tos ?? 0,
      table: table > 255 ? RT_TABLE.RT_TABLE_UNSPEC : table,
      protocol: r.protocol ?? (del ? RTPROT.RTPROT_UNSPEC : RTPROT.RTPROT_BOOT),
      scope: r.scope ?? defaultScope(op, r),
      type: r.type ?? (del ? RTN.RTN_UNSPEC : RTN.RTN_UNICAST),
      flags: r.flags ?? 0,
    },
    attrs,
  };
}

/** RTM_NEWROUTE / RTM_DELROUTE as iproute2 builds them (`add`: CREATE|EXCL, or CREATE|REPLACE with `replace`). */
export function routeChange(add: boolean, r: RouteSpec, replace = false): Message {
  return routeModify(add ? (replace ? 'replace' : 'add') : 'delete', r);
}

/** Resolved arguments of `ip route get`. */
export interface RouteGetSpec {
  family: 4 | 6;
  /** The address looked up (RTA_DST), and the length ip sends (32 or 128; 0 without an address). */
  dst?: string;
  dstLen: number;
  src?: string;
  srcLen?: number;
  tos?: number;
  iif?: number;
  oif?: number;
  mark?: number;
  uid?: number;
  ipProto?: number;
  sport?: number;
  dport?: number;
  /** The matching FIB entry rather than the resulting route (RTM_F_FIB_MATCH). */
  fibmatch?: boolean;
  /** RTM_F_NOTIFY. */
  notify?: boolean;
  /** Attribute order before RTA_IIF (keys `dst`, `src`, `uid`, `ipProto`, `sport`, `dport`): ip's argument order. */
  order?: readonly string[];
}

/**
 * RTM_GETROUTE of one route (`ip route get`): answered by the route, no
 * ACK asked by iproute2. IPv4 lookups carry RTM_F_LOOKUP_TABLE (the answer
 * names the table of the route found), as iproute2 sends them.
 */
export function routeGet(g: RouteGetSpec): Message {
  const values: Record<string, unknown> = { dst: g.dst, src: g.src, uid: g.uid, ipProto: g.ipProto, sport: g.sport, dport: g.dport };
  const attrs: Record<string, unknown> = {};
  for (const k of [...(g.order ?? []), 'dst', 'src', 'uid', 'ipProto', 'sport', 'dport']) if (values[k] !== undefined && !(k in attrs)) attrs[k] = values[k];
  if (g.iif !== undefined) attrs.iif = g.iif;
  if (g.oif !== undefined) attrs.oif = g.oif;
  if (g.mark) attrs.mark = g.mark;
  let flags = g.notify ? RTM_F.RTM_F_NOTIFY : 0;
  if (g.family === 4) flags |= RTM_F.RTM_F_LOOKUP_TABLE;
  if (g.fibmatch) flags |= RTM_F.RTM_F_FIB_MATCH;
  return {
    type: RTM.RTM_GETROUTE,
    flags: 0,
    seq: 0,
    pid: 0,
    header: { family: g.family === 6 ? AF_INET6 : AF_INET, dstLen: g.dstLen, srcLen: g.srcLen ?? 0, tos: g.tos ?? 0, table: 0, protocol: 0, scope: 0, type: 0, flags },
    attrs,
  };
}

/**
 * RTM_GETROUTE dump request of one family (AF_UNSPEC: all), with the
 * filters iproute2 sends for the kernel's strict dump checking:
 * rtm_protocol, RTM_F_CLONED, RTA_TABLE and RTA_OIF.
 */
export function routeDump(family = AF_UNSPEC, filter: { protocol?: number; cloned?: boolean; table?: number; oif?: number } = {}): Message {
  const attrs: Record<string, unknown> = {};
  if (filter.table) attrs.table = filter.table;
  if (filter.oif) attrs.oif = filter.oif;
  return {
    type: RTM.RTM_GETROUTE,
    flags: 0,
    seq: 0,
    pid: 0,
    header: { family, dstLen: 0, srcLen: 0, tos: 0, table: 0, protocol: filter.protocol ?? 0, scope: 0, type: 0, flags: filter.cloned ? RTM_F.RTM_F_CLONED : 0 },
    attrs,
  };
}

/**
 * RTM_DELROUTE of a route as the kernel reported it (`ip route flush` sends
 * each dumped route back so). The kernel refuses it for a route through a
 * nexthop object (RTA_NH_ID comes with the nexthop's gateway and device,
 * which it takes as a second specification): see {@link routeDeleteOf}.
 */
export function routeDeleteAsDumped(m: Message): Message {
  return { type: RTM.RTM_DELROUTE, flags: 0, seq: 0, pid: 0, header: m.header, attrs: m.attrs };
}

/**
 * RTM_DELROUTE of a dumped route that the kernel accepts for every route:
 * as dumped, but a route through a nexthop object by its id alone, without
 * the nexthop's gateway, device, encapsulation and next hops.
 */
export function routeDeleteOf(m: Message): Message {
  const msg = routeDeleteAsDumped(m);
  if (m.attrs?.nhId === undefined) return msg;
  const { gateway: _g, via: _v, oif: _o, multipath: _m, encap: _e, encapType: _t, ...attrs } = m.attrs;
  return { ...msg, attrs };
}
