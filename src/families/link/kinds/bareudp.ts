/**
 * Bare UDP attributes: IFLA_INFO_DATA of kind `bareudp` (`enum {
 * IFLA_BAREUDP_* }` in `linux/if_link.h`, Linux 6.18 / iproute2's
 * include/uapi as fetched).
 *
 * PORT (destination UDP port) and ETHERTYPE (the tunnelled protocol) are
 * network order; SRCPORT_MIN is host order; MULTIPROTO_MODE is NLA_FLAG.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { enumOf } from '../../../schema/enums.js';
import { flag, u16, u16be } from '../../../schema/scalars.js';

/** IFLA_BAREUDP_ETHERTYPE values the driver accepts (`ETH_P_*`, `linux/if_ether.h`). */
export const BAREUDP_ETHERTYPE = {
  ETH_P_IP: 0x0800,
  ETH_P_IPV6: 0x86dd,
  ETH_P_MPLS_UC: 0x8847,
  ETH_P_MPLS_MC: 0x8848,
} as const;

/** `IFLA_BAREUDP_*`: IFLA_INFO_DATA of a `bareudp` link. */
export const bareudpAttrs = attrSet('IFLA_BAREUDP', 'IFLA_BAREUDP_', () => [
  [1, 'IFLA_BAREUDP_PORT', u16be],
  [2, 'IFLA_BAREUDP_ETHERTYPE', enumOf(u16be, BAREUDP_ETHERTYPE)],
  [3, 'IFLA_BAREUDP_SRCPORT_MIN', u16],
  [4, 'IFLA_BAREUDP_MULTIPROTO_MODE', flag],
]);
