/**
 * The bridge's per-VLAN database (RTM_NEWVLAN/DELVLAN/GETVLAN, `bridge
 * vlan` on iproute2 versions that use it, `linux/if_bridge.h`, Linux
 * 6.18): the `br_vlan_msg` header. The kernel answers only when built with
 * CONFIG_BRIDGE_VLAN_FILTERING (EOPNOTSUPP otherwise).
 *
 * ```
 * struct br_vlan_msg {             0        1        2        3
 *   __u8  family;                  +--------+--------+-----------------+
 *   __u8  reserved1;               | family | (rsv1) |     (rsv2)      |
 *   __u16 reserved2;               +--------+--------+-----------------+
 *   __u32 ifindex;                 |              ifindex              |
 * };                               +-----------------------------------+
 * ```
 * 8 bytes, host byte order; family is AF_BRIDGE.
 */
import { enumOf } from '../../schema/enums.js';
import { u8, u16, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

export const brVlanMsg = struct('br_vlan_msg', '', [
  ['family', enumOf(u8, AF)],
  ['reserved1', u8],
  ['reserved2', u16],
  ['ifindex', u32],
]);
