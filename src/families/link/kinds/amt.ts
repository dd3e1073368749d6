/**
 * AMT (automatic multicast tunnelling) attributes: IFLA_INFO_DATA of kind
 * `amt` (`enum { IFLA_AMT_* }` and `enum ifla_amt_mode` in `linux/amt.h`,
 * Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * The ports are network order (__be16), the addresses IPv4; LINK is the
 * ifindex of the underlay device.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { ipv4 } from '../../../schema/addresses.js';
import { enumOf } from '../../../schema/enums.js';
import { u16be, u32 } from '../../../schema/scalars.js';

/** IFLA_AMT_MODE values (`enum ifla_amt_mode`). */
export const AMT_MODE = {
  AMT_MODE_GATEWAY: 0,
  AMT_MODE_RELAY: 1,
} as const;

/** `IFLA_AMT_*`: IFLA_INFO_DATA of an `amt` link. */
export const amtAttrs = attrSet('IFLA_AMT', 'IFLA_AMT_', () => [
  [1, 'IFLA_AMT_MODE', enumOf(u32, AMT_MODE)],
  [2, 'IFLA_AMT_RELAY_PORT', u16be],
  [3, 'IFLA_AMT_GATEWAY_PORT', u16be],
  [4, 'IFLA_AMT_LINK', u32],
  [5, 'IFLA_AMT_LOCAL_IP', ipv4],
  [6, 'IFLA_AMT_REMOTE_IP', ipv4],
  [7, 'IFLA_AMT_DISCOVERY_IP', ipv4],
  [8, 'IFLA_AMT_MAX_TUNNELS', u32],
]);
