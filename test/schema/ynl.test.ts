/**
 * Our rtnetlink declarations against the kernel's YNL specs (facts in
 * fixtures/ynl, made by scripts/ynl-facts.mjs): for every rtnetlink family
 * in the registry, both ways, by the checks of test/support/ynl.ts (sets
 * by C names, attribute numbers and kinds, structs, enums), and here the
 * messages: each spec operation's RTM_* number, and which header, set and
 * replies it has. A family no spec declares messages of is compared only
 * where a set or struct of it matches one (nothing, for most: the test is
 * skipped). A set or struct several families reach is checked with the
 * first. Generic netlink: ynl-genl.test.ts.
 *
 * One failure line per mismatch, ending with its ALLOW key, e.g.
 * `rt-rule fib-rule-attrs ~ FRA: FRA_DST (1): ours ip, spec u32  [kind FRA_DST]`.
 * `YNL_REPORT=FILE npx vitest run test/schema/ynl.test.ts` writes every
 * comparison and difference, allowed or not, to FILE.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNITS } from '../../src/families/registry.js';
import type { FamilyUnit } from '../../src/families/unit.js';
import { RTM } from '../../src/rtnl/constants.js';
import { u16, u32 } from '../../src/schema/scalars.js';
import { struct } from '../../src/schema/struct.js';
import { reachable } from '../../src/schema/walk.js';
import { ruleAttrs } from '../../src/families/rule/attrs.js';
import { fibRuleHdr } from '../../src/families/rule/header.js';
import { ALL_SPECS, NEWER, alteredSet, candidate, compareDeclarations, cStruct, reportOf, sourcesOf, specPrefix, staleAllowances, writeReport, type Report, type Spec, type SpecOp } from '../support/ynl.js';

/** The rtnetlink specs (netlink-raw protocol, NETLINK_ROUTE). */
const SPECS: Spec[] = ALL_SPECS.filter((s) => s.protocol === 'netlink-raw');

// ------------------------------------------------------------ allowances

/**
 * Differences we keep, each with its reason, grouped by the family that
 * declares them (any family's entries apply wherever the declaration is
 * reached). Keys are the ids the checks give:
 * - `ours NAME`: we declare NAME, the spec set does not;
 * - `spec NAME`: the spec set has NAME, we do not declare it;
 * - `number NAME`, `kind NAME`: same name, another number or kind;
 * - `set SET`: our set SET is not compared (no spec set matches it, or the
 *   spec describes it otherwise); `set RTM_X`, `header RTM_X`,
 *   `reply RTM_X`: the message's set, header or reply differs;
 * - `struct CNAME.member`: a struct member differs or is only on one side;
 *   `struct CNAME`: the struct is not compared;
 * - `enum NAME`: an enum or flag value only on one side, or named otherwise.
 */
const ALLOW: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  link: {
    'kind IFLA_COST': 'not used by the kernel; the spec says string, we keep the bytes',
    'kind IFLA_PRIORITY': 'not used by the kernel; the spec says string, we keep the bytes',
    'kind IFLA_WIRELESS': 'wireless-extension events (struct iw_event bytes); the spec says string',
    'kind IFLA_PROTINFO': 'a nest whose set depends on the message family (IFLA_BRPORT_*, IFLA_INET6_*): opaque here; the spec says string',
    'kind IFLA_PROTO_DOWN_REASON': 'a nest of IFLA_PROTO_DOWN_REASON_* (if_link.h); the spec says string',
    'set IFLA_PROTO_DOWN_REASON': 'the spec does not describe this nest',
    'kind IFLA_DEVLINK_PORT': 'a nest of DEVLINK_ATTR_* (the port handle); the spec says binary',
    'set IFLA_DEVLINK_PORT': 'the spec does not describe this nest',
    'ours IFLA_MAX_PACING_OFFLOAD_HORIZON': NEWER,
    'ours IFLA_NETNS_IMMUTABLE': NEWER,
    'ours IFLA_HEADROOM': NEWER,
    'ours IFLA_TAILROOM': NEWER,
    'enum RTEXT_FILTER_NAME_ONLY': NEWER,
    'enum IFF_POINTOPOINT': 'the spec spells it point-to-point',
    'set VETH_INFO': 'the spec has no veth sub-message',
    'set IFLA_MACVLAN': 'the spec has no macvlan sub-message',
    'set IFLA_MACVLAN_MACADDR_DATA': 'the spec has no macvlan sub-message',
    'set IFLA_VXLAN': 'the spec has no vxlan sub-message',
    'kind IFLA_BR_VLAN_PROTOCOL': 'big-endian: the bridge reads and writes it with nla_get_be16/nla_put_be16; the spec gives no byte-order',
    'kind IFLA_BR_FDB_FLUSH': 'presence only (iproute2 sends it empty); the spec says binary',
    'spec IFLA_BR_NF_CALL_IP6_TABLES': 'the UAPI name is IFLA_BR_NF_CALL_IP6TABLES (37); the spec spells nf-call-ip6-tables',
    'ours IFLA_BR_NF_CALL_IP6TABLES': 'the UAPI name; the spec spells nf-call-ip6-tables',
    'ours IFLA_BR_STP_MODE': NEWER,
    'kind IFLA_BR_MCAST_QUERIER_STATE': 'a nest of BRIDGE_QUERIER_* (if_bridge.h); the spec says binary',
    'set BRIDGE_QUERIER': 'the spec does not describe this nest',
    'ours IFLA_BRPORT_NEIGH_FORWARD_GRAT': NEWER,
    'set IFLA_VF_PORT': 'the spec lists no attributes in vf-ports-attrs',
    'set IFLA_PORT': 'the spec lists no attributes in port-self-attrs',
    'ours AF_BRIDGE': 'the spec has no bridge entry in af-spec-attrs (declared for completeness, see af-spec.ts)',
    'set IFLA_BRIDGE': 'reached only through AF_BRIDGE, which the spec lacks',
    'set IFLA_BRIDGE_VLAN_TUNNEL': 'reached only through AF_BRIDGE, which the spec lacks',
    'spec IFLA_INET6_ICMP6_STATS': 'the UAPI name is IFLA_INET6_ICMP6STATS (6); the spec spells icmp6-stats',
    'ours IFLA_INET6_ICMP6STATS': 'the UAPI name; the spec spells icmp6-stats',
    'ours IFLA_MCTP_PHYS_BINDING': NEWER,
    'struct ifla_vf_vlan_info.vlan_proto': '__be16 then 2 bytes of padding (sizeof 16); the spec says u32',
    'struct ifla_cacheinfo.reachable_time': 'every member is __u32 in if_link.h; the spec says s32',
    'struct ipstats_mib': 'the spec leaves out IPSTATS_MIB_NUM (the count the kernel writes first) and has the order of 6.12, which later kernels changed (snmp.h)',
    'struct icmp6_mib': 'the spec leaves out ICMP6_MIB_NUM, the count the kernel writes first',
    'struct ipv6_devconf': 'the kernel fills an array of __s32 indexed by DEVCONF_* (4 bytes each); the spec lists u32 members, a 1-byte addr-gen-mode, and ends at 6.12',
    // Link kinds this kernel cannot create (src/families/link/kinds/).
    'kind IFLA_GRE_IFLAGS': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GRE_OFLAGS': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GRE_IKEY': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GRE_OKEY': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GRE_FLOWINFO': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GRE_ENCAP_SPORT': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GRE_ENCAP_DPORT': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GENEVE_PORT': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GENEVE_LABEL': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_IPTUN_FLOWINFO': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_IPTUN_ENCAP_SPORT': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_IPTUN_ENCAP_DPORT': 'big-endian: the kernel reads and writes it with nla_get_be*/nla_put_be*, and ip sends it so (test/families/link-kinds.test.ts); the spec gives no byte-order',
    'kind IFLA_GRE_ENCAP_LIMIT': 'a u8 in the ip6gre policy of the kernel and in what ip sends; the spec says u32',
    'kind IFLA_BOND_SLAVE_PRIO': 'an s32 in the kernel (nla_get_s32) and in what ip sends (prio -7); the spec says u32',
    'kind IFLA_IPTUN_FLAGS': 'the ip6tnl set: a u32 there (ipip and sit use a u16, as the shared spec set says)',
    'spec IFLA_VLAN_FLAG': 'the UAPI name is IFLA_VLAN_FLAGS; the spec spells it flag',
    'ours IFLA_VLAN_FLAGS': 'the UAPI name; the spec spells it flag',
    'enum NETKIT_PASS': 'the UAPI name (if_link.h); the spec calls it forward',
    'enum NETKIT_DROP': 'the UAPI name (if_link.h); the spec calls it blackhole',
    'enum NETKIT_REDIRECT': 'in if_link.h, not in the netkit-policy enum of the spec',
    'enum NETKIT_NEXT': 'in if_link.h (-1 as unsigned), not in the netkit-policy enum of the spec',
    'kind IFLA_NETKIT_PEER_INFO': 'an ifinfomsg followed by IFLA_* attributes, as VETH_INFO_PEER; the spec says binary',
    'ours IFLA_BOND_BROADCAST_NEIGH': NEWER,
    'ours IFLA_BOND_LACP_STRICT': NEWER,
    'ours IFLA_BOND_SLAVE_ACTOR_PORT_PRIO': NEWER,
    'ours IFLA_BOND_SLAVE_AD_CHURN_ACTOR_STATE': NEWER,
    'ours IFLA_BOND_SLAVE_AD_CHURN_PARTNER_STATE': NEWER,
    'ours IFLA_GENEVE_PORT_RANGE': NEWER,
    'ours IFLA_GENEVE_GRO_HINT': NEWER,
    'ours IFLA_GENEVE_LOCAL': NEWER,
    'ours IFLA_GENEVE_LOCAL6': NEWER,
    'ours IFLA_NETKIT_SCRUB': NEWER,
    'ours IFLA_NETKIT_PEER_SCRUB': NEWER,
    'ours IFLA_NETKIT_HEADROOM': NEWER,
    'ours IFLA_NETKIT_TAILROOM': NEWER,
    'ours IFLA_NETKIT_PAIRING': NEWER,
    'set IFLA_IPVLAN': 'the 6.12 spec has no ipvlan sub-message',
    'set IFLA_VRF_PORT': 'the 6.12 spec has no vrf port sub-message',
    'set IFLA_VTI': 'the 6.12 spec has no vti sub-message',
    'set IFLA_XFRM': 'the 6.12 spec has no xfrm sub-message',
    'set IFLA_MACSEC': 'the 6.12 spec has no macsec sub-message',
    'set IFLA_HSR': 'the 6.12 spec has no hsr sub-message',
    'set IFLA_BAREUDP': 'the 6.12 spec has no bareudp sub-message',
    'set IFLA_GTP': 'the 6.12 spec has no gtp sub-message',
    'set IFLA_AMT': 'the 6.12 spec has no amt sub-message',
    'set IFLA_IPOIB': 'the 6.12 spec has no ipoib sub-message',
    'set IFLA_RMNET': 'the 6.12 spec has no rmnet sub-message',
    'set IFLA_DSA': 'the 6.12 spec has no dsa sub-message',
    'set IFLA_PPP': 'the 6.12 spec has no ppp sub-message',
    'set IFLA_OVPN': 'the 6.12 spec has no ovpn sub-message',
    'set IFLA_WWAN': 'the 6.12 spec has no wwan sub-message',
  },
  address: {
    'kind IFA_TARGET_NETNSID': 'NLA_S32 in the kernel policy; the spec says binary',
  },
  route: {
    'kind RTA_SPORT': 'big-endian: the kernel reads it with nla_get_be16; the spec gives no byte-order',
    'kind RTA_DPORT': 'big-endian: the kernel reads it with nla_get_be16; the spec gives no byte-order',
    'ours RTA_FLOWLABEL': NEWER,
    'struct rta_cacheinfo.rta_expires': '__s32 in rtnetlink.h; the spec says u32',
    'struct rta_cacheinfo.rta_id': 'rtnetlink.h has eight members (32 bytes); the spec lists the first five',
    'struct rta_cacheinfo.rta_ts': 'rtnetlink.h has eight members (32 bytes); the spec lists the first five',
    'struct rta_cacheinfo.rta_tsage': 'rtnetlink.h has eight members (32 bytes); the spec lists the first five',
    'struct rta_cacheinfo.size': 'rtnetlink.h has eight members (32 bytes); the spec lists the first five',
  },
  neigh: {
    'kind NDA_PORT': 'big-endian: vxlan reads it with nla_get_be16; the spec gives no byte-order',
    'kind NDA_FDB_EXT_ATTRS': 'a nest of NFEA_* (neighbour.h); the spec says binary',
    'set NFEA': 'the spec does not describe this nest',
  },
  rule: {
    'kind FRA_DST': 'an IPv4 or IPv6 address (4 or 16 bytes, by the rule family); the spec says u32',
    'kind FRA_SRC': 'an IPv4 or IPv6 address (4 or 16 bytes, by the rule family); the spec says u32',
    'kind FRA_TUN_ID': 'big-endian: the kernel reads it with nla_get_be64; the spec gives no byte-order',
    'kind FRA_SUPPRESS_IFGROUP': 'the kernel keeps an int, -1 meaning unset (iproute2 prints it signed): the same 4 bytes',
    'kind FRA_SUPPRESS_PREFIXLEN': 'the kernel keeps an int, -1 meaning unset (iproute2 prints it signed): the same 4 bytes',
  },
  nsid: {
    'struct rtgenmsg.size': 'C\'s rtgenmsg is 1 byte; messages carry it padded to 4 (NLMSG_ALIGN), as the newer rt-rule spec declares it',
  },
  stats: {
    'kind IFLA_STATS_LINK_XSTATS': 'a nest of LINK_XSTATS_TYPE_* (if_link.h), which the kernel fills per master kind; the spec says binary (in IFLA_STATS_GET_FILTERS: a u32 filter mask)',
    'kind IFLA_STATS_LINK_XSTATS_SLAVE': 'the same nest for the link\'s master; the spec says binary (in IFLA_STATS_GET_FILTERS: a u32 filter mask)',
    'set LINK_XSTATS_TYPE': 'the spec does not describe this nest',
    'set BRIDGE_XSTATS': 'the spec does not describe this nest',
    'kind IFLA_OFFLOAD_XSTATS_HW_S_INFO': 'the kernel nests IFLA_OFFLOAD_XSTATS_L3_STATS (3) in it, as captured (fixtures/stats/show-offload); the spec models it as an indexed array',
    'spec IFLA_OFFLOAD_XSTATS_CPU_HIT': 'matched against the HW_S_INFO nest by the spec\'s shared set name; the kernel puts only L3_STATS there',
    'spec IFLA_OFFLOAD_XSTATS_HW_S_INFO': 'the same: not an attribute of the HW_S_INFO nest',
    'kind IFLA_OFFLOAD_XSTATS_L3_STATS': 'a nest of IFLA_OFFLOAD_XSTATS_HW_S_INFO_* (request, used) inside HW_S_INFO, as captured; the spec says binary',
    'set BOND_XSTATS': 'the spec does not describe the bond extended statistics (if_bonding.h)',
    'set BOND_3AD_STAT': 'the spec does not describe the bond 802.3ad counters (if_bonding.h)',
    'set IFLA_STATS_AF_SPEC': 'the spec says binary for IFLA_STATS_AF_SPEC; the kernel nests one set per address family (AF_MPLS)',
    'set MPLS_STATS': 'the spec does not describe MPLS_STATS_* (mpls.h)',
    'set IFLA_STATS_GETSET': 'IFLA_STATS_GET_FILTERS and the other request attributes (if_link.h), which the spec does not describe',
    'set RTM_GETSTATS': 'a request carries IFLA_STATS_GETSET_*, not the reply\'s IFLA_STATS_* (if_link.h); the spec gives the reply\'s set',
    'kind IFLA_STATS_LINK_64': 'in IFLA_STATS_GET_FILTERS each IFLA_STATS_* number carries a u32 filter mask, not the statistics',
    'kind IFLA_STATS_LINK_OFFLOAD_XSTATS': 'the same u32 filter masks',
    'kind IFLA_STATS_AF_SPEC': 'the same u32 filter masks',
  },
  tc: {
    'kind TCA_RATE': 'the same 2-byte layout: the UAPI names it struct tc_estimator (pkt_sched.h), the spec gnet-estimator',
    'set TCA_COMPAT': 'the compat form of TCA_OPTIONS for pfifo_fast/prio (a struct then attributes), which the spec does not describe',
    'set TCA_ROOT': 'the action dump attributes TCA_ROOT_* (rtnetlink.h), which the spec does not describe',
    'kind TCA_POLICE_RESULT': 'an int in the kernel (struct tcf_police_params, nla_put_u32 of a signed value): the same 4 bytes',
    'struct tc_ratespec.overhead': 'the 6.12 spec gives overhead as u8; pkt_sched.h and the captured bytes (fixtures/tc) have unsigned short',
    'struct tc_ratespec.cell_align': 'pkt_sched.h has short cell_align at offset 4; the 6.12 spec has a u8 at 3',
    'struct tc_ratespec.mpu': 'pkt_sched.h has unsigned short mpu at offset 6; the 6.12 spec lacks it (its struct is the wrong size)',
    'struct tc_prio_qopt.bands': 'int in pkt_sched.h; the spec says u32: the same 4 bytes',
  },
};

// ------------------------------------------------------------ the checks

/**
 * Everything a family declares, checked against the specs; `allow` filters
 * the known differences. Sets and structs in `done` (checked with an
 * earlier family that shares them) are skipped; those checked here are
 * added to it.
 */
function checkFamily(unit: Pick<FamilyUnit, 'messages'>, specs: readonly Spec[], allow: Readonly<Record<string, string>>, done = new Set<object>()): Report {
  const roots = unit.messages.flatMap((m) => [m.attrs, m.header]);
  const all = reachable(roots);
  const sets = all.sets.filter((x) => !done.has(x));
  const structs = all.structs.filter((x) => !done.has(x));
  for (const x of [...sets, ...structs]) done.add(x);
  const rtmOf = (op: SpecOp) => `RTM_${op.name.toUpperCase()}`;
  const home = specs.filter((s) => s.operations?.list.some((op) => unit.messages.some((m) => m.name === rtmOf(op))));
  const { raw, matched, matchOf } = compareDeclarations(sets, structs, specs, home, allow);

  // Message numbers, and the header and set each carries.
  for (const spec of specs) {
    for (const op of spec.operations?.list ?? []) {
      if (op.notify !== undefined || op['request-value'] === null) continue;
      const rtm = rtmOf(op);
      const m = unit.messages.find((x) => x.name === rtm);
      if (!m) continue;
      const where = `${spec.name} ${op.name} ~ ${rtm}`;
      matched.push(`${rtm} ~ ${spec.name} ${op.name}`);
      if (m.type !== op['request-value']) raw.push({ id: `number ${rtm}`, line: `${where}: ours ${m.type}, spec ${op['request-value']}` });
      const header = op['fixed-header'] ?? spec.operations?.['fixed-header'];
      if (header && cStruct(header) !== m.header.cName) raw.push({ id: `header ${rtm}`, line: `${where}: header ours ${m.header.cName}, spec ${header}` });
      const c = matchOf(m.attrs);
      if (op['attribute-set'] && (c?.spec !== spec || c.set.name !== op['attribute-set'])) {
        raw.push({ id: `set ${rtm}`, line: `${where}: attributes ours ${m.attrs.name} (~ ${c ? c.set.name : 'no spec set'}), spec ${op['attribute-set']}` });
      }
      for (const reply of [op.do?.reply?.value, op.dump?.reply?.value]) {
        const r = reply === undefined ? undefined : Object.entries(RTM).find(([, v]) => v === reply)?.[0];
        if (reply !== undefined && !unit.messages.some((x) => x.type === reply)) raw.push({ id: `reply ${rtm}`, line: `${where}: reply ${r ?? reply} is not declared by us` });
      }
    }
  }

  return reportOf(raw, matched, allow);
}

// ------------------------------------------------------------------ tests

/** Every allowance, whichever family's table holds it (a family may reach another's sets). */
const ALLOWED: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(ALLOW));
const checked = new Set<object>();
const reports = new Map(UNITS.map((u) => [u.name, checkFamily(u, SPECS, ALLOWED, checked)]));

// YNL_REPORT=FILE writes what was compared and every mismatch, allowed or not.
if (process.env.YNL_REPORT) writeReport(process.env.YNL_REPORT, reports);

describe(`rtnetlink declarations against the kernel's YNL specs (${sourcesOf(SPECS)})`, () => {
  it('reads the rtnetlink specs', () => {
    expect(SPECS.map((s) => s.name)).toEqual(expect.arrayContaining(['rt-addr', 'rt-link', 'rt-neigh', 'rt-route', 'rt-rule']));
  });

  it('numbers the specs as the UAPI headers do (fixtures/uapi: a check of scripts/ynl-facts.mjs)', () => {
    const uapi = JSON.parse(readFileSync(new URL('../../fixtures/uapi/constants.json', import.meta.url), 'utf8')) as { constants: Record<string, number> };
    const wrong: string[] = [];
    let same = 0;
    for (const spec of SPECS) {
      for (const set of spec['attribute-sets']) {
        const prefix = specPrefix(spec, set);
        if (prefix === undefined) continue;
        for (const [name, a] of candidate(spec, set, prefix, false).byName) {
          const v = uapi.constants[name];
          if (v === undefined) continue;
          if (v === a.value) same++;
          else wrong.push(`${spec.name} ${set.name}: ${name} ${a.value}, UAPI ${v}`);
        }
      }
      for (const op of spec.operations?.list ?? []) {
        const v = RTM[`RTM_${op.name.toUpperCase()}` as keyof typeof RTM];
        if (v !== undefined && op['request-value'] !== null && op.notify === undefined) {
          if (v === op['request-value']) same++;
          else wrong.push(`${spec.name} ${op.name}: ${op['request-value']}, RTM ${v}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(same).toBeGreaterThan(400);
  });

  for (const unit of UNITS) {
    const r = reports.get(unit.name)!;
    const label = `${unit.name}: ${r.matched.length} declarations compared`;
    if (r.matched.length === 0) it.skip(`${unit.name}: no spec in fixtures/ynl declares what it declares`, () => {});
    else
      it(label, () => {
        // Each line ends with the key that would allow it in ALLOW.
        expect(r.mismatches.map((m) => `${m.line}  [${m.id}]`)).toEqual([]);
      });
  }

  it('reports a deliberately altered declaration (self-check)', () => {
    // The rule family's declarations with four changes to its attributes and one to its header.
    const attrs = alteredSet(ruleAttrs, { drop: 'FRA_FLOW', rekind: ['FRA_PRIORITY', u16], renumber: ['FRA_GOTO', 40], add: [41, 'FRA_BOGUS', u32] });
    const header = struct('fib_rule_hdr', '', [...fibRuleHdr.fields.slice(0, -1).map((f) => [f.name, f.kind] as const), ['flags', u16]]);
    const messages = UNITS.find((u) => u.name === 'rule')!.messages.map((m) => ({ ...m, attrs, header }));
    const r = checkFamily({ messages }, SPECS, ALLOWED);
    expect(r.mismatches.map((m) => m.line).sort()).toEqual(
      [
        'rt-rule fib-rule-attrs ~ FRA: FRA_FLOW (11, u32) is not declared by us',
        'rt-rule fib-rule-attrs ~ FRA: FRA_GOTO: ours 40, spec 4',
        'rt-rule fib-rule-attrs ~ FRA: FRA_PRIORITY (6): ours u16, spec u32',
        'rt-rule fib-rule-attrs ~ FRA: ours FRA_BOGUS (41, u32) is not in the spec',
        'rt-rule struct fib-rule-hdr ~ fib_rule_hdr: flags (offset 8): ours 2 bytes, spec 4',
        'rt-rule struct fib-rule-hdr ~ fib_rule_hdr: ours 10 bytes, spec 12',
      ].sort(),
    );
    // The real declarations pass.
    expect(checkFamily(UNITS.find((u) => u.name === 'rule')!, SPECS, ALLOWED).mismatches).toEqual([]);
  });

  it('every allowance is still needed', () => {
    expect(staleAllowances(ALLOW, reports.values())).toEqual([]);
  });
});
