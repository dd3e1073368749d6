/**
 * netkit attributes: IFLA_INFO_DATA of kind `netkit` (`enum {
 * IFLA_NETKIT_* }`, `enum netkit_action`, `enum netkit_mode`, `enum
 * netkit_scrub` and `enum netkit_pairing` in `linux/if_link.h`, Linux 6.18
 * / iproute2's include/uapi as fetched; PAIRING is newer than 6.18).
 *
 * PEER_INFO, as VETH_INFO_PEER, carries a whole `struct ifinfomsg` and
 * IFLA_* attributes for the peer (requests only). POLICY, PEER_POLICY,
 * MODE, SCRUB, PEER_SCRUB and PAIRING are u32, HEADROOM and TAILROOM u16,
 * PRIMARY a u8 0/1.
 */
import { attrSet, headed } from '../../../schema/attr-set.js';
import { enumOf } from '../../../schema/enums.js';
import { u16, u32, u8 } from '../../../schema/scalars.js';
import { linkAttrs } from '../attrs.js';
import { ifinfomsg } from '../header.js';

/** IFLA_NETKIT_POLICY / PEER_POLICY values (`enum netkit_action`; NETKIT_NEXT is -1, 0xffffffff as a u32). */
export const NETKIT_ACTION = {
  NETKIT_NEXT: 0xffffffff,
  NETKIT_PASS: 0,
  NETKIT_DROP: 2,
  NETKIT_REDIRECT: 7,
} as const;

/** IFLA_NETKIT_MODE values (`enum netkit_mode`). */
export const NETKIT_MODE = {
  NETKIT_L2: 0,
  NETKIT_L3: 1,
} as const;

/** IFLA_NETKIT_SCRUB / PEER_SCRUB values (`enum netkit_scrub`). */
export const NETKIT_SCRUB = {
  NETKIT_SCRUB_NONE: 0,
  NETKIT_SCRUB_DEFAULT: 1,
} as const;

/** IFLA_NETKIT_PAIRING values (`enum netkit_pairing`). */
export const NETKIT_PAIRING = {
  NETKIT_DEVICE_PAIR: 0,
  NETKIT_DEVICE_SINGLE: 1,
} as const;

/** `IFLA_NETKIT_*`: IFLA_INFO_DATA of a `netkit` link. */
export const netkitAttrs = attrSet('IFLA_NETKIT', 'IFLA_NETKIT_', () => [
  [1, 'IFLA_NETKIT_PEER_INFO', headed(ifinfomsg, () => linkAttrs, 'IFLA_NETKIT_PEER_INFO')],
  [2, 'IFLA_NETKIT_PRIMARY', u8],
  [3, 'IFLA_NETKIT_POLICY', enumOf(u32, NETKIT_ACTION)],
  [4, 'IFLA_NETKIT_PEER_POLICY', enumOf(u32, NETKIT_ACTION)],
  [5, 'IFLA_NETKIT_MODE', enumOf(u32, NETKIT_MODE)],
  [6, 'IFLA_NETKIT_SCRUB', enumOf(u32, NETKIT_SCRUB)],
  [7, 'IFLA_NETKIT_PEER_SCRUB', enumOf(u32, NETKIT_SCRUB)],
  [8, 'IFLA_NETKIT_HEADROOM', u16],
  [9, 'IFLA_NETKIT_TAILROOM', u16],
  [10, 'IFLA_NETKIT_PAIRING', enumOf(u32, NETKIT_PAIRING)],
]);
