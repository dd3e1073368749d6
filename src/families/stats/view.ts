/**
 * The friendly view of a decoded RTM_NEWSTATS: one link's statistics by
 * group, as the API returns it; the full decoded message stays in
 * `message`.
 */
import type { Message } from '../../netlink/message.js';
import type { BridgeXstatsAttrs, RtnlHwStats64, RtnlLinkStats64 } from '../message-types.js';

/** A u64 counter as decoded: a number when exact, a bigint above 2^53. */
export type Counter = number | bigint;

/** `struct mpls_link_stats` (MPLS_STATS_LINK): counters missing from a short payload are absent. */
export interface MplsLinkStats {
  rxPackets?: Counter;
  txPackets?: Counter;
  rxBytes?: Counter;
  txBytes?: Counter;
  rxErrors?: Counter;
  txErrors?: Counter;
  rxDropped?: Counter;
  txDropped?: Counter;
  rxNoroute?: Counter;
}

/** `BOND_3AD_STAT_*` (in BOND_XSTATS_3AD): the counters a bond or its port reported. */
export interface Bond3adStats {
  lacpduRx?: Counter;
  lacpduTx?: Counter;
  lacpduUnknownRx?: Counter;
  lacpduIllegalRx?: Counter;
  markerRx?: Counter;
  markerTx?: Counter;
  markerRespRx?: Counter;
  markerRespTx?: Counter;
  markerUnknownRx?: Counter;
}

/** The L3 hardware statistics of a link (IFLA_OFFLOAD_XSTATS_HW_S_INFO and IFLA_OFFLOAD_XSTATS_L3_STATS). */
export interface L3Stats {
  /** Whether they were asked for (`ip stats set ... l3_stats on`). */
  request?: boolean;
  /** Whether a driver counts them. */
  used?: boolean;
  /** The counters, when the kernel sent them. */
  counters?: RtnlHwStats64;
}

/** One link's statistics; a group the reply did not carry is undefined. */
export interface LinkStats {
  ifindex: number;
  /** Name of the link, where the API resolved it. */
  dev?: string;
  /** IFLA_STATS_LINK_64: the link's 64-bit counters (as `ip -s link` prints them). */
  counters?: RtnlLinkStats64;
  /** IFLA_OFFLOAD_XSTATS_CPU_HIT: traffic the CPU handled of an offloading device. */
  cpuHit?: RtnlLinkStats64;
  /** IFLA_OFFLOAD_XSTATS_HW_S_INFO / _L3_STATS. */
  l3Stats?: L3Stats;
  /** LINK_XSTATS_TYPE_BRIDGE of IFLA_STATS_LINK_XSTATS: a bridge's own counters. */
  bridge?: BridgeXstatsAttrs;
  /** LINK_XSTATS_TYPE_BRIDGE of IFLA_STATS_LINK_XSTATS_SLAVE: a bridge port's counters. */
  bridgePort?: BridgeXstatsAttrs;
  /** LINK_XSTATS_TYPE_BOND of IFLA_STATS_LINK_XSTATS: a bond's 802.3ad counters. */
  bond?: Bond3adStats;
  /** LINK_XSTATS_TYPE_BOND of IFLA_STATS_LINK_XSTATS_SLAVE: a bond port's 802.3ad counters. */
  bondPort?: Bond3adStats;
  /** The AF_MPLS part of IFLA_STATS_AF_SPEC. */
  mpls?: MplsLinkStats;
  message: Message;
}

/** The 802.3ad counters of a decoded LINK_XSTATS_TYPE_BOND nest (BOND_XSTATS_3AD), or undefined. */
export function bond3adStats(bond: { lacp?: Record<string, unknown> } | undefined): Bond3adStats | undefined {
  const l = bond?.lacp;
  if (l === undefined) return undefined;
  const out: Record<string, Counter> = {};
  for (const [k, v] of Object.entries(l)) if (typeof v === 'number' || typeof v === 'bigint') out[k] = v;
  return out as Bond3adStats;
}

/** The view of one RTM_NEWSTATS. */
export function toLinkStats(m: Message, dev?: string): LinkStats {
  const a = m.attrs ?? {};
  const s: LinkStats = { ifindex: m.header?.ifindex, message: m };
  if (dev !== undefined) s.dev = dev;
  if (a.link64 !== undefined) s.counters = a.link64;
  const off = a.linkOffloadXstats;
  if (off?.cpuHit !== undefined) s.cpuHit = off.cpuHit;
  const info = off?.hwSInfo?.l3Stats;
  if (info !== undefined || off?.l3Stats !== undefined) {
    const l3: L3Stats = {};
    if (info?.request !== undefined) l3.request = info.request !== 0;
    if (info?.used !== undefined) l3.used = info.used !== 0;
    if (off?.l3Stats !== undefined) l3.counters = off.l3Stats;
    s.l3Stats = l3;
  }
  if (a.linkXstats?.bridge !== undefined) s.bridge = a.linkXstats.bridge;
  if (a.linkXstatsSlave?.bridge !== undefined) s.bridgePort = a.linkXstatsSlave.bridge;
  const bond = bond3adStats(a.linkXstats?.bond);
  if (bond !== undefined) s.bond = bond;
  const bondPort = bond3adStats(a.linkXstatsSlave?.bond);
  if (bondPort !== undefined) s.bondPort = bondPort;
  const mpls = a.afSpec?.mpls?.link;
  if (mpls !== undefined) s.mpls = mpls;
  return s;
}
