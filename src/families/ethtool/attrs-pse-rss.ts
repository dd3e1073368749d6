/**
 * ethtool's power, flow hashing and topology sets (Linux 6.18): power
 * sourcing equipment (PoDL and Clause 33 PoE, with its notifications), RSS
 * contexts (hash function, indirection table, key, per-flow-type hash
 * fields), the PHYs of a link, and plug-in module firmware flashing.
 */
import { uint } from '../../schema/uint.js';
import { nested } from '../../schema/attr-set.js';
import { arrayOf } from '../../schema/array.js';
import { enumOf } from '../../schema/enums.js';
import { binary, string, u32 } from '../../schema/scalars.js';
import { attrSet, header } from './attrs-common.js';
import {
  ETHTOOL_C33_PSE_ADMIN_STATE,
  ETHTOOL_C33_PSE_EXT_STATE,
  ETHTOOL_C33_PSE_PW_D_STATUS,
  ETHTOOL_MODULE_FW_FLASH_STATUS,
  ETHTOOL_PODL_PSE_ADMIN_STATE,
  ETHTOOL_PODL_PSE_PW_D_STATUS,
  PHY_UPSTREAM,
} from './constants.js';

/** A power limit range a C33 PSE accepts (milliwatts). */
export const c33PsePwLimitAttrs = attrSet('ETHTOOL_A_C33_PSE_PW_LIMIT', 'ETHTOOL_A_C33_PSE_PW_LIMIT_', () => [
  [1, 'ETHTOOL_A_C33_PSE_PW_LIMIT_MIN', u32],
  [2, 'ETHTOOL_A_C33_PSE_PW_LIMIT_MAX', u32],
]);

/** PSE state and control; the names mix three prefixes, keys drop `ETHTOOL_A_`. */
export const pseAttrs = attrSet('ETHTOOL_A_PSE', 'ETHTOOL_A_', () => [
  [1, 'ETHTOOL_A_PSE_HEADER', header, { key: 'header' }],
  [2, 'ETHTOOL_A_PODL_PSE_ADMIN_STATE', enumOf(u32, ETHTOOL_PODL_PSE_ADMIN_STATE)],
  [3, 'ETHTOOL_A_PODL_PSE_ADMIN_CONTROL', enumOf(u32, ETHTOOL_PODL_PSE_ADMIN_STATE)],
  [4, 'ETHTOOL_A_PODL_PSE_PW_D_STATUS', enumOf(u32, ETHTOOL_PODL_PSE_PW_D_STATUS)],
  [5, 'ETHTOOL_A_C33_PSE_ADMIN_STATE', enumOf(u32, ETHTOOL_C33_PSE_ADMIN_STATE)],
  [6, 'ETHTOOL_A_C33_PSE_ADMIN_CONTROL', enumOf(u32, ETHTOOL_C33_PSE_ADMIN_STATE)],
  [7, 'ETHTOOL_A_C33_PSE_PW_D_STATUS', enumOf(u32, ETHTOOL_C33_PSE_PW_D_STATUS)],
  [8, 'ETHTOOL_A_C33_PSE_PW_CLASS', u32],
  // Milliwatts.
  [9, 'ETHTOOL_A_C33_PSE_ACTUAL_PW', u32],
  [10, 'ETHTOOL_A_C33_PSE_EXT_STATE', enumOf(u32, ETHTOOL_C33_PSE_EXT_STATE)],
  // Meaning depends on EXT_STATE.
  [11, 'ETHTOOL_A_C33_PSE_EXT_SUBSTATE', u32],
  [12, 'ETHTOOL_A_C33_PSE_AVAIL_PW_LIMIT', u32],
  [13, 'ETHTOOL_A_C33_PSE_PW_LIMIT_RANGES', nested(() => c33PsePwLimitAttrs), { multi: true }],
  // The power domain the PSE belongs to.
  [14, 'ETHTOOL_A_PSE_PW_D_ID', u32],
  [15, 'ETHTOOL_A_PSE_PRIO_MAX', u32],
  [16, 'ETHTOOL_A_PSE_PRIO', u32],
]);

/** ETHTOOL_MSG_PSE_NTF: what happened (ETHTOOL_PSE_EVENT_* bits, see constants.ts). */
export const pseNtfAttrs = attrSet('ETHTOOL_A_PSE_NTF', 'ETHTOOL_A_PSE_NTF_', () => [
  [1, 'ETHTOOL_A_PSE_NTF_HEADER', header],
  [2, 'ETHTOOL_A_PSE_NTF_EVENTS', uint],
]);

/** The packet fields hashed for each flow type (RXH_* bits, NLA_UINT each). */
export const flowAttrs = attrSet('ETHTOOL_A_FLOW', 'ETHTOOL_A_FLOW_', () => [
  [1, 'ETHTOOL_A_FLOW_ETHER', uint],
  [2, 'ETHTOOL_A_FLOW_IP4', uint],
  [3, 'ETHTOOL_A_FLOW_IP6', uint],
  [4, 'ETHTOOL_A_FLOW_TCP4', uint],
  [5, 'ETHTOOL_A_FLOW_TCP6', uint],
  [6, 'ETHTOOL_A_FLOW_UDP4', uint],
  [7, 'ETHTOOL_A_FLOW_UDP6', uint],
  [8, 'ETHTOOL_A_FLOW_SCTP4', uint],
  [9, 'ETHTOOL_A_FLOW_SCTP6', uint],
  [10, 'ETHTOOL_A_FLOW_AH4', uint],
  [11, 'ETHTOOL_A_FLOW_AH6', uint],
  [12, 'ETHTOOL_A_FLOW_ESP4', uint],
  [13, 'ETHTOOL_A_FLOW_ESP6', uint],
  [14, 'ETHTOOL_A_FLOW_AH_ESP4', uint],
  [15, 'ETHTOOL_A_FLOW_AH_ESP6', uint],
  [16, 'ETHTOOL_A_FLOW_GTPU4', uint],
  [17, 'ETHTOOL_A_FLOW_GTPU6', uint],
  [18, 'ETHTOOL_A_FLOW_GTPC4', uint],
  [19, 'ETHTOOL_A_FLOW_GTPC6', uint],
  [20, 'ETHTOOL_A_FLOW_GTPC_TEID4', uint],
  [21, 'ETHTOOL_A_FLOW_GTPC_TEID6', uint],
  [22, 'ETHTOOL_A_FLOW_GTPU_EH4', uint],
  [23, 'ETHTOOL_A_FLOW_GTPU_EH6', uint],
  [24, 'ETHTOOL_A_FLOW_GTPU_UL4', uint],
  [25, 'ETHTOOL_A_FLOW_GTPU_UL6', uint],
  [26, 'ETHTOOL_A_FLOW_GTPU_DL4', uint],
  [27, 'ETHTOOL_A_FLOW_GTPU_DL6', uint],
]);

export const rssAttrs = attrSet('ETHTOOL_A_RSS', 'ETHTOOL_A_RSS_', () => [
  [1, 'ETHTOOL_A_RSS_HEADER', header],
  // 0: the default context.
  [2, 'ETHTOOL_A_RSS_CONTEXT', u32],
  // Bit of the hash function (ETH_SS_RSS_HASH_FUNCS).
  [3, 'ETHTOOL_A_RSS_HFUNC', u32],
  // The indirection table: a queue per entry.
  [4, 'ETHTOOL_A_RSS_INDIR', arrayOf(u32)],
  [5, 'ETHTOOL_A_RSS_HKEY', binary()],
  // RXH_XFRM_* bits.
  [6, 'ETHTOOL_A_RSS_INPUT_XFRM', u32],
  // Dump filter: contexts from this one.
  [7, 'ETHTOOL_A_RSS_START_CONTEXT', u32],
  [8, 'ETHTOOL_A_RSS_FLOW_HASH', nested(() => flowAttrs)],
]);

export const phyAttrs = attrSet('ETHTOOL_A_PHY', 'ETHTOOL_A_PHY_', () => [
  [1, 'ETHTOOL_A_PHY_HEADER', header],
  [2, 'ETHTOOL_A_PHY_INDEX', u32],
  [3, 'ETHTOOL_A_PHY_DRVNAME', string()],
  [4, 'ETHTOOL_A_PHY_NAME', string()],
  [5, 'ETHTOOL_A_PHY_UPSTREAM_TYPE', enumOf(u32, PHY_UPSTREAM)],
  [6, 'ETHTOOL_A_PHY_UPSTREAM_INDEX', u32],
  [7, 'ETHTOOL_A_PHY_UPSTREAM_SFP_NAME', string()],
  [8, 'ETHTOOL_A_PHY_DOWNSTREAM_SFP_NAME', string()],
]);

export const moduleFwFlashAttrs = attrSet('ETHTOOL_A_MODULE_FW_FLASH', 'ETHTOOL_A_MODULE_FW_FLASH_', () => [
  [1, 'ETHTOOL_A_MODULE_FW_FLASH_HEADER', header],
  // Under /lib/firmware.
  [2, 'ETHTOOL_A_MODULE_FW_FLASH_FILE_NAME', string()],
  [3, 'ETHTOOL_A_MODULE_FW_FLASH_PASSWORD', u32],
  [4, 'ETHTOOL_A_MODULE_FW_FLASH_STATUS', enumOf(u32, ETHTOOL_MODULE_FW_FLASH_STATUS)],
  [5, 'ETHTOOL_A_MODULE_FW_FLASH_STATUS_MSG', string()],
  // Bytes written of the total.
  [6, 'ETHTOOL_A_MODULE_FW_FLASH_DONE', uint],
  [7, 'ETHTOOL_A_MODULE_FW_FLASH_TOTAL', uint],
]);
