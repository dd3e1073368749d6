/**
 * IFLA_AF_SPEC of ordinary (AF_UNSPEC) link messages: one nest per address
 * family, whose attribute type *is* the family number (`AF_INET` = 2,
 * `AF_INET6` = 10, ...). `enum { IFLA_INET_* }`, `enum { IFLA_INET6_* }`,
 * `enum in6_addr_gen_mode` and `enum { IFLA_MCTP_* }` from
 * `linux/if_link.h`, Linux 6.18 / iproute2's include/uapi as fetched.
 *
 * A 6.18 link dump carries AF_INET and AF_INET6 (and AF_MCTP for MCTP
 * devices); the kernel sends IFLA_AF_SPEC and the per-family nests without
 * NLA_F_NESTED. Other families (AF_MPLS...) are kept as unknown attributes.
 * AF_BRIDGE is declared for completeness only: the kernel never nests
 * IFLA_BRIDGE_* under a family here; AF_BRIDGE-family messages put them
 * directly in IFLA_AF_SPEC (see `bridgeLinkAttrs`).
 *
 * IFLA_INET_CONF is direction dependent: the kernel reports a packed u32
 * array, while RTM_SETLINK requests carry a nest of attributes typed by
 * IPV4_DEVCONF_* (see {@link ipv4DevconfAttrs}). The array form is the one
 * declared here.
 */
import { attrSet, nested, type AttrSet } from '../../schema/attr-set.js';
import { ipv6 } from '../../schema/addresses.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { bytes, s32, u32, u64, u8 } from '../../schema/scalars.js';
import { namedArray, struct } from '../../schema/struct.js';
import { bridgeAfAttrs } from './bridge-af.js';
import { ICMP6_MIB_NAMES, IPSTATS_MIB_NAMES, IPV4_DEVCONF_NAMES, IPV6_DEVCONF_NAMES } from './devconf.js';

/** IFLA_INET6_ADDR_GEN_MODE values (`enum in6_addr_gen_mode`). */
export const IN6_ADDR_GEN_MODE = {
  IN6_ADDR_GEN_MODE_EUI64: 0,
  IN6_ADDR_GEN_MODE_NONE: 1,
  IN6_ADDR_GEN_MODE_STABLE_PRIVACY: 2,
  IN6_ADDR_GEN_MODE_RANDOM: 3,
} as const;

/**
 * IFLA_INET6_FLAGS bits (`inet6_dev.if_flags`). Not in the UAPI headers:
 * these come from the kernel's `include/net/if_inet6.h`.
 */
export const IF_RA = {
  IF_RS_SENT: 0x10,
  IF_RA_RCVD: 0x20,
  IF_RA_MANAGED: 0x40,
  IF_RA_OTHERCONF: 0x80,
  IF_READY: 0x80000000,
} as const;

/** IFLA_INET_CONF as the kernel reports it: u32 per IPV4_DEVCONF_*, element 0 = FORWARDING (1). */
export const ipv4Devconf = namedArray('ipv4_devconf', 'IPV4_DEVCONF_', u32, IPV4_DEVCONF_NAMES);

/** IFLA_INET6_CONF: s32 per DEVCONF_*, element 0 = DEVCONF_FORWARDING (0). */
export const ipv6Devconf = namedArray('ipv6_devconf', 'DEVCONF_', s32, IPV6_DEVCONF_NAMES);

/** IFLA_INET6_STATS: u64 per IPSTATS_MIB_*, element 0 (`num`) = number of elements. */
export const ipstatsMib = namedArray('ipstats_mib', 'IPSTATS_MIB_', u64, IPSTATS_MIB_NAMES);

/** IFLA_INET6_ICMP6STATS: u64 per ICMP6_MIB_*, element 0 (`num`) = number of elements. */
export const icmp6Mib = namedArray('icmp6_mib', 'ICMP6_MIB_', u64, ICMP6_MIB_NAMES);

/**
 * `struct ifla_cacheinfo` (IFLA_INET6_CACHEINFO): max_reasm_len in bytes,
 * tstamp in centiseconds since boot (last change), reachable_time and
 * retrans_time in milliseconds.
 */
export const iflaCacheinfo = struct('ifla_cacheinfo', '', [
  ['max_reasm_len', u32],
  ['tstamp', u32],
  ['reachable_time', u32],
  ['retrans_time', u32],
]);

/**
 * IFLA_INET_CONF in RTM_SETLINK requests: one u32 attribute per setting,
 * typed by its IPV4_DEVCONF_* value (1...33).
 */
export const ipv4DevconfAttrs = attrSet(
  'IPV4_DEVCONF',
  'IPV4_DEVCONF_',
  IPV4_DEVCONF_NAMES.map((name, i) => [i + 1, name, u32] as const),
);

/** `IFLA_INET_*`: the AF_INET nest. */
export const inetAttrs = attrSet('IFLA_INET', 'IFLA_INET_', () => [
  [1, 'IFLA_INET_CONF', ipv4Devconf],
]);

/** `IFLA_INET6_*`: the AF_INET6 nest (also IFLA_PROTINFO of AF_INET6 link messages). */
export const inet6Attrs = attrSet('IFLA_INET6', 'IFLA_INET6_', () => [
  [1, 'IFLA_INET6_FLAGS', flagsOf(u32, IF_RA)],
  [2, 'IFLA_INET6_CONF', ipv6Devconf],
  [3, 'IFLA_INET6_STATS', ipstatsMib],
  [4, 'IFLA_INET6_MCAST', bytes], // never filled by the kernel ("MC things. What of them?")
  [5, 'IFLA_INET6_CACHEINFO', iflaCacheinfo],
  [6, 'IFLA_INET6_ICMP6STATS', icmp6Mib],
  [7, 'IFLA_INET6_TOKEN', ipv6],
  [8, 'IFLA_INET6_ADDR_GEN_MODE', enumOf(u8, IN6_ADDR_GEN_MODE)],
  [9, 'IFLA_INET6_RA_MTU', u32], // sent only once an RA carried an MTU
]);

/** `IFLA_MCTP_*`: the AF_MCTP nest of MCTP-capable devices. */
export const mctpAttrs = attrSet('IFLA_MCTP', 'IFLA_MCTP_', () => [
  [1, 'IFLA_MCTP_NET', u32],
  [2, 'IFLA_MCTP_PHYS_BINDING', u8],
]);

/** IFLA_AF_SPEC of AF_UNSPEC link messages, keyed by address family. */
export const afSpecAttrs = attrSet('IFLA_AF_SPEC', 'AF_', () => [
  [2, 'AF_INET', nested(() => inetAttrs)],
  [7, 'AF_BRIDGE', nested(() => bridgeAfAttrs)],
  [10, 'AF_INET6', nested(() => inet6Attrs)],
  [45, 'AF_MCTP', nested(() => mctpAttrs)],
]);
