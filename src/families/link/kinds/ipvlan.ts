/**
 * ipvlan attributes: IFLA_INFO_DATA of kinds `ipvlan` and `ipvtap`
 * (`enum { IFLA_IPVLAN_* }`, `enum ipvlan_mode` and IPVLAN_F_* in
 * `linux/if_link.h`, Linux 6.18 / iproute2's include/uapi as fetched).
 * Both are host-order u16. No flag bit set means `bridge`.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../../schema/enums.js';
import { u16 } from '../../../schema/scalars.js';

/** IFLA_IPVLAN_MODE values (`enum ipvlan_mode`). */
export const IPVLAN_MODE = {
  IPVLAN_MODE_L2: 0,
  IPVLAN_MODE_L3: 1,
  IPVLAN_MODE_L3S: 2,
} as const;

/** IFLA_IPVLAN_FLAGS bits (`IPVLAN_F_*`). */
export const IPVLAN_F = {
  IPVLAN_F_PRIVATE: 0x01,
  IPVLAN_F_VEPA: 0x02,
} as const;

/** `IFLA_IPVLAN_*`: IFLA_INFO_DATA of an `ipvlan` or `ipvtap` link. */
export const ipvlanAttrs = attrSet('IFLA_IPVLAN', 'IFLA_IPVLAN_', () => [
  [1, 'IFLA_IPVLAN_MODE', enumOf(u16, IPVLAN_MODE)],
  [2, 'IFLA_IPVLAN_FLAGS', flagsOf(u16, IPVLAN_F)],
]);
