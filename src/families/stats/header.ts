/**
 * Link statistics by group (RTM_NEWSTATS/GETSTATS/SETSTATS, `ip stats`,
 * `linux/if_link.h`, Linux 6.18): the `if_stats_msg` header and its filter
 * mask.
 *
 * ```
 * struct if_stats_msg {            0        1        2        3
 *   __u8  family;                  +--------+--------+-----------------+
 *   __u8  pad1;                    | family | (pad1) |     (pad2)      |
 *   __u16 pad2;                    +--------+--------+-----------------+
 *   __u32 ifindex;                 |              ifindex              |
 *   __u32 filter_mask;             +-----------------------------------+
 * };                               |            filter_mask            |
 *                                  +-----------------------------------+
 * ```
 * 12 bytes, host byte order. ifindex 0 in a dump request: every link.
 * filter_mask selects the IFLA_STATS_* groups a request wants and says
 * which a reply carries.
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import { u8, u16, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

/**
 * `filter_mask` bits: `IFLA_STATS_FILTER_BIT(attr)` = `1 << (attr - 1)`,
 * one per IFLA_STATS_* group, named after the group.
 */
export const IFLA_STATS_FILTER = {
  IFLA_STATS_LINK_64: 1 << 0,
  IFLA_STATS_LINK_XSTATS: 1 << 1,
  IFLA_STATS_LINK_XSTATS_SLAVE: 1 << 2,
  IFLA_STATS_LINK_OFFLOAD_XSTATS: 1 << 3,
  IFLA_STATS_AF_SPEC: 1 << 4,
} as const;

export const ifStatsMsg = struct('if_stats_msg', '', [
  ['family', enumOf(u8, AF)],
  ['pad1', u8],
  ['pad2', u16],
  ['ifindex', u32],
  ['filter_mask', flagsOf(u32, IFLA_STATS_FILTER)],
]);
