/**
 * The bridge's extended statistics, nested in IFLA_STATS_LINK_XSTATS (the
 * bridge itself) and IFLA_STATS_LINK_XSTATS_SLAVE (a port) under
 * LINK_XSTATS_TYPE_BRIDGE: `BRIDGE_XSTATS_*` and the structs they carry
 * (`linux/if_bridge.h`, Linux 6.18: BRIDGE_XSTATS_UNSPEC to
 * BRIDGE_XSTATS_STP = 4).
 *
 * ```
 * struct bridge_vlan_xstats {      offset         struct bridge_stp_xstats {   offset
 *   __u64 rx_bytes;                   0             __u64 transition_blk;         0
 *   __u64 rx_packets;                 8             __u64 transition_fwd;         8
 *   __u64 tx_bytes;                  16             __u64 rx_bpdu;               16
 *   __u64 tx_packets;                24             __u64 tx_bpdu;               24
 *   __u16 vid;                       32             __u64 rx_tcn;                32
 *   __u16 flags;                     34             __u64 tx_tcn;                40
 *   __u32 pad2;                      36           };                             48 bytes
 * };                                 40 bytes
 *
 * struct br_mcast_stats: IGMP and MLD message counters, u64 each, most of
 * them pairs indexed by direction (BR_MCAST_DIR_RX = 0, BR_MCAST_DIR_TX
 * = 1), 30 counters, 240 bytes. Each pair `x[2]` is declared here as two
 * fields `x_rx`, `x_tx`.
 * ```
 */
import { attrSet } from '../../schema/attr-set.js';
import { flagsOf } from '../../schema/enums.js';
import type { FieldDef } from '../../schema/struct.js';
import { binary, u16, u32, u64 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { BRIDGE_VLAN_INFO } from '../link/bridge-af.js';

/** `struct bridge_vlan_xstats`: traffic of one VLAN (BRIDGE_XSTATS_VLAN, one per VLAN). */
export const bridgeVlanXstats = struct('bridge_vlan_xstats', '', [
  ['rx_bytes', u64],
  ['rx_packets', u64],
  ['tx_bytes', u64],
  ['tx_packets', u64],
  ['vid', u16],
  ['flags', flagsOf(u16, BRIDGE_VLAN_INFO)],
  ['pad2', u32],
]);

/** A `__u64 name[BR_MCAST_DIR_SIZE]` member: its receive and transmit counters. */
const pair = (name: string): FieldDef[] => [
  [`${name}_rx`, u64],
  [`${name}_tx`, u64],
];

/** `struct br_mcast_stats` (BRIDGE_XSTATS_MCAST). Open: the kernel may grow it. */
export const brMcastStats = struct(
  'br_mcast_stats',
  '',
  [
    ...pair('igmp_v1queries'),
    ...pair('igmp_v2queries'),
    ...pair('igmp_v3queries'),
    ...pair('igmp_leaves'),
    ...pair('igmp_v1reports'),
    ...pair('igmp_v2reports'),
    ...pair('igmp_v3reports'),
    ['igmp_parse_errors', u64],
    ...pair('mld_v1queries'),
    ...pair('mld_v2queries'),
    ...pair('mld_leaves'),
    ...pair('mld_v1reports'),
    ...pair('mld_v2reports'),
    ['mld_parse_errors', u64],
    ...pair('mcast_bytes'),
    ...pair('mcast_packets'),
  ],
  { open: true },
);

/** `struct bridge_stp_xstats` (BRIDGE_XSTATS_STP): a port's STP counters. Open, like the others. */
export const bridgeStpXstats = struct(
  'bridge_stp_xstats',
  '',
  [
    ['transition_blk', u64],
    ['transition_fwd', u64],
    ['rx_bpdu', u64],
    ['tx_bpdu', u64],
    ['rx_tcn', u64],
    ['tx_tcn', u64],
  ],
  { open: true },
);

/** `BRIDGE_XSTATS_*`: LINK_XSTATS_TYPE_BRIDGE's content. */
export const bridgeXstatsAttrs = attrSet('BRIDGE_XSTATS', 'BRIDGE_XSTATS_', () => [
  [1, 'BRIDGE_XSTATS_VLAN', bridgeVlanXstats, { multi: true }],
  [2, 'BRIDGE_XSTATS_MCAST', brMcastStats],
  [3, 'BRIDGE_XSTATS_PAD', binary()], // alignment padding before a u64 struct
  [4, 'BRIDGE_XSTATS_STP', bridgeStpXstats],
]);
