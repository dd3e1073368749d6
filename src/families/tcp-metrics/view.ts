/**
 * One cached TCP metrics entry as the facet returns it: addresses, age,
 * the metrics with the RTTs in microseconds (as `ip tcp_metrics` derives
 * them), Fast Open state; the whole message in `message`.
 */
import type { Message } from '../../netlink/message.js';
import { toHex } from '../../bytes/hex.js';

export interface TcpMetric {
  /** Destination address. */
  dst: string;
  /** Source address (absent from kernels before 3.13). */
  src?: string;
  /** Milliseconds since the entry was last updated. */
  age?: number;
  /** Smoothed RTT and its variance, in microseconds. */
  rttUs?: number;
  rttvarUs?: number;
  ssthresh?: number;
  cwnd?: number;
  reordering?: number;
  /** The peer's last timestamp value seen in TIME-WAIT, and its age (seconds). */
  twTsval?: number;
  twTsStamp?: number;
  fopenMss?: number;
  fopenSynDrops?: number;
  /** Milliseconds since the last Fast Open SYN drop. */
  fopenSynDropTs?: number;
  /** The Fast Open cookie, hex. */
  fopenCookie?: string;
  message: Message;
}

/** The entry of one TCP_METRICS_CMD_GET answer. */
export function tcpMetricOf(m: Message): TcpMetric {
  const a = (m.attrs ?? {}) as Record<string, any>;
  const t: TcpMetric = { dst: a.addrIpv4 ?? a.addrIpv6 ?? '', message: m };
  const src = a.saddrIpv4 ?? a.saddrIpv6;
  if (src !== undefined) t.src = src;
  if (a.age !== undefined) t.age = Number(a.age);
  const v = (a.vals ?? {}) as Record<string, number | undefined>;
  // The kernel keeps the RTT times 8 and its variance times 4 (tcp_sock's srtt_us, mdev_us).
  if (v.rttUs !== undefined) t.rttUs = v.rttUs >>> 3;
  else if (v.rtt !== undefined) t.rttUs = Math.floor((v.rtt * 1000) / 8);
  if (v.rttvarUs !== undefined) t.rttvarUs = v.rttvarUs >>> 2;
  else if (v.rttvar !== undefined) t.rttvarUs = Math.floor((v.rttvar * 1000) / 4);
  if (v.ssthresh !== undefined) t.ssthresh = v.ssthresh;
  if (v.cwnd !== undefined) t.cwnd = v.cwnd;
  if (v.reodering !== undefined) t.reordering = v.reodering;
  if (a.twTsval !== undefined) t.twTsval = a.twTsval;
  if (a.twTsStamp !== undefined) t.twTsStamp = a.twTsStamp;
  if (a.fopenMss !== undefined) t.fopenMss = a.fopenMss;
  if (a.fopenSynDrops !== undefined) t.fopenSynDrops = a.fopenSynDrops;
  if (a.fopenSynDropTs !== undefined) t.fopenSynDropTs = Number(a.fopenSynDropTs);
  if (a.fopenCookie !== undefined) t.fopenCookie = toHex(a.fopenCookie);
  return t;
}
