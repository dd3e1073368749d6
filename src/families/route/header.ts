/**
 * The route message header.
 *
 * ```
 * struct rtmsg {                 0          1           2           3
 *   unsigned char rtm_family;    +----------+-----------+-----------+---------+
 *   unsigned char rtm_dst_len;   | family   | dst_len   | src_len   | tos     |
 *   unsigned char rtm_src_len;   +----------+-----------+-----------+---------+
 *   unsigned char rtm_tos;       | table    | protocol  | scope     | type    |
 *   unsigned char rtm_table;     +----------+-----------+-----------+---------+
 *   unsigned char rtm_protocol;  |              rtm_flags (RTM_F_*)             |
 *   unsigned char rtm_scope;     +---------------------------------------------+
 *   unsigned char rtm_type;
 *   unsigned      rtm_flags;
 * };
 * ```
 * 12 bytes. Table ids above 255 travel in RTA_TABLE.
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import { u8, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF, RT_SCOPE, RT_TABLE, RTM_F, RTN, RTPROT } from '../../rtnl/constants.js';

export const rtmsg = struct('rtmsg', 'rtm_', [
  ['rtm_family', enumOf(u8, AF)],
  ['rtm_dst_len', u8, { unit: 'bits' }],
  ['rtm_src_len', u8, { unit: 'bits' }],
  ['rtm_tos', u8],
  ['rtm_table', enumOf(u8, RT_TABLE)],
  ['rtm_protocol', enumOf(u8, RTPROT)],
  ['rtm_scope', enumOf(u8, RT_SCOPE)],
  ['rtm_type', enumOf(u8, RTN)],
  ['rtm_flags', flagsOf(u32, RTM_F)],
]);

/**
 * IPv4 routing cache flags (`RTCF_*`, `linux/in_route.h`): the upper 16 bits
 * of rtm_flags in the answer to RTM_GETROUTE, which `ip route get` prints
 * as `cache <...>`. Several are unused by current kernels but still named.
 */
export const RTCF = {
  RTCF_NOTIFY: 0x00010000,
  RTCF_DIRECTDST: 0x00020000,
  RTCF_REDIRECTED: 0x00040000,
  RTCF_TPROXY: 0x00080000,
  RTCF_FAST: 0x00200000,
  RTCF_MASQ: 0x00400000,
  RTCF_SNAT: 0x00800000,
  RTCF_DOREDIRECT: 0x01000000,
  RTCF_DIRECTSRC: 0x04000000,
  RTCF_DNAT: 0x08000000,
  RTCF_BROADCAST: 0x10000000,
  RTCF_MULTICAST: 0x20000000,
  RTCF_REJECT: 0x40000000,
  RTCF_LOCAL: 0x80000000,
} as const;

/** Decoded `rtmsg`. */
export type { Rtmsg as RtMsg } from '../message-types.js';
