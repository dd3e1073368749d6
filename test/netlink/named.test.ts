/**
 * Every capture in fixtures/ (iproute2's ip, tc and bridge against this
 * kernel) decodes with every message type and every attribute named, and
 * the values the tools printed are in the decoded JSON where the kernel put
 * them: what `tsip decode --json` shows a user of any of these captures.
 */
import { describe, expect, it } from 'vitest';
import { loadFixtures, fixture } from '../support/fixtures.js';
import { unnamed, valuesOf } from '../support/named.js';

/** Captures whose requests are malformed on purpose (the kernel's answers to them are checked in test/explain/extack.test.ts). */
const MALFORMED = new Set(['extack/mtu-2-bytes', 'extack/vxlan-id-2-bytes']);

describe('decode names everything in every capture', () => {
  const all = loadFixtures();

  it('covers ip, tc and bridge captures of every family', () => {
    // python3: the extended-ACK captures, made malformed on purpose by scripts/capture-extack.py.
    const tools = new Set(all.map((f) => f.command[0]));
    expect([...tools].sort()).toEqual(['bridge', 'ip', 'python3', 'tc']);
    expect(all.length).toBeGreaterThan(90);
  });

  it('no message type and no attribute is left unnamed', () => {
    const left = all.filter((f) => !MALFORMED.has(f.id)).flatMap((f) => unnamed(f).map((u) => `${f.id}: ${u}`));
    expect(left).toEqual([]);
  });

  it('the values the tools printed are where the kernel put them', () => {
    const stdout = (id: string) => fixture(id).stdout;
    // A neighbour's NDA_DST and NDA_LLADDR (ip neigh).
    expect(valuesOf(fixture('neigh/dump'), 'NDA_DST')).toContain('198.18.0.7');
    expect(valuesOf(fixture('neigh/dump'), 'NDA_LLADDR')).toContain('02:00:00:00:00:07');
    expect(stdout('neigh/dump')).toContain('198.18.0.7 dev veth0 lladdr 02:00:00:00:00:07 PERMANENT');
    // A rule's FRA_PRIORITY and FRA_TABLE (ip rule).
    expect(valuesOf(fixture('rule/dump'), 'FRA_PRIORITY')).toContain(1001);
    expect(valuesOf(fixture('rule/dump'), 'FRA_TABLE')).toContain(5000);
    expect(stdout('rule/dump')).toContain('1001:\tfrom all fwmark 0x10/0xff iif veth0 lookup 5000');
    // Next hop NHA_ID and NHA_GROUP (ip nexthop).
    expect(valuesOf(fixture('nexthop/dump'), 'NHA_ID')).toEqual([1, 2, 3, 5, 6, 10, 20, 30]);
    expect(valuesOf(fixture('nexthop/get'), 'NHA_GROUP')).toContainEqual([
      { id: 1, weight: 0, weight_high: 0, resvd2: 0 },
      { id: 2, weight: 2, weight_high: 0, resvd2: 0 },
    ]);
    expect(stdout('nexthop/get')).toContain('id 10 group 1/2,3');
    // A route get's RTA_DST, in the request and in the answer (ip route get).
    expect(valuesOf(fixture('route/get'), 'RTA_DST')).toEqual(['198.19.1.7', '198.19.1.7']);
    expect(valuesOf(fixture('route/get'), 'RTA_GATEWAY')).toEqual(['198.18.0.254']);
    expect(stdout('route/get')).toContain('198.19.1.7 via 198.18.0.254 dev veth0 src 198.18.0.1 uid 0');
    // An htb qdisc's TCA_KIND and TCA_HTB_* options (tc qdisc).
    const htb = valuesOf(fixture('tc/qdisc-show'), 'TCA_OPTIONS').find((o) => (o as Record<string, unknown>).TCA_HTB_INIT !== undefined) as Record<string, { defcls: number }>;
    expect(htb.TCA_HTB_INIT!.defcls).toBe(0x10);
    expect(valuesOf(fixture('tc/qdisc-show'), 'TCA_KIND')).toContain('htb');
    expect(stdout('tc/qdisc-show')).toMatch(/qdisc htb 1: dev veth0 root .* default 0x10/);
    // An fdb entry's NDA_LLADDR (bridge fdb).
    expect(valuesOf(fixture('fdb/show'), 'NDA_LLADDR')).toContain('02:00:00:00:00:09');
    expect(stdout('fdb/show')).toContain('02:00:00:00:00:09 dev veth1 master br0 static');
    // IFLA_STATS_LINK_64 (ip stats) and IFLA_STATS64 (ip -s -s link).
    const lo = valuesOf(fixture('stats/show-dev'), 'IFLA_STATS_LINK_64')[0] as { rx_packets: number };
    expect(stdout('stats/show-dev')).toMatch(new RegExp(`RX: +bytes +packets.*\\n +\\d+ +${lo.rx_packets} `));
    expect(valuesOf(fixture('link/show-stats'), 'IFLA_STATS64').length).toBeGreaterThan(0);
    // NETCONFA_FORWARDING (ip netconf).
    expect(valuesOf(fixture('netconf/show'), 'NETCONFA_FORWARDING')).toContain(0);
    expect(stdout('netconf/show')).toContain('inet veth0 forwarding off');
    // IFLA_IFALIAS (ip link).
    expect(valuesOf(fixture('link/show-states'), 'IFLA_IFALIAS').length).toBeGreaterThan(0);
    // NDTA_NAME (ip ntable), IFAL_LABEL (ip addrlabel), the mdb group (bridge mdb).
    expect(valuesOf(fixture('neightbl/show'), 'NDTA_NAME')).toEqual(expect.arrayContaining(['arp_cache', 'ndisc_cache']));
    expect(valuesOf(fixture('addrlabel/add'), 'IFAL_LABEL')).toEqual([7]);
    expect(stdout('mdb/show')).toContain('239.1.1.1');
  });
});
