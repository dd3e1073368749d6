/**
 * The friendly view of a decoded RTM_NEWNEIGHTBL: a neighbour table
 * (`arp_cache`, `ndisc_cache`) and its parameters, either the table's
 * defaults or one link's; the full decoded message stays in `message`.
 */
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6 } from '../../rtnl/constants.js';

/** A table's parameters (NDTPA_*); times in milliseconds. */
export interface NeighbourTableParams {
  refcnt?: number;
  reachableTime?: number;
  baseReachableTime?: number;
  retransTime?: number;
  gcStaletime?: number;
  delayProbeTime?: number;
  queueLen?: number;
  appProbes?: number;
  ucastProbes?: number;
  mcastProbes?: number;
  anycastDelay?: number;
  proxyDelay?: number;
  proxyQlen?: number;
  locktime?: number;
  queueLenbytes?: number;
  mcastReprobes?: number;
  intervalProbeTimeMs?: number;
}

/** One record of `ip ntable show`: a table's settings, or its parameters on one link. */
export interface NeighbourTable {
  family: 4 | 6 | number;
  name: string;
  /** The link these parameters are for; undefined for the table's defaults. */
  index?: number;
  dev?: string;
  /** Garbage-collection thresholds and interval (ms), on the defaults record. */
  thresh1?: number;
  thresh2?: number;
  thresh3?: number;
  gcInterval?: number;
  params: NeighbourTableParams;
  message: Message;
}

export function toNeighbourTable(m: Message): NeighbourTable {
  const a = m.attrs ?? {};
  const f = m.header?.family;
  const { ifindex, pad, ...rest } = (a.parms ?? {}) as Record<string, unknown>;
  void pad;
  const params: Record<string, number> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) params[k] = Number(v);
  const t: NeighbourTable = { family: f === AF_INET ? 4 : f === AF_INET6 ? 6 : f, name: a.name ?? '', params: params as NeighbourTableParams, message: m };
  if (ifindex !== undefined) t.index = ifindex as number;
  for (const k of ['thresh1', 'thresh2', 'thresh3', 'gcInterval'] as const) if (a[k] !== undefined) t[k] = Number(a[k]);
  return t;
}
