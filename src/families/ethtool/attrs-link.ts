/**
 * ethtool's link and device settings (Linux 6.18): link info (port, PHY
 * address, MDI-X, transceiver), link modes (autonegotiation, advertised
 * and partner modes, speed, duplex, lanes), link state, the debug message
 * mask, Wake-on-LAN, features (offloads) and private flags. Each set serves
 * the GET reply, the SET request and the notification alike, as in the
 * kernel.
 */
import { enumOf } from '../../schema/enums.js';
import { binary, u8, u32 } from '../../schema/scalars.js';
import { attrSet, bitset, header } from './attrs-common.js';
import { DUPLEX, ETH_TP_MDI, ETHTOOL_LINK_EXT_STATE, MASTER_SLAVE_CFG, MASTER_SLAVE_STATE, PORT, RATE_MATCH, XCVR } from './constants.js';

export const linkinfoAttrs = attrSet('ETHTOOL_A_LINKINFO', 'ETHTOOL_A_LINKINFO_', () => [
  [1, 'ETHTOOL_A_LINKINFO_HEADER', header],
  [2, 'ETHTOOL_A_LINKINFO_PORT', enumOf(u8, PORT)],
  [3, 'ETHTOOL_A_LINKINFO_PHYADDR', u8],
  [4, 'ETHTOOL_A_LINKINFO_TP_MDIX', enumOf(u8, ETH_TP_MDI)],
  [5, 'ETHTOOL_A_LINKINFO_TP_MDIX_CTRL', enumOf(u8, ETH_TP_MDI)],
  [6, 'ETHTOOL_A_LINKINFO_TRANSCEIVER', enumOf(u8, XCVR)],
]);

export const linkmodesAttrs = attrSet('ETHTOOL_A_LINKMODES', 'ETHTOOL_A_LINKMODES_', () => [
  [1, 'ETHTOOL_A_LINKMODES_HEADER', header],
  // AUTONEG_DISABLE 0, AUTONEG_ENABLE 1.
  [2, 'ETHTOOL_A_LINKMODES_AUTONEG', u8],
  // Our modes: value advertised, mask supported (ETH_SS_LINK_MODES).
  [3, 'ETHTOOL_A_LINKMODES_OURS', bitset],
  // The link partner's advertised modes.
  [4, 'ETHTOOL_A_LINKMODES_PEER', bitset],
  // Mb/s; SPEED_UNKNOWN (0xffffffff) when not known.
  [5, 'ETHTOOL_A_LINKMODES_SPEED', u32],
  [6, 'ETHTOOL_A_LINKMODES_DUPLEX', enumOf(u8, DUPLEX)],
  [7, 'ETHTOOL_A_LINKMODES_MASTER_SLAVE_CFG', enumOf(u8, MASTER_SLAVE_CFG)],
  [8, 'ETHTOOL_A_LINKMODES_MASTER_SLAVE_STATE', enumOf(u8, MASTER_SLAVE_STATE)],
  [9, 'ETHTOOL_A_LINKMODES_LANES', u32],
  [10, 'ETHTOOL_A_LINKMODES_RATE_MATCHING', enumOf(u8, RATE_MATCH)],
]);

export const linkstateAttrs = attrSet('ETHTOOL_A_LINKSTATE', 'ETHTOOL_A_LINKSTATE_', () => [
  [1, 'ETHTOOL_A_LINKSTATE_HEADER', header],
  // 1: link detected.
  [2, 'ETHTOOL_A_LINKSTATE_LINK', u8],
  // Signal quality index and its maximum.
  [3, 'ETHTOOL_A_LINKSTATE_SQI', u32],
  [4, 'ETHTOOL_A_LINKSTATE_SQI_MAX', u32],
  [5, 'ETHTOOL_A_LINKSTATE_EXT_STATE', enumOf(u8, ETHTOOL_LINK_EXT_STATE)],
  // Meaning depends on EXT_STATE (enum ethtool_link_ext_substate_*).
  [6, 'ETHTOOL_A_LINKSTATE_EXT_SUBSTATE', u8],
  // Times the link went down.
  [7, 'ETHTOOL_A_LINKSTATE_EXT_DOWN_CNT', u32],
]);

export const debugAttrs = attrSet('ETHTOOL_A_DEBUG', 'ETHTOOL_A_DEBUG_', () => [
  [1, 'ETHTOOL_A_DEBUG_HEADER', header],
  // Message classes (ETH_SS_MSG_CLASSES, NETIF_MSG_*).
  [2, 'ETHTOOL_A_DEBUG_MSGMASK', bitset],
]);

export const wolAttrs = attrSet('ETHTOOL_A_WOL', 'ETHTOOL_A_WOL_', () => [
  [1, 'ETHTOOL_A_WOL_HEADER', header],
  // Enabled modes (value) of the supported ones (mask); ETH_SS_WOL_MODES.
  [2, 'ETHTOOL_A_WOL_MODES', bitset],
  // SecureOn password: 6 bytes.
  [3, 'ETHTOOL_A_WOL_SOPASS', binary()],
]);

/** Features (ETH_SS_FEATURES names them): the kernel's netdev_features_t as bitsets. */
export const featuresAttrs = attrSet('ETHTOOL_A_FEATURES', 'ETHTOOL_A_FEATURES_', () => [
  [1, 'ETHTOOL_A_FEATURES_HEADER', header],
  // Features the user may change (hw_features).
  [2, 'ETHTOOL_A_FEATURES_HW', bitset],
  // Features the user asked for (wanted_features); a SET request's bits.
  [3, 'ETHTOOL_A_FEATURES_WANTED', bitset],
  // Features in effect.
  [4, 'ETHTOOL_A_FEATURES_ACTIVE', bitset],
  // Features that can never change.
  [5, 'ETHTOOL_A_FEATURES_NOCHANGE', bitset],
]);

export const privflagsAttrs = attrSet('ETHTOOL_A_PRIVFLAGS', 'ETHTOOL_A_PRIVFLAGS_', () => [
  [1, 'ETHTOOL_A_PRIVFLAGS_HEADER', header],
  // The driver's flags (ETH_SS_PRIV_FLAGS of the device).
  [2, 'ETHTOOL_A_PRIVFLAGS_FLAGS', bitset],
]);
