/**
 * `handle.stats`: link statistics by group (`ip stats`): the 64-bit
 * counters, the offload groups (CPU-hit counters, L3 hardware statistics),
 * the drivers' extended statistics (bridge, bond) and MPLS's, for one link
 * or every link of a handle's namespace; and turning L3 hardware
 * statistics on or off.
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIfname } from '../../api/validate.js';
import { IFLA_OFFLOAD_XSTATS_FILTER } from './attrs.js';
import { IFLA_STATS_FILTER } from './header.js';
import * as req from './requests.js';
import { toLinkStats, type LinkStats } from './view.js';

/** The groups of `ip stats`, by its words, and the IFLA_STATS_* group each asks for. */
export const STATS_GROUPS = {
  link: IFLA_STATS_FILTER.IFLA_STATS_LINK_64,
  xstats: IFLA_STATS_FILTER.IFLA_STATS_LINK_XSTATS,
  xstats_slave: IFLA_STATS_FILTER.IFLA_STATS_LINK_XSTATS_SLAVE,
  offload: IFLA_STATS_FILTER.IFLA_STATS_LINK_OFFLOAD_XSTATS,
  afstats: IFLA_STATS_FILTER.IFLA_STATS_AF_SPEC,
} as const;

/** The sub-groups of the offload group, by `ip stats`'s words. */
export const OFFLOAD_STATS = {
  cpu_hit: IFLA_OFFLOAD_XSTATS_FILTER.IFLA_OFFLOAD_XSTATS_CPU_HIT,
  hw_stats_info: IFLA_OFFLOAD_XSTATS_FILTER.IFLA_OFFLOAD_XSTATS_HW_S_INFO,
  l3_stats: IFLA_OFFLOAD_XSTATS_FILTER.IFLA_OFFLOAD_XSTATS_L3_STATS,
} as const;

export type StatsGroup = keyof typeof STATS_GROUPS;
export type OffloadStats = keyof typeof OFFLOAD_STATS;

/** What `list` asks the kernel for. */
export interface StatsFilter {
  /** One link by name; every link when omitted. */
  dev?: string;
  /** The groups wanted (default: all five). */
  groups?: readonly StatsGroup[];
  /** Only these parts of the offload group (which they imply); all of it when omitted. */
  offload?: readonly OffloadStats[];
}

function maskOf<K extends string>(words: readonly K[], table: Readonly<Record<K, number>>, what: string): number {
  if (!Array.isArray(words)) throw new InvalidArgumentError(`${what} must be an array`, String(words));
  let m = 0;
  for (const w of words as readonly unknown[]) {
    const bit = typeof w === 'string' && Object.hasOwn(table, w) ? table[w as K] : undefined;
    if (bit === undefined) throw new InvalidArgumentError(`${what}: no ${what.replace(/s$/, '')} named ${String(w)} (one of ${Object.keys(table).join(', ')})`, String(w));
    m |= bit;
  }
  return m;
}

/** The request selection of a filter (checked). */
export function selectionOf(f: StatsFilter): req.StatsSelection {
  let filterMask = f.groups === undefined ? Object.values(STATS_GROUPS).reduce((a, b) => a | b, 0) : maskOf(f.groups, STATS_GROUPS, 'groups');
  let offloadMask: number | undefined;
  if (f.offload !== undefined) {
    offloadMask = maskOf(f.offload, OFFLOAD_STATS, 'offload');
    if (offloadMask !== 0) filterMask |= STATS_GROUPS.offload;
  }
  if (filterMask === 0) throw new InvalidArgumentError('no statistics group selected', '');
  return offloadMask === undefined ? { filterMask } : { filterMask, offloadMask };
}

/** Statistics of the handle's links. */
export class StatsFacet {
  constructor(private readonly ctx: HandleContext) {}

  /**
   * The statistics `filter` selects: of one link (a GET) or of every link
   * (a dump), in the kernel's order, each with its link's name.
   */
  async list(filter: StatsFilter = {}): Promise<LinkStats[]> {
    const sel = selectionOf(filter);
    if (filter.dev !== undefined) {
      const dev = checkIfname(filter.dev, 'dev');
      const index = await this.ctx.indexOf(dev);
      const msgs = await (await this.ctx.inside()).request(req.statsGet(index, sel));
      return msgs.map((m) => toLinkStats(m, dev));
    }
    const msgs = await (await this.ctx.inside()).dump(req.statsDump(sel));
    const names = await this.ctx.linkNames();
    return msgs.map((m) => toLinkStats(m, names.get(m.header?.ifindex)));
  }

  /** Asks for a link's L3 hardware statistics, or stops asking (`ip stats set dev DEV l3_stats on|off`). */
  async setL3Stats(dev: string, on: boolean): Promise<void> {
    if (typeof on !== 'boolean') throw new InvalidArgumentError(`l3_stats must be true or false, not ${String(on)}`, String(on));
    const index = await this.ctx.indexOf(checkIfname(dev, 'dev'));
    await (await this.ctx.inside()).request(req.statsSetL3(index, on));
  }
}
