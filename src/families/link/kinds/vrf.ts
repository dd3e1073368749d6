/**
 * VRF attributes: IFLA_INFO_DATA of kind `vrf` and IFLA_INFO_SLAVE_DATA of
 * its ports (`enum { IFLA_VRF_* }` and `enum { IFLA_VRF_PORT_* }` in
 * `linux/if_link.h`, Linux 6.18 / iproute2's include/uapi as fetched).
 */
import { attrSet } from '../../../schema/attr-set.js';
import { u32 } from '../../../schema/scalars.js';

/** `IFLA_VRF_*`: IFLA_INFO_DATA of a `vrf` link. */
export const vrfAttrs = attrSet('IFLA_VRF', 'IFLA_VRF_', () => [
  [1, 'IFLA_VRF_TABLE', u32], // routing table id
]);

/** `IFLA_VRF_PORT_*`: IFLA_INFO_SLAVE_DATA of a link enslaved to a VRF. */
export const vrfPortAttrs = attrSet('IFLA_VRF_PORT', 'IFLA_VRF_PORT_', () => [
  [1, 'IFLA_VRF_PORT_TABLE', u32], // the VRF's table
]);
