/**
 * `tsip tcp_metrics` (or `tcpmetrics`): show, delete, flush, with the
 * grammar, output and words of `ip tcp_metrics`.
 */
import { InvalidArgumentError } from '../../api/errors.js';
import { parseCidr } from '../../api/validate.js';
import { duplicateOrGarbage, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import type { TcpMetricsSelector } from './api.js';
import { tcpMetricJSON, tcpMetricText } from './format.js';
import { writeOut } from '../../cli/out.js';

export const TCP_METRICS_USAGE = `Usage:	tsip tcp_metrics/tcpmetrics { COMMAND | help }
	tsip tcp_metrics { show | flush } SELECTOR
	tsip tcp_metrics delete [ address ] ADDRESS
SELECTOR := [ [ address ] PREFIX ]
`;

type Cmd = 'list' | 'delete' | 'flush';

const COMMANDS: readonly (readonly [string, Cmd])[] = [
  ['list', 'list'],
  ['lst', 'list'],
  ['show', 'list'],
  ['delete', 'delete'],
  ['remove', 'delete'],
  ['flush', 'flush'],
];

interface Sel {
  /** The text given, canonical; `exact` when it is one address. */
  address?: string;
  exact?: boolean;
  /** 0-length prefix (`all`, `default`): every entry. */
  all?: boolean;
  source?: string;
}

/** get_prefix(): an address or prefix; `all`/`default`/`any` as the 0-length prefix. */
function prefix(v: string, family: 4 | 6 | undefined): { text?: string; exact: boolean } {
  if (v === 'all' || v === 'default' || v === 'any') return { exact: false };
  try {
    const c = parseCidr(v);
    if (family !== undefined && c.family !== family) throw new InvalidArgumentError('family');
    const host = c.prefixlen === (c.family === 4 ? 32 : 128);
    return { text: host ? c.address : `${c.address}/${c.prefixlen}`, exact: host };
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(`Error: ${family === undefined ? 'any valid' : family === 6 ? 'inet6' : 'inet'} prefix is expected rather than "${v}".`);
    throw e;
  }
}

function parse(argv: string[], cmd: Cmd, family: 4 | 6 | undefined): Sel {
  const sel: Sel = {};
  let srcSeen = false;
  let dstSeen = false;
  for (let i = 0; i < argv.length; i++) {
    let t = argv[i]!;
    if (t === 'src' || t === 'source') {
      const who = t;
      const v = argv[++i];
      if (v === undefined) throw new CliError('Command line is not complete. Try option "help"', EXIT.INVARG);
      if (srcSeen) throw duplicateOrGarbage(who, v);
      srcSeen = true;
      const p = prefix(v, family);
      if (!p.exact) throw new CliError(`Error: a specific IP address is expected rather than "${v}"`, EXIT.USAGE);
      sel.source = p.text!;
      continue;
    }
    let who = 'address';
    if (t === 'addr' || t === 'address') {
      who = t;
      const v = argv[++i];
      if (v === undefined) throw new CliError('Command line is not complete. Try option "help"', EXIT.INVARG);
      t = v;
    }
    if (dstSeen) throw duplicateOrGarbage(who, t);
    dstSeen = true;
    const p = prefix(t, family);
    if (cmd === 'delete' && !p.exact) throw new CliError(`Error: a specific IP address is expected rather than "${t}"`, EXIT.USAGE);
    if (p.text === undefined) sel.all = true;
    else sel.address = p.text;
    sel.exact = p.exact;
  }
  if (cmd === 'delete' && !sel.exact) throw new CliError('Error: argument "address" is required', EXIT.INVARG);
  return sel;
}

export async function run(argv: string[], s: Session): Promise<number> {
  const [first, ...rest] = argv;
  let cmd: Cmd = 'list';
  if (first !== undefined) {
    const c = COMMANDS.find(([w]) => matches(first, w));
    if (c === undefined) {
      if (matches(first, 'help')) {
        writeOut(TCP_METRICS_USAGE);
        return EXIT.OK;
      }
      throw new CliError(`Command "${first}" is unknown, try "tsip tcp_metrics help".`, EXIT.INVARG);
    }
    cmd = c[1];
  }
  const family = s.opts.family;
  const sel = parse(first === undefined ? [] : rest, cmd, family);
  const tm = s.handle.tcpMetrics;
  const selector: TcpMetricsSelector = {};
  if (sel.address !== undefined) selector.address = sel.address;
  if (sel.source !== undefined) selector.source = sel.source;
  // ip -4/-6: only that family's entries.
  if (family !== undefined && sel.address === undefined) selector.address = family === 4 ? '0.0.0.0/0' : '::/0';

  if (cmd === 'delete' || (cmd === 'flush' && sel.exact)) {
    await tm.delete(sel.address!, sel.source);
    return EXIT.OK;
  }
  if (cmd === 'flush') {
    if (sel.address === undefined && sel.source === undefined && family === undefined) {
      await tm.flush();
      return EXIT.OK;
    }
    const entries = await tm.list(selector);
    if (entries.length === 0) {
      process.stderr.write('Nothing to flush.\n');
      return EXIT.OK;
    }
    const stats = s.opts.stats;
    for (const t of entries) await tm.delete(t.dst, t.src);
    if (stats >= 2) s.printText(entries.map((t) => tcpMetricText(t, true)).join(''));
    if (stats) s.printText(`\n*** Round 1, deleting ${entries.length} entries ***\n*** Flush is complete after 1 round ***\n`);
    return EXIT.OK;
  }
  const list = sel.exact ? [await tm.get(sel.address!, sel.source)] : await tm.list(selector);
  if (s.opts.json) s.printJSON(list.map((t) => tcpMetricJSON(t)));
  else s.printText(list.map((t) => tcpMetricText(t)).join(''));
  return EXIT.OK;
}
