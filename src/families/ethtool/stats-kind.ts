/**
 * One standard statistic (ETHTOOL_A_STATS_GRP_STAT): a nest holding a
 * single u64 attribute whose type is the counter's index within its group,
 * so its name depends on the sibling ETHTOOL_A_STATS_GRP_ID (the MAC
 * group's 0 is `ETHTOOL_A_STATS_ETH_MAC_2_TX_PKT`, RMON's 0 is
 * `ETHTOOL_A_STATS_RMON_UNDERSIZE`). The kernel writes one such nest per
 * counter the driver reports, after the group's id.
 *
 * ```
 * ETHTOOL_A_STATS_GRP_STAT          len 16
 *   0c 00 00 00                       type 0 (in group ETHTOOL_STATS_ETH_MAC: 2_TX_PKT)
 *   2a 00 00 00 00 00 00 00           42
 * ```
 *
 * Decoded as an attribute set of the group's counters (`{txPkt: 42}`);
 * a group this declaration does not know keeps its counters raw.
 */
import { attrSet, type AttrSet } from '../../schema/attr-set.js';
import type { Kind } from '../../schema/kind.js';
import { friendlyKey } from '../../schema/names.js';
import { u64 } from '../../schema/scalars.js';
import { ETHTOOL_STATS } from './constants.js';

/** A group's counters, from index 0; keys drop the IEEE clause number (`2_TX_PKT` -> `txPkt`). */
function group(prefix: string, names: readonly string[]): AttrSet {
  return attrSet(prefix.slice(0, -1), prefix, names.map((n, i) => [i, prefix + n, u64, { key: friendlyKey(n.replace(/^\d+_/, ''), '') }] as const));
}

/** The counter names of each group (`ETHTOOL_A_STATS_<GROUP>_*`, `linux/ethtool_netlink.h`). */
const GROUPS: Readonly<Record<number, readonly [prefix: string, names: readonly string[]]>> = {
  [ETHTOOL_STATS.ETHTOOL_STATS_ETH_PHY]: ['ETHTOOL_A_STATS_ETH_PHY_', ['5_SYM_ERR']],
  [ETHTOOL_STATS.ETHTOOL_STATS_ETH_MAC]: ['ETHTOOL_A_STATS_ETH_MAC_', [
    '2_TX_PKT',
    '3_SINGLE_COL',
    '4_MULTI_COL',
    '5_RX_PKT',
    '6_FCS_ERR',
    '7_ALIGN_ERR',
    '8_TX_BYTES',
    '9_TX_DEFER',
    '10_LATE_COL',
    '11_XS_COL',
    '12_TX_INT_ERR',
    '13_CS_ERR',
    '14_RX_BYTES',
    '15_RX_INT_ERR',
    '18_TX_MCAST',
    '19_TX_BCAST',
    '20_XS_DEFER',
    '21_RX_MCAST',
    '22_RX_BCAST',
    '23_IR_LEN_ERR',
    '24_OOR_LEN',
    '25_TOO_LONG_ERR',
  ]],
  [ETHTOOL_STATS.ETHTOOL_STATS_ETH_CTRL]: ['ETHTOOL_A_STATS_ETH_CTRL_', ['3_TX', '4_RX', '5_RX_UNSUP']],
  [ETHTOOL_STATS.ETHTOOL_STATS_RMON]: ['ETHTOOL_A_STATS_RMON_', ['UNDERSIZE', 'OVERSIZE', 'FRAG', 'JABBER']],
  [ETHTOOL_STATS.ETHTOOL_STATS_PHY]: ['ETHTOOL_A_STATS_PHY_', ['RX_PKTS', 'RX_BYTES', 'RX_ERRORS', 'TX_PKTS', 'TX_BYTES', 'TX_ERRORS']],
};

/** Each group's counter set, by group id; a set is made when first read. */
export const STATS_GROUP_SETS: Readonly<Record<number, AttrSet>> = {};
for (const [id, [prefix, names]] of Object.entries(GROUPS)) {
  let set: AttrSet | undefined;
  Object.defineProperty(STATS_GROUP_SETS, id, { enumerable: true, get: () => (set ??= group(prefix, names)) });
}

/** A group this declaration does not know: every counter stays raw. */
const unknownGroup = attrSet('ETHTOOL_A_STATS_GRP_STAT', 'ETHTOOL_A_STATS_GRP_STAT_', []);

const pick = (parent?: Record<string, unknown>): AttrSet => {
  const id = parent?.id;
  return (typeof id === 'number' ? STATS_GROUP_SETS[id] : undefined) ?? unknownGroup;
};

/**
 * ETHTOOL_A_STATS_GRP_STAT's kind. `selector` makes the attribute set
 * decode it after ETHTOOL_A_STATS_GRP_ID when the id comes later.
 */
export const groupStat: Kind<Record<string, unknown>> & { readonly selector: string } = {
  label: 'stats group counter',
  selector: 'id',
  spec: { t: 'custom', label: 'stats group counter', ts: 'Record<string, number | bigint>' },
  decode: (src, off, len, parent) => pick(parent).decode(src, off, len),
  encode: (w, v, parent) => pick(parent).encode(w, v),
  size: (v, parent) => pick(parent).size(v),
  format: () => '',
  json: (v, parent) => pick(parent).json(v),
  explain: (src, off, len, ctx, parent) => pick(parent).explain(src, off, len, ctx),
  // Empty: encodable whatever group the arbitrary sibling id names.
  arbitrary: (fc) => fc.constant({}),
};
