/**
 * The traffic control family (decode-only) against what tc sent, received
 * and printed (fixtures/tc): every message and attribute of every capture
 * is named, the decoded values are those tc printed (its text, and its -j
 * JSON taken from the same state), the requests carry what the command
 * asked for, and every declared name and number is the current UAPI's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rtnetlink } from '../../src/families/registry.js';
import { actAttrs, gactAttrs, mirredAttrs, PGACT, rootAttrs, TCA_ACT_FLAGS, TCA_ACT_HW_STATS, TCA_ACT_MAX_PRIO, TCA_MIRRED_EACTION } from '../../src/families/tc/actions.js';
import { tcAttrs } from '../../src/families/tc/attrs.js';
import { TCA_BPF_FLAG } from '../../src/families/tc/bpf.js';
import { formatHandle, TC_H, TCA_DUMP_FLAGS, TCA_ROOT_FLAGS } from '../../src/families/tc/header.js';
import { policeAttrs, TC_ACT } from '../../src/families/tc/police.js';
import { TC_LINKLAYER } from '../../src/families/tc/ratespec.js';
import { TC_U32, TCA_CLS_FLAGS } from '../../src/families/tc/u32.js';
import { reachable } from '../../src/schema/walk.js';
import { fixture, loadFixtures, type Fixture } from '../support/fixtures.js';
import { jsonOf, unnamed } from '../support/named.js';

type Msg = { nlmsg_type: string; tcmsg?: Record<string, number>; attributes?: Record<string, any>; [k: string]: any };

/** The messages of a capture of one type, as `tsip decode --json` prints them. */
function msgs(f: Fixture, type: string): Msg[] {
  return (jsonOf(f) as Msg[]).filter((m) => m.nlmsg_type === type);
}

/** The one message of a type tc sent (the request), the dump's link lookups aside. */
function request(id: string, type: string): Msg {
  const all = msgs(fixture(id), type);
  expect(all.length, `${id}: ${type} requests`).toBe(1);
  return all[0]!;
}

/** `Sent B bytes P pkt (dropped D, overlimits O requeues R)` lines of tc -s, in order. */
function sentLines(stdout: string): number[][] {
  return [...stdout.matchAll(/Sent (\d+) bytes (\d+) pkt \(dropped (\d+), overlimits (\d+) requeues (\d+)\)/g)].map((m) => m.slice(1).map(Number));
}

/** The same five counters from a decoded TCA_STATS2. */
function sentOf(stats2: Record<string, any>): number[] {
  const b = stats2.TCA_STATS_BASIC;
  const q = stats2.TCA_STATS_QUEUE;
  return [b.bytes, b.packets, q.drops, q.overlimits, q.requeues];
}

const TC_IDS = loadFixtures()
  .filter((f) => f.id.startsWith('tc/'))
  .map((f) => f.id);

describe('tc captures (fixtures/tc)', () => {
  it('are all there', () => {
    for (const id of ['tc/qdisc-show', 'tc/class-show', 'tc/filter-show', 'tc/chain-show', 'tc/qdisc-add-htb', 'tc/class-add-htb']) expect(TC_IDS).toContain(id);
  });

  it('decode names every message and attribute', () => {
    for (const id of TC_IDS) expect({ id, unnamed: unnamed(fixture(id)) }).toEqual({ id, unnamed: [] });
  });

  it('formats handles as tc prints them', () => {
    expect(formatHandle(0x00010010)).toBe('1:10');
    expect(formatHandle(0x00010000)).toBe('1:');
    expect(formatHandle(0xfffffff1)).toBe('ffff:fff1');
    expect(formatHandle(TC_H.TC_H_ROOT)).toBe('root');
    expect(formatHandle(0)).toBe('0:');
  });
});

describe('tc qdisc show -s -d (tc/qdisc-show)', () => {
  const f = fixture('tc/qdisc-show');
  const qdiscs = msgs(f, 'RTM_NEWQDISC');
  const state = f.state!.json as Record<string, any>[];

  it('has the qdiscs tc printed, with their handles, parents and reference counts', () => {
    expect(qdiscs.map((m) => m.attributes!.TCA_KIND)).toEqual(state.map((q) => q.kind));
    expect(qdiscs.map((m) => formatHandle(m.tcmsg!.tcm_handle!))).toEqual(state.map((q) => q.handle));
    expect(qdiscs.map((m) => (m.tcmsg!.tcm_parent === TC_H.TC_H_ROOT ? 'root' : formatHandle(m.tcmsg!.tcm_parent!)))).toEqual(state.map((q) => (q.root ? 'root' : q.parent)));
    for (const [i, q] of state.entries()) if (q.refcnt !== undefined) expect(qdiscs[i]!.tcmsg!.tcm_info).toBe(q.refcnt);
  });

  it('has the statistics tc printed', () => {
    expect(qdiscs.map((m) => sentOf(m.attributes!.TCA_STATS2))).toEqual(sentLines(f.stdout));
    expect(qdiscs.map((m) => [m.attributes!.TCA_STATS.bytes, m.attributes!.TCA_STATS.packets])).toEqual(state.map((q) => [q.bytes, q.packets]));
    // Some traffic went through: the counters are not all zero.
    expect(sentLines(f.stdout).some(([bytes]) => bytes! > 0)).toBe(true);
  });

  it('has the options of every kind as tc printed them', () => {
    const byKind = (k: string) => qdiscs.findIndex((m) => m.attributes!.TCA_KIND === k);
    const opts = (k: string) => qdiscs[byKind(k)]!.attributes!.TCA_OPTIONS;
    const said = (k: string) => state[byKind(k)]!;

    const init = opts('htb').TCA_HTB_INIT;
    const htb = said('htb').options;
    expect(`${init.version >>> 16}.${init.version & 0xffff}`).toBe(htb.ver);
    expect(init.version >>> 16).toBe(3);
    expect('0x' + init.defcls.toString(16)).toBe(htb.default);
    expect(init.defcls).toBe(0x10);
    expect(init.rate2quantum).toBe(htb.r2q);
    expect(init.direct_pkts).toBe(htb.direct_packets_stat);
    expect(opts('htb').TCA_HTB_DIRECT_QLEN).toBe(htb.direct_qlen);

    const tbf = opts('tbf').TCA_TBF_PARMS;
    expect(tbf.rate.rate).toBe(said('tbf').options.rate);
    expect(tbf.rate.rate).toBe(125000); // 1mbit, in bytes per second
    expect(tbf.rate.linklayer).toBe('TC_LINKLAYER_ETHERNET');
    // limit = rate × latency + burst: 125000 B/s × 0.4 s + 4096 B.
    expect(tbf.limit).toBe(125000 * 0.4 + 4096);

    expect(opts('pfifo')).toEqual({ limit: said('pfifo').options.limit });
    expect(opts('bfifo')).toEqual({ limit: said('bfifo').options.limit });
    expect(opts('pfifo_head_drop')).toEqual({ limit: said('pfifo_head_drop').options.limit });
    expect(opts('clsact')).toEqual({});
    expect(opts('ingress')).toEqual({});
    expect(qdiscs[byKind('mq')]!.attributes!.TCA_OPTIONS).toBeUndefined();

    const fast = opts('pfifo_fast');
    expect(fast.tc_prio_qopt.bands).toBe(said('pfifo_fast').options.bands);
    expect([...Buffer.from(fast.tc_prio_qopt.priomap, 'hex')]).toEqual(said('pfifo_fast').options.priomap);

    const stab = qdiscs[byKind('bfifo')]!.attributes!.TCA_STAB.TCA_STAB_BASE;
    expect({ linklayer: stab.linklayer, overhead: stab.overhead }).toEqual({ linklayer: 'TC_LINKLAYER_ETHERNET', overhead: said('bfifo').stab.overhead });
    const est = qdiscs[byKind('bfifo')]!.attributes!.TCA_STATS2.TCA_STATS_RATE_EST;
    expect([est.bps * 8, est.pps]).toEqual([said('bfifo').rate, said('bfifo').pps]);
  });
});

describe('tc class show -s -d (tc/class-show)', () => {
  const f = fixture('tc/class-show');
  const [cls, ...more] = msgs(f, 'RTM_NEWTCLASS');

  it('is the htb class tc printed', () => {
    expect(more).toEqual([]);
    const m = /^class htb (\S+) root leaf (\S+) prio (\d+) quantum (\d+) rate (\d+)Mbit ceil (\d+)Mbit .* level (\d+) \n/.exec(f.stdout)!;
    expect(m).not.toBeNull();
    expect(cls!.attributes!.TCA_KIND).toBe('htb');
    expect(formatHandle(cls!.tcmsg!.tcm_handle!)).toBe(m[1]);
    expect(formatHandle(cls!.tcmsg!.tcm_info!)).toBe(m[2]);
    const p = cls!.attributes!.TCA_OPTIONS.TCA_HTB_PARMS;
    expect([p.prio, p.quantum, p.level]).toEqual([Number(m[3]), Number(m[4]), Number(m[7])]);
    // 10mbit and 20mbit, in bytes per second.
    expect([p.rate.rate, p.ceil.rate]).toEqual([1250000, 2500000]);
    expect([p.rate.rate * 8, p.ceil.rate * 8]).toEqual([Number(m[5]) * 1e6, Number(m[6]) * 1e6]);
  });

  it('has the statistics and htb counters tc printed', () => {
    expect([sentOf(cls!.attributes!.TCA_STATS2)]).toEqual(sentLines(f.stdout));
    const x = /lended: (\d+) borrowed: (\d+) giants: (\d+)\n tokens: (-?\d+) ctokens: (-?\d+)/.exec(f.stdout)!;
    const want = { lends: Number(x[1]), borrows: Number(x[2]), giants: Number(x[3]), tokens: Number(x[4]), ctokens: Number(x[5]) };
    expect(cls!.attributes!.TCA_XSTATS).toEqual(want);
    expect(cls!.attributes!.TCA_STATS2.TCA_STATS_APP).toEqual(want);
    expect(want.lends).toBeGreaterThan(0);
  });
});

describe('tc filter show -s -d (tc/filter-show)', () => {
  const f = fixture('tc/filter-show');
  const filters = msgs(f, 'RTM_NEWTFILTER');
  const state = f.state!.json as Record<string, any>[];
  const ETH_P = { ip: 0x0800, all: 0x0003 } as Record<string, number>;

  it('has the filters tc printed: priority, protocol, kind, chain', () => {
    expect(filters.length).toBe(state.length);
    for (const [i, s] of state.entries()) {
      const m = filters[i]!;
      const info = m.tcmsg!.tcm_info!;
      // tcm_info: priority above, the protocol below, in network byte order.
      expect({ pref: info >>> 16, protocol: ((info & 0xff) << 8) | ((info >>> 8) & 0xff), kind: m.attributes!.TCA_KIND, chain: m.attributes!.TCA_CHAIN }).toEqual({
        pref: s.pref,
        protocol: ETH_P[s.protocol],
        kind: s.kind,
        chain: s.chain,
      });
      expect(formatHandle(m.tcmsg!.tcm_parent!)).toBe('ffff:fff2'); // ingress
    }
  });

  it('has the u32 selectors, hash tables and actions tc printed', () => {
    for (const [i, s] of state.entries()) {
      const o = filters[i]!.attributes!.TCA_OPTIONS;
      if (s.options?.ht_divisor !== undefined) expect(o.TCA_U32_DIVISOR).toBe(s.options.ht_divisor);
      if (s.options?.match === undefined) continue;
      const [key, ...others] = o.TCA_U32_SEL.keys;
      expect(others).toEqual([]);
      expect(o.TCA_U32_SEL.nkeys).toBe(1);
      expect({ value: key.val.toString(16).padStart(8, '0'), mask: key.mask.toString(16).padStart(8, '0'), off: key.off }).toEqual({
        value: s.options.match.value,
        mask: s.options.match.mask,
        off: s.options.match.off,
      });
      expect(o.TCA_U32_FLAGS).toEqual(s.options.not_in_hw ? ['TCA_CLS_FLAGS_NOT_IN_HW'] : []);
      for (const [j, a] of (s.options.actions ?? []).entries()) {
        const act = o.TCA_U32_ACT[j];
        const parms = act.attributes.TCA_ACT_OPTIONS.TCA_MIRRED_PARMS;
        expect({ order: act.order, kind: act.attributes.TCA_ACT_KIND, index: parms.index, ref: parms.refcnt, bind: parms.bindcnt }).toEqual({
          order: a.order,
          kind: a.kind,
          index: a.index,
          ref: a.ref,
          bind: a.bind,
        });
        expect([parms.eaction, parms.action]).toEqual([`TCA_${a.direction.toUpperCase()}_${a.mirred_action === 'redirect' ? 'REDIR' : 'MIRROR'}`, `TC_ACT_${a.control_action.type.toUpperCase()}`]);
        expect(sentOf(act.attributes.TCA_ACT_STATS)).toEqual([a.stats.bytes, a.stats.packets, a.stats.drops, a.stats.overlimits, a.stats.requeues]);
      }
    }
    // The first u32 filter: match ip dst 198.18.0.0/24, the word at offset 16 of the IPv4 header.
    const first = filters.find((m) => m.attributes!.TCA_OPTIONS?.TCA_U32_SEL)!.attributes!.TCA_OPTIONS.TCA_U32_SEL.keys[0];
    expect(first).toEqual({ mask: 0xffffff00, val: 0xc6120000, off: 16, offmask: 0 });
  });

  it('has the bpf filter tc printed', () => {
    const i = state.findIndex((s) => s.kind === 'bpf' && s.options);
    const o = filters[i]!.attributes!.TCA_OPTIONS;
    expect(formatHandle(o.TCA_BPF_CLASSID)).toBe(state[i]!.options.flowid);
    expect(filters[i]!.tcmsg!.tcm_handle).toBe(Number(state[i]!.options.handle));
    expect({ length: o.TCA_BPF_OPS_LEN, insns: o.TCA_BPF_OPS }).toEqual(state[i]!.options.bytecode);
  });

  it('names the device mirred redirects to as tc did (its link lookup is in the capture)', () => {
    const ifindex = filters.flatMap((m) => m.attributes!.TCA_OPTIONS?.TCA_U32_ACT ?? [])[0].attributes.TCA_ACT_OPTIONS.TCA_MIRRED_PARMS.ifindex;
    const link = msgs(f, 'RTM_NEWLINK').find((m) => m.ifinfomsg.ifi_index === ifindex)!;
    expect(link.attributes!.IFLA_IFNAME).toBe(state.find((s) => s.options?.actions)!.options.actions[0].to_dev);
  });
});

describe('tc chain show and tc actions ls (tc/chain-show, tc/actions-list)', () => {
  it('has the chains tc printed', () => {
    const f = fixture('tc/chain-show');
    const chains = msgs(f, 'RTM_NEWCHAIN');
    expect(chains.map((m) => ({ parent: formatHandle(m.tcmsg!.tcm_parent!), chain: m.attributes!.TCA_CHAIN }))).toEqual(f.state!.json);
  });

  it('has the actions tc printed', () => {
    const f = fixture('tc/actions-list');
    const [, ...replies] = msgs(f, 'RTM_GETACTION');
    const state = f.state!.json as [{ 'total acts': number }, { actions: Record<string, any>[] }];
    expect(replies.length).toBe(1);
    const root = replies[0]!.attributes!;
    expect(root.TCA_ROOT_COUNT).toBe(state[0]['total acts']);
    expect(
      root.TCA_ROOT_TAB.map((a: any) => {
        const p = a.attributes.TCA_ACT_OPTIONS.TCA_MIRRED_PARMS;
        return { order: a.order, kind: a.attributes.TCA_ACT_KIND, index: p.index, ref: p.refcnt, bind: p.bindcnt, used_hw_stats: a.attributes.TCA_ACT_USED_HW_STATS.value };
      }),
    ).toEqual(state[1].actions.map((a) => ({ order: a.order, kind: a.kind, index: a.index, ref: a.ref, bind: a.bind, used_hw_stats: [] })));
    // The request: a dump of the mirred actions, with large dumps on.
    const req = msgs(f, 'RTM_GETACTION')[0]!.attributes!;
    expect(req.TCA_ROOT_TAB).toEqual([{ order: 1, attributes: { TCA_ACT_KIND: 'mirred' } }]);
    expect(req.TCA_ROOT_FLAGS).toEqual({ value: ['TCA_ACT_FLAG_LARGE_DUMP_ON'], selector: ['TCA_ACT_FLAG_LARGE_DUMP_ON'] });
  });
});

describe('what tc sent', () => {
  it('qdisc add ... htb default 10: TCA_HTB_INIT version 3, default class 0x10', () => {
    const m = request('tc/qdisc-add-htb', 'RTM_NEWQDISC');
    expect([formatHandle(m.tcmsg!.tcm_handle!), m.tcmsg!.tcm_parent]).toEqual(['1:', TC_H.TC_H_ROOT]);
    expect(m.attributes!.TCA_KIND).toBe('htb');
    expect(m.attributes!.TCA_OPTIONS).toEqual({ TCA_HTB_INIT: { version: 3, rate2quantum: 10, defcls: 0x10, debug: 0, direct_pkts: 0 } });
  });

  it('class add ... htb rate 10mbit ceil 20mbit: TCA_HTB_PARMS and both rate tables', () => {
    const m = request('tc/class-add-htb', 'RTM_NEWTCLASS');
    expect([formatHandle(m.tcmsg!.tcm_handle!), formatHandle(m.tcmsg!.tcm_parent!)]).toEqual(['1:10', '1:']);
    const o = m.attributes!.TCA_OPTIONS;
    expect([o.TCA_HTB_PARMS.rate.rate, o.TCA_HTB_PARMS.ceil.rate]).toEqual([1250000, 2500000]);
    expect([o.TCA_HTB_RTAB.length, o.TCA_HTB_CTAB.length]).toEqual([256, 256]);
    // Time to send a cell grows with its size; the ceiling's rate is twice as fast.
    expect(o.TCA_HTB_RTAB[255]).toBeGreaterThan(o.TCA_HTB_RTAB[0]);
    expect(o.TCA_HTB_CTAB[100] * 2).toBeCloseTo(o.TCA_HTB_RTAB[100], -1);
  });

  it('qdisc add ... tbf rate 1mbit burst 32kbit latency 400ms', () => {
    const o = request('tc/qdisc-add-tbf', 'RTM_NEWQDISC').attributes!.TCA_OPTIONS;
    expect(o.TCA_TBF_PARMS.rate.rate).toBe(125000);
    expect(o.TCA_TBF_BURST).toBe(32 * 1024 / 8);
    expect(o.TCA_TBF_PARMS.limit).toBe(125000 * 0.4 + 4096);
    expect(o.TCA_TBF_RTAB.length).toBe(256);
  });

  it('qdisc add ... pfifo limit 50, and a bfifo with an estimator and a size table', () => {
    expect(request('tc/qdisc-add-pfifo', 'RTM_NEWQDISC').attributes!.TCA_OPTIONS).toEqual({ limit: 50 });
    const a = request('tc/qdisc-add-stab', 'RTM_NEWQDISC').attributes!;
    expect(a.TCA_OPTIONS).toEqual({ limit: 10000 });
    // estimator 1sec 8sec: a period of 2^0 s, and 8 s / 1 s = 2^3.
    expect(a.TCA_RATE).toEqual({ interval: 0, ewma_log: 3 });
    expect(a.TCA_STAB.TCA_STAB_BASE).toMatchObject({ overhead: 20, linklayer: 'TC_LINKLAYER_ETHERNET' });
  });

  it('qdisc add clsact, qdisc del, chain add', () => {
    const cls = request('tc/qdisc-add-clsact', 'RTM_NEWQDISC');
    expect([cls.attributes, formatHandle(cls.tcmsg!.tcm_handle!), formatHandle(cls.tcmsg!.tcm_parent!)]).toEqual([{ TCA_KIND: 'clsact' }, 'ffff:', 'ffff:fff1']);
    expect(request('tc/qdisc-del', 'RTM_DELQDISC').tcmsg!.tcm_parent).toBe(TC_H.TC_H_ROOT);
    expect(request('tc/chain-add', 'RTM_NEWCHAIN').attributes).toEqual({ TCA_CHAIN: 3 });
  });

  it('filter add ... u32 match ip dst 198.18.0.0/24, and one with a mirred action', () => {
    const sel = request('tc/filter-add-u32', 'RTM_NEWTFILTER').attributes!.TCA_OPTIONS.TCA_U32_SEL;
    expect(sel).toMatchObject({ flags: [], nkeys: 1, keys: [{ mask: 0xffffff00, val: 0xc6120000, off: 16, offmask: 0 }] });
    const o = request('tc/filter-add-u32-mirred', 'RTM_NEWTFILTER').attributes!.TCA_OPTIONS;
    expect(o.TCA_U32_SEL.keys).toEqual([{ mask: 0xffffffff, val: 0xc6120001, off: 12, offmask: 0 }]);
    expect(o.TCA_U32_ACT).toEqual([
      {
        order: 1,
        attributes: {
          TCA_ACT_KIND: 'mirred',
          TCA_ACT_OPTIONS: { TCA_MIRRED_PARMS: { index: 0, capab: 0, action: 'TC_ACT_STOLEN', refcnt: 0, bindcnt: 0, eaction: 'TCA_EGRESS_REDIR', ifindex: 2 } },
        },
      },
    ]);
  });

  it("filter add ... bpf bytecode '1,6 0 0 4294967295,' classid 1:1", () => {
    const o = request('tc/filter-add-bpf', 'RTM_NEWTFILTER').attributes!.TCA_OPTIONS;
    expect(o).toEqual({ TCA_BPF_CLASSID: 0x10001, TCA_BPF_OPS_LEN: 1, TCA_BPF_OPS: [{ code: 6, jt: 0, jf: 0, k: 4294967295 }] });
  });

  it('actions add action mirred egress redirect dev veth1 index 9', () => {
    const tab = request('tc/action-add-mirred', 'RTM_NEWACTION').attributes!.TCA_ROOT_TAB;
    expect(tab).toEqual([
      {
        order: 1,
        attributes: {
          TCA_ACT_KIND: 'mirred',
          TCA_ACT_OPTIONS: { TCA_MIRRED_PARMS: { index: 9, capab: 0, action: 'TC_ACT_STOLEN', refcnt: 0, bindcnt: 0, eaction: 'TCA_EGRESS_REDIR', ifindex: 2 } },
        },
      },
    ]);
  });

  it('kinds this kernel refuses: prio, fq_codel, the gact action (ENOENT, with the words tc printed)', () => {
    const prio = request('tc/qdisc-add-prio-refused', 'RTM_NEWQDISC').attributes!.TCA_OPTIONS;
    // tc's default priomap, the one pfifo_fast reports in tc/qdisc-show; then tc's empty compat nest.
    expect(prio.tc_prio_qopt.bands).toBe(3);
    expect([...Buffer.from(prio.tc_prio_qopt.priomap, 'hex')].join(' ')).toBe(/priomap ([\d ]+)\n/.exec(fixture('tc/qdisc-show').stdout)![1]);
    expect(prio.attributes).toEqual({ TCA_OPTIONS: {} });
    expect(request('tc/qdisc-add-fq-codel-refused', 'RTM_NEWQDISC').attributes!.TCA_OPTIONS).toEqual({});
    const gact = request('tc/action-add-gact-refused', 'RTM_NEWACTION').attributes!.TCA_ROOT_TAB;
    expect(gact).toEqual([{ order: 1, attributes: { TCA_ACT_KIND: 'gact', TCA_ACT_OPTIONS: { TCA_GACT_PARMS: { index: 0, capab: 0, action: 'TC_ACT_SHOT', refcnt: 0, bindcnt: 0 } } } }]);
    for (const id of ['tc/qdisc-add-prio-refused', 'tc/qdisc-add-fq-codel-refused', 'tc/action-add-gact-refused']) {
      const f = fixture(id);
      const err = msgs(f, 'NLMSG_ERROR').find((m) => m.error !== 0)!;
      expect(err.errno).toBe('ENOENT');
      expect(f.stderr).toContain(`Error: ${err.ext_ack.NLMSGERR_ATTR_MSG}.`);
    }
  });
});

/**
 * Every name and number against the current UAPI (fixtures/uapi/constants.json,
 * read from iproute2's include/uapi by scripts/uapi-facts.mjs): the sets
 * the messages reach, and those only an action list reaches (its kind is
 * custom, so the registry-wide headers test does not walk into it).
 */
describe('declared tc constants match the current UAPI', () => {
  const current = JSON.parse(readFileSync(new URL('../../fixtures/uapi/constants.json', import.meta.url), 'utf8')) as { constants: Record<string, number> };
  const have = (k: string) => Object.hasOwn(current.constants, k);

  it('every attribute of every tc attribute set, with its number', () => {
    const { sets } = reachable([tcAttrs, rootAttrs, actAttrs, gactAttrs, mirredAttrs, policeAttrs]);
    const names = sets.flatMap((s) => s.defs.map((d) => [d.name, d.type] as const));
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter(([n]) => !have(n))).toEqual([]);
    for (const [n, v] of names) expect({ [n]: v }).toEqual({ [n]: current.constants[n] });
    // Each set is declared up to the kernel's last value (TCA_COMPAT, tc's compat nest, holds one TCA_* only).
    let ends = 0;
    for (const s of sets.filter((x) => `${x.name}_` === x.prefix)) {
      const last = Math.max(...s.defs.map((d) => d.type));
      const max = current.constants[`__${s.prefix}MAX`];
      if (max === undefined) continue;
      expect({ [s.name]: last }).toEqual({ [s.name]: max - 1 });
      ends++;
    }
    expect(ends).toBeGreaterThanOrEqual(12);
  });

  it('every name of the constant tables, with its number', () => {
    // Written with U suffixes or function-like macros, which the header reader does not evaluate.
    const unread = ['TC_H_UNSPEC', 'TC_H_ROOT', 'TC_H_INGRESS', 'TC_H_MIN_PRIORITY', 'TC_H_MIN_INGRESS', 'TC_H_MIN_EGRESS', 'TC_ACT_JUMP', 'TC_ACT_GOTO_CHAIN'];
    const tables = { TC_H, TC_ACT, TCA_CLS_FLAGS, TC_U32, TCA_ACT_FLAGS, TCA_ACT_HW_STATS, PGACT, TCA_MIRRED_EACTION, TC_LINKLAYER, TCA_DUMP_FLAGS, TCA_ROOT_FLAGS, TCA_BPF_FLAG, TCA_ACT_MAX_PRIO: { TCA_ACT_MAX_PRIO } };
    const missing: string[] = [];
    for (const table of Object.values(tables)) {
      for (const [k, v] of Object.entries(table)) {
        if (have(k)) expect({ [k]: v }).toEqual({ [k]: current.constants[k] });
        else if (!unread.includes(k)) missing.push(k);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the message types are registered', () => {
    for (const t of ['RTM_NEWQDISC', 'RTM_GETTCLASS', 'RTM_DELTFILTER', 'RTM_NEWCHAIN', 'RTM_GETACTION']) expect([...rtnetlink.messages.values()].some((m) => m.name === t)).toBe(true);
  });
});
