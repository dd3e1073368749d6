/**
 * The link message header.
 *
 * ```
 * struct ifinfomsg {             0       1       2       3
 *   unsigned char  ifi_family;   +-------+-------+-------+-------+
 *   unsigned char  __ifi_pad;    |family | (pad) |   ifi_type    |
 *   unsigned short ifi_type;     +-------+-------+-------+-------+
 *   int            ifi_index;    |            ifi_index          |
 *   unsigned       ifi_flags;    |            ifi_flags (IFF_*)  |
 *   unsigned       ifi_change;   |            ifi_change (mask)  |
 * };                             +-------------------------------+
 * ```
 * 16 bytes, host byte order. ifi_type is an ARPHRD_* value.
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import { s32, u16, u8, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF, ARPHRD, IFF } from '../../rtnl/constants.js';

export const ifinfomsg = struct('ifinfomsg', 'ifi_', [
  ['ifi_family', enumOf(u8, AF)],
  1,
  ['ifi_type', enumOf(u16, ARPHRD)],
  ['ifi_index', s32, { unit: 'ifindex' }],
  ['ifi_flags', flagsOf(u32, IFF)],
  ['ifi_change', flagsOf(u32, IFF)],
]);

/** Decoded `ifinfomsg`. */
export type { Ifinfomsg as IfInfoMsg } from '../message-types.js';
