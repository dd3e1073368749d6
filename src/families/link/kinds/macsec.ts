/**
 * MACsec attributes: IFLA_INFO_DATA of kind `macsec` (`enum {
 * IFLA_MACSEC_* }`, `enum macsec_validation_type` and `enum
 * macsec_offload` in `linux/if_link.h`, MACSEC_CIPHER_ID_* in
 * `linux/if_macsec.h`; Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * SCI is the 64-bit secure channel identifier in network order (the MAC
 * address, then the port), PORT a __be16; CIPHER_SUITE is a host-order u64
 * (MACSEC_CIPHER_ID_GCM_AES_128 = 0x0080C20001000001, ..._256 = ...02,
 * XPN variants ...03 and ...04; the deprecated default 0x0080020001000001),
 * kept as a number because the ids exceed 2^53. The switches are u8 0/1.
 * PAD precedes the u64s where they would be misaligned.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { enumOf } from '../../../schema/enums.js';
import { u16be, u32, u64, u64be, u8 } from '../../../schema/scalars.js';
import { pad } from '../kinds.js';

/** IFLA_MACSEC_VALIDATION values (`enum macsec_validation_type`). */
export const MACSEC_VALIDATE = {
  MACSEC_VALIDATE_DISABLED: 0,
  MACSEC_VALIDATE_CHECK: 1,
  MACSEC_VALIDATE_STRICT: 2,
} as const;

/** IFLA_MACSEC_OFFLOAD values (`enum macsec_offload`). */
export const MACSEC_OFFLOAD = {
  MACSEC_OFFLOAD_OFF: 0,
  MACSEC_OFFLOAD_PHY: 1,
  MACSEC_OFFLOAD_MAC: 2,
} as const;

/** `IFLA_MACSEC_*`: IFLA_INFO_DATA of a `macsec` link. */
export const macsecAttrs = attrSet('IFLA_MACSEC', 'IFLA_MACSEC_', () => [
  [1, 'IFLA_MACSEC_SCI', u64be],
  [2, 'IFLA_MACSEC_PORT', u16be],
  [3, 'IFLA_MACSEC_ICV_LEN', u8], // bytes, 8..16
  [4, 'IFLA_MACSEC_CIPHER_SUITE', u64],
  [5, 'IFLA_MACSEC_WINDOW', u32], // replay window
  [6, 'IFLA_MACSEC_ENCODING_SA', u8], // 0..3
  [7, 'IFLA_MACSEC_ENCRYPT', u8],
  [8, 'IFLA_MACSEC_PROTECT', u8],
  [9, 'IFLA_MACSEC_INC_SCI', u8], // send_sci
  [10, 'IFLA_MACSEC_ES', u8], // end_station
  [11, 'IFLA_MACSEC_SCB', u8],
  [12, 'IFLA_MACSEC_REPLAY_PROTECT', u8],
  [13, 'IFLA_MACSEC_VALIDATION', enumOf(u8, MACSEC_VALIDATE)],
  [14, 'IFLA_MACSEC_PAD', pad],
  [15, 'IFLA_MACSEC_OFFLOAD', enumOf(u8, MACSEC_OFFLOAD)],
]);
