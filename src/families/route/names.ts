/**
 * The names iproute2 (6.1) prints for route values: protocols, types,
 * tables, flags, IPv6 router preferences, metrics, DS fields and realms;
 * read from the declared enums.
 *
 * Where iproute2 also reads a table from `/etc/iproute2` (`rt_protos`,
 * `rt_scopes`, `rt_tables`, `group`), the names here are its built-in ones
 * plus the entries the stock files add; local edits to those files are not
 * seen (these functions do no I/O). A value without a name prints as its
 * number, as iproute2 does.
 */
import { metricsAttrs, ICMPV6_ROUTER_PREF } from './attrs.js';
import { RT_TABLE, RTM_F, RTN, RTPROT } from '../../rtnl/constants.js';
import { wordsOf } from '../../format/words.js';
import { SCOPE_NAMES } from '../../format/names.js';
import { strtoulAll } from './prefix.js';

export const PROTOCOL_NAMES: Readonly<Record<number, string>> = wordsOf(RTPROT, 'RTPROT_', { spelled: { RTPROT_MROUTED: null, RTPROT_OVN: null } });

/** A route protocol word or number as iproute2 reads it (`static`, `4`), or undefined. */
export function protocolValue(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word) < 256 ? Number(word) : undefined;
  for (const [v, w] of Object.entries(PROTOCOL_NAMES)) if (w === word) return Number(v);
  return undefined;
}

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

/** A table word as `ip route` reads it (`main`, `local`, `default`, `unspec`, or a number up to 2^32-1), or undefined (`all`, `cache` are the caller's). */
export function tableValue(word: string): number | undefined {
  for (const [v, w] of Object.entries(TABLE_NAMES)) if (w === word) return Number(v);
  const n = strtoulAll(word);
  return n !== undefined && n <= 0xffffffff ? n : undefined;
}

/** A route protocol word or number as `ip route` reads it (rt_protos names, or up to 255 in any base). */
export function routeProtocolValue(word: string): number | undefined {
  for (const [v, w] of Object.entries(PROTOCOL_NAMES)) if (w === word) return Number(v);
  const n = strtoulAll(word);
  return n !== undefined && n <= 255 ? n : undefined;
}

/** A scope word or number as `ip route` reads it (rt_scopes names, or up to 255 in any base). */
export function routeScopeValue(word: string): number | undefined {
  for (const [v, w] of Object.entries(SCOPE_NAMES)) if (w === word) return Number(v);
  const n = strtoulAll(word);
  return n !== undefined && n <= 255 ? n : undefined;
}

/**
 * A route type as `ip route` reads it: `local`, `nat`, `throw` and `brd`
 * exactly, the other words by any prefix (so `b` is broadcast and `u`
 * unreachable, checked in iproute2's order), or a number up to 255.
 */
export function routeTypeValue(word: string): number | undefined {
  const exact: Readonly<Record<string, number>> = { local: RTN.RTN_LOCAL, nat: RTN.RTN_NAT, brd: RTN.RTN_BROADCAST, throw: RTN.RTN_THROW };
  if (word in exact) return exact[word];
  const prefixed: readonly (readonly [string, number])[] = [
    ['broadcast', RTN.RTN_BROADCAST],
    ['anycast', RTN.RTN_ANYCAST],
    ['multicast', RTN.RTN_MULTICAST],
    ['prohibit', RTN.RTN_PROHIBIT],
    ['unreachable', RTN.RTN_UNREACHABLE],
    ['blackhole', RTN.RTN_BLACKHOLE],
    ['xresolve', RTN.RTN_XRESOLVE],
    ['unicast', RTN.RTN_UNICAST],
  ];
  if (word !== '') for (const [w, v] of prefixed) if (w.startsWith(word)) return v;
  const n = strtoulAll(word);
  return n !== undefined && n <= 255 ? n : undefined;
}

/** A DS field (TOS) as `ip route` reads it: an rt_dsfield name, or a number in hex (`0x10` or `10`) up to 0xff. */
export function dsfieldValue(word: string): number | undefined {
  for (const [v, w] of Object.entries(DSFIELD_NAMES)) if (w === word) return Number(v);
  const n = strtoulAll(word, 16);
  return n !== undefined && n <= 255 ? n : undefined;
}

/** A realm word (rt_realms: `cosmos` is 0) or number up to 255. */
function realmValue(word: string): number | undefined {
  if (word === 'cosmos') return 0;
  const n = strtoulAll(word);
  return n !== undefined && n <= 255 ? n : undefined;
}

/** `realms [FROM/]TO` as iproute2 reads it (each a realm name or number, or the raw 32-bit value): from << 16 | to, or undefined. */
export function realmsValue(word: string): number | undefined {
  const slash = word.indexOf('/');
  let v = 0;
  let ok = true;
  let to = word;
  if (slash >= 0) {
    const from = realmValue(word.slice(0, slash));
    if (from === undefined) ok = false;
    else v = from << 16;
    to = word.slice(slash + 1);
  }
  if (ok && to !== '') {
    const t = realmValue(to);
    if (t === undefined) ok = false;
    else v |= t;
  }
  if (ok) return v >>> 0;
  const raw = strtoulAll(word);
  return raw !== undefined && raw <= 0xffffffff ? raw : undefined;
}
