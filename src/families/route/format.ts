/**
 * Routes as `ip [-d] route show` (iproute2 6.1) prints them, from decoded
 * RTM_NEWROUTE / RTM_DELROUTE messages: {@link routeJSON} gives the object
 * `ip -j` prints for one route, {@link routeText} the line `ip` prints
 * (more than one for a multipath route), and {@link isShownByDefault}
 * tells whether `ip route show` (no `table` argument) lists it at all.
 *
 * Not printed: light-weight tunnel encapsulations (RTA_ENCAP) and MPLS
 * (RTA_NEWDST).
 */
import { metricsAttrs, RTAX, RTAX_FEATURE } from './attrs.js';
import { RTCF } from './header.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, RTM, RT_SCOPE, RT_TABLE, RTM_F, RTN, RTPROT } from '../../rtnl/constants.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { METRIC_NAMES, ROUTE_PREFS, dsfieldName, protocolName, realmName, routeFlagNames, routeTypeName, tableName } from './names.js';
import { familyName, scopeName } from '../../format/names.js';
import { Out, gText, hex0x, num, type Json, type JsonObject } from '../../format/printer.js';

/** Options of {@link routeJSON} and {@link routeText}. */
export interface RouteFormatOptions {
  /** `-d`: also the type `unicast`, the main table, protocol `boot` and scope `global`. */
  details?: boolean;
  /**
   * The `table` argument the routes were listed with: a table id
   * (`ip route show` means RT_TABLE_MAIN, the default) or `'all'`. The
   * table is printed only with `'all'`, as iproute2 does.
   */
  table?: number | 'all';
  /** `-s`: also a cache entry's users, uses and age. */
  stats?: boolean;
  /**
   * Fields the selector fixed, which ip leaves out of every line (it would
   * be the same on each): the TOS, the gateway (a `via` address, not a
   * prefix), the device, protocol, scope, preferred source (an address),
   * metric, realms (both halves) and input device.
   */
  omit?: RouteOmit;
  /**
   * With `details`, the nexthop object behind each `nhid N`, as
   * `ip -d nexthop show` prints it (ip asks the kernel for it and prints
   * it as `nh_info`); a missing id prints nothing, as with ip.
   */
  nhInfo?: ReadonlyMap<number, { text: string; json: JsonObject }>;
}

/** What {@link RouteFormatOptions.omit} can leave out. */
export interface RouteOmit {
  tos?: boolean;
  gateway?: boolean;
  dev?: boolean;
  protocol?: boolean;
  scope?: boolean;
  prefsrc?: boolean;
  metric?: boolean;
  realms?: boolean;
  iif?: boolean;
}

/** The routing table of a route: RTA_TABLE when present, else `rtm_table`. */
export function routeTable(msg: Message): number {
  return num(msg.attrs?.table ?? msg.header?.table ?? 0);
}

/**
 * Whether `ip route show` without a `table` argument lists this route:
 * main table only, no cloned (cache) routes, and for IPv6 no RTN_LOCAL
 * routes. `family` restricts to one family (`ip route show` dumps
 * AF_INET, `ip -6 route show` AF_INET6); without it both are accepted.
 */
export function isShownByDefault(msg: Message, opts: { family?: number } = {}): boolean {
  if (msg.type !== RTM.RTM_NEWROUTE || !msg.header) return false;
  const h = msg.header;
  if (opts.family && h.family !== opts.family) return false;
  if (num(h.flags) & RTM_F.RTM_F_CLONED) return false;
  if (routeTable(msg) !== RT_TABLE.RT_TABLE_MAIN) return false;
  if (h.family === AF_INET6 && h.type === RTN.RTN_LOCAL) return false;
  return true;
}

/** Bits in an address of `family` (`host_len`): a prefix that long is a host, printed without `/N`. */
function hostLen(family: number): number {
  return family === AF_INET6 ? 128 : family === AF_INET ? 32 : family === 28 ? 20 : 0;
}

/** rtm_flags / nh_flags as iproute2's print_rt_flags prints them: `"flags": [...]` in JSON, the words in text. */
export function printRouteFlags(o: Out, flags: number): void {
  const names = routeFlagNames(flags);
  o.j('flags', names);
  for (const n of names) o.t(`${n} `);
}


/** IPv4 cache flags in iproute2's order and words (`print_cache_flags`). */
const CACHE_FLAGS: readonly (readonly [number, string])[] = [
  [RTCF.RTCF_LOCAL, 'local'],
  [RTCF.RTCF_REJECT, 'reject'],
  [RTCF.RTCF_MULTICAST, 'mc'],
  [RTCF.RTCF_BROADCAST, 'brd'],
  [RTCF.RTCF_DNAT, 'dst-nat'],
  [RTCF.RTCF_SNAT, 'src-nat'],
  [RTCF.RTCF_MASQ, 'masq'],
  [RTCF.RTCF_DIRECTDST, 'dst-direct'],
  [RTCF.RTCF_DIRECTSRC, 'src-direct'],
  [RTCF.RTCF_REDIRECTED, 'redirected'],
  [RTCF.RTCF_DOREDIRECT, 'redirect'],
  [RTCF.RTCF_FAST, 'fastroute'],
  [RTCF.RTCF_NOTIFY, 'notify'],
  [RTCF.RTCF_TPROXY, 'proxy'],
];

/** The `cache <...>` part of an IPv4 lookup's answer, on a line of its own in text. */
function printCacheFlags(o: Out, rtmFlags: number): void {
  let flags = (rtmFlags & ~0xffff) >>> 0;
  const words: Json[] = [];
  let text = '\n    cache ';
  if (flags) text += '<';
  for (const [bit, name] of CACHE_FLAGS) {
    if (!(flags & bit)) continue;
    flags = (flags & ~bit) >>> 0;
    words.push(name);
    text += `${name}${flags ? ',' : '> '}`;
  }
  if (flags) {
    words.push(flags.toString(16));
    text += `${flags.toString(16)}>`;
  }
  o.j('cache', words);
  o.t(text);
}

function printMetrics(o: Out, mx: Record<string, any>): void {
  const lock = num(mx.lock);
  const out: JsonObject = {};
  for (let i = RTAX.RTAX_MTU; i <= RTAX.RTAX_FASTOPEN_NO_COOKIE; i++) {
    const raw = mx[metricsAttrs.byType[i]!.key];
    if (raw === undefined && !(lock & (1 << i))) continue;
    let val = raw !== undefined && i !== RTAX.RTAX_CC_ALGO ? num(raw) >>> 0 : 0;
    if (i === RTAX.RTAX_HOPLIMIT && val === 0xffffffff) continue;
    const name = METRIC_NAMES[i]!;
    o.t(`${name} `);
    if (lock & (1 << i)) o.t('lock ');
    if (i === RTAX.RTAX_FEATURES) {
      let rest = val;
      if (val & RTAX_FEATURE.RTAX_FEATURE_ECN) {
        out.ecn = null;
        o.t('ecn ');
        rest &= ~RTAX_FEATURE.RTAX_FEATURE_ECN;
      }
      if (rest) {
        out.features = hex0x(val);
        o.t(`${hex0x(val)} `);
      }
    } else if (i === RTAX.RTAX_RTT || i === RTAX.RTAX_RTTVAR || i === RTAX.RTAX_RTO_MIN) {
      // The kernel keeps RTT in 1/8 ms and RTTVAR in 1/4 ms units.
      if (i === RTAX.RTAX_RTT) val = Math.floor(val / 8);
      else if (i === RTAX.RTAX_RTTVAR) val = Math.floor(val / 4);
      out[name] = val;
      o.t(val >= 1000 ? `${gText(val / 1e3)}s ` : `${val}ms `);
    } else if (i === RTAX.RTAX_CC_ALGO) {
      out.congestion = String(raw ?? '');
      o.t(`${String(raw ?? '')} `);
    } else {
      out[name] = val;
      o.t(`${val} `);
    }
  }
  o.j('metrics', [out]);
}

function printGateway(o: Out, gw: string): void {
  o.any('gateway', gw, `via ${gw} `);
}

function printVia(o: Out, via: { family: number; addr: string }): void {
  o.j('via', { family: familyName(via.family), host: via.addr });
  o.t(`via ${familyName(via.family)} ${via.addr} `);
}

function printFlow(o: Out, flow: number): void {
  const from = flow >>> 16;
  const to = flow & 0xffff;
  const f: JsonObject = {};
  if (from) f.from = realmName(from);
  f.to = realmName(to);
  o.j('flow', f);
  o.t(`realm${from ? 's' : ''} ${from ? `${realmName(from)}/` : ''}${realmName(to)} `);
}

function printMultipath(o: Out, hops: readonly Record<string, any>[], ctx: FormatContext): void {
  const list: Json[] = [];
  for (const nh of hops) {
    // In JSON each next hop is an object of its own; in text it continues the route's output.
    const p = o.json ? new Out(true) : o;
    p.t('\n\tnexthop ');
    const a = nh.attrs ?? {};
    if (a.gateway !== undefined) printGateway(p, a.gateway);
    if (a.via !== undefined) printVia(p, a.via);
    if (a.flow !== undefined) printFlow(p, num(a.flow));
    const dev = ifName(ctx, num(nh.ifindex));
    p.any('dev', dev, `dev ${dev} `);
    p.any('weight', num(nh.hops) + 1, `weight ${num(nh.hops) + 1} `);
    printRouteFlags(p, num(nh.flags));
    if (o.json) list.push(p.object());
  }
  o.j('nexthops', list);
}

/** Prints one route as iproute2's print_route does, through its final newline. */
function printRoute(o: Out, msg: Message, ctx: FormatContext, opts: RouteFormatOptions): void {
  const h = msg.header ?? {};
  const a = msg.attrs ?? {};
  const family: number = h.family ?? 0;
  const flags = num(h.flags);
  const details = !!opts.details;
  const hl = hostLen(family);

  if (msg.type === RTM.RTM_DELROUTE) o.any('deleted', true, 'Deleted ');
  if (h.type !== RTN.RTN_UNICAST || details) o.any('type', routeTypeName(h.type ?? 0), `${routeTypeName(h.type ?? 0)} `);

  let dst: string;
  if (a.dst !== undefined) dst = h.dstLen !== hl ? `${a.dst}/${h.dstLen}` : a.dst;
  else if (h.dstLen) dst = `0/${h.dstLen} `;
  else dst = 'default';
  o.any('dst', dst, `${dst} `);
  if (a.src !== undefined) {
    const from = h.srcLen !== hl ? `${a.src}/${h.srcLen}` : a.src;
    o.any('from', from, `from ${from} `);
  } else if (h.srcLen) o.any('src', `0/${h.srcLen}`, `from 0/${h.srcLen} `);
  if (a.nhId !== undefined) o.any('nhid', num(a.nhId), `nhid ${num(a.nhId)} `);
  const omit = opts.omit ?? {};
  if (h.tos && !omit.tos) o.any('tos', dsfieldName(h.tos), `tos ${dsfieldName(h.tos)} `);
  if (a.gateway !== undefined && !omit.gateway) printGateway(o, a.gateway);
  if (a.via !== undefined) printVia(o, a.via);
  if (a.oif !== undefined && !omit.dev) {
    const dev = ifName(ctx, num(a.oif));
    o.any('dev', dev, `dev ${dev} `);
  }
  const table = routeTable(msg);
  if (table && (table !== RT_TABLE.RT_TABLE_MAIN || details) && opts.table === 'all') o.any('table', tableName(table), `table ${tableName(table)} `);
  if (!(flags & RTM_F.RTM_F_CLONED)) {
    if ((h.protocol !== RTPROT.RTPROT_BOOT || details) && !omit.protocol) o.any('protocol', protocolName(h.protocol ?? 0), `proto ${protocolName(h.protocol ?? 0)} `);
    if ((h.scope !== RT_SCOPE.RT_SCOPE_UNIVERSE || details) && !omit.scope) o.any('scope', scopeName(h.scope ?? 0), `scope ${scopeName(h.scope ?? 0)} `);
  }
  if (a.prefsrc !== undefined && !omit.prefsrc) o.any('prefsrc', a.prefsrc, `src ${a.prefsrc} `);
  if (a.priority !== undefined && !omit.metric) o.any('metric', num(a.priority) >>> 0, `metric ${num(a.priority) >>> 0} `);
  printRouteFlags(o, flags);
  const mark = num(a.mark) >>> 0;
  if (mark) o.any('mark', mark, mark >= 16 ? `mark 0x${mark.toString(16)} ` : `mark ${mark} `);
  if (a.flow !== undefined && !omit.realms) printFlow(o, num(a.flow));
  if (a.uid !== undefined) o.any('uid', num(a.uid) >>> 0, `uid ${num(a.uid) >>> 0} `);
  if (family === AF_INET && flags & RTM_F.RTM_F_CLONED) printCacheFlags(o, flags);
  if ((family === AF_INET || family === AF_INET6) && a.cacheinfo !== undefined) {
    const ci = a.cacheinfo;
    // USER_HZ, as sysconf(_SC_CLK_TCK) gives iproute2.
    const hz = 100;
    if (num(ci.expires)) o.any('expires', Math.trunc(num(ci.expires) / hz), `expires ${Math.trunc(num(ci.expires) / hz)}sec `);
    if (num(ci.error)) o.any('error', num(ci.error) >>> 0, `error ${num(ci.error) >>> 0} `);
    if (opts.stats) {
      if (num(ci.clntref)) o.any('users', num(ci.clntref) >>> 0, `users ${num(ci.clntref) >>> 0} `);
      if (num(ci.used)) o.any('used', num(ci.used) >>> 0, `used ${num(ci.used) >>> 0} `);
      if (num(ci.lastuse)) o.any('age', Math.trunc((num(ci.lastuse) >>> 0) / hz), `age ${Math.trunc((num(ci.lastuse) >>> 0) / hz)}sec `);
    }
    if (num(ci.id)) o.any('ipid', hex0x(num(ci.id)), `ipid 0x${num(ci.id).toString(16).padStart(4, '0')} `);
    if (num(ci.ts) || num(ci.tsage)) {
      o.any('ts', hex0x(num(ci.ts)), `ts 0x${num(ci.ts).toString(16)}`);
      o.any('tsage', num(ci.tsage), `tsage ${num(ci.tsage)}sec `);
    }
  }
  if (a.metrics !== undefined) printMetrics(o, a.metrics);
  if (a.iif !== undefined && !omit.iif) {
    const iif = ifName(ctx, num(a.iif));
    o.any('iif', iif, `iif ${iif} `);
  }
  if (a.pref !== undefined) {
    const p = ROUTE_PREFS[num(a.pref)];
    if (p !== undefined) o.any('pref', p, `pref ${p}`);
    else o.any('pref', num(a.pref), String(num(a.pref)));
  }
  if (a.ttlPropagate !== undefined) {
    const on = num(a.ttlPropagate) !== 0;
    o.j('ttl-propogate', on);
    o.t(`ttl-propogate ${on ? 'enabled' : 'disabled'}`);
  }
  if (a.nhId !== undefined && details) {
    const info = opts.nhInfo?.get(num(a.nhId));
    if (info !== undefined) {
      o.t(`\n\tnh_info ${info.text}`);
      o.j('nh_info', info.json);
    }
  }
  if (Array.isArray(a.multipath)) printMultipath(o, a.multipath, ctx);
  o.t('\n');
}

/** The object `ip -j [-d] route show` prints for the route in `msg`. */
export function routeJSON(msg: Message, ctx: FormatContext, opts: RouteFormatOptions = {}): JsonObject {
  const o = new Out(true);
  printRoute(o, msg, ctx, opts);
  return o.object();
}

/** The lines `ip [-d] route show` prints for the route in `msg` (one, plus one per next hop). */
export function routeText(msg: Message, ctx: FormatContext, opts: RouteFormatOptions = {}): string[] {
  const o = new Out(false);
  printRoute(o, msg, ctx, opts);
  return o.lines();
}
