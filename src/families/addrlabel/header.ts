/**
 * IPv6 address labels (RTM_NEWADDRLABEL/DELADDRLABEL/GETADDRLABEL,
 * `linux/if_addrlabel.h`, Linux 6.18): the `ifaddrlblmsg` header. Labels
 * feed the source address selection of RFC 6724 (`ip addrlabel`).
 *
 * ```
 * struct ifaddrlblmsg {            0        1        2        3
 *   __u8  ifal_family;             +--------+--------+--------+--------+
 *   __u8  __ifal_reserved;         | family | (rsvd) | preflen| flags  |
 *   __u8  ifal_prefixlen;          +--------+--------+--------+--------+
 *   __u8  ifal_flags;              |               index               |
 *   __u32 ifal_index;              +-----------------------------------+
 *   __u32 ifal_seq;                |                seq                |
 * };                               +-----------------------------------+
 * ```
 * 12 bytes, host byte order. ifal_index 0: any interface. ifal_seq is
 * the table's generation number, which a GET may have to match.
 */
import { enumOf } from '../../schema/enums.js';
import { u8, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

export const ifaddrlblmsg = struct('ifaddrlblmsg', 'ifal_', [
  ['ifal_family', enumOf(u8, AF)],
  ['__ifal_reserved', u8],
  ['ifal_prefixlen', u8],
  ['ifal_flags', u8],
  ['ifal_index', u32],
  ['ifal_seq', u32],
]);
