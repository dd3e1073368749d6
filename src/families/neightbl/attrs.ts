/**
 * Neighbour table attributes (`NDTA_*`: NDTA_UNSPEC to NDTA_PAD = 9) and
 * their per-device parameters (`NDTPA_*`: NDTPA_UNSPEC to
 * NDTPA_INTERVAL_PROBE_TIME_MS = 19), `linux/neighbour.h`, Linux 6.18.
 *
 * A dump gives one message per table with its global settings (NDTA_NAME,
 * thresholds, NDTA_CONFIG, NDTA_STATS, NDTA_PARMS without an ifindex),
 * then one per device with NDTA_NAME and NDTA_PARMS holding that
 * device's NDTPA_IFINDEX. Times are in milliseconds.
 */
import { attrSet, nested } from '../../schema/attr-set.js';
import { binary, string, u32, u64 } from '../../schema/scalars.js';
import { ndtConfig, ndtStats } from './header.js';

/** `NDTPA_*`: the parameters of a table, or of one device in it. */
export const ndtpaAttrs = attrSet('NDTPA', 'NDTPA_', () => [
  [1, 'NDTPA_IFINDEX', u32],
  [2, 'NDTPA_REFCNT', u32],
  [3, 'NDTPA_REACHABLE_TIME', u64], // read-only: the current randomised value
  [4, 'NDTPA_BASE_REACHABLE_TIME', u64],
  [5, 'NDTPA_RETRANS_TIME', u64],
  [6, 'NDTPA_GC_STALETIME', u64],
  [7, 'NDTPA_DELAY_PROBE_TIME', u64],
  [8, 'NDTPA_QUEUE_LEN', u32], // packets
  [9, 'NDTPA_APP_PROBES', u32],
  [10, 'NDTPA_UCAST_PROBES', u32],
  [11, 'NDTPA_MCAST_PROBES', u32],
  [12, 'NDTPA_ANYCAST_DELAY', u64],
  [13, 'NDTPA_PROXY_DELAY', u64],
  [14, 'NDTPA_PROXY_QLEN', u32],
  [15, 'NDTPA_LOCKTIME', u64],
  [16, 'NDTPA_QUEUE_LENBYTES', u32], // the same limit in bytes
  [17, 'NDTPA_MCAST_REPROBES', u32],
  [18, 'NDTPA_PAD', binary()], // alignment padding before a u64
  [19, 'NDTPA_INTERVAL_PROBE_TIME_MS', u64],
]);

export const ndtAttrs = attrSet('NDTA', 'NDTA_', () => [
  [1, 'NDTA_NAME', string()], // "arp_cache", "ndisc_cache"
  [2, 'NDTA_THRESH1', u32],
  [3, 'NDTA_THRESH2', u32],
  [4, 'NDTA_THRESH3', u32],
  [5, 'NDTA_CONFIG', ndtConfig],
  [6, 'NDTA_PARMS', nested(() => ndtpaAttrs)],
  [7, 'NDTA_STATS', ndtStats],
  [8, 'NDTA_GC_INTERVAL', u64],
  [9, 'NDTA_PAD', binary()], // alignment padding before a u64
]);
