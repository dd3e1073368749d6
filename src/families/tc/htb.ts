/**
 * The htb qdisc and its classes (`linux/pkt_sched.h`, Linux 6.18): TCA_OPTIONS
 * of kind "htb" is `TCA_HTB_*`. The qdisc carries TCA_HTB_INIT (and
 * DIRECT_QLEN), a class TCA_HTB_PARMS with its rate tables (requests) or
 * its 64-bit rates (when above 2^32-1 bytes/s). A class's statistics
 * (TCA_XSTATS, TCA_STATS_APP) are `struct tc_htb_xstats`.
 *
 * ```
 * struct tc_htb_opt {              struct tc_htb_glob {
 *    0  struct tc_ratespec rate;      0  __u32 version;       (see below)
 *   12  struct tc_ratespec ceil;      4  __u32 rate2quantum;
 *   24  __u32 buffer;   (ticks)       8  __u32 defcls;        (minor of the default class)
 *   28  __u32 cbuffer;  (ticks)      12  __u32 debug;
 *   32  __u32 quantum;  (bytes)      16  __u32 direct_pkts;   (out only)
 *   36  __u32 level;    (out only) };
 *   40  __u32 prio;
 * };                               struct tc_htb_xstats {
 *                                     0  __u32 lends;   4 __u32 borrows;
 *                                     8  __u32 giants; 12 __s32 tokens;
 *                                    16  __s32 ctokens;
 *                                  };
 * ```
 * `version` is 3 (TC_HTB_PROTOVER) in a request; the kernel answers with
 * its own, major << 16 | minor (0x30011, which tc prints as `ver 3.17`).
 * Rates are bytes per second, buffers in ticks of the packet scheduler's
 * clock (/proc/net/psched).
 */
import { attrSet } from '../../schema/attr-set.js';
import { binary, flag, s32, u32, u64 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { rateTable, tcRatespec } from './ratespec.js';

export const tcHtbOpt = struct('tc_htb_opt', '', [
  ['rate', tcRatespec],
  ['ceil', tcRatespec],
  ['buffer', u32],
  ['cbuffer', u32],
  ['quantum', u32],
  ['level', u32],
  ['prio', u32],
]);

export const tcHtbGlob = struct('tc_htb_glob', '', [
  ['version', u32],
  ['rate2quantum', u32],
  ['defcls', u32],
  ['debug', u32],
  ['direct_pkts', u32],
]);

/** A class's htb statistics; tokens and ctokens are in ticks and go negative when the class is over its rate. */
export const tcHtbXstats = struct(
  'tc_htb_xstats',
  '',
  [
    ['lends', u32],
    ['borrows', u32],
    // Unused since htb works with TSO; always 0.
    ['giants', u32],
    ['tokens', s32],
    ['ctokens', s32],
  ],
  { open: true },
);

export const htbAttrs = attrSet('TCA_HTB', 'TCA_HTB_', () => [
  [1, 'TCA_HTB_PARMS', tcHtbOpt],
  [2, 'TCA_HTB_INIT', tcHtbGlob],
  [3, 'TCA_HTB_CTAB', rateTable],
  [4, 'TCA_HTB_RTAB', rateTable],
  [5, 'TCA_HTB_DIRECT_QLEN', u32],
  [6, 'TCA_HTB_RATE64', u64],
  [7, 'TCA_HTB_CEIL64', u64],
  // Aligns the u64 attributes; no payload of its own.
  [8, 'TCA_HTB_PAD', binary()],
  [9, 'TCA_HTB_OFFLOAD', flag],
]);
