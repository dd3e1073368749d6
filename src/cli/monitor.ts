/**
 * `tsip monitor [OBJECT... | all]`: one line (or JSON object with -j) per
 * event, in iproute2's style, until interrupted. The objects are the
 * registered families' that notify; each family's command prints its own
 * events (`monitorLines` in its cli.ts). Lost events are said plainly, and
 * the monitor goes on.
 */
import { monitor, type MonitorEvent, type MonitorObject } from '../api/monitor.js';
import { UNITS } from '../families/registry.js';
import type { FormatContext } from '../format/context.js';
import type { JsonObject } from '../format/printer.js';
import type { Message } from '../netlink/message.js';
import { matches } from './args.js';
import { CliError, EXIT } from './errors.js';
import type { Session } from './session.js';
import { writeOut } from './out.js';

/** What a family's command exports to print its events. */
export interface MonitorPrinter {
  monitorLines(ev: { action: 'new' | 'del'; message: Message }, ctx: FormatContext, links: ReadonlyMap<number, Message>): { text: string[]; json: JsonObject };
}

const WATCHED = UNITS.flatMap((f) => (f.monitor && f.cli ? [{ object: f.monitor.object, word: f.cli.object, plural: f.monitor.plural, cli: f.cli }] : []));

export const MONITOR_USAGE = `Usage: tsip monitor [ all | OBJECT-LIST ]
where  OBJECT-LIST := { ${WATCHED.map((w) => w.word).join(' | ')} }
`;

export async function runMonitor(argv: string[], s: Session): Promise<number> {
  const objects = new Set<MonitorObject>();
  for (const a of argv) {
    // As ip: the usage goes to stderr, and the exit code is ip's exit(-1).
    if (matches(a, 'help')) {
      process.stderr.write(MONITOR_USAGE);
      return EXIT.INVARG;
    }
    const w = WATCHED.find((x) => matches(a, x.word) || a === x.object);
    if (a === 'all') WATCHED.forEach((x) => objects.add(x.object as MonitorObject));
    else if (w !== undefined) objects.add(w.object as MonitorObject);
    else throw new CliError(`Argument "${a}" is unknown, try "tsip monitor help".`, EXIT.INVARG);
  }
  const chosen = objects.size ? WATCHED.filter((w) => objects.has(w.object as MonitorObject)) : WATCHED;
  const printers = new Map<string, MonitorPrinter>();
  for (const w of chosen) printers.set(w.object, (await w.cli.load()) as unknown as MonitorPrinter);
  // Link names for `dev X` and `@peer`, kept current from the events.
  const links = new Map<number, Message>();
  for (const l of await s.handle.links.list()) links.set(l.index, l.message);
  const ctx: FormatContext = {
    nameOf: (i) => links.get(i)?.attrs?.ifname,
    flagsOf: (i) => links.get(i)?.header?.flags,
  };
  const mon = monitor({ netns: s.opts.netns, objects: chosen.map((w) => w.object as MonitorObject) });
  const stop = () => mon.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await mon.ready;
  if (process.env.TSIP_MONITOR_READY) process.stderr.write('monitor ready\n');
  for await (const ev of mon) print(ev, s, ctx, links, printers);
  return EXIT.OK;
}

function print(ev: MonitorEvent, s: Session, ctx: FormatContext, links: Map<number, Message>, printers: ReadonlyMap<string, MonitorPrinter>): void {
  const json = s.opts.json;
  const out = (lines: string[], obj: unknown) => {
    if (json) writeOut(JSON.stringify(obj, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)) + '\n');
    else if (lines.length) writeOut(lines.join('\n') + '\n');
  };
  if (ev.type === 'overrun') {
    if (json) out([], { event: 'overrun', reason: ev.reason, restarts: ev.restarts });
    else process.stderr.write(`Events were lost (${ev.reason}); resynchronising.\n`);
    return;
  }
  if (ev.type === 'resync') {
    for (const l of ev.links) links.set(l.index, l.message);
    const counts = chosenCounts(ev as unknown as Record<string, unknown[]>);
    if (json) out([], { event: 'resync', ...Object.fromEntries(counts) });
    else process.stderr.write(`Resynchronised: ${counts.map(([k, n]) => `${n} ${k}`).join(', ')}.\n`);
    return;
  }
  // A link's name is known before its own line is printed, and forgotten after its deletion.
  const isLink = ev.type === 'link';
  if (isLink && ev.action === 'new') links.set(ev.link.index, ev.message);
  const { text, json: obj } = printers.get(ev.type)!.monitorLines(ev, ctx, links);
  if (isLink && ev.action === 'del') links.delete(ev.link.index);
  out(text, obj);
}

/** The resync event's counts, for the families it carries. */
function chosenCounts(ev: Record<string, unknown[]>): [string, number][] {
  return WATCHED.filter((w) => Array.isArray(ev[w.plural])).map((w) => [w.plural, ev[w.plural]!.length]);
}
