/**
 * The tbf qdisc, a token bucket (`linux/pkt_sched.h`, Linux 6.18):
 * TCA_OPTIONS of kind "tbf" is `TCA_TBF_*`.
 *
 * ```
 * struct tc_tbf_qopt {
 *    0  struct tc_ratespec rate;
 *   12  struct tc_ratespec peakrate;   (rate 0: no peak rate)
 *   24  __u32 limit;                   (bytes queued at most)
 *   28  __u32 buffer;                  (bucket size, in ticks of the rate)
 *   32  __u32 mtu;                     (peak bucket size, in ticks)
 * };
 * ```
 * TCA_TBF_BURST and TCA_TBF_PBURST give the bucket sizes in bytes.
 */
import { attrSet } from '../../schema/attr-set.js';
import { binary, u32, u64 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { rateTable, tcRatespec } from './ratespec.js';

export const tcTbfQopt = struct('tc_tbf_qopt', '', [
  ['rate', tcRatespec],
  ['peakrate', tcRatespec],
  ['limit', u32],
  ['buffer', u32],
  ['mtu', u32],
]);

export const tbfAttrs = attrSet('TCA_TBF', 'TCA_TBF_', () => [
  [1, 'TCA_TBF_PARMS', tcTbfQopt],
  [2, 'TCA_TBF_RTAB', rateTable],
  [3, 'TCA_TBF_PTAB', rateTable],
  [4, 'TCA_TBF_RATE64', u64],
  [5, 'TCA_TBF_PRATE64', u64],
  [6, 'TCA_TBF_BURST', u32],
  [7, 'TCA_TBF_PBURST', u32],
  // Aligns the u64 attributes; no payload of its own.
  [8, 'TCA_TBF_PAD', binary()],
]);
