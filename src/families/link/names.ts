/**
 * The names iproute2 (6.1) prints for link values: link types, operational
 * states and modes, groups, interface flags, bridge port states, macvlan
 * modes, VXLAN DF, IPv6 address generation modes, link events, VLAN
 * protocols; read from the declared enums.
 *
 * Where iproute2 also reads a table from `/etc/iproute2` (`rt_protos`,
 * `rt_scopes`, `rt_tables`, `group`), the names here are its built-in ones
 * plus the entries the stock files add; local edits to those files are not
 * seen (these functions do no I/O). A value without a name prints as its
 * number, as iproute2 does.
 */
import { ARPHRD, IF_LINK_MODE, IF_OPER, IFF } from '../../rtnl/constants.js';
import { MACVLAN_MODE } from './macvlan.js';
import { BR_STATE } from './bridge-port.js';
import { BRIDGE_VLAN_PROTOCOL } from './bridge.js';
import { VXLAN_DF } from './vxlan.js';
import { IN6_ADDR_GEN_MODE } from './af-spec.js';
import { IFLA_EVENT } from './attrs.js';
import { wordsOf } from '../../format/words.js';

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
