/**
 * Bridge device attributes: IFLA_INFO_DATA of kind `bridge`
 * (`enum { IFLA_BR_* }` in `linux/if_link.h`, BR_BOOLOPT_*, BRIDGE_QUERIER_*
 * and MDB_RTR_TYPE_* in `linux/if_bridge.h`). Matches Linux 6.18 /
 * iproute2's include/uapi as fetched; that header already has
 * IFLA_BR_STP_MODE (50), which 6.18 kernels do not send.
 *
 * Units: every time value is a clock_t, i.e. centiseconds (USER_HZ = 100):
 * the configurable ones (FORWARD_DELAY, HELLO_TIME, MAX_AGE, AGEING_TIME)
 * as u32, the read-only timers and the multicast intervals as u64.
 *
 * Value widths follow what br_fill_info() puts on the wire (checked
 * against a 6.18 dump): STP_STATE is a u32, PRIORITY and ROOT_PORT u16,
 * VLAN_FILTERING and the NF_CALL_* switches u8. IFLA_BR_VLAN_PROTOCOL,
 * VLAN_DEFAULT_PVID, VLAN_STATS_ENABLED and VLAN_STATS_PER_PORT only appear
 * on kernels built with CONFIG_BRIDGE_VLAN_FILTERING.
 */
import { attrSet, nested, type AttrSet } from '../../schema/attr-set.js';
import { lladdr, ipv4, ipv6 } from '../../schema/addresses.js';
import { NLA_F_NESTED } from '../../core/constants.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { flag, u16, u16be, u32, u64, u8 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { bridgeId, pad } from './kinds.js';

/** VLAN protocols accepted by IFLA_BR_VLAN_PROTOCOL (`ETH_P_*`, `linux/if_ether.h`). */
export const BRIDGE_VLAN_PROTOCOL = {
  ETH_P_8021Q: 0x8100,
  ETH_P_8021AD: 0x88a8,
} as const;

/** Multicast router modes (`MDB_RTR_TYPE_*`), for IFLA_BR_MCAST_ROUTER and IFLA_BRPORT_MULTICAST_ROUTER. */
export const MDB_RTR_TYPE = {
  MDB_RTR_TYPE_DISABLED: 0,
  MDB_RTR_TYPE_TEMP_QUERY: 1,
  MDB_RTR_TYPE_PERM: 2,
  MDB_RTR_TYPE_TEMP: 3,
} as const;

/** Bits of `struct br_boolopt_multi` (`1 << enum br_boolopt_id`). */
export const BR_BOOLOPT = {
  BR_BOOLOPT_NO_LL_LEARN: 1 << 0,
  BR_BOOLOPT_MCAST_VLAN_SNOOPING: 1 << 1,
  BR_BOOLOPT_MST_ENABLE: 1 << 2,
  BR_BOOLOPT_MDB_OFFLOAD_FAIL_NOTIFICATION: 1 << 3,
  BR_BOOLOPT_FDB_LOCAL_VLAN_0: 1 << 4,
} as const;

/** IFLA_BR_STP_MODE values (`enum br_stp_mode`). */
export const BR_STP_MODE = {
  BR_STP_MODE_AUTO: 0,
  BR_STP_MODE_USER: 1,
  BR_STP_MODE_KERNEL: 2,
} as const;

/**
 * `struct br_boolopt_multi { __u32 optval; __u32 optmask; }` (IFLA_BR_MULTI_BOOLOPT).
 * Same layout as `struct nla_bitfield32 {value; selector}`; the kernel
 * declares and fills this attribute with br_boolopt_multi. In dumps
 * `optmask` has a bit for every option the kernel knows.
 */
export const brBooloptMulti = struct('br_boolopt_multi', 'opt', [
  ['optval', flagsOf(u32, BR_BOOLOPT)],
  ['optmask', flagsOf(u32, BR_BOOLOPT)],
]);

/**
 * `BRIDGE_QUERIER_*`, nested in IFLA_BR_MCAST_QUERIER_STATE: the currently
 * elected IGMP/MLD querier. The OTHER_TIMER values are centiseconds.
 */
export const bridgeQuerierAttrs = attrSet('BRIDGE_QUERIER', 'BRIDGE_QUERIER_', () => [
  [1, 'BRIDGE_QUERIER_IP_ADDRESS', ipv4],
  [2, 'BRIDGE_QUERIER_IP_PORT', u32], // ifindex of the port it was heard on
  [3, 'BRIDGE_QUERIER_IP_OTHER_TIMER', u64],
  [4, 'BRIDGE_QUERIER_PAD', pad],
  [5, 'BRIDGE_QUERIER_IPV6_ADDRESS', ipv6],
  [6, 'BRIDGE_QUERIER_IPV6_PORT', u32],
  [7, 'BRIDGE_QUERIER_IPV6_OTHER_TIMER', u64],
]);

/** `IFLA_BR_*`: IFLA_INFO_DATA of a `bridge` link. */
export const bridgeAttrs = attrSet('IFLA_BR', 'IFLA_BR_', () => [
  [1, 'IFLA_BR_FORWARD_DELAY', u32, { unit: 'centiseconds' }], // clock_t: USER_HZ (100) ticks a second
  [2, 'IFLA_BR_HELLO_TIME', u32, { unit: 'centiseconds' }],
  [3, 'IFLA_BR_MAX_AGE', u32, { unit: 'centiseconds' }],
  [4, 'IFLA_BR_AGEING_TIME', u32, { unit: 'centiseconds' }],
  [5, 'IFLA_BR_STP_STATE', u32],
  [6, 'IFLA_BR_PRIORITY', u16],
  [7, 'IFLA_BR_VLAN_FILTERING', u8],
  [8, 'IFLA_BR_VLAN_PROTOCOL', enumOf(u16be, BRIDGE_VLAN_PROTOCOL)], // __be16
  [9, 'IFLA_BR_GROUP_FWD_MASK', u16],
  [10, 'IFLA_BR_ROOT_ID', bridgeId],
  [11, 'IFLA_BR_BRIDGE_ID', bridgeId],
  [12, 'IFLA_BR_ROOT_PORT', u16],
  [13, 'IFLA_BR_ROOT_PATH_COST', u32],
  [14, 'IFLA_BR_TOPOLOGY_CHANGE', u8],
  [15, 'IFLA_BR_TOPOLOGY_CHANGE_DETECTED', u8],
  [16, 'IFLA_BR_HELLO_TIMER', u64], // centiseconds
  [17, 'IFLA_BR_TCN_TIMER', u64],
  [18, 'IFLA_BR_TOPOLOGY_CHANGE_TIMER', u64],
  [19, 'IFLA_BR_GC_TIMER', u64],
  [20, 'IFLA_BR_GROUP_ADDR', lladdr],
  [21, 'IFLA_BR_FDB_FLUSH', flag], // request only; the kernel checks presence
  [22, 'IFLA_BR_MCAST_ROUTER', enumOf(u8, MDB_RTR_TYPE)],
  [23, 'IFLA_BR_MCAST_SNOOPING', u8],
  [24, 'IFLA_BR_MCAST_QUERY_USE_IFADDR', u8],
  [25, 'IFLA_BR_MCAST_QUERIER', u8],
  [26, 'IFLA_BR_MCAST_HASH_ELASTICITY', u32], // deprecated, always 16
  [27, 'IFLA_BR_MCAST_HASH_MAX', u32],
  [28, 'IFLA_BR_MCAST_LAST_MEMBER_CNT', u32],
  [29, 'IFLA_BR_MCAST_STARTUP_QUERY_CNT', u32],
  [30, 'IFLA_BR_MCAST_LAST_MEMBER_INTVL', u64], // centiseconds
  [31, 'IFLA_BR_MCAST_MEMBERSHIP_INTVL', u64],
  [32, 'IFLA_BR_MCAST_QUERIER_INTVL', u64],
  [33, 'IFLA_BR_MCAST_QUERY_INTVL', u64],
  [34, 'IFLA_BR_MCAST_QUERY_RESPONSE_INTVL', u64],
  [35, 'IFLA_BR_MCAST_STARTUP_QUERY_INTVL', u64],
  [36, 'IFLA_BR_NF_CALL_IPTABLES', u8],
  [37, 'IFLA_BR_NF_CALL_IP6TABLES', u8],
  [38, 'IFLA_BR_NF_CALL_ARPTABLES', u8],
  [39, 'IFLA_BR_VLAN_DEFAULT_PVID', u16],
  [40, 'IFLA_BR_PAD', pad],
  [41, 'IFLA_BR_VLAN_STATS_ENABLED', u8],
  [42, 'IFLA_BR_MCAST_STATS_ENABLED', u8],
  [43, 'IFLA_BR_MCAST_IGMP_VERSION', u8],
  [44, 'IFLA_BR_MCAST_MLD_VERSION', u8],
  [45, 'IFLA_BR_VLAN_STATS_PER_PORT', u8],
  [46, 'IFLA_BR_MULTI_BOOLOPT', brBooloptMulti],
  // Sent with NLA_F_NESTED (nla_nest_start), and only while a querier is known.
  [47, 'IFLA_BR_MCAST_QUERIER_STATE', nested(() => bridgeQuerierAttrs), { flags: NLA_F_NESTED }],
  [48, 'IFLA_BR_FDB_N_LEARNED', u32], // read only
  [49, 'IFLA_BR_FDB_MAX_LEARNED', u32],
  [50, 'IFLA_BR_STP_MODE', enumOf(u32, BR_STP_MODE)], // newer than 6.18
]);
