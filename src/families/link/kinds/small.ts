/**
 * Kinds whose IFLA_INFO_DATA holds one attribute: `dsa` (`enum {
 * IFLA_DSA_* }`), `ppp` (`enum { IFLA_PPP_* }`), `ovpn` (`enum {
 * IFLA_OVPN_* }`, `enum ovpn_mode`) in `linux/if_link.h`, and `wwan`
 * (`enum { IFLA_WWAN_* }` in `linux/wwan.h`); Linux 6.18 / iproute2's
 * include/uapi as fetched.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { enumOf } from '../../../schema/enums.js';
import { s32, u32, u8 } from '../../../schema/scalars.js';

/** `IFLA_DSA_*`: IFLA_INFO_DATA of a `dsa` user port. */
export const dsaAttrs = attrSet('IFLA_DSA', 'IFLA_DSA_', () => [
  // Also spelled IFLA_DSA_MASTER (same number, deprecated).
  [1, 'IFLA_DSA_CONDUIT', u32], // ifindex of the conduit (CPU-facing) device
]);

/** `IFLA_PPP_*`: IFLA_INFO_DATA of a `ppp` link. */
export const pppAttrs = attrSet('IFLA_PPP', 'IFLA_PPP_', () => [
  [1, 'IFLA_PPP_DEV_FD', s32], // fd of the /dev/ppp unit (request only)
]);

/** IFLA_OVPN_MODE values (`enum ovpn_mode`). */
export const OVPN_MODE = {
  OVPN_MODE_P2P: 0,
  OVPN_MODE_MP: 1,
} as const;

/** `IFLA_OVPN_*`: IFLA_INFO_DATA of an `ovpn` (OpenVPN data channel) link. */
export const ovpnAttrs = attrSet('IFLA_OVPN', 'IFLA_OVPN_', () => [
  [1, 'IFLA_OVPN_MODE', enumOf(u8, OVPN_MODE)],
]);

/** `IFLA_WWAN_*`: IFLA_INFO_DATA of a `wwan` link. */
export const wwanAttrs = attrSet('IFLA_WWAN', 'IFLA_WWAN_', () => [
  [1, 'IFLA_WWAN_LINK_ID', u32], // the modem's data channel id
]);
