/**
 * ethtool's time stamping (Linux 6.18): what a device can stamp
 * (ETHTOOL_MSG_TSINFO_GET: SOF_TIMESTAMPING_* capabilities, hardware
 * transmit types and receive filters as bitsets named by ETH_SS_SOF_TIMESTAMPING,
 * ETH_SS_TS_TX_TYPES and ETH_SS_TS_RX_FILTERS, the PTP hardware clock), which
 * stamping provider is in use (ETHTOOL_MSG_TSCONFIG_*), and a PHC's
 * virtual clocks.
 */
import { uint } from '../../schema/uint.js';
import { nested } from '../../schema/attr-set.js';
import { arrayOf } from '../../schema/array.js';
import { enumOf } from '../../schema/enums.js';
import { s32, u32 } from '../../schema/scalars.js';
import { attrSet, bitset, header } from './attrs-common.js';
import { HWTSTAMP_SOURCE } from './constants.js';

/** Time stamping counters (NLA_UINT each). */
export const tsStatAttrs = attrSet('ETHTOOL_A_TS_STAT', 'ETHTOOL_A_TS_STAT_', () => [
  [1, 'ETHTOOL_A_TS_STAT_TX_PKTS', uint],
  [2, 'ETHTOOL_A_TS_STAT_TX_LOST', uint],
  [3, 'ETHTOOL_A_TS_STAT_TX_ERR', uint],
  [4, 'ETHTOOL_A_TS_STAT_TX_ONESTEP_PKTS_UNCONFIRMED', uint],
]);

/** A hardware time stamp provider: a PHC index and its qualifier (precise or approximate). */
export const tsHwtstampProviderAttrs = attrSet('ETHTOOL_A_TS_HWTSTAMP_PROVIDER', 'ETHTOOL_A_TS_HWTSTAMP_PROVIDER_', () => [
  [1, 'ETHTOOL_A_TS_HWTSTAMP_PROVIDER_INDEX', u32],
  [2, 'ETHTOOL_A_TS_HWTSTAMP_PROVIDER_QUALIFIER', u32],
]);

export const tsinfoAttrs = attrSet('ETHTOOL_A_TSINFO', 'ETHTOOL_A_TSINFO_', () => [
  [1, 'ETHTOOL_A_TSINFO_HEADER', header],
  // SOF_TIMESTAMPING_* (ETH_SS_SOF_TIMESTAMPING).
  [2, 'ETHTOOL_A_TSINFO_TIMESTAMPING', bitset],
  // HWTSTAMP_TX_* (ETH_SS_TS_TX_TYPES).
  [3, 'ETHTOOL_A_TSINFO_TX_TYPES', bitset],
  // HWTSTAMP_FILTER_* (ETH_SS_TS_RX_FILTERS).
  [4, 'ETHTOOL_A_TSINFO_RX_FILTERS', bitset],
  // The PTP hardware clock's index (/dev/ptpN); absent without one.
  [5, 'ETHTOOL_A_TSINFO_PHC_INDEX', u32],
  [6, 'ETHTOOL_A_TSINFO_STATS', nested(() => tsStatAttrs)],
  [7, 'ETHTOOL_A_TSINFO_HWTSTAMP_PROVIDER', nested(() => tsHwtstampProviderAttrs)],
  [8, 'ETHTOOL_A_TSINFO_HWTSTAMP_SOURCE', enumOf(u32, HWTSTAMP_SOURCE)],
  [9, 'ETHTOOL_A_TSINFO_HWTSTAMP_PHYINDEX', u32],
]);

export const tsconfigAttrs = attrSet('ETHTOOL_A_TSCONFIG', 'ETHTOOL_A_TSCONFIG_', () => [
  [1, 'ETHTOOL_A_TSCONFIG_HEADER', header],
  [2, 'ETHTOOL_A_TSCONFIG_HWTSTAMP_PROVIDER', nested(() => tsHwtstampProviderAttrs)],
  [3, 'ETHTOOL_A_TSCONFIG_TX_TYPES', bitset],
  [4, 'ETHTOOL_A_TSCONFIG_RX_FILTERS', bitset],
  // HWTSTAMP_FLAG_* (ETH_SS_TS_FLAGS).
  [5, 'ETHTOOL_A_TSCONFIG_HWTSTAMP_FLAGS', bitset],
]);

export const phcVclocksAttrs = attrSet('ETHTOOL_A_PHC_VCLOCKS', 'ETHTOOL_A_PHC_VCLOCKS_', () => [
  [1, 'ETHTOOL_A_PHC_VCLOCKS_HEADER', header],
  [2, 'ETHTOOL_A_PHC_VCLOCKS_NUM', u32],
  // PHC indexes of the virtual clocks (s32[]).
  [3, 'ETHTOOL_A_PHC_VCLOCKS_INDEX', arrayOf(s32)],
]);
