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
import { metricsAttrs } from '../rtnl/route/attrs.js';
import { IFF, RTM_F } from '../rtnl/constants.js';
import { MACVLAN_MODE } from '../rtnl/link/macvlan.js';

/** `ARPHRD_*` -> the word after `link/` (`ip link`'s `link_type`). */
export const LINK_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'netrom',
  1: 'ether',
  2: 'eether',
  3: 'ax25',
  4: 'pronet',
  5: 'chaos',
  6: 'ieee802',
  7: 'arcnet',
  8: 'atalk',
  15: 'dlci',
  19: 'atm',
  23: 'metricom',
  24: 'ieee1394',
  32: 'infiniband',
  256: 'slip',
  257: 'cslip',
  258: 'slip6',
  259: 'cslip6',
  260: 'rsrvd',
  264: 'adapt',
  270: 'rose',
  271: 'x25',
  272: 'hwx25',
  280: 'can',
  512: 'ppp',
  513: 'hdlc',
  516: 'lapb',
  517: 'ddcmp',
  518: 'rawhdlc',
  768: 'ipip',
  769: 'tunnel6',
  770: 'frad',
  771: 'skip',
  772: 'loopback',
  773: 'ltalk',
  774: 'fddi',
  775: 'bif',
  776: 'sit',
  777: 'ip/ddp',
  778: 'gre',
  779: 'pimreg',
  780: 'hippi',
  781: 'ash',
  782: 'econet',
  783: 'irda',
  784: 'fcpp',
  785: 'fcal',
  786: 'fcpl',
  ...Object.fromEntries(Array.from({ length: 13 }, (_, i) => [787 + i, `fcfb${i}`])),
  800: 'tr',
  801: 'ieee802.11',
  802: 'ieee802.11/prism',
  803: 'ieee802.11/radiotap',
  804: 'ieee802.15.4',
  805: 'ieee802.15.4/monitor',
  820: 'phonet',
  821: 'phonet_pipe',
  822: 'caif',
  823: 'gre6',
  824: 'netlink',
  825: '6lowpan',
  0xfffe: 'none',
  0xffff: 'void',
};

/** The link type name of an `ifi_type` (`ARPHRD_*`): `ether`, `loopback`, ... or `[N]`. */
export function linkTypeName(type: number): string {
  return LINK_TYPE_NAMES[type] ?? `[${type}]`;
}

/** `IF_OPER_*` names, indexed by value. */
export const OPER_STATES = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'] as const;

/** `IF_LINK_MODE_*` names iproute2 knows, indexed by value (others print as numbers). */
export const LINK_MODES = ['DEFAULT', 'DORMANT'] as const;

/** Route and address scopes (`rt_scope_t`). */
export const SCOPE_NAMES: Readonly<Record<number, string>> = { 0: 'global', 200: 'site', 253: 'link', 254: 'host', 255: 'nowhere' };

/** A scope as iproute2 prints it: `global`, `link`, `host`, `site`, `nowhere`, or the number. */
export function scopeName(scope: number): string {
  return SCOPE_NAMES[scope] ?? String(scope);
}

/** Route protocols (`RTPROT_*`) with a name in iproute2 6.1 (built-in table plus the stock `rt_protos`). */
export const PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  0: 'unspec',
  1: 'redirect',
  2: 'kernel',
  3: 'boot',
  4: 'static',
  8: 'gated',
  9: 'ra',
  10: 'mrt',
  11: 'zebra',
  12: 'bird',
  13: 'dnrouted',
  14: 'xorp',
  15: 'ntk',
  16: 'dhcp',
  18: 'keepalived',
  42: 'babel',
  99: 'openr',
  186: 'bgp',
  187: 'isis',
  188: 'ospf',
  189: 'rip',
  192: 'eigrp',
};

/** A route protocol as iproute2 prints it (`kernel`, `boot`, `static`, `dhcp`, ... or the number). */
export function protocolName(proto: number): string {
  return PROTOCOL_NAMES[proto] ?? String(proto);
}

/** Route types (`RTN_*`), indexed by value. */
export const ROUTE_TYPES = [
  'none',
  'unicast',
  'local',
  'broadcast',
  'anycast',
  'multicast',
  'blackhole',
  'unreachable',
  'prohibit',
  'throw',
  'nat',
  'xresolve',
] as const;

/** A route type as iproute2 prints it (`unicast`, `local`, `blackhole`, ... or the number). */
export function routeTypeName(type: number): string {
  return ROUTE_TYPES[type] ?? String(type);
}

/** Routing tables with a name (`rt_class_t` plus the stock `rt_tables`). */
export const TABLE_NAMES: Readonly<Record<number, string>> = { 0: 'unspec', 253: 'default', 254: 'main', 255: 'local' };

/** A routing table as iproute2 prints it (`main`, `local`, `default`, or the number). */
export function tableName(table: number): string {
  return TABLE_NAMES[table] ?? String(table);
}

/** Address families iproute2 names (`family_name()`). */
export const FAMILY_NAMES: Readonly<Record<number, string>> = { 2: 'inet', 10: 'inet6', 17: 'link', 28: 'mpls', 7: 'bridge' };

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

/** STP port states (`BR_STATE_*`), indexed by value. */
export const BRIDGE_PORT_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'] as const;

/** macvlan modes by value: iproute2's word is the declared name without `MACVLAN_MODE_`, in lower case. */
export const MACVLAN_MODES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(MACVLAN_MODE).map(([k, v]) => [v, k.slice('MACVLAN_MODE_'.length).toLowerCase()]),
);

/** The macvlan mode word (`unknown` for other values, as iproute2 prints it). */
export function macvlanModeName(mode: number): string {
  return MACVLAN_MODES[mode] ?? 'unknown';
}

/** VXLAN DF settings (`VXLAN_DF_*`), indexed by value. */
export const VXLAN_DF_NAMES = ['unset', 'set', 'inherit'] as const;

/** IPv6 address generation modes (`IN6_ADDR_GEN_MODE_*`), indexed by value. */
export const ADDR_GEN_MODES = ['eui64', 'none', 'stable_secret', 'random'] as const;

/** The `addrgenmode` word: the name, or the value as `0x%02x`. */
export function addrGenModeName(mode: number): string {
  return ADDR_GEN_MODES[mode] ?? `0x${mode.toString(16).padStart(2, '0')}`;
}

/** `IFLA_EVENT_*` words (`event ...`); 0 (NONE) is never printed. */
export const LINK_EVENTS = ['NONE', 'REBOOT', 'FEATURE CHANGE', 'BONDING FAILOVER', 'NOTIFY PEERS', 'RESEND IGMP', 'BONDING OPTION'] as const;

/** Bridge VLAN protocols (`IFLA_BR_VLAN_PROTOCOL`, host-order ethertype) by value. */
export const VLAN_PROTOCOLS: Readonly<Record<number, string>> = { 0x8100: '802.1Q', 0x88a8: '802.1ad' };

/**
 * Address flags in iproute2's order. `permanent` is printed inverted (as
 * `dynamic` when absent); IFA_F_SECONDARY prints `temporary` on IPv6.
 */
export const ADDR_FLAG_ORDER: readonly (readonly [string, number])[] = [
  ['secondary', 0x01],
  ['temporary', 0x01],
  ['nodad', 0x02],
  ['optimistic', 0x04],
  ['dadfailed', 0x08],
  ['home', 0x10],
  ['deprecated', 0x20],
  ['tentative', 0x40],
  ['permanent', 0x80],
  ['mngtmpaddr', 0x100],
  ['noprefixroute', 0x200],
  ['autojoin', 0x400],
  ['stable-privacy', 0x800],
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
export const ROUTE_PREFS: Readonly<Record<number, string>> = { 0: 'medium', 1: 'high', 3: 'low' };

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
