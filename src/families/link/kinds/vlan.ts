/**
 * 802.1Q / 802.1ad VLAN attributes: IFLA_INFO_DATA of kind `vlan`
 * (`enum { IFLA_VLAN_* }`, `enum { IFLA_VLAN_QOS_* }`, `struct
 * ifla_vlan_flags` and `struct ifla_vlan_qos_mapping` in `linux/if_link.h`,
 * `enum vlan_flags` in `linux/if_vlan.h`, Linux 6.18 / iproute2's
 * include/uapi as fetched).
 *
 * ID is a host-order u16, PROTOCOL the tag's EtherType as a big-endian u16
 * (0x8100 or 0x88a8). EGRESS_QOS and INGRESS_QOS are nests (without
 * NLA_F_NESTED) of repeated IFLA_VLAN_QOS_MAPPING structs.
 *
 * ```
 * struct ifla_vlan_flags {          struct ifla_vlan_qos_mapping {
 *   0  __u32 flags;  VLAN_FLAG_*       0  __u32 from;  skb priority / VLAN prio
 *   4  __u32 mask;   bits to change    4  __u32 to;
 * };               (8 bytes)         };               (8 bytes)
 * ```
 */
import { attrSet, nested } from '../../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../../schema/enums.js';
import { u16, u16be, u32 } from '../../../schema/scalars.js';
import { struct } from '../../../schema/struct.js';
import { BRIDGE_VLAN_PROTOCOL } from '../bridge.js';

/** `enum vlan_flags` (`linux/if_vlan.h`): bits of `ifla_vlan_flags`. */
export const VLAN_FLAG = {
  VLAN_FLAG_REORDER_HDR: 0x1,
  VLAN_FLAG_GVRP: 0x2,
  VLAN_FLAG_LOOSE_BINDING: 0x4,
  VLAN_FLAG_MVRP: 0x8,
  VLAN_FLAG_BRIDGE_BINDING: 0x10,
} as const;

/** `struct ifla_vlan_flags`: flags to set, and which of them the request changes. */
export const iflaVlanFlags = struct('ifla_vlan_flags', '', [
  ['flags', flagsOf(u32, VLAN_FLAG)],
  ['mask', flagsOf(u32, VLAN_FLAG)],
]);

/** `struct ifla_vlan_qos_mapping`: one priority mapping. */
export const iflaVlanQosMapping = struct('ifla_vlan_qos_mapping', '', [
  ['from', u32],
  ['to', u32],
]);

/** `IFLA_VLAN_QOS_*`: content of IFLA_VLAN_EGRESS_QOS / IFLA_VLAN_INGRESS_QOS. */
export const vlanQosAttrs = attrSet('IFLA_VLAN_QOS', 'IFLA_VLAN_QOS_', () => [
  [1, 'IFLA_VLAN_QOS_MAPPING', iflaVlanQosMapping, { multi: true }],
]);

/** `IFLA_VLAN_*`: IFLA_INFO_DATA of a `vlan` link. */
export const vlanAttrs = attrSet('IFLA_VLAN', 'IFLA_VLAN_', () => [
  [1, 'IFLA_VLAN_ID', u16], // 0..4095
  [2, 'IFLA_VLAN_FLAGS', iflaVlanFlags],
  [3, 'IFLA_VLAN_EGRESS_QOS', nested(() => vlanQosAttrs)], // skb priority -> VLAN prio
  [4, 'IFLA_VLAN_INGRESS_QOS', nested(() => vlanQosAttrs)], // VLAN prio -> skb priority
  [5, 'IFLA_VLAN_PROTOCOL', enumOf(u16be, BRIDGE_VLAN_PROTOCOL)],
]);
