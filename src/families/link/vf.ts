/**
 * SR-IOV virtual functions and 802.1Qbg/bh port profiles: IFLA_VFINFO_LIST,
 * IFLA_VF_PORTS and IFLA_PORT_SELF (`IFLA_VF_*`, `IFLA_VF_STATS_*`,
 * `IFLA_PORT_*` and the `struct ifla_vf_*` from `linux/if_link.h`,
 * Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * Only physical functions of SR-IOV NICs carry these, and only when the
 * dump asks for RTEXT_FILTER_VF: the declarations follow the header but
 * have not been checked against real kernel bytes here (no such hardware).
 *
 * ```
 * [IFLA_VFINFO_LIST]
 *   [IFLA_VF_INFO]  (repeated, one per VF)
 *     [IFLA_VF_MAC] [IFLA_VF_VLAN] ... [IFLA_VF_STATS {IFLA_VF_STATS_*}]
 * [IFLA_VF_PORTS]
 *   [IFLA_VF_PORT]  (repeated) {IFLA_PORT_*}
 * [IFLA_PORT_SELF] {IFLA_PORT_*}
 * ```
 */
import { attrSet, nested, type AttrSet } from '../../schema/attr-set.js';
import { enumOf } from '../../schema/enums.js';
import { binary, string, u16, u16be, u32, u64, u8 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { fixedBinary, pad } from './kinds.js';

/** `IFLA_VF_LINK_STATE_*` (ifla_vf_link_state.link_state). */
export const IFLA_VF_LINK_STATE = {
  IFLA_VF_LINK_STATE_AUTO: 0,
  IFLA_VF_LINK_STATE_ENABLE: 1,
  IFLA_VF_LINK_STATE_DISABLE: 2,
} as const;

/** IFLA_PORT_REQUEST values (`PORT_REQUEST_*`). */
export const PORT_REQUEST = {
  PORT_REQUEST_PREASSOCIATE: 0,
  PORT_REQUEST_PREASSOCIATE_RR: 1,
  PORT_REQUEST_ASSOCIATE: 2,
  PORT_REQUEST_DISASSOCIATE: 3,
} as const;

/** IFLA_PORT_RESPONSE values (VDP 0x00-0xff, port profile from 0x100). */
export const PORT_RESPONSE = {
  PORT_VDP_RESPONSE_SUCCESS: 0,
  PORT_VDP_RESPONSE_INVALID_FORMAT: 1,
  PORT_VDP_RESPONSE_INSUFFICIENT_RESOURCES: 2,
  PORT_VDP_RESPONSE_UNUSED_VTID: 3,
  PORT_VDP_RESPONSE_VTID_VIOLATION: 4,
  PORT_VDP_RESPONSE_VTID_VERSION_VIOALTION: 5, // sic, kernel spelling
  PORT_VDP_RESPONSE_OUT_OF_SYNC: 6,
  PORT_PROFILE_RESPONSE_SUCCESS: 0x100,
  PORT_PROFILE_RESPONSE_INPROGRESS: 0x101,
  PORT_PROFILE_RESPONSE_INVALID: 0x102,
  PORT_PROFILE_RESPONSE_BADSTATE: 0x103,
  PORT_PROFILE_RESPONSE_INSUFFICIENT_RESOURCES: 0x104,
  PORT_PROFILE_RESPONSE_ERROR: 0x105,
} as const;

/** A `{__u32 vf; __u32 setting;}` pair (spoofchk, rss_query_en, trust). */
function vfSetting(cName: string) {
  return struct(cName, '', [
    ['vf', u32],
    ['setting', u32],
  ]);
}

/** `struct ifla_vf_mac { __u32 vf; __u8 mac[32]; }` (36 bytes; MAX_ADDR_LEN). */
export const iflaVfMac = struct('ifla_vf_mac', '', [
  ['vf', u32],
  ['mac', fixedBinary(32, 'u8[32]')],
]);

/** `struct ifla_vf_vlan { __u32 vf; __u32 vlan; __u32 qos; }`. */
export const iflaVfVlan = struct('ifla_vf_vlan', '', [
  ['vf', u32],
  ['vlan', u32],
  ['qos', u32],
]);

/** `struct ifla_vf_vlan_info`: vf, vlan, qos, then __be16 vlan_proto and 2 bytes of tail padding (16 bytes). */
export const iflaVfVlanInfo = struct('ifla_vf_vlan_info', '', [
  ['vf', u32],
  ['vlan', u32],
  ['qos', u32],
  ['vlan_proto', u16be],
  2,
]);

/** `struct ifla_vf_tx_rate { __u32 vf; __u32 rate; }` (Mbps, 0 = unlimited). */
export const iflaVfTxRate = struct('ifla_vf_tx_rate', '', [
  ['vf', u32],
  ['rate', u32],
]);

/** `struct ifla_vf_rate { __u32 vf; __u32 min_tx_rate; __u32 max_tx_rate; }` (Mbps). */
export const iflaVfRate = struct('ifla_vf_rate', '', [
  ['vf', u32],
  ['min_tx_rate', u32],
  ['max_tx_rate', u32],
]);

/** `struct ifla_vf_link_state { __u32 vf; __u32 link_state; }`. */
export const iflaVfLinkState = struct('ifla_vf_link_state', '', [
  ['vf', u32],
  ['link_state', enumOf(u32, IFLA_VF_LINK_STATE)],
]);

/** `struct ifla_vf_guid { __u32 vf; __u64 guid; }`: 4 bytes of padding align the u64 (16 bytes). */
export const iflaVfGuid = struct('ifla_vf_guid', '', [['vf', u32], 4, ['guid', u64]]);

/** `struct ifla_vf_broadcast { __u8 broadcast[32]; }`. */
export const iflaVfBroadcast = struct('ifla_vf_broadcast', '', [['broadcast', fixedBinary(32, 'u8[32]')]]);

/** `struct ifla_port_vsi`: 802.1Qbg VSI type (8 bytes, 3 of them padding). */
export const iflaPortVsi = struct('ifla_port_vsi', 'vsi_', [
  ['vsi_mgr_id', u8],
  ['vsi_type_id', fixedBinary(3, 'u8[3]')],
  ['vsi_type_version', u8],
  3,
]);

/** `IFLA_VF_STATS_*`, nested in IFLA_VF_STATS (numbering starts at 0). */
export const vfStatsAttrs = attrSet('IFLA_VF_STATS', 'IFLA_VF_STATS_', () => [
  [0, 'IFLA_VF_STATS_RX_PACKETS', u64],
  [1, 'IFLA_VF_STATS_TX_PACKETS', u64],
  [2, 'IFLA_VF_STATS_RX_BYTES', u64],
  [3, 'IFLA_VF_STATS_TX_BYTES', u64],
  [4, 'IFLA_VF_STATS_BROADCAST', u64],
  [5, 'IFLA_VF_STATS_MULTICAST', u64],
  [6, 'IFLA_VF_STATS_PAD', pad],
  [7, 'IFLA_VF_STATS_RX_DROPPED', u64],
  [8, 'IFLA_VF_STATS_TX_DROPPED', u64],
]);

/** `IFLA_VF_VLAN_INFO`, nested in IFLA_VF_VLAN_LIST. */
export const vfVlanListAttrs = attrSet('IFLA_VF_VLAN_LIST', 'IFLA_VF_VLAN_', () => [
  [1, 'IFLA_VF_VLAN_INFO', iflaVfVlanInfo, { multi: true }],
]);

/** `IFLA_VF_*`, nested in each IFLA_VF_INFO. */
export const vfInfoAttrs = attrSet('IFLA_VF', 'IFLA_VF_', () => [
  [1, 'IFLA_VF_MAC', iflaVfMac],
  [2, 'IFLA_VF_VLAN', iflaVfVlan],
  [3, 'IFLA_VF_TX_RATE', iflaVfTxRate],
  [4, 'IFLA_VF_SPOOFCHK', vfSetting('ifla_vf_spoofchk')],
  [5, 'IFLA_VF_LINK_STATE', iflaVfLinkState],
  [6, 'IFLA_VF_RATE', iflaVfRate],
  [7, 'IFLA_VF_RSS_QUERY_EN', vfSetting('ifla_vf_rss_query_en')],
  [8, 'IFLA_VF_STATS', nested(() => vfStatsAttrs)],
  [9, 'IFLA_VF_TRUST', vfSetting('ifla_vf_trust')],
  [10, 'IFLA_VF_IB_NODE_GUID', iflaVfGuid],
  [11, 'IFLA_VF_IB_PORT_GUID', iflaVfGuid],
  [12, 'IFLA_VF_VLAN_LIST', nested(() => vfVlanListAttrs)],
  [13, 'IFLA_VF_BROADCAST', iflaVfBroadcast],
]);

/** IFLA_VFINFO_LIST: one IFLA_VF_INFO per virtual function. */
export const vfInfoListAttrs = attrSet('IFLA_VF_INFO', 'IFLA_VF_', () => [
  [1, 'IFLA_VF_INFO', nested(() => vfInfoAttrs), { multi: true }],
]);

/** `IFLA_PORT_*`: one port profile (in IFLA_VF_PORT and IFLA_PORT_SELF). */
export const portAttrs = attrSet('IFLA_PORT', 'IFLA_PORT_', () => [
  [1, 'IFLA_PORT_VF', u32],
  [2, 'IFLA_PORT_PROFILE', string(40)], // PORT_PROFILE_MAX
  [3, 'IFLA_PORT_VSI_TYPE', iflaPortVsi],
  [4, 'IFLA_PORT_INSTANCE_UUID', binary(16, 16, 'uuid')], // PORT_UUID_MAX
  [5, 'IFLA_PORT_HOST_UUID', binary(16, 16, 'uuid')],
  [6, 'IFLA_PORT_REQUEST', enumOf(u8, PORT_REQUEST)],
  [7, 'IFLA_PORT_RESPONSE', enumOf(u16, PORT_RESPONSE)],
]);

/** IFLA_VF_PORTS: one IFLA_VF_PORT per virtual function. */
export const vfPortsAttrs = attrSet('IFLA_VF_PORT', 'IFLA_VF_', () => [
  [1, 'IFLA_VF_PORT', nested(() => portAttrs), { multi: true }],
]);
