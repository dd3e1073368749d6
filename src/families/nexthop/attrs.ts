/**
 * Next hop attributes (`NHA_*`, `linux/nexthop.h`, Linux 6.18: NHA_UNSPEC
 * to NHA_HW_STATS_USED = 17) and the sets nested in them: a resilient
 * group's parameters (NHA_RES_GROUP_*), one bucket of such a group
 * (NHA_RES_BUCKET_*, in RTM_*NEXTHOPBUCKET) and the per-member packet
 * counters of a group (NHA_GROUP_STATS_*, asked for with NHA_OP_FLAGS).
 *
 * NHA_ENCAP is typed by NHA_ENCAP_TYPE (an LWTUNNEL_ENCAP_*, as RTA_ENCAP
 * is) and kept as bytes here, as the route family keeps RTA_ENCAP.
 * NHA_OIF, NHA_GROUPS, NHA_MASTER and NHA_FDB double as dump filters.
 * The nested sets carry NLA_F_NESTED both ways (the kernel parses them
 * strictly and refuses them without it).
 */
import { NLA_F_NESTED } from '../../core/constants.js';
import { ip } from '../../schema/addresses.js';
import { arrayOf } from '../../schema/array.js';
import { attrSet, nested } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { bytes, flag, u16, u32, u64 } from '../../schema/scalars.js';
import { LWTUNNEL_ENCAP } from '../route/attrs.js';
import { uint } from '../../schema/uint.js';
import { NEXTHOP_GRP_TYPE, NHA_OP_FLAG, nexthopGrp } from './header.js';

/** NHA_RES_GROUP: a resilient group's bucket count and timers (clock_t, centiseconds). */
export const resGroupAttrs = attrSet('NHA_RES_GROUP', 'NHA_RES_GROUP_', () => [
  // 0 is NHA_RES_GROUP_PAD (64-bit alignment of UNBALANCED_TIME).
  [1, 'NHA_RES_GROUP_BUCKETS', u16],
  [2, 'NHA_RES_GROUP_IDLE_TIMER', u32],
  [3, 'NHA_RES_GROUP_UNBALANCED_TIMER', u32],
  [4, 'NHA_RES_GROUP_UNBALANCED_TIME', u64],
]);

/** NHA_RES_BUCKET: one bucket of a resilient group (RTM_*NEXTHOPBUCKET). */
export const resBucketAttrs = attrSet('NHA_RES_BUCKET', 'NHA_RES_BUCKET_', () => [
  // 0 is NHA_RES_BUCKET_PAD.
  [1, 'NHA_RES_BUCKET_INDEX', u16],
  [2, 'NHA_RES_BUCKET_IDLE_TIME', u64],
  [3, 'NHA_RES_BUCKET_NH_ID', u32],
]);

/** One member's counters in NHA_GROUP_STATS. */
export const groupStatsEntryAttrs = attrSet('NHA_GROUP_STATS_ENTRY', 'NHA_GROUP_STATS_ENTRY_', () => [
  [1, 'NHA_GROUP_STATS_ENTRY_ID', u32],
  [2, 'NHA_GROUP_STATS_ENTRY_PACKETS', uint],
  [3, 'NHA_GROUP_STATS_ENTRY_PACKETS_HW', uint],
]);

export const groupStatsAttrs = attrSet('NHA_GROUP_STATS', 'NHA_GROUP_STATS_', () => [
  [1, 'NHA_GROUP_STATS_ENTRY', nested(() => groupStatsEntryAttrs), { multi: true, flags: NLA_F_NESTED }],
]);

export const nexthopAttrs = attrSet('NHA', 'NHA_', () => [
  [1, 'NHA_ID', u32],
  [2, 'NHA_GROUP', arrayOf(nexthopGrp)],
  [3, 'NHA_GROUP_TYPE', enumOf(u16, NEXTHOP_GRP_TYPE)],
  [4, 'NHA_BLACKHOLE', flag],
  [5, 'NHA_OIF', u32],
  // 4 bytes for IPv4, 16 for IPv6.
  [6, 'NHA_GATEWAY', ip],
  [7, 'NHA_ENCAP_TYPE', enumOf(u16, LWTUNNEL_ENCAP)],
  [8, 'NHA_ENCAP', bytes],
  [9, 'NHA_GROUPS', flag],
  [10, 'NHA_MASTER', u32],
  [11, 'NHA_FDB', flag],
  [12, 'NHA_RES_GROUP', nested(() => resGroupAttrs), { flags: NLA_F_NESTED }],
  [13, 'NHA_RES_BUCKET', nested(() => resBucketAttrs), { flags: NLA_F_NESTED }],
  [14, 'NHA_OP_FLAGS', flagsOf(u32, NHA_OP_FLAG)],
  [15, 'NHA_GROUP_STATS', nested(() => groupStatsAttrs), { flags: NLA_F_NESTED }],
  [16, 'NHA_HW_STATS_ENABLE', u32],
  [17, 'NHA_HW_STATS_USED', u32],
]);
