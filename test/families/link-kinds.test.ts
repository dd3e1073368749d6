/**
 * IFLA_INFO_DATA / IFLA_INFO_SLAVE_DATA of the link kinds this kernel
 * cannot create (src/families/link/kinds/), with iproute2 as the oracle:
 * ip still sends its RTM_NEWLINK request before the kernel refuses it
 * ("Unknown device type"), so each `ip link add ... type KIND <options>`
 * is traced with strace and its request decoded. Every attribute must be
 * named, carry the values ip was given, and re-encode to the same bytes.
 * `tun` devices can be made here (with `ip tuntap`): their dumps are
 * compared with `ip -d -j link show`. What iproute2 6.1 cannot send
 * (netkit options, dump-only attributes) is checked on bytes written out
 * below. Namespaces `tsnl-t-kinds-<pid>-...`, deleted in afterAll.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHex, toHex } from '../../src/bytes/hex.js';
import { decodeMessage, decodeMessages, encodeMessage, type Message } from '../../src/netlink/message.js';
import { checkTiling, explainDatagram } from '../../src/netlink/explain.js';
import { messageToJSON } from '../../src/netlink/json.js';
import { rtnetlink } from '../../src/families/registry.js';
import { parseStrace } from '../../src/strace/parse.js';
import { RTM } from '../../src/rtnl/constants.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { hasStrace as hasStraceBin } from '../support/oracle.js';
import { unnamedIn } from '../support/named.js';
import { splitMessages } from '../support/fixtures.js';
import { infoDataKinds, infoSlaveDataKinds } from '../../src/families/link/linkinfo.js';

/** Decodes a datagram and checks what every case needs: every message and attribute named, re-encoding gives the same bytes, explain rows tile it. */
function decodeChecked(bytes: Uint8Array): Message[] {
  const { rows, error } = explainDatagram(bytes, rtnetlink);
  expect(error).toBeUndefined();
  expect(checkTiling(rows, bytes.length)).toBeUndefined();
  const msgs = splitMessages(bytes).map((part) => {
    const m = decodeMessage(part, rtnetlink);
    expect(toHex(encodeMessage(m, rtnetlink))).toBe(toHex(part));
    return m;
  });
  expect(unnamedIn(msgs)).toEqual([]);
  return msgs;
}

/** IFLA_LINKINFO of a decoded link message. */
function linkinfo(m: Message): Record<string, any> {
  return (m.attrs as Record<string, any>).linkinfo;
}

// ------------------------------------------------------ bytes written out

describe('link kinds: bytes written out (what iproute2 6.1 cannot send)', () => {
  it('knows a set for every kind it says it declares', () => {
    const data = Object.keys(infoDataKinds());
    for (const k of ['vlan', 'bond', 'vrf', 'geneve', 'gre', 'gretap', 'erspan', 'ip6gre', 'ip6gretap', 'ip6erspan', 'ipip', 'sit', 'ip6tnl', 'vti', 'vti6', 'xfrm', 'macsec', 'ipvlan', 'ipvtap', 'hsr', 'netkit', 'tun', 'bareudp', 'gtp', 'amt']) {
      expect(data).toContain(k);
    }
    expect(Object.keys(infoSlaveDataKinds()).sort()).toEqual(['bond', 'bridge', 'vrf']);
    // These send no IFLA_INFO_DATA at all.
    for (const k of ['dummy', 'ifb', 'nlmon', 'wireguard', 'team']) expect(data).not.toContain(k);
  });

  it('netkit: the peer is a whole ifinfomsg and IFLA_* attributes, the rest u32/u16', () => {
    // `ip link add nk0 type netkit mode l3 forward scrub none peer blackhole name nk1`
    // as a current iproute2 builds it, plus HEADROOM the kernel reports.
    const hex = [
      '88000000', // nlmsg_len 136
      '1000', //     RTM_NEWLINK
      '0506', //     NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
      '01000000', // seq 1
      '00000000', // pid 0
      '00000000 00000000 00000000 00000000', // ifinfomsg: all zero
      '08000300 6e6b3000', // IFLA_IFNAME "nk0"
      '60001200', //  IFLA_LINKINFO len 96
      '0b000100 6e65746b 69740000', // IFLA_INFO_KIND "netkit" (NUL, pad 1)
      '50000200', //    IFLA_INFO_DATA len 80
      '08000500 01000000', //  IFLA_NETKIT_MODE NETKIT_L3
      '08000300 00000000', //  IFLA_NETKIT_POLICY NETKIT_PASS
      '08000600 00000000', //  IFLA_NETKIT_SCRUB NETKIT_SCRUB_NONE
      '08000400 02000000', //  IFLA_NETKIT_PEER_POLICY NETKIT_DROP
      '06000800 40000000', //  IFLA_NETKIT_HEADROOM 64 (u16, pad 2)
      '08000a00 00000000', //  IFLA_NETKIT_PAIRING NETKIT_DEVICE_PAIR
      '1c000100', //           IFLA_NETKIT_PEER_INFO len 28
      '00000000 00000000 00000000 00000000', // ifinfomsg of the peer
      '08000300 6e6b3100', //    IFLA_IFNAME "nk1"
    ].join('');
    const [m] = decodeChecked(parseHex(hex));
    const li = linkinfo(m!);
    expect(li.kind).toBe('netkit');
    expect(li.data).toMatchObject({ mode: 1, policy: 0, scrub: 0, peerPolicy: 2, headroom: 64, pairing: 0 });
    expect(li.data.peerInfo.attrs.ifname).toBe('nk1');
    expect(li.data.peerInfo.header).toMatchObject({ family: 0, index: 0 });
    const json = messageToJSON(m!, rtnetlink) as any;
    expect(json.attributes.IFLA_LINKINFO.IFLA_INFO_DATA.IFLA_NETKIT_PEER_POLICY).toBe('NETKIT_DROP');
  });

  it('bond: the dump-only nest IFLA_BOND_AD_INFO, and a port\'s IFLA_INFO_SLAVE_DATA (partner state is a u16)', () => {
    const real = [
      '98000000', '1000', '0000', '00000000', '00000000', // nlmsghdr: RTM_NEWLINK 152 bytes
      '00000100 05000000 00000000 00000000', // ifinfomsg: ARPHRD_ETHER, index 5
      '78001200', // IFLA_LINKINFO len 120
      '09000100 626f6e64 00000000', // IFLA_INFO_KIND "bond" (NUL, pad 3)
      '34000200', //  IFLA_INFO_DATA len 52
      '05000100 04000000', // IFLA_BOND_MODE BOND_MODE_8023AD (pad 3)
      '28001700', //   IFLA_BOND_AD_INFO len 40
      '06000100 01000000', // AGGREGATOR 1
      '06000200 02000000', // NUM_PORTS 2
      '06000300 09000000', // ACTOR_KEY 9
      '0a000500 02000000 00070000', // PARTNER_MAC 02:00:00:00:00:07 (pad 2)
      '09000400 626f6e64 00000000', // IFLA_INFO_SLAVE_KIND "bond" (NUL, pad 3)
      '28000500', //  IFLA_INFO_SLAVE_DATA len 40
      '05000100 01000000', // STATE BOND_STATE_BACKUP
      '05000200 00000000', // MII_STATUS BOND_LINK_UP
      '0a000400 02000000 00090000', // PERM_HWADDR 02:00:00:00:00:09
      '06000800 3d000000', // AD_PARTNER_OPER_PORT_STATE 0x3d (u16)
    ].join('');
    const [m] = decodeChecked(parseHex(real));
    const li = linkinfo(m!);
    expect(li.data).toMatchObject({ mode: 4, adInfo: { aggregator: 1, numPorts: 2, actorKey: 9, partnerMac: '02:00:00:00:00:07' } });
    expect(li.slaveData).toMatchObject({ state: 1, miiStatus: 0, permHwaddr: '02:00:00:00:00:09', adPartnerOperPortState: 0x3d });
    const json = messageToJSON(m!, rtnetlink) as any;
    expect(json.attributes.IFLA_LINKINFO.IFLA_INFO_SLAVE_DATA.IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE).toEqual([
      'LACP_STATE_LACP_ACTIVITY',
      'LACP_STATE_AGGREGATION',
      'LACP_STATE_SYNCHRONIZATION',
      'LACP_STATE_COLLECTING',
      'LACP_STATE_DISTRIBUTING',
    ]);
  });

  it('vrf port: IFLA_VRF_PORT_TABLE under slave kind vrf', () => {
    const hex = [
      '38000000', '1000', '0000', '00000000', '00000000', // nlmsghdr: RTM_NEWLINK 56 bytes
      '00000100 06000000 00000000 00000000', // ifinfomsg: index 6
      '18001200', // IFLA_LINKINFO len 24
      '08000400 76726600', //  IFLA_INFO_SLAVE_KIND "vrf"
      '0c000500', //  IFLA_INFO_SLAVE_DATA len 12
      '08000100 0a000000', // IFLA_VRF_PORT_TABLE 10
    ].join('');
    const [m] = decodeChecked(parseHex(hex));
    expect(linkinfo(m!).slaveData).toEqual({ table: 10 });
  });

  it('an indexed nest whose types are not 0, 1, 2... keeps its bytes', () => {
    const hex = [
      '48000000', '1000', '0000', '00000000', '00000000', // nlmsghdr: RTM_NEWLINK 72 bytes
      '00000000 00000000 00000000 00000000', // ifinfomsg
      '28001200', // IFLA_LINKINFO len 40
      '09000100 626f6e64 00000000', // IFLA_INFO_KIND "bond"
      '18000200', //  IFLA_INFO_DATA len 24
      '14000800', //   IFLA_BOND_ARP_IP_TARGET len 20
      '08000300 c6120001', // type 3: 198.18.0.1
      '08000000 c6120002', // type 0: 198.18.0.2
    ].join('');
    const bytes = parseHex(hex);
    const [m] = decodeChecked(bytes);
    expect(linkinfo(m!).data.arpIpTarget).toEqual(['198.18.0.1', '198.18.0.2']);
    // Changed, the value is written as types 0, 1.
    linkinfo(m!).data.arpIpTarget = ['198.18.0.3'];
    const again = decodeMessages(encodeMessage(m!, rtnetlink), rtnetlink)[0]!;
    expect(linkinfo(again).data.arpIpTarget).toEqual(['198.18.0.3']);
  });
});

// ------------------------------------------------- requests ip sends

const run = kernelSkipReason === undefined;
const hasStrace = run && hasStraceBin;
const nss = new Namespaces(`tsnl-t-kinds-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-kinds-')) : tmpdir();

/** The datagrams a command sent (`-e write=all`) or sent and received (`-e read=all` too). */
function traced(cmd: string[], tag: string, reads = false): { dir: 'send' | 'recv'; bytes: Uint8Array }[] {
  const trace = join(work, `${tag}.strace`);
  const r = spawnSync('strace', ['-f', '-e', `trace=sendmsg,sendto${reads ? ',recvmsg,recvfrom' : ''}`, '-e', 'write=all', ...(reads ? ['-e', 'read=all'] : []), '-o', trace, ...cmd], { encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  return parseStrace(readFileSync(trace, 'utf8')).datagrams;
}

/** A case: `ip link add NAME ARGS` (or `ip link set ...`), and what ip must have sent in IFLA_LINKINFO. */
interface Case {
  name: string;
  args: string[];
  /** What the kernel answers, in ip's words. */
  refusal?: RegExp;
  /** IFLA_INFO_KIND sent. */
  kind: string;
  /** Decoded IFLA_INFO_DATA (friendly keys), as a subset; `(idx) => ...` when it names parents' ifindexes. */
  data?: (idx: Record<string, number>) => Record<string, unknown>;
  slaveData?: Record<string, unknown>;
  /** Kernel names and JSON values the JSON must show (enum and flag names). */
  json?: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    name: 'vlan',
    args: ['link', 'add', 'link', 'p0', 'name', 'v0', 'type', 'vlan', 'id', '5', 'protocol', '802.1ad', 'reorder_hdr', 'off', 'gvrp', 'on', 'mvrp', 'off', 'loose_binding', 'on', 'egress-qos-map', '1:2', '3:4', 'ingress-qos-map', '3:4'],
    kind: 'vlan',
    data: () => ({
      id: 5,
      protocol: 0x88a8,
      flags: { flags: 0x2 | 0x4, mask: 0x1 | 0x2 | 0x4 | 0x8 },
      egressQos: { mapping: [{ from: 1, to: 2 }, { from: 3, to: 4 }] },
      ingressQos: { mapping: [{ from: 3, to: 4 }] },
    }),
    json: { IFLA_VLAN_PROTOCOL: 'ETH_P_8021AD' },
  },
  {
    name: 'bond',
    args: [
      'link', 'add', 'b0', 'type', 'bond', 'mode', '802.3ad', 'miimon', '100', 'updelay', '200', 'downdelay', '300', 'peer_notify_delay', '400',
      'use_carrier', '1', 'xmit_hash_policy', 'layer3+4', 'lacp_rate', 'fast', 'ad_select', 'bandwidth', 'arp_interval', '0',
      'arp_ip_target', '198.18.0.1,198.18.0.2', 'ns_ip6_target', '2001:db8::1,2001:db8::2', 'arp_validate', 'filter_active',
      'arp_all_targets', 'all', 'primary_reselect', 'better', 'fail_over_mac', 'follow', 'resend_igmp', '3', 'num_grat_arp', '2',
      'all_slaves_active', '1', 'min_links', '1', 'lp_interval', '2', 'packets_per_slave', '4', 'tlb_dynamic_lb', '0', 'lacp_active', 'on',
      'ad_user_port_key', '7', 'ad_actor_sys_prio', '100', 'ad_actor_system', '02:00:00:00:00:09', 'arp_missed_max', '3',
    ],
    kind: 'bond',
    data: () => ({
      mode: 4, miimon: 100, updelay: 200, downdelay: 300, peerNotifDelay: 400, useCarrier: 1, xmitHashPolicy: 1, adLacpRate: 1, adSelect: 1,
      arpInterval: 0, arpIpTarget: ['198.18.0.1', '198.18.0.2'], nsIp6Target: ['2001:db8::1', '2001:db8::2'], arpValidate: 5, arpAllTargets: 1,
      primaryReselect: 1, failOverMac: 2, resendIgmp: 3, numPeerNotif: 2, allSlavesActive: 1, minLinks: 1, lpInterval: 2, packetsPerSlave: 4,
      tlbDynamicLb: 0, adLacpActive: 1, adUserPortKey: 7, adActorSysPrio: 100, adActorSystem: '02:00:00:00:00:09', missedMax: 3,
    }),
    json: { IFLA_BOND_MODE: 'BOND_MODE_8023AD', IFLA_BOND_XMIT_HASH_POLICY: 'BOND_XMIT_POLICY_LAYER34', IFLA_BOND_ARP_IP_TARGET: ['198.18.0.1', '198.18.0.2'] },
  },
  {
    name: 'bond-slaves',
    args: ['link', 'add', 'b1', 'type', 'bond', 'mode', 'active-backup', 'active_slave', 'p0', 'primary', 'p1'],
    kind: 'bond',
    data: (idx) => ({ mode: 1, activeSlave: idx.p0, primary: idx.p1 }),
  },
  {
    name: 'bond_slave',
    args: ['link', 'set', 'p0', 'type', 'bond_slave', 'queue_id', '3', 'prio', '-7'],
    refusal: /Operation not supported/,
    kind: 'bond_slave',
    slaveData: { queueId: 3, prio: -7 },
  },
  { name: 'vrf', args: ['link', 'add', 'vr0', 'type', 'vrf', 'table', '10'], kind: 'vrf', data: () => ({ table: 10 }) },
  {
    name: 'geneve',
    args: ['link', 'add', 'gn0', 'type', 'geneve', 'id', '5', 'remote', '198.18.0.2', 'ttl', '3', 'tos', '0x10', 'df', 'set', 'flowlabel', '0x12345', 'dstport', '6081', 'noudpcsum', 'udp6zerocsumtx', 'udp6zerocsumrx'],
    kind: 'geneve',
    data: () => ({ id: 5, remote: '198.18.0.2', ttl: 3, tos: 0x10, df: 1, label: 0x12345, port: 6081, udpCsum: 0, udpZeroCsum6Tx: 1, udpZeroCsum6Rx: 1 }),
    json: { IFLA_GENEVE_DF: 'GENEVE_DF_SET' },
  },
  {
    name: 'geneve6',
    args: ['link', 'add', 'gn1', 'type', 'geneve', 'id', '6', 'remote', '2001:db8::2', 'ttl', 'inherit', 'innerprotoinherit'],
    kind: 'geneve',
    data: () => ({ id: 6, remote6: '2001:db8::2', ttlInherit: 1, innerProtoInherit: true }),
  },
  {
    name: 'gre',
    args: ['link', 'add', 'g0', 'type', 'gre', 'remote', '198.18.0.2', 'local', '198.18.0.1', 'ikey', '5', 'okey', '6', 'ttl', '3', 'tos', '0x10', 'iseq', 'ocsum', 'dev', 'p0', 'fwmark', '9', 'encap', 'fou', 'encap-sport', '1000', 'encap-dport', '2000', 'encap-csum', 'ignore-df', 'nopmtudisc'],
    kind: 'gre',
    data: (idx) => ({
      remote: '198.18.0.2', local: '198.18.0.1', ikey: 5, okey: 6, ttl: 3, tos: 0x10, iflags: 0x2000 | 0x1000, oflags: 0x2000 | 0x8000, link: idx.p0, fwmark: 9,
      encapType: 1, encapSport: 1000, encapDport: 2000, encapFlags: 1, ignoreDf: 1, pmtudisc: 0,
    }),
    json: { IFLA_GRE_IFLAGS: ['GRE_SEQ', 'GRE_KEY'], IFLA_GRE_ENCAP_TYPE: 'TUNNEL_ENCAP_FOU' },
  },
  {
    name: 'gretap',
    args: ['link', 'add', 'g1', 'type', 'gretap', 'remote', '198.18.0.2', 'local', '198.18.0.1', 'key', '1.2.3.4'],
    kind: 'gretap',
    data: () => ({ ikey: 0x01020304, okey: 0x01020304, iflags: 0x2000 }),
  },
  {
    name: 'erspan',
    args: ['link', 'add', 'e0', 'type', 'erspan', 'remote', '198.18.0.2', 'local', '198.18.0.1', 'seq', 'key', '10', 'erspan_ver', '2', 'erspan_dir', 'egress', 'erspan_hwid', '7'],
    kind: 'erspan',
    data: () => ({ remote: '198.18.0.2', ikey: 10, erspanVer: 2, erspanDir: 1, erspanHwid: 7 }),
  },
  {
    name: 'erspan-v1',
    args: ['link', 'add', 'e1', 'type', 'erspan', 'remote', '198.18.0.2', 'local', '198.18.0.1', 'seq', 'key', '10', 'erspan_ver', '1', 'erspan', '123'],
    kind: 'erspan',
    data: () => ({ erspanVer: 1, erspanIndex: 123 }),
  },
  {
    name: 'ip6gre',
    args: ['link', 'add', 'g6', 'type', 'ip6gre', 'remote', '2001:db8::2', 'local', '2001:db8::1', 'ikey', '5', 'okey', '6', 'hoplimit', '9', 'encaplimit', '3', 'tclass', '0x20', 'flowlabel', '0x1234', 'allow-localremote'],
    kind: 'ip6gre',
    data: () => ({ remote: '2001:db8::2', local: '2001:db8::1', ikey: 5, okey: 6, ttl: 9, encapLimit: 3, flowinfo: (0x20 << 20) | 0x1234, flags: 0x40 }),
  },
  { name: 'ip6gretap', args: ['link', 'add', 'g7', 'type', 'ip6gretap', 'external'], kind: 'ip6gretap', data: () => ({ collectMetadata: true }) },
  {
    name: 'ip6erspan',
    args: ['link', 'add', 'e6', 'type', 'ip6erspan', 'remote', '2001:db8::2', 'local', '2001:db8::1', 'seq', 'key', '11', 'erspan_ver', '2', 'erspan_dir', 'ingress', 'erspan_hwid', '3'],
    kind: 'ip6erspan',
    data: () => ({ remote: '2001:db8::2', ikey: 11, erspanVer: 2, erspanDir: 0, erspanHwid: 3 }),
  },
  {
    name: 'ipip',
    args: ['link', 'add', 'i0', 'type', 'ipip', 'remote', '198.18.0.2', 'local', '198.18.0.1', 'ttl', '9', 'tos', '0x10', 'mode', 'any', 'dev', 'p0', 'fwmark', '3', 'encap', 'gue', 'encap-sport', '4444', 'encap-dport', '5555', 'encap-remcsum'],
    kind: 'ipip',
    data: (idx) => ({ remote: '198.18.0.2', local: '198.18.0.1', ttl: 9, tos: 0x10, proto: 0, link: idx.p0, fwmark: 3, encapType: 2, encapSport: 4444, encapDport: 5555, encapFlags: 4 }),
  },
  { name: 'ipip-external', args: ['link', 'add', 'i1', 'type', 'ipip', 'external'], kind: 'ipip', data: () => ({ collectMetadata: true }) },
  {
    name: 'sit',
    args: ['link', 'add', 's0', 'type', 'sit', 'remote', '198.18.0.2', 'local', '198.18.0.1', 'mode', 'ip6ip', 'isatap', '6rd-prefix', '2001:db8::/32', '6rd-relay_prefix', '198.18.0.0/15'],
    kind: 'sit',
    data: () => ({ proto: 41, flags: 1, _6rdPrefix: '2001:db8::', _6rdPrefixlen: 32, _6rdRelayPrefix: '198.18.0.0', _6rdRelayPrefixlen: 15 }),
    json: { IFLA_IPTUN_PROTO: 'IPPROTO_IPV6', IFLA_IPTUN_FLAGS: ['SIT_ISATAP'] },
  },
  {
    name: 'ip6tnl',
    args: ['link', 'add', 't6', 'type', 'ip6tnl', 'mode', 'ip6ip6', 'remote', '2001:db8::2', 'local', '2001:db8::1', 'encaplimit', 'none', 'hoplimit', '7', 'flowlabel', '0xabcde', 'allow-localremote'],
    kind: 'ip6tnl',
    data: () => ({ proto: 41, remote: '2001:db8::2', local: '2001:db8::1', ttl: 7, flowinfo: 0xabcde, flags: 0x1 | 0x40 }),
  },
  {
    name: 'vti',
    args: ['link', 'add', 'vt0', 'type', 'vti', 'ikey', '1', 'okey', '2', 'remote', '198.18.0.2', 'local', '198.18.0.1', 'dev', 'p0', 'fwmark', '4'],
    kind: 'vti',
    data: (idx) => ({ ikey: 1, okey: 2, remote: '198.18.0.2', local: '198.18.0.1', link: idx.p0, fwmark: 4 }),
  },
  {
    name: 'vti6',
    args: ['link', 'add', 'vt6', 'type', 'vti6', 'ikey', '1', 'okey', '2', 'remote', '2001:db8::2', 'local', '2001:db8::1'],
    kind: 'vti6',
    data: () => ({ ikey: 1, okey: 2, remote: '2001:db8::2', local: '2001:db8::1' }),
  },
  { name: 'xfrm', args: ['link', 'add', 'x0', 'type', 'xfrm', 'dev', 'p0', 'if_id', '0x42'], kind: 'xfrm', data: (idx) => ({ link: idx.p0, ifId: 0x42 }) },
  { name: 'xfrm-external', args: ['link', 'add', 'x1', 'type', 'xfrm', 'external'], kind: 'xfrm', data: () => ({ collectMetadata: true }) },
  {
    name: 'macsec',
    args: ['link', 'add', 'link', 'p0', 'ms0', 'type', 'macsec', 'port', '11', 'encrypt', 'on', 'cipher', 'gcm-aes-256', 'icvlen', '16', 'send_sci', 'on', 'end_station', 'off', 'scb', 'off', 'protect', 'on', 'replay', 'on', 'window', '32', 'validate', 'strict', 'encodingsa', '2'],
    kind: 'macsec',
    data: () => ({ port: 11, encrypt: 1, cipherSuite: 0x0080c20001000002n, icvLen: 16, incSci: 1, es: 0, scb: 0, protect: 1, replayProtect: 1, window: 32, validation: 2, encodingSa: 2 }),
    json: { IFLA_MACSEC_VALIDATION: 'MACSEC_VALIDATE_STRICT' },
  },
  {
    name: 'macsec-sci',
    args: ['link', 'add', 'link', 'p0', 'ms1', 'type', 'macsec', 'sci', '0x0200000000090001', 'offload', 'mac'],
    kind: 'macsec',
    data: () => ({ sci: 0x0200000000090001n, offload: 2 }),
  },
  { name: 'ipvlan', args: ['link', 'add', 'link', 'p0', 'iv0', 'type', 'ipvlan', 'mode', 'l3s', 'private'], kind: 'ipvlan', data: () => ({ mode: 2, flags: 1 }), json: { IFLA_IPVLAN_MODE: 'IPVLAN_MODE_L3S' } },
  { name: 'ipvtap', args: ['link', 'add', 'link', 'p0', 'it0', 'type', 'ipvtap', 'mode', 'l2', 'vepa'], kind: 'ipvtap', data: () => ({ mode: 0, flags: 2 }) },
  {
    name: 'hsr',
    args: ['link', 'add', 'h0', 'type', 'hsr', 'slave1', 'p0', 'slave2', 'p1', 'supervision', '45', 'version', '1', 'proto', '1'],
    kind: 'hsr',
    data: (idx) => ({ slave1: idx.p0, slave2: idx.p1, multicastSpec: 45, version: 1, protocol: 1 }),
    json: { IFLA_HSR_PROTOCOL: 'HSR_PROTOCOL_PRP' },
  },
  // iproute2 6.1 predates netkit: it sends the kind alone (see the bytes above for the data).
  { name: 'netkit', args: ['link', 'add', 'nk0', 'type', 'netkit'], kind: 'netkit' },
  {
    name: 'bareudp',
    args: ['link', 'add', 'bu0', 'type', 'bareudp', 'dstport', '6635', 'ethertype', 'ipv4', 'srcportmin', '5000', 'multiproto'],
    kind: 'bareudp',
    data: () => ({ port: 6635, ethertype: 0x0800, srcportMin: 5000, multiprotoMode: true }),
  },
  { name: 'bareudp-mpls', args: ['link', 'add', 'bu1', 'type', 'bareudp', 'dstport', '6636', 'ethertype', 'mpls_uc'], kind: 'bareudp', data: () => ({ port: 6636, ethertype: 0x8847 }) },
  {
    name: 'gtp',
    args: ['link', 'add', 'gt0', 'type', 'gtp', 'role', 'sgsn', 'hsize', '2048', 'restart_count', '5'],
    kind: 'gtp',
    data: () => ({ role: 1, pdpHashsize: 2048, restartCount: 5, createSockets: 1 }),
    json: { IFLA_GTP_ROLE: 'GTP_ROLE_SGSN' },
  },
  {
    name: 'amt',
    args: ['link', 'add', 'am0', 'type', 'amt', 'mode', 'gateway', 'local', '198.18.0.1', 'discovery', '198.18.0.9', 'dev', 'p0', 'relay_port', '2268', 'gateway_port', '2269', 'max_tunnels', '10'],
    kind: 'amt',
    data: (idx) => ({ mode: 0, localIp: '198.18.0.1', discoveryIp: '198.18.0.9', link: idx.p0, relayPort: 2268, gatewayPort: 2269, maxTunnels: 10 }),
  },
  // These send no IFLA_INFO_DATA.
  { name: 'dummy', args: ['link', 'add', 'd0', 'type', 'dummy'], kind: 'dummy' },
  { name: 'nlmon', args: ['link', 'add', 'nl0', 'type', 'nlmon'], kind: 'nlmon' },
  { name: 'wireguard', args: ['link', 'add', 'wg0', 'type', 'wireguard'], kind: 'wireguard' },
  { name: 'team', args: ['link', 'add', 'tm0', 'type', 'team'], kind: 'team' },
];

afterAll(() => {
  if (!run) return;
  rmSync(work, { recursive: true, force: true });
  expect(nss.cleanup()).toEqual([]);
  expect(rootLinkKeys()).toEqual(rootBefore);
});

describe.skipIf(!hasStrace)(`link kinds: what ip sends, decoded (strace)${skipNote()}${run && !hasStraceBin ? ' (skipped: strace not installed)' : ''}`, () => {
  let A: string;
  const idx: Record<string, number> = {};

  beforeAll(() => {
    A = nss.add('a');
    ip(['-n', A, 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1']);
    for (const l of ipJson(A, ['link', 'show']) as { ifname: string; ifindex: number }[]) idx[l.ifname] = l.ifindex;
  });

  for (const c of CASES) {
    it(`${c.name}: ip ${c.args.join(' ')}`, () => {
      const sent = traced(['ip', '-n', A, ...c.args], c.name).filter((d) => d.dir === 'send');
      const msgs = sent.flatMap((d) => decodeChecked(d.bytes));
      // ip probes with an empty RTM_NEWLINK first; the request is the one with IFLA_LINKINFO.
      const reqs = msgs.filter((m) => m.type === RTM.RTM_NEWLINK && linkinfo(m) !== undefined);
      expect(reqs.length).toBe(1);
      const li = linkinfo(reqs[0]!);
      expect(li.kind).toBe(c.kind);
      if (c.data) {
        expect(li.data).toBeTypeOf('object');
        expect(li.data).not.toBeInstanceOf(Uint8Array);
        expect(li.data).toMatchObject(c.data(idx));
      } else {
        expect(li.data).toBeUndefined();
      }
      if (c.slaveData) {
        expect(li.slaveData).not.toBeInstanceOf(Uint8Array);
        expect(li.slaveData).toMatchObject(c.slaveData);
      }
      if (c.json) {
        const json = (messageToJSON(reqs[0]!, rtnetlink) as any).attributes.IFLA_LINKINFO.IFLA_INFO_DATA;
        expect(json).toMatchObject(c.json);
      }
      // The kernel refused it: nothing was made.
      const made = spawnSync('ip', ['-n', A, ...c.args], { encoding: 'utf8' });
      expect(made.stderr).toMatch(c.refusal ?? /Unknown device type/);
    });
  }
});

// ------------------------------------------------------- tun dumps

describe.skipIf(!hasStrace)(`tun: dumps against ip -d -j link show${skipNote()}`, () => {
  let T: string;

  beforeAll(() => {
    T = nss.add('tun');
    ip(['-n', T, 'tuntap', 'add', 'dev', 'tp0', 'mode', 'tap', 'multi_queue', 'user', '65534', 'group', '65534']);
    ip(['-n', T, 'tuntap', 'add', 'dev', 'tn0', 'mode', 'tun', 'pi', 'vnet_hdr']);
  });

  it('every tun link\'s IFLA_INFO_DATA is named and holds what ip prints', () => {
    const dgs = traced(['ip', '-n', T, '-d', 'link', 'show'], 'tun-show', true);
    const msgs = dgs.filter((d) => d.dir === 'recv').flatMap((d) => decodeChecked(d.bytes));
    const links = msgs.filter((m) => m.type === RTM.RTM_NEWLINK && linkinfo(m)?.kind === 'tun');
    const theirs = (ipJson(T, ['-d', 'link', 'show']) as any[]).filter((l) => l.linkinfo?.info_kind === 'tun');
    expect(links.map((m) => (m.attrs as any).ifname).sort()).toEqual(['tn0', 'tp0']);
    for (const m of links) {
      const d = linkinfo(m).data;
      const j = theirs.find((l) => l.ifname === (m.attrs as any).ifname).linkinfo.info_data;
      expect(d.type === 1 ? 'tun' : d.type === 2 ? 'tap' : d.type).toBe(j.type);
      expect({ pi: !!d.pi, vnet_hdr: !!d.vnetHdr, multi_queue: !!d.multiQueue, persist: !!d.persist }).toEqual({ pi: j.pi, vnet_hdr: j.vnet_hdr, multi_queue: j.multi_queue, persist: j.persist });
      if (j.numqueues !== undefined) expect([d.numQueues, d.numDisabledQueues]).toEqual([j.numqueues, j.numdisabled]);
    }
    const tp0 = linkinfo(links.find((m) => (m.attrs as any).ifname === 'tp0')!).data;
    expect([tp0.owner, tp0.group]).toEqual([65534, 65534]);
  });
});
