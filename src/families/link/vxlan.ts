/**
 * VXLAN attributes: IFLA_INFO_DATA of kind `vxlan` (`enum { IFLA_VXLAN_* }`,
 * `struct ifla_vxlan_port_range`, `enum ifla_vxlan_df` and
 * `enum ifla_vxlan_label_policy` in `linux/if_link.h`, Linux 6.18 /
 * iproute2's include/uapi as fetched).
 *
 * Byte order: PORT, PORT_RANGE and LABEL are network order (__be16 /
 * __be32); ID (the VNI) is host order. Booleans are u8 0/1 in dumps, except
 * GBP, GPE and REMCSUM_NOPARTIAL which are NLA_FLAG both ways, and
 * TTL_INHERIT which requests send as NLA_FLAG but vxlan_fill_info()
 * reports as a u8.
 */
import { attrSet, type AttrSet } from '../../schema/attr-set.js';
import { ipv4, ipv6 } from '../../schema/addresses.js';
import { enumOf } from '../../schema/enums.js';
import { flag, u16be, u32, u32be, u8 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { fixedBinary, flagOrU8 } from './kinds.js';

/** IFLA_VXLAN_DF values (`enum ifla_vxlan_df`): the DF bit of the outer IPv4 header. */
export const VXLAN_DF = {
  VXLAN_DF_UNSET: 0,
  VXLAN_DF_SET: 1,
  VXLAN_DF_INHERIT: 2,
} as const;

/** IFLA_VXLAN_LABEL_POLICY values (`enum ifla_vxlan_label_policy`). */
export const VXLAN_LABEL = {
  VXLAN_LABEL_FIXED: 0,
  VXLAN_LABEL_INHERIT: 1,
} as const;

/** `struct ifla_vxlan_port_range { __be16 low; __be16 high; }`: UDP source port range. */
export const iflaVxlanPortRange = struct('ifla_vxlan_port_range', '', [
  ['low', u16be],
  ['high', u16be],
]);

/** `IFLA_VXLAN_*`: IFLA_INFO_DATA of a `vxlan` link. */
export const vxlanAttrs = attrSet('IFLA_VXLAN', 'IFLA_VXLAN_', () => [
  [1, 'IFLA_VXLAN_ID', u32], // VNI, host order
  [2, 'IFLA_VXLAN_GROUP', ipv4], // multicast group or remote
  [3, 'IFLA_VXLAN_LINK', u32], // ifindex of the underlay device
  [4, 'IFLA_VXLAN_LOCAL', ipv4],
  [5, 'IFLA_VXLAN_TTL', u8, { unit: 'hops' }],
  [6, 'IFLA_VXLAN_TOS', u8],
  [7, 'IFLA_VXLAN_LEARNING', u8],
  [8, 'IFLA_VXLAN_AGEING', u32, { unit: 'seconds' }],
  [9, 'IFLA_VXLAN_LIMIT', u32], // max FDB entries, 0 = unlimited
  [10, 'IFLA_VXLAN_PORT_RANGE', iflaVxlanPortRange],
  [11, 'IFLA_VXLAN_PROXY', u8],
  [12, 'IFLA_VXLAN_RSC', u8],
  [13, 'IFLA_VXLAN_L2MISS', u8],
  [14, 'IFLA_VXLAN_L3MISS', u8],
  [15, 'IFLA_VXLAN_PORT', u16be, { unit: 'UDP port' }], // destination
  [16, 'IFLA_VXLAN_GROUP6', ipv6],
  [17, 'IFLA_VXLAN_LOCAL6', ipv6],
  [18, 'IFLA_VXLAN_UDP_CSUM', u8],
  [19, 'IFLA_VXLAN_UDP_ZERO_CSUM6_TX', u8],
  [20, 'IFLA_VXLAN_UDP_ZERO_CSUM6_RX', u8],
  [21, 'IFLA_VXLAN_REMCSUM_TX', u8],
  [22, 'IFLA_VXLAN_REMCSUM_RX', u8],
  [23, 'IFLA_VXLAN_GBP', flag],
  [24, 'IFLA_VXLAN_REMCSUM_NOPARTIAL', flag],
  [25, 'IFLA_VXLAN_COLLECT_METADATA', u8],
  [26, 'IFLA_VXLAN_LABEL', u32be], // IPv6 flow label, network order
  [27, 'IFLA_VXLAN_GPE', flag],
  [28, 'IFLA_VXLAN_TTL_INHERIT', flagOrU8], // NLA_FLAG in requests, u8 in dumps
  [29, 'IFLA_VXLAN_DF', enumOf(u8, VXLAN_DF)],
  [30, 'IFLA_VXLAN_VNIFILTER', u8], // only with COLLECT_METADATA
  [31, 'IFLA_VXLAN_LOCALBYPASS', u8],
  [32, 'IFLA_VXLAN_LABEL_POLICY', enumOf(u32, VXLAN_LABEL)],
  // The reserved bits of the VXLAN header the device accepts: a whole
  // `struct vxlanhdr` (8 bytes, network order) used as a mask; kept opaque.
  [33, 'IFLA_VXLAN_RESERVED_BITS', fixedBinary(8, 'vxlanhdr')],
  [34, 'IFLA_VXLAN_MC_ROUTE', u8], // request only; not reported in 6.18 dumps
]);
