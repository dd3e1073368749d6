/**
 * Bridge port attributes (`enum { IFLA_BRPORT_* }` in `linux/if_link.h`,
 * BR_STATE_* in `linux/if_bridge.h`), Linux 6.18 / iproute2's include/uapi
 * as fetched; that header already has IFLA_BRPORT_NEIGH_FORWARD_GRAT (45),
 * which 6.18 kernels do not send.
 *
 * The same set appears in two places: IFLA_INFO_SLAVE_DATA of a port whose
 * IFLA_INFO_SLAVE_KIND is `bridge` (in every link message), and
 * IFLA_PROTINFO of AF_BRIDGE link messages (`bridge link`), where the
 * kernel sets NLA_F_NESTED on the IFLA_PROTINFO nest.
 *
 * The on/off switches (GUARD, LEARNING, ...) are u8 0/1 both ways, not
 * NLA_FLAG. IFLA_BRPORT_DESIGNATED_COST is a u16 on the wire although the
 * kernel keeps it in a u32 (br_port_fill_attrs: nla_put_u16). Timers are
 * u64 centiseconds (clock_t).
 */
import { attrSet, type AttrSet } from '../../schema/attr-set.js';
import { enumOf } from '../../schema/enums.js';
import { flag, u16, u32, u64, u8 } from '../../schema/scalars.js';
import { MDB_RTR_TYPE } from './bridge.js';
import { bridgeId, pad } from './kinds.js';

/** STP port states (`BR_STATE_*`), IFLA_BRPORT_STATE. */
export const BR_STATE = {
  BR_STATE_DISABLED: 0,
  BR_STATE_LISTENING: 1,
  BR_STATE_LEARNING: 2,
  BR_STATE_FORWARDING: 3,
  BR_STATE_BLOCKING: 4,
} as const;

/** `IFLA_BRPORT_*`: a bridge port's settings and STP state. */
export const bridgePortAttrs = attrSet('IFLA_BRPORT', 'IFLA_BRPORT_', () => [
  [1, 'IFLA_BRPORT_STATE', enumOf(u8, BR_STATE)],
  [2, 'IFLA_BRPORT_PRIORITY', u16],
  [3, 'IFLA_BRPORT_COST', u32],
  [4, 'IFLA_BRPORT_MODE', u8], // hairpin
  [5, 'IFLA_BRPORT_GUARD', u8], // BPDU guard
  [6, 'IFLA_BRPORT_PROTECT', u8], // root port protection
  [7, 'IFLA_BRPORT_FAST_LEAVE', u8],
  [8, 'IFLA_BRPORT_LEARNING', u8],
  [9, 'IFLA_BRPORT_UNICAST_FLOOD', u8],
  [10, 'IFLA_BRPORT_PROXYARP', u8],
  [11, 'IFLA_BRPORT_LEARNING_SYNC', u8], // request only
  [12, 'IFLA_BRPORT_PROXYARP_WIFI', u8],
  [13, 'IFLA_BRPORT_ROOT_ID', bridgeId], // designated root
  [14, 'IFLA_BRPORT_BRIDGE_ID', bridgeId], // designated bridge
  [15, 'IFLA_BRPORT_DESIGNATED_PORT', u16],
  [16, 'IFLA_BRPORT_DESIGNATED_COST', u16],
  [17, 'IFLA_BRPORT_ID', u16],
  [18, 'IFLA_BRPORT_NO', u16],
  [19, 'IFLA_BRPORT_TOPOLOGY_CHANGE_ACK', u8],
  [20, 'IFLA_BRPORT_CONFIG_PENDING', u8],
  [21, 'IFLA_BRPORT_MESSAGE_AGE_TIMER', u64], // centiseconds
  [22, 'IFLA_BRPORT_FORWARD_DELAY_TIMER', u64],
  [23, 'IFLA_BRPORT_HOLD_TIMER', u64],
  [24, 'IFLA_BRPORT_FLUSH', flag], // request only; the kernel checks presence
  [25, 'IFLA_BRPORT_MULTICAST_ROUTER', enumOf(u8, MDB_RTR_TYPE)],
  [26, 'IFLA_BRPORT_PAD', pad],
  [27, 'IFLA_BRPORT_MCAST_FLOOD', u8],
  [28, 'IFLA_BRPORT_MCAST_TO_UCAST', u8],
  [29, 'IFLA_BRPORT_VLAN_TUNNEL', u8],
  [30, 'IFLA_BRPORT_BCAST_FLOOD', u8],
  [31, 'IFLA_BRPORT_GROUP_FWD_MASK', u16],
  [32, 'IFLA_BRPORT_NEIGH_SUPPRESS', u8],
  [33, 'IFLA_BRPORT_ISOLATED', u8],
  [34, 'IFLA_BRPORT_BACKUP_PORT', u32], // ifindex; sent only when set
  [35, 'IFLA_BRPORT_MRP_RING_OPEN', u8],
  [36, 'IFLA_BRPORT_MRP_IN_OPEN', u8],
  [37, 'IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT', u32],
  [38, 'IFLA_BRPORT_MCAST_EHT_HOSTS_CNT', u32],
  [39, 'IFLA_BRPORT_LOCKED', u8],
  [40, 'IFLA_BRPORT_MAB', u8],
  [41, 'IFLA_BRPORT_MCAST_N_GROUPS', u32],
  [42, 'IFLA_BRPORT_MCAST_MAX_GROUPS', u32],
  [43, 'IFLA_BRPORT_NEIGH_VLAN_SUPPRESS', u8],
  [44, 'IFLA_BRPORT_BACKUP_NHID', u32], // sent only when set
  [45, 'IFLA_BRPORT_NEIGH_FORWARD_GRAT', u8], // newer than 6.18
]);
