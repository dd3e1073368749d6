/**
 * Next hop objects (RTM_*NEXTHOP, RTM_*NEXTHOPBUCKET, `linux/nexthop.h`,
 * Linux 6.18): the `nhmsg` header, and the `nexthop_grp` entries a group
 * lists in NHA_GROUP.
 *
 * ```
 * struct nhmsg {                   0        1        2        3
 *   unsigned char nh_family;       +--------+--------+--------+--------+
 *   unsigned char nh_scope;        | family | scope  |protocol| (resvd)|
 *   unsigned char nh_protocol;     +--------+--------+--------+--------+
 *   unsigned char resvd;           |        nh_flags (RTNH_F_*)        |
 *   unsigned int  nh_flags;        +-----------------------------------+
 * };
 *
 * struct nexthop_grp {             +-----------------------------------+
 *   __u32 id;                      |                id                 |
 *   __u8  weight;                  +--------+--------+-----------------+
 *   __u8  weight_high;             | weight | w_high |    (resvd2)     |
 *   __u16 resvd2;                  +--------+--------+-----------------+
 * };
 * ```
 * Host byte order. A group member's weight travels minus one (0 on the
 * wire is weight 1), its high byte in weight_high for weights above 256.
 * nh_scope is set by the kernel only. Groups are AF_UNSPEC.
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import { u8, u16, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF, RT_SCOPE, RTNH_F, RTPROT } from '../../rtnl/constants.js';

/** Group types (NHA_GROUP_TYPE, `NEXTHOP_GRP_TYPE_*`). */
export const NEXTHOP_GRP_TYPE = {
  NEXTHOP_GRP_TYPE_MPATH: 0,
  NEXTHOP_GRP_TYPE_RES: 1,
} as const;

/** NHA_OP_FLAGS bits of a get or dump request. */
export const NHA_OP_FLAG = {
  NHA_OP_FLAG_DUMP_STATS: 1 << 0,
  NHA_OP_FLAG_DUMP_HW_STATS: 1 << 1,
  NHA_OP_FLAG_RESP_GRP_RESVD_0: 2 ** 31,
} as const;

export const nhmsg = struct('nhmsg', 'nh_', [
  ['nh_family', enumOf(u8, AF)],
  ['nh_scope', enumOf(u8, RT_SCOPE)],
  ['nh_protocol', enumOf(u8, RTPROT)],
  ['resvd', u8],
  ['nh_flags', flagsOf(u32, RTNH_F)],
]);

/** One member of a group: a next hop id and its weight minus one (low byte, then high byte). */
export const nexthopGrp = struct('nexthop_grp', '', [
  ['id', u32],
  ['weight', u8],
  ['weight_high', u8],
  ['resvd2', u16],
]);
