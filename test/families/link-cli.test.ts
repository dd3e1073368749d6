/**
 * `tsip link` against `ip link` (iproute2 6.1), side by side in throwaway
 * namespaces:
 * - `-s` / `-s -s` counters, `-br`, `-o`, `-j`, `-j -p`: the same bytes on
 *   stdout for the same state;
 * - the `show` selectors (dev, bare NAME, type, master, nomaster, up,
 *   group) print what ip prints, and ask the kernel what ip asks (every
 *   RTM_GETLINK, dumps filtered by IFLA_MASTER / IFLA_LINKINFO, name and
 *   index lookups, traced with strace and decoded);
 * - `link set` (promisc, allmulticast, arp, alias, txqueuelen/txqlen,
 *   group, by group, several at once) sends ip's bytes and leaves the
 *   state ip leaves, read back with `ip -j`;
 * - bad arguments and kernel refusals give ip's words and exit codes;
 *   `tsip monitor help` exits as ip does.
 *
 * Namespaces `tsnl-t-linkcli-<pid>-...`, deleted in afterAll; addresses
 * only from 198.18.0.0/15.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ip, ipJson, kernelSkipReason, Namespaces, nsSysctl, rootLinkKeys, skipNote } from '../support/kernel.js';
import { BIN, hasStrace as hasStraceBin, ipRun, requestsOf, tsip } from '../support/oracle.js';
import { formatJSON } from '../../src/cli/json.js';
import { JsonNumber, timer } from '../../src/format/printer.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const run = kernelSkipReason === undefined;
const hasStrace = run && hasStraceBin;
const nss = new Namespaces(`tsnl-t-linkcli-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-linkcli-')) : tmpdir();

/** A namespace whose kernel sends nothing by itself (no IPv6 link-local addresses, no DAD, no router solicitations): counters stay put. */
function quietNs(suffix: string): string {
  const ns = nss.add(suffix);
  for (const [k, v] of [['addr_gen_mode', '1'], ['accept_dad', '0'], ['router_solicitations', '0']]) nsSysctl(ns, `net.ipv6.conf.default.${k}`, v);
  return ns;
}

/** Five UDP datagrams from v2 to a neighbour that does not exist (a permanent entry: no ARP); v3 drops them as meant for another host. */
const SEND = "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nfor _ in range(5): s.sendto(b'x' * 100, ('198.18.0.9', 9))";

/** The requests of types `type` a command sent, without iproute2's RTM_NEWLINK probe (an empty request it sends before any link command). */
function linkRequests(cmd: string[], tag: string, type = /^RTM_(NEW|GET)LINK$/): string[] {
  return requestsOf(cmd, type, work, tag).filter((r) => {
    const m = JSON.parse(r);
    return !(m.nlmsg_type === 'RTM_NEWLINK' && m.ifinfomsg?.ifi_index === 0 && Object.keys(m.attributes ?? {}).length === 0);
  });
}

describe('formatJSON: the JSON layout of ip -j and ip -j -p', () => {
  it('writes what ip 6.1 wrote for the same values (outputs copied from ip)', () => {
    // `ip -j -p link show type nosuchkind` in a namespace of four links (each filtered out: an empty object).
    expect(formatJSON([{}, {}, {}, {}], true)).toBe('[ {},{},{},{} ]');
    expect(formatJSON([{}, {}], false)).toBe('[{},{}]');
    expect(formatJSON([], true)).toBe('[ ]');
    // `ip -j -p addr show br0` (a link without addresses), shortened.
    const link = { ifindex: 4, ifname: 'br0', flags: ['BROADCAST', 'MULTICAST'], mtu: 1500, addr_info: [] };
    expect(formatJSON([link], true)).toBe(
      ['[ {', '        "ifindex": 4,', '        "ifname": "br0",', '        "flags": [ "BROADCAST","MULTICAST" ],', '        "mtu": 1500,', '        "addr_info": [ ]', '    } ]'].join('\n'),
    );
    // `ip -br -j -p addr show v0`, shortened: objects in an array of an object.
    expect(formatJSON([{ ifname: 'v0', addr_info: [{ local: '198.18.0.1', prefixlen: 24 }, { local: '2001:db8::1', prefixlen: 64 }] }], true)).toBe(
      [
        '[ {',
        '        "ifname": "v0",',
        '        "addr_info": [ {',
        '                "local": "198.18.0.1",',
        '                "prefixlen": 24',
        '            },{',
        '                "local": "2001:db8::1",',
        '                "prefixlen": 64',
        '            } ]',
        '    } ]',
      ].join('\n'),
    );
    // Bridge timers: seconds with two decimals; strings: only iproute2's escapes.
    expect(formatJSON({ hello_timer: timer(0).json, gc_timer: timer(1450).json, s: 'a"b\\c\td\u0001' })).toBe('{"hello_timer":0.00,"gc_timer":14.50,"s":"a\\"b\\\\c\\td\u0001"}');
    expect(formatJSON({ big: 2n ** 64n - 1n })).toBe('{"big":18446744073709551615}');
  });
});

describe.skipIf(!run)(`tsip link against ip link${skipNote()}`, () => {
  let A: string;
  let B: string;

  beforeAll(() => {
    B = quietNs('b');
    A = quietNs('a');
    const m = (...args: string[]) => ip(['-n', A, ...args]);
    m('link', 'set', 'lo', 'up');
    m('link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
    m('link', 'add', 'br0', 'type', 'bridge');
    m('link', 'set', 'v1', 'master', 'br0');
    m('link', 'add', 'v2', 'type', 'veth', 'peer', 'name', 'v3');
    m('link', 'set', 'v2', 'group', '5', 'up');
    m('link', 'set', 'v3', 'up');
    m('link', 'add', 'mv0', 'link', 'v0', 'type', 'macvlan', 'mode', 'bridge');
    m('link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1', 'netns', B);
    m('link', 'set', 'v0', 'alias', 'uplink to v1', 'txqlen', '500');
    m('link', 'property', 'add', 'dev', 'v0', 'altname', 'v0-alternative');
    for (const l of ['v0', 'v1']) m('link', 'set', l, 'up');
    m('addr', 'add', '198.18.0.1/24', 'dev', 'v2');
    m('neigh', 'add', '198.18.0.9', 'lladdr', '02:00:00:00:00:09', 'dev', 'v2', 'nud', 'permanent');
    ip(['netns', 'exec', A, '/usr/bin/python3', '-c', SEND]);
    ip(['netns', 'exec', A, 'ping', '-q', '-c', '2', '-i', '0.2', '127.0.0.1']);
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  /** Each command's stdout and exit status from tsip equal ip's (once more on a difference: counters may tick). */
  function sameAsIp(ns: string, cases: string[][]): void {
    for (const c of cases) {
      let theirs = ipRun(['-n', ns, ...c]);
      let ours = tsip(['-n', ns, ...c]);
      if (ours.stdout !== theirs.stdout) {
        theirs = ipRun(['-n', ns, ...c]);
        ours = tsip(['-n', ns, ...c]);
      }
      expect({ c, out: ours.stdout, status: ours.status, err: ours.stderr }).toEqual({ c, out: theirs.stdout, status: theirs.status, err: theirs.stderr });
    }
  }

  it('-s and -s -s print ip\'s counters (text columns, -j "stats64"), -o and -br too', () => {
    sameAsIp(A, [
      ['-s', 'link', 'show'],
      ['-s', '-s', 'link', 'show'],
      ['-s', '-j', 'link', 'show'],
      ['-s', '-s', '-j', 'link', 'show'],
      ['-s', '-s', '-j', '-p', 'link', 'show'],
      ['-s', 'link', 'show', 'dev', 'v3'],
      ['-s', '-s', 'link', 'show', 'v3'],
      ['-stats', '-o', 'link', 'show'],
      ['-s', '-d', 'link', 'show', 'br0'],
    ]);
    // The capture made the otherhost column appear: it is really there.
    expect(ipRun(['-n', A, '-s', '-s', 'link', 'show', 'v3']).stdout).toMatch(/RX errors: +length +crc +frame +fifo +overrun +otherhost/);
  }, 60_000);

  it('formatJSON lays out what ip -j -p prints, for every object ip prints', () => {
    ip(['-n', A, 'route', 'add', '198.18.9.0/24', 'via', '198.18.0.254']);
    ip(['-n', A, 'rule', 'add', 'from', '198.18.9.0/24', 'table', '100', 'prio', '100']);
    // The layout only: each number of ip's members is kept as ip spelt it (a bridge timer's `0.00`).
    const parse = (s: string) => JSON.parse(s.replace(/(":\s?)(-?\d[\d.e+-]*)(?=[,}\s])/g, '$1{"$num":"$2"}'), (_k, v) => (isObject(v) && '$num' in v ? new JsonNumber(v['$num'] as string) : v));
    for (const c of [['-d', 'link', 'show'], ['-s', '-s', 'link', 'show'], ['addr', 'show'], ['route', 'show', 'table', 'all'], ['neigh', 'show', 'nud', 'all'], ['rule', 'show'], ['-br', 'link', 'show']]) {
      const out = ip(['-n', A, '-j', '-p', ...c]);
      expect({ c, out: formatJSON(parse(out), true) + '\n' }).toEqual({ c, out });
      const compact = ip(['-n', A, '-j', ...c]);
      expect({ c, out: formatJSON(parse(compact)) + '\n' }).toEqual({ c, out: compact });
    }
  });

  it('-br, -o, -j and -j -p print what ip prints', () => {
    sameAsIp(A, [
      ['-br', 'link'],
      ['-br', '-j', 'link'],
      ['-br', '-j', '-p', 'link'],
      ['-brief', 'link', 'show', 'type', 'veth'],
      ['-o', 'link'],
      ['-oneline', '-d', 'link', 'show', 'v0'],
      ['-br', '-o', 'link'],
      ['-j', '-p', 'link', 'show'],
      ['-j', '-p', '-d', 'link', 'show'],
      ['-j', '-p', 'link', 'show', 'dev', 'p0'],
      ['-d', '-j', 'link', 'show', 'v1'],
    ]);
  }, 60_000);

  it('show selectors print what ip prints: dev, NAME, type, master, nomaster, up, group', () => {
    const selectors = [
      ['dev', 'v0'],
      ['v2'],
      ['p0'],
      ['type', 'veth'],
      ['type', 'bridge'],
      ['type', 'bridge_slave'],
      ['type', 'nosuchkind'],
      ['master', 'br0'],
      ['nomaster'],
      ['up'],
      ['group', '5'],
      ['group', 'default'],
      ['v0', 'group', '0'],
      ['dev', 'v3', 'up'],
      ['type', 'veth', 'up'],
    ];
    sameAsIp(A, selectors.flatMap((sel) => [['link', 'show', ...sel], ['-j', 'link', 'show', ...sel], ['-br', 'link', 'show', ...sel]]));
    // Not vacuous: the selectors select.
    expect(ipJson(A, ['link', 'show', 'master', 'br0']).map((l: any) => l.ifname)).toEqual(['v1']);
    expect(ipJson(A, ['link', 'show', 'type', 'veth']).map((l: any) => l.ifname).sort()).toEqual(['p0', 'v0', 'v1', 'v2', 'v3']);
  }, 120_000);

  it.skipIf(!hasStrace)(`show asks the kernel what ip asks: filtered dumps and lookups (strace, decoded)${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
    const cmds = [
      ['link', 'show'],
      ['-s', 'link', 'show'],
      ['link', 'show', 'dev', 'v0'],
      ['-s', 'link', 'show', 'v1'],
      ['link', 'show', 'type', 'veth'],
      ['link', 'show', 'master', 'br0'],
      ['link', 'show', 'nomaster'],
      ['link', 'show', 'type', 'bridge', 'master', 'br0'],
      ['link', 'show', 'up'],
      ['link', 'show', 'v0', 'group', '0'],
      ['-br', 'link', 'show', 'type', 'macvlan'],
      ['-j', 'link', 'show', 'master', 'br0'],
    ];
    // One deliberate difference: without -s tsip asks the kernel to leave
    // the counters out (RTEXT_FILTER_SKIP_STATS), which ip asks for and drops.
    const skippingStats = (r: string): string => {
      const m = JSON.parse(r);
      const mask = m.attributes?.IFLA_EXT_MASK;
      if (Array.isArray(mask) && !mask.includes('RTEXT_FILTER_SKIP_STATS')) m.attributes.IFLA_EXT_MASK = [...mask, 'RTEXT_FILTER_SKIP_STATS'];
      return JSON.stringify(m);
    };
    let skipped = 0;
    cmds.forEach((c, i) => {
      const theirs = linkRequests(['ip', '-n', A, ...c], `show-ip${i}`);
      const ours = linkRequests([process.execPath, BIN, '-n', A, ...c], `show-ts${i}`);
      const expected = c.includes('-s') ? theirs : theirs.map(skippingStats);
      skipped += expected.filter((r, k) => r !== theirs[k]).length;
      expect({ c, ours }).toEqual({ c, ours: expected });
      expect(theirs.length).toBeGreaterThan(0);
    });
    expect(skipped, 'requests where tsip adds SKIP_STATS').toBeGreaterThan(5);
    // The filters are the kernel's: IFLA_LINKINFO { IFLA_INFO_KIND } and IFLA_MASTER in the dump request.
    const typed = linkRequests([process.execPath, BIN, '-n', A, 'link', 'show', 'type', 'veth'], 'kind').map((r) => JSON.parse(r));
    expect(typed[0].attributes.IFLA_LINKINFO).toEqual({ IFLA_INFO_KIND: 'veth' });
  }, 120_000);

  describe('link set', () => {
    /** Twin namespaces, the same links in the same order (so the same ifindexes): ip changes one, tsip the other. */
    let T1: string;
    let T2: string;
    beforeAll(() => {
      T1 = quietNs('t1');
      T2 = quietNs('t2');
      for (const ns of [T1, T2]) {
        ip(['-n', ns, 'link', 'add', 's0', 'type', 'veth', 'peer', 'name', 's1']);
        ip(['-n', ns, 'link', 'add', 'sbr', 'type', 'bridge']);
        ip(['-n', ns, 'link', 'set', 's1', 'group', '7']);
      }
    });

    /** What `ip -j -d` says of a link, less what differs between twins (MAC addresses, bridge ids). */
    const state = (ns: string) =>
      (ipJson(ns, ['-d', 'link', 'show']) as any[]).map((l) =>
        Object.fromEntries(['ifname', 'flags', 'mtu', 'txqlen', 'group', 'ifalias', 'master', 'promiscuity', 'allmulti', 'operstate'].filter((k) => k in l).map((k) => [k, l[k]])),
      );

    const CHANGES = [
      ['link', 'set', 's0', 'promisc', 'on'],
      ['link', 'set', 'dev', 's0', 'allmulticast', 'on', 'arp', 'off'],
      ['link', 'set', 's0', 'alias', 'to the other side', 'txqueuelen', '64'],
      ['link', 'set', 's0', 'txqlen', '0x20', 'group', '3', 'promisc', 'off', 'up'],
      ['link', 'set', 'dev', 's0', 'arp', 'on', 'allmulticast', 'off', 'alias', ''],
      ['link', 'set', 's0', 'qlen', '-5'],
      ['link', 'set', 'group', '7', 'mtu', '1400', 'promisc', 'on'],
      ['link', 'set', 's1', 'master', 'sbr', 'txqlen', '1000', 'group', 'default'],
      ['link', 'set', 's1', 'nomaster', 'alias', 'x'],
      ['link', 'set', 's0', 'name', 's9', 'mtu', '1300', 'down'],
    ];

    it.skipIf(!hasStrace)(`sends ip's bytes, and leaves ip's state${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
      CHANGES.forEach((c, i) => {
        const theirs = linkRequests(['ip', '-n', T1, ...c], `set-ip${i}`);
        const ours = linkRequests([process.execPath, BIN, '-n', T2, ...c], `set-ts${i}`);
        expect({ c, ours }).toEqual({ c, ours: theirs });
        expect(theirs.some((r) => r.includes('"RTM_NEWLINK"'))).toBe(true);
        expect({ c, state: state(T2) }).toEqual({ c, state: state(T1) });
      });
      // Not vacuous: the changes happened.
      const s9 = ipJson(T2, ['-d', 'link', 'show', 's9'])[0];
      expect([s9.txqlen, s9.group, s9.mtu, 'ifalias' in s9]).toEqual([-5, '3', 1300, false]);
      expect(ipJson(T2, ['link', 'show', 's1'])[0]).toMatchObject({ ifalias: 'x', group: 'default', txqlen: 1000 });
    }, 120_000);

    it('changes state as ip does, without strace too', () => {
      const T3 = quietNs('t3');
      ip(['-n', T3, 'link', 'add', 'z0', 'type', 'veth', 'peer', 'name', 'z1']);
      const ok = (args: string[]) => expect(tsip(['-n', T3, ...args]).status).toBe(0);
      ok(['link', 'set', 'z0', 'promisc', 'on', 'allmulticast', 'on', 'arp', 'off', 'alias', 'zed', 'txqlen', '77', 'group', '9']);
      const z = ipJson(T3, ['-d', 'link', 'show', 'z0'])[0];
      expect(z.flags).toEqual(expect.arrayContaining(['NOARP', 'ALLMULTI', 'PROMISC']));
      expect([z.ifalias, z.txqlen, z.group, z.promiscuity, z.allmulti]).toEqual(['zed', 77, '9', 1, 1]);
      ok(['link', 'set', 'dev', 'z0', 'promisc', 'off', 'allmulticast', 'off', 'arp', 'on', 'alias', '']);
      const y = ipJson(T3, ['-d', 'link', 'show', 'z0'])[0];
      expect(y.flags).not.toEqual(expect.arrayContaining(['NOARP']));
      expect(['ifalias' in y, y.promiscuity, y.allmulti]).toEqual([false, 0, 0]);
    });
  });

  it("bad arguments and kernel refusals: ip's words and exit codes", () => {
    const T4 = quietNs('t4');
    ip(['-n', T4, 'link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'e1']);
    const cases = [
      ['link', 'set', 'e0', 'promisc', 'maybe'],
      ['link', 'set', 'e0', 'allmulticast'],
      ['link', 'set', 'e0', 'arp', 'x'],
      ['link', 'set', 'e0', 'txqlen', 'abc'],
      ['link', 'set', 'e0', 'txqlen', '4294967295'],
      ['link', 'set', 'e0', 'group', 'abc'],
      ['link', 'set', 'e0', 'group', '3', 'group', '4'],
      ['link', 'set', 'e0', 'txqlen', '5', 'qlen', '6'],
      ['link', 'set', 'e0', 'alias', 'a'.repeat(256)],
      ['link', 'set', 'e0', 'bogus'],
      ['link', 'set', 'nope', 'promisc', 'on'],
      ['link', 'set', 'promisc', 'on'],
      ['link', 'set', 'e0', 'master', 'nope'],
      ['link', 'set', 'e0', 'mtu', '100000'],
      ['link', 'set', 'e0', 'mtu', '0x10000'],
      ['link', 'show', 'type'],
      ['link', 'show', 'nope'],
      ['link', 'show', 'dev', 'nope'],
      ['link', 'show', 'master', 'nope'],
      ['link', 'show', 'group', 'abc'],
      ['link', 'show', 'e0', 'e1'],
    ];
    for (const c of cases) {
      const theirs = ipRun(['-n', T4, ...c]);
      const ours = tsip(['-n', T4, ...c]);
      // (Usage texts name each tool: the first word after "Usage:" differs.)
      const first = (s: string) => s.split('\n')[0]!.replace(/^Usage: (ip|tsip) /, 'Usage: ');
      expect({ c, err: first(ours.stderr), status: ours.status }).toEqual({ c, err: first(theirs.stderr), status: theirs.status });
      expect(ours.status).not.toBe(0);
    }
    // A kernel refusal carries the kernel's own words.
    expect(tsip(['-n', T4, 'link', 'set', 'e0', 'mtu', '100000']).stderr).toBe('Error: mtu greater than device maximum.\n');
    // `help` among the selectors: the usage, on stderr, exit 255 (each tool its own usage).
    for (const c of [['link', 'show', 'help'], ['link', 'set', 'e0', 'help']]) {
      const [theirs, ours] = [ipRun(['-n', T4, ...c]), tsip(['-n', T4, ...c])];
      expect({ c, status: ours.status, out: ours.stdout }).toEqual({ c, status: theirs.status, out: theirs.stdout });
      expect(ours.stderr).toMatch(/^Usage: tsip link /);
    }
  }, 60_000);

  it('tsip monitor help prints the usage and exits as ip does', () => {
    const theirs = ipRun(['monitor', 'help']);
    const ours = tsip(['monitor', 'help']);
    expect([ours.status, ours.stdout]).toEqual([theirs.status, theirs.stdout]);
    expect(theirs.status).toBe(255);
    expect(ours.stderr).toMatch(/^Usage: tsip monitor /);
  });
});
