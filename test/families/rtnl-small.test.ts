/**
 * The smaller rtnetlink families (netconf, stats, neightbl, addrlabel, mdb,
 * vlan, prefix) and the link-property messages, against real captures:
 * every message and attribute of each capture is named, and the decoded
 * values are those the tool printed (the fixture's stdout, and the JSON of
 * its `state` command), which were made from the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { decodeMessages, encodeMessage } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';
import { NUD, NTF } from '../../src/families/neigh/header.js';
import { RTEXT_FILTER } from '../../src/families/link/attrs.js';
import { BRIDGE_VLANDB_DUMPF } from '../../src/families/vlan/attrs.js';
import { IFLA_STATS_FILTER } from '../../src/families/stats/header.js';
import { AF_BRIDGE, AF_INET6, RTM } from '../../src/rtnl/constants.js';
import { parseHex } from '../../src/bytes/hex.js';
import { fixture, messagesOf, type Fixture } from '../support/fixtures.js';
import { unnamed } from '../support/named.js';

const IDS = [
  'netconf/show',
  'netconf/show-dev-ipv6',
  'stats/show',
  'stats/show-dev',
  'stats/show-offload',
  'stats/show-xstats',
  'stats/show-xstats-slave',
  'neightbl/show',
  'addrlabel/list',
  'addrlabel/add',
  'mdb/show',
  'vlan/show',
  'vlan/show-details',
  'vlan/global-show',
  'fdb/show',
  'link/property-add',
];

type M = ReturnType<typeof messagesOf>[number];
const recv = (f: Fixture, type: number): M[] => messagesOf(f).filter((m) => m.dir === 'recv' && m.type === type);
const sent = (f: Fixture, type: number): M[] => messagesOf(f).filter((m) => m.dir === 'send' && m.type === type);

/** ifindex -> name, from the link dump or lookup the tool made in the same capture. */
function linkNames(f: Fixture): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of recv(f, RTM.RTM_NEWLINK)) if (m.attrs?.ifname !== undefined) out.set(m.header!.index, m.attrs.ifname);
  return out;
}

/** The printed `key value` pairs of a text block (`thresh1 128 thresh2 512 ...`). */
function pairs(text: string): Map<string, string> {
  const words = text.trim().split(/\s+/);
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < words.length; i += 2) out.set(words[i]!, words[i + 1]!);
  return out;
}

const onOff = (v: number) => (v ? 'on' : 'off');

describe('every capture is named', () => {
  for (const id of IDS) {
    it(id, () => {
      const f = fixture(id);
      expect(messagesOf(f).length).toBeGreaterThan(0);
      expect(unnamed(f)).toEqual([]);
    });
  }
});

describe('netconf', () => {
  /** A message as `ip netconf show` prints it. */
  function line(m: M, names: Map<number, string>): string {
    const a = m.attrs!;
    const dev = a.ifindex === -1 ? 'all' : a.ifindex === -2 ? 'default' : names.get(a.ifindex);
    const parts = [m.header!.family === AF_INET6 ? 'inet6' : 'inet', dev];
    if (a.forwarding !== undefined) parts.push('forwarding', onOff(a.forwarding));
    if (a.rpFilter !== undefined) parts.push('rp_filter', ['off', 'strict', 'loose'][a.rpFilter]!);
    if (a.mcForwarding !== undefined) parts.push('mc_forwarding', onOff(a.mcForwarding));
    if (a.proxyNeigh !== undefined) parts.push('proxy_neigh', onOff(a.proxyNeigh));
    if (a.ignoreRoutesWithLinkdown !== undefined) parts.push('ignore_routes_with_linkdown', onOff(a.ignoreRoutesWithLinkdown));
    return parts.join(' ') + ' ';
  }

  it('ip netconf show: one line per message, the same values; forwarding per interface as ip -j', () => {
    const f = fixture('netconf/show');
    const names = linkNames(f);
    const msgs = recv(f, RTM.RTM_NEWNETCONF);
    expect(msgs.length).toBe(f.stdout.trim().split('\n').length);
    expect(msgs.map((m) => line(m, names)).join('\n') + '\n').toBe(f.stdout);
    // Both families, the all and default entries, every link.
    expect(new Set(msgs.map((m) => m.attrs!.ifindex))).toEqual(new Set([-1, -2, ...names.keys()]));
    const fromJson = (f.state!.json as { family: string; interface: string; forwarding: boolean }[]).map((e) => `${e.family} ${e.interface} ${e.forwarding}`);
    expect(msgs.map((m) => `${m.header!.family === AF_INET6 ? 'inet6' : 'inet'} ${line(m, names).split(' ')[1]} ${m.attrs!.forwarding === 1}`)).toEqual(fromJson);
  });

  it('ip -6 netconf show dev veth0: a GET for one ifindex, and its answer', () => {
    const f = fixture('netconf/show-dev-ipv6');
    const names = linkNames(f);
    const [req] = sent(f, RTM.RTM_GETNETCONF);
    expect(req!.header).toEqual({ family: AF_INET6 });
    expect(names.get(req!.attrs!.ifindex)).toBe('veth0');
    const replies = recv(f, RTM.RTM_NEWNETCONF);
    expect(replies.map((m) => line(m, names)).join('\n') + '\n').toBe(f.stdout);
    expect(replies[0]!.attrs!.ifindex).toBe(req!.attrs!.ifindex);
  });
});

describe('stats', () => {
  /** `N: name: group link` blocks of `ip stats show`: ifindex -> [RX numbers, TX numbers]. */
  function linkGroups(stdout: string): Map<number, [number[], number[]]> {
    const out = new Map<number, [number[], number[]]>();
    const lines = stdout.split('\n');
    lines.forEach((l, i) => {
      const m = /^(\d+): \S+: group link$/.exec(l);
      if (!m) return;
      const nums = (s: string) => s.trim().split(/\s+/).map(Number);
      out.set(Number(m[1]), [nums(lines[i + 2]!), nums(lines[i + 4]!)]);
    });
    return out;
  }

  const counters = (s: Record<string, number | bigint>): [number[], number[]] => [
    [s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, s.rxMissedErrors, s.multicast].map(Number),
    [s.txBytes, s.txPackets, s.txErrors, s.txDropped, s.txCarrierErrors, s.collisions].map(Number),
  ];

  for (const id of ['stats/show', 'stats/show-dev']) {
    it(`${id}: IFLA_STATS_LINK_64 holds the counters ip printed`, () => {
      const f = fixture(id);
      const printed = linkGroups(f.stdout);
      const withLink = recv(f, RTM.RTM_NEWSTATS).filter((m) => m.attrs!.link64 !== undefined);
      expect(withLink.length).toBe(printed.size);
      for (const m of withLink) expect({ ifindex: m.header!.ifindex, c: counters(m.attrs!.link64) }).toEqual({ ifindex: m.header!.ifindex, c: printed.get(m.header!.ifindex) });
      // Two pings over lo in the setup: the counters are not all zero.
      expect(printed.get(1)![0][1]).toBe(4);
      expect(printed.get(1)![1][1]).toBe(4);
    });
  }

  it('ip stats show: one dump of every group, each reply says which groups it carries', () => {
    const f = fixture('stats/show');
    const reqs = sent(f, RTM.RTM_GETSTATS);
    // iproute2 6.1 dumps once with filter_mask 0x1f (every group) and sorts the replies out itself.
    expect(reqs.map((m) => m.header!.filterMask)).toEqual([0x1f]);
    const replies = recv(f, RTM.RTM_NEWSTATS);
    for (const m of replies) {
      const groups = Object.entries(IFLA_STATS_FILTER).filter(([, bit]) => m.header!.filterMask & bit).map(([n]) => n);
      expect(groups.length).toBeGreaterThan(0);
      if (m.header!.filterMask & IFLA_STATS_FILTER.IFLA_STATS_LINK_64) expect(m.attrs!.link64).toBeDefined();
    }
    expect(new Set(replies.map((m) => m.header!.ifindex))).toEqual(new Set(linkGroups(f.stdout).keys()));
  });

  it('group offload: the L3 hardware stats info ip printed', () => {
    const f = fixture('stats/show-offload');
    const [req] = sent(f, RTM.RTM_GETSTATS);
    expect(req!.header!.filterMask).toBe(IFLA_STATS_FILTER.IFLA_STATS_LINK_OFFLOAD_XSTATS);
    const [reply] = recv(f, RTM.RTM_NEWSTATS);
    const l3 = reply!.attrs!.linkOffloadXstats.hwSInfo.l3Stats;
    expect(f.stdout).toContain(`    l3_stats ${onOff(l3.request)} used ${onOff(l3.used)}\n`);
    const info = (f.state!.json as { subgroup?: string; info?: Record<string, unknown> }[]).find((e) => e.subgroup === 'hw_stats_info')!.info;
    expect(info).toEqual({ l3_stats: { request: !!l3.request, used: !!l3.used } });
  });

  /** br_mcast_stats as `ip stats` prints it. */
  function mcastText(s: Record<string, number>, indent: string): string {
    const n = (k: string) => Number(s[k]);
    return [
      'IGMP queries:',
      `  RX: v1 ${n('igmpV1queriesRx')} v2 ${n('igmpV2queriesRx')} v3 ${n('igmpV3queriesRx')}`,
      `  TX: v1 ${n('igmpV1queriesTx')} v2 ${n('igmpV2queriesTx')} v3 ${n('igmpV3queriesTx')}`,
      'IGMP reports:',
      `  RX: v1 ${n('igmpV1reportsRx')} v2 ${n('igmpV2reportsRx')} v3 ${n('igmpV3reportsRx')}`,
      `  TX: v1 ${n('igmpV1reportsTx')} v2 ${n('igmpV2reportsTx')} v3 ${n('igmpV3reportsTx')}`,
      `IGMP leaves: RX: ${n('igmpLeavesRx')} TX: ${n('igmpLeavesTx')}`,
      `IGMP parse errors: ${n('igmpParseErrors')}`,
      'MLD queries:',
      `  RX: v1 ${n('mldV1queriesRx')} v2 ${n('mldV2queriesRx')}`,
      `  TX: v1 ${n('mldV1queriesTx')} v2 ${n('mldV2queriesTx')}`,
      'MLD reports:',
      `  RX: v1 ${n('mldV1reportsRx')} v2 ${n('mldV2reportsRx')}`,
      `  TX: v1 ${n('mldV1reportsTx')} v2 ${n('mldV2reportsTx')}`,
      `MLD leaves: RX: ${n('mldLeavesRx')} TX: ${n('mldLeavesTx')}`,
      `MLD parse errors: ${n('mldParseErrors')}`,
    ]
      .map((l) => indent + l + '\n')
      .join('');
  }
  const INDENT = ' '.repeat(20);

  it('group xstats of a bridge: the multicast counters ip printed', () => {
    const f = fixture('stats/show-xstats');
    const [reply] = recv(f, RTM.RTM_NEWSTATS);
    expect(reply!.header!.filterMask).toBe(IFLA_STATS_FILTER.IFLA_STATS_LINK_XSTATS);
    const br = reply!.attrs!.linkXstats.bridge;
    expect(Object.keys(br)).toEqual(['mcast']);
    expect(f.stdout).toContain('group xstats subgroup bridge suite mcast\n' + mcastText(br.mcast, INDENT));
  });

  it('group xstats_slave of a bridge port: multicast and STP counters ip printed', () => {
    const f = fixture('stats/show-xstats-slave');
    const [reply] = recv(f, RTM.RTM_NEWSTATS);
    const port = reply!.attrs!.linkXstatsSlave.bridge;
    expect(f.stdout).toContain('group xstats_slave subgroup bridge suite mcast\n' + mcastText(port.mcast, INDENT));
    const s = port.stp;
    expect(f.stdout).toContain(
      `${INDENT}STP BPDU:  RX: ${s.rxBpdu} TX: ${s.txBpdu}\n${INDENT}STP TCN:   RX: ${s.rxTcn} TX: ${s.txTcn}\n${INDENT}STP Transitions: Blocked: ${s.transitionBlk} Forwarding: ${s.transitionFwd}\n`,
    );
  });
});

describe('neighbour tables', () => {
  /** The attribute each word of `ip ntable show` prints. */
  const WORDS: Record<string, (m: M) => unknown> = {
    thresh1: (m) => m.attrs!.thresh1,
    thresh2: (m) => m.attrs!.thresh2,
    thresh3: (m) => m.attrs!.thresh3,
    gc_int: (m) => m.attrs!.gcInterval,
    refcnt: (m) => m.attrs!.parms.refcnt,
    reachable: (m) => m.attrs!.parms.reachableTime,
    base_reachable: (m) => m.attrs!.parms.baseReachableTime,
    retrans: (m) => m.attrs!.parms.retransTime,
    gc_stale: (m) => m.attrs!.parms.gcStaletime,
    delay_probe: (m) => m.attrs!.parms.delayProbeTime,
    queue: (m) => m.attrs!.parms.queueLen,
    app_probes: (m) => m.attrs!.parms.appProbes,
    ucast_probes: (m) => m.attrs!.parms.ucastProbes,
    mcast_probes: (m) => m.attrs!.parms.mcastProbes,
    anycast_delay: (m) => m.attrs!.parms.anycastDelay,
    proxy_delay: (m) => m.attrs!.parms.proxyDelay,
    proxy_queue: (m) => m.attrs!.parms.proxyQlen,
    locktime: (m) => m.attrs!.parms.locktime,
  };

  it('ip ntable show: arp_cache and ndisc_cache, every printed value, in order', () => {
    const f = fixture('neightbl/show');
    const names = linkNames(f);
    const blocks = f.stdout.trim().split(/\n\s*\n/);
    const msgs = recv(f, RTM.RTM_NEWNEIGHTBL);
    expect(msgs.length).toBe(blocks.length);
    expect(new Set(msgs.map((m) => m.attrs!.name))).toEqual(new Set(['arp_cache', 'ndisc_cache']));
    let checked = 0;
    msgs.forEach((m, i) => {
      const [head, ...rest] = blocks[i]!.split('\n');
      expect(head!.trim()).toBe(`${m.header!.family === AF_INET6 ? 'inet6' : 'inet'} ${m.attrs!.name}`);
      const printed = pairs(rest.join(' '));
      const dev = printed.get('dev');
      expect(dev).toBe(m.attrs!.parms.ifindex === undefined ? undefined : names.get(m.attrs!.parms.ifindex));
      for (const [word, value] of printed) {
        if (word === 'dev') continue;
        expect({ table: i, word, value: Number(WORDS[word]!(m)) }).toEqual({ table: i, word, value: Number(value) });
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(100);
    // ip -j ntable show (run after the capture) names the same tables in the same order.
    expect((f.state!.json as { name: string; dev?: string }[]).map((t) => `${t.name} ${t.dev ?? ''}`)).toEqual(
      msgs.map((m) => `${m.attrs!.name} ${m.attrs!.parms.ifindex === undefined ? '' : names.get(m.attrs!.parms.ifindex)}`),
    );
  });
});

describe('address labels', () => {
  it('ip addrlabel list: each label as printed', () => {
    const f = fixture('addrlabel/list');
    const msgs = recv(f, RTM.RTM_NEWADDRLABEL);
    expect(msgs.map((m) => `prefix ${m.attrs!.address}/${m.header!.prefixlen} label ${m.attrs!.label} `).join('\n') + '\n').toBe(f.stdout);
    expect(msgs.map((m) => ({ address: m.attrs!.address, prefixlen: m.header!.prefixlen, label: m.attrs!.label }))).toEqual(f.state!.json);
  });

  it('ip addrlabel add: IFAL_ADDRESS 2001:db8:1:: /48 with IFAL_LABEL 7, as ip -j lists it afterwards', () => {
    const f = fixture('addrlabel/add');
    const [req] = sent(f, RTM.RTM_NEWADDRLABEL);
    expect(req!.header).toMatchObject({ family: AF_INET6, prefixlen: 48, index: 0 });
    expect(req!.attrs).toEqual({ label: 7, address: '2001:db8:1::' });
    expect(f.state!.json).toContainEqual({ address: '2001:db8:1::', prefixlen: 48, label: 7 });
  });
});

describe('multicast database', () => {
  it('bridge mdb show: group 239.1.1.1 on port veth1 of br0, permanent (dump replies are typed RTM_GETMDB)', () => {
    const f = fixture('mdb/show');
    const names = linkNames(f);
    const replies = recv(f, RTM.RTM_GETMDB);
    expect(replies.length).toBeGreaterThan(0);
    const lines: string[] = [];
    const json: unknown[] = [];
    // bridge dumps twice (groups, then router ports): print the first dump's entries.
    const first = replies.filter((m) => m.seq === replies[0]!.seq);
    for (const m of first) {
      for (const entry of m.attrs!.mdb?.entry ?? []) {
        for (const info of entry.info) {
          const e = info.header;
          const state = e.state === 1 ? 'permanent' : 'temp';
          lines.push(`dev ${names.get(m.header!.ifindex)} port ${names.get(e.ifindex)} grp ${e.addr.u} ${state}`);
          json.push({ index: m.header!.ifindex, dev: names.get(m.header!.ifindex), port: names.get(e.ifindex), grp: e.addr.u, state, flags: [] });
        }
      }
    }
    expect(lines.join('\n') + '\n').toBe(f.stdout);
    expect(json).toEqual((f.state!.json as { mdb: unknown[] }[])[0]!.mdb);
    expect(lines).toEqual(['dev br0 port veth1 grp 239.1.1.1 permanent']);
    const [info] = first[0]!.attrs!.mdb.entry[0].info;
    expect(info.header.addr).toEqual({ u: '239.1.1.1', proto: 0x0800 });
    expect(info.attrs).toEqual({ timer: 0, rtprot: 4 /* RTPROT_STATIC: added by a user */ });
  });

  it('br_mdb_entry.addr keeps IPv6, MAC and unusual unions byte for byte', () => {
    // RTM_NEWMDB notifications built by hand: the same entry with each kind of group.
    const msg = (addr: string) =>
      parseHex(
        '50000000540000000000000000000000' + // nlmsghdr: 80 bytes, RTM_NEWMDB
          '0700000004000000' + // br_port_msg: AF_BRIDGE, bridge ifindex 4
          '38000100' + '34000100' + '30000100' + // MDBA_MDB > MDBA_MDB_ENTRY > MDBA_MDB_ENTRY_INFO
          '02000000' + '00' + '00' + '0a00' + addr + '0000' + // ifindex 2, temporary, no flags, vid 10, addr, padding
          '080001002c010000' + // MDBA_MDB_EATTR_TIMER 300
          '0500030001000000', // MDBA_MDB_EATTR_GROUP_MODE MCAST_INCLUDE
      );
    const cases: [string, { u: string; proto: number }][] = [
      ['ff0200000000000000000000000000fb86dd', { u: 'ff02::fb', proto: 0x86dd }],
      ['01005e0000fb000000000000000000000000', { u: '01:00:5e:00:00:fb', proto: 0 }],
      ['ef01010100000000000000000000000a0800', { u: 'ef:01:01:01:00:00:00:00:00:00:00:00:00:00:00:0a', proto: 0x0800 }],
    ];
    for (const [hex, addr] of cases) {
      const bytes = msg(hex);
      const [m] = decodeMessages(bytes, rtnetlink);
      const [info] = m!.attrs!.mdb.entry[0].info;
      expect(info.header).toEqual({ ifindex: 2, state: 0, flags: 0, vid: 10, addr });
      expect(info.attrs).toEqual({ timer: 300, groupMode: 1 });
      expect(encodeMessage(m!, rtnetlink)).toEqual(bytes);
    }
  });
});

describe('bridge VLANs', () => {
  it('bridge vlan show (iproute2 6.1): RTM_GETLINK of AF_BRIDGE with RTEXT_FILTER_BRVLAN; no VLANs without vlan_filtering', () => {
    const f = fixture('vlan/show');
    const reqs = sent(f, RTM.RTM_GETLINK).filter((m) => m.header!.family === AF_BRIDGE);
    expect(reqs.length).toBe(1);
    expect(reqs[0]!.attrs!.extMask & RTEXT_FILTER.RTEXT_FILTER_BRVLAN).toBeTruthy();
    const ports = recv(f, RTM.RTM_NEWLINK).filter((m) => m.header!.family === AF_BRIDGE);
    expect(ports.map((m) => m.attrs!.ifname).sort()).toEqual(['br0', 'veth1']);
    for (const m of ports) expect(m.attrs!.afSpec?.vlanInfo).toBeUndefined();
    expect(f.stdout.trim()).toBe('port              vlan-id');
    expect(f.state!.json).toEqual([]);
  });

  for (const [id, flags] of [['vlan/show-details', 0], ['vlan/global-show', BRIDGE_VLANDB_DUMPF.BRIDGE_VLANDB_DUMPF_GLOBAL]] as const) {
    it(`${id}: RTM_GETVLAN with BRIDGE_VLANDB_DUMP_FLAGS ${flags}, refused EOPNOTSUPP by this kernel as bridge reported`, () => {
      const f = fixture(id);
      const [req] = sent(f, RTM.RTM_GETVLAN);
      expect(req!.header).toEqual({ family: AF_BRIDGE, reserved1: 0, reserved2: 0, ifindex: 0 });
      expect(req!.attrs).toEqual({ flags });
      const err = messagesOf(f).find((m) => m.dir === 'recv' && m.error !== undefined && m.error !== 0);
      expect(err!.error).toBe(-95);
      expect(err!.request!.type).toBe(RTM.RTM_GETVLAN);
      expect(f.exitCode).toBe(1);
      expect(f.stderr).toBe('RTNETLINK answers: Operation not supported\nDump terminated\n');
    });
  }
});

describe('bridge fdb', () => {
  it('bridge fdb show: every entry as printed, the static one added with NDA_LLADDR 02:00:00:00:00:09', () => {
    const f = fixture('fdb/show');
    const names = linkNames(f);
    const entries = recv(f, RTM.RTM_NEWNEIGH).filter((m) => m.header!.family === AF_BRIDGE);
    const text = entries.map((m) => {
      const h = m.header!;
      const words = [m.attrs!.lladdr, 'dev', names.get(h.ifindex)];
      if (m.attrs!.master !== undefined) words.push('master', names.get(m.attrs!.master));
      if (h.flags & NTF.NTF_SELF) words.push('self');
      if (h.state & NUD.NUD_PERMANENT) words.push('permanent');
      else if (h.state & NUD.NUD_NOARP) words.push('static');
      return words.join(' ');
    });
    expect(text.join('\n') + '\n').toBe(f.stdout);
    expect(text[0]).toBe('02:00:00:00:00:09 dev veth1 master br0 static');
    expect((f.state!.json as { mac: string }[]).map((e) => e.mac)).toEqual(entries.map((m) => m.attrs!.lladdr));
  });
});

describe('link properties', () => {
  it('ip link property add: RTM_NEWLINKPROP with IFLA_PROP_LIST > IFLA_ALT_IFNAME, acknowledged, listed by ip -j', () => {
    const f = fixture('link/property-add');
    const [req] = sent(f, RTM.RTM_NEWLINKPROP);
    expect(req!.attrs).toEqual({ propList: { altIfname: ['uplink0'] } });
    const veth0 = (f.state!.json as { ifindex: number; ifname: string; altnames?: string[] }[]).find((l) => l.ifname === 'veth0')!;
    expect(req!.header!.index).toBe(veth0.ifindex);
    expect(veth0.altnames).toEqual(['uplink0']);
    const ack = messagesOf(f).find((m) => m.dir === 'recv' && m.error === 0 && m.seq === req!.seq);
    expect(ack!.request!.type).toBe(RTM.RTM_NEWLINKPROP);
  });
});

describe('prefix notifications', () => {
  it('RTM_NEWPREFIX decodes and re-encodes (built by hand: nothing here makes the kernel send one)', () => {
    const bytes = parseHex(
      '3c000000340000000000000000000000' + // nlmsghdr: 60 bytes, RTM_NEWPREFIX
        '0a000000' + '03000000' + '03' + '40' + '03' + '00' + // AF_INET6, ifindex 3, type 3 (prefix information), /64, onlink|autoconf
        '14000100' + '20010db8000100000000000000000000' + // PREFIX_ADDRESS 2001:db8:1::
        '0c000200' + '100e0000' + '201c0000', // PREFIX_CACHEINFO preferred 3600 s, valid 7200 s
    );
    const [m] = decodeMessages(bytes, rtnetlink);
    expect(m!.type).toBe(RTM.RTM_NEWPREFIX);
    expect(m!.header).toEqual({ family: AF_INET6, pad1: 0, pad2: 0, ifindex: 3, type: 3, len: 64, flags: 3, pad3: 0 });
    expect(m!.attrs).toEqual({ address: '2001:db8:1::', cacheinfo: { preferredTime: 3600, validTime: 7200 } });
    expect(encodeMessage(m!, rtnetlink)).toEqual(bytes);
  });
});
