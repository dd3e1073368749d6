/**
 * Statistics attributes (`linux/if_link.h`, Linux 6.18): the groups of an
 * RTM_NEWSTATS reply (`IFLA_STATS_*`: IFLA_STATS_UNSPEC to
 * IFLA_STATS_AF_SPEC = 5), what they nest (`LINK_XSTATS_TYPE_*`,
 * `IFLA_OFFLOAD_XSTATS_*`, `IFLA_OFFLOAD_XSTATS_HW_S_INFO_*`, and
 * `MPLS_STATS_*` from `linux/mpls.h`), and the attributes of RTM_GETSTATS
 * and RTM_SETSTATS requests (`IFLA_STATS_GETSET_*`), which reuse the
 * numbers 1 and 2 for other meanings.
 *
 * The kernel sends IFLA_STATS_LINK_XSTATS, IFLA_STATS_LINK_XSTATS_SLAVE,
 * IFLA_STATS_LINK_OFFLOAD_XSTATS, IFLA_STATS_AF_SPEC and the per-type
 * nests in them without NLA_F_NESTED; IFLA_OFFLOAD_XSTATS_HW_S_INFO and
 * its entries with it.
 *
 * ```
 * struct rtnl_hw_stats64: the first 9 counters of rtnl_link_stats64
 *   (rx/tx packets, bytes, errors, dropped, then multicast), u64 each, 72 bytes.
 * struct mpls_link_stats: rx/tx packets, bytes, errors, dropped, then
 *   rx_noroute, u64 each, 72 bytes.
 * ```
 */
import { NLA_F_NESTED } from '../../core/constants.js';
import { attrSet, nested } from '../../schema/attr-set.js';
import { flagsOf } from '../../schema/enums.js';
import { binary, u8, u32, u64 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { rtnlLinkStats64 } from '../link/stats.js';
import { bridgeXstatsAttrs } from './bridge.js';

/** `struct rtnl_hw_stats64` (IFLA_OFFLOAD_XSTATS_L3_STATS): counters of traffic the hardware handled. Open. */
export const rtnlHwStats64 = struct(
  'rtnl_hw_stats64',
  '',
  ['rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped', 'multicast'].map((n) => [n, u64] as const),
  { open: true },
);

/** `struct mpls_link_stats` (MPLS_STATS_LINK). Open. */
export const mplsLinkStats = struct(
  'mpls_link_stats',
  '',
  ['rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped', 'rx_noroute'].map((n) => [n, u64] as const),
  { open: true },
);

/** `IFLA_STATS_FILTER_BIT(IFLA_OFFLOAD_XSTATS_*)`: the offload groups a request wants. */
export const IFLA_OFFLOAD_XSTATS_FILTER = {
  IFLA_OFFLOAD_XSTATS_CPU_HIT: 1 << 0,
  IFLA_OFFLOAD_XSTATS_HW_S_INFO: 1 << 1,
  IFLA_OFFLOAD_XSTATS_L3_STATS: 1 << 2,
} as const;

/** `IFLA_OFFLOAD_XSTATS_HW_S_INFO_*`: whether hardware stats of one type are requested and in use. */
export const hwStatsInfoOneAttrs = attrSet('IFLA_OFFLOAD_XSTATS_HW_S_INFO_ONE', 'IFLA_OFFLOAD_XSTATS_HW_S_INFO_', () => [
  [1, 'IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST', u8],
  [2, 'IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED', u8],
]);

/**
 * IFLA_OFFLOAD_XSTATS_HW_S_INFO: one nest per hardware stats type, whose
 * attribute type is that type's IFLA_OFFLOAD_XSTATS_* number (only L3
 * stats so far).
 */
export const hwStatsInfoAttrs = attrSet('IFLA_OFFLOAD_XSTATS_HW_S_INFO', 'IFLA_OFFLOAD_XSTATS_', () => [
  [3, 'IFLA_OFFLOAD_XSTATS_L3_STATS', nested(() => hwStatsInfoOneAttrs), { flags: NLA_F_NESTED }],
]);

/** `IFLA_OFFLOAD_XSTATS_*`: IFLA_STATS_LINK_OFFLOAD_XSTATS's content. */
export const offloadXstatsAttrs = attrSet('IFLA_OFFLOAD_XSTATS', 'IFLA_OFFLOAD_XSTATS_', () => [
  [0, 'IFLA_OFFLOAD_XSTATS_UNSPEC', binary()], // the 64-bit alignment pad (not sent on x86)
  [1, 'IFLA_OFFLOAD_XSTATS_CPU_HIT', rtnlLinkStats64], // traffic the CPU handled of an offloading device
  [2, 'IFLA_OFFLOAD_XSTATS_HW_S_INFO', nested(() => hwStatsInfoAttrs), { flags: NLA_F_NESTED }],
  [3, 'IFLA_OFFLOAD_XSTATS_L3_STATS', rtnlHwStats64],
]);

/** `LINK_XSTATS_TYPE_*`: IFLA_STATS_LINK_XSTATS(_SLAVE)'s content, by the driver (of the link, or of its master). */
export const linkXstatsAttrs = attrSet('LINK_XSTATS_TYPE', 'LINK_XSTATS_TYPE_', () => [
  [1, 'LINK_XSTATS_TYPE_BRIDGE', nested(() => bridgeXstatsAttrs)],
  [2, 'LINK_XSTATS_TYPE_BOND', nested(() => bondXstatsAttrs)],
]);

/** `BOND_XSTATS_*` (`linux/if_bonding.h`): a bond's (or its port's) extended statistics. */
export const bondXstatsAttrs = attrSet('BOND_XSTATS', 'BOND_XSTATS_', () => [
  [1, 'BOND_XSTATS_3AD', nested(() => bond3adStatAttrs), { key: 'lacp' }],
]);

/** `BOND_3AD_STAT_*` (`linux/if_bonding.h`) in BOND_XSTATS_3AD: the 802.3ad counters. The enum starts at 0. */
export const bond3adStatAttrs = attrSet('BOND_3AD_STAT', 'BOND_3AD_STAT_', () => [
  [0, 'BOND_3AD_STAT_LACPDU_RX', u64],
  [1, 'BOND_3AD_STAT_LACPDU_TX', u64],
  [2, 'BOND_3AD_STAT_LACPDU_UNKNOWN_RX', u64],
  [3, 'BOND_3AD_STAT_LACPDU_ILLEGAL_RX', u64],
  [4, 'BOND_3AD_STAT_MARKER_RX', u64],
  [5, 'BOND_3AD_STAT_MARKER_TX', u64],
  [6, 'BOND_3AD_STAT_MARKER_RESP_RX', u64],
  [7, 'BOND_3AD_STAT_MARKER_RESP_TX', u64],
  [8, 'BOND_3AD_STAT_MARKER_UNKNOWN_RX', u64],
  [9, 'BOND_3AD_STAT_PAD', binary()], // the 64-bit alignment pad
]);

/** IFLA_STATS_AF_SPEC: one nest per address family, its type the AF_* number (only AF_MPLS fills one). */
export const statsAfSpecAttrs = attrSet('IFLA_STATS_AF_SPEC', 'AF_', () => [
  [28, 'AF_MPLS', nested(() => mplsStatsAttrs)],
]);

/** `MPLS_STATS_*`: the AF_MPLS nest of IFLA_STATS_AF_SPEC (`linux/mpls.h`). */
export const mplsStatsAttrs = attrSet('MPLS_STATS', 'MPLS_STATS_', () => [
  [0, 'MPLS_STATS_UNSPEC', binary()], // the 64-bit alignment pad (not sent on x86)
  [1, 'MPLS_STATS_LINK', mplsLinkStats],
]);

/** The reply's groups (`IFLA_STATS_*`), as filter_mask selects them. */
export const statsAttrs = attrSet('IFLA_STATS', 'IFLA_STATS_', () => [
  [0, 'IFLA_STATS_UNSPEC', binary()], // the 64-bit alignment pad (not sent on x86)
  [1, 'IFLA_STATS_LINK_64', rtnlLinkStats64],
  [2, 'IFLA_STATS_LINK_XSTATS', nested(() => linkXstatsAttrs)],
  [3, 'IFLA_STATS_LINK_XSTATS_SLAVE', nested(() => linkXstatsAttrs)],
  [4, 'IFLA_STATS_LINK_OFFLOAD_XSTATS', nested(() => offloadXstatsAttrs)],
  [5, 'IFLA_STATS_AF_SPEC', nested(() => statsAfSpecAttrs)],
]);

/** IFLA_STATS_GET_FILTERS: per group, a mask of its sub-groups wanted (only the offload group has any). */
export const statsFilterAttrs = attrSet('IFLA_STATS_GET_FILTERS', 'IFLA_STATS_', () => [
  [1, 'IFLA_STATS_LINK_64', u32],
  [2, 'IFLA_STATS_LINK_XSTATS', u32],
  [3, 'IFLA_STATS_LINK_XSTATS_SLAVE', u32],
  [4, 'IFLA_STATS_LINK_OFFLOAD_XSTATS', flagsOf(u32, IFLA_OFFLOAD_XSTATS_FILTER)],
  [5, 'IFLA_STATS_AF_SPEC', u32],
]);

/** `IFLA_STATS_GETSET_*`: the attributes of RTM_GETSTATS and RTM_SETSTATS requests. */
export const statsGetSetAttrs = attrSet('IFLA_STATS_GETSET', 'IFLA_STATS_', () => [
  [1, 'IFLA_STATS_GET_FILTERS', nested(() => statsFilterAttrs), { flags: NLA_F_NESTED }],
  [2, 'IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS', u8], // 0 or 1
]);
