/**
 * Link statistics as `ip stats show` (iproute2 6.1) prints them, from
 * decoded RTM_NEWSTATS messages. ip knows eleven statistics, each at the
 * end of a path of group, subgroup and suite (`group xstats subgroup
 * bridge suite mcast`); for each reply it prints one record per
 * statistic selected, whether or not the reply holds it:
 *
 * ```
 * 3: veth0: group offload subgroup hw_stats_info
 *     l3_stats off used off
 * ```
 *
 * in JSON `{"ifindex": 3, "ifname": "veth0", "group": "offload",
 * "subgroup": "hw_stats_info", "info": {"l3_stats": {"request": false,
 * "used": false}}}`. Each text record ends with a newline; a dump adds an
 * empty line after each reply's records.
 */
import type { Message } from '../../netlink/message.js';
import { Out, type JsonObject } from '../../format/printer.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { printLinkStats } from '../link/format-stats.js';
import { IFLA_OFFLOAD_XSTATS_FILTER } from './attrs.js';
import { IFLA_STATS_FILTER } from './header.js';
import { printHwStats64, printMplsStats } from './format-counters.js';
import { printBond3ad, printBridgeMcast, printBridgeStp } from './format-xstats.js';
import { bond3adStats } from './view.js';

/** ip's words for the levels of a path. */
export const STATS_LEVELS = ['group', 'subgroup', 'suite'] as const;

/** The decoded IFLA_STATS_* attributes of a reply. */
type Attrs = Record<string, any>;

/** One statistic ip knows: its path, what it asks the kernel for, and how it prints. */
export interface StatsLeaf {
  /** Group, subgroup and suite names (`['xstats', 'bridge', 'mcast']`). */
  readonly path: readonly string[];
  /** The IFLA_STATS_FILTER bit of its group. */
  readonly group: number;
  /** The offload sub-groups it needs (IFLA_OFFLOAD_XSTATS_FILTER bits), 0 for other groups. */
  readonly offload: number;
  /** Prints what follows the path, from a reply's attributes, with `level` as ip's show_stats. */
  readonly show: (o: Out, a: Attrs, level: number) => void;
}

const OFF = IFLA_OFFLOAD_XSTATS_FILTER;

/** The l3_stats entry of IFLA_OFFLOAD_XSTATS_HW_S_INFO: ` on used off` (each part only when sent). */
function hwInfo(o: Out, info: Attrs | undefined): void {
  if (info === undefined) return;
  for (const [key, text] of [['request', ' '], ['used', ' used ']] as const) {
    const v = info[key];
    if (v === undefined) continue;
    o.any(key, v !== 0, `${text}${v !== 0 ? 'on' : 'off'}`);
  }
}

/** A driver's extended statistics: `xstats` (the link's own) or `xstats_slave` (as a port of its master). */
function xstats(group: 'xstats' | 'xstats_slave', kind: 'bridge' | 'bond', suite: string): StatsLeaf {
  const key = group === 'xstats' ? 'linkXstats' : 'linkXstatsSlave';
  return {
    path: [group, kind, suite],
    group: group === 'xstats' ? IFLA_STATS_FILTER.IFLA_STATS_LINK_XSTATS : IFLA_STATS_FILTER.IFLA_STATS_LINK_XSTATS_SLAVE,
    offload: 0,
    show(o, a) {
      const x = a[key]?.[kind];
      if (x === undefined) return;
      if (kind === 'bond') {
        const lacp = bond3adStats(x);
        if (lacp === undefined) return;
        o.nl();
        printBond3ad(o, lacp);
        return;
      }
      const s = suite === 'mcast' ? x.mcast : x.stp;
      if (s === undefined) return;
      o.nl();
      if (suite === 'mcast') printBridgeMcast(o, s);
      else printBridgeStp(o, s);
    },
  };
}

/**
 * Every statistic, in the order ip prints them. iproute2 6.1 sorts the
 * selected statistics by the addresses of their descriptors in its
 * binary, not by its help's order; this is the order the ip here prints
 * (fixtures/stats/show.json: afstats first, xstats last).
 */
export const STATS_LEAVES: readonly StatsLeaf[] = [
  {
    path: ['afstats', 'mpls'],
    group: IFLA_STATS_FILTER.IFLA_STATS_AF_SPEC,
    offload: 0,
    show(o, a) {
      const mpls = a.afSpec?.mpls;
      // A nest without MPLS_STATS_LINK makes ip stop with an error; none is printed here.
      if (mpls?.link === undefined) return;
      o.nl();
      o.open('mpls_stats');
      printMplsStats(o, mpls.link, '    ');
      o.close();
    },
  },
  {
    path: ['link'],
    group: IFLA_STATS_FILTER.IFLA_STATS_LINK_64,
    offload: 0,
    show(o, a, level) {
      o.nl();
      if (a.link64 !== undefined) printLinkStats(o, { stats64: a.link64 }, level);
    },
  },
  {
    path: ['offload', 'l3_stats'],
    group: IFLA_STATS_FILTER.IFLA_STATS_LINK_OFFLOAD_XSTATS,
    offload: OFF.IFLA_OFFLOAD_XSTATS_L3_STATS | OFF.IFLA_OFFLOAD_XSTATS_HW_S_INFO,
    show(o, a) {
      const off = a.linkOffloadXstats;
      if (off?.hwSInfo === undefined) return;
      o.open('info');
      hwInfo(o, off.hwSInfo.l3Stats);
      o.close();
      if (off.l3Stats === undefined) return;
      o.nl();
      o.open('stats64');
      printHwStats64(o, off.l3Stats);
      o.close();
    },
  },
  {
    path: ['offload', 'hw_stats_info'],
    group: IFLA_STATS_FILTER.IFLA_STATS_LINK_OFFLOAD_XSTATS,
    offload: OFF.IFLA_OFFLOAD_XSTATS_HW_S_INFO,
    show(o, a) {
      const info = a.linkOffloadXstats?.hwSInfo;
      if (info === undefined) return;
      o.nl();
      o.open('info');
      if (info.l3Stats !== undefined) {
        o.t('    l3_stats');
        o.open('l3_stats');
        hwInfo(o, info.l3Stats);
        o.close();
      }
      o.close();
    },
  },
  {
    path: ['offload', 'cpu_hit'],
    group: IFLA_STATS_FILTER.IFLA_STATS_LINK_OFFLOAD_XSTATS,
    offload: OFF.IFLA_OFFLOAD_XSTATS_CPU_HIT,
    show(o, a, level) {
      o.nl();
      const hit = a.linkOffloadXstats?.cpuHit;
      if (hit !== undefined) printLinkStats(o, { stats64: hit }, level);
    },
  },
  xstats('xstats_slave', 'bond', '802.3ad'),
  xstats('xstats', 'bond', '802.3ad'),
  xstats('xstats_slave', 'bridge', 'mcast'),
  xstats('xstats_slave', 'bridge', 'stp'),
  xstats('xstats', 'bridge', 'mcast'),
  xstats('xstats', 'bridge', 'stp'),
];

/** What ip asks the kernel for to show `leaves`: filter_mask and the offload sub-groups. */
export function selectionOfLeaves(leaves: readonly StatsLeaf[]): { filterMask: number; offloadMask: number } {
  let filterMask = 0;
  let offloadMask = 0;
  for (const l of leaves) {
    filterMask |= l.group;
    offloadMask |= l.offload;
  }
  return { filterMask, offloadMask };
}

/** One record: the link, the path, then the statistic. */
function printRecord(o: Out, m: Message, leaf: StatsLeaf, ctx: FormatContext, level: number): void {
  const index = Number(m.header?.ifindex ?? 0);
  o.any('ifindex', index, `${index}:`);
  const name = ifName(ctx, index);
  o.any('ifname', name, ` ${name}:`);
  leaf.path.forEach((p, i) => o.any(STATS_LEVELS[i]!, p, ` ${STATS_LEVELS[i]} ${p}`));
  leaf.show(o, m.attrs ?? {}, level);
  o.nl();
}

/**
 * The text ip prints for one reply: a record per statistic of `leaves`
 * (in {@link STATS_LEAVES}' order), each ending with a newline. `level`
 * is ip's show_stats: the -s count, plus 1 and the -d count after `show`.
 */
export function statsText(m: Message, ctx: FormatContext, leaves: readonly StatsLeaf[], level: number): string {
  const o = new Out(false);
  for (const leaf of STATS_LEAVES) if (leaves.includes(leaf)) printRecord(o, m, leaf, ctx, level);
  return o.lines().map((l) => l + '\n').join('');
}

/** The objects `ip -j stats` prints for one reply, one per statistic of `leaves`. */
export function statsJSON(m: Message, ctx: FormatContext, leaves: readonly StatsLeaf[], level: number): JsonObject[] {
  return STATS_LEAVES.filter((l) => leaves.includes(l)).map((leaf) => {
    const o = new Out(true);
    printRecord(o, m, leaf, ctx, level);
    return o.object();
  });
}
