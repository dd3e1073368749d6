/**
 * The u32 classifier (`linux/pkt_cls.h`, Linux 6.18): TCA_OPTIONS of a
 * filter of kind "u32" is `TCA_U32_*`. A u32 filter matches 32-bit words
 * of the packet under masks (its selector, TCA_U32_SEL), and may classify
 * (CLASSID), jump to a hash table (LINK) or run actions (ACT).
 *
 * ```
 * struct tc_u32_sel {              0        1        2        3
 *   unsigned char flags;           +--------+--------+--------+--------+
 *   unsigned char offshift;        | flags  |offshift| nkeys  | (pad)  |
 *   unsigned char nkeys;           +--------+--------+--------+--------+
 *   __be16        offmask;         |     offmask     |       off       |
 *   __u16         off;             +-----------------+-----------------+
 *   short         offoff;          |     offoff      |      hoff       |
 *   short         hoff;            +-----------------+-----------------+
 *   __be32        hmask;           |               hmask               |
 *   struct tc_u32_key keys[];      +-----------------------------------+
 * };                               |  keys[nkeys], 16 bytes each ...   |
 *
 * struct tc_u32_key {              struct tc_u32_mark {
 *    0  __be32 mask;                  0  __u32 val;
 *    4  __be32 val;                   4  __u32 mask;
 *    8  int    off;                   8  __u32 success;   (out only)
 *   12  int    offmask;            };
 * };
 *                                  struct tc_u32_pcnt {
 *                                     0  __u64 rcnt;   8  __u64 rhit;
 *                                    16  __u64 kcnts[nkeys];
 *                                  };
 * ```
 * A key matches when the packet's 32-bit word at `off` (from the network
 * header), ANDed with `mask`, equals `val`: `match ip dst 198.18.0.0/24`
 * is mask 0xffffff00, val 0xc6120000 at 16. mask, val, offmask and hmask
 * are in network byte order.
 */
import { attrSet, nested } from '../../schema/attr-set.js';
import { flagsOf } from '../../schema/enums.js';
import type { Kind } from '../../schema/kind.js';
import { binary, s16, s32, string, u8, u16, u16be, u32, u32be, u64 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { IFNAMSIZ } from '../../rtnl/constants.js';
import { actionList } from './actions.js';
import { tcHandle } from './header.js';
import { policeAttrs } from './police.js';
import { withTrailingArray } from '../../schema/trailing-array.js';

/** tc_u32_sel flags (`TC_U32_*`). */
export const TC_U32 = {
  TC_U32_TERMINAL: 1,
  TC_U32_OFFSET: 2,
  TC_U32_VAROFFSET: 4,
  TC_U32_EAT: 8,
} as const;

/** Filter flags (`TCA_CLS_FLAGS_*`): TCA_U32_FLAGS, TCA_BPF_FLAGS_GEN and the other classifiers' FLAGS. */
export const TCA_CLS_FLAGS = {
  TCA_CLS_FLAGS_SKIP_HW: 1 << 0,
  TCA_CLS_FLAGS_SKIP_SW: 1 << 1,
  TCA_CLS_FLAGS_IN_HW: 1 << 2,
  TCA_CLS_FLAGS_NOT_IN_HW: 1 << 3,
  TCA_CLS_FLAGS_VERBOSE: 1 << 4,
} as const;

/** A big-endian u32 shown in hex, as tc shows match values and masks. */
const hex32be: Kind<number> = { ...u32be, format: (v) => `0x${v.toString(16).padStart(8, '0')}` };

export const tcU32Key = struct('tc_u32_key', '', [
  ['mask', hex32be],
  ['val', hex32be],
  ['off', s32],
  ['offmask', s32],
]);

/** The fixed head of `struct tc_u32_sel` (its `tc_u32_sel_hdr`). */
export const tcU32SelHdr = struct('tc_u32_sel', '', [
  ['flags', flagsOf(u8, TC_U32)],
  ['offshift', u8],
  ['nkeys', u8],
  1,
  ['offmask', u16be],
  ['off', u16],
  ['offoff', s16],
  ['hoff', s16],
  ['hmask', hex32be],
]);

/** TCA_U32_SEL: the selector head and its `nkeys` keys, as `{flags, ..., hmask, keys: [{mask, val, off, offmask}]}`. */
export const tcU32Sel = withTrailingArray(
  tcU32SelHdr,
  'keys',
  tcU32Key,
  '{ flags: number; offshift: number; nkeys: number; offmask: number; off: number; offoff: number; hoff: number; hmask: number; keys: { mask: number; val: number; off: number; offmask: number }[] }',
  (fc) => {
    const int = (min: number, max: number) => fc.integer({ min, max });
    const key = fc.record({ mask: int(0, 0xffffffff), val: int(0, 0xffffffff), off: int(-(2 ** 31), 2 ** 31 - 1), offmask: int(-(2 ** 31), 2 ** 31 - 1) });
    return fc.array(key, { maxLength: 4 }).chain((keys) =>
      fc.record({
        flags: int(0, 255),
        offshift: int(0, 255),
        nkeys: fc.constant(keys.length),
        offmask: int(0, 0xffff),
        off: int(0, 0xffff),
        offoff: int(-32768, 32767),
        hoff: int(-32768, 32767),
        hmask: int(0, 0xffffffff),
        keys: fc.constant(keys),
      }),
    );
  },
);

/** `struct tc_u32_mark` (TCA_U32_MARK): match packets whose mark ANDed with `mask` is `val`; `success` counts them. */
export const tcU32Mark = struct('tc_u32_mark', '', [
  ['val', u32],
  ['mask', u32],
  ['success', u32],
]);

const pcntHead = struct('tc_u32_pcnt', '', [
  ['rcnt', u64],
  ['rhit', u64],
]);

/** TCA_U32_PCNT (CONFIG_CLS_U32_PERF): lookups, hits, and the hits of each key. */
export const tcU32Pcnt = withTrailingArray(pcntHead, 'kcnts', u64, '{ rcnt: number | bigint; rhit: number | bigint; kcnts: (number | bigint)[] }', (fc) =>
  fc.record({ rcnt: fc.maxSafeNat(), rhit: fc.maxSafeNat(), kcnts: fc.array(fc.maxSafeNat(), { maxLength: 4 }) }),
);

export const u32Attrs = attrSet('TCA_U32', 'TCA_U32_', () => [
  [1, 'TCA_U32_CLASSID', tcHandle],
  // The hash table and bucket the filter sits in (`ht 800: bkt 0`).
  [2, 'TCA_U32_HASH', tcHandle],
  // The hash table matching packets go on to.
  [3, 'TCA_U32_LINK', tcHandle],
  // Buckets of a hash table (the filter is a hash table).
  [4, 'TCA_U32_DIVISOR', u32],
  [5, 'TCA_U32_SEL', tcU32Sel],
  [6, 'TCA_U32_POLICE', nested(() => policeAttrs)],
  [7, 'TCA_U32_ACT', actionList],
  [8, 'TCA_U32_INDEV', string(IFNAMSIZ)],
  [9, 'TCA_U32_PCNT', tcU32Pcnt],
  [10, 'TCA_U32_MARK', tcU32Mark],
  [11, 'TCA_U32_FLAGS', flagsOf(u32, TCA_CLS_FLAGS)],
  // Aligns TCA_U32_PCNT's u64; no payload of its own.
  [12, 'TCA_U32_PAD', binary()],
]);
