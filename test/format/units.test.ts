/**
 * Formatter behaviour the captured fixtures do not reach, on hand-made
 * messages: flag edge cases, fallbacks for unknown values, deleted
 * objects, tunnels' hardware addresses, multipath, metrics and nsid
 * corner cases. Expected strings follow iproute2 6.1's printing rules.
 */
import { describe, expect, it } from 'vitest';
import { addrGenModeName, linkFlagNames, linkFlagsText, linkTypeName } from '../../src/families/link/names.js';
import { addrInfoJSON, addrInfoText } from '../../src/families/address/format.js';
import { bridgeIdText, fwdMaskText } from '../../src/families/link/format-linkinfo.js';
import { isShownByDefault, routeJSON, routeText } from '../../src/families/route/format.js';
import { linkContext } from '../../src/format/context.js';
import { linkJSON, linkText } from '../../src/families/link/format.js';
import { llAddrText } from '../../src/families/link/format-head.js';
import { nsidJSON, nsidText } from '../../src/families/nsid/format.js';
import { protocolName, tableName } from '../../src/families/route/names.js';
import { scopeName } from '../../src/format/names.js';
import { IFF, RTM } from '../../src/rtnl/constants.js';
import type { Message } from '../../src/netlink/message.js';

const link = (index: number, name: string, flags: number, attrs: Record<string, unknown> = {}, type = 1): Message => ({
  type: RTM.RTM_NEWLINK,
  flags: 2,
  seq: 1,
  pid: 0,
  header: { family: 0, type, index, flags, change: 0 },
  attrs: { ifname: name, ...attrs },
});

describe('names', () => {
  it('link flags: NO-CARRIER, hidden RUNNING, unknown bits, M-DOWN', () => {
    const up = IFF.IFF_UP | IFF.IFF_BROADCAST | IFF.IFF_MULTICAST;
    expect(linkFlagNames(up)).toEqual(['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP']);
    expect(linkFlagNames(up | IFF.IFF_RUNNING | IFF.IFF_LOWER_UP)).toEqual(['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP']);
    expect(linkFlagsText(up, true)).toBe('<NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> ');
    expect(linkFlagNames(IFF.IFF_NOARP | 0x100000)).toEqual(['NOARP', '100000']);
    expect(linkFlagsText(IFF.IFF_NOARP | 0x100000)).toBe('<NOARP,100000> ');
    expect(linkFlagsText(0)).toBe('<> ');
    expect(linkFlagsText(0, true)).toBe('<,M-DOWN> ');
  });
  it('fallbacks print numbers as iproute2 does', () => {
    expect(linkTypeName(1)).toBe('ether');
    expect(linkTypeName(0xfffe)).toBe('none');
    expect(linkTypeName(790)).toBe('fcfb3');
    expect(linkTypeName(12345)).toBe('[12345]');
    expect(scopeName(253)).toBe('link');
    expect(scopeName(100)).toBe('100');
    expect(protocolName(16)).toBe('dhcp');
    expect(protocolName(17)).toBe('17');
    expect(tableName(254)).toBe('main');
    expect(tableName(100)).toBe('100');
    expect(addrGenModeName(3)).toBe('random');
    expect(addrGenModeName(7)).toBe('0x07');
  });
  it('bridge ids, group_fwd_mask_str and tunnel addresses', () => {
    expect(bridgeIdText('8000.02:00:00:0a:00:03')).toBe('8000.2:0:0:a:0:3');
    expect(fwdMaskText(0)).toBe('0x0');
    expect(fwdMaskText(0x4005)).toBe('stp,lacp,lldp');
    expect(fwdMaskText(0x4008)).toBe('0x8,lldp');
    expect(llAddrText('c6:12:00:01', 768)).toBe('198.18.0.1');
    expect(llAddrText('20:01:0d:b8:00:00:00:00:00:00:00:00:00:00:00:01', 769)).toBe('2001:db8::1');
    expect(llAddrText('02:00:00:00:00:01', 1)).toBe('02:00:00:00:00:01');
  });
});

describe('links', () => {
  it('IFLA_LINK of 0 prints @NONE / "link": null; a deleted link says so', () => {
    const m = { ...link(4, 'x0', IFF.IFF_BROADCAST, { link: 0, mtu: 1500 }), type: RTM.RTM_DELLINK };
    const ctx = linkContext([]);
    expect(linkText(m, ctx)[0]).toBe('Deleted 4: x0@NONE: <BROADCAST> mtu 1500 ');
    expect(linkJSON(m, ctx)).toMatchObject({ deleted: true, ifindex: 4, link: null, ifname: 'x0' });
  });
  it('unknown master and peer print as ifN, unknown operstate and link mode as numbers', () => {
    const m = link(5, 'p0', IFF.IFF_UP | IFF.IFF_RUNNING, { link: 9, master: 8, operstate: 9, linkmode: 2, group: 3, txqlen: 0 });
    const ctx = linkContext([]);
    expect(linkText(m, ctx)[0]).toBe('5: p0@if9: <UP> master if8 state 0x9mode 2 group 3 ');
    expect(linkJSON(m, ctx)).toEqual({
      ifindex: 5,
      link: 'if9',
      ifname: 'p0',
      flags: ['UP'],
      master: 'if8',
      operstate_index: 9,
      linkmode_index: 2,
      group: '3',
      link_type: 'ether',
    });
  });
  it('a peer in another namespace without a known name prints link-netnsid', () => {
    const m = link(2, 'v0', 0, { link: 7, linkNetnsid: 3, address: '02:00:00:00:00:01' });
    expect(linkText(m, linkContext([]))[1]).toBe('    link/ether 02:00:00:00:00:01 link-netnsid 3');
    expect(linkText(m, linkContext([], new Map([[3, 'ns3']])))[1]).toBe('    link/ether 02:00:00:00:00:01 link-netns ns3');
    expect(linkJSON(m, linkContext([]))).toMatchObject({ link_index: 7, link_netnsid: 3 });
  });
  it('point-to-point links print peer, and permaddr when it differs', () => {
    const m = link(3, 't0', IFF.IFF_POINTOPOINT, { address: 'c6:12:00:01', broadcast: 'c6:12:00:02', permAddress: 'c6:12:00:03' }, 768);
    expect(linkText(m, linkContext([]))[1]).toBe('    link/ipip 198.18.0.1 peer 198.18.0.2 permaddr 198.18.0.3');
    expect(linkJSON(m, linkContext([]))).toMatchObject({ link_pointtopoint: true, broadcast: '198.18.0.2', permaddr: '198.18.0.3' });
  });
  it('a link kind with print support but no data still opens info_data in JSON', () => {
    const m = link(6, 'br9', 0, { linkinfo: { kind: 'bridge' } });
    expect(linkJSON(m, linkContext([]), { details: true }).linkinfo).toEqual({ info_kind: 'bridge', info_data: {} });
    expect(linkText(m, linkContext([]), { details: true })[2]).toBe('    bridge ');
  });
});

describe('addresses', () => {
  const addr = (family: number, attrs: Record<string, unknown>, flags: number, scope = 0): Message => ({
    type: RTM.RTM_NEWADDR,
    flags: 2,
    seq: 1,
    pid: 0,
    header: { family, prefixlen: 64, flags: flags & 0xff, scope, index: 2 },
    attrs: { flags, ...attrs },
  });
  it('IPv6 secondary is temporary; unknown flag bits print as hex', () => {
    const m = addr(10, { address: '2001:db8::5', cacheinfo: { prefered: 100, valid: 200 } }, 0x01 | 0x1000);
    expect(addrInfoText(m)).toEqual(['    inet6 2001:db8::5/64 scope global temporary dynamic flags 1000 ', '       valid_lft 200sec preferred_lft 100sec']);
    expect(addrInfoJSON(m)).toEqual({
      family: 'inet6',
      local: '2001:db8::5',
      prefixlen: 64,
      scope: 'global',
      temporary: true,
      dynamic: true,
      ifa_flags: '1000',
      valid_life_time: 200,
      preferred_life_time: 100,
    });
  });
  it('a deleted IPv4 address with anycast and an unknown family', () => {
    const m = { ...addr(2, { local: '198.18.0.9', anycast: '198.18.0.10', label: 'v0' }, 0x80, 254), type: RTM.RTM_DELADDR };
    expect(addrInfoText(m)).toEqual(['Deleted     inet 198.18.0.9/64 any 198.18.0.10 scope host v0']);
    const odd = addr(99, {}, 0x80);
    expect(addrInfoJSON(odd)).toEqual({ family_index: 99, scope: 'global' });
  });
});

describe('routes', () => {
  const route = (h: Record<string, number>, attrs: Record<string, unknown>): Message => ({
    type: RTM.RTM_NEWROUTE,
    flags: 2,
    seq: 1,
    pid: 0,
    header: { family: 2, dstLen: 0, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0, ...h },
    attrs,
  });
  const ctx = linkContext([link(3, 'veth0', IFF.IFF_UP)]);
  it('multipath next hops, details and metrics', () => {
    const m = route(
      { dstLen: 24, protocol: 4 },
      {
        dst: '198.19.0.0',
        metrics: { lock: 1 << 2, mtu: 1400, rtt: 16000, rttvar: 400 },
        multipath: [
          { flags: 4, hops: 0, ifindex: 3, attrs: { gateway: '198.18.0.1' } },
          { flags: 0, hops: 4, ifindex: 9, attrs: {} },
        ],
      },
    );
    expect(routeText(m, ctx, { details: true })).toEqual([
      'unicast 198.19.0.0/24 proto static scope global mtu lock 1400 rtt 2s rttvar 100ms ',
      '\tnexthop via 198.18.0.1 dev veth0 weight 1 onlink ',
      '\tnexthop dev if9 weight 5 ',
    ]);
    expect(routeJSON(m, ctx)).toEqual({
      dst: '198.19.0.0/24',
      protocol: 'static',
      flags: [],
      metrics: [{ mtu: 1400, rtt: 2000, rttvar: 100 }],
      nexthops: [
        { gateway: '198.18.0.1', dev: 'veth0', weight: 1, flags: ['onlink'] },
        { dev: 'if9', weight: 5, flags: [] },
      ],
    });
  });
  it('a prefix length without RTA_DST, marks, realms and an unknown preference', () => {
    const m = route({ family: 10, dstLen: 8, protocol: 3 }, { oif: 3, mark: 20, flow: (1 << 16) | 2, pref: 2 });
    expect(routeText(m, ctx)).toEqual(['0/8  dev veth0 mark 0x14 realms 1/2 2']);
    expect(routeJSON(m, ctx)).toEqual({ dst: '0/8 ', dev: 'veth0', flags: [], mark: 20, flow: { from: '1', to: '2' }, pref: 2 });
  });
  it('isShownByDefault: main table, not cloned, no IPv6 local routes, family filter', () => {
    expect(isShownByDefault(route({}, {}))).toBe(true);
    expect(isShownByDefault(route({}, { table: 100 }))).toBe(false);
    expect(isShownByDefault(route({ table: 255 }, {}))).toBe(false);
    expect(isShownByDefault(route({ flags: 0x200 }, {}))).toBe(false);
    expect(isShownByDefault(route({ family: 10, type: 2 }, {}))).toBe(false);
    expect(isShownByDefault(route({ family: 10 }, {}), { family: 2 })).toBe(false);
    expect(isShownByDefault({ ...route({}, {}), type: RTM.RTM_NEWLINK })).toBe(false);
  });
});

describe('namespace ids', () => {
  const nsid = (attrs: Record<string, unknown>, type: number = RTM.RTM_NEWNSID): Message => ({ type, flags: 2, seq: 1, pid: 0, header: { family: 0 }, attrs });
  it('unassigned ids, current-nsid and deletions', () => {
    expect(nsidText(nsid({ nsid: -1 }))).toEqual(['nsid unassigned ']);
    expect(nsidJSON(nsid({ nsid: -1 }))).toEqual({});
    expect(nsidText(nsid({ nsid: 4 }, RTM.RTM_DELNSID), new Map([[4, 'b']]))).toEqual(['Deleted nsid 4 (iproute2 netns name: b)']);
    expect(nsidJSON(nsid({ nsid: 4, currentNsid: 6 }), new Map([[6, 'c']]))).toEqual({ nsid: 4, 'current-nsid': 6, name: 'c' });
  });
});
