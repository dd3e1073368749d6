/**
 * Statistics and the estimator and size table settings of qdiscs, classes
 * and actions (`linux/gen_stats.h`, `linux/pkt_sched.h`): TCA_STATS2's
 * `TCA_STATS_*`, the older TCA_STATS (`struct tc_stats`), TCA_RATE
 * (`struct tc_estimator`) and TCA_STAB's `TCA_STAB_*`.
 *
 * ```
 * struct gnet_stats_basic {        struct gnet_stats_queue {
 *    0  __u64 bytes;                  0  __u32 qlen;
 *    8  __u32 packets;                4  __u32 backlog;   (bytes)
 *   12  (4 bytes of padding)          8  __u32 drops;
 * };                                 12  __u32 requeues;
 *                                    16  __u32 overlimits;
 * struct gnet_stats_rate_est {     };
 *    0  __u32 bps;  4  __u32 pps;
 * };                               struct gnet_stats_rate_est64 {
 *                                     0  __u64 bps;  8  __u64 pps;
 * struct tc_estimator {            };
 *    0  signed char   interval;
 *    1  unsigned char ewma_log;    struct tc_sizespec {
 * };                                  0  u8 cell_log   1  u8 size_log
 *                                     2  s16 cell_align 4 s32 overhead
 * struct tc_stats {                   8  u32 linklayer 12 u32 mpu
 *    0  __u64 bytes;                 16  u32 mtu       20 u32 tsize
 *    8  __u32 packets, drops,      };
 *         overlimits, bps, pps,
 *         qlen, backlog;
 *   36  (4 bytes of padding)
 * };
 * ```
 * Host byte order. The structs that hold a u64 end in padding on 64-bit
 * machines, and the kernel sends their whole sizeof (16 and 40 bytes).
 */
import { attrSet, nested, type AttrSet } from '../../schema/attr-set.js';
import { arrayOf } from '../../schema/array.js';
import { enumOf } from '../../schema/enums.js';
import type { Kind } from '../../schema/kind.js';
import { binary, bytes, s8, s16, s32, u8, u16, u32, u64 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { TC_LINKLAYER } from './ratespec.js';

export const gnetStatsBasic = struct('gnet_stats_basic', '', [
  ['bytes', u64],
  ['packets', u32],
  4,
]);

export const gnetStatsRateEst = struct('gnet_stats_rate_est', '', [
  ['bps', u32],
  ['pps', u32],
]);

export const gnetStatsRateEst64 = struct('gnet_stats_rate_est64', '', [
  ['bps', u64],
  ['pps', u64],
]);

export const gnetStatsQueue = struct('gnet_stats_queue', '', [
  ['qlen', u32],
  ['backlog', u32],
  ['drops', u32],
  ['requeues', u32],
  ['overlimits', u32],
]);

/** TCA_STATS: the statistics of TCA_STATS2's BASIC, RATE_EST and QUEUE in one struct, for older readers. */
export const tcStats = struct('tc_stats', '', [
  ['bytes', u64],
  ['packets', u32],
  ['drops', u32],
  ['overlimits', u32],
  ['bps', u32],
  ['pps', u32],
  ['qlen', u32],
  ['backlog', u32],
  4,
]);

/** TCA_RATE: the rate estimator's period (2^interval quarter seconds) and averaging weight (1/2^ewma_log). */
export const tcEstimator = struct('tc_estimator', '', [
  ['interval', s8],
  ['ewma_log', u8],
]);

/**
 * `TCA_STATS_*`, nested in TCA_STATS2 (and TCA_ACT_STATS). TCA_STATS_APP is
 * the qdisc's or class's own statistics, the same bytes as TCA_XSTATS:
 * `app` types it (opaque where the kind has none declared).
 */
export function statsAttrs(app: Kind): AttrSet {
  return attrSet('TCA_STATS', 'TCA_STATS_', () => [
    [1, 'TCA_STATS_BASIC', gnetStatsBasic],
    [2, 'TCA_STATS_RATE_EST', gnetStatsRateEst],
    [3, 'TCA_STATS_QUEUE', gnetStatsQueue],
    [4, 'TCA_STATS_APP', app],
    [5, 'TCA_STATS_RATE_EST64', gnetStatsRateEst64],
    // Aligns the u64 of the attributes after it; no payload of its own.
    [6, 'TCA_STATS_PAD', binary()],
    // Packets and bytes the hardware handled (counted in BASIC too).
    [7, 'TCA_STATS_BASIC_HW', gnetStatsBasic],
    // The packet count when it no longer fits BASIC's u32.
    [8, 'TCA_STATS_PKT64', u64],
  ]);
}

/** TCA_STATS2 of a kind without typed TCA_STATS_APP. */
export const genericStatsAttrs = statsAttrs(bytes);

/** The size table's parameters (TCA_STAB_BASE): how packet sizes map to the sizes the scheduler charges. */
export const tcSizespec = struct('tc_sizespec', '', [
  ['cell_log', u8],
  ['size_log', u8],
  ['cell_align', s16],
  ['overhead', s32],
  ['linklayer', enumOf(u32, TC_LINKLAYER)],
  ['mpu', u32],
  ['mtu', u32],
  ['tsize', u32],
]);

/** `TCA_STAB_*`, nested in TCA_STAB. */
export const stabAttrs = attrSet('TCA_STAB', 'TCA_STAB_', () => [
  [1, 'TCA_STAB_BASE', tcSizespec],
  // tsize u16 sizes, one per cell.
  [2, 'TCA_STAB_DATA', arrayOf(u16, 'u16[] (size table)')],
]);

/** TCA_STATS2 typed by `statsAttrs(app)`. */
export const stats2 = (app: Kind): Kind => nested(() => statsAttrs(app));
