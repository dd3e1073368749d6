/**
 * ethtool's device parameters (Linux 6.18): rings, channels, interrupt
 * coalescing, pause frames, EEE, FEC, MAC merge, the plug-in module's power
 * mode and EEPROM pages, and PLCA. Statistics that ride along (pause, FEC,
 * MAC merge; ETHTOOL_FLAG_STATS in the request header) are u64 counters
 * written with `nla_put_u64_64bit`: where the next payload would be
 * misaligned the kernel puts an empty PAD attribute before it, declared
 * here as opaque bytes so that a reply re-encodes to the same bytes.
 */
import { uint } from '../../schema/uint.js';
import { nested } from '../../schema/attr-set.js';
import { arrayOf } from '../../schema/array.js';
import { enumOf } from '../../schema/enums.js';
import { binary, u8, u16, u32, u64 } from '../../schema/scalars.js';
import { attrSet, bitset, header } from './attrs-common.js';
import {
  ETHTOOL_MAC_STATS_SRC,
  ETHTOOL_MM_VERIFY_STATUS,
  ETHTOOL_MODULE_POWER_MODE,
  ETHTOOL_MODULE_POWER_MODE_POLICY,
  ETHTOOL_TCP_DATA_SPLIT,
} from './constants.js';

export const ringsAttrs = attrSet('ETHTOOL_A_RINGS', 'ETHTOOL_A_RINGS_', () => [
  [1, 'ETHTOOL_A_RINGS_HEADER', header],
  [2, 'ETHTOOL_A_RINGS_RX_MAX', u32],
  [3, 'ETHTOOL_A_RINGS_RX_MINI_MAX', u32],
  [4, 'ETHTOOL_A_RINGS_RX_JUMBO_MAX', u32],
  [5, 'ETHTOOL_A_RINGS_TX_MAX', u32],
  [6, 'ETHTOOL_A_RINGS_RX', u32],
  [7, 'ETHTOOL_A_RINGS_RX_MINI', u32],
  [8, 'ETHTOOL_A_RINGS_RX_JUMBO', u32],
  [9, 'ETHTOOL_A_RINGS_TX', u32],
  // Bytes.
  [10, 'ETHTOOL_A_RINGS_RX_BUF_LEN', u32],
  [11, 'ETHTOOL_A_RINGS_TCP_DATA_SPLIT', enumOf(u8, ETHTOOL_TCP_DATA_SPLIT)],
  [12, 'ETHTOOL_A_RINGS_CQE_SIZE', u32],
  [13, 'ETHTOOL_A_RINGS_TX_PUSH', u8],
  [14, 'ETHTOOL_A_RINGS_RX_PUSH', u8],
  [15, 'ETHTOOL_A_RINGS_TX_PUSH_BUF_LEN', u32],
  [16, 'ETHTOOL_A_RINGS_TX_PUSH_BUF_LEN_MAX', u32],
  // Header-data split threshold (bytes) and its maximum.
  [17, 'ETHTOOL_A_RINGS_HDS_THRESH', u32],
  [18, 'ETHTOOL_A_RINGS_HDS_THRESH_MAX', u32],
]);

export const channelsAttrs = attrSet('ETHTOOL_A_CHANNELS', 'ETHTOOL_A_CHANNELS_', () => [
  [1, 'ETHTOOL_A_CHANNELS_HEADER', header],
  [2, 'ETHTOOL_A_CHANNELS_RX_MAX', u32],
  [3, 'ETHTOOL_A_CHANNELS_TX_MAX', u32],
  [4, 'ETHTOOL_A_CHANNELS_OTHER_MAX', u32],
  [5, 'ETHTOOL_A_CHANNELS_COMBINED_MAX', u32],
  [6, 'ETHTOOL_A_CHANNELS_RX_COUNT', u32],
  [7, 'ETHTOOL_A_CHANNELS_TX_COUNT', u32],
  [8, 'ETHTOOL_A_CHANNELS_OTHER_COUNT', u32],
  [9, 'ETHTOOL_A_CHANNELS_COMBINED_COUNT', u32],
]);

/** One dynamic interrupt moderation profile entry. */
export const irqModerationAttrs = attrSet('ETHTOOL_A_IRQ_MODERATION', 'ETHTOOL_A_IRQ_MODERATION_', () => [
  [1, 'ETHTOOL_A_IRQ_MODERATION_USEC', u32],
  [2, 'ETHTOOL_A_IRQ_MODERATION_PKTS', u32],
  [3, 'ETHTOOL_A_IRQ_MODERATION_COMPS', u32],
]);

export const profileAttrs = attrSet('ETHTOOL_A_PROFILE', 'ETHTOOL_A_PROFILE_', () => [
  [1, 'ETHTOOL_A_PROFILE_IRQ_MODERATION', nested(() => irqModerationAttrs), { multi: true }],
]);

export const coalesceAttrs = attrSet('ETHTOOL_A_COALESCE', 'ETHTOOL_A_COALESCE_', () => [
  [1, 'ETHTOOL_A_COALESCE_HEADER', header],
  [2, 'ETHTOOL_A_COALESCE_RX_USECS', u32],
  [3, 'ETHTOOL_A_COALESCE_RX_MAX_FRAMES', u32],
  [4, 'ETHTOOL_A_COALESCE_RX_USECS_IRQ', u32],
  [5, 'ETHTOOL_A_COALESCE_RX_MAX_FRAMES_IRQ', u32],
  [6, 'ETHTOOL_A_COALESCE_TX_USECS', u32],
  [7, 'ETHTOOL_A_COALESCE_TX_MAX_FRAMES', u32],
  [8, 'ETHTOOL_A_COALESCE_TX_USECS_IRQ', u32],
  [9, 'ETHTOOL_A_COALESCE_TX_MAX_FRAMES_IRQ', u32],
  [10, 'ETHTOOL_A_COALESCE_STATS_BLOCK_USECS', u32],
  [11, 'ETHTOOL_A_COALESCE_USE_ADAPTIVE_RX', u8],
  [12, 'ETHTOOL_A_COALESCE_USE_ADAPTIVE_TX', u8],
  [13, 'ETHTOOL_A_COALESCE_PKT_RATE_LOW', u32],
  [14, 'ETHTOOL_A_COALESCE_RX_USECS_LOW', u32],
  [15, 'ETHTOOL_A_COALESCE_RX_MAX_FRAMES_LOW', u32],
  [16, 'ETHTOOL_A_COALESCE_TX_USECS_LOW', u32],
  [17, 'ETHTOOL_A_COALESCE_TX_MAX_FRAMES_LOW', u32],
  [18, 'ETHTOOL_A_COALESCE_PKT_RATE_HIGH', u32],
  [19, 'ETHTOOL_A_COALESCE_RX_USECS_HIGH', u32],
  [20, 'ETHTOOL_A_COALESCE_RX_MAX_FRAMES_HIGH', u32],
  [21, 'ETHTOOL_A_COALESCE_TX_USECS_HIGH', u32],
  [22, 'ETHTOOL_A_COALESCE_TX_MAX_FRAMES_HIGH', u32],
  [23, 'ETHTOOL_A_COALESCE_RATE_SAMPLE_INTERVAL', u32],
  [24, 'ETHTOOL_A_COALESCE_USE_CQE_MODE_TX', u8],
  [25, 'ETHTOOL_A_COALESCE_USE_CQE_MODE_RX', u8],
  [26, 'ETHTOOL_A_COALESCE_TX_AGGR_MAX_BYTES', u32],
  [27, 'ETHTOOL_A_COALESCE_TX_AGGR_MAX_FRAMES', u32],
  [28, 'ETHTOOL_A_COALESCE_TX_AGGR_TIME_USECS', u32],
  [29, 'ETHTOOL_A_COALESCE_RX_PROFILE', nested(() => profileAttrs)],
  [30, 'ETHTOOL_A_COALESCE_TX_PROFILE', nested(() => profileAttrs)],
]);

/** Pause frame counters. */
export const pauseStatAttrs = attrSet('ETHTOOL_A_PAUSE_STAT', 'ETHTOOL_A_PAUSE_STAT_', () => [
  [1, 'ETHTOOL_A_PAUSE_STAT_PAD', binary()], // alignment of the u64 counters
  [2, 'ETHTOOL_A_PAUSE_STAT_TX_FRAMES', u64],
  [3, 'ETHTOOL_A_PAUSE_STAT_RX_FRAMES', u64],
]);

export const pauseAttrs = attrSet('ETHTOOL_A_PAUSE', 'ETHTOOL_A_PAUSE_', () => [
  [1, 'ETHTOOL_A_PAUSE_HEADER', header],
  [2, 'ETHTOOL_A_PAUSE_AUTONEG', u8],
  [3, 'ETHTOOL_A_PAUSE_RX', u8],
  [4, 'ETHTOOL_A_PAUSE_TX', u8],
  [5, 'ETHTOOL_A_PAUSE_STATS', nested(() => pauseStatAttrs)],
  [6, 'ETHTOOL_A_PAUSE_STATS_SRC', enumOf(u32, ETHTOOL_MAC_STATS_SRC)],
]);

export const eeeAttrs = attrSet('ETHTOOL_A_EEE', 'ETHTOOL_A_EEE_', () => [
  [1, 'ETHTOOL_A_EEE_HEADER', header],
  // Advertised (value) of supported (mask) link modes.
  [2, 'ETHTOOL_A_EEE_MODES_OURS', bitset],
  [3, 'ETHTOOL_A_EEE_MODES_PEER', bitset],
  [4, 'ETHTOOL_A_EEE_ACTIVE', u8],
  [5, 'ETHTOOL_A_EEE_ENABLED', u8],
  [6, 'ETHTOOL_A_EEE_TX_LPI_ENABLED', u8],
  // Microseconds.
  [7, 'ETHTOOL_A_EEE_TX_LPI_TIMER', u32],
]);

/** One bin of a FEC error histogram (symbol errors per codeword). */
export const fecHistAttrs = attrSet('ETHTOOL_A_FEC_HIST', 'ETHTOOL_A_FEC_HIST_', () => [
  [1, 'ETHTOOL_A_FEC_HIST_PAD', binary()], // alignment of the u64 per-lane array
  [2, 'ETHTOOL_A_FEC_HIST_BIN_LOW', u32],
  [3, 'ETHTOOL_A_FEC_HIST_BIN_HIGH', u32],
  [4, 'ETHTOOL_A_FEC_HIST_BIN_VAL', uint],
  [5, 'ETHTOOL_A_FEC_HIST_BIN_VAL_PER_LANE', arrayOf(u64)],
]);

/** FEC counters: each the total, then one per lane (u64[]). */
export const fecStatAttrs = attrSet('ETHTOOL_A_FEC_STAT', 'ETHTOOL_A_FEC_STAT_', () => [
  [1, 'ETHTOOL_A_FEC_STAT_PAD', binary()], // alignment of the u64 arrays
  [2, 'ETHTOOL_A_FEC_STAT_CORRECTED', arrayOf(u64)],
  [3, 'ETHTOOL_A_FEC_STAT_UNCORR', arrayOf(u64)],
  [4, 'ETHTOOL_A_FEC_STAT_CORR_BITS', arrayOf(u64)],
  [5, 'ETHTOOL_A_FEC_STAT_HIST', nested(() => fecHistAttrs), { multi: true }],
]);

export const fecAttrs = attrSet('ETHTOOL_A_FEC', 'ETHTOOL_A_FEC_', () => [
  [1, 'ETHTOOL_A_FEC_HEADER', header],
  // Configured FEC modes (link mode bits ETHTOOL_LINK_MODE_FEC_*).
  [2, 'ETHTOOL_A_FEC_MODES', bitset],
  [3, 'ETHTOOL_A_FEC_AUTO', u8],
  // The active mode's link mode bit index.
  [4, 'ETHTOOL_A_FEC_ACTIVE', u32],
  [5, 'ETHTOOL_A_FEC_STATS', nested(() => fecStatAttrs)],
]);

/** MAC merge (802.3 frame preemption) counters. */
export const mmStatAttrs = attrSet('ETHTOOL_A_MM_STAT', 'ETHTOOL_A_MM_STAT_', () => [
  [1, 'ETHTOOL_A_MM_STAT_PAD', binary()], // alignment of the u64 counters
  [2, 'ETHTOOL_A_MM_STAT_REASSEMBLY_ERRORS', u64],
  [3, 'ETHTOOL_A_MM_STAT_SMD_ERRORS', u64],
  [4, 'ETHTOOL_A_MM_STAT_REASSEMBLY_OK', u64],
  [5, 'ETHTOOL_A_MM_STAT_RX_FRAG_COUNT', u64],
  [6, 'ETHTOOL_A_MM_STAT_TX_FRAG_COUNT', u64],
  [7, 'ETHTOOL_A_MM_STAT_HOLD_COUNT', u64],
]);

export const mmAttrs = attrSet('ETHTOOL_A_MM', 'ETHTOOL_A_MM_', () => [
  [1, 'ETHTOOL_A_MM_HEADER', header],
  [2, 'ETHTOOL_A_MM_PMAC_ENABLED', u8],
  [3, 'ETHTOOL_A_MM_TX_ENABLED', u8],
  [4, 'ETHTOOL_A_MM_TX_ACTIVE', u8],
  // Octets.
  [5, 'ETHTOOL_A_MM_TX_MIN_FRAG_SIZE', u32],
  [6, 'ETHTOOL_A_MM_RX_MIN_FRAG_SIZE', u32],
  [7, 'ETHTOOL_A_MM_VERIFY_ENABLED', u8],
  [8, 'ETHTOOL_A_MM_VERIFY_STATUS', enumOf(u8, ETHTOOL_MM_VERIFY_STATUS)],
  // Milliseconds.
  [9, 'ETHTOOL_A_MM_VERIFY_TIME', u32],
  [10, 'ETHTOOL_A_MM_MAX_VERIFY_TIME', u32],
  [11, 'ETHTOOL_A_MM_STATS', nested(() => mmStatAttrs)],
]);

export const moduleAttrs = attrSet('ETHTOOL_A_MODULE', 'ETHTOOL_A_MODULE_', () => [
  [1, 'ETHTOOL_A_MODULE_HEADER', header],
  [2, 'ETHTOOL_A_MODULE_POWER_MODE_POLICY', enumOf(u8, ETHTOOL_MODULE_POWER_MODE_POLICY)],
  [3, 'ETHTOOL_A_MODULE_POWER_MODE', enumOf(u8, ETHTOOL_MODULE_POWER_MODE)],
]);

/** A page of the plug-in module's EEPROM (request: where; reply: the bytes). */
export const moduleEepromAttrs = attrSet('ETHTOOL_A_MODULE_EEPROM', 'ETHTOOL_A_MODULE_EEPROM_', () => [
  [1, 'ETHTOOL_A_MODULE_EEPROM_HEADER', header],
  [2, 'ETHTOOL_A_MODULE_EEPROM_OFFSET', u32],
  [3, 'ETHTOOL_A_MODULE_EEPROM_LENGTH', u32],
  [4, 'ETHTOOL_A_MODULE_EEPROM_PAGE', u8],
  [5, 'ETHTOOL_A_MODULE_EEPROM_BANK', u8],
  [6, 'ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS', u8],
  [7, 'ETHTOOL_A_MODULE_EEPROM_DATA', binary()],
]);

/** PLCA (10BASE-T1S physical layer collision avoidance): configuration and status. */
export const plcaAttrs = attrSet('ETHTOOL_A_PLCA', 'ETHTOOL_A_PLCA_', () => [
  [1, 'ETHTOOL_A_PLCA_HEADER', header],
  [2, 'ETHTOOL_A_PLCA_VERSION', u16],
  [3, 'ETHTOOL_A_PLCA_ENABLED', u8],
  [4, 'ETHTOOL_A_PLCA_STATUS', u8],
  [5, 'ETHTOOL_A_PLCA_NODE_CNT', u32],
  [6, 'ETHTOOL_A_PLCA_NODE_ID', u32],
  [7, 'ETHTOOL_A_PLCA_TO_TMR', u32],
  [8, 'ETHTOOL_A_PLCA_BURST_CNT', u32],
  [9, 'ETHTOOL_A_PLCA_BURST_TMR', u32],
]);
