/**
 * ethtool over generic netlink (`linux/ethtool_netlink_generated.h`):
 * family "ethtool", version 1, multicast group "monitor" (notifications of
 * every change). Requests and kernel messages are numbered in two enums
 * (ETHTOOL_MSG_LINKINFO_GET = 2 is a request, ETHTOOL_MSG_LINKINFO_GET_REPLY
 * = 2 its answer, ETHTOOL_MSG_LINKINFO_NTF = 3 the notification while
 * ETHTOOL_MSG_LINKINFO_SET = 3 is a request), so each command says its
 * direction. A SET or ACT request carries the attribute set of its GET's
 * reply, as the kernel declares them.
 */
import { genlFamily, type GenlCommand } from '../../genl/family.js';
import type { AttrSet } from '../../schema/attr-set.js';
import { strsetAttrs } from './attrs-common.js';
import { cableTestAttrs, cableTestNtfAttrs, cableTestTdrAttrs, cableTestTdrNtfAttrs, statsAttrs, tunnelInfoAttrs } from './attrs-diag.js';
import { debugAttrs, featuresAttrs, linkinfoAttrs, linkmodesAttrs, linkstateAttrs, privflagsAttrs, wolAttrs } from './attrs-link.js';
import { channelsAttrs, coalesceAttrs, eeeAttrs, fecAttrs, mmAttrs, moduleAttrs, moduleEepromAttrs, pauseAttrs, plcaAttrs, ringsAttrs } from './attrs-params.js';
import { moduleFwFlashAttrs, phyAttrs, pseAttrs, pseNtfAttrs, rssAttrs } from './attrs-pse-rss.js';
import { phcVclocksAttrs, tsconfigAttrs, tsinfoAttrs } from './attrs-ts.js';
import { ETHTOOL_MSG_KERNEL, ETHTOOL_MSG_USER } from './constants.js';

/** The attribute set of each message, by the stem its request and kernel names share. */
const SETS: readonly (readonly [RegExp, AttrSet])[] = [
  [/^STRSET_/, strsetAttrs],
  [/^LINKINFO_/, linkinfoAttrs],
  [/^LINKMODES_/, linkmodesAttrs],
  [/^LINKSTATE_/, linkstateAttrs],
  [/^DEBUG_/, debugAttrs],
  [/^WOL_/, wolAttrs],
  [/^FEATURES_/, featuresAttrs],
  [/^PRIVFLAGS_/, privflagsAttrs],
  [/^RINGS_/, ringsAttrs],
  [/^CHANNELS_/, channelsAttrs],
  [/^COALESCE_/, coalesceAttrs],
  [/^PAUSE_/, pauseAttrs],
  [/^EEE_/, eeeAttrs],
  [/^TSINFO_/, tsinfoAttrs],
  [/^CABLE_TEST_TDR_(ACT|NTF)$/, cableTestTdrAttrs],
  [/^CABLE_TEST_(ACT|NTF)$/, cableTestAttrs],
  [/^TUNNEL_INFO_/, tunnelInfoAttrs],
  [/^FEC_/, fecAttrs],
  [/^MODULE_EEPROM_/, moduleEepromAttrs],
  [/^STATS_/, statsAttrs],
  [/^PHC_VCLOCKS_/, phcVclocksAttrs],
  [/^MODULE_FW_FLASH_/, moduleFwFlashAttrs],
  [/^MODULE_/, moduleAttrs],
  [/^PSE_NTF$/, pseNtfAttrs],
  [/^PSE_/, pseAttrs],
  [/^RSS_/, rssAttrs],
  [/^PLCA_/, plcaAttrs],
  [/^MM_/, mmAttrs],
  [/^PHY_/, phyAttrs],
  [/^TSCONFIG_/, tsconfigAttrs],
];

/** Notifications of a test's progress carry their own sets. */
const NTF_SETS: Readonly<Record<string, AttrSet>> = {
  ETHTOOL_MSG_CABLE_TEST_NTF: cableTestNtfAttrs,
  ETHTOOL_MSG_CABLE_TEST_TDR_NTF: cableTestTdrNtfAttrs,
};

function setOf(name: string): AttrSet {
  const ntf = NTF_SETS[name];
  if (ntf !== undefined) return ntf;
  const stem = name.slice('ETHTOOL_MSG_'.length);
  const hit = SETS.find(([re]) => re.test(stem));
  if (hit === undefined) throw new Error(`ethtool: no attribute set for ${name}`);
  return hit[1];
}

function commands(table: Readonly<Record<string, number>>, dir: 'request' | 'reply'): GenlCommand[] {
  return Object.entries(table).map(([name, cmd]) => ({ cmd, name, attrs: setOf(name), dir }));
}

/** The command table is built (and checked) on first read: most tsip commands never look at ethtool. */
export const ethtoolFamily = genlFamily({
  name: 'ethtool',
  version: 1,
  groups: ['monitor'],
  get commands(): readonly GenlCommand[] {
    return [...commands(ETHTOOL_MSG_USER, 'request'), ...commands(ETHTOOL_MSG_KERNEL, 'reply')];
  },
});
