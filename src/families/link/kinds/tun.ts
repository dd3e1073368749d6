/**
 * tun/tap attributes: IFLA_INFO_DATA of kind `tun` (`enum { IFLA_TUN_* }`
 * in `linux/if_link.h`, IFF_TUN / IFF_TAP in `linux/if_tun.h`; Linux 6.18 /
 * iproute2's include/uapi as fetched).
 *
 * Dumps only: tun devices are made with the TUNSETIFF ioctl (`ip tuntap`),
 * and the kernel refuses to create one through RTM_NEWLINK. OWNER and
 * GROUP (uid, gid) are sent only when set; the switches are u8 0/1.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { enumOf } from '../../../schema/enums.js';
import { u32, u8 } from '../../../schema/scalars.js';

/** IFLA_TUN_TYPE values (`IFF_TUN`, `IFF_TAP`). */
export const TUN_TYPE = {
  IFF_TUN: 0x0001,
  IFF_TAP: 0x0002,
} as const;

/** `IFLA_TUN_*`: IFLA_INFO_DATA of a `tun` link. */
export const tunAttrs = attrSet('IFLA_TUN', 'IFLA_TUN_', () => [
  [1, 'IFLA_TUN_OWNER', u32],
  [2, 'IFLA_TUN_GROUP', u32],
  [3, 'IFLA_TUN_TYPE', enumOf(u8, TUN_TYPE)],
  [4, 'IFLA_TUN_PI', u8],
  [5, 'IFLA_TUN_VNET_HDR', u8],
  [6, 'IFLA_TUN_PERSIST', u8],
  [7, 'IFLA_TUN_MULTI_QUEUE', u8],
  [8, 'IFLA_TUN_NUM_QUEUES', u32],
  [9, 'IFLA_TUN_NUM_DISABLED_QUEUES', u32],
]);
