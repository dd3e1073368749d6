/**
 * The friendly view of a decoded RTM_NEWSTATS: one link's statistics by
 * group, as the API returns it; the full decoded message stays in
 * `message`. Also the two payloads the declarations keep opaque and
 * `ip stats` reads: the bond's 802.3ad counters (LINK_XSTATS_TYPE_BOND,
 * `BOND_XSTATS_*` / `BOND_3AD_STAT_*` of `linux/if_bonding.h`) and the
 * MPLS counters of IFLA_STATS_AF_SPEC (a nest per address family whose
 * type is the AF_* number; AF_MPLS holds `MPLS_STATS_*`).
 */
import type { Message } from '../../netlink/message.js';
import { AF } from '../../rtnl/constants.js';
import { sourceOf } from '../../schema/kind.js';
import type { BridgeXstatsAttrs, RtnlHwStats64, RtnlLinkStats64 } from '../message-types.js';
import { mplsStatsAttrs } from './attrs.js';

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

/** BOND_3AD_STAT_* numbers (1 to 9; BOND_3AD_STAT_PAD = 10 is alignment), by view key. */
export const BOND_3AD_STAT = {
  lacpduRx: 1,
  lacpduTx: 2,
  lacpduUnknownRx: 3,
  lacpduIllegalRx: 4,
  markerRx: 5,
  markerTx: 6,
  markerRespRx: 7,
  markerRespTx: 8,
  markerUnknownRx: 9,
} as const satisfies Record<keyof Bond3adStats, number>;

/** BOND_XSTATS_3AD: the only BOND_XSTATS_* type. */
const BOND_XSTATS_3AD = 1;

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

/** Attributes of a TLV stream by type (the last one wins, as iproute2's parse_rtattr); malformed tails are ignored, as there. */
export function tlvs(b: Uint8Array | undefined): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  if (!(b instanceof Uint8Array)) return out;
  let p = 0;
  while (p + 4 <= b.length) {
    const len = b[p]! | (b[p + 1]! << 8);
    if (len < 4 || p + len > b.length) break;
    out.set((b[p + 2]! | (b[p + 3]! << 8)) & 0x3fff, b.subarray(p + 4, p + len));
    p += (len + 3) & ~3;
  }
  return out;
}

function u64Of(b: Uint8Array): Counter | undefined {
  if (b.length < 8) return undefined;
  const v = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * The BOND_XSTATS_3AD nest of a LINK_XSTATS_TYPE_BOND payload, as
 * attribute type to bytes (undefined when there is none): what ip reads.
 */
export function bond3adAttrs(bond: Uint8Array | undefined): Map<number, Uint8Array> | undefined {
  const x = tlvs(bond).get(BOND_XSTATS_3AD);
  return x === undefined ? undefined : tlvs(x);
}

/** The 802.3ad counters of a LINK_XSTATS_TYPE_BOND payload. */
export function bond3adStats(bond: Uint8Array | undefined): Bond3adStats | undefined {
  const a = bond3adAttrs(bond);
  if (a === undefined) return undefined;
  const out: Bond3adStats = {};
  for (const [k, t] of Object.entries(BOND_3AD_STAT) as [keyof Bond3adStats, number][]) {
    const b = a.get(t);
    const v = b === undefined ? undefined : u64Of(b);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * The AF_MPLS nest of IFLA_STATS_AF_SPEC decoded as MPLS_STATS_*
 * (`{ link?: MplsLinkStats }`), or undefined when the kernel sent none
 * (no MPLS support, or a link MPLS does not handle).
 */
export function mplsStatsOf(afSpec: Uint8Array | undefined): { link?: MplsLinkStats } | undefined {
  const b = tlvs(afSpec).get(AF.AF_MPLS);
  if (b === undefined) return undefined;
  return mplsStatsAttrs.decode(sourceOf(b), 0, b.length) as { link?: MplsLinkStats };
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
  const mpls = mplsStatsOf(a.afSpec)?.link;
  if (mpls !== undefined) s.mpls = mpls;
  return s;
}
