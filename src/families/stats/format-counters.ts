/**
 * The two counter tables `ip stats` (iproute2 6.1) prints besides a link's
 * own (which the link family's printLinkStats prints): the L3 hardware
 * counters (`struct rtnl_hw_stats64`, group offload subgroup l3_stats) and
 * MPLS's (`struct mpls_link_stats`, group afstats subgroup mpls):
 *
 * ```
 *     RX: bytes packets errors dropped   mcast          RX: bytes packets errors dropped noroute
 *             0       0      0       0       0                  0       0      0       0       0
 *     TX: bytes packets errors dropped                  TX: bytes packets errors dropped
 *             0       0      0       0                          0       0      0       0
 * ```
 *
 * Each column is as wide as its heading or widest number; a number is
 * right-aligned and followed by a space. The text ends without a newline.
 * With -j, `{rx: {...}, tx: {...}}` with ip's keys.
 */
import type { Json, Out } from '../../format/printer.js';
import type { Counter } from './view.js';

/** Counters by view key (any object of them). */
type Counters = object;

/** A counter as an exact bigint (missing: 0, as ip zero-fills a short payload). */
function c(s: Counters, key: string): bigint {
  const v = (s as Record<string, Counter | undefined>)[key];
  return typeof v === 'bigint' ? v : BigInt(v ?? 0);
}

/** A u64 for the JSON writer (which prints bigints in full). */
export function u64Json(v: bigint): Json {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : (v as unknown as Json);
}

/** iproute2's size_columns: widens each column to the digits of its value. */
function size(cols: number[], row: readonly bigint[]): void {
  row.forEach((v, i) => {
    const d = v.toString().length;
    if (d > cols[i]!) cols[i] = d;
  });
}

/** print_num without -h: the number right-aligned in `width`, then a space. */
function cell(width: number, v: bigint): string {
  return v.toString().padStart(width) + ' ';
}

/** RX and TX rows under five and four headings (the fifth RX column is `last`). */
function table(o: Out, indent: string, rx: bigint[], tx: bigint[], last: string): void {
  const cols = ['*X: bytes', 'packets', 'errors', 'dropped', last === 'mcast' ? 'overrun' : last].map((h) => h.length);
  size(cols, rx);
  size(cols, [...tx, 0n]);
  const [w0, w1, w2, w3, w4] = cols as [number, number, number, number, number];
  o.t(`${indent}RX: ${'bytes'.padStart(w0 - 4)} ${'packets'.padStart(w1)} ${'errors'.padStart(w2)} ${'dropped'.padStart(w3)} ${last.padStart(w4)}\n`);
  o.t(indent + rx.map((v, i) => cell(cols[i]!, v)).join(''));
  o.nl();
  o.t(`${indent}TX: ${'bytes'.padStart(w0 - 4)} ${'packets'.padStart(w1)} ${'errors'.padStart(w2)} ${'dropped'.padStart(w3)}\n`);
  o.t(indent + tx.map((v, i) => cell(cols[i]!, v)).join(''));
}

function jsonRows(o: Out, rx: [string, bigint][], tx: [string, bigint][]): void {
  o.open('rx');
  for (const [k, v] of rx) o.j(k, u64Json(v));
  o.close();
  o.open('tx');
  for (const [k, v] of tx) o.j(k, u64Json(v));
  o.close();
}

/** `struct rtnl_hw_stats64` as ip's print_hw_stats64 (the caller opens `stats64`). */
export function printHwStats64(o: Out, s: Counters): void {
  const rx: [string, bigint][] = [['bytes', c(s, 'rxBytes')], ['packets', c(s, 'rxPackets')], ['errors', c(s, 'rxErrors')], ['dropped', c(s, 'rxDropped')], ['multicast', c(s, 'multicast')]];
  const tx: [string, bigint][] = [['bytes', c(s, 'txBytes')], ['packets', c(s, 'txPackets')], ['errors', c(s, 'txErrors')], ['dropped', c(s, 'txDropped')]];
  if (o.json) jsonRows(o, rx, tx);
  else table(o, '    ', rx.map(([, v]) => v), tx.map(([, v]) => v), 'mcast');
}

/** `struct mpls_link_stats` as ip's print_mpls_link_stats with `indent` (the caller opens `mpls_stats`). */
export function printMplsStats(o: Out, s: Counters, indent: string): void {
  const rx: [string, bigint][] = [['bytes', c(s, 'rxBytes')], ['packets', c(s, 'rxPackets')], ['errors', c(s, 'rxErrors')], ['dropped', c(s, 'rxDropped')], ['noroute', c(s, 'rxNoroute')]];
  const tx: [string, bigint][] = [['bytes', c(s, 'txBytes')], ['packets', c(s, 'txPackets')], ['errors', c(s, 'txErrors')], ['dropped', c(s, 'txDropped')]];
  if (o.json) jsonRows(o, rx, tx);
  else table(o, indent, rx.map(([, v]) => v), tx.map(([, v]) => v), 'noroute');
}
