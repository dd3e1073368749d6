/**
 * The statistics family, with iproute2 6.1 as the oracle: tsip's
 * formatter prints the captured replies (fixtures/stats) as `ip stats`
 * printed them, text and -j, and the request builders make the bytes ip
 * sent; against the kernel, `tsip stats` prints what `ip stats` prints
 * for every group (text, -j, -s, -d), sends the requests ip sends
 * (strace, decoded), refuses what ip refuses with its words and exit
 * codes, and `handle.stats` lists and sets what ip reads, in setns and
 * helper mode. Namespaces `tsnl-t-stats-<pid>-...`, deleted in afterAll.
 *
 * The links of the kernel tests stay down except lo, which carries a few
 * pings in the setup and nothing after: no counter moves between ip's run
 * and tsip's, so outputs are compared whole, counters included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Handle } from '../../src/index.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { BIN, hasStrace, ipRun, requestsOf, tsip } from '../support/oracle.js';
import { fixture, messagesOf, splitMessages, type Fixture } from '../support/fixtures.js';
import { unnamed } from '../support/named.js';
import { linkContext } from '../../src/format/context.js';
import { Out } from '../../src/format/printer.js';
import { encodeMessage, type Message } from '../../src/netlink/message.js';
import { NLM_F_DUMP, NLM_F_REQUEST } from '../../src/core/constants.js';
import { RTM } from '../../src/rtnl/constants.js';
import { rtnetlink } from '../../src/families/registry.js';
import { selectLeaves, statsUsage } from '../../src/families/stats/cli.js';
import { selectionOfLeaves, statsJSON, statsText, STATS_LEAVES } from '../../src/families/stats/format.js';
import { printBond3ad } from '../../src/families/stats/format-xstats.js';
import { statsDump, statsGet, statsSetL3 } from '../../src/families/stats/requests.js';
import { bond3adStats, toLinkStats } from '../../src/families/stats/view.js';
import { bondXstatsAttrs, statsAfSpecAttrs } from '../../src/families/stats/attrs.js';
import { sourceOf } from '../../src/schema/kind.js';

const IDS = ['stats/show', 'stats/show-dev', 'stats/show-offload', 'stats/show-xstats', 'stats/show-xstats-slave'];

/** A captured command's parts: `dev` and the group words after `stats show`. */
function commandOf(f: Fixture): { dev?: string; words: string[] } {
  const args = f.command.slice(f.command.indexOf('show') + 1);
  const i = args.indexOf('dev');
  if (i < 0) return { words: args };
  return { dev: args[i + 1], words: [...args.slice(0, i), ...args.slice(i + 2)] };
}

/** A copy with the numbers under `stats64` set to 0 (the counters ip -j read later than the capture). */
function maskCounters(x: any, under = false): any {
  if (Array.isArray(x)) return x.map((v) => maskCounters(v, under));
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, maskCounters(v, under || k === 'stats64')]));
  return under && typeof x === 'number' ? 0 : x;
}

describe('statistics captures (fixtures/stats)', () => {
  it('decode names every message and attribute', () => {
    for (const id of IDS) expect({ id, unnamed: unnamed(fixture(id)) }).toEqual({ id, unnamed: [] });
  });

  it('prints the captured replies as ip printed them, text and -j', () => {
    for (const id of IDS) {
      const f = fixture(id);
      const { dev, words } = commandOf(f);
      const leaves = selectLeaves(words);
      const msgs = messagesOf(f);
      // ip named the links from its own RTM_GETLINK requests, captured with the rest.
      const ctx = linkContext(msgs.filter((m) => m.dir === 'recv'));
      const replies = msgs.filter((m) => m.dir === 'recv' && m.type === RTM.RTM_NEWSTATS);
      expect(replies.length).toBeGreaterThan(0);
      // `stats show` is ip's show_stats 1; a dump ends each link's records with an empty line.
      const text = replies.map((m) => statsText(m, ctx, leaves, 1) + (dev === undefined ? '\n' : '')).join('');
      expect({ id, text }).toEqual({ id, text: f.stdout });
      // ip -j ran after the capture: the veths' counters moved in between (IPv6 neighbour
      // discovery on links just set up), so the link counters are masked on both sides.
      const json = replies.flatMap((m) => statsJSON(m, ctx, leaves, 1));
      expect({ id, json: maskCounters(json) }).toEqual({ id, json: maskCounters(f.state!.json) });
      expect(JSON.stringify(json)).toContain('"group"');
    }
  });

  it('prints every statistic of the full dump, in the order ip printed them', () => {
    const f = fixture('stats/show');
    const paths = f.stdout.split('\n').filter((l) => l.startsWith('1: lo:')).map((l) => [...l.matchAll(/ (?:group|subgroup|suite) (\S+)/g)].map((m) => m[1]).join('/'));
    expect(paths).toEqual(STATS_LEAVES.map((l) => l.path.join('/')));
  });

  it('builds the requests ip sent, byte for byte', () => {
    for (const id of IDS) {
      const f = fixture(id);
      const { dev, words } = commandOf(f);
      const sel = selectionOfLeaves(selectLeaves(words));
      const sent = f.datagrams.filter((d) => d.dir === 'send').flatMap((d) => splitMessages(d.bytes));
      const msgs = messagesOf(f).filter((m) => m.dir === 'send');
      const i = msgs.findIndex((m) => m.type === RTM.RTM_GETSTATS);
      const captured = msgs[i]!;
      const built: Message = dev === undefined ? statsDump(sel) : statsGet(captured.header!.ifindex, sel);
      // ip asks for one link without NLM_F_ACK and dumps with NLM_F_DUMP; tsip's connection adds those flags when it sends.
      const flags = NLM_F_REQUEST | (dev === undefined ? NLM_F_DUMP : 0);
      expect({ id, bytes: encodeMessage({ ...built, flags, seq: captured.seq, pid: captured.pid }, rtnetlink) }).toEqual({ id, bytes: sent[i] });
    }
  });

  it('asks for a part of the offload group only with IFLA_STATS_GET_FILTERS, as ip', () => {
    const only = (words: string[]) => {
      const m = statsDump(selectionOfLeaves(selectLeaves(words)));
      return { mask: m.header!.filterMask, filters: m.attrs!.getFilters };
    };
    expect(only(['group', 'offload'])).toEqual({ mask: 8, filters: undefined });
    expect(only(['group', 'offload', 'subgroup', 'cpu_hit'])).toEqual({ mask: 8, filters: { linkOffloadXstats: 1 } });
    // l3_stats needs the hardware stats info too.
    expect(only(['group', 'offload', 'subgroup', 'l3_stats'])).toEqual({ mask: 8, filters: { linkOffloadXstats: 6 } });
    expect(only(['group', 'link', 'group', 'xstats', 'subgroup', 'bridge', 'suite', 'stp'])).toEqual({ mask: 3, filters: undefined });
    expect(statsSetL3(5, true)).toMatchObject({ type: RTM.RTM_SETSTATS, header: { ifindex: 5 }, attrs: { setOffloadXstatsL3Stats: 1 } });
  });

  it("prints a bond's 802.3ad counters in ip's words (BOND_XSTATS_3AD, from ip's format strings: no bond here)", () => {
    // LINK_XSTATS_TYPE_BOND's payload: BOND_XSTATS_3AD (1) { LACPDU_RX (0) = 7, MARKER_TX (5) = 2^53 + 1 }: the numbers of linux/if_bonding.h, whose enum starts at 0.
    const u64 = (type: number, v: bigint) => {
      const b = new Uint8Array(12);
      const dv = new DataView(b.buffer);
      dv.setUint16(0, 12, true);
      dv.setUint16(2, type, true);
      dv.setBigUint64(4, v, true);
      return [...b];
    };
    const inner = [...u64(0, 7n), ...u64(5, 2n ** 53n + 1n)];
    const bytes = new Uint8Array([4 + inner.length, 0, 1, 0, ...inner]);
    const bond = bondXstatsAttrs.decode(sourceOf(bytes), 0, bytes.length);
    const lacp = bond3adStats(bond)!;
    const text = new Out(false);
    printBond3ad(text, lacp);
    const pad = ' '.repeat(20);
    expect(text.lines()).toEqual([`${pad}LACPDU Rx 7`, `${pad}Marker Tx 9007199254740993`]);
    const json = new Out(true);
    printBond3ad(json, lacp);
    expect(JSON.stringify(json.object(), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).toBe('{"802.3ad":{"lacpdu_rx":7,"marker_tx":"9007199254740993n"}}');
    const view = toLinkStats({ type: RTM.RTM_NEWSTATS, flags: 0, seq: 0, pid: 0, header: { ifindex: 9 }, attrs: { linkXstatsSlave: { bond } } });
    expect(view.bondPort).toEqual({ lacpduRx: 7, markerTx: 2n ** 53n + 1n });
  });

  it("prints MPLS counters in ip's layout (from ip's format strings: no MPLS in this kernel)", () => {
    // IFLA_STATS_AF_SPEC: AF_MPLS (28) { MPLS_STATS_LINK: rx_packets 1, rx_bytes 1234567890123, rx_noroute 2, the rest 0 }.
    const b = new Uint8Array(80);
    const dv = new DataView(b.buffer);
    dv.setUint16(0, 80, true);
    dv.setUint16(2, 28, true);
    dv.setUint16(4, 76, true);
    dv.setUint16(6, 1, true);
    dv.setBigUint64(8 + 0, 1n, true); // rx_packets
    dv.setBigUint64(8 + 16, 1234567890123n, true); // rx_bytes
    dv.setBigUint64(8 + 64, 2n, true); // rx_noroute
    const afSpec = statsAfSpecAttrs.decode(sourceOf(b), 0, b.length);
    const m: Message = { type: RTM.RTM_NEWSTATS, flags: 0, seq: 0, pid: 0, header: { ifindex: 1 }, attrs: { afSpec } };
    const ctx = { nameOf: () => 'lo' };
    const leaves = selectLeaves(['group', 'afstats']);
    expect(statsText(m, ctx, leaves, 1)).toBe(
      [
        '1: lo: group afstats subgroup mpls',
        '    RX:     bytes packets errors dropped noroute',
        '    1234567890123       1      0       0       2 ',
        '    TX:     bytes packets errors dropped',
        '                0       0      0       0 ',
        '',
      ].join('\n'),
    );
    expect(statsJSON(m, ctx, leaves, 1)).toEqual([
      {
        ifindex: 1,
        ifname: 'lo',
        group: 'afstats',
        subgroup: 'mpls',
        mpls_stats: { rx: { bytes: 1234567890123, packets: 1, errors: 0, dropped: 0, noroute: 2 }, tx: { bytes: 0, packets: 0, errors: 0, dropped: 0 } },
      },
    ]);
    expect(toLinkStats(m).mpls).toMatchObject({ rxPackets: 1, rxBytes: 1234567890123, rxNoroute: 2 });
    // Without the AF_MPLS nest (this kernel): the path alone, as ip printed it in fixtures/stats/show.
    expect(statsText({ ...m, attrs: {} }, ctx, leaves, 1)).toBe('1: lo: group afstats subgroup mpls\n');
  });

  it("usage is ip's", () => {
    expect(statsUsage().replace(/tsip /g, 'ip ')).toBe(ipUsage);
  });
});

/** `ip stats help` of iproute2 6.1 (stderr). */
const ipUsage = `Usage: ip stats help
       ip stats show [ dev DEV ] [ group GROUP [ subgroup SUBGROUP [ suite SUITE ] ... ] ... ] ...
       ip stats set dev DEV l3_stats { on | off }
GROUP := { link | xstats | xstats_slave | offload | afstats }
xstats SUBGROUP := { bridge [ suite stp ] [ suite mcast ] | bond [ suite 802.3ad ] }
xstats_slave SUBGROUP := { bridge [ suite stp ] [ suite mcast ] | bond [ suite 802.3ad ] }
offload SUBGROUP := { cpu_hit | hw_stats_info | l3_stats }
afstats SUBGROUP := { mpls }
`;

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-stats-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-stats-')) : tmpdir();
const handles: Handle[] = [];

/**
 * lo with a few packets, a veth pair v0/v1 (down: no traffic) with L3
 * hardware stats asked for on v0, and a bridge br0 (down, multicast stats
 * on) with v1 as its port.
 */
function setup(ns: string): void {
  ip(['-n', ns, 'link', 'set', 'lo', 'up']);
  ip(['netns', 'exec', ns, 'ping', '-q', '-c', '2', '-i', '0.2', '127.0.0.1']);
  ip(['-n', ns, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
  ip(['-n', ns, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_stats_enabled', '1']);
  ip(['-n', ns, 'link', 'set', 'v1', 'master', 'br0']);
  ip(['-n', ns, 'stats', 'set', 'dev', 'v0', 'l3_stats', 'on']);
}

describe.skipIf(!run)(`statistics against the kernel${skipNote()}`, () => {
  let A: string;

  beforeAll(() => {
    A = nss.add('a');
    setup(A);
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('tsip stats prints what ip stats prints, text and -j, every group, -s and -d', () => {
    const cmds = [
      ['stats'],
      ['stats', 'show'],
      ['-j', 'stats', 'show'],
      ['-j', '-p', 'stats'],
      ['-s', 'stats', 'show', 'group', 'link'],
      ['-d', '-j', 'stats', 'show', 'group', 'link'],
      ['-s', 'stats'],
      ['stats', 'show', 'dev', 'lo'],
      ['-j', 'stats', 'show', 'dev', 'v0'],
      ['stats', 'show', 'dev', 'v0', 'group', 'offload'],
      ['-j', '-p', 'stats', 'show', 'group', 'offload', 'subgroup', 'l3_stats'],
      ['stats', 'show', 'group', 'offload', 'subgroup', 'cpu_hit', 'group', 'offload', 'subgroup', 'hw_stats_info'],
      ['stats', 'show', 'group', 'offload', 'subgroup', 'l3_stats', 'group', 'link', 'dev', 'v0'],
      ['stats', 'show', 'dev', 'br0', 'group', 'xstats'],
      ['-j', 'stats', 'show', 'dev', 'br0', 'group', 'xstats', 'subgroup', 'bridge', 'suite', 'mcast'],
      ['stats', 'show', 'group', 'xstats_slave', 'subgroup', 'bridge'],
      ['-j', 'stats', 'show', 'dev', 'v1', 'group', 'xstats_slave', 'subgroup', 'bridge', 'suite', 'stp'],
      ['stats', 'show', 'group', 'xstats', 'subgroup', 'bond', 'group', 'afstats'],
      ['stats', 'show', 'group', 'link', 'group', 'link', 'dev', 'lo'],
      ['stats', 'help'],
      ['stats', 'show', 'dev', 'lo', 'help'],
    ];
    for (const c of cmds) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      const err = ours.stderr.replace(/tsip /g, 'ip ');
      expect({ c, out: ours.stdout, err, status: ours.status }).toEqual({ c, out: theirs.stdout, err: theirs.stderr, status: theirs.status });
      expect(theirs.stdout.length + theirs.stderr.length).toBeGreaterThan(0);
    }
    // The setup's pings: lo's counters are not all zero, so the comparison saw real numbers.
    expect((ipJson(A, ['stats', 'show', 'dev', 'lo', 'group', 'link']) as any[])[0].stats64.rx.packets).toBeGreaterThan(0);
    expect(ip(['-n', A, 'stats', 'show', 'dev', 'v0', 'group', 'offload', 'subgroup', 'l3_stats'])).toContain('l3_stats on used off\n    RX: bytes');
  }, 60_000);

  it.skipIf(!hasStrace)(`sends the requests ip sends (strace, decoded)${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
    const cmds = [
      ['stats'],
      ['stats', 'show', 'dev', 'v0'],
      ['stats', 'show', 'group', 'link'],
      ['stats', 'show', 'group', 'offload'],
      ['stats', 'show', 'dev', 'v0', 'group', 'offload', 'subgroup', 'cpu_hit'],
      ['stats', 'show', 'group', 'offload', 'subgroup', 'l3_stats'],
      ['stats', 'show', 'group', 'offload', 'subgroup', 'hw_stats_info', 'group', 'xstats_slave', 'subgroup', 'bridge', 'suite', 'stp'],
      ['stats', 'show', 'group', 'afstats', 'group', 'xstats'],
      // Already on: the state stays as it was.
      ['stats', 'set', 'dev', 'v0', 'l3_stats', 'on'],
    ];
    cmds.forEach((c, i) => {
      const theirs = requestsOf(['ip', '-n', A, ...c], /STATS/, work, `ip${i}`);
      const ours = requestsOf([process.execPath, BIN, '-n', A, ...c], /STATS/, work, `ts${i}`);
      expect({ c, ours }).toEqual({ c, ours: theirs });
      expect(theirs.length).toBe(1);
    });
  }, 60_000);

  it("errors are ip's words and exit codes", () => {
    const cases = [
      ['stats', 'foo'],
      ['stats', 'sh'],
      ['stats', 'show', 'foo'],
      ['stats', 'show', 'group'],
      ['stats', 'show', 'group', 'foo'],
      ['stats', 'show', 'subgroup', 'x'],
      ['stats', 'show', 'group', 'link', 'subgroup', 'x'],
      ['stats', 'show', 'group', 'offload', 'subgroup', 'x'],
      ['stats', 'show', 'group', 'offload', 'subgroup', 'cpu_hit', 'suite', 'x'],
      ['stats', 'show', 'group', 'xstats', 'subgroup', 'bridge', 'suite', 'x'],
      ['stats', 'show', 'group', 'xstats', 'suite', 'stp'],
      ['stats', 'show', 'group', 'link', 'group', 'foo', 'group', 'offload'],
      ['stats', 'show', 'dev', 'nosuch'],
      ['stats', 'show', 'dev', 'nosuch', 'group', 'foo'],
      ['stats', 'show', 'dev', 'lo', 'dev', 'lo'],
      ['stats', 'show', 'dev'],
      ['stats', 'show', 'dev', 'a/b'],
      ['stats', 'set'],
      ['stats', 'set', 'dev', 'v0'],
      ['stats', 'set', 'dev', 'v0', 'l3_stats'],
      ['stats', 'set', 'dev', 'v0', 'l3_stats', 'maybe'],
      ['stats', 'set', 'dev', 'v0', 'l3_stats', ''],
      ['stats', 'set', 'dev', 'nosuch', 'l3_stats', 'on'],
      ['stats', 'set', 'dev', 'v0', 'l3_stats', 'on', 'l3_stats', 'off'],
      ['stats', 'set', 'dev', 'v0', 'dev', 'v1'],
      ['stats', 'set', 'foo'],
    ];
    const before = ip(['-n', A, 'stats', 'show', 'group', 'offload']);
    for (const c of cases) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      const err = ours.stderr.replace(/tsip /g, 'ip ');
      expect({ c, out: ours.stdout, err, status: ours.status }).toEqual({ c, out: theirs.stdout, err: theirs.stderr, status: theirs.status });
      expect(ours.status).not.toBe(0);
    }
    expect(ip(['-n', A, 'stats', 'show', 'group', 'offload'])).toBe(before);
  }, 60_000);

  it('tsip stats set turns L3 hardware stats off and on as ip reads them', () => {
    const info = () => (ipJson(A, ['stats', 'show', 'dev', 'v0', 'group', 'offload', 'subgroup', 'hw_stats_info']) as any[])[0].info.l3_stats;
    for (const [word, want] of [['off', false], ['on', true], ['of', false], ['on', true]] as const) {
      const r = tsip(['-n', A, 'stats', 'set', 'dev', 'v0', 'l3_stats', word]);
      expect({ word, status: r.status, out: r.stdout, err: r.stderr }).toEqual({ word, status: 0, out: '', err: '' });
      expect(info()).toEqual({ request: want, used: false });
    }
  }, 30_000);

  for (const mode of ['setns', 'helper'] as const) {
    it(`handle.stats (${mode}): list and setL3Stats, read back with ip -j`, async () => {
      const ns = nss.add(`api-${mode}`);
      setup(ns);
      const h = open({ netns: ns, netnsMode: mode });
      handles.push(h);
      const theirs = ipJson(ns, ['stats', 'show']) as any[];
      const all = await h.stats.list();
      expect(all.map((s) => [s.ifindex, s.dev])).toEqual([...new Map(theirs.map((j) => [j.ifindex, j.ifname])).entries()]);
      const byName = new Map(all.map((s) => [s.dev, s]));
      const record = (dev: string, path: string) => theirs.find((j) => j.ifname === dev && [j.group, j.subgroup, j.suite].filter(Boolean).join('/') === path);
      const lo = byName.get('lo')!;
      expect({ rx: Number(lo.counters!.rxPackets), tx: Number(lo.counters!.txBytes) }).toEqual({ rx: record('lo', 'link').stats64.rx.packets, tx: record('lo', 'link').stats64.tx.bytes });
      expect(Number(lo.counters!.rxPackets)).toBeGreaterThan(0);
      expect(byName.get('v0')!.l3Stats).toMatchObject({ request: true, used: false, counters: { rxPackets: 0, multicast: 0 } });
      expect(record('v0', 'offload/l3_stats').info).toEqual({ request: true, used: false });
      const port = byName.get('v1')!;
      expect(port.bridgePort?.stp).toEqual({ transitionBlk: 0, transitionFwd: 0, rxBpdu: 0, txBpdu: 0, rxTcn: 0, txTcn: 0 });
      expect(Number(port.bridgePort?.mcast?.igmpV2reportsRx)).toBe(record('v1', 'xstats_slave/bridge/mcast').multicast.igmp_reports.rx_v2);
      expect(byName.get('br0')!.bridge?.mcast).toBeDefined();
      expect(port.message.type).toBe(RTM.RTM_NEWSTATS);
      // One link, some groups: the kernel sends only those.
      const [v0] = await h.stats.list({ dev: 'v0', groups: ['link'], offload: ['hw_stats_info'] });
      expect(v0!.dev).toBe('v0');
      expect(v0!.counters).toBeDefined();
      expect(v0!.l3Stats).toEqual({ request: true, used: false });
      expect(v0!.cpuHit).toBeUndefined();
      expect(v0!.bridgePort).toBeUndefined();
      expect((await h.stats.list({ groups: ['xstats_slave'] })).map((s) => [s.dev, s.counters === undefined, s.bridgePort !== undefined])).toEqual(
        all.map((s) => [s.dev, true, s.dev === 'v1']),
      );
      await h.stats.setL3Stats('v0', false);
      expect((ipJson(ns, ['stats', 'show', 'dev', 'v0', 'group', 'offload', 'subgroup', 'hw_stats_info']) as any[])[0].info.l3_stats).toEqual({ request: false, used: false });
      // Everything is checked before anything is sent.
      await expect(h.stats.list({ dev: 'nosuch' })).rejects.toMatchObject({ name: 'DeviceNotFoundError' });
      await expect(h.stats.list({ groups: ['bogus' as 'link'] })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
      await expect(h.stats.list({ offload: ['bogus' as 'cpu_hit'] })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
      await expect(h.stats.list({ groups: [] })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
      await expect(h.stats.setL3Stats('nosuch', true)).rejects.toMatchObject({ name: 'DeviceNotFoundError' });
      await expect(h.stats.setL3Stats('v0', 'on' as unknown as boolean)).rejects.toMatchObject({ name: 'InvalidArgumentError' });
      expect((ipJson(ns, ['stats', 'show', 'dev', 'v0', 'group', 'offload', 'subgroup', 'hw_stats_info']) as any[])[0].info.l3_stats.request).toBe(false);
    }, 30_000);
  }
});
