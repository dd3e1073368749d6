/**
 * IPv6 prefix notifications (RTM_NEWPREFIX, `linux/rtnetlink.h`, Linux
 * 6.18): the `prefixmsg` header. The kernel sends one to RTNLGRP_IPV6_PREFIX
 * for each prefix information option of a router advertisement it accepts;
 * nothing requests them.
 *
 * ```
 * struct prefixmsg {               0        1        2        3
 *   unsigned char  prefix_family;  +--------+--------+-----------------+
 *   unsigned char  prefix_pad1;    | family | (pad1) |     (pad2)      |
 *   unsigned short prefix_pad2;    +--------+--------+-----------------+
 *   int            prefix_ifindex; |              ifindex              |
 *   unsigned char  prefix_type;    +--------+--------+--------+--------+
 *   unsigned char  prefix_len;     |  type  |  len   | flags  | (pad3) |
 *   unsigned char  prefix_flags;   +--------+--------+--------+--------+
 *   unsigned char  prefix_pad3;
 * };
 * ```
 * 12 bytes, host byte order. prefix_type is the ND option type (3, prefix
 * information); prefix_flags its L and A bits (IF_PREFIX_*).
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import { s32, u8, u16 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

/**
 * `prefix_flags` bits (`IF_PREFIX_*`): on-link, usable for
 * autoconfiguration. Not in the UAPI headers: these come from the
 * kernel's `include/net/if_inet6.h`.
 */
export const IF_PREFIX = {
  IF_PREFIX_ONLINK: 0x01,
  IF_PREFIX_AUTOCONF: 0x02,
} as const;

export const prefixmsg = struct('prefixmsg', 'prefix_', [
  ['prefix_family', enumOf(u8, AF)],
  ['prefix_pad1', u8],
  ['prefix_pad2', u16],
  ['prefix_ifindex', s32],
  ['prefix_type', u8],
  ['prefix_len', u8],
  ['prefix_flags', flagsOf(u8, IF_PREFIX)],
  ['prefix_pad3', u8],
]);
