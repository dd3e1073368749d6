/**
 * The route API's options, checked and turned into what the request
 * builders and the selector take: words (`static`, `link`, `blackhole`,
 * `main`) into numbers, prefixes into addresses and lengths. Every check
 * runs before anything is sent; device names are resolved by the facet.
 */
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIfname, checkUint, networkOf, parseAddress, parseCidr } from '../../api/validate.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_SCOPE, RT_TABLE, RTN, RTNH_F, RTPROT } from '../../rtnl/constants.js';
import { kernelWords } from '../../schema/enums.js';
import type { RtaxAttrs } from '../message-types.js';
import { ICMPV6_ROUTER_PREF, metricsAttrs } from './attrs.js';
import type { NextHopSpec, RouteGetSpec, RouteSpec } from './requests.js';
import { defaultSelector, type PrefixSelector, type RouteSelector } from './select.js';
import type { ProtocolName, RouteTypeName } from './view.js';
import type { ScopeName } from '../../rtnl/words.js';

/** A routing table: an id, or the name of a reserved one. */
export type RouteTable = number | 'main' | 'local' | 'default';

/** Route metrics (RTA_METRICS) by the kernel's name (`RTAX_MTU` is `mtu`); times in ms, `rtt` in 1/8 ms and `rttvar` in 1/4 ms as the kernel keeps them. */
export type RouteMetrics = Omit<RtaxAttrs, 'lock'> & {
  /** Metrics the kernel must not change (`mtu lock 1400`). */
  lock?: readonly Exclude<keyof RtaxAttrs, 'lock'>[];
};

/** One next hop of a multipath route (`nexthop via ADDR dev NAME weight N`). */
export interface NextHopOptions {
  via?: string;
  dev?: string;
  /** 1 to 256 (default 1). */
  weight?: number;
  onlink?: boolean;
  /** RTA_FLOW: realm from << 16 | realm to. */
  realms?: number;
}

/** A route to add, replace, change, append, prepend or delete. */
export interface RouteOptions {
  /** `default`, or a prefix `198.18.1.0/24` (host bits are cleared). */
  dst: string;
  /** The route type (default `unicast`; a deletion matches any type unless given). */
  type?: RouteTypeName | number;
  via?: string;
  dev?: string;
  metric?: number;
  table?: RouteTable;
  /** IPv4 or IPv6 when `dst` is `default` and there is no gateway (default 4). */
  family?: 4 | 6;
  /** The originator (default `boot`, as ip's). */
  protocol?: ProtocolName | number;
  /** Default: iproute2's (link without a gateway, host for local routes...). */
  scope?: ScopeName | 'global' | number;
  /** Preferred source address (RTA_PREFSRC, ip's `src`). */
  src?: string;
  /** Source prefix of a source-specific route (RTA_SRC, ip's `from`; IPv6). */
  from?: string;
  tos?: number;
  /** The gateway is on the link even if no prefix says so (RTNH_F_ONLINK). */
  onlink?: boolean;
  /** A nexthop object (`ip nexthop add id N ...`) instead of a gateway. */
  nhid?: number;
  /** Next hops of a multipath route. */
  nexthops?: readonly NextHopOptions[];
  /** RTA_FLOW: realm from << 16 | realm to. */
  realms?: number;
  /** IPv6 router preference. */
  pref?: 'low' | 'medium' | 'high';
  /** Lifetime in seconds (IPv6). */
  expires?: number;
  metrics?: RouteMetrics;
}

/** Which routes `list` and `flush` take: iproute2's `ip route show` selectors. */
export interface RouteFilter {
  /** One IP version (default both). */
  family?: 4 | 6;
  /** Default `main`; `all` for every table. */
  table?: RouteTable | 'all';
  /** Also name each route's device (`dev`), at the cost of a link dump. */
  names?: boolean;
  /** Routes inside this prefix (`root`), containing it (`match`), or equal to it (`exact`); `default` is the default route. */
  root?: string;
  match?: string;
  exact?: string;
  /** The same for the source prefix of source-specific routes. */
  fromRoot?: string;
  fromMatch?: string;
  fromExact?: string;
  /** Output device (RTA_OIF: multipath routes have none) and input device. */
  dev?: string;
  iif?: string;
  protocol?: ProtocolName | number;
  scope?: ScopeName | 'global' | number;
  type?: RouteTypeName | number;
  tos?: number;
  /** Gateway: an address, or a prefix the gateway lies in. */
  via?: string;
  /** Preferred source address (ip's `src`): an address or a prefix. */
  src?: string;
  metric?: number;
  mark?: number;
  /** RTA_FLOW: the realms given are compared. */
  realms?: { from?: number; to?: number };
  /** Cache entries (cloned routes: PMTU exceptions...) instead of routes. */
  cached?: boolean;
}

/** What `get` takes beside the destination (`ip route get ADDR ...`). */
export interface RouteGetOptions {
  /** Source address (RTA_SRC). */
  from?: string;
  /** Input device: a lookup as for a packet arriving there. */
  iif?: string;
  /** Output device. */
  oif?: string;
  mark?: number;
  tos?: number;
  uid?: number;
  /** IP protocol number, and ports, for policy rules that select on them. */
  ipproto?: number;
  sport?: number;
  dport?: number;
  /** The FIB entry that matched (RTM_F_FIB_MATCH) rather than the resulting route. */
  fibmatch?: boolean;
}

const TABLES: Readonly<Record<string, number>> = { main: RT_TABLE.RT_TABLE_MAIN, local: RT_TABLE.RT_TABLE_LOCAL, default: RT_TABLE.RT_TABLE_DEFAULT };

function word(v: string | number, decl: Readonly<Record<string, number>>, prefix: string, what: string, extra: Readonly<Record<string, number>> = {}): number {
  if (typeof v === 'number') return checkUint(v, what, 255);
  if (typeof v === 'string') {
    if (v in extra) return extra[v]!;
    const words = kernelWords(decl, prefix);
    for (const [n, w] of Object.entries(words)) if (w === v) return Number(n);
  }
  throw new InvalidArgumentError(`unknown ${what} "${String(v)}" (${[...Object.keys(extra), ...Object.values(kernelWords(decl, prefix))].join(', ')}, or a number)`, String(v));
}

/** A table option to its id. */
export function tableId(t: RouteTable): number {
  if (typeof t === 'string') {
    const id = TABLES[t];
    if (id === undefined) throw new InvalidArgumentError(`unknown table "${t}" (main, local, default, or a number)`, t);
    return id;
  }
  return checkUint(t, 'table');
}

export const protocolId = (v: ProtocolName | number): number => word(v, RTPROT, 'RTPROT_', 'protocol');
export const scopeId = (v: ScopeName | 'global' | number): number => word(v, RT_SCOPE, 'RT_SCOPE_', 'scope', { global: RT_SCOPE.RT_SCOPE_UNIVERSE });
export const typeId = (v: RouteTypeName | number): number => word(v, RTN, 'RTN_', 'route type');

function family(f: unknown): 4 | 6 | undefined {
  if (f !== undefined && f !== 4 && f !== 6) throw new InvalidArgumentError(`family must be 4 or 6, not ${String(f)}`, String(f));
  return f;
}

function gatewayOf(text: string, fam: 4 | 6 | undefined, what: string): { gateway: string; family: 4 | 6 } {
  const g = parseAddress(text);
  // (An IPv4 route via an IPv6 neighbour, RTA_VIA, is `tsip route add ... via inet6 ADDR`: the facet's send().)
  if (fam !== undefined && g.family !== fam) throw new InvalidArgumentError(`${what} ${text} is not of the same family as the route (IPv${fam})`, text);
  return { gateway: g.address, family: g.family };
}

function metricsOf(m: RouteMetrics): Record<string, number | string> {
  if (m === null || typeof m !== 'object') throw new InvalidArgumentError('metrics is an object of RTAX_* values ({ mtu: 1400, lock: [\'mtu\'] })', String(m));
  const out: Record<string, number | string> = {};
  // Each metric by its key in the RTA_METRICS declaration, checked as that declaration types it.
  const metric = (k: string, what: string) => {
    const def = metricsAttrs.byKey.get(k);
    if (def === undefined || def.name === 'RTAX_LOCK') throw new InvalidArgumentError(`unknown route metric "${k}"${what}`, k);
    return def;
  };
  for (const [k, v] of Object.entries(m)) {
    if (k === 'lock' || v === undefined) continue;
    const def = metric(k, '');
    if (def.kind.spec.t === 'string') {
      if (typeof v !== 'string' || v === '' || Buffer.byteLength(v) > 15) throw new InvalidArgumentError(`${k}: a name of 1 to 15 bytes, not ${JSON.stringify(v)}`, String(v));
      out[k] = v;
    } else out[k] = checkUint(v, k);
  }
  const locks = m.lock ?? [];
  if (!Array.isArray(locks)) throw new InvalidArgumentError('lock is a list of metric names ([\'mtu\'])', String(locks));
  let lock = 0;
  for (const k of locks) lock |= 1 << metric(String(k), ' to lock').type;
  if (lock) out.lock = lock >>> 0;
  return out;
}

/** A route request as the facet sends it: a {@link RouteSpec} with device names. */
export type RouteRequest = Omit<RouteSpec, 'oif' | 'nexthops'> & {
  dev?: string;
  nexthops?: (Omit<NextHopSpec, 'oif'> & { dev?: string })[];
};

/** Checks route options and makes the request (devices still by name). */
export function routeRequest(r: RouteOptions, del: boolean): RouteRequest {
  if (r === null || typeof r !== 'object') throw new InvalidArgumentError('expected route options { dst, ... }');
  let fam = family(r.family);
  const spec: RouteRequest = { family: fam ?? 4, dstLen: 0 };
  if (typeof r.dst !== 'string') throw new InvalidArgumentError('a route needs a destination (dst): `default` or a prefix');
  if (r.dst !== 'default') {
    const c = parseCidr(r.dst);
    if (fam !== undefined && c.family !== fam) throw new InvalidArgumentError(`dst ${r.dst} is not an IPv${fam} prefix`, r.dst);
    spec.family = fam = c.family;
    spec.dst = networkOf(c);
    spec.dstLen = c.prefixlen;
  }
  if (r.from !== undefined) {
    const c = parseCidr(r.from);
    if (fam !== undefined && c.family !== fam) throw new InvalidArgumentError(`from ${r.from} is not an IPv${fam} prefix`, r.from);
    spec.family = fam = c.family;
    spec.src = networkOf(c);
    spec.srcLen = c.prefixlen;
  }
  if (r.via !== undefined) {
    const g = gatewayOf(r.via, fam, 'gateway');
    spec.family = fam = g.family;
    spec.gateway = g.gateway;
  }
  if (r.src !== undefined) {
    const p = parseAddress(r.src);
    if (fam !== undefined && p.family !== fam) throw new InvalidArgumentError(`src ${r.src} is not an IPv${fam} address`, r.src);
    spec.family = fam = p.family;
    spec.prefsrc = p.address;
  }
  if (r.type !== undefined) spec.type = typeId(r.type);
  if (r.metric !== undefined) spec.metric = checkUint(r.metric, 'metric');
  if (r.table !== undefined) spec.table = tableId(r.table);
  if (r.protocol !== undefined) spec.protocol = protocolId(r.protocol);
  if (r.scope !== undefined) spec.scope = scopeId(r.scope);
  if (r.tos !== undefined) spec.tos = checkUint(r.tos, 'tos', 255);
  if (r.onlink) spec.flags = RTNH_F.RTNH_F_ONLINK;
  if (r.nhid !== undefined) spec.nhid = checkUint(r.nhid, 'nhid');
  if (r.realms !== undefined) spec.realms = checkUint(r.realms, 'realms');
  if (r.expires !== undefined) spec.expires = checkUint(r.expires, 'expires');
  if (r.pref !== undefined) {
    const p = { low: ICMPV6_ROUTER_PREF.ICMPV6_ROUTER_PREF_LOW, medium: ICMPV6_ROUTER_PREF.ICMPV6_ROUTER_PREF_MEDIUM, high: ICMPV6_ROUTER_PREF.ICMPV6_ROUTER_PREF_HIGH }[r.pref];
    if (p === undefined) throw new InvalidArgumentError(`pref must be low, medium or high, not ${String(r.pref)}`, String(r.pref));
    spec.pref = p;
  }
  if (r.metrics !== undefined) spec.metrics = metricsOf(r.metrics);
  if (r.dev !== undefined) spec.dev = checkIfname(r.dev, 'dev');
  if (r.nexthops !== undefined) {
    if (!Array.isArray(r.nexthops) || r.nexthops.length === 0) throw new InvalidArgumentError('nexthops: a non-empty array of next hops');
    spec.nexthops = r.nexthops.map((nh, i) => {
      const n: Omit<NextHopSpec, 'oif'> & { dev?: string } = {};
      if (nh.via !== undefined) {
        const g = gatewayOf(nh.via, fam, `nexthops[${i}].via`);
        spec.family = fam = g.family;
        n.gateway = g.gateway;
      }
      if (nh.dev !== undefined) n.dev = checkIfname(nh.dev, `nexthops[${i}].dev`);
      if (nh.weight !== undefined) {
        if (!Number.isInteger(nh.weight) || nh.weight < 1 || nh.weight > 256) throw new InvalidArgumentError(`nexthops[${i}].weight must be an integer from 1 to 256, not ${String(nh.weight)}`, String(nh.weight));
        n.weight = nh.weight;
      }
      if (nh.onlink) n.flags = RTNH_F.RTNH_F_ONLINK;
      if (nh.realms !== undefined) n.realms = checkUint(nh.realms, `nexthops[${i}].realms`);
      return n;
    });
  }
  const reaches = spec.gateway !== undefined || spec.via !== undefined || spec.dev !== undefined || spec.nexthops !== undefined || spec.nhid !== undefined;
  if (!del && (spec.type ?? RTN.RTN_UNICAST) === RTN.RTN_UNICAST && !reaches) throw new InvalidArgumentError('a route needs a gateway (via), a device (dev), next hops or a nexthop id (nhid)');
  return spec;
}

/** A prefix option (`default`, `all`, an address or a prefix) as ip's selector holds it; `fam` is the family asked for, if any. */
export function prefixSelector(text: string, fam: number): PrefixSelector {
  if (text === 'default' || text === 'all' || text === 'any') {
    return { family: fam, bits: 0, bytes: new Uint8Array(16), lengthGiven: text === 'default' };
  }
  // A prefix of another family than the dump's selects nothing, as with ip.
  const c = parseCidr(text);
  const af = c.family === 6 ? AF_INET6 : AF_INET;
  const bytes = new Uint8Array(16);
  bytes.set(c.bytes);
  return { family: af, bits: c.prefixlen, bytes, lengthGiven: text.includes('/') };
}

/** The selector of a filter (devices resolved to `oif` and `iif` by the caller). */
export function selectorOf(f: RouteFilter, index: { oif?: number; iif?: number } = {}): RouteSelector {
  const fam = family(f.family);
  const af = fam === 6 ? AF_INET6 : fam === 4 ? AF_INET : 0;
  const sel = defaultSelector(af);
  if (f.table !== undefined) sel.table = f.table === 'all' ? 0 : tableId(f.table);
  if (f.cached) sel.cloned = 'only';
  if (f.protocol !== undefined) sel.protocol = protocolId(f.protocol);
  if (f.scope !== undefined) sel.scope = scopeId(f.scope);
  if (f.type !== undefined) sel.type = typeId(f.type);
  if (f.tos !== undefined) sel.tos = checkUint(f.tos, 'tos', 255);
  if (f.root !== undefined) sel.rootDst = prefixSelector(f.root, af);
  if (f.match !== undefined) sel.matchDst = prefixSelector(f.match, af);
  if (f.exact !== undefined) sel.rootDst = sel.matchDst = prefixSelector(f.exact, af);
  if (f.fromRoot !== undefined) sel.rootSrc = prefixSelector(f.fromRoot, af);
  if (f.fromMatch !== undefined) sel.matchSrc = prefixSelector(f.fromMatch, af);
  if (f.fromExact !== undefined) sel.rootSrc = sel.matchSrc = prefixSelector(f.fromExact, af);
  if (f.via !== undefined) sel.via = prefixSelector(f.via, af);
  if (f.src !== undefined) sel.prefsrc = prefixSelector(f.src, af);
  if (f.metric !== undefined) sel.metric = checkUint(f.metric, 'metric');
  if (f.mark !== undefined) sel.mark = checkUint(f.mark, 'mark');
  if (f.realms !== undefined) {
    const from = f.realms.from === undefined ? undefined : checkUint(f.realms.from, 'realms.from', 0xffff);
    const to = f.realms.to === undefined ? undefined : checkUint(f.realms.to, 'realms.to', 0xffff);
    sel.realms = { value: (((from ?? 0) << 16) | (to ?? 0)) >>> 0, mask: ((from === undefined ? 0 : 0xffff0000) | (to === undefined ? 0 : 0xffff)) >>> 0 };
  }
  if (index.oif !== undefined) sel.oif = index.oif;
  if (index.iif !== undefined) sel.iif = index.iif;
  return sel;
}

/** A lookup request as the facet sends it: a {@link RouteGetSpec} with device names. */
export type RouteGetRequest = Omit<RouteGetSpec, 'iif' | 'oif'> & { iif?: string; oif?: string };

/** Checks `get`'s arguments. */
export function getRequest(dst: string, o: RouteGetOptions = {}): RouteGetRequest {
  const d = parseAddress(dst);
  const g: RouteGetRequest = { family: d.family, dst: d.address, dstLen: d.family === 6 ? 128 : 32 };
  if (o.from !== undefined) {
    const s = parseAddress(o.from);
    if (s.family !== d.family) throw new InvalidArgumentError(`from ${o.from} is not an IPv${d.family} address`, o.from);
    g.src = s.address;
    g.srcLen = d.family === 6 ? 128 : 32;
  }
  if (o.iif !== undefined) g.iif = checkIfname(o.iif, 'iif');
  if (o.oif !== undefined) g.oif = checkIfname(o.oif, 'oif');
  if (o.mark !== undefined) g.mark = checkUint(o.mark, 'mark');
  if (o.tos !== undefined) g.tos = checkUint(o.tos, 'tos', 255);
  if (o.uid !== undefined) g.uid = checkUint(o.uid, 'uid');
  if (o.ipproto !== undefined) g.ipProto = checkUint(o.ipproto, 'ipproto', 255);
  if (o.sport !== undefined) g.sport = checkUint(o.sport, 'sport', 0xffff);
  if (o.dport !== undefined) g.dport = checkUint(o.dport, 'dport', 0xffff);
  if (o.fibmatch) g.fibmatch = true;
  return g;
}

/** The address families a filter's dump asks for. */
export function dumpFamily(f: RouteFilter): number {
  return f.family === 4 ? AF_INET : f.family === 6 ? AF_INET6 : AF_UNSPEC;
}
