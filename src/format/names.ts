/**
 * The names iproute2 (6.1) prints for numeric kernel values: link types,
 * operational states, scopes, route protocols, types and tables, address
 * families, interface and address flags, bridge port states, macvlan
 * modes, VXLAN DF, IPv6 address generation modes.
 *
 * Where iproute2 also reads a table from `/etc/iproute2` (`rt_protos`,
 * `rt_scopes`, `rt_tables`, `group`), the names here are its built-in ones
 * plus the entries the stock files add; local edits to those files are not
 * seen (these functions do no I/O). A value without a name prints as its
 * number, as iproute2 does.
 */
import { metricsAttrs } from '../families/route/attrs.js';
import { AF, ARPHRD, IF_LINK_MODE, IF_OPER, IFF, RT_SCOPE, RT_TABLE, RTM_F, RTN, RTPROT } from '../rtnl/constants.js';
import { IFA_F } from '../families/address/header.js';
import { ICMPV6_ROUTER_PREF } from '../families/route/attrs.js';
import { MACVLAN_MODE } from '../families/link/macvlan.js';
import { BR_STATE } from '../families/link/bridge-port.js';
import { BRIDGE_VLAN_PROTOCOL } from '../families/link/bridge.js';
import { VXLAN_DF } from '../families/link/vxlan.js';
import { IN6_ADDR_GEN_MODE } from '../families/link/af-spec.js';
import { IFLA_EVENT } from '../families/link/attrs.js';
import { kernelWords } from '../schema/enums.js';
import { wordsOf } from './words.js';

/** `ARPHRD_*` -> the word after `link/` (`ip link`'s `link_type`), as iproute2 6.1 spells it. */
export const LINK_TYPE_NAMES: Readonly<Record<number, string>> = wordsOf(ARPHRD, 'ARPHRD_', {
  spelled: {
    ARPHRD_APPLETLK: 'atalk',
    ARPHRD_CISCO: 'hdlc',
    ARPHRD_TUNNEL: 'ipip',
    ARPHRD_LOCALTLK: 'ltalk',
    ARPHRD_IPDDP: 'ip/ddp',
    ARPHRD_IPGRE: 'gre',
    ARPHRD_FCFABRIC: 'fcfb0',
    ARPHRD_IEEE802_TR: 'tr',
    ARPHRD_IEEE80211: 'ieee802.11',
    ARPHRD_IEEE80211_PRISM: 'ieee802.11/prism',
    ARPHRD_IEEE80211_RADIOTAP: 'ieee802.11/radiotap',
    ARPHRD_IEEE802154: 'ieee802.15.4',
    ARPHRD_IEEE802154_MONITOR: 'ieee802.15.4/monitor',
    ARPHRD_IP6GRE: 'gre6',
    // Newer than iproute2 6.1's table: printed as [N].
    ARPHRD_EUI64: null,
    ARPHRD_MCTP: null,
    ARPHRD_RAWIP: null,
    ARPHRD_VSOCKMON: null,
  },
  extra: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [ARPHRD.ARPHRD_FCFABRIC + 1 + i, `fcfb${i + 1}`])),
});

/** The link type name of an `ifi_type` (`ARPHRD_*`): `ether`, `loopback`, ... or `[N]`. */
export function linkTypeName(type: number): string {
  return LINK_TYPE_NAMES[type] ?? `[${type}]`;
}

/** `IF_OPER_*` words (`UNKNOWN`, `UP`...) by value. */
export const OPER_STATES: Readonly<Record<number, string>> = wordsOf(IF_OPER, 'IF_OPER_', { upper: true });

/** `IF_LINK_MODE_*` words iproute2 knows, by value (others print as numbers). */
export const LINK_MODES: Readonly<Record<number, string>> = wordsOf(IF_LINK_MODE, 'IF_LINK_MODE_', { upper: true, spelled: { IF_LINK_MODE_TESTING: null } });

/** Route and address scopes (`rt_scope_t`): RT_SCOPE_UNIVERSE is `global`. */
export const SCOPE_NAMES: Readonly<Record<number, string>> = wordsOf(RT_SCOPE, 'RT_SCOPE_', { spelled: { RT_SCOPE_UNIVERSE: 'global' } });

/**
 * A scope word as iproute2 reads it (`global`, `link`, `host`, `site`,
 * `nowhere`, the declared `universe`, or a number below 256), or
 * undefined.
 */
export function scopeValue(word: string): number | undefined {
  for (const words of [SCOPE_NAMES, kernelWords(RT_SCOPE, 'RT_SCOPE_')]) {
    for (const [value, name] of Object.entries(words)) if (name === word) return Number(value);
  }
  return /^\d+$/.test(word) && Number(word) < 256 ? Number(word) : undefined;
}

/** A scope as iproute2 prints it: `global`, `link`, `host`, `site`, `nowhere`, or the number. */
export function scopeName(scope: number): string {
  return SCOPE_NAMES[scope] ?? String(scope);
}

/** Route protocols (`RTPROT_*`) with a name in iproute2 6.1 (built-in table plus the stock `rt_protos`). */
export const PROTOCOL_NAMES: Readonly<Record<number, string>> = wordsOf(RTPROT, 'RTPROT_', { spelled: { RTPROT_MROUTED: null, RTPROT_OVN: null } });

/** A route protocol as iproute2 prints it (`kernel`, `boot`, `static`, `dhcp`, ... or the number). */
export function protocolName(proto: number): string {
  return PROTOCOL_NAMES[proto] ?? String(proto);
}

/** Route types (`RTN_*`) by value; RTN_UNSPEC is `none`. */
export const ROUTE_TYPES: Readonly<Record<number, string>> = wordsOf(RTN, 'RTN_', { spelled: { RTN_UNSPEC: 'none' } });

/** A route type as iproute2 prints it (`unicast`, `local`, `blackhole`, ... or the number). */
export function routeTypeName(type: number): string {
  return ROUTE_TYPES[type] ?? String(type);
}

/** Routing tables with a name (`rt_class_t` plus the stock `rt_tables`). */
export const TABLE_NAMES: Readonly<Record<number, string>> = wordsOf(RT_TABLE, 'RT_TABLE_', { spelled: { RT_TABLE_COMPAT: null } });

/** A routing table as iproute2 prints it (`main`, `local`, `default`, or the number). */
export function tableName(table: number): string {
  return TABLE_NAMES[table] ?? String(table);
}

/** Address families iproute2 names (`family_name()`). */
export const FAMILY_NAMES: Readonly<Record<number, string>> = wordsOf(AF, 'AF_', { only: ['AF_INET', 'AF_INET6', 'AF_PACKET', 'AF_MPLS', 'AF_BRIDGE'], spelled: { AF_PACKET: 'link' } });

/** An address family as iproute2 prints it: `inet`, `inet6`, `link`, `mpls`, `bridge`, else `???`. */
export function familyName(family: number): string {
  return FAMILY_NAMES[family] ?? '???';
}

/** A link group as iproute2 prints it (`default` for 0, from the stock `group` file; else the number). */
export function groupName(group: number): string {
  return group === 0 ? 'default' : String(group);
}

/** Interface flags in the order iproute2 prints them (IFF_RUNNING is never printed). */
export const LINK_FLAG_ORDER: readonly (readonly [string, number])[] = [
  ['LOOPBACK', IFF.IFF_LOOPBACK],
  ['BROADCAST', IFF.IFF_BROADCAST],
  ['POINTOPOINT', IFF.IFF_POINTOPOINT],
  ['MULTICAST', IFF.IFF_MULTICAST],
  ['NOARP', IFF.IFF_NOARP],
  ['ALLMULTI', IFF.IFF_ALLMULTI],
  ['PROMISC', IFF.IFF_PROMISC],
  ['MASTER', IFF.IFF_MASTER],
  ['SLAVE', IFF.IFF_SLAVE],
  ['DEBUG', IFF.IFF_DEBUG],
  ['DYNAMIC', IFF.IFF_DYNAMIC],
  ['AUTOMEDIA', IFF.IFF_AUTOMEDIA],
  ['PORTSEL', IFF.IFF_PORTSEL],
  ['NOTRAILERS', IFF.IFF_NOTRAILERS],
  ['UP', IFF.IFF_UP],
  ['LOWER_UP', IFF.IFF_LOWER_UP],
  ['DORMANT', IFF.IFF_DORMANT],
  ['ECHO', IFF.IFF_ECHO],
];

/**
 * The words between `<` and `>` of `ip link`, in order: `NO-CARRIER` first
 * when the link is UP but not RUNNING; the known flags in iproute2's order
 * (RUNNING dropped); any unknown bits as one lowercase hex word; `M-DOWN`
 * last when `mdown` (the link's IFLA_LINK peer is known and down).
 */
export function linkFlagNames(flags: number, mdown = false): string[] {
  const out: string[] = [];
  let rest = flags >>> 0;
  if (rest & IFF.IFF_UP && !(rest & IFF.IFF_RUNNING)) out.push('NO-CARRIER');
  rest = (rest & ~IFF.IFF_RUNNING) >>> 0;
  for (const [name, bit] of LINK_FLAG_ORDER) {
    if (rest & bit) {
      out.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest) out.push(rest.toString(16));
  if (mdown) out.push('M-DOWN');
  return out;
}

/**
 * The `<...>` text of `ip link`. Not simply the names joined: iproute2 puts
 * a comma after a flag only while more known bits remain, and always one
 * before `M-DOWN`.
 */
export function linkFlagsText(flags: number, mdown = false): string {
  let s = '<';
  let rest = flags >>> 0;
  if (rest & IFF.IFF_UP && !(rest & IFF.IFF_RUNNING)) s += 'NO-CARRIER,';
  rest = (rest & ~IFF.IFF_RUNNING) >>> 0;
  for (const [name, bit] of LINK_FLAG_ORDER) {
    if (rest & bit) {
      rest = (rest & ~bit) >>> 0;
      s += rest ? `${name},` : name;
    }
  }
  if (rest) s += rest.toString(16);
  if (mdown) s += ',M-DOWN';
  return `${s}> `;
}

/** STP port states (`BR_STATE_*`) by value. */
export const BRIDGE_PORT_STATES: Readonly<Record<number, string>> = wordsOf(BR_STATE, 'BR_STATE_');

/** macvlan modes (`MACVLAN_MODE_*`) by value. */
export const MACVLAN_MODES: Readonly<Record<number, string>> = wordsOf(MACVLAN_MODE, 'MACVLAN_MODE_');

/** The macvlan mode word (`unknown` for other values, as iproute2 prints it). */
export function macvlanModeName(mode: number): string {
  return MACVLAN_MODES[mode] ?? 'unknown';
}

/** VXLAN DF settings (`VXLAN_DF_*`) by value. */
export const VXLAN_DF_NAMES: Readonly<Record<number, string>> = wordsOf(VXLAN_DF, 'VXLAN_DF_');

/** IPv6 address generation modes (`IN6_ADDR_GEN_MODE_*`) by value; iproute2 calls stable privacy `stable_secret`. */
export const ADDR_GEN_MODES: Readonly<Record<number, string>> = wordsOf(IN6_ADDR_GEN_MODE, 'IN6_ADDR_GEN_MODE_', { spelled: { IN6_ADDR_GEN_MODE_STABLE_PRIVACY: 'stable_secret' } });

/** The `addrgenmode` word: the name, or the value as `0x%02x`. */
export function addrGenModeName(mode: number): string {
  return ADDR_GEN_MODES[mode] ?? `0x${mode.toString(16).padStart(2, '0')}`;
}

/** `IFLA_EVENT_*` words (`event ...`) by value; 0 (NONE) is never printed. */
export const LINK_EVENTS: Readonly<Record<number, string>> = wordsOf(IFLA_EVENT, 'IFLA_EVENT_', {
  upper: true,
  spelled: {
    IFLA_EVENT_FEATURES: 'FEATURE CHANGE',
    IFLA_EVENT_BONDING_FAILOVER: 'BONDING FAILOVER',
    IFLA_EVENT_NOTIFY_PEERS: 'NOTIFY PEERS',
    IFLA_EVENT_IGMP_RESEND: 'RESEND IGMP',
    IFLA_EVENT_BONDING_OPTIONS: 'BONDING OPTION',
  },
});

/** Bridge VLAN protocols (`IFLA_BR_VLAN_PROTOCOL`, host-order ethertype) by value. */
export const VLAN_PROTOCOLS: Readonly<Record<number, string>> = wordsOf(BRIDGE_VLAN_PROTOCOL, 'ETH_P_', { spelled: { ETH_P_8021Q: '802.1Q', ETH_P_8021AD: '802.1ad' } });

/**
 * Address flags in iproute2's order. `permanent` is printed inverted (as
 * `dynamic` when absent); IFA_F_SECONDARY prints `temporary` on IPv6.
 */
export const ADDR_FLAG_ORDER: readonly (readonly [string, number])[] = [
  ['secondary', IFA_F.IFA_F_SECONDARY],
  ['temporary', IFA_F.IFA_F_SECONDARY],
  ['nodad', IFA_F.IFA_F_NODAD],
  ['optimistic', IFA_F.IFA_F_OPTIMISTIC],
  ['dadfailed', IFA_F.IFA_F_DADFAILED],
  ['home', IFA_F.IFA_F_HOMEADDRESS],
  ['deprecated', IFA_F.IFA_F_DEPRECATED],
  ['tentative', IFA_F.IFA_F_TENTATIVE],
  ['permanent', IFA_F.IFA_F_PERMANENT],
  ['mngtmpaddr', IFA_F.IFA_F_MANAGETEMPADDR],
  ['noprefixroute', IFA_F.IFA_F_NOPREFIXROUTE],
  ['autojoin', IFA_F.IFA_F_MCAUTOJOIN],
  ['stable-privacy', IFA_F.IFA_F_STABLE_PRIVACY],
];

/** Route and next-hop flag words in iproute2's order. */
export const ROUTE_FLAG_ORDER: readonly (readonly [string, number])[] = [
  ['dead', RTM_F.RTNH_F_DEAD],
  ['onlink', RTM_F.RTNH_F_ONLINK],
  ['pervasive', RTM_F.RTNH_F_PERVASIVE],
  ['offload', RTM_F.RTNH_F_OFFLOAD],
  ['trap', RTM_F.RTNH_F_TRAP],
  ['notify', RTM_F.RTM_F_NOTIFY],
  ['linkdown', RTM_F.RTNH_F_LINKDOWN],
  ['unresolved', RTM_F.RTNH_F_UNRESOLVED],
  ['rt_offload', RTM_F.RTM_F_OFFLOAD],
  ['rt_trap', RTM_F.RTM_F_TRAP],
  ['rt_offload_failed', RTM_F.RTM_F_OFFLOAD_FAILED],
];

/** The route flag words of `rtm_flags` / `rtnh_flags` (`onlink`, `linkdown`, ...). */
export function routeFlagNames(flags: number): string[] {
  return ROUTE_FLAG_ORDER.filter(([, bit]) => (flags & bit) !== 0).map(([n]) => n);
}

/** IPv6 router preference words (RTA_PREF) by value; others print as the number. */
export const ROUTE_PREFS: Readonly<Record<number, string>> = wordsOf(ICMPV6_ROUTER_PREF, 'ICMPV6_ROUTER_PREF_', { spelled: { ICMPV6_ROUTER_PREF_INVALID: null } });

/**
 * Route metric names (`RTAX_*`, by value) as `ip route` prints them: the
 * kernel name from the RTA_METRICS declaration, lower case and without
 * `RTAX_`, but `congctl` for RTAX_CC_ALGO.
 */
export const METRIC_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  metricsAttrs.defs.filter((d) => d.type >= 2).map((d) => [d.type, d.name === 'RTAX_CC_ALGO' ? 'congctl' : d.name.slice('RTAX_'.length).toLowerCase()]),
);

/** DS field (TOS) names of the stock `rt_dsfield` (`ip route`'s `tos`). */
export const DSFIELD_NAMES: Readonly<Record<number, string>> = {
  0x00: 'default',
  0x20: 'CS1',
  0x28: 'AF11',
  0x30: 'AF12',
  0x38: 'AF13',
  0x40: 'CS2',
  0x48: 'AF21',
  0x50: 'AF22',
  0x58: 'AF23',
  0x60: 'CS3',
  0x68: 'AF31',
  0x70: 'AF32',
  0x78: 'AF33',
  0x80: 'CS4',
  0x88: 'AF41',
  0x90: 'AF42',
  0x98: 'AF43',
  0xa0: 'CS5',
  0xb8: 'EF',
  0xc0: 'CS6',
  0xe0: 'CS7',
};

/** A TOS value as `ip route` prints it: its DS field name, else `0x%02x`. */
export function dsfieldName(tos: number): string {
  return DSFIELD_NAMES[tos] ?? `0x${tos.toString(16).padStart(2, '0')}`;
}

/** A routing realm as `ip route` prints it (realm 0 is `cosmos` in the stock `rt_realms`). */
export function realmName(realm: number): string {
  return realm === 0 ? 'cosmos' : String(realm);
}
