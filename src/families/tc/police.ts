/**
 * Policing (`linux/pkt_cls.h`, Linux 6.18): `TCA_POLICE_*`, the options of
 * the police action and of a classifier's own policer (TCA_U32_POLICE,
 * TCA_BPF_POLICE). The kernel these fixtures come from refuses the police
 * action; declared from the header.
 *
 * ```
 * struct tc_police {
 *    0  __u32 index;     4  int action;    (TC_ACT_* when over the rate)
 *    8  __u32 limit;    12  __u32 burst;   (ticks)
 *   16  __u32 mtu;
 *   20  struct tc_ratespec rate;
 *   32  struct tc_ratespec peakrate;
 *   44  int refcnt;     48  int bindcnt;  52  __u32 capab;
 * };
 *
 * struct tcf_t {                   (every action's TM attribute)
 *    0  __u64 install;  8  __u64 lastuse;  16  __u64 expires;  24  __u64 firstuse;
 * };
 * ```
 * tcf_t's times are how long ago, in clock ticks (USER_HZ, 100 per second).
 */
import { attrSet } from '../../schema/attr-set.js';
import { enumOf } from '../../schema/enums.js';
import { binary, s32, u32, u64 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { rateTable, tcRatespec } from './ratespec.js';

/**
 * Verdicts of an action (`TC_ACT_*`): what happens to the packet next.
 * JUMP and GOTO_CHAIN are opcodes in the top nibble, combined with a count
 * or a chain index in the low 28 bits (those combinations stay numbers).
 */
export const TC_ACT = {
  TC_ACT_UNSPEC: -1,
  TC_ACT_OK: 0,
  TC_ACT_RECLASSIFY: 1,
  TC_ACT_SHOT: 2,
  TC_ACT_PIPE: 3,
  TC_ACT_STOLEN: 4,
  TC_ACT_QUEUED: 5,
  TC_ACT_REPEAT: 6,
  TC_ACT_REDIRECT: 7,
  TC_ACT_TRAP: 8,
  TC_ACT_JUMP: 1 << 28,
  TC_ACT_GOTO_CHAIN: 2 << 28,
} as const;

/** An action's verdict field (`int action`). */
export const tcActVerdict = enumOf(s32, TC_ACT);

/** `struct tcf_t`: when the action was installed, last used, expires, first used. */
export const tcfT = struct('tcf_t', '', [
  ['install', u64],
  ['lastuse', u64],
  ['expires', u64],
  ['firstuse', u64],
]);

export const tcPolice = struct('tc_police', '', [
  ['index', u32],
  ['action', tcActVerdict],
  ['limit', u32],
  ['burst', u32],
  ['mtu', u32],
  ['rate', tcRatespec],
  ['peakrate', tcRatespec],
  ['refcnt', s32],
  ['bindcnt', s32],
  ['capab', u32],
]);

export const policeAttrs = attrSet('TCA_POLICE', 'TCA_POLICE_', () => [
  [1, 'TCA_POLICE_TBF', tcPolice],
  [2, 'TCA_POLICE_RATE', rateTable],
  [3, 'TCA_POLICE_PEAKRATE', rateTable],
  // Average rate (bytes/s) to police against, with an estimator.
  [4, 'TCA_POLICE_AVRATE', u32],
  // The verdict when conforming (TC_ACT_*).
  [5, 'TCA_POLICE_RESULT', tcActVerdict],
  [6, 'TCA_POLICE_TM', tcfT],
  // Aligns the u64 attributes; no payload of its own.
  [7, 'TCA_POLICE_PAD', binary()],
  [8, 'TCA_POLICE_RATE64', u64],
  [9, 'TCA_POLICE_PEAKRATE64', u64],
  [10, 'TCA_POLICE_PKTRATE64', u64],
  [11, 'TCA_POLICE_PKTBURST64', u64],
]);
