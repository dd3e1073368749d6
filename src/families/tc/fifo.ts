/**
 * Qdiscs whose TCA_OPTIONS is a bare struct, not attributes
 * (`linux/pkt_sched.h`, Linux 6.18), and those with no options at all.
 *
 * ```
 * struct tc_fifo_qopt {            struct tc_prio_qopt {
 *    0  __u32 limit;                  0  int  bands;
 * };                                  4  __u8 priomap[16];   (TC_PRIO_MAX + 1)
 *                                  };
 * ```
 * - pfifo, bfifo, pfifo_head_drop: `tc_fifo_qopt`, the queue's limit in
 *   packets (bfifo: bytes).
 * - pfifo_fast, prio: `tc_prio_qopt`, the number of bands and the band of
 *   each of the 16 logical priorities, which tc follows with a "compat
 *   nest": a TCA_OPTIONS attribute holding more attributes (empty today,
 *   TCA_PRIO_MQ once). The kernel's dumps have the struct alone.
 * - ingress, clsact: an empty nest.
 * - mq: no TCA_OPTIONS.
 */
import { attrSet, headed, nested } from '../../schema/attr-set.js';
import type { Kind } from '../../schema/kind.js';
import { binary, s32, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';

export const tcFifoQopt = struct('tc_fifo_qopt', '', [['limit', u32]]);

/** `__u8 priomap[16]`: the band of each logical priority (`TC_PRIO_*`, 0 to TC_PRIO_MAX = 15). */
const priomap: Kind<Uint8Array> = { ...binary(16, 16, 'u8[16]'), fixedSize: 16 };

export const tcPrioQopt = struct('tc_prio_qopt', '', [
  ['bands', s32],
  ['priomap', priomap],
]);

/** TCA_OPTIONS of ingress and clsact, and tc's compat nest: an empty nest (nothing is declared in it). */
export const noOptionAttrs = attrSet('TCA_OPTIONS', 'TCA_OPTIONS_', []);

/** What may follow `tc_prio_qopt`: the compat nest. */
export const prioCompatAttrs = attrSet('TCA_COMPAT', 'TCA_', [[2, 'TCA_OPTIONS', nested(() => noOptionAttrs)]]);

/** TCA_OPTIONS of prio and pfifo_fast: `tc_prio_qopt`, then the compat nest if any. */
export const prioOptions = headed(tcPrioQopt, () => prioCompatAttrs, 'tc_prio_qopt + compat nest');
