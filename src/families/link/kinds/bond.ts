/**
 * Bonding attributes: IFLA_INFO_DATA of kind `bond` (`enum { IFLA_BOND_* }`
 * and `enum { IFLA_BOND_AD_INFO_* }` in `linux/if_link.h`, BOND_MODE_* and
 * BOND_XMIT_POLICY_* in `linux/if_bonding.h`; Linux 6.18 / iproute2's
 * include/uapi as fetched, which already has BROADCAST_NEIGH and
 * LACP_STRICT).
 *
 * Widths are those bond_fill_info() puts on the wire: modes and switches
 * are u8, intervals (milliseconds) and counts u32, 802.3ad keys and
 * priorities u16. ACTIVE_SLAVE and PRIMARY are ifindexes.
 * ARP_IP_TARGET and NS_IP6_TARGET are indexed nests (target `i` under
 * attribute type `i`, from 0) of IPv4 / IPv6 addresses.
 *
 * The names of ARP_VALIDATE, ARP_ALL_TARGETS, PRIMARY_RESELECT,
 * FAIL_OVER_MAC, AD_LACP_RATE and AD_SELECT values are the kernel's
 * internal ones (`include/net/bonding.h`, `bond_3ad.h`): no UAPI header
 * names them.
 */
import { attrSet, nested } from '../../../schema/attr-set.js';
import { ipv4, ipv6, lladdr } from '../../../schema/addresses.js';
import { enumOf } from '../../../schema/enums.js';
import { u16, u32, u8 } from '../../../schema/scalars.js';
import { indexedArray } from '../../../schema/indexed-array.js';

/** IFLA_BOND_MODE values (`BOND_MODE_*`, `linux/if_bonding.h`). */
export const BOND_MODE = {
  BOND_MODE_ROUNDROBIN: 0,
  BOND_MODE_ACTIVEBACKUP: 1,
  BOND_MODE_XOR: 2,
  BOND_MODE_BROADCAST: 3,
  BOND_MODE_8023AD: 4,
  BOND_MODE_TLB: 5,
  BOND_MODE_ALB: 6,
} as const;

/** IFLA_BOND_XMIT_HASH_POLICY values (`BOND_XMIT_POLICY_*`, `linux/if_bonding.h`). */
export const BOND_XMIT_POLICY = {
  BOND_XMIT_POLICY_LAYER2: 0,
  BOND_XMIT_POLICY_LAYER34: 1,
  BOND_XMIT_POLICY_LAYER23: 2,
  BOND_XMIT_POLICY_ENCAP23: 3,
  BOND_XMIT_POLICY_ENCAP34: 4,
  BOND_XMIT_POLICY_VLAN_SRCMAC: 5,
} as const;

/** IFLA_BOND_ARP_VALIDATE values (kernel-internal `BOND_ARP_VALIDATE_*` / `BOND_ARP_FILTER*`). */
export const BOND_ARP_VALIDATE = {
  BOND_ARP_VALIDATE_NONE: 0,
  BOND_ARP_VALIDATE_ACTIVE: 1,
  BOND_ARP_VALIDATE_BACKUP: 2,
  BOND_ARP_VALIDATE_ALL: 3,
  BOND_ARP_FILTER: 4,
  BOND_ARP_FILTER_ACTIVE: 5,
  BOND_ARP_FILTER_BACKUP: 6,
} as const;

/** IFLA_BOND_ARP_ALL_TARGETS values (kernel-internal `BOND_ARP_TARGETS_*`). */
export const BOND_ARP_TARGETS = {
  BOND_ARP_TARGETS_ANY: 0,
  BOND_ARP_TARGETS_ALL: 1,
} as const;

/** IFLA_BOND_PRIMARY_RESELECT values (kernel-internal `BOND_PRI_RESELECT_*`). */
export const BOND_PRI_RESELECT = {
  BOND_PRI_RESELECT_ALWAYS: 0,
  BOND_PRI_RESELECT_BETTER: 1,
  BOND_PRI_RESELECT_FAILURE: 2,
} as const;

/** IFLA_BOND_FAIL_OVER_MAC values (kernel-internal `BOND_FOM_*`). */
export const BOND_FOM = {
  BOND_FOM_NONE: 0,
  BOND_FOM_ACTIVE: 1,
  BOND_FOM_FOLLOW: 2,
} as const;

/** IFLA_BOND_AD_LACP_RATE values (kernel-internal `AD_LACP_*`): LACPDU every 30 s or every second. */
export const AD_LACP = {
  AD_LACP_SLOW: 0,
  AD_LACP_FAST: 1,
} as const;

/** IFLA_BOND_AD_SELECT values (kernel-internal `BOND_AD_*`): how the active aggregator is chosen. */
export const BOND_AD_SELECT = {
  BOND_AD_STABLE: 0,
  BOND_AD_BANDWIDTH: 1,
  BOND_AD_COUNT: 2,
} as const;

/** `IFLA_BOND_AD_INFO_*`: the active 802.3ad aggregator (dumps only). */
export const bondAdInfoAttrs = attrSet('IFLA_BOND_AD_INFO', 'IFLA_BOND_AD_INFO_', () => [
  [1, 'IFLA_BOND_AD_INFO_AGGREGATOR', u16],
  [2, 'IFLA_BOND_AD_INFO_NUM_PORTS', u16],
  [3, 'IFLA_BOND_AD_INFO_ACTOR_KEY', u16],
  [4, 'IFLA_BOND_AD_INFO_PARTNER_KEY', u16],
  [5, 'IFLA_BOND_AD_INFO_PARTNER_MAC', lladdr],
]);

/** `IFLA_BOND_*`: IFLA_INFO_DATA of a `bond` link. */
export const bondAttrs = attrSet('IFLA_BOND', 'IFLA_BOND_', () => [
  [1, 'IFLA_BOND_MODE', enumOf(u8, BOND_MODE)],
  [2, 'IFLA_BOND_ACTIVE_SLAVE', u32], // ifindex, 0 = none
  [3, 'IFLA_BOND_MIIMON', u32], // ms
  [4, 'IFLA_BOND_UPDELAY', u32], // ms
  [5, 'IFLA_BOND_DOWNDELAY', u32], // ms
  [6, 'IFLA_BOND_USE_CARRIER', u8],
  [7, 'IFLA_BOND_ARP_INTERVAL', u32], // ms
  [8, 'IFLA_BOND_ARP_IP_TARGET', indexedArray(ipv4, 'ipv4[] (indexed)')],
  [9, 'IFLA_BOND_ARP_VALIDATE', enumOf(u32, BOND_ARP_VALIDATE)],
  [10, 'IFLA_BOND_ARP_ALL_TARGETS', enumOf(u32, BOND_ARP_TARGETS)],
  [11, 'IFLA_BOND_PRIMARY', u32], // ifindex
  [12, 'IFLA_BOND_PRIMARY_RESELECT', enumOf(u8, BOND_PRI_RESELECT)],
  [13, 'IFLA_BOND_FAIL_OVER_MAC', enumOf(u8, BOND_FOM)],
  [14, 'IFLA_BOND_XMIT_HASH_POLICY', enumOf(u8, BOND_XMIT_POLICY)],
  [15, 'IFLA_BOND_RESEND_IGMP', u32],
  [16, 'IFLA_BOND_NUM_PEER_NOTIF', u8], // num_grat_arp / num_unsol_na
  [17, 'IFLA_BOND_ALL_SLAVES_ACTIVE', u8],
  [18, 'IFLA_BOND_MIN_LINKS', u32],
  [19, 'IFLA_BOND_LP_INTERVAL', u32], // seconds
  [20, 'IFLA_BOND_PACKETS_PER_SLAVE', u32],
  [21, 'IFLA_BOND_AD_LACP_RATE', enumOf(u8, AD_LACP)],
  [22, 'IFLA_BOND_AD_SELECT', enumOf(u8, BOND_AD_SELECT)],
  [23, 'IFLA_BOND_AD_INFO', nested(() => bondAdInfoAttrs)],
  [24, 'IFLA_BOND_AD_ACTOR_SYS_PRIO', u16],
  [25, 'IFLA_BOND_AD_USER_PORT_KEY', u16],
  [26, 'IFLA_BOND_AD_ACTOR_SYSTEM', lladdr],
  [27, 'IFLA_BOND_TLB_DYNAMIC_LB', u8],
  [28, 'IFLA_BOND_PEER_NOTIF_DELAY', u32], // ms
  [29, 'IFLA_BOND_AD_LACP_ACTIVE', u8],
  [30, 'IFLA_BOND_MISSED_MAX', u8],
  [31, 'IFLA_BOND_NS_IP6_TARGET', indexedArray(ipv6, 'ipv6[] (indexed)')],
  [32, 'IFLA_BOND_COUPLED_CONTROL', u8],
  [33, 'IFLA_BOND_BROADCAST_NEIGH', u8],
  [34, 'IFLA_BOND_LACP_STRICT', u8],
]);
