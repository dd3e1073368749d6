/**
 * `tsip route`: show (list), flush, get, add, del, change, replace,
 * append, prepend and test, with iproute2 6.1's grammar, words, exit codes
 * and output (text and -j). Requests are the ones ip sends for the same
 * arguments, attributes in the order of the arguments (see
 * test/families/route.test.ts, which compares them through strace).
 */
import type { Message } from '../../netlink/message.js';
import type { JsonObject } from '../../format/printer.js';
import { AF_INET, AF_INET6, RT_TABLE, RTM, RTNH_F } from '../../rtnl/constants.js';
import { strerror } from '../../core/errno.js';
import { routeJSON, routeText, type RouteFormatOptions, type RouteOmit } from './format.js';
import { linkContext, type FormatContext } from '../../format/context.js';
import { isDeviceNotFoundError } from '../../api/errors.js';
import { isKernelError } from '../../transport/errors.js';
import { Args, dispatch, duplicateOrGarbage, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { ICMPV6_ROUTER_PREF } from './attrs.js';
import { dsfieldValue, realmsValue, routeProtocolValue, routeScopeValue, routeTypeValue, tableValue } from './names.js';
import { ipprotoValue } from '../rule/names.js';
import { nexthopJSON, nexthopText } from '../nexthop/format.js';
import type { RouteFilter, RouteGetRequest, RouteOp, RouteRequest } from './api.js';
import type { NextHopSpec } from './requests.js';
import { hostBits } from './select.js';
import { addrText, familyWord, prefixText, readAddress, readFamily, readPrefix, readTime, strtoulAll, type IpPrefix } from './prefix.js';
import { writeOut } from '../../cli/out.js';

export const ROUTE_USAGE = `Usage: tsip route { list | flush } SELECTOR
       tsip route get [ ROUTE_GET_FLAGS ] ADDRESS
                            [ from ADDRESS iif STRING ]
                            [ oif STRING ] [ tos TOS ]
                            [ mark NUMBER ] [ uid NUMBER ]
                            [ ipproto PROTOCOL ]
                            [ sport NUMBER ] [ dport NUMBER ]
       tsip route { add | del | change | append | replace | prepend | test } ROUTE
SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]
            [ table TABLE_ID ] [ proto RTPROTO ]
            [ type TYPE ] [ scope SCOPE ] [ dev STRING ]
            [ via ADDRESS ] [ src ADDRESS ] [ metric METRIC ]
ROUTE := NODE_SPEC [ INFO_SPEC ]
NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]
             [ table TABLE_ID ] [ proto RTPROTO ]
             [ scope SCOPE ] [ metric METRIC ]
INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...
NH := [ via [ FAMILY ] ADDRESS ] [ dev STRING ] [ weight NUMBER ] NHFLAGS
FAMILY := [ inet | inet6 ]
OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ]
           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]
           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]
           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]
           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]
           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]
           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]
TYPE := { unicast | local | broadcast | multicast | throw |
          unreachable | prohibit | blackhole | nat }
TABLE_ID := [ local | main | default | all | NUMBER ]
SCOPE := [ host | link | global | NUMBER ]
NHFLAGS := [ onlink ]
RTPROTO := [ kernel | boot | static | NUMBER ]
PREF := [ low | medium | high ]
TIME := NUMBER[s|ms]
BOOL := [1|0]
FEATURES := ecn
ROUTE_GET_FLAGS := [ fibmatch ]
`;

export async function run(argv: string[], s: Session): Promise<number> {
  // ip prints its usage to stderr and exits 255 for `help`.
  if (argv[0] !== undefined && matches(argv[0], 'help')) usage();
  if (argv.length === 0) return listOrFlush(new Args([]), s, false);
  return dispatch(argv, 'route', ROUTE_USAGE, [
    [['add'], (a) => modify('add', a, s)],
    [['change', 'chg'], (a) => modify('change', a, s)],
    [['replace'], (a) => modify('replace', a, s)],
    [['prepend'], (a) => modify('prepend', a, s)],
    [['append'], (a) => modify('append', a, s)],
    [['test'], (a) => modify('test', a, s)],
    [['delete'], (a) => modify('delete', a, s)],
    [['list', 'show', 'lst'], (a) => listOrFlush(a, s, false)],
    [['get'], (a) => get(a, s)],
    [['flush'], (a) => listOrFlush(a, s, true)],
  ]);
}

function usage(): never {
  throw new CliError(ROUTE_USAGE.trimEnd(), EXIT.INVARG);
}

/**
 * iproute2's invarg(): `Error: argument "ARG" is wrong: MSG`, exit 255.
 * Most of ip's messages end in a newline of their own, so a blank line
 * follows; `newline: false` for the few that do not.
 */
function invarg(msg: string, arg: string, newline = true): never {
  throw new CliError(`Error: argument "${arg}" is wrong: ${msg}${newline ? '\n' : ''}`, EXIT.INVARG);
}

// ---------------------------------------------------------------- addresses and numbers, with ip's errors

/** `get_prefix`: exits 1 with ip's words when it fails. */
function getPrefix(arg: string, family: number): IpPrefix {
  const p = readPrefix(arg, family);
  if (p === undefined) throw new CliError(`Error: ${familyWord(family)} prefix is expected rather than "${arg}".`, EXIT.USAGE);
  return p;
}

/** `get_addr`: exits 1 with ip's words when it fails. */
function getAddr(arg: string, family: number): IpPrefix {
  const p = readAddress(arg, family);
  if (p === undefined) throw new CliError(`Error: ${familyWord(family)} address is expected rather than "${arg}".`, EXIT.USAGE);
  return p;
}

function u32Arg(v: string, msg: string): number {
  const n = strtoulAll(v);
  if (n === undefined || n > 0xffffffff) invarg(msg, v, msg !== 'invalid mark value');
  return n;
}

/** `get_time_rtt`, or ip's error. */
function timeArg(v: string, msg: string): { ms: number; raw: boolean } {
  return readTime(v) ?? invarg(msg, v);
}

// ---------------------------------------------------------------- show, flush

async function listOrFlush(a: Args, s: Session, flush: boolean): Promise<number> {
  if (flush && a.done) throw new CliError('"tsip route flush" requires arguments.', EXIT.USAGE);
  const preferred = s.opts.family === 6 ? AF_INET6 : s.opts.family === 4 ? AF_INET : 0;
  let dumpFamily = preferred;
  let table: number = RT_TABLE.RT_TABLE_MAIN;
  const f: RouteFilter = {};
  const omit: RouteOmit = {};
  let via: IpPrefix | undefined;
  let src: IpPrefix | undefined;
  const prefixArg = (v: string) => prefixText(v, getPrefix(v, dumpFamily));
  while (!a.done) {
    const t = a.next()!;
    if (matches(t, 'table')) {
      const v = a.value(t);
      const id = tableValue(v);
      if (id !== undefined) table = id;
      else if (v === 'all') table = 0;
      else if (v === 'cache') f.cached = true;
      else if (v === 'help') usage();
      else invarg('table id value is invalid', v);
    } else if (matches(t, 'vrf')) invarg('Invalid VRF', a.value(t));
    else if (matches(t, 'cached') || matches(t, 'cloned')) f.cached = true;
    else if (t === 'tos' || matches(t, 'dsfield')) {
      const v = a.value(t);
      f.tos = dsfieldValue(v) ?? invarg('TOS value is invalid', v);
      omit.tos = true;
    } else if (matches(t, 'protocol')) {
      const v = a.value(t);
      const p = routeProtocolValue(v);
      if (p === undefined && v !== 'all') invarg('invalid "protocol"', v);
      f.protocol = p;
      omit.protocol = p !== undefined;
    } else if (matches(t, 'scope')) {
      const v = a.value(t);
      const p = routeScopeValue(v);
      if (p === undefined && v !== 'all') invarg('invalid "scope"', v);
      f.scope = p;
      omit.scope = p !== undefined;
    } else if (matches(t, 'type')) {
      const v = a.value(t);
      f.type = routeTypeValue(v) ?? invarg('node type value is invalid', v);
    } else if (t === 'dev' || t === 'oif') f.dev = a.value(t);
    else if (t === 'iif') f.iif = a.value(t);
    else if (t === 'mark') f.mark = u32Arg(a.value(t), 'invalid mark value');
    else if (matches(t, 'metric') || matches(t, 'priority') || t === 'preference') {
      f.metric = u32Arg(a.value(t), '"metric" value is invalid');
      omit.metric = true;
    } else if (t === 'via') {
      let v = a.value(t);
      let fam = readFamily(v);
      if (fam === 0) fam = dumpFamily;
      else v = a.value(t);
      via = getPrefix(v, fam);
      f.via = prefixText(v, via);
    } else if (t === 'src') {
      const v = a.value(t);
      src = getPrefix(v, dumpFamily);
      f.src = prefixText(v, src);
    } else if (matches(t, 'realms')) {
      const v = a.value(t);
      const r = realmsValue(v) ?? invarg('invalid realms', v);
      // As ip: a realm left out (`2/`, `/3`, `3`) is not compared.
      const fromGiven = !((r & 0xffff0000) === 0 && (!v.includes('/') || v.startsWith('/')));
      const toGiven = !((r & 0xffff) === 0 && v.endsWith('/'));
      f.realms = { ...(fromGiven ? { from: r >>> 16 } : {}), ...(toGiven ? { to: r & 0xffff } : {}) };
      omit.realms = fromGiven && toGiven;
    } else if (matches(t, 'from')) {
      const v = a.value(t);
      if (matches(v, 'root')) f.fromRoot = prefixArg(a.value(v));
      else if (matches(v, 'match')) f.fromMatch = prefixArg(a.value(v));
      else {
        const p = matches(v, 'exact') ? a.value(v) : v;
        f.fromRoot = f.fromMatch = prefixArg(p);
      }
    } else {
      const v = matches(t, 'to') ? a.value(t) : t;
      if (matches(v, 'root')) f.root = prefixArg(a.value(v));
      else if (matches(v, 'match')) f.match = prefixArg(a.value(v));
      else {
        const p = matches(v, 'exact') ? a.value(v) : v;
        f.root = f.match = prefixArg(p);
      }
    }
  }
  if (dumpFamily === 0 && table) dumpFamily = AF_INET;
  if (dumpFamily) f.family = dumpFamily === AF_INET6 ? 6 : 4;
  f.table = table === 0 ? 'all' : table;
  omit.dev = f.dev !== undefined;
  omit.iif = f.iif !== undefined;
  omit.gateway = via !== undefined && via.bitlen === hostBits(via.family) && via.bitlen > 0;
  omit.prefsrc = src !== undefined && src.bitlen === hostBits(src.family) && src.bitlen > 0;
  const opts: RouteFormatOptions = { details: s.opts.details, stats: s.opts.stats > 0, table: table === 0 ? 'all' : table, omit };
  if (flush) return flushRoutes(f, s, opts);
  let routes;
  try {
    routes = await s.handle.routes.list(f);
  } catch (e) {
    throw terminated(e, 'Dump', s);
  }
  const ctx = await context(s);
  const shown = routes.map((r) => r.message);
  opts.nhInfo = await nhInfo(s, shown, ctx);
  if (s.opts.json) s.printJSON(shown.map((m) => routeJSON(m, ctx, opts)));
  else s.printLines(shown.flatMap((m) => routeText(m, ctx, opts)));
  return EXIT.OK;
}

/** A refused dump as ip reports it: the kernel's words, then `Dump terminated` (or `Flush terminated`), exit 2. */
function terminated(e: unknown, what: 'Dump' | 'Flush', s: Session): unknown {
  if (!isKernelError(e)) return e;
  // ip -j has opened its JSON array by then.
  if (s.opts.json && what === 'Dump') writeOut('[');
  return new CliError(`${e.message}\n${what} terminated`, EXIT.KERNEL);
}

async function flushRoutes(f: RouteFilter, s: Session, opts: RouteFormatOptions): Promise<number> {
  if (f.cached && f.family !== 6) {
    // ip writes /proc/sys/net/ipv4/route/flush of the namespace; tsip only speaks netlink.
    throw new CliError('Error: tsip cannot flush the IPv4 routing cache (ip writes /proc/sys/net/ipv4/route/flush); use -6 for the IPv6 cache.', EXIT.USAGE);
  }
  const ctx = s.opts.stats > 1 ? await context(s) : undefined;
  let rounds = 0;
  try {
    await s.handle.routes.flush(f, {
      asDumped: true,
      onRound: (round, deleted) => {
        rounds = round;
        if (ctx !== undefined) s.printLines(deleted.flatMap((r) => routeText(r.message, ctx, opts)));
        if (s.opts.stats) writeOut(`\n*** Round ${round}, deleting ${deleted.length} entries ***\n`);
      },
    });
  } catch (e) {
    if (e instanceof Error && e.name === 'FlushIncompleteError') {
      const x = e as Error & { seconds: number; remaining: number };
      writeOut(`\n*** Flush not completed after ${x.seconds} seconds, ${x.remaining} entries remain ***\n`);
      return EXIT.USAGE;
    }
    // ip sends its deletions without asking for ACKs, and reports the first refusal so.
    if (isKernelError(e) && e.requestType === RTM.RTM_DELROUTE) throw new CliError(`Failed to send flush request: ${strerror(e.errno)}`, EXIT.KERNEL);
    throw terminated(e, 'Flush', s);
  }
  if (s.opts.stats) {
    if (rounds === 0) writeOut('Nothing to flush.\n');
    else writeOut(`*** Flush is complete after ${rounds} round${rounds > 1 ? 's' : ''} ***\n`);
  }
  return EXIT.OK;
}

async function context(s: Session): Promise<FormatContext> {
  return linkContext((await s.handle.links.list()).map((l) => l.message));
}

/** With -d, the nexthop objects the routes go through, as ip prints them after `nh_info` (asked for one by one, as ip does). */
async function nhInfo(s: Session, msgs: readonly Message[], ctx: FormatContext): Promise<RouteFormatOptions['nhInfo']> {
  if (!s.opts.details) return undefined;
  const out = new Map<number, { text: string; json: JsonObject }>();
  for (const m of msgs) {
    const id = m.attrs?.nhId;
    if (typeof id !== 'number' || out.has(id)) continue;
    try {
      const nh = (await s.handle.nexthops.get(id)).message;
      out.set(id, { text: nexthopText(nh, ctx, { details: true }).join('\n'), json: nexthopJSON(nh, ctx, { details: true }) });
    } catch (e) {
      // Gone meanwhile: ip prints nothing for it either. Anything else is an error.
      if (!isKernelError(e, 'ENOENT')) throw e;
    }
  }
  return out;
}

// ---------------------------------------------------------------- get

async function get(a: Args, s: Session): Promise<number> {
  let family = s.opts.family === 6 ? AF_INET6 : s.opts.family === 4 ? AF_INET : 0;
  const g: RouteGetRequest & { order: string[] } = { family: 4, dstLen: 0, order: [] };
  let connected = false;
  let fromOk = false;
  let found = false;
  while (!a.done) {
    const t = a.next()!;
    if (t === 'tos' || matches(t, 'dsfield')) {
      const v = a.value(t);
      g.tos = dsfieldValue(v) ?? invarg('TOS value is invalid', v);
    } else if (matches(t, 'from')) {
      const v = a.value(t);
      if (matches(v, 'help')) usage();
      fromOk = true;
      const p = getPrefix(v, family);
      if (family === 0) family = p.family;
      if (p.bytelen) {
        g.src = addrText(p);
        g.order.push('src');
      }
      g.srcLen = p.bitlen;
    } else if (matches(t, 'iif')) g.iif = a.value(t);
    else if (matches(t, 'mark')) g.mark = u32Arg(a.value(t), 'invalid mark value');
    else if (matches(t, 'oif') || t === 'dev') g.oif = a.value(t);
    else if (matches(t, 'notify')) g.notify = true;
    else if (matches(t, 'connected')) connected = true;
    else if (matches(t, 'vrf')) invarg('Invalid VRF', a.value(t));
    else if (matches(t, 'uid')) {
      g.uid = u32Arg(a.value(t), 'invalid UID');
      g.order.push('uid');
    } else if (matches(t, 'fibmatch')) g.fibmatch = true;
    else if (t === 'as') throw new CliError('Error: "as" (MPLS destination) is not supported by tsip.', EXIT.INVARG);
    else if (matches(t, 'sport') || matches(t, 'dport')) {
      const v = a.value(t);
      const n = strtoulAll(v);
      const which = matches(t, 'sport') ? 'sport' : 'dport';
      if (n === undefined || n > 0xffff) invarg(`invalid ${which}`, v);
      g[which] = n;
      g.order.push(which);
    } else if (matches(t, 'ipproto')) {
      const v = a.value(t);
      g.ipProto = ipprotoValue(v) ?? invarg('Invalid "ipproto" value', v);
      g.order.push('ipProto');
    } else {
      const v = t === 'to' ? a.value(t) : t;
      if (matches(v, 'help')) usage();
      const p = getPrefix(v, family);
      if (family === 0) family = p.family;
      if (p.bytelen) {
        g.dst = addrText(p);
        g.order.push('dst');
      }
      const host = hostBits(family);
      if (host && p.bitlen !== host) {
        process.stderr.write(`Warning: /${p.bitlen} as prefix is invalid, only /${host} (or none) is supported.\n`);
        g.dstLen = host;
      } else g.dstLen = p.bitlen;
      found = true;
    }
  }
  if (!found) throw new CliError('need at least a destination address', EXIT.USAGE);
  g.family = family === AF_INET6 ? 6 : 4;
  const answer = await s.handle.routes.lookup(g);
  const ctx = await context(s);
  const opts: RouteFormatOptions = { details: s.opts.details, stats: s.opts.stats > 0, table: 'all', nhInfo: await nhInfo(s, [answer], ctx) };
  if (s.opts.json) s.printJSON([routeJSON(answer, ctx, opts)]);
  else s.printLines(routeText(answer, ctx, opts));
  if (connected && !fromOk) {
    // ip 6.1 asks the same again and prints the answer as text, even with -j.
    s.printLines(routeText(await s.handle.routes.lookup(g), ctx, opts));
  }
  return EXIT.OK;
}

// ---------------------------------------------------------------- add, del, change, replace, append, prepend, test

/** Metric keywords: RTAX key, the word in ip's error, max value. */
const UINT_METRICS: Readonly<Record<string, readonly [key: string, word: string, max: number, prefix: boolean]>> = {
  mtu: ['mtu', 'mtu', 0xffffffff, false],
  hoplimit: ['hoplimit', 'hoplimit', 255, false],
  advmss: ['advmss', 'mss', 0xffffffff, false],
  reordering: ['reordering', 'reordering', 0xffffffff, true],
  window: ['window', 'window', 0xffffffff, true],
  cwnd: ['cwnd', 'cwnd', 0xffffffff, true],
  initcwnd: ['initcwnd', 'initcwnd', 0xffffffff, true],
  initrwnd: ['initrwnd', 'initrwnd', 0xffffffff, true],
  ssthresh: ['ssthresh', 'ssthresh', 0xffffffff, true],
};

const METRIC_BITS: Readonly<Record<string, number>> = {
  mtu: 2, window: 3, rtt: 4, rttvar: 5, ssthresh: 6, cwnd: 7, advmss: 8, reordering: 9, hoplimit: 10, initcwnd: 11, features: 12, rtoMin: 13, initrwnd: 14, quickack: 15, ccAlgo: 16, fastopenNoCookie: 17,
};

async function modify(op: RouteOp, a: Args, s: Session): Promise<number> {
  let family = s.opts.family === 6 ? AF_INET6 : s.opts.family === 4 ? AF_INET : 0;
  const r: RouteRequest & { order: string[] } = { family: 4, dstLen: 0, order: [] };
  const metrics: Record<string, number | string> = {};
  let lock = 0;
  let gwOk = false;
  let dstOk = false;
  let nhsOk = false;
  /** `lock` before a metric's value. */
  const locked = (t: string, key: string): string => {
    let v = a.value(t);
    if (v === 'lock') {
      lock |= 1 << METRIC_BITS[key]!;
      v = a.value(t);
    }
    return v;
  };
  const gateway = (t: string, into: { gateway?: string; via?: { family: number; addr: string } }, order?: string[]): void => {
    let v = a.value(t);
    let fam = readFamily(v);
    if (fam === 0) fam = family;
    else v = a.value(t);
    const p = getAddr(v, fam);
    if (family === 0) family = p.family;
    if (p.family === family) {
      into.gateway = addrText(p);
      order?.push('gateway');
    } else {
      into.via = { family: p.family, addr: addrText(p) };
      order?.push('via');
    }
  };
  while (!a.done) {
    const t = a.next()!;
    const uint = Object.entries(UINT_METRICS).find(([k, [, , , prefix]]) => (prefix ? matches(t, k) : t === k));
    if (t === 'src') {
      const p = getAddr(a.value(t), family);
      if (family === 0) family = p.family;
      r.prefsrc = addrText(p);
      r.order.push('prefsrc');
    } else if (t === 'as') throw new CliError('Error: "as" (MPLS destination) is not supported by tsip.', EXIT.INVARG);
    else if (t === 'via') {
      if (gwOk) invarg('use nexthop syntax to specify multiple via', t);
      gwOk = true;
      gateway(t, r, r.order);
    } else if (t === 'from') {
      const p = getPrefix(a.value(t), family);
      if (family === 0) family = p.family;
      if (p.bytelen) {
        r.src = addrText(p);
        r.order.push('src');
      }
      r.srcLen = p.bitlen;
    } else if (t === 'tos' || matches(t, 'dsfield')) {
      const v = a.value(t);
      r.tos = dsfieldValue(v) ?? invarg('"tos" value is invalid', v);
    } else if (t === 'expires') {
      r.expires = u32Arg(a.value(t), '"expires" value is invalid');
      r.order.push('expires');
    } else if (matches(t, 'metric') || matches(t, 'priority') || t === 'preference') {
      r.metric = u32Arg(a.value(t), '"metric" value is invalid');
      r.order.push('priority');
    } else if (t === 'scope') {
      const v = a.value(t);
      r.scope = routeScopeValue(v) ?? invarg('invalid "scope" value', v);
    } else if (uint !== undefined) {
      const [key, word, max] = uint[1];
      const v = locked(t, key);
      const n = strtoulAll(v);
      if (n === undefined || n > max) invarg(`"${word}" value is invalid`, v);
      metrics[key] = n;
    } else if (t === 'rtt' || matches(t, 'rttvar')) {
      const key = t === 'rtt' ? 'rtt' : 'rttvar';
      const v = locked(t, key);
      const { ms, raw } = timeArg(v, `"${key}" value is invalid`);
      // The kernel keeps RTT in 1/8 ms and its variance in 1/4 ms; a bare number is taken as is.
      metrics[key] = raw ? ms : ms * (key === 'rtt' ? 8 : 4);
    } else if (t === 'rto_min') {
      const v = a.value(t);
      lock |= 1 << METRIC_BITS.rtoMin!;
      metrics.rtoMin = timeArg(v, '"rto_min" value is invalid').ms;
    } else if (matches(t, 'features')) {
      const v = a.value(t);
      if (v !== 'ecn') invarg('"features" value not valid', v);
      metrics.features = 1;
    } else if (matches(t, 'quickack')) {
      const v = a.value(t);
      const n = strtoulAll(v) ?? invarg('"quickack" value is invalid', v);
      if (n !== 0 && n !== 1) invarg('"quickack" value should be 0 or 1', v);
      metrics.quickack = n;
    } else if (matches(t, 'congctl')) {
      metrics.ccAlgo = locked(t, 'ccAlgo');
    } else if (matches(t, 'realms')) {
      const v = a.value(t);
      r.realms = realmsValue(v) ?? invarg('"realm" value is invalid', v);
      r.order.push('flow');
    } else if (t === 'onlink') r.flags = (r.flags ?? 0) | RTNH_F.RTNH_F_ONLINK;
    else if (t === 'nexthop') {
      nhsOk = true;
      break;
    } else if (t === 'nhid') {
      r.nhid = u32Arg(a.value(t), '"id" value is invalid');
      r.order.push('nhId');
    } else if (matches(t, 'protocol')) {
      const v = a.value(t);
      r.protocol = routeProtocolValue(v) ?? invarg('"protocol" value is invalid', v);
    } else if (matches(t, 'table')) {
      const v = a.value(t);
      r.table = tableValue(v) ?? invarg('"table" value is invalid', v);
      if (r.table > 255) r.order.push('table');
    } else if (matches(t, 'vrf')) invarg('Invalid VRF', a.value(t));
    else if (t === 'dev' || t === 'oif') r.dev = a.value(t);
    else if (matches(t, 'pref')) {
      const v = a.value(t);
      const words: Readonly<Record<string, number>> = { low: ICMPV6_ROUTER_PREF.ICMPV6_ROUTER_PREF_LOW, medium: ICMPV6_ROUTER_PREF.ICMPV6_ROUTER_PREF_MEDIUM, high: ICMPV6_ROUTER_PREF.ICMPV6_ROUTER_PREF_HIGH };
      const n = words[v] ?? strtoulAll(v);
      if (n === undefined || n > 255) invarg('"pref" value is invalid', v);
      r.pref = n;
      r.order.push('pref');
    } else if (t === 'encap') throw new CliError('Error: "encap" (lightweight tunnels) is not supported by tsip.', EXIT.INVARG);
    else if (t === 'ttl-propagate') {
      const v = a.value(t);
      if (matches(v, 'enabled')) r.ttlPropagate = 1;
      else if (matches(v, 'disabled')) r.ttlPropagate = 0;
      else invarg('"ttl-propagate" value is invalid', v);
      r.order.push('ttlPropagate');
    } else if (matches(t, 'fastopen_no_cookie')) {
      const v = a.value(t);
      const n = strtoulAll(v) ?? invarg('"fastopen_no_cookie" value is invalid', v);
      if (n !== 0 && n !== 1) invarg('"fastopen_no_cookie" value should be 0 or 1', v);
      metrics.fastopenNoCookie = n;
    } else {
      let v = t === 'to' ? a.value(t) : t;
      if ((v[0]! < '0' || v[0]! > '9') && routeTypeValue(v) !== undefined) {
        r.type = routeTypeValue(v);
        v = a.value(v);
      }
      if (matches(v, 'help')) usage();
      if (dstOk) throw duplicateOrGarbage('to', v);
      const p = getPrefix(v, family);
      if (family === 0) family = p.family;
      r.dstLen = p.bitlen;
      dstOk = true;
      if (p.bytelen) {
        r.dst = addrText(p);
        r.order.push('dst');
      }
    }
  }
  // ip prints its whole usage here; one line says what is missing.
  if (!dstOk) throw new CliError('Usage: tsip route { add | del | change | append | replace | prepend | test } ROUTE (a destination PREFIX is required)', EXIT.INVARG);
  if (Object.keys(metrics).length) {
    if (lock) metrics.lock = lock >>> 0;
    r.metrics = metrics;
  }
  const nhDevs = new Set<string>();
  if (nhsOk) {
    r.nexthops = [];
    let t: string | undefined = 'nexthop';
    for (;;) {
      if (t !== 'nexthop') throw new CliError(`Error: "nexthop" or end of line is expected instead of "${t}"`, EXIT.INVARG);
      if (a.done) throw new CliError('Error: unexpected end of line after "nexthop"', EXIT.INVARG);
      const nh: Omit<NextHopSpec, 'oif'> & { dev?: string } = {};
      for (t = a.next(); t !== undefined; t = a.next()) {
        if (t === 'via') gateway(t, nh);
        else if (t === 'dev') {
          nh.dev = a.value(t);
          nhDevs.add(nh.dev);
        } else if (t === 'weight') {
          const v = a.value(t);
          const w = strtoulAll(v);
          if (w === undefined || w === 0 || w > 256) invarg('"weight" is invalid', v);
          nh.weight = w;
        } else if (t === 'onlink') nh.flags = (nh.flags ?? 0) | RTNH_F.RTNH_F_ONLINK;
        else if (matches(t, 'realms')) {
          const v = a.value(t);
          nh.realms = realmsValue(v) ?? invarg('"realm" value is invalid', v);
        } else if (t === 'encap' || t === 'as') throw new CliError(`Error: "${t}" in a next hop is not supported by tsip.`, EXIT.INVARG);
        else break;
      }
      r.nexthops.push(nh);
      if (t === undefined) break;
    }
  }
  r.family = family === AF_INET6 ? 6 : 4;
  if (family !== 0 && family !== AF_INET && family !== AF_INET6) throw new CliError(`Error: tsip routes only IPv4 and IPv6, not ${familyWord(family)}.`, EXIT.INVARG);
  try {
    await s.handle.routes.send(op, r);
  } catch (e) {
    // ip looks the next hops' devices up while parsing them, and gives up on the next hop.
    if (isDeviceNotFoundError(e) && e.device !== r.dev && nhDevs.has(e.device)) throw new CliError(`${e.message}\nError: cannot parse nexthop`, EXIT.INVARG);
    throw e;
  }
  return EXIT.OK;
}

/** A route event as `ip monitor route` prints it (every table). */
export function monitorLines(ev: { action: 'new' | 'del'; message: Message }, ctx: FormatContext): { text: string[]; json: JsonObject } {
  const json = routeJSON(ev.message, ctx, { table: 'all' });
  return { text: routeText(ev.message, ctx, { table: 'all' }), json: ev.action === 'del' ? { deleted: true, ...json } : json };
}

