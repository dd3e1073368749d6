/**
 * GENEVE attributes: IFLA_INFO_DATA of kind `geneve` (`enum {
 * IFLA_GENEVE_* }`, `enum ifla_geneve_df` and `struct
 * ifla_geneve_port_range` in `linux/if_link.h`, Linux 6.18 / iproute2's
 * include/uapi as fetched; PORT_RANGE, GRO_HINT, LOCAL and LOCAL6 are
 * newer than the 6.18 kernel).
 *
 * Byte order: PORT, LABEL and the port range are network order (__be16,
 * __be32); ID (the VNI) is host order. COLLECT_METADATA,
 * INNER_PROTO_INHERIT and GRO_HINT are NLA_FLAG; the other switches u8.
 *
 * ```
 * struct ifla_geneve_port_range {
 *   0  __be16 low;
 *   2  __be16 high;
 * };                (4 bytes)
 * ```
 */
import { attrSet } from '../../../schema/attr-set.js';
import { ipv4, ipv6 } from '../../../schema/addresses.js';
import { enumOf } from '../../../schema/enums.js';
import { flag, u16be, u32, u32be, u8 } from '../../../schema/scalars.js';
import { struct } from '../../../schema/struct.js';

/** IFLA_GENEVE_DF values (`enum ifla_geneve_df`): the DF bit of the outer IPv4 header. */
export const GENEVE_DF = {
  GENEVE_DF_UNSET: 0,
  GENEVE_DF_SET: 1,
  GENEVE_DF_INHERIT: 2,
} as const;

/** `struct ifla_geneve_port_range`: UDP source port range. */
export const iflaGenevePortRange = struct('ifla_geneve_port_range', '', [
  ['low', u16be],
  ['high', u16be],
]);

/** `IFLA_GENEVE_*`: IFLA_INFO_DATA of a `geneve` link. */
export const geneveAttrs = attrSet('IFLA_GENEVE', 'IFLA_GENEVE_', () => [
  [1, 'IFLA_GENEVE_ID', u32], // VNI, host order
  [2, 'IFLA_GENEVE_REMOTE', ipv4],
  [3, 'IFLA_GENEVE_TTL', u8],
  [4, 'IFLA_GENEVE_TOS', u8],
  [5, 'IFLA_GENEVE_PORT', u16be], // destination UDP port
  [6, 'IFLA_GENEVE_COLLECT_METADATA', flag], // `external`
  [7, 'IFLA_GENEVE_REMOTE6', ipv6],
  [8, 'IFLA_GENEVE_UDP_CSUM', u8],
  [9, 'IFLA_GENEVE_UDP_ZERO_CSUM6_TX', u8],
  [10, 'IFLA_GENEVE_UDP_ZERO_CSUM6_RX', u8],
  [11, 'IFLA_GENEVE_LABEL', u32be], // IPv6 flow label, network order
  [12, 'IFLA_GENEVE_TTL_INHERIT', u8],
  [13, 'IFLA_GENEVE_DF', enumOf(u8, GENEVE_DF)],
  [14, 'IFLA_GENEVE_INNER_PROTO_INHERIT', flag],
  [15, 'IFLA_GENEVE_PORT_RANGE', iflaGenevePortRange],
  [16, 'IFLA_GENEVE_GRO_HINT', flag],
  [17, 'IFLA_GENEVE_LOCAL', ipv4],
  [18, 'IFLA_GENEVE_LOCAL6', ipv6],
]);
