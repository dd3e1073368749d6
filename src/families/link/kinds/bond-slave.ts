/**
 * Bond port attributes: IFLA_INFO_SLAVE_DATA of a link whose
 * IFLA_INFO_SLAVE_KIND is `bond` (`enum { IFLA_BOND_SLAVE_* }` in
 * `linux/if_link.h`, BOND_STATE_*, BOND_LINK_* and LACP_STATE_* in
 * `linux/if_bonding.h`; Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * Requests (`ip link set X type bond_slave ...`) carry only QUEUE_ID, PRIO
 * and ACTOR_PORT_PRIO; the rest is state the kernel reports. PRIO is
 * signed. The 802.3ad port states are LACP_STATE_* bit sets: the actor's
 * as a u8, the partner's as a u16 (bond_fill_slave_info uses
 * nla_put_u16 for it). The churn states are the kernel's internal
 * AD_CHURN_MONITOR (0), AD_CHURN (1), AD_NO_CHURN (2).
 */
import { attrSet } from '../../../schema/attr-set.js';
import { lladdr } from '../../../schema/addresses.js';
import { enumOf, flagsOf } from '../../../schema/enums.js';
import { s32, u16, u32, u8 } from '../../../schema/scalars.js';

/** IFLA_BOND_SLAVE_STATE values (`BOND_STATE_*`). */
export const BOND_STATE = {
  BOND_STATE_ACTIVE: 0,
  BOND_STATE_BACKUP: 1,
} as const;

/** IFLA_BOND_SLAVE_MII_STATUS values (`BOND_LINK_*`). */
export const BOND_LINK = {
  BOND_LINK_UP: 0,
  BOND_LINK_FAIL: 1,
  BOND_LINK_DOWN: 2,
  BOND_LINK_BACK: 3,
} as const;

/** 802.3ad port state bits (`LACP_STATE_*`). */
export const LACP_STATE = {
  LACP_STATE_LACP_ACTIVITY: 0x1,
  LACP_STATE_LACP_TIMEOUT: 0x2,
  LACP_STATE_AGGREGATION: 0x4,
  LACP_STATE_SYNCHRONIZATION: 0x8,
  LACP_STATE_COLLECTING: 0x10,
  LACP_STATE_DISTRIBUTING: 0x20,
  LACP_STATE_DEFAULTED: 0x40,
  LACP_STATE_EXPIRED: 0x80,
} as const;

/** `IFLA_BOND_SLAVE_*`: IFLA_INFO_SLAVE_DATA of a bond port. */
export const bondSlaveAttrs = attrSet('IFLA_BOND_SLAVE', 'IFLA_BOND_SLAVE_', () => [
  [1, 'IFLA_BOND_SLAVE_STATE', enumOf(u8, BOND_STATE)],
  [2, 'IFLA_BOND_SLAVE_MII_STATUS', enumOf(u8, BOND_LINK)],
  [3, 'IFLA_BOND_SLAVE_LINK_FAILURE_COUNT', u32],
  [4, 'IFLA_BOND_SLAVE_PERM_HWADDR', lladdr], // dev->addr_len bytes
  [5, 'IFLA_BOND_SLAVE_QUEUE_ID', u16],
  [6, 'IFLA_BOND_SLAVE_AD_AGGREGATOR_ID', u16],
  [7, 'IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE', flagsOf(u8, LACP_STATE)],
  [8, 'IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE', flagsOf(u16, LACP_STATE)],
  [9, 'IFLA_BOND_SLAVE_PRIO', s32],
  [10, 'IFLA_BOND_SLAVE_ACTOR_PORT_PRIO', u16],
  [11, 'IFLA_BOND_SLAVE_AD_CHURN_ACTOR_STATE', u8],
  [12, 'IFLA_BOND_SLAVE_AD_CHURN_PARTNER_STATE', u8],
]);
