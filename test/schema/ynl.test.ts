/**
 * Our declarations against the kernel's YNL specs (facts in fixtures/ynl,
 * made by scripts/ynl-facts.mjs): for every rtnetlink family in the
 * registry, both ways.
 *
 * - Sets are matched by the kernel's C names: a spec attribute's name is
 *   its set's `name-prefix` plus its own name, upper-cased, `-` -> `_`
 *   (`ifla-` + `mtu` = IFLA_MTU). Where a spec set gives no prefix, the
 *   prefix comes from SPEC_PREFIX below, or from the names themselves
 *   (rt-addr's `ifa-address`), or, in the specs that declare the family's
 *   messages (tc's sets for tc), from the prefix of our set. Each of our
 *   sets is compared with the spec set sharing the most names with it.
 * - Each attribute of that spec set must be declared by us with the same
 *   number and a compatible kind (integer width, signedness and byte
 *   order; string; binary, or the struct the spec names; nest of the set
 *   the spec names; sub-message by a sibling, each format's set), and each
 *   attribute we declare must be in the spec set, or the difference be in
 *   ALLOW with a one-line reason. UNSPEC (0) needs no declaration.
 * - The same for the fixed header and every other struct we declare under
 *   a spec struct's name (members by offset, size and kind), for the enums
 *   and flags a spec attribute or member names (by value; a flag table's 0
 *   is no bit), and for message numbers and which header, set and replies
 *   each message has.
 * - A family no spec declares messages of is compared only where a set or
 *   struct of it matches one (nothing, for most: the test is skipped). A
 *   set or struct several families reach is checked with the first.
 *
 * One failure line per mismatch, ending with its ALLOW key, e.g.
 * `rt-rule fib-rule-attrs ~ FRA: FRA_DST (1): ours ip, spec u32  [kind FRA_DST]`.
 * `YNL_REPORT=FILE npx vitest run test/schema/ynl.test.ts` writes every
 * comparison and difference, allowed or not, to FILE.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNITS } from '../../src/families/registry.js';
import type { FamilyUnit } from '../../src/families/unit.js';
import { RTM } from '../../src/rtnl/constants.js';
import { attrSet, type AttrSet } from '../../src/schema/attr-set.js';
import type { Kind } from '../../src/schema/kind.js';
import { u16, u32 } from '../../src/schema/scalars.js';
import { struct, type StructKind } from '../../src/schema/struct.js';
import { reachable } from '../../src/schema/walk.js';
import { ruleAttrs } from '../../src/families/rule/attrs.js';
import { fibRuleHdr } from '../../src/families/rule/header.js';

// ---------------------------------------------------------------- the facts

interface SpecAttr {
  name: string;
  value: number;
  type: string;
  'byte-order'?: string;
  'nested-attributes'?: string;
  struct?: string;
  'sub-message'?: string;
  selector?: string;
  enum?: string;
  'enum-as-flags'?: boolean;
  'display-hint'?: string;
}
interface SpecSet {
  name: string;
  'name-prefix'?: string;
  'subset-of'?: string;
  attributes: SpecAttr[];
}
interface SpecMember {
  name: string;
  type: string;
  len?: number;
  struct?: string;
  'byte-order'?: string;
  enum?: string;
  'enum-as-flags'?: boolean;
}
interface SpecMode {
  request?: { value?: number; attributes?: string[] };
  reply?: { value?: number; attributes?: string[] };
}
interface SpecOp {
  name: string;
  'request-value': number | null;
  'reply-value': number | null;
  'attribute-set'?: string;
  'fixed-header'?: string;
  notify?: string;
  do?: SpecMode;
  dump?: SpecMode;
}
interface Spec {
  source: string;
  name: string;
  protocol: string;
  structs: { name: string; members: SpecMember[] }[];
  enums: { name: string; type: 'enum' | 'flags'; entries: { name: string; value: number }[] }[];
  'attribute-sets': SpecSet[];
  'sub-messages': { name: string; formats: { value: string; 'attribute-set'?: string; 'fixed-header'?: string }[] }[];
  operations?: { 'fixed-header'?: string; list: SpecOp[] };
}

const YNL_DIR = new URL('../../fixtures/ynl/', import.meta.url);
/** The rtnetlink specs (netlink-raw protocol, NETLINK_ROUTE). */
const SPECS: Spec[] = readdirSync(YNL_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, YNL_DIR), 'utf8')) as Spec)
  .filter((s) => s.protocol === 'netlink-raw');

// ------------------------------------------------------------ allowances

const NEWER = 'newer than the spec (Linux 6.12)';

/**
 * Prefixes of spec sets that give no `name-prefix`, where their names do
 * not carry it either (the kernel's enum for each, from the UAPI headers).
 */
const SPEC_PREFIX: Readonly<Record<string, string>> = {
  'rt-link/af-spec-attrs': 'AF_',
  'rt-link/vfinfo-list-attrs': 'IFLA_VF_',
  'rt-link/vfinfo-attrs': 'IFLA_VF_',
  'rt-link/vf-stats-attrs': 'IFLA_VF_STATS_',
  'rt-link/vf-vlan-attrs': 'IFLA_VF_VLAN_',
  'rt-link/vf-ports-attrs': 'IFLA_VF_',
  'rt-link/port-self-attrs': 'IFLA_PORT_',
  'rt-link/linkinfo-attrs': 'IFLA_INFO_',
  // The spec's `name-prefix: ifla-vlan-qos` lacks its trailing `-`.
  'rt-link/ifla-vlan-qos': 'IFLA_VLAN_QOS_',
  'rt-link/xdp-attrs': 'IFLA_XDP_',
  'rt-link/ifla-attrs': 'IFLA_INET_',
  'rt-link/ifla6-attrs': 'IFLA_INET6_',
  'rt-link/link-offload-xstats': 'IFLA_OFFLOAD_XSTATS_',
  'rt-link/hw-s-info-one': 'IFLA_OFFLOAD_XSTATS_HW_S_INFO_',
  'rt-link/link-dpll-pin-attrs': 'DPLL_A_PIN_',
  'rt-addr/addr-attrs': '',
  'rt-route/route-attrs': '',
  'rt-route/rta-metrics': '',
};

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

/**
 * Spec structs named otherwise than the kernel's (the spec names them after
 * the attribute): spec name -> our (the UAPI's) C name.
 */
const STRUCT_ALIAS: Readonly<Record<string, string>> = {
  'ifla-inet6-stats': 'ipstats_mib',
  'ifla-icmp6-stats': 'icmp6_mib',
};

// ------------------------------------------------------------ the checks

/** The kernel's C name of a spec name: `ifla-` + `mtu` -> `IFLA_MTU`. */
function cName(prefix: string, name: string): string {
  return (prefix + name).toUpperCase().replace(/-/g, '_');
}

/** `fib-rule-hdr` -> `fib_rule_hdr`, as our structs are named (or as STRUCT_ALIAS says). */
function cStruct(name: string): string {
  return STRUCT_ALIAS[name] ?? name.replace(/-/g, '_');
}

/** UNSPEC (0) is no attribute: neither side needs to declare it. */
const isUnspec = (name: string, value: number): boolean => value === 0 && /(^|[-_])unspec$/i.test(name);

interface Candidate {
  spec: Spec;
  set: SpecSet;
  /** C name -> attribute. */
  byName: Map<string, SpecAttr>;
  /** Whether the prefix came from our set (not from the spec or SPEC_PREFIX). */
  inferred: boolean;
}

/** A spec set's own prefix: `name-prefix`, its superset's, or SPEC_PREFIX's; undefined when none is known. */
function specPrefix(spec: Spec, set: SpecSet): string | undefined {
  if (set['name-prefix'] !== undefined && SPEC_PREFIX[`${spec.name}/${set.name}`] === undefined) return set['name-prefix'];
  if (SPEC_PREFIX[`${spec.name}/${set.name}`] !== undefined) return SPEC_PREFIX[`${spec.name}/${set.name}`];
  if (set['subset-of']) {
    const sup = spec['attribute-sets'].find((s) => s.name === set['subset-of']);
    if (sup) return specPrefix(spec, sup);
  }
  return undefined;
}

function candidate(spec: Spec, set: SpecSet, prefix: string, inferred: boolean): Candidate {
  const attrs = set.attributes.filter((a) => !isUnspec(a.name, a.value));
  return { spec, set, byName: new Map(attrs.map((a) => [cName(prefix, a.name), a])), inferred };
}

/**
 * How well spec set `set` fits `ours` (0: not at all): the C names they
 * share and the numbers they agree on, over all names of both. Prefixes
 * are guessed from ours only in `home`, the specs that declare the
 * family's messages, and such a guess must agree on most numbers of both
 * sets (else `id`, `pad`... would match anything).
 */
function fit(ours: AttrSet, spec: Spec, set: SpecSet, home: readonly Spec[]): { c: Candidate; score: number } | undefined {
  const own = specPrefix(spec, set);
  const tries = [candidate(spec, set, own ?? '', false)];
  if (own === undefined && home.includes(spec)) tries.push(candidate(spec, set, ours.prefix, true));
  let best: { c: Candidate; score: number } | undefined;
  for (const c of tries) {
    let shared = 0;
    let sameNumber = 0;
    for (const d of ours.defs) {
      const a = c.byName.get(d.name);
      if (a === undefined) continue;
      shared++;
      if (a.value === d.type) sameNumber++;
    }
    if (shared === 0) continue;
    if (c.inferred && sameNumber * 2 < Math.max(ours.defs.length, c.byName.size)) continue;
    const union = ours.defs.length + c.byName.size - shared;
    // Prefixes given by the spec win ties over guessed ones.
    const score = (shared + sameNumber) / (2 * union) + (c.inferred ? 0 : 1e-9);
    if (!best || score > best.score) best = { c, score };
  }
  return best;
}

/** The spec set that fits `ours` best, if any shares a name with it. */
function bestMatch(ours: AttrSet, specs: readonly Spec[], home: readonly Spec[]): { c: Candidate; score: number } | undefined {
  let best: { c: Candidate; score: number } | undefined;
  for (const spec of specs) {
    for (const set of spec['attribute-sets']) {
      const f = fit(ours, spec, set, home);
      if (f && (!best || f.score > best.score)) best = f;
    }
  }
  return best;
}

/** What the checks compare a kind by. */
type Shape =
  | { c: 'int'; bits: number; signed: boolean; be: boolean }
  | { c: 'uint' | 'sint' }
  | { c: 'flag' }
  | { c: 'string' }
  | { c: 'bytes'; label: string; struct?: string; custom?: boolean }
  | { c: 'nest'; set: AttrSet }
  | { c: 'dependent'; choices: Readonly<Record<string, Kind>>; nests?: AttrSet[] }
  | { c: 'other'; label: string };

function shapeOf(k: Kind): Shape {
  const s = k.spec;
  switch (s.t) {
    case 'uint':
    case 'sint':
      // NLA_UINT / NLA_SINT: 4 or 8 bytes, no fixed size.
      if (k.fixedSize === undefined) return { c: s.t };
      return { c: 'int', bits: s.bits, signed: s.t === 'sint', be: s.be };
    case 'enum':
    case 'flags':
      return shapeOf(s.base);
    case 'flag':
      return { c: 'flag' };
    case 'string':
      return { c: 'string' };
    case 'struct':
      return { c: 'bytes', label: k.label, struct: (k as StructKind).cName };
    case 'binary':
    case 'lladdr':
    case 'ip':
    case 'array':
      return { c: 'bytes', label: k.label };
    case 'nested':
      return { c: 'nest', set: s.set() };
    case 'message':
      return { c: 'nest', set: s.set() };
    case 'dependent': {
      // A nest whose set a sibling chooses (TCA_STATS2 by TCA_KIND) is still a nest.
      const all = [...Object.values(s.choices()), s.fallback].map(shapeOf);
      const nests = all.every((x) => x.c === 'nest') ? [...new Set(all.map((x) => (x as { set: AttrSet }).set))] : undefined;
      return { c: 'dependent', choices: s.choices(), nests };
    }
    case 'custom':
      return { c: 'bytes', label: k.label, custom: true };
    default:
      return { c: 'other', label: k.label };
  }
}

function describeShape(sh: Shape): string {
  switch (sh.c) {
    case 'int':
      return `${sh.signed ? 's' : 'u'}${sh.bits}${sh.be ? ' big-endian' : ''}`;
    case 'uint':
    case 'sint':
    case 'flag':
    case 'string':
      return sh.c;
    case 'bytes':
      return sh.struct ? `struct ${sh.struct}` : sh.label;
    case 'nest':
      return `nest ${sh.set.name}`;
    case 'dependent':
      return 'sub-message';
    default:
      return sh.label;
  }
}

function describeSpec(a: { type: string; 'byte-order'?: string; struct?: string; 'nested-attributes'?: string; 'sub-message'?: string }): string {
  let s = a.type;
  if (a['byte-order'] === 'big-endian') s += ' big-endian';
  if (a.struct) s += ` struct ${a.struct}`;
  if (a['nested-attributes']) s += ` ${a['nested-attributes']}`;
  if (a['sub-message']) s += ` ${a['sub-message']}`;
  return s;
}

const INT = /^([us])(8|16|32|64)$/;

/** Why `ours` does not fit the spec's type, or undefined when it does (nesting is checked apart). */
function kindMismatch(spec: { type: string; 'byte-order'?: string; struct?: string; len?: number }, k: Kind): string | undefined {
  const sh = shapeOf(k);
  const bad = (): string => `ours ${describeShape(sh)}, spec ${describeSpec(spec)}`;
  const int = INT.exec(spec.type);
  if (int) {
    const be = spec['byte-order'] === 'big-endian';
    if (sh.c !== 'int' || sh.bits !== Number(int[2]) || sh.signed !== (int[1] === 's') || sh.be !== be) return bad();
    return undefined;
  }
  switch (spec.type) {
    case 'uint':
    case 'sint':
      return sh.c === spec.type ? undefined : bad();
    case 'flag':
      return sh.c === 'flag' ? undefined : bad();
    case 'string':
      return sh.c === 'string' ? undefined : bad();
    case 'pad':
    case 'unused':
      return sh.c === 'bytes' && !sh.struct ? undefined : bad();
    case 'binary':
      if (sh.c !== 'bytes') return bad();
      if (spec.struct && cStruct(spec.struct) !== (sh.struct ?? cStruct(sh.label))) return bad();
      return undefined;
    case 'bitfield32':
      return sh.c === 'bytes' ? undefined : bad();
    case 'nest':
      return sh.c === 'nest' || (sh.c === 'dependent' && sh.nests) ? undefined : bad();
    case 'indexed-array':
    case 'nest-type-value':
      // Nests of nests by index or type: a nested set or a kind of our own.
      return sh.c === 'nest' || (sh.c === 'bytes' && sh.custom) ? undefined : bad();
    case 'sub-message':
      return sh.c === 'dependent' ? undefined : bad();
    default:
      return `spec type ${spec.type} is unknown to this test`;
  }
}

/** A mismatch: its id (the key ALLOW takes) and the line that reports it. */
interface Mismatch {
  id: string;
  line: string;
}

interface Report {
  mismatches: Mismatch[];
  /** Those ALLOW lets pass. */
  allowed: Mismatch[];
  /** What was compared with what, for the summary. */
  matched: string[];
  /** Allowance ids that were used. */
  used: Set<string>;
}

/** The same set, or one with the same attributes (tc-police-attrs and tc-act-police-attrs). */
function sameSet(a: SpecSet, b: SpecSet): boolean {
  if (a.name === b.name) return true;
  const key = (s: SpecSet) => s.attributes.map((x) => `${x.value}:${x.name}:${x.type}`).join(' ');
  return key(a) === key(b);
}

function byName<T extends { name: string }>(list: readonly T[], name: string | undefined): T | undefined {
  return name === undefined ? undefined : list.find((x) => x.name === name);
}

/** Values of a spec enum as the attribute or member uses them (`enum-as-flags`: masks). */
function enumValues(spec: Spec, ref: { enum?: string; 'enum-as-flags'?: boolean }): Map<number, string> | undefined {
  const e = byName(spec.enums, ref.enum);
  if (!e) return undefined;
  const asFlags = ref['enum-as-flags'] && e.type === 'enum';
  return new Map(e.entries.map((x) => [asFlags ? 2 ** x.value : x.value, x.name]));
}

/** `IFF_POINTOPOINT` is `point-to-point` when letters alone are compared, from the end. */
function sameWord(ours: string, spec: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/[-_]/g, '');
  return norm(ours).endsWith(norm(spec));
}

/** Compares the names of our enum/flags kind `k` with the spec enum `ref` names. */
function compareEnum(spec: Spec, ref: { enum?: string; 'enum-as-flags'?: boolean }, k: Kind, where: string, out: Mismatch[]): void {
  const s = k.spec;
  if (s.t !== 'enum' && s.t !== 'flags') return;
  const theirs = enumValues(spec, ref);
  if (!theirs) return;
  const ours = new Map(Object.entries(s.names).map(([v, n]) => [Number(v), n]));
  for (const [v, n] of theirs) {
    const mine = ours.get(v);
    if (mine === undefined) out.push({ id: `enum ${ref.enum}.${n}`, line: `${where}: enum ${ref.enum}: ${n} (${v}) is not in ours` });
    else if (!sameWord(mine, n)) out.push({ id: `enum ${mine}`, line: `${where}: enum ${ref.enum}: ours ${mine} (${v}), spec ${n}` });
  }
  // A flag table's 0 (NUD_NONE) names no bit.
  const flags = byName(spec.enums, ref.enum)?.type === 'flags' || ref['enum-as-flags'];
  for (const [v, n] of ours) if (!theirs.has(v) && !(flags && v === 0)) out.push({ id: `enum ${n}`, line: `${where}: enum ${ref.enum}: ours ${n} (${v}) is not in the spec` });
}

interface Layout {
  offsets: number[];
  sizes: number[];
  size: number;
  align: number;
}

/**
 * Where a spec struct's members lie in the C struct it describes: each at
 * its natural alignment, the whole rounded up to the largest (the spec
 * lists no implicit padding, a C compiler adds it: `struct ifla_vf_guid`
 * is 16 bytes, its u64 at offset 8).
 */
function layoutOf(spec: Spec, name: string): Layout {
  const def = byName(spec.structs, name);
  const out: Layout = { offsets: [], sizes: [], size: 0, align: 1 };
  if (!def) return out;
  let off = 0;
  for (const m of def.members) {
    const int = INT.exec(m.type);
    let size = m.len ?? 0;
    let align = 1;
    if (int) size = align = Number(int[2]) / 8;
    else if (m.struct) ({ size, align } = layoutOf(spec, m.struct));
    off = Math.ceil(off / align) * align;
    out.offsets.push(off);
    out.sizes.push(size);
    off += size;
    out.align = Math.max(out.align, align);
  }
  out.size = Math.ceil(off / out.align) * out.align;
  return out;
}

/** A struct we declare against the spec struct of the same name: members by offset. */
function compareStruct(spec: Spec, ours: StructKind, allow: Readonly<Record<string, string>>, out: Mismatch[]): boolean {
  const def = spec.structs.find((s) => cStruct(s.name) === ours.cName);
  if (!def) return false;
  const where = `${spec.name} struct ${def.name} ~ ${ours.cName}`;
  if (allow[`struct ${ours.cName}`] !== undefined) {
    out.push({ id: `struct ${ours.cName}`, line: `${where}: not compared` });
    return true;
  }
  const layout = layoutOf(spec, def.name);
  const covered = new Set<number>();
  def.members.forEach((m, i) => {
    const size = layout.sizes[i]!;
    const at = layout.offsets[i]!;
    const f = ours.fields.find((x) => x.offset === at);
    const member = m.name.replace(/-/g, '_');
    if (m.type === 'pad') {
      // Padding: ours may name it (res1, pad2) or leave it out.
      for (const x of ours.fields) if (x.offset >= at && x.offset + x.size <= at + size) covered.add(x.offset);
      return;
    }
    if (!f) {
      out.push({ id: `struct ${ours.cName}.${member}`, line: `${where}: ${m.name} (offset ${at}, ${m.type}) is not in ours` });
      return;
    }
    covered.add(f.offset);
    const why = f.size !== size ? `ours ${f.size} bytes, spec ${size}` : kindMismatch(m, f.kind);
    if (why) out.push({ id: `struct ${ours.cName}.${f.name}`, line: `${where}: ${f.name} (offset ${at}): ${why}` });
    else if (!sameWord(f.name, member)) out.push({ id: `struct ${ours.cName}.${f.name}`, line: `${where}: offset ${at}: ours ${f.name}, spec ${m.name}` });
    compareEnum(spec, m, f.kind, `${where}: ${f.name}`, out);
  });
  for (const f of ours.fields) {
    if (!covered.has(f.offset)) out.push({ id: `struct ${ours.cName}.${f.name}`, line: `${where}: ours ${f.name} (offset ${f.offset}) is not in the spec` });
  }
  if (ours.structSize !== layout.size && !ours.open) out.push({ id: `struct ${ours.cName}.size`, line: `${where}: ours ${ours.structSize} bytes, spec ${layout.size}` });
  return true;
}

/**
 * Everything a family declares, checked against the specs; `allow` filters
 * the known differences. Sets and structs in `done` (checked with an
 * earlier family that shares them) are skipped; those checked here are
 * added to it.
 */
function checkFamily(unit: Pick<FamilyUnit, 'messages'>, specs: readonly Spec[], allow: Readonly<Record<string, string>>, done = new Set<object>()): Report {
  const raw: Mismatch[] = [];
  const matched: string[] = [];
  const roots = unit.messages.flatMap((m) => [m.attrs, m.header]);
  const all = reachable(roots);
  const sets = all.sets.filter((x) => !done.has(x));
  const structs = all.structs.filter((x) => !done.has(x));
  for (const x of [...sets, ...structs]) done.add(x);
  const rtmOf = (op: SpecOp) => `RTM_${op.name.toUpperCase()}`;
  const home = specs.filter((s) => s.operations?.list.some((op) => unit.messages.some((m) => m.name === rtmOf(op))));
  const match = new Map<AttrSet, { c: Candidate; score: number } | undefined>();
  const scored = (s: AttrSet) => {
    if (!match.has(s)) match.set(s, bestMatch(s, specs, home));
    return match.get(s);
  };
  const matchOf = (s: AttrSet): Candidate | undefined => scored(s)?.c;
  /** Whether our `set` fits spec set `target` as well as any (the spec may hold equal sets). */
  const fits = (set: AttrSet, spec: Spec, target: SpecSet): boolean => {
    const best = scored(set);
    const f = fit(set, spec, target, home);
    return !!best && !!f && (f.score >= best.score - 1e-6 || sameSet(best.c.set, target));
  };

  for (const ours of sets) {
    // `set NAME` allowed: not compared at all (the spec describes it otherwise).
    if (allow[`set ${ours.name}`] !== undefined) {
      raw.push({ id: `set ${ours.name}`, line: `${ours.name}: not compared` });
      continue;
    }
    const c = matchOf(ours);
    if (!c) {
      // Only a family some spec declares must be covered by the spec's sets.
      if (home.length > 0 && ours.defs.length > 0) raw.push({ id: `set ${ours.name}`, line: `${ours.name}: no spec set matches it` });
      continue;
    }
    const where = `${c.spec.name} ${c.set.name} ~ ${ours.name}`;
    matched.push(`${ours.name} ~ ${c.spec.name} ${c.set.name}${c.inferred ? ` (prefix ${ours.prefix})` : ''}`);
    for (const [name, a] of c.byName) {
      const d = ours.defs.find((x) => x.name === name);
      if (!d) {
        raw.push({ id: `spec ${name}`, line: `${where}: ${name} (${a.value}, ${describeSpec(a)}) is not declared by us` });
        continue;
      }
      if (d.type !== a.value) raw.push({ id: `number ${name}`, line: `${where}: ${name}: ours ${d.type}, spec ${a.value}` });
      const why = kindMismatch(a, d.kind);
      if (why) {
        raw.push({ id: `kind ${name}`, line: `${where}: ${name} (${a.value}): ${why}` });
        continue;
      }
      const sh = shapeOf(d.kind);
      const nests = sh.c === 'nest' ? [sh.set] : sh.c === 'dependent' && a.type === 'nest' ? (sh.nests ?? []) : [];
      const target = byName(c.spec['attribute-sets'], a['nested-attributes']);
      // A spec set with no attributes (vf-ports-attrs in 6.12) says nothing to compare.
      for (const set of target && target.attributes.length > 0 ? nests : []) {
        if (fits(set, c.spec, target!)) continue;
        const inner = matchOf(set);
        raw.push({ id: `kind ${name}`, line: `${where}: ${name}: ours nests ${set.name} (~ ${inner ? `${inner.spec.name} ${inner.set.name}` : 'no spec set'}), spec nests ${target!.name}` });
      }
      if (sh.c === 'dependent' && a['sub-message']) {
        const sub = byName(c.spec['sub-messages'], a['sub-message']);
        for (const f of sub?.formats ?? []) {
          const k = sh.choices[f.value];
          if (!k || !f['attribute-set']) continue;
          const ksh = shapeOf(k);
          const inner = ksh.c === 'nest' ? matchOf(ksh.set) : undefined;
          const fset = byName(c.spec['attribute-sets'], f['attribute-set']);
          if (ksh.c !== 'nest' || !fset || !fits(ksh.set, c.spec, fset)) {
            raw.push({ id: `kind ${name}.${f.value}`, line: `${where}: ${name} for "${f.value}": ours ${describeShape(ksh)}${inner ? ` (~ ${inner.set.name})` : ''}, spec ${f['attribute-set']}` });
          }
        }
      }
      compareEnum(c.spec, a, d.kind, `${where}: ${name}`, raw);
    }
    for (const d of ours.defs) {
      if (!c.byName.has(d.name) && !isUnspec(d.name, d.type)) raw.push({ id: `ours ${d.name}`, line: `${where}: ours ${d.name} (${d.type}, ${describeShape(shapeOf(d.kind))}) is not in the spec` });
    }
  }

  for (const s of structs) {
    for (const spec of [...home, ...specs.filter((x) => !home.includes(x))]) {
      if (compareStruct(spec, s, allow, raw)) {
        matched.push(`struct ${s.cName} ~ ${spec.name}`);
        break;
      }
    }
  }

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

  // Two sets of one name (gre and ip6gre share IFLA_GRE_*) may give the same line.
  const unique = [...new Map(raw.map((m) => [m.line, m])).values()];
  const mismatches = unique.filter((m) => allow[m.id] === undefined);
  const allowed = unique.filter((m) => allow[m.id] !== undefined);
  return { mismatches, allowed, matched, used: new Set(allowed.map((m) => m.id)) };
}

// ------------------------------------------------------------------ tests

/** Every allowance, whichever family's table holds it (a family may reach another's sets). */
const ALLOWED: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(ALLOW));
const checked = new Set<object>();
const reports = new Map(UNITS.map((u) => [u.name, checkFamily(u, SPECS, ALLOWED, checked)]));

// YNL_REPORT=FILE writes what was compared and every mismatch, allowed or not.
if (process.env.YNL_REPORT) {
  const lines = UNITS.flatMap((u) => {
    const r = reports.get(u.name)!;
    return [`## ${u.name}`, ...r.matched.map((m) => `= ${m}`), ...r.allowed.map((m) => `allowed [${m.id}] ${m.line}`), ...r.mismatches.map((m) => `FAIL [${m.id}] ${m.line}`)];
  });
  writeFileSync(process.env.YNL_REPORT, lines.join('\n') + '\n');
}

describe(`declarations against the kernel's YNL specs (${[...new Set(SPECS.map((s) => s.source.replace(/, Documentation.*/, '')))].join('; ')})`, () => {
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
    const decls = ruleAttrs.defs
      .filter((d) => d.name !== 'FRA_FLOW')
      .map((d) => {
        if (d.name === 'FRA_PRIORITY') return [d.type, d.name, u16] as const;
        if (d.name === 'FRA_GOTO') return [40, d.name, d.kind] as const;
        return [d.type, d.name, d.kind] as const;
      });
    const attrs = attrSet('FRA', 'FRA_', [...decls, [41, 'FRA_BOGUS', u32]]);
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
    const used = new Set([...reports.values()].flatMap((r) => [...r.used]));
    const stale = Object.entries(ALLOW).flatMap(([family, table]) => Object.keys(table).filter((k) => !used.has(k)).map((k) => `${family}: ${k}`));
    expect(stale).toEqual([]);
  });
});
