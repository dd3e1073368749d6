/**
 * Bridge VLAN database attributes (`linux/if_bridge.h`, Linux 6.18):
 * `BRIDGE_VLANDB_*` (to BRIDGE_VLANDB_GLOBAL_OPTIONS = 2), the per-VLAN
 * entries `BRIDGE_VLANDB_ENTRY_*` (to BRIDGE_VLANDB_ENTRY_NEIGH_FORWARD_GRAT
 * = 10), their tunnel and stats nests (`BRIDGE_VLANDB_TINFO_*`,
 * `BRIDGE_VLANDB_STATS_*`), the global options `BRIDGE_VLANDB_GOPTS_*` (to
 * BRIDGE_VLANDB_GOPTS_MSTI = 18), and the dump request's
 * `BRIDGE_VLANDB_DUMP_*`, which reuses number 1 for its flags. Intervals
 * (`*_INTVL`) are in centiseconds.
 *
 * The kernel parses these messages strictly, so nests carry NLA_F_NESTED
 * both ways (iproute2 sets it; the kernel's replies have it).
 */
import { NLA_F_NESTED } from '../../core/constants.js';
import { attrSet, nested } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { binary, u8, u16, u32, u64 } from '../../schema/scalars.js';
import { RTM } from '../../rtnl/constants.js';
import { bridgeQuerierAttrs, MDB_RTR_TYPE } from '../link/bridge.js';
import { bridgeVlanInfo } from '../link/bridge-af.js';
import { BR_STATE } from '../link/bridge-port.js';
import { mdbRouterAttrs } from '../mdb/attrs.js';

/** BRIDGE_VLANDB_DUMP_FLAGS bits (`BRIDGE_VLANDB_DUMPF_*`). */
export const BRIDGE_VLANDB_DUMPF = {
  BRIDGE_VLANDB_DUMPF_STATS: 1 << 0,
  BRIDGE_VLANDB_DUMPF_GLOBAL: 1 << 1,
} as const;

/** `BRIDGE_VLANDB_TINFO_*`: a VLAN's tunnel id mapping. */
export const vlanTunnelInfoAttrs = attrSet('BRIDGE_VLANDB_TINFO', 'BRIDGE_VLANDB_TINFO_', () => [
  [1, 'BRIDGE_VLANDB_TINFO_ID', u32],
  // In requests: RTM_SETLINK to set the mapping, RTM_DELLINK to remove it.
  [2, 'BRIDGE_VLANDB_TINFO_CMD', enumOf(u32, RTM)],
]);

/** `BRIDGE_VLANDB_STATS_*`: a VLAN's traffic on a port. */
export const vlanStatsAttrs = attrSet('BRIDGE_VLANDB_STATS', 'BRIDGE_VLANDB_STATS_', () => [
  [1, 'BRIDGE_VLANDB_STATS_RX_BYTES', u64],
  [2, 'BRIDGE_VLANDB_STATS_RX_PACKETS', u64],
  [3, 'BRIDGE_VLANDB_STATS_TX_BYTES', u64],
  [4, 'BRIDGE_VLANDB_STATS_TX_PACKETS', u64],
  [5, 'BRIDGE_VLANDB_STATS_PAD', binary()], // alignment padding before a u64
]);

/** `BRIDGE_VLANDB_ENTRY_*`: one VLAN (or a range, with RANGE) of a port or of the bridge. */
export const vlanEntryAttrs = attrSet('BRIDGE_VLANDB_ENTRY', 'BRIDGE_VLANDB_ENTRY_', () => [
  [1, 'BRIDGE_VLANDB_ENTRY_INFO', bridgeVlanInfo],
  [2, 'BRIDGE_VLANDB_ENTRY_RANGE', u16], // last vid of a range starting at INFO's
  [3, 'BRIDGE_VLANDB_ENTRY_STATE', enumOf(u8, BR_STATE)], // the port's STP state in this VLAN
  [4, 'BRIDGE_VLANDB_ENTRY_TUNNEL_INFO', nested(() => vlanTunnelInfoAttrs), { flags: NLA_F_NESTED }],
  [5, 'BRIDGE_VLANDB_ENTRY_STATS', nested(() => vlanStatsAttrs), { flags: NLA_F_NESTED }],
  [6, 'BRIDGE_VLANDB_ENTRY_MCAST_ROUTER', enumOf(u8, MDB_RTR_TYPE)],
  [7, 'BRIDGE_VLANDB_ENTRY_MCAST_N_GROUPS', u32],
  [8, 'BRIDGE_VLANDB_ENTRY_MCAST_MAX_GROUPS', u32],
  [9, 'BRIDGE_VLANDB_ENTRY_NEIGH_SUPPRESS', u8],
  [10, 'BRIDGE_VLANDB_ENTRY_NEIGH_FORWARD_GRAT', u8],
]);

/** `BRIDGE_VLANDB_GOPTS_*`: a bridge VLAN's global (multicast, MST) options. */
export const vlanGlobalOptsAttrs = attrSet('BRIDGE_VLANDB_GOPTS', 'BRIDGE_VLANDB_GOPTS_', () => [
  [1, 'BRIDGE_VLANDB_GOPTS_ID', u16],
  [2, 'BRIDGE_VLANDB_GOPTS_RANGE', u16],
  [3, 'BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING', u8],
  [4, 'BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION', u8],
  [5, 'BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION', u8],
  [6, 'BRIDGE_VLANDB_GOPTS_MCAST_LAST_MEMBER_CNT', u32],
  [7, 'BRIDGE_VLANDB_GOPTS_MCAST_STARTUP_QUERY_CNT', u32],
  [8, 'BRIDGE_VLANDB_GOPTS_MCAST_LAST_MEMBER_INTVL', u64],
  [9, 'BRIDGE_VLANDB_GOPTS_PAD', binary()], // alignment padding before a u64
  [10, 'BRIDGE_VLANDB_GOPTS_MCAST_MEMBERSHIP_INTVL', u64],
  [11, 'BRIDGE_VLANDB_GOPTS_MCAST_QUERIER_INTVL', u64],
  [12, 'BRIDGE_VLANDB_GOPTS_MCAST_QUERY_INTVL', u64],
  [13, 'BRIDGE_VLANDB_GOPTS_MCAST_QUERY_RESPONSE_INTVL', u64],
  [14, 'BRIDGE_VLANDB_GOPTS_MCAST_STARTUP_QUERY_INTVL', u64],
  [15, 'BRIDGE_VLANDB_GOPTS_MCAST_QUERIER', u8],
  [16, 'BRIDGE_VLANDB_GOPTS_MCAST_ROUTER_PORTS', nested(() => mdbRouterAttrs), { flags: NLA_F_NESTED }],
  [17, 'BRIDGE_VLANDB_GOPTS_MCAST_QUERIER_STATE', nested(() => bridgeQuerierAttrs), { flags: NLA_F_NESTED }],
  [18, 'BRIDGE_VLANDB_GOPTS_MSTI', u16],
]);

/** `BRIDGE_VLANDB_*`: RTM_NEWVLAN / RTM_DELVLAN (requests and the kernel's replies). */
export const vlanAttrs = attrSet('BRIDGE_VLANDB', 'BRIDGE_VLANDB_', () => [
  [1, 'BRIDGE_VLANDB_ENTRY', nested(() => vlanEntryAttrs), { multi: true, flags: NLA_F_NESTED }],
  [2, 'BRIDGE_VLANDB_GLOBAL_OPTIONS', nested(() => vlanGlobalOptsAttrs), { multi: true, flags: NLA_F_NESTED }],
]);

/** `BRIDGE_VLANDB_DUMP_*`: an RTM_GETVLAN dump request. */
export const vlanDumpAttrs = attrSet('BRIDGE_VLANDB_DUMP', 'BRIDGE_VLANDB_DUMP_', () => [
  [1, 'BRIDGE_VLANDB_DUMP_FLAGS', flagsOf(u32, BRIDGE_VLANDB_DUMPF)],
]);
