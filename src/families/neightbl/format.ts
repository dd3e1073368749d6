/**
 * Neighbour tables as `ip ntable` (iproute2 6.1) prints them, from decoded
 * RTM_NEWNEIGHTBL messages: the table's name and thresholds, its
 * parameters (per link when NDTPA_IFINDEX is there), and with `-s` its
 * configuration and statistics.
 */
import type { Message } from '../../netlink/message.js';
import { Out, num, type JsonObject } from '../../format/printer.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { familyName } from '../../format/names.js';

export interface NtableFormatOptions {
  /** `-s`: NDTA_CONFIG and NDTA_STATS too. */
  stats?: boolean;
  /** Now, for the flush and rand times (`-s`), which ip prints as local wall-clock times. */
  now?: Date;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** ip's ntable_strtime_delta: the local time `msec` ago, `%Y-%m-%d %T`; 0 is `(error)`. */
function agoText(msec: number, now: Date): string {
  if (msec === 0) return '(error)';
  const t = new Date((Math.floor(now.getTime() / 1000) - Math.floor(msec / 1000)) * 1000);
  return `${t.getFullYear()}-${pad2(t.getMonth() + 1)}-${pad2(t.getDate())} ${pad2(t.getHours())}:${pad2(t.getMinutes())}:${pad2(t.getSeconds())}`;
}

function uint(o: Out, key: string, text: string, v: unknown): void {
  if (v === undefined) return;
  o.any(key, num(v), `${text} ${typeof v === 'bigint' ? v : num(v)} `);
}

function printConfig(o: Out, c: Record<string, number>, now: Date): void {
  o.t('    config ');
  uint(o, 'key_length', 'key_len', c.keyLen);
  uint(o, 'entry_size', 'entry_size', c.entrySize);
  uint(o, 'entries', 'entries', c.entries);
  o.nl();
  const flush = agoText(num(c.lastFlush), now);
  o.any('last_flush', flush, `        last_flush ${flush} `);
  const rand = agoText(num(c.lastRand), now);
  o.any('last_rand', rand, `last_rand ${rand} `);
  o.nl();
  o.any('hash_rnd', num(c.hashRnd), `        hash_rnd ${num(c.hashRnd)} `);
  const mask = num(c.hashMask) >>> 0;
  o.any('hash_mask', mask === 0 ? '0' : `0x${mask.toString(16)}`, `hash_mask ${mask.toString(16).padStart(8, '0')} `);
  uint(o, 'hash_chain_gc', 'hash_chain_gc', c.hashChainGc);
  uint(o, 'proxy_qlen', 'proxy_qlen', c.proxyQlen);
  o.nl();
}

function printParams(o: Out, p: Record<string, unknown>, ctx: FormatContext): void {
  if (p.ifindex !== undefined) {
    const dev = ifName(ctx, num(p.ifindex));
    o.t('    dev ');
    o.any('dev', dev, `${dev} `);
    o.nl();
  }
  o.t('    ');
  uintRows(o, p, PARAM_ROWS);
}

/** Lines of `key value` counters, ip's fields in ip's order: [JSON key, text word, decoded key] (a word equal to the key is left out). */
type Rows = readonly (readonly (readonly [string, string?, string?])[])[];

const PARAM_ROWS: Rows = [
  [['refcnt'], ['reachable', , 'reachableTime'], ['base_reachable', , 'baseReachableTime'], ['retrans', , 'retransTime']],
  [['gc_stale', , 'gcStaletime'], ['delay_probe', , 'delayProbeTime'], ['queue', , 'queueLen']],
  [['app_probes', , 'appProbes'], ['ucast_probes', , 'ucastProbes'], ['mcast_probes', , 'mcastProbes']],
  [['anycast_delay', , 'anycastDelay'], ['proxy_delay', , 'proxyDelay'], ['proxy_queue', , 'proxyQlen'], ['locktime']],
];

const STATS_ROWS: Rows = [
  [['allocs'], ['destroys'], ['hash_grows', , 'hashGrows']],
  [['res_failed', , 'resFailed'], ['lookups'], ['hits']],
  [['rcv_probes_mcast', , 'rcvProbesMcast'], ['rcv_probes_ucast', , 'rcvProbesUcast']],
  [['periodic_gc_runs', , 'periodicGcRuns'], ['forced_gc_runs', , 'forcedGcRuns']],
  [['table_fulls', , 'tableFulls']],
];

/** Prints `rows` of `values`, each line after the first indented by four spaces, then ends the line. */
function uintRows(o: Out, values: Record<string, unknown>, rows: Rows): void {
  rows.forEach((row, i) => {
    if (i > 0) o.t('\n    ');
    for (const [key, word = key, attr = key] of row) uint(o, key, word, values[attr]);
  });
  o.nl();
}

function printStats(o: Out, s: Record<string, unknown>): void {
  o.t('    stats ');
  uintRows(o, s, STATS_ROWS);
}

function printNtable(o: Out, m: Message, ctx: FormatContext, opts: NtableFormatOptions): void {
  const a = m.attrs ?? {};
  const fam = familyName(num(m.header?.family));
  o.any('family', fam, `${fam} `);
  if (a.name !== undefined) o.any('name', a.name, `${a.name} `);
  o.nl();
  const thresholds = a.thresh1 !== undefined || a.thresh2 !== undefined || a.thresh3 !== undefined || a.gcInterval !== undefined;
  if (thresholds) o.t('    ');
  uint(o, 'thresh1', 'thresh1', a.thresh1);
  uint(o, 'thresh2', 'thresh2', a.thresh2);
  uint(o, 'thresh3', 'thresh3', a.thresh3);
  uint(o, 'gc_interval', 'gc_int', a.gcInterval);
  if (thresholds) o.nl();
  if (a.config !== undefined && opts.stats) printConfig(o, a.config, opts.now ?? new Date());
  if (a.parms !== undefined) printParams(o, a.parms, ctx);
  if (a.stats !== undefined && opts.stats) printStats(o, a.stats);
  o.t('\n');
}

/** The object `ip -j ntable` prints for one message. */
export function ntableJSON(m: Message, ctx: FormatContext, opts: NtableFormatOptions = {}): JsonObject {
  const o = new Out(true);
  printNtable(o, m, ctx, opts);
  return o.object();
}

/** The lines `ip ntable` prints for one message (a blank line ends each record). */
export function ntableText(m: Message, ctx: FormatContext, opts: NtableFormatOptions = {}): string[] {
  const o = new Out(false);
  printNtable(o, m, ctx, opts);
  // textLines drops only the final newline: the record's own blank line stays.
  return o.lines();
}
