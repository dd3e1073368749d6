/**
 * The fq_codel qdisc (`linux/pkt_sched.h`, Linux 6.18): TCA_OPTIONS of kind
 * "fq_codel" is `TCA_FQ_CODEL_*`. Times (TARGET, INTERVAL, CE_THRESHOLD)
 * are microseconds. The kernel these fixtures come from has no fq_codel
 * module and refuses it; declared from the header.
 *
 * Its TCA_XSTATS (`struct tc_fq_codel_xstats`) is a u32 type followed by
 * a union of the qdisc's statistics (type 0) and a class's (type 1), so
 * it stays opaque here.
 */
import { attrSet } from '../../schema/attr-set.js';
import { u8, u32 } from '../../schema/scalars.js';

export const fqCodelAttrs = attrSet('TCA_FQ_CODEL', 'TCA_FQ_CODEL_', () => [
  [1, 'TCA_FQ_CODEL_TARGET', u32],
  [2, 'TCA_FQ_CODEL_LIMIT', u32],
  [3, 'TCA_FQ_CODEL_INTERVAL', u32],
  [4, 'TCA_FQ_CODEL_ECN', u32],
  [5, 'TCA_FQ_CODEL_FLOWS', u32],
  [6, 'TCA_FQ_CODEL_QUANTUM', u32],
  [7, 'TCA_FQ_CODEL_CE_THRESHOLD', u32],
  [8, 'TCA_FQ_CODEL_DROP_BATCH_SIZE', u32],
  [9, 'TCA_FQ_CODEL_MEMORY_LIMIT', u32],
  [10, 'TCA_FQ_CODEL_CE_THRESHOLD_SELECTOR', u8],
  [11, 'TCA_FQ_CODEL_CE_THRESHOLD_MASK', u8],
]);
