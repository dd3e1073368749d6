/**
 * Routing policy rules (RTM_NEWRULE/DELRULE/GETRULE, `linux/fib_rules.h`,
 * Linux 6.18): the `fib_rule_hdr` header, its flags (FIB_RULE_*) and
 * actions (FR_ACT_*).
 *
 * ```
 * struct fib_rule_hdr {            0        1        2        3
 *   __u8  family;                  +--------+--------+--------+--------+
 *   __u8  dst_len;                 | family | dst_len| src_len|  tos   |
 *   __u8  src_len;                 +--------+--------+--------+--------+
 *   __u8  tos;                     | table  | (res1) | (res2) | action |
 *   __u8  table;                   +--------+--------+--------+--------+
 *   __u8  res1, res2;              |             flags                 |
 *   __u8  action;                  +-----------------------------------+
 *   __u32 flags;
 * };
 * ```
 * 12 bytes, host byte order. Tables above 255 travel in FRA_TABLE.
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import { u8, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF, RT_TABLE } from '../../rtnl/constants.js';

/** Rule flags (`FIB_RULE_*`). */
export const FIB_RULE = {
  FIB_RULE_PERMANENT: 0x1,
  FIB_RULE_INVERT: 0x2,
  FIB_RULE_UNRESOLVED: 0x4,
  FIB_RULE_IIF_DETACHED: 0x8,
  FIB_RULE_OIF_DETACHED: 0x10,
  FIB_RULE_FIND_SADDR: 0x10000,
} as const;

/** Rule actions (`FR_ACT_*`). */
export const FR_ACT = {
  FR_ACT_UNSPEC: 0,
  FR_ACT_TO_TBL: 1,
  FR_ACT_GOTO: 2,
  FR_ACT_NOP: 3,
  FR_ACT_RES3: 4,
  FR_ACT_RES4: 5,
  FR_ACT_BLACKHOLE: 6,
  FR_ACT_UNREACHABLE: 7,
  FR_ACT_PROHIBIT: 8,
} as const;

export const fibRuleHdr = struct('fib_rule_hdr', '', [
  ['family', enumOf(u8, AF)],
  ['dst_len', u8],
  ['src_len', u8],
  ['tos', u8],
  ['table', enumOf(u8, RT_TABLE)],
  ['res1', u8],
  ['res2', u8],
  ['action', enumOf(u8, FR_ACT)],
  ['flags', flagsOf(u32, FIB_RULE)],
]);
