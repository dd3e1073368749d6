/**
 * `ip tcp_metrics show` output (iproute2 6.1): one line per entry,
 * `DST[ age Ssec][ tw_ts TSVAL/STAMP ago][ ssthresh N][ cwnd N]
 * [ reordering N][ rtt Nus][ rttvar Nus][ fo_mss N]
 * [ fo_syn_drops N/Susec ago][ fo_cookie HEX][ source SRC]`, and its `-j`
 * keys (RTTs and ages in seconds there), whose floats iproute2 writes
 * with `%g` (`"rtt":6e-05`).
 */
import { gText, JsonNumber } from '../../format/printer.js';
import type { TcpMetric } from './view.js';

/** A float as iproute2's JSON writer prints it (`%g`). */
const g = (v: number) => new JsonNumber(gText(v));

/** One line of `ip tcp_metrics show`, newline included; `deleted`: as `ip -s tcp_metrics flush` prints it. */
export function tcpMetricText(t: TcpMetric, deleted = false): string {
  let s = deleted ? 'Deleted ' : '';
  s += t.dst;
  if (t.age !== undefined) s += ` age ${(t.age / 1000).toFixed(3)}sec`;
  if (t.twTsStamp !== undefined) s += ` tw_ts ${t.twTsval ?? 0}/${t.twTsStamp} ago`;
  if (t.ssthresh !== undefined) s += ` ssthresh ${t.ssthresh}`;
  if (t.cwnd !== undefined) s += ` cwnd ${t.cwnd}`;
  if (t.reordering !== undefined) s += ` reordering ${t.reordering}`;
  if (t.rttUs) s += ` rtt ${t.rttUs}us`;
  if (t.rttvarUs) s += ` rttvar ${t.rttvarUs}us`;
  if (t.fopenMss !== undefined) s += ` fo_mss ${t.fopenMss}`;
  if (t.fopenSynDrops !== undefined) s += ` fo_syn_drops ${t.fopenSynDrops}/${((t.fopenSynDropTs ?? 0) / 1e6).toFixed(3)}usec ago`;
  if (t.fopenCookie !== undefined) s += ` fo_cookie ${t.fopenCookie.slice(0, 32)}`;
  if (t.src !== undefined) s += ` source ${t.src}`;
  return s + '\n';
}

/** One object of `ip -j tcp_metrics show`. */
export function tcpMetricJSON(t: TcpMetric, deleted = false): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (deleted) o.deleted = true;
  o.dst = t.dst;
  if (t.age !== undefined) o.age = g(t.age / 1000);
  if (t.twTsStamp !== undefined) o.tw_ts_stamp = `${t.twTsval ?? 0}/${t.twTsStamp}`;
  if (t.ssthresh !== undefined) o.ssthresh = t.ssthresh;
  if (t.cwnd !== undefined) o.cwnd = t.cwnd;
  if (t.reordering !== undefined) o.reordering = t.reordering;
  if (t.rttUs) o.rtt = g(t.rttUs / 1e6);
  if (t.rttvarUs) o.rttvar = g(t.rttvarUs / 1e6);
  // iproute2's key.
  if (t.fopenMss !== undefined) o.fopen_miss = t.fopenMss;
  if (t.fopenSynDrops !== undefined) {
    o.fopen_syn_drops = t.fopenSynDrops;
    o.fopen_syn_drop_ts = g((t.fopenSynDropTs ?? 0) / 1e6);
  }
  if (t.fopenCookie !== undefined) o.fo_cookie = t.fopenCookie.slice(0, 32);
  if (t.src !== undefined) o.source = t.src;
  return o;
}
