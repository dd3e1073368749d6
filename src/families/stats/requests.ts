/**
 * Builders of statistics requests (RTM_GETSTATS, RTM_SETSTATS). Pure: they
 * return {@link Message}s and send nothing. As iproute2's `ip stats`: one
 * link is a plain GET with its ifindex, every link a dump (ifindex 0);
 * `filter_mask` names the IFLA_STATS_* groups wanted, and
 * IFLA_STATS_GET_FILTERS (nested, NLA_F_NESTED set) narrows a group to
 * some of its sub-groups, only when not all of them are wanted (only the
 * offload group has any).
 */
import type { Message } from '../../netlink/message.js';
import { AF_UNSPEC, RTM } from '../../rtnl/constants.js';
import { IFLA_OFFLOAD_XSTATS_FILTER } from './attrs.js';

/**
 * Every offload sub-group iproute2 6.1 knows (IFLA_OFFLOAD_XSTATS_MAX = 3):
 * a mask of all of them is not sent as a filter.
 */
const OFFLOAD_ALL = IFLA_OFFLOAD_XSTATS_FILTER.IFLA_OFFLOAD_XSTATS_CPU_HIT | IFLA_OFFLOAD_XSTATS_FILTER.IFLA_OFFLOAD_XSTATS_HW_S_INFO | IFLA_OFFLOAD_XSTATS_FILTER.IFLA_OFFLOAD_XSTATS_L3_STATS;

/** What a GET or dump asks for: `filter_mask` (IFLA_STATS_FILTER bits) and the offload sub-groups (0 or all: no filter). */
export interface StatsSelection {
  filterMask: number;
  offloadMask?: number;
}

function getStats(ifindex: number, s: StatsSelection): Message {
  const attrs: Record<string, unknown> = {};
  const off = s.offloadMask ?? 0;
  if (off !== 0 && off !== OFFLOAD_ALL) attrs.getFilters = { linkOffloadXstats: off };
  return { type: RTM.RTM_GETSTATS, flags: 0, seq: 0, pid: 0, header: { family: AF_UNSPEC, pad1: 0, pad2: 0, ifindex, filterMask: s.filterMask }, attrs };
}

/** RTM_GETSTATS of one link (sent as a plain request: one answer). */
export function statsGet(ifindex: number, s: StatsSelection): Message {
  return getStats(ifindex, s);
}

/** RTM_GETSTATS dump of every link (the connection adds NLM_F_DUMP). */
export function statsDump(s: StatsSelection): Message {
  return getStats(0, s);
}

/** RTM_SETSTATS: turns a link's L3 hardware statistics on or off (`ip stats set dev DEV l3_stats on|off`). */
export function statsSetL3(ifindex: number, on: boolean): Message {
  return {
    type: RTM.RTM_SETSTATS,
    flags: 0,
    seq: 0,
    pid: 0,
    header: { family: AF_UNSPEC, pad1: 0, pad2: 0, ifindex, filterMask: 0 },
    attrs: { setOffloadXstatsL3Stats: on ? 1 : 0 },
  };
}
