/**
 * A link's counters as `ip -s [-s] link show` (iproute2 6.1) prints them,
 * from IFLA_STATS64 (or the 32-bit IFLA_STATS of older kernels):
 *
 * ```
 *     RX:  bytes packets errors dropped  missed   mcast
 *            224       2      0       0       0       0
 *     RX errors:  length    crc   frame    fifo overrun          (-s -s)
 *                      0      0       0       0       0
 *     TX:  bytes packets errors dropped carrier collsns
 *            224       2      0       0       0       0
 *     TX errors: aborted   fifo  window heartbt transns          (-s -s)
 *                      0      0       0       0       2
 * ```
 *
 * Each column is as wide as its widest heading or number (of all the
 * rows printed); the `compressed`, `nohandler` and `otherhost` columns
 * appear only when their counter is not zero, `transns` (carrier
 * changes) only when the link reports them. With -j the same counters go
 * under `stats64` (`stats` for IFLA_STATS), with ip's keys.
 */
import { num, type Json, type Out } from '../../format/printer.js';

/** The counters, whichever attribute carried them (missing ones are 0). */
type Counters = Record<string, number | bigint | undefined>;

/** A u64 counter, by its C field name, as a bigint (exact above 2^53). */
function c(s: Counters, field: string): bigint {
  const v = s[field.replace(/_(\w)/g, (_m, x: string) => x.toUpperCase())];
  return typeof v === 'bigint' ? v : BigInt(num(v ?? 0));
}

/** Decimal digits of a counter. */
function digits(v: bigint): number {
  return v.toString().length;
}

/** Widens `cols` to hold each value of `row` (iproute2's size_columns). */
function size(cols: number[], row: readonly bigint[]): void {
  row.forEach((v, i) => {
    if (digits(v) > cols[i]!) cols[i] = digits(v);
  });
}

/** A counter right-aligned in `width`, then a space (print_num without -h). */
function cell(width: number, v: bigint): string {
  return v.toString().padStart(width) + ' ';
}

/** `%*s`: `text` right-aligned in `width` (never cut). */
function pad(width: number, text: string): string {
  return text.padStart(width);
}

/**
 * Prints the counters of a link message as iproute2's print_stats64
 * (`level` 1 for -s, 2 for -s -s); the text starts on the current line
 * and ends without a newline. Nothing when the message carries no counters.
 */
export function printLinkStats(o: Out, attrs: Record<string, any>, level: number): void {
  const s: Counters | undefined = attrs.stats64 ?? attrs.stats;
  if (s === undefined) return;
  const key = attrs.stats64 !== undefined ? 'stats64' : 'stats';
  const carrier = attrs.carrierChanges === undefined ? undefined : BigInt(num(attrs.carrierChanges));
  if (o.json) jsonStats(o, s, carrier, level, key);
  else textStats(o, s, carrier, level);
}

function jsonStats(o: Out, s: Counters, carrier: bigint | undefined, level: number, key: string): void {
  // Exact beyond 2^53: the JSON writer prints bigints in full.
  const put = (k: string, v: bigint) => o.j(k, v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : (v as unknown as Json));
  o.open(key);
  o.open('rx');
  for (const [k, f] of [['bytes', 'rx_bytes'], ['packets', 'rx_packets'], ['errors', 'rx_errors'], ['dropped', 'rx_dropped'], ['over_errors', 'rx_over_errors'], ['multicast', 'multicast']] as const) put(k, c(s, f));
  if (c(s, 'rx_compressed')) put('compressed', c(s, 'rx_compressed'));
  if (level > 1) {
    for (const [k, f] of [['length_errors', 'rx_length_errors'], ['crc_errors', 'rx_crc_errors'], ['frame_errors', 'rx_frame_errors'], ['fifo_errors', 'rx_fifo_errors'], ['missed_errors', 'rx_missed_errors']] as const) put(k, c(s, f));
    if (c(s, 'rx_nohandler')) put('nohandler', c(s, 'rx_nohandler'));
    if (c(s, 'rx_otherhost_dropped')) put('otherhost', c(s, 'rx_otherhost_dropped'));
  }
  o.close();
  o.open('tx');
  for (const [k, f] of [['bytes', 'tx_bytes'], ['packets', 'tx_packets'], ['errors', 'tx_errors'], ['dropped', 'tx_dropped'], ['carrier_errors', 'tx_carrier_errors'], ['collisions', 'collisions']] as const) put(k, c(s, f));
  if (c(s, 'tx_compressed')) put('compressed', c(s, 'tx_compressed'));
  if (level > 1) {
    for (const [k, f] of [['aborted_errors', 'tx_aborted_errors'], ['fifo_errors', 'tx_fifo_errors'], ['window_errors', 'tx_window_errors'], ['heartbeat_errors', 'tx_heartbeat_errors']] as const) put(k, c(s, f));
    if (carrier !== undefined) put('carrier_changes', carrier);
  }
  o.close();
  o.close();
}

function textStats(o: Out, s: Counters, carrier: bigint | undefined, level: number): void {
  // Minimum widths: the headings ("RX errors:" stands over the first column).
  const cols = ['*X errors:', 'packets', 'errors', 'dropped', 'heartbt', 'overrun', 'compressed', 'otherhost'].map((h) => h.length);
  const rx = ['rx_bytes', 'rx_packets', 'rx_errors', 'rx_dropped', 'rx_missed_errors', 'multicast', 'rx_compressed'].map((k) => c(s, k));
  const rxErr = ['rx_length_errors', 'rx_crc_errors', 'rx_frame_errors', 'rx_fifo_errors', 'rx_over_errors', 'rx_nohandler', 'rx_otherhost_dropped'].map((k) => c(s, k));
  const tx = ['tx_bytes', 'tx_packets', 'tx_errors', 'tx_dropped', 'tx_carrier_errors', 'collisions', 'tx_compressed'].map((k) => c(s, k));
  const txErr = ['tx_aborted_errors', 'tx_fifo_errors', 'tx_window_errors', 'tx_heartbeat_errors'].map((k) => c(s, k));
  size(cols, [...rx, 0n]);
  if (level > 1) size(cols, [0n, ...rxErr]);
  size(cols, [...tx, 0n]);
  if (level > 1) size(cols, [0n, 0n, ...txErr, carrier ?? 0n, 0n]);
  const [w0, w1, w2, w3, w4, w5, w6, w7] = cols as [number, number, number, number, number, number, number, number];

  const heading = (dir: string, words: readonly string[], compressed: boolean) =>
    `    ${dir}: ${pad(w0 - 4, 'bytes')} ${pad(w1, words[0]!)} ${pad(w2, words[1]!)} ${pad(w3, words[2]!)} ${pad(w4, words[3]!)} ${pad(w5, words[4]!)} ${pad(w6, compressed ? 'compressed' : '')}`;
  const row = (vals: readonly bigint[], compressed: bigint) =>
    '    ' + vals.slice(0, 6).map((v, i) => cell(cols[i]!, v)).join('') + (compressed ? cell(w6, compressed) : '');

  o.t(heading('RX', ['packets', 'errors', 'dropped', 'missed', 'mcast'], rx[6]! !== 0n));
  o.nl();
  o.t(row(rx, rx[6]!));
  if (level > 1) {
    const [len, crc, frame, fifo, over, nohandler, otherhost] = rxErr as [bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    o.nl();
    o.t(
      `    RX errors:${pad(w0 - 10, '')} ${pad(w1, 'length')} ${pad(w2, 'crc')} ${pad(w3, 'frame')} ${pad(w4, 'fifo')} ${pad(w5, 'overrun')}` +
        (nohandler ? pad(w6 + 1, ' nohandler') : '') +
        (otherhost ? pad(w7 + 1, ' otherhost') : ''),
    );
    o.nl();
    o.t(' '.repeat(w0 + 5) + cell(w1, len) + cell(w2, crc) + cell(w3, frame) + cell(w4, fifo) + cell(w5, over));
    if (nohandler) o.t(cell(w6, nohandler));
    if (otherhost) o.t(cell(w7, otherhost));
  }
  o.nl();
  o.t(heading('TX', ['packets', 'errors', 'dropped', 'carrier', 'collsns'], tx[6]! !== 0n));
  o.nl();
  o.t(row(tx, tx[6]!));
  if (level > 1) {
    const [aborted, fifo, window, heartbeat] = txErr as [bigint, bigint, bigint, bigint];
    o.nl();
    o.t(`    TX errors:${pad(w0 - 10, '')} ${pad(w1, 'aborted')} ${pad(w2, 'fifo')} ${pad(w3, 'window')} ${pad(w4, 'heartbt')} ${pad(w5, carrier !== undefined ? 'transns' : '')}`);
    o.nl();
    o.t(' '.repeat(w0 + 5) + cell(w1, aborted) + cell(w2, fifo) + cell(w3, window) + cell(w4, heartbeat));
    if (carrier !== undefined) o.t(cell(w5, carrier));
  }
}
