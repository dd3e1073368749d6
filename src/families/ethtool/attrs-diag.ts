/**
 * ethtool's diagnostics (Linux 6.18): cable tests and their notifications
 * (results per pair, fault distances, raw TDR samples), the UDP tunnel
 * port tables a NIC offloads, and standard statistics groups (IEEE 802.3
 * PHY, MAC and control counters, RMON with its histograms, PHY counters).
 */
import { NLA_F_NESTED } from '../../core/constants.js';
import { nested } from '../../schema/attr-set.js';
import { enumOf } from '../../schema/enums.js';
import { binary, s16, u8, u16be, u32, u64 } from '../../schema/scalars.js';
import { attrSet, bitset, header } from './attrs-common.js';
import { ETHTOOL_A_CABLE_INF_SRC, ETHTOOL_A_CABLE_PAIR, ETHTOOL_A_CABLE_TEST_NTF_STATUS, ETHTOOL_MAC_STATS_SRC, ETHTOOL_STATS, ETHTOOL_UDP_TUNNEL_TYPE } from './constants.js';
import { groupStat } from './stats-kind.js';

const pair = enumOf(u8, ETHTOOL_A_CABLE_PAIR);
const infSrc = enumOf(u32, ETHTOOL_A_CABLE_INF_SRC);
const ntfStatus = enumOf(u8, ETHTOOL_A_CABLE_TEST_NTF_STATUS);

export const cableResultAttrs = attrSet('ETHTOOL_A_CABLE_RESULT', 'ETHTOOL_A_CABLE_RESULT_', () => [
  [1, 'ETHTOOL_A_CABLE_RESULT_PAIR', pair],
  // ETHTOOL_A_CABLE_RESULT_CODE_* (OK, OPEN, SAME_SHORT...).
  [2, 'ETHTOOL_A_CABLE_RESULT_CODE', u8],
  [3, 'ETHTOOL_A_CABLE_RESULT_SRC', infSrc],
]);

export const cableFaultLengthAttrs = attrSet('ETHTOOL_A_CABLE_FAULT_LENGTH', 'ETHTOOL_A_CABLE_FAULT_LENGTH_', () => [
  [1, 'ETHTOOL_A_CABLE_FAULT_LENGTH_PAIR', pair],
  // Centimetres.
  [2, 'ETHTOOL_A_CABLE_FAULT_LENGTH_CM', u32],
  [3, 'ETHTOOL_A_CABLE_FAULT_LENGTH_SRC', infSrc],
]);

/** A cable test's findings: one result per pair, fault distances where found. */
export const cableNestAttrs = attrSet('ETHTOOL_A_CABLE_NEST', 'ETHTOOL_A_CABLE_NEST_', () => [
  [1, 'ETHTOOL_A_CABLE_NEST_RESULT', nested(() => cableResultAttrs), { multi: true }],
  [2, 'ETHTOOL_A_CABLE_NEST_FAULT_LENGTH', nested(() => cableFaultLengthAttrs), { multi: true }],
]);

export const cableTestAttrs = attrSet('ETHTOOL_A_CABLE_TEST', 'ETHTOOL_A_CABLE_TEST_', [[1, 'ETHTOOL_A_CABLE_TEST_HEADER', header]]);

export const cableTestNtfAttrs = attrSet('ETHTOOL_A_CABLE_TEST_NTF', 'ETHTOOL_A_CABLE_TEST_NTF_', () => [
  [1, 'ETHTOOL_A_CABLE_TEST_NTF_HEADER', header],
  [2, 'ETHTOOL_A_CABLE_TEST_NTF_STATUS', ntfStatus],
  [3, 'ETHTOOL_A_CABLE_TEST_NTF_NEST', nested(() => cableNestAttrs)],
]);

/** Which distances a TDR test samples (centimetres) and on which pair. */
export const cableTestTdrCfgAttrs = attrSet('ETHTOOL_A_CABLE_TEST_TDR_CFG', 'ETHTOOL_A_CABLE_TEST_TDR_CFG_', () => [
  [1, 'ETHTOOL_A_CABLE_TEST_TDR_CFG_FIRST', u32],
  [2, 'ETHTOOL_A_CABLE_TEST_TDR_CFG_LAST', u32],
  [3, 'ETHTOOL_A_CABLE_TEST_TDR_CFG_STEP', u32],
  [4, 'ETHTOOL_A_CABLE_TEST_TDR_CFG_PAIR', pair],
]);

export const cableTestTdrAttrs = attrSet('ETHTOOL_A_CABLE_TEST_TDR', 'ETHTOOL_A_CABLE_TEST_TDR_', () => [
  [1, 'ETHTOOL_A_CABLE_TEST_TDR_HEADER', header],
  [2, 'ETHTOOL_A_CABLE_TEST_TDR_CFG', nested(() => cableTestTdrCfgAttrs)],
]);

/** One TDR sample: the reflection's amplitude on a pair. */
export const cableAmplitudeAttrs = attrSet('ETHTOOL_A_CABLE_AMPLITUDE', 'ETHTOOL_A_CABLE_AMPLITUDE_', () => [
  [1, 'ETHTOOL_A_CABLE_AMPLITUDE_PAIR', pair],
  // Millivolts, signed.
  [2, 'ETHTOOL_A_CABLE_AMPLITUDE_mV', s16],
]);

/** The amplitude of the pulse a TDR test sends. */
export const cablePulseAttrs = attrSet('ETHTOOL_A_CABLE_PULSE', 'ETHTOOL_A_CABLE_PULSE_', [[1, 'ETHTOOL_A_CABLE_PULSE_mV', s16]]);

/** The distances sampled (centimetres). */
export const cableStepAttrs = attrSet('ETHTOOL_A_CABLE_STEP', 'ETHTOOL_A_CABLE_STEP_', () => [
  [1, 'ETHTOOL_A_CABLE_STEP_FIRST_DISTANCE', u32],
  [2, 'ETHTOOL_A_CABLE_STEP_LAST_DISTANCE', u32],
  [3, 'ETHTOOL_A_CABLE_STEP_STEP_DISTANCE', u32],
]);

/** A TDR test's raw data (the kernel fills ETHTOOL_A_CABLE_TEST_TDR_NTF_NEST with these). */
export const cableTdrNestAttrs = attrSet('ETHTOOL_A_CABLE_TDR_NEST', 'ETHTOOL_A_CABLE_TDR_NEST_', () => [
  [1, 'ETHTOOL_A_CABLE_TDR_NEST_STEP', nested(() => cableStepAttrs), { multi: true }],
  [2, 'ETHTOOL_A_CABLE_TDR_NEST_AMPLITUDE', nested(() => cableAmplitudeAttrs), { multi: true }],
  [3, 'ETHTOOL_A_CABLE_TDR_NEST_PULSE', nested(() => cablePulseAttrs), { multi: true }],
]);

export const cableTestTdrNtfAttrs = attrSet('ETHTOOL_A_CABLE_TEST_TDR_NTF', 'ETHTOOL_A_CABLE_TEST_TDR_NTF_', () => [
  [1, 'ETHTOOL_A_CABLE_TEST_TDR_NTF_HEADER', header],
  [2, 'ETHTOOL_A_CABLE_TEST_TDR_NTF_STATUS', ntfStatus],
  [3, 'ETHTOOL_A_CABLE_TEST_TDR_NTF_NEST', nested(() => cableTdrNestAttrs)],
]);

export const tunnelUdpEntryAttrs = attrSet('ETHTOOL_A_TUNNEL_UDP_ENTRY', 'ETHTOOL_A_TUNNEL_UDP_ENTRY_', () => [
  // Network byte order.
  [1, 'ETHTOOL_A_TUNNEL_UDP_ENTRY_PORT', u16be],
  [2, 'ETHTOOL_A_TUNNEL_UDP_ENTRY_TYPE', enumOf(u32, ETHTOOL_UDP_TUNNEL_TYPE)],
]);

/** One offload table: its size, the tunnel types it takes (ETH_SS_UDP_TUNNEL_TYPES), its ports. */
export const tunnelUdpTableAttrs = attrSet('ETHTOOL_A_TUNNEL_UDP_TABLE', 'ETHTOOL_A_TUNNEL_UDP_TABLE_', () => [
  [1, 'ETHTOOL_A_TUNNEL_UDP_TABLE_SIZE', u32],
  [2, 'ETHTOOL_A_TUNNEL_UDP_TABLE_TYPES', bitset],
  [3, 'ETHTOOL_A_TUNNEL_UDP_TABLE_ENTRY', nested(() => tunnelUdpEntryAttrs), { multi: true }],
]);

export const tunnelUdpAttrs = attrSet('ETHTOOL_A_TUNNEL_UDP', 'ETHTOOL_A_TUNNEL_UDP_', () => [
  [1, 'ETHTOOL_A_TUNNEL_UDP_TABLE', nested(() => tunnelUdpTableAttrs), { multi: true }],
]);

export const tunnelInfoAttrs = attrSet('ETHTOOL_A_TUNNEL_INFO', 'ETHTOOL_A_TUNNEL_INFO_', () => [
  [1, 'ETHTOOL_A_TUNNEL_INFO_HEADER', header],
  [2, 'ETHTOOL_A_TUNNEL_INFO_UDP_PORTS', nested(() => tunnelUdpAttrs)],
]);

/** One histogram bucket (RMON's frame size buckets): its bounds and count. */
export const statsGrpHistAttrs = attrSet('ETHTOOL_A_STATS_GRP_HIST', 'ETHTOOL_A_STATS_GRP_', () => [
  [1, 'ETHTOOL_A_STATS_GRP_PAD', binary()], // alignment of the u64 count
  [7, 'ETHTOOL_A_STATS_GRP_HIST_BKT_LOW', u32],
  [8, 'ETHTOOL_A_STATS_GRP_HIST_BKT_HI', u32],
  [9, 'ETHTOOL_A_STATS_GRP_HIST_VAL', u64],
]);

/** One statistics group: which (ETHTOOL_STATS_*), its string set, its counters and histograms. */
export const statsGrpAttrs = attrSet('ETHTOOL_A_STATS_GRP', 'ETHTOOL_A_STATS_GRP_', () => [
  [1, 'ETHTOOL_A_STATS_GRP_PAD', binary()], // alignment of the u64 counters
  [2, 'ETHTOOL_A_STATS_GRP_ID', enumOf(u32, ETHTOOL_STATS)],
  // The string set naming the counters (ETH_SS_STATS_*).
  [3, 'ETHTOOL_A_STATS_GRP_SS_ID', u32],
  // One nest per counter; see stats-kind.ts.
  [4, 'ETHTOOL_A_STATS_GRP_STAT', groupStat, { multi: true, flags: NLA_F_NESTED }],
  [5, 'ETHTOOL_A_STATS_GRP_HIST_RX', nested(() => statsGrpHistAttrs), { multi: true }],
  [6, 'ETHTOOL_A_STATS_GRP_HIST_TX', nested(() => statsGrpHistAttrs), { multi: true }],
  // Only inside the HIST nests.
  [7, 'ETHTOOL_A_STATS_GRP_HIST_BKT_LOW', u32],
  [8, 'ETHTOOL_A_STATS_GRP_HIST_BKT_HI', u32],
  [9, 'ETHTOOL_A_STATS_GRP_HIST_VAL', u64],
]);

export const statsAttrs = attrSet('ETHTOOL_A_STATS', 'ETHTOOL_A_STATS_', () => [
  [1, 'ETHTOOL_A_STATS_PAD', binary()], // alignment of the u64 counters
  [2, 'ETHTOOL_A_STATS_HEADER', header],
  // Request: the groups wanted (ETH_SS_STATS_STD).
  [3, 'ETHTOOL_A_STATS_GROUPS', bitset],
  [4, 'ETHTOOL_A_STATS_GRP', nested(() => statsGrpAttrs), { multi: true }],
  [5, 'ETHTOOL_A_STATS_SRC', enumOf(u32, ETHTOOL_MAC_STATS_SRC)],
]);
