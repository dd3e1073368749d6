/**
 * The route family with iproute2 (6.1) as the oracle:
 * - captures (no root needed): every route capture is named in full; the
 *   requests ip sent are byte for byte what the request builders make for
 *   the same command (get, replace, append, multipath, nhid, flush's dump
 *   and deletions); flush deletes what the selector takes; the answers
 *   print as ip printed them;
 * - against the kernel, in twin namespaces made alike by ip (ip acts in
 *   one, tsip in the other): `tsip route show` with every selector, `get`
 *   (IPv4, IPv6, local, unreachable, fibmatch...), text and -j, print what
 *   ip prints; add, replace, change, append, prepend, test, del, get, show
 *   and flush send the requests ip sends (strace, decoded) and leave the
 *   same routes; errors are ip's words and exit codes;
 * - the API (`handle.routes`): list with each filter equals ip's
 *   selection, get equals `ip -j route get`, and add, replace, change,
 *   append, prepend, delete and flush read back with ip -j, in setns and
 *   helper mode.
 *
 * Namespaces are `tsnl-t-route-<pid>-...`, deleted in afterAll; addresses
 * only from 198.18.0.0/15 and 2001:db8::/32.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NLM_F_REQUEST } from '../../src/core/constants.js';
import { rtnetlink } from '../../src/families/registry.js';
import { routeJSON, routeText } from '../../src/families/route/format.js';
import * as req from '../../src/families/route/requests.js';
import { defaultSelector, selectRoute } from '../../src/families/route/select.js';
import { prefixSelector } from '../../src/families/route/spec.js';
import { linkContext } from '../../src/format/context.js';
import { open, type Handle } from '../../src/index.js';
import { decodeMessages, encodeMessage, type Message } from '../../src/netlink/message.js';
import { AF_INET, AF_INET6, RTM } from '../../src/rtnl/constants.js';
import { kernelErrorText } from '../../src/transport/errors.js';
import { ffiAvailable } from '../../src/sys/ffi.js';
import { fixture, messagesOf, type Fixture } from '../support/fixtures.js';
import { ip, ipJson, kernelSkipReason, Namespaces, noDad, rootLinkKeys, skipNote } from '../support/kernel.js';
import { unnamed } from '../support/named.js';
import { BIN, hasStrace, ipRun, requestsOf, tsip } from '../support/oracle.js';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The first message of type `type` that the capture sent, decoded, with its bytes as sent. */
function sent(f: Fixture, type: number, nth = 0): { msg: Message; bytes: Uint8Array } {
  const out: { msg: Message; bytes: Uint8Array }[] = [];
  for (const d of f.datagrams) {
    if (d.dir !== 'send') continue;
    let off = 0;
    for (const m of decodeMessages(d.bytes, rtnetlink)) {
      const len = new DataView(d.bytes.buffer, d.bytes.byteOffset + off).getUint32(0, true);
      if (m.type === type) out.push({ msg: m, bytes: d.bytes.subarray(off, off + len) });
      off += (len + 3) & ~3;
    }
  }
  if (out[nth] === undefined) throw new Error(`${f.id}: no sent message of type ${type} (#${nth})`);
  return out[nth]!;
}

/** `built` encoded with the header fields (flags as ip sent them, seq, pid) of the message it stands for. */
function asSent(built: Message, like: Message): string {
  return toHex(encodeMessage({ ...built, flags: like.flags, seq: like.seq, pid: like.pid }, rtnetlink));
}

const received = (f: Fixture) => messagesOf(f).filter((m) => m.dir === 'recv');

describe('route captures', () => {
  const ids = ['route/get', 'route/get-local', 'route/get-ipv6', 'route/get-fibmatch', 'route/get-unreachable', 'route/replace', 'route/append-ipv6', 'route/add-multipath', 'route/add-nhid', 'route/flush'];

  it('every message and attribute of the route captures is named', () => {
    for (const id of ids) expect({ id, unnamed: unnamed(fixture(id)) }).toEqual({ id, unnamed: [] });
  });

  it('route get: the request is what routeGet builds (RTM_F_LOOKUP_TABLE for IPv4, RTM_F_FIB_MATCH), the answer prints as ip printed it', () => {
    const cases: [string, req.RouteGetSpec][] = [
      ['route/get', { family: 4, dst: '198.19.1.7', dstLen: 32 }],
      ['route/get-local', { family: 4, dst: '198.18.0.1', dstLen: 32 }],
      ['route/get-ipv6', { family: 6, dst: '2001:db8::7', dstLen: 128 }],
      ['route/get-fibmatch', { family: 4, dst: '198.19.1.7', dstLen: 32, fibmatch: true }],
      ['route/get-unreachable', { family: 6, dst: '2001:db9::1', dstLen: 128 }],
    ];
    for (const [id, spec] of cases) {
      const f = fixture(id);
      const s = sent(f, RTM.RTM_GETROUTE);
      expect({ id, bytes: asSent(req.routeGet(spec), s.msg) }).toEqual({ id, bytes: toHex(s.bytes) });
      expect(s.msg.flags).toBe(NLM_F_REQUEST);
      const answer = received(f).find((m) => m.type === RTM.RTM_NEWROUTE);
      if (f.exitCode !== 0) {
        const err = received(f).find((m) => m.type === 2)!;
        expect(answer).toBeUndefined();
        expect(kernelErrorText(-(err as any).error) + '\n').toBe(f.stderr);
        continue;
      }
      const ctx = linkContext(received(f));
      expect({ id, out: routeText(answer!, ctx, { table: 'all' }).join('\n') + '\n' }).toEqual({ id, out: f.stdout });
    }
    // The IPv4 answer carries the cache line (an empty cache <>), the local one its flags.
    expect(fixture('route/get').stdout).toMatch(/\n {4}cache \n$/);
    expect(fixture('route/get-local').stdout).toMatch(/cache <local> \n$/);
    const local = received(fixture('route/get-local')).find((m) => m.type === RTM.RTM_NEWROUTE)!;
    expect(routeJSON(local, linkContext(received(fixture('route/get-local'))), { table: 'all' })).toMatchObject({ type: 'local', dst: '198.18.0.1', cache: ['local'] });
  });

  it('replace, append, a multipath route and a route through a nexthop object: the requests are what routeModify builds', () => {
    const ifindex = (f: Fixture) => Number(sent(f, RTM.RTM_NEWROUTE).msg.attrs?.oif ?? sent(f, RTM.RTM_NEWROUTE).msg.attrs?.multipath?.[0]?.ifindex);
    const cases: [string, req.RouteOp, (f: Fixture) => req.RouteSpec][] = [
      ['route/replace', 'replace', () => ({ family: 4, dst: '198.19.1.0', dstLen: 24, gateway: '198.18.0.253', metric: 100, order: ['dst', 'gateway', 'priority'] })],
      ['route/append-ipv6', 'append', () => ({ family: 6, dst: '2001:db8:1::', dstLen: 64, gateway: '2001:db8::fd', order: ['dst', 'gateway'] })],
      [
        'route/add-multipath',
        'add',
        (f) => ({ family: 4, dst: '198.19.5.0', dstLen: 24, nexthops: [{ gateway: '198.18.0.253', oif: ifindex(f), weight: 2 }, { gateway: '198.18.0.252', oif: ifindex(f) }] }),
      ],
      ['route/add-nhid', 'add', () => ({ family: 4, dst: '198.19.6.0', dstLen: 24, nhid: 1, order: ['dst', 'nhId'] })],
    ];
    for (const [id, op, spec] of cases) {
      const f = fixture(id);
      const s = sent(f, RTM.RTM_NEWROUTE);
      expect({ id, bytes: asSent(req.routeModify(op, spec(f)), s.msg) }).toEqual({ id, bytes: toHex(s.bytes) });
      expect(f.exitCode).toBe(0);
    }
    // ip printed them as tsip prints them (the state is ip -j route show after the command).
    const mp = fixture('route/add-multipath').state!.json.find((r: any) => r.dst === '198.19.5.0/24');
    expect(mp.nexthops.map((n: any) => [n.gateway, n.weight])).toEqual([['198.18.0.253', 2], ['198.18.0.252', 1]]);
    expect(fixture('route/add-nhid').state!.json.find((r: any) => r.dst === '198.19.6.0/24')).toMatchObject({ nhid: 1, gateway: '198.18.0.254' });
  });

  it('flush: the dump ip sent is routeDump\'s, it deleted exactly what the selector takes, each as dumped, then dumped again', () => {
    const f = fixture('route/flush');
    const first = sent(f, RTM.RTM_GETROUTE);
    expect(asSent(req.routeDump(AF_INET, { table: 254 }), first.msg)).toBe(toHex(first.bytes));
    const dumped = received(f).filter((m) => m.type === RTM.RTM_NEWROUTE && m.seq === first.msg.seq);
    const sel = { ...defaultSelector(AF_INET), rootDst: prefixSelector('198.19.0.0/16', AF_INET) };
    const state = { ip6MultipleTables: false };
    const doomed = dumped.filter((m) => selectRoute(m, sel, state, true));
    expect(doomed.map((m) => `${m.attrs?.dst}/${m.header?.dstLen}`)).toEqual(['198.19.1.0/24', '198.19.2.0/24', '198.19.3.0/24']);
    doomed.forEach((m, i) => {
      const s = sent(f, RTM.RTM_DELROUTE, i);
      // ip asks for no ACK (it peeks for errors instead); tsip's deletions ask for one.
      expect(s.msg.flags).toBe(NLM_F_REQUEST);
      expect(asSent(req.routeDeleteAsDumped(m), s.msg)).toBe(toHex(s.bytes));
    });
    expect(sent(f, RTM.RTM_GETROUTE, 1).msg.attrs).toEqual({ table: 254 });
    expect(f.stdout).toBe('');
    // What is left: the default route and the connected one, per ip -j route show table all.
    expect(f.state!.json.filter((r: any) => r.table === undefined).map((r: any) => r.dst)).toEqual(['default', '198.18.0.0/24', '2001:db8::/64']);
  });
});

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-route-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-route-')) : tmpdir();
const handles: Handle[] = [];

/** Routes of every kind ip prints, in the order ip adds them. */
const ROUTES = [
  ['route', 'add', 'default', 'via', '198.18.0.254'],
  ['route', 'add', '198.19.0.0/24', 'via', '198.18.0.254', 'metric', '10'],
  ['route', 'add', '198.19.1.0/24', 'via', '198.18.1.254', 'proto', 'static'],
  ['route', 'add', '198.19.2.0/24', 'dev', 'r2', 'table', '100'],
  ['route', 'add', '198.19.3.0/24', 'table', '1000', 'via', '198.18.0.3'],
  ['route', 'add', 'blackhole', '198.19.4.0/24'],
  ['route', 'add', 'unreachable', '198.19.5.0/24', 'metric', '7'],
  ['route', 'add', 'prohibit', '198.19.6.0/24'],
  ['route', 'add', '198.19.7.0/24', 'nexthop', 'via', '198.18.0.2', 'dev', 'r0', 'weight', '2', 'nexthop', 'via', '198.18.1.2', 'dev', 'r2'],
  ['route', 'add', '198.19.8.0/24', 'via', '198.18.0.9', 'mtu', 'lock', '1400', 'advmss', '1300', 'hoplimit', '10', 'rtt', '100ms'],
  ['route', 'add', '198.19.8.128/25', 'via', '198.18.0.6'],
  ['route', 'add', '198.19.9.0/24', 'proto', 'static', 'scope', 'link', 'src', '198.18.0.1', 'dev', 'r0'],
  ['route', 'add', '198.19.10.0/24', 'tos', '0x10', 'via', '198.18.0.254'],
  ['route', 'add', '198.19.11.0/24', 'realms', '3/4', 'via', '198.18.0.254'],
  ['route', 'add', '198.19.12.0/24', 'nhid', '1'],
  ['route', 'add', '198.19.13.0/24', 'nhid', '10'],
  ['route', 'add', '198.19.14.1', 'via', '198.18.0.254'],
  ['-6', 'route', 'add', '2001:db8:5::/64', 'nexthop', 'via', '2001:db8::2', 'dev', 'r0', 'nexthop', 'via', '2001:db8:1::2', 'dev', 'r2', 'weight', '3'],
  ['-6', 'route', 'add', '2001:db8:6::/64', 'from', '2001:db8:7::/64', 'via', '2001:db8::2'],
  ['-6', 'route', 'add', '2001:db8:8::/64', 'via', '2001:db8::2', 'pref', 'high', 'metric', '5'],
  ['-6', 'route', 'add', '2001:db8:9::/64', 'via', '2001:db8::2', 'table', '100'],
  ['-6', 'route', 'add', 'unreachable', '2001:db8:a::/64'],
];

/** Links (fixed MACs, so link-local addresses are alike in twins), addresses, nexthop objects and ROUTES, made by ip. */
function populate(ns: string): void {
  const ipn = (...a: string[]) => ip(['-n', ns, ...a]);
  noDad(ns);
  ipn('link', 'set', 'lo', 'up');
  ipn('link', 'add', 'r0', 'address', '02:00:00:00:01:01', 'type', 'veth', 'peer', 'name', 'r1', 'address', '02:00:00:00:01:02');
  ipn('link', 'add', 'r2', 'address', '02:00:00:00:01:03', 'type', 'veth', 'peer', 'name', 'r3', 'address', '02:00:00:00:01:04');
  for (const l of ['r0', 'r1', 'r2', 'r3']) ipn('link', 'set', l, 'up');
  ipn('addr', 'add', '198.18.0.1/24', 'dev', 'r0');
  ipn('addr', 'add', '198.18.1.1/24', 'dev', 'r2');
  ipn('addr', 'add', '2001:db8::1/64', 'dev', 'r0', 'nodad');
  ipn('addr', 'add', '2001:db8:1::1/64', 'dev', 'r2', 'nodad');
  ipn('nexthop', 'add', 'id', '1', 'via', '198.18.0.254', 'dev', 'r0');
  ipn('nexthop', 'add', 'id', '2', 'via', '198.18.1.254', 'dev', 'r2');
  ipn('nexthop', 'add', 'id', '10', 'group', '1/2');
  for (const r of ROUTES) ipn(...r);
}

/** Every route of a namespace, both families, as `ip -d -j` prints them. */
function routesOf(ns: string): unknown {
  return [4, 6].map((f) => ipJson(ns, ['-d', `-${f}`, 'route', 'show', 'table', 'all']));
}

/** ip's and tsip's ROUTE requests for the same command, in twin namespaces; flush's deletions compared without NLM_F_ACK (tsip asks for one). */
function requestsOfBoth(c: string[], nsIp: string, nsTs: string, tag: string): { ip: string[]; ts: string[] } {
  const norm = (list: string[]) =>
    list.map((s) => {
      const m = JSON.parse(s);
      if (m.nlmsg_type === 'RTM_DELROUTE' && c.includes('flush')) m.nlmsg_flags = m.nlmsg_flags.filter((f: string) => f !== 'NLM_F_ACK');
      return JSON.stringify(m);
    });
  return {
    ip: norm(requestsOf(['ip', '-n', nsIp, ...c], /ROUTE$/, work, `ip-${tag}`)),
    ts: norm(requestsOf([process.execPath, BIN, '-n', nsTs, ...c], /ROUTE$/, work, `ts-${tag}`)),
  };
}

/** tsip's words for ip's own name in its messages (`"ip route flush" requires arguments.`). */
const asIp = (s: string) => s.replace(/\btsip route\b/g, 'ip route');

describe.skipIf(!run)(`routes against the kernel${skipNote()}`, () => {
  let A: string;

  beforeAll(() => {
    A = nss.add('a');
    populate(A);
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('tsip route show prints what ip route show prints, text and -j, with every selector', () => {
    const cases = [
      ['route'],
      ['-j', 'route'],
      ['-6', 'route'],
      ['-j', '-6', 'route'],
      ['-d', 'route', 'show', 'table', 'all'],
      ['-d', '-j', 'route', 'show', 'table', 'all'],
      ['-4', 'route', 'list', 'table', 'all'],
      ['route', 'show', 'table', 'main'],
      ['route', 'show', 'table', 'local'],
      ['-6', 'route', 'show', 'table', 'local'],
      ['route', 'show', 'table', '100'],
      ['-6', 'route', 'show', 'table', '100'],
      ['route', 'show', 'table', '1000'],
      ['route', 'show', 'default'],
      ['-6', 'route', 'show', 'default'],
      ['route', 'show', '198.19.8.0/24'],
      ['route', 'show', '198.19.14.1'],
      ['route', 'show', 'root', '198.19.8.0/23'],
      ['route', 'show', 'match', '198.19.8.130'],
      ['-j', 'route', 'show', 'match', '198.19.8.130'],
      ['route', 'show', 'exact', '198.19.8.0/24'],
      ['route', 'show', 'to', 'root', '198.19.0.0/16', 'table', 'all'],
      ['-6', 'route', 'show', 'root', '2001:db8::/32'],
      ['-6', 'route', 'show', 'from', '2001:db8:7::/64'],
      ['-6', 'route', 'show', 'from', 'root', '2001:db8::/32'],
      ['route', 'show', '2001:db8::/32'],
      ['route', 'show', 'dev', 'r0'],
      ['-j', 'route', 'show', 'dev', 'r2', 'table', 'all'],
      ['-6', 'route', 'show', 'dev', 'r0'],
      ['route', 'show', 'proto', 'static'],
      ['route', 'show', 'proto', 'kernel', 'table', 'all'],
      ['route', 'show', 'proto', 'all'],
      ['route', 'show', 'scope', 'link'],
      ['route', 'show', 'scope', 'host', 'table', 'local'],
      ['route', 'show', 'type', 'blackhole'],
      ['route', 'show', 'type', 'unreachable', 'table', 'all'],
      ['route', 'show', 'table', 'all', 'type', 'local'],
      ['-j', 'route', 'show', 'type', 'broadcast', 'table', 'local'],
      ['route', 'show', 'via', '198.18.0.254'],
      ['route', 'show', 'via', '198.18.0.0/24'],
      ['-6', 'route', 'show', 'via', '2001:db8::2'],
      ['route', 'show', 'src', '198.18.0.1'],
      ['route', 'show', 'metric', '7'],
      ['route', 'show', 'tos', '0x10'],
      ['route', 'show', 'realms', '3/4'],
      ['route', 'show', 'realms', '/4'],
      ['route', 'show', 'cached'],
      ['-6', 'route', 'show', 'cached'],
      ['route', 'show', 'iif', 'r0'],
      ['route', 'show', 'mark', '0'],
      ['-s', 'route'],
    ];
    for (const c of cases) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      expect({ c, out: ours.stdout, err: ours.stderr, status: ours.status }).toEqual({ c, out: theirs.stdout, err: theirs.stderr, status: theirs.status });
    }
    // The selectors select: not everything is printed each time.
    expect(ipRun(['-n', A, 'route', 'show', 'match', '198.19.8.130']).stdout.split('\n').length).toBe(4);
    expect(ipRun(['-n', A, 'route', 'show', 'dev', 'r0']).stdout).not.toContain('r2');
  }, 60_000);

  it('tsip route get prints what ip route get prints, text and -j: IPv4 with its cache line, IPv6, local, multipath, fibmatch, from, iif, oif, mark', () => {
    const cases = [
      ['route', 'get', '198.19.0.7'],
      ['-j', 'route', 'get', '198.19.0.7'],
      ['route', 'get', '198.18.0.1'],
      ['-j', 'route', 'get', '198.18.0.1'],
      ['route', 'get', '198.18.0.255'],
      ['route', 'get', '2001:db8::7'],
      ['-j', 'route', 'get', '2001:db8::7'],
      ['route', 'get', '2001:db8::1'],
      ['route', 'get', '2001:db8:5::1'],
      ['route', 'get', '198.19.7.1'],
      ['route', 'get', 'fibmatch', '198.19.7.1'],
      ['-j', 'route', 'get', 'fibmatch', '198.19.8.200'],
      ['route', 'get', '198.19.12.5'],
      ['route', 'get', 'to', '198.19.0.5', 'from', '198.18.0.1', 'mark', '5'],
      ['route', 'get', '198.19.0.5', 'oif', 'r2'],
      ['route', 'get', '198.19.0.5', 'from', '198.18.0.9', 'iif', 'r0'],
      ['route', 'get', '198.19.0.5', 'uid', '7', 'ipproto', 'tcp', 'sport', '80', 'dport', '90'],
      ['route', 'get', '198.19.0.5', 'connected'],
      ['route', 'get', '198.19.0.0/24'],
      ['route', 'get', '198.19.4.1'],
      ['route', 'get', '198.19.5.1'],
      ['route', 'get', '2001:db9::1'],
      ['route', 'get', '198.18.0.7', 'from', '198.18.0.1', 'iif', 'r2'],
    ];
    for (const c of cases) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      expect({ c, out: ours.stdout, err: ours.stderr, status: ours.status }).toEqual({ c, out: theirs.stdout, err: theirs.stderr, status: theirs.status });
    }
    expect(ipRun(['-n', A, 'route', 'get', '198.19.0.7']).stdout).toBe('198.19.0.7 via 198.18.0.254 dev r0 src 198.18.0.1 uid 0 \n    cache \n');
    expect(ipRun(['-n', A, 'route', 'get', '2001:db9::1']).status).toBe(2);
  }, 60_000);

  describe('commands that change routes, in twin namespaces: ip in one, tsip in the other', () => {
    let I: string;
    let T: string;
    beforeAll(() => {
      I = nss.add('ip');
      T = nss.add('ts');
      populate(I);
      populate(T);
    });

    it.skipIf(!hasStrace)(`send the requests ip sends (strace, decoded), answer as ip does, and leave the same routes${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
      const cmds = [
        ['route', 'add', '198.19.20.0/24', 'via', '198.18.0.2', 'dev', 'r0', 'metric', '5'],
        ['route', 'add', '198.19.21.0/24', 'dev', 'r0', 'table', '100'],
        ['route', 'add', '198.19.22.0/24', 'table', '2000', 'via', '198.18.0.3'],
        ['route', 'replace', '198.19.20.0/24', 'via', '198.18.0.3', 'dev', 'r0', 'metric', '5'],
        ['route', 'replace', '198.19.23.0/24', 'via', '198.18.0.3'],
        ['route', 'change', '198.19.20.0/24', 'via', '198.18.0.4', 'dev', 'r0', 'metric', '5'],
        ['route', 'change', '198.19.99.0/24', 'via', '198.18.0.4'],
        ['route', 'append', '198.19.20.0/24', 'via', '198.18.0.5', 'dev', 'r0', 'metric', '5'],
        ['route', 'prepend', '198.19.24.0/24', 'via', '198.18.0.5'],
        ['-6', 'route', 'append', '2001:db8:8::/64', 'via', '2001:db8::3', 'metric', '5'],
        ['-6', 'route', 'prepend', '2001:db8:20::/64', 'via', '2001:db8::3'],
        ['route', 'test', '198.19.25.0/24', 'dev', 'r0'],
        ['route', 'add', 'blackhole', '198.19.26.0/24', 'proto', 'static'],
        ['route', 'add', 'throw', '198.19.27.0/24', 'table', '100'],
        ['route', 'add', 'local', '198.19.28.1', 'dev', 'r0'],
        ['route', 'add', '198.19.29.0/24', 'nexthop', 'via', '198.18.0.2', 'dev', 'r0', 'weight', '4', 'onlink', 'nexthop', 'via', '198.18.1.2', 'dev', 'r2', 'realms', '5'],
        ['-6', 'route', 'add', '2001:db8:21::/64', 'nexthop', 'via', '2001:db8::2', 'dev', 'r0', 'nexthop', 'via', '2001:db8:1::2', 'dev', 'r2', 'weight', '3'],
        ['route', 'add', '198.19.30.0/24', 'via', '198.18.0.9', 'mtu', 'lock', '1400', 'advmss', '1300', 'hoplimit', '10', 'rtt', '100ms', 'rttvar', '5', 'initcwnd', '10', 'quickack', '1'],
        ['route', 'add', '198.19.31.0/24', 'proto', 'static', 'scope', 'link', 'src', '198.18.0.1', 'dev', 'r0'],
        ['route', 'add', '198.19.32.0/24', 'tos', '0x10', 'via', '198.18.0.254', 'realms', '3/4'],
        ['route', 'add', '198.19.33.0/24', 'via', '198.19.33.1', 'dev', 'r0', 'onlink'],
        ['route', 'add', '198.19.34.0/24', 'nhid', '1'],
        ['route', 'add', '198.19.35.0/24', 'nhid', '10', 'metric', '3'],
        ['-6', 'route', 'add', '2001:db8:22::/64', 'nhid', '1'],
        ['route', 'add', '198.19.36.0/24', 'via', 'inet6', '2001:db8::2', 'dev', 'r0'],
        ['-6', 'route', 'add', '2001:db8:23::/64', 'from', '2001:db8:24::/64', 'via', '2001:db8::2'],
        ['-6', 'route', 'add', '2001:db8:25::/64', 'via', '2001:db8::2', 'pref', 'low'],
        ['-4', 'route', 'add', 'default', 'via', '198.18.0.253', 'metric', '99'],
        ['route', 'add', '10/8', 'via', '198.18.0.253', 'table', '100'],
        ['route', 'del', '198.19.20.0/24', 'via', '198.18.0.5', 'dev', 'r0', 'metric', '5'],
        ['route', 'del', '198.19.26.0/24'],
        ['route', 'del', 'blackhole', '198.19.4.0/24'],
        ['route', 'del', '198.19.27.0/24', 'table', '100'],
        ['route', 'delete', '198.19.21.0/24', 'table', '100', 'dev', 'r0', 'proto', 'boot', 'scope', 'link'],
        ['-6', 'route', 'del', '2001:db8:21::/64'],
        ['route', 'del', '198.19.29.0/24'],
        ['route', 'del', '10.0.0.0/8', 'table', '100'],
        ['route', 'add', '198.19.20.0/24', 'via', '198.18.0.2', 'dev', 'r0', 'metric', '5'],
        ['route', 'get', '198.19.0.7'],
        ['route', 'get', 'fibmatch', '198.19.7.1'],
        ['-6', 'route', 'get', '2001:db8:5::1'],
        ['route', 'get', '198.19.0.5', 'from', '198.18.0.1', 'iif', 'r0', 'mark', '5', 'tos', '0x10'],
        ['route', 'get', '198.19.0.5', 'oif', 'r2', 'uid', '7', 'ipproto', 'udp', 'sport', '80', 'dport', '90'],
        ['route', 'show'],
        ['-6', 'route', 'show'],
        ['route', 'show', 'table', 'all'],
        ['route', 'show', 'dev', 'r0', 'proto', 'kernel', 'table', '100'],
        ['route', 'show', 'cached'],
        ['route', 'flush', 'root', '198.19.20.0/22'],
        ['route', 'flush', 'table', '100'],
        ['-6', 'route', 'flush', 'dev', 'r2'],
      ];
      cmds.forEach((c, i) => {
        const theirs = requestsOfBoth(c, I, T, String(i));
        expect({ c, ours: theirs.ts }).toEqual({ c, ours: theirs.ip });
        expect(theirs.ip.length).toBeGreaterThan(0);
      });
      expect(routesOf(T)).toEqual(routesOf(I));
    }, 120_000);

    it('errors are ip\'s words and exit codes, and leave what ip leaves', () => {
      const cases = [
        ['route', 'add', '198.19.0.0/24', 'via', '198.18.0.254', 'metric', '10'],
        ['route', 'change', '198.19.55.0/24', 'via', '198.18.0.254'],
        ['route', 'del', '198.19.55.0/24'],
        ['route', 'add', '198.19.56.0/24', 'via', '198.20.0.1'],
        ['route', 'add', '198.19.56.0/24', 'via', 'bogus'],
        ['route', 'add', '198.19.56.0/24', 'dev', 'nope'],
        ['route', 'add', '198.19.56.0/24', 'metric', 'x'],
        ['route', 'add', '198.19.56.0/24', 'table', 'foo', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'proto', 'foo', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'scope', 'foo', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'via', '198.18.0.2', 'via', '198.18.0.3'],
        ['route', 'add', '198.19.56.0/24', '198.19.57.0/24'],
        ['route', 'add', '198.19.56.0/24', 'nexthop', 'via', '198.18.0.2', 'weight', '0'],
        ['route', 'add', '198.19.56.0/24', 'nexthop', 'dev', 'nope'],
        ['route', 'add', '198.19.56.0/24', 'nexthop'],
        ['route', 'add', '198.19.56.0/24', 'nexthop', 'via', '198.18.0.2', 'frob'],
        ['route', 'add', '198.19.56.0/24', 'nhid', '99'],
        ['route', 'add', '198.19.56.0/24', 'hoplimit', '300', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'rtt', '5x', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'features', 'foo', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'quickack', '2', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'pref', 'bogus', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'tos', 'zz', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/24', 'realms', 'zz', 'dev', 'r0'],
        ['route', 'add', '198.19.56.0/33', 'dev', 'r0'],
        ['route', 'add', '198.19.9.7/24', 'dev', 'r0'],
        ['route', 'add', 'blackhole'],
        ['route', 'add', '198.19.56.0/24', 'vrf', 'r0'],
        ['-6', 'route', 'add', '198.19.56.0/24', 'dev', 'r0'],
        ['route', 'del', '198.19.0.0/24', 'dev', 'r2'],
        ['route', 'get'],
        ['route', 'get', '198.18.0.7', 'iif', 'nope'],
        ['route', 'get', '198.18.0.7', 'mark', 'x'],
        ['route', 'get', '198.18.0.7', 'tos', 'zz'],
        ['route', 'get', '198.18.0.7', 'sport', '70000'],
        ['route', 'get', '198.18.0.7', 'ipproto', 'nope'],
        ['route', 'get', 'bogus'],
        ['route', 'get', '198.18.0.7', 'table', '100'],
        ['route', 'show', 'table', 'foo'],
        ['route', 'show', 'table', '123'],
        ['-6', 'route', 'show', 'table', '123'],
        ['-j', 'route', 'show', 'table', '123'],
        ['route', 'show', 'proto', 'foo'],
        ['route', 'show', 'type', 'nope'],
        ['route', 'show', 'dev', 'nope'],
        ['route', 'show', 'bogus'],
        ['route', 'show', 'vrf', 'x'],
        ['route', 'show', 'table'],
        ['route', 'flush'],
        ['route', 'flush', 'dev', 'nope'],
        ['route', 'flush', 'table', '999'],
        ['route', 'frob'],
      ];
      for (const c of cases) {
        const theirs = ipRun(['-n', I, ...c]);
        const ours = tsip(['-n', T, ...c]);
        expect({ c, out: ours.stdout, err: asIp(ours.stderr), status: ours.status }).toEqual({ c, out: theirs.stdout, err: theirs.stderr, status: theirs.status });
        expect(ours.status).not.toBe(0);
      }
      // Usage: tsip's own text, ip's exit code.
      for (const c of [['route', 'add'], ['route', 'help'], ['route', 'add', 'help']]) {
        const theirs = ipRun(['-n', I, ...c]);
        const ours = tsip(['-n', T, ...c]);
        expect({ c, status: ours.status, usage: ours.stderr.startsWith('Usage: tsip route') }).toEqual({ c, status: theirs.status, usage: true });
      }
      expect(routesOf(T)).toEqual(routesOf(I));
    }, 60_000);

    it('flush deletes what ip flush deletes, with each selector, and prints what ip prints (-s, -s -s)', () => {
      // Each with whether it deletes anything here (after the commands above).
      const flushes: [string[], boolean][] = [
        [['-s', 'route', 'flush', '198.19.99.0/24'], false],
        [['route', 'flush', 'type', 'prohibit'], true],
        [['route', 'flush', 'proto', 'static'], true],
        [['route', 'flush', 'via', '198.18.0.6'], true],
        [['route', 'flush', 'metric', '7'], true],
        [['route', 'flush', 'exact', '198.19.8.0/24'], true],
        [['route', 'flush', 'match', '198.19.14.1'], true],
        [['-s', '-s', 'route', 'flush', 'root', '198.19.10.0/23'], true],
        [['-6', 'route', 'flush', 'via', '2001:db8::2'], true],
        [['-6', 'route', 'flush', 'table', '100'], true],
        [['route', 'flush', 'dev', 'r0', 'scope', 'link'], true],
        // Routes through nexthop objects: ip sends them back as dumped, the kernel refuses, ip exits 2 (the rest is deleted).
        [['-s', 'route', 'flush', 'table', 'main'], true],
        [['route', 'flush', 'scope', 'link', 'table', 'all'], true],
        [['-6', 'route', 'flush', 'table', 'all'], true],
      ];
      for (const [c, changes] of flushes) {
        const before = JSON.stringify(routesOf(I));
        const theirs = ipRun(['-n', I, ...c]);
        const ours = tsip(['-n', T, ...c]);
        expect({ c, out: ours.stdout, err: ours.stderr, status: ours.status }).toEqual({ c, out: theirs.stdout, err: theirs.stderr, status: theirs.status });
        expect({ c, routes: routesOf(T) }).toEqual({ c, routes: routesOf(I) });
        expect({ c, changed: JSON.stringify(routesOf(I)) !== before }).toEqual({ c, changed: changes });
      }
      expect(ipRun(['-n', I, 'route', 'flush', 'table', 'main']).stderr).toBe('Failed to send flush request: Invalid argument\n');
    }, 60_000);
  });

  for (const mode of ffiAvailable() ? (['setns', 'helper'] as const) : (['helper'] as const)) {
    describe(`handle.routes (${mode})`, () => {
      let N: string;
      let h: Handle;
      beforeAll(() => {
        N = nss.add(`api-${mode}`);
        populate(N);
        h = open({ netns: N, netnsMode: mode });
        handles.push(h);
      });

      /** ip's text of a route's destination, from a view (`198.19.14.1/32` is `198.19.14.1`). */
      const dstOf = (r: { dst: string; family: number }) => r.dst.replace(r.family === 6 ? /\/128$/ : /\/32$/, '');

      it('list: each filter takes what the same ip route show selector takes', async () => {
        const cases: [Parameters<Handle['routes']['list']>[0], string[]][] = [
          [{ family: 4 }, ['-4', 'route', 'show']],
          [{ family: 6, table: 'all' }, ['-6', 'route', 'show', 'table', 'all']],
          [{ family: 4, table: 'local' }, ['-4', 'route', 'show', 'table', 'local']],
          [{ family: 4, table: 100 }, ['-4', 'route', 'show', 'table', '100']],
          [{ family: 4, exact: 'default' }, ['-4', 'route', 'show', 'default']],
          [{ family: 4, root: '198.19.8.0/23' }, ['-4', 'route', 'show', 'root', '198.19.8.0/23']],
          [{ family: 4, match: '198.19.8.130' }, ['-4', 'route', 'show', 'match', '198.19.8.130']],
          [{ family: 4, exact: '198.19.8.0/24' }, ['-4', 'route', 'show', 'exact', '198.19.8.0/24']],
          [{ family: 6, root: '2001:db8::/32', table: 'all' }, ['-6', 'route', 'show', 'root', '2001:db8::/32', 'table', 'all']],
          [{ family: 4, dev: 'r0' }, ['-4', 'route', 'show', 'dev', 'r0']],
          [{ family: 6, dev: 'r2', table: 'all' }, ['-6', 'route', 'show', 'dev', 'r2', 'table', 'all']],
          [{ family: 4, protocol: 'static' }, ['-4', 'route', 'show', 'proto', 'static']],
          [{ family: 4, protocol: 'kernel', table: 'all' }, ['-4', 'route', 'show', 'proto', 'kernel', 'table', 'all']],
          [{ family: 4, scope: 'link' }, ['-4', 'route', 'show', 'scope', 'link']],
          [{ family: 4, scope: 'host', table: 'local' }, ['-4', 'route', 'show', 'scope', 'host', 'table', 'local']],
          [{ family: 4, type: 'unreachable' }, ['-4', 'route', 'show', 'type', 'unreachable']],
          [{ family: 4, type: 'local', table: 'all' }, ['-4', 'route', 'show', 'type', 'local', 'table', 'all']],
          [{ family: 4, via: '198.18.0.254' }, ['-4', 'route', 'show', 'via', '198.18.0.254']],
          [{ family: 4, via: '198.18.0.0/24' }, ['-4', 'route', 'show', 'via', '198.18.0.0/24']],
          [{ family: 6, via: '2001:db8::2' }, ['-6', 'route', 'show', 'via', '2001:db8::2']],
          [{ family: 4, src: '198.18.0.1' }, ['-4', 'route', 'show', 'src', '198.18.0.1']],
          [{ family: 4, metric: 7 }, ['-4', 'route', 'show', 'metric', '7']],
          [{ family: 4, tos: 0x10 }, ['-4', 'route', 'show', 'tos', '0x10']],
          [{ family: 4, realms: { from: 3, to: 4 } }, ['-4', 'route', 'show', 'realms', '3/4']],
          [{ family: 6, fromRoot: '2001:db8::/32' }, ['-6', 'route', 'show', 'from', 'root', '2001:db8::/32']],
        ];
        for (const [filter, args] of cases) {
          const ours = (await h.routes.list(filter)).map((r) => `${r.typeName === 'unicast' ? '' : `${r.typeName} `}${dstOf(r)}`);
          const theirs = (ipJson(N, ['-d', ...args]) as any[]).map((j) => `${j.type === 'unicast' ? '' : `${j.type} `}${j.dst}`);
          expect({ filter, ours }).toEqual({ filter, ours: theirs });
        }
        // Both families by default; the main table only.
        const all = await h.routes.list();
        expect(new Set(all.map((r) => r.family))).toEqual(new Set([4, 6]));
        expect(all.every((r) => r.table === 254)).toBe(true);
        // The views: a multipath route's next hops, nhid, metrics kept in the message, names with names: true.
        const named = await h.routes.list({ family: 4, names: true });
        const mp = named.find((r) => r.dst === '198.19.7.0/24')!;
        expect(mp.nexthops).toEqual([
          { gateway: '198.18.0.2', oif: mp.nexthops![0]!.oif, dev: 'r0', weight: 2, flags: 0 },
          { gateway: '198.18.1.2', oif: mp.nexthops![1]!.oif, dev: 'r2', weight: 1, flags: 0 },
        ]);
        expect(named.find((r) => r.dst === '198.19.12.0/24')).toMatchObject({ nhid: 1, gateway: '198.18.0.254', dev: 'r0' });
        expect(named.find((r) => r.dst === '198.19.11.0/24')?.realms).toBe((3 << 16) | 4);
        expect((await h.routes.list({ family: 6, fromExact: '2001:db8:7::/64' })).map((r) => [r.dst, r.from])).toEqual([['2001:db8:6::/64', '2001:db8:7::/64']]);
        // A table the kernel lacks: refused for one family, as ip refuses it; the main table never.
        await expect(h.routes.list({ family: 4, table: 123 })).rejects.toThrow(/FIB table does not exist/);
        expect(await h.routes.list({ table: 123 })).toEqual([]);
        await expect(h.routes.list({ dev: 'nope' })).rejects.toThrow('Cannot find device "nope"');
        // @ts-expect-error not a protocol
        await expect(h.routes.list({ protocol: 'frob' })).rejects.toThrow(/unknown protocol "frob"/);
      }, 30_000);

      it('get equals ip -j route get (IPv4, IPv6, local, fibmatch, from/iif/oif/mark); an unreachable destination is the kernel\'s refusal', async () => {
        const cases: [string, Parameters<Handle['routes']['get']>[1], string[]][] = [
          ['198.19.0.7', {}, []],
          ['198.18.0.1', {}, []],
          ['2001:db8::7', {}, []],
          ['198.19.7.1', { fibmatch: true }, ['fibmatch']],
          ['198.19.0.5', { from: '198.18.0.1', mark: 5 }, ['from', '198.18.0.1', 'mark', '5']],
          ['198.19.0.5', { oif: 'r2' }, ['oif', 'r2']],
        ];
        for (const [dst, opts, args] of cases) {
          const r = await h.routes.get(dst, opts);
          const [j] = ipJson(N, ['route', 'get', dst, ...args]) as any[];
          const byName = new Map((ipJson(N, ['link', 'show']) as any[]).map((l) => [l.ifname, l.ifindex]));
          expect({ dst, opts, got: [dstOf(r), r.gateway, r.oif, r.prefsrc, r.typeName, r.cached] }).toEqual({
            dst,
            opts,
            got: [j.dst, j.gateway, byName.get(j.dev), j.prefsrc, j.type ?? 'unicast', j.cache !== undefined],
          });
        }
        await expect(h.routes.get('2001:db9::1')).rejects.toMatchObject({ code: 'ENETUNREACH' });
        // As for a packet arriving on r0 from a local address: refused, as ip route get ... iif r0 is.
        expect(ipRun(['-n', N, 'route', 'get', '198.19.0.5', 'from', '198.18.0.1', 'iif', 'r0']).status).toBe(2);
        await expect(h.routes.get('198.19.0.5', { from: '198.18.0.1', iif: 'r0' })).rejects.toMatchObject({ code: 'EHOSTUNREACH' });
        await expect(h.routes.get('198.19.0.0/24')).rejects.toThrow(/without prefix/);
      }, 30_000);

      it('add, replace, change, append, prepend, delete and flush, read back with ip -j', async () => {
        const find = (family: 4 | 6, dst: string, table?: string) => (ipJson(N, [`-${family}`, '-d', 'route', 'show', 'table', 'all']) as any[]).filter((r) => r.dst === dst && (table === undefined || r.table === table));
        await h.routes.add({ dst: '198.19.40.0/24', via: '198.18.0.2', metric: 5, protocol: 'static' });
        await expect(h.routes.add({ dst: '198.19.40.0/24', via: '198.18.0.2', metric: 5 })).rejects.toMatchObject({ code: 'EEXIST' });
        await h.routes.replace({ dst: '198.19.40.0/24', via: '198.18.0.3', metric: 5 });
        expect(find(4, '198.19.40.0/24')).toMatchObject([{ gateway: '198.18.0.3', metric: 5, protocol: 'boot' }]);
        await h.routes.change({ dst: '198.19.40.0/24', via: '198.18.0.4', metric: 5, dev: 'r0' });
        await expect(h.routes.change({ dst: '198.19.41.0/24', via: '198.18.0.4' })).rejects.toMatchObject({ code: 'ENOENT' });
        await h.routes.append({ dst: '198.19.40.0/24', via: '198.18.0.5', metric: 5 });
        expect(find(4, '198.19.40.0/24').map((r) => r.gateway)).toEqual(['198.18.0.4', '198.18.0.5']);
        await h.routes.prepend({ dst: '2001:db8:40::/64', via: '2001:db8::4' });
        await h.routes.append({ dst: '2001:db8:40::/64', via: '2001:db8:1::5', dev: 'r2' });
        expect(find(6, '2001:db8:40::/64')[0].nexthops.map((n: any) => n.gateway)).toEqual(['2001:db8::4', '2001:db8:1::5']);
        await h.routes.add({ dst: '198.19.42.0/24', nexthops: [{ via: '198.18.0.2', dev: 'r0', weight: 3 }, { via: '198.18.1.2', dev: 'r2', onlink: true }] });
        expect(find(4, '198.19.42.0/24')[0].nexthops.map((n: any) => [n.gateway, n.dev, n.weight, n.flags])).toEqual([['198.18.0.2', 'r0', 3, []], ['198.18.1.2', 'r2', 1, ['onlink']]]);
        await h.routes.add({ dst: '198.19.43.0/24', nhid: 10 });
        expect(find(4, '198.19.43.0/24')).toMatchObject([{ nhid: 10 }]);
        await h.routes.add({ dst: '198.19.44.0/24', type: 'blackhole', table: 1001 });
        await h.routes.add({ dst: '198.19.45.0/24', dev: 'r0', scope: 'link', src: '198.18.0.1', metrics: { mtu: 1300, lock: ['mtu'] }, realms: 7 });
        expect(find(4, '198.19.44.0/24', '1001')).toMatchObject([{ type: 'blackhole' }]);
        expect(find(4, '198.19.45.0/24')).toMatchObject([{ dev: 'r0', scope: 'link', prefsrc: '198.18.0.1', metrics: [{ mtu: 1300 }], flow: { to: '7' } }]);
        expect(ip(['-n', N, 'route', 'show', '198.19.45.0/24'])).toContain('mtu lock 1300');
        await h.routes.add({ dst: '2001:db8:41::/64', from: '2001:db8:42::/64', via: '2001:db8::2', pref: 'high' });
        expect(find(6, '2001:db8:41::/64')).toMatchObject([{ from: '2001:db8:42::/64', gateway: '2001:db8::2', pref: 'high' }]);
        await h.routes.delete({ dst: '198.19.40.0/24', via: '198.18.0.5', metric: 5 });
        expect(find(4, '198.19.40.0/24').map((r) => r.gateway)).toEqual(['198.18.0.4']);
        await h.routes.delete({ dst: '198.19.44.0/24', table: 1001 });
        expect(find(4, '198.19.44.0/24', '1001')).toEqual([]);
        // Checked before anything is sent.
        await expect(h.routes.add({ dst: '198.19.46.0/24' })).rejects.toThrow(/needs a gateway/);
        await expect(h.routes.add({ dst: '198.19.46.0/24', dev: 'r0', nexthops: [{ via: '198.18.0.2', weight: 0 }] })).rejects.toThrow(/weight/);
        // @ts-expect-error not a route type
        await expect(h.routes.add({ dst: '198.19.46.0/24', type: 'frob' })).rejects.toThrow(/unknown route type "frob"/);
        // flush: what ip's selection would have been, then nothing left of it.
        const doomed = (ipJson(N, ['-4', 'route', 'show', 'root', '198.19.40.0/21'])as any[]).length;
        const rounds: number[] = [];
        expect(await h.routes.flush({ family: 4, root: '198.19.40.0/21' }, { onRound: (_r, d) => rounds.push(d.length) })).toBe(doomed);
        expect(rounds).toEqual([doomed]);
        expect(ipJson(N, ['-4', 'route', 'show', 'root', '198.19.40.0/21'])).toEqual([]);
        const via6 = (ipJson(N, ['-6', 'route', 'show', 'table', 'all', 'via', '2001:db8::2']) as any[]).length;
        expect(via6).toBe(4);
        expect(await h.routes.flush({ family: 6, via: '2001:db8::2', table: 'all' })).toBe(via6);
        expect(ipJson(N, ['-6', 'route', 'show', 'table', 'all', 'via', '2001:db8::2'])).toEqual([]);
        // Routes through nexthop objects, which ip 6.1 cannot flush (it sends them back as dumped): deleted by id.
        expect(await h.routes.flush({ family: 4, root: '198.19.12.0/23' })).toBe(2);
        expect(ipJson(N, ['-4', 'route', 'show', 'root', '198.19.12.0/23'])).toEqual([]);
        expect(await h.routes.flush({ family: 4, root: '198.19.40.0/21' })).toBe(0);
      }, 30_000);
    });
  }
});
