/**
 * TCP metrics attributes (`linux/tcp_metrics.h`, Linux 6.18):
 * TCP_METRICS_ATTR_* (to TCP_METRICS_ATTR_PAD = 13) and the metrics nested
 * in TCP_METRICS_ATTR_VALS, TCP_METRICS_A_METRICS_* (to
 * TCP_METRICS_A_METRICS_RTTVAR_US = 7: each `enum tcp_metric_index` value
 * plus one, all u32).
 *
 * Addresses are the address bytes (network order); ages are milliseconds.
 */
import { ipv4, ipv6 } from '../../schema/addresses.js';
import { attrSet, nested } from '../../schema/attr-set.js';
import { binary, s32, u16, u32, u64 } from '../../schema/scalars.js';

/** Bytes of the longest TCP Fast Open cookie (TCP_FASTOPEN_COOKIE_MAX). */
export const TCP_FASTOPEN_COOKIE_MAX = 16;

/** `enum tcp_metric_index`: a metric's attribute type in TCP_METRICS_ATTR_VALS is its index plus one. */
export const TCP_METRIC = {
  TCP_METRIC_RTT: 0,
  TCP_METRIC_RTTVAR: 1,
  TCP_METRIC_SSTHRESH: 2,
  TCP_METRIC_CWND: 3,
  TCP_METRIC_REORDERING: 4,
  TCP_METRIC_RTT_US: 5,
  TCP_METRIC_RTTVAR_US: 6,
} as const;

/** The cached metrics of one destination. */
export const tcpMetricsValsAttrs = attrSet('TCP_METRICS_A_METRICS', 'TCP_METRICS_A_METRICS_', () => [
  // Smoothed RTT in ms, times 8 (as tcp_sock keeps srtt).
  [1, 'TCP_METRICS_A_METRICS_RTT', u32],
  // RTT variance in ms, times 4.
  [2, 'TCP_METRICS_A_METRICS_RTTVAR', u32],
  [3, 'TCP_METRICS_A_METRICS_SSTHRESH', u32],
  [4, 'TCP_METRICS_A_METRICS_CWND', u32],
  // The kernel's spelling.
  [5, 'TCP_METRICS_A_METRICS_REODERING', u32],
  // The same two in microseconds (times 8 and times 4).
  [6, 'TCP_METRICS_A_METRICS_RTT_US', u32],
  [7, 'TCP_METRICS_A_METRICS_RTTVAR_US', u32],
]);

export const tcpMetricsAttrs = attrSet('TCP_METRICS_ATTR', 'TCP_METRICS_ATTR_', () => [
  [1, 'TCP_METRICS_ATTR_ADDR_IPV4', ipv4],
  [2, 'TCP_METRICS_ATTR_ADDR_IPV6', ipv6],
  // Milliseconds since the entry was last updated.
  [3, 'TCP_METRICS_ATTR_AGE', u64],
  // The peer's last timestamp value seen in TIME-WAIT, and its age in seconds.
  [4, 'TCP_METRICS_ATTR_TW_TSVAL', u32],
  [5, 'TCP_METRICS_ATTR_TW_TS_STAMP', s32],
  [6, 'TCP_METRICS_ATTR_VALS', nested(() => tcpMetricsValsAttrs)],
  [7, 'TCP_METRICS_ATTR_FOPEN_MSS', u16],
  [8, 'TCP_METRICS_ATTR_FOPEN_SYN_DROPS', u16],
  // Milliseconds since the last Fast Open SYN drop.
  [9, 'TCP_METRICS_ATTR_FOPEN_SYN_DROP_TS', u64],
  // At most TCP_FASTOPEN_COOKIE_MAX bytes.
  [10, 'TCP_METRICS_ATTR_FOPEN_COOKIE', binary()],
  [11, 'TCP_METRICS_ATTR_SADDR_IPV4', ipv4],
  [12, 'TCP_METRICS_ATTR_SADDR_IPV6', ipv6],
  // Alignment of the 64-bit values.
  [13, 'TCP_METRICS_ATTR_PAD', binary()],
]);
