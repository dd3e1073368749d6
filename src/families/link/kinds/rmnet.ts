/**
 * Qualcomm rmnet attributes: IFLA_INFO_DATA of kind `rmnet` (`enum {
 * IFLA_RMNET_* }`, `struct ifla_rmnet_flags` and RMNET_FLAGS_* in
 * `linux/if_link.h`, Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * ```
 * struct ifla_rmnet_flags {
 *   0  __u32 flags;  RMNET_FLAGS_*
 *   4  __u32 mask;   bits to change
 * };               (8 bytes)
 * ```
 */
import { attrSet } from '../../../schema/attr-set.js';
import { flagsOf } from '../../../schema/enums.js';
import { u16, u32 } from '../../../schema/scalars.js';
import { struct } from '../../../schema/struct.js';

/** `RMNET_FLAGS_*`: bits of `ifla_rmnet_flags`. */
export const RMNET_FLAGS = {
  RMNET_FLAGS_INGRESS_DEAGGREGATION: 1 << 0,
  RMNET_FLAGS_INGRESS_MAP_COMMANDS: 1 << 1,
  RMNET_FLAGS_INGRESS_MAP_CKSUMV4: 1 << 2,
  RMNET_FLAGS_EGRESS_MAP_CKSUMV4: 1 << 3,
  RMNET_FLAGS_INGRESS_MAP_CKSUMV5: 1 << 4,
  RMNET_FLAGS_EGRESS_MAP_CKSUMV5: 1 << 5,
} as const;

/** `struct ifla_rmnet_flags`. */
export const iflaRmnetFlags = struct('ifla_rmnet_flags', '', [
  ['flags', flagsOf(u32, RMNET_FLAGS)],
  ['mask', flagsOf(u32, RMNET_FLAGS)],
]);

/** `IFLA_RMNET_*`: IFLA_INFO_DATA of an `rmnet` link. */
export const rmnetAttrs = attrSet('IFLA_RMNET', 'IFLA_RMNET_', () => [
  [1, 'IFLA_RMNET_MUX_ID', u16], // 1..254
  [2, 'IFLA_RMNET_FLAGS', iflaRmnetFlags],
]);
