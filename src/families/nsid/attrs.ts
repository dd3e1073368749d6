/**
 * Namespace id messages (RTM_NEWNSID/DELNSID/GETNSID): a `struct rtgenmsg`
 * padded to 4 bytes, then NETNSA_* attributes (`linux/net_namespace.h`,
 * Linux 6.18: NETNSA_NONE to NETNSA_CURRENT_NSID = 5).
 *
 * ```
 * struct rtgenmsg {                0        1        2        3
 *   unsigned char rtgen_family;    +--------+--------------------------+
 * };                               | family |  (padding to 4 bytes)    |
 *                                  +--------+--------------------------+
 * ```
 */
import { attrSet } from '../../schema/attr-set.js';
import { enumOf } from '../../schema/enums.js';
import { s32, u32, u8 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

/** NETNSA_NSID value meaning "no id assigned". */
export const NETNSA_NSID_NOT_ASSIGNED = -1;

export const rtgenmsg = struct('rtgenmsg', 'rtgen_', [['rtgen_family', enumOf(u8, AF)], 3]);

export const nsidAttrs = attrSet('NETNSA', 'NETNSA_', () => [
  [1, 'NETNSA_NSID', s32],
  [2, 'NETNSA_PID', u32],
  [3, 'NETNSA_FD', u32],
  [4, 'NETNSA_TARGET_NSID', s32],
  [5, 'NETNSA_CURRENT_NSID', s32],
]);
