/**
 * Bridge management attributes (`enum { IFLA_BRIDGE_* }`,
 * `struct bridge_vlan_info`, BRIDGE_FLAGS_*, BRIDGE_MODE_*,
 * BRIDGE_VLAN_INFO_* and `IFLA_BRIDGE_VLAN_TUNNEL_*` in `linux/if_bridge.h`,
 * Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * These sit directly inside IFLA_AF_SPEC of AF_BRIDGE link messages
 * (`bridge vlan`, `bridge link set ... self`): port VLANs, hairpin/VEPA
 * mode, and which side (bridge master or lower device) a request is for.
 * Note IFLA_BRIDGE_FLAGS is attribute type 0.
 *
 * MRP, CFM and MST are deep nests of their own (IFLA_BRIDGE_MRP_*,
 * IFLA_BRIDGE_CFM_*, IFLA_BRIDGE_MST_*), outside this library's scope:
 * declared as opaque bytes.
 */
import { attrSet, nested, type AttrSet } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { bytes, u16, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';

/** IFLA_BRIDGE_FLAGS bits (`BRIDGE_FLAGS_*`): which device a request is for. */
export const BRIDGE_FLAGS = {
  BRIDGE_FLAGS_MASTER: 1,
  BRIDGE_FLAGS_SELF: 2,
} as const;

/** IFLA_BRIDGE_MODE values (`BRIDGE_MODE_*`). */
export const BRIDGE_MODE = {
  BRIDGE_MODE_VEB: 0,
  BRIDGE_MODE_VEPA: 1,
  BRIDGE_MODE_UNDEF: 0xffff,
} as const;

/** `bridge_vlan_info.flags` bits (`BRIDGE_VLAN_INFO_*`). */
export const BRIDGE_VLAN_INFO = {
  BRIDGE_VLAN_INFO_MASTER: 1 << 0,
  BRIDGE_VLAN_INFO_PVID: 1 << 1,
  BRIDGE_VLAN_INFO_UNTAGGED: 1 << 2,
  BRIDGE_VLAN_INFO_RANGE_BEGIN: 1 << 3,
  BRIDGE_VLAN_INFO_RANGE_END: 1 << 4,
  BRIDGE_VLAN_INFO_BRENTRY: 1 << 5,
  BRIDGE_VLAN_INFO_ONLY_OPTS: 1 << 6,
} as const;

/** `struct bridge_vlan_info { __u16 flags; __u16 vid; }`. */
export const bridgeVlanInfo = struct('bridge_vlan_info', '', [
  ['flags', flagsOf(u16, BRIDGE_VLAN_INFO)],
  ['vid', u16],
]);

/** `IFLA_BRIDGE_VLAN_TUNNEL_*`: one VLAN to tunnel-id mapping. */
export const bridgeVlanTunnelAttrs = attrSet('IFLA_BRIDGE_VLAN_TUNNEL', 'IFLA_BRIDGE_VLAN_TUNNEL_', () => [
  [1, 'IFLA_BRIDGE_VLAN_TUNNEL_ID', u32],
  [2, 'IFLA_BRIDGE_VLAN_TUNNEL_VID', u16],
  [3, 'IFLA_BRIDGE_VLAN_TUNNEL_FLAGS', flagsOf(u16, BRIDGE_VLAN_INFO)],
]);

/** `IFLA_BRIDGE_*`: IFLA_AF_SPEC content of AF_BRIDGE link messages. */
export const bridgeAfAttrs = attrSet('IFLA_BRIDGE', 'IFLA_BRIDGE_', () => [
  [0, 'IFLA_BRIDGE_FLAGS', flagsOf(u16, BRIDGE_FLAGS)],
  [1, 'IFLA_BRIDGE_MODE', enumOf(u16, BRIDGE_MODE)],
  [2, 'IFLA_BRIDGE_VLAN_INFO', bridgeVlanInfo, { multi: true }],
  [3, 'IFLA_BRIDGE_VLAN_TUNNEL_INFO', nested(() => bridgeVlanTunnelAttrs), { multi: true }],
  [4, 'IFLA_BRIDGE_MRP', bytes], // IFLA_BRIDGE_MRP_* nest: out of scope
  [5, 'IFLA_BRIDGE_CFM', bytes], // IFLA_BRIDGE_CFM_* nest: out of scope
  [6, 'IFLA_BRIDGE_MST', bytes], // IFLA_BRIDGE_MST_* nest: out of scope
]);
