/**
 * iproute2 is the oracle: what we decode from the captured bytes must equal
 * what `ip -j` printed for the same kernel state.
 */
import { describe, expect, it } from 'vitest';
import { IF_LINK_MODE, IF_OPER, IFF, RT_SCOPE, RTM, RTPROT } from '../../src/rtnl/constants.js';
import { strerror } from '../../src/core/errno.js';
import type { Message } from '../../src/netlink/message.js';
import { fixture, loadFixtures, messagesOf, type Fixture } from '../support/fixtures.js';

type M = Message & { dir: 'send' | 'recv' };
const nameOf = (table: Record<string, number>, v: number, prefix: string) =>
  Object.entries(table).find(([, x]) => x === v)?.[0].slice(prefix.length);

/** Link messages the kernel sent, by ifindex. */
function linksOf(f: Fixture): Map<number, M> {
  const out = new Map<number, M>();
  for (const m of messagesOf(f)) if (m.dir === 'recv' && m.type === RTM.RTM_NEWLINK) out.set(m.header!.index, m);
  return out;
}

/** Checks one decoded link against one entry of `ip -j -d link show`. */
function checkLink(m: M, ipj: any, byIndex: Map<number, M>) {
  const a = m.attrs!;
  const name = (i: number) => byIndex.get(i)?.attrs!.ifname;
  expect(m.header!.index).toBe(ipj.ifindex);
  expect(a.ifname).toBe(ipj.ifname);
  expect(a.mtu).toBe(ipj.mtu);
  expect(a.txqlen).toBe(ipj.txqlen);
  expect(a.qdisc).toBe(ipj.qdisc);
  expect(a.address).toBe(ipj.address);
  expect(a.broadcast).toBe(ipj.broadcast);
  expect(nameOf(IF_OPER, a.operstate, 'IF_OPER_')).toBe(ipj.operstate);
  if (ipj.linkmode) expect(nameOf(IF_LINK_MODE, a.linkmode, 'IF_LINK_MODE_')).toBe(ipj.linkmode);
  expect(a.group === 0 ? 'default' : String(a.group)).toBe(ipj.group);
  for (const [k, ipk] of [
    ['minMtu', 'min_mtu'],
    ['maxMtu', 'max_mtu'],
    ['numTxQueues', 'num_tx_queues'],
    ['numRxQueues', 'num_rx_queues'],
    ['gsoMaxSize', 'gso_max_size'],
    ['gsoMaxSegs', 'gso_max_segs'],
    ['tsoMaxSize', 'tso_max_size'],
    ['tsoMaxSegs', 'tso_max_segs'],
    ['groMaxSize', 'gro_max_size'],
    ['promiscuity', 'promiscuity'],
    ['allmulti', 'allmulti'],
  ] as const) {
    if (ipj[ipk] !== undefined) expect({ [k]: a[k] }).toEqual({ [k]: ipj[ipk] });
  }
  // iproute2 hides IFF_RUNNING and adds NO-CARRIER / M-DOWN of its own.
  const flags = Object.entries(IFF)
    .filter(([n, bit]) => m.header!.flags & bit && n !== 'IFF_RUNNING')
    .map(([n]) => n.slice(4));
  expect(flags.sort()).toEqual(ipj.flags.filter((f: string) => f !== 'NO-CARRIER' && f !== 'M-DOWN').sort());
  const linkType: Record<number, string> = { 1: 'ether', 772: 'loopback' };
  expect(linkType[m.header!.type]).toBe(ipj.link_type);
  if (ipj.master) expect(name(a.master)).toBe(ipj.master);
  if (ipj.link) expect(name(a.link)).toBe(ipj.link);
  if (ipj.link_index) expect(a.link).toBe(ipj.link_index);
  const li = ipj.linkinfo;
  if (!li) return;
  expect(a.linkinfo.kind).toBe(li.info_kind);
  if (li.info_slave_kind) {
    expect(a.linkinfo.slaveKind).toBe(li.info_slave_kind);
    const sd = a.linkinfo.slaveData;
    expect(sd.priority).toBe(li.info_slave_data.priority);
    expect(sd.cost).toBe(li.info_slave_data.cost);
    expect(sd.state).toBe({ disabled: 0, listening: 1, learning: 2, forwarding: 3, blocking: 4 }[li.info_slave_data.state as string]);
    expect(!!sd.learning).toBe(li.info_slave_data.learning);
  }
  const d = a.linkinfo.data;
  const id = li.info_data;
  if (li.info_kind === 'bridge') {
    for (const [k, ipk] of [
      ['forwardDelay', 'forward_delay'],
      ['helloTime', 'hello_time'],
      ['maxAge', 'max_age'],
      ['ageingTime', 'ageing_time'],
      ['stpState', 'stp_state'],
      ['priority', 'priority'],
      ['vlanFiltering', 'vlan_filtering'],
      ['mcastHashMax', 'mcast_hash_max'],
      ['mcastIgmpVersion', 'mcast_igmp_version'],
      ['groupAddr', 'group_addr'],
    ] as const) {
      expect({ [k]: Number.isFinite(d[k]) ? Number(d[k]) : d[k] }).toEqual({ [k]: id[ipk] });
    }
  }
  if (li.info_kind === 'vxlan') {
    expect(d.id).toBe(id.id);
    expect(d.port).toBe(id.port);
    expect(d.local).toBe(id.local);
    expect(d.group).toBe(id.remote);
    expect(d.ttl).toBe(id.ttl);
    expect(d.ageing).toBe(id.ageing);
    expect(!!d.learning).toBe(id.learning);
    expect(name(d.link)).toBe(id.link);
  }
  if (li.info_kind === 'macvlan') {
    expect(d.mode).toBe({ private: 1, vepa: 2, bridge: 4, passthru: 8, source: 16 }[id.mode as string]);
    expect(d.bcQueueLen ?? d.bcqueuelen).toBe(id.bcqueuelen);
  }
}

describe('links: decoded dump equals ip -j -d link show', () => {
  for (const id of ['link/dump-all', 'link/get-one']) {
    it(id, () => {
      const f = fixture(id);
      const links = linksOf(f);
      const state = f.state!.json as any[];
      const shown = id === 'link/get-one' ? state.filter((l) => links.has(l.ifindex)) : state;
      expect(shown.length).toBeGreaterThan(0);
      for (const ipj of shown) {
        const m = links.get(ipj.ifindex);
        expect(m, `ifindex ${ipj.ifindex}`).toBeDefined();
        checkLink(m!, ipj, links);
      }
    });
  }
});

describe('link requests: what iproute2 sent is what ip -j shows after', () => {
  const reqs = (f: Fixture) => messagesOf(f).filter((m) => m.dir === 'send' && (m.type === RTM.RTM_NEWLINK || m.type === RTM.RTM_SETLINK) && m.seq !== 0);
  for (const f of loadFixtures().filter((x) => x.id.startsWith('link/add-'))) {
    it(f.id, () => {
      const [req] = reqs(f);
      const kind = req!.attrs!.linkinfo.kind;
      const shown = (f.state!.json as any[]).find((l) => l.ifname === req!.attrs!.ifname);
      expect(shown.linkinfo.info_kind).toBe(kind);
      if (kind === 'veth') {
        const peer = req!.attrs!.linkinfo.data.peer;
        expect(peer.header).toMatchObject({ family: 0, index: 0 });
        const where = [f.state!.json, ...(f.extraStates ?? []).map((s) => s.json)].flat();
        expect(where.some((l: any) => l.ifname === peer.attrs.ifname)).toBe(true);
      }
      if (kind === 'vxlan') {
        const d = req!.attrs!.linkinfo.data;
        expect(d.id).toBe(shown.linkinfo.info_data.id);
        expect(d.port).toBe(shown.linkinfo.info_data.port);
      }
    });
  }
  it('link/set-mtu', () => {
    const f = fixture('link/set-mtu');
    const req = reqs(f).find((m) => m.attrs!.mtu !== undefined)!;
    expect(req.attrs!.mtu).toBe(1400);
    const shown = (f.state!.json as any[]).find((l) => l.ifindex === req.header!.index || l.ifname === req.attrs!.ifname);
    expect(shown.mtu).toBe(1400);
  });
  it('link/set-address', () => {
    const f = fixture('link/set-address');
    const req = reqs(f).find((m) => m.attrs!.address !== undefined)!;
    expect((f.state!.json as any[]).some((l) => l.address === req.attrs!.address)).toBe(true);
  });
  it('link/set-up sets IFF_UP in flags and change', () => {
    const req = reqs(fixture('link/set-up'))[0]!;
    expect(req.header!.flags & IFF.IFF_UP).toBe(IFF.IFF_UP);
    expect(req.header!.change & IFF.IFF_UP).toBe(IFF.IFF_UP);
  });
});

describe('addresses: decoded dump equals ip -j addr show', () => {
  it('addr/dump', () => {
    const f = fixture('addr/dump');
    const addrs = messagesOf(f).filter((m) => m.dir === 'recv' && m.type === RTM.RTM_NEWADDR);
    const expected = (f.state!.json as any[]).flatMap((l) => l.addr_info.map((ai: any) => ({ ...ai, ifindex: l.ifindex })));
    expect(addrs.length).toBe(expected.length);
    for (const e of expected) {
      const m = addrs.find((x) => x.header!.index === e.ifindex && x.attrs!.local === e.local || x.attrs!.address === e.local && !x.attrs!.local);
      expect(m, e.local).toBeDefined();
      expect(m!.header!.family).toBe(e.family === 'inet' ? 2 : 10);
      expect(m!.header!.prefixlen).toBe(e.prefixlen);
      expect(nameOf(RT_SCOPE, m!.header!.scope, 'RT_SCOPE_')!.toLowerCase()).toBe(e.scope === 'global' ? 'universe' : e.scope);
      if (e.label) expect(m!.attrs!.label).toBe(e.label);
      if (e.broadcast) expect(m!.attrs!.broadcast).toBe(e.broadcast);
      expect(m!.attrs!.cacheinfo.prefered).toBe(e.preferred_life_time);
      expect(m!.attrs!.cacheinfo.valid).toBe(e.valid_life_time);
    }
  });
  for (const id of ['addr/add-ipv4', 'addr/add-ipv6']) {
    it(id, () => {
      const f = fixture(id);
      const req = messagesOf(f).find((m) => m.dir === 'send' && m.type === RTM.RTM_NEWADDR)!;
      const all = (f.state!.json as any[]).flatMap((l) => l.addr_info);
      expect(all.some((ai: any) => ai.local === req.attrs!.local && ai.prefixlen === req.header!.prefixlen)).toBe(true);
    });
  }
});

describe('routes: decoded dump equals ip -j route show', () => {
  for (const id of ['route/dump', 'route/dump-ipv6']) {
    it(id, () => {
      const f = fixture(id);
      const routes = messagesOf(f).filter((m) => m.dir === 'recv' && m.type === RTM.RTM_NEWROUTE && m.header!.table === 254);
      const shown = f.state!.json as any[];
      expect(routes.length).toBe(shown.length);
      for (const r of shown) {
        const dst = r.dst === 'default' ? undefined : r.dst.split('/');
        const m = routes.find((x) => (dst ? x.attrs!.dst === dst[0] && x.header!.dstLen === Number(dst[1]) : x.header!.dstLen === 0));
        expect(m, r.dst).toBeDefined();
        expect(m!.attrs!.gateway).toBe(r.gateway);
        expect(m!.attrs!.prefsrc).toBe(r.prefsrc);
        if (r.metric !== undefined) expect(m!.attrs!.priority).toBe(r.metric);
        if (r.protocol) expect(nameOf(RTPROT, m!.header!.protocol, 'RTPROT_')!.toLowerCase()).toBe(r.protocol);
        if (r.scope) expect(nameOf(RT_SCOPE, m!.header!.scope, 'RT_SCOPE_')!.toLowerCase()).toBe(r.scope);
        if (r.pref) expect(['medium', 'high', 'invalid', 'low'][m!.attrs!.pref]).toBe(r.pref);
      }
    });
  }
});

describe('namespace ids', () => {
  it('nsid/list-id', () => {
    const f = fixture('nsid/list-id');
    // The dump's parts carry NLM_F_MULTI; ip then asks for each /run/netns entry's id one by one.
    const ids = messagesOf(f).filter((m) => m.dir === 'recv' && m.type === RTM.RTM_NEWNSID && m.flags & 2).map((m) => m.attrs!.nsid);
    expect(ids.filter((x) => x >= 0).sort()).toEqual((f.state!.json as any[]).map((x) => x.nsid).sort());
  });
  it('nsid/set', () => {
    const req = messagesOf(fixture('nsid/set')).find((m) => m.dir === 'send' && m.type === RTM.RTM_NEWNSID)!;
    expect(req.attrs!.nsid).toBe(7);
  });
});

describe('errors: the errno and ext-ack message are what iproute2 printed', () => {
  for (const f of loadFixtures().filter((x) => x.id.startsWith('error/'))) {
    it(f.id, () => {
      const errs = messagesOf(f).filter((m) => m.dir === 'recv' && m.type === 2 && m.error! < 0 && m.seq !== 0);
      expect(errs.length).toBeGreaterThan(0);
      const last = errs[errs.length - 1]!;
      if (f.stderr.startsWith('RTNETLINK answers: ')) expect(`RTNETLINK answers: ${strerror(last.error!)}\n`).toBe(f.stderr);
      else if (f.stderr.startsWith('Error: ')) expect(`Error: ${last.ext!.msg}.\n`).toBe(f.stderr);
      else expect(f.stderr).toMatch(/^Cannot find device/);
      // The echoed request header names the request that failed.
      expect(last.request!.seq).toBe(last.seq);
    });
  }
});
