/**
 * `tsip netconf show [ dev NAME ]`, with iproute2's grammar and output.
 */
import type { Message } from '../../netlink/message.js';
import type { JsonObject } from '../../format/printer.js';
import { Args, ifnameArg, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { linkContext, type FormatContext } from '../../format/context.js';
import { netconfJSON, netconfText } from './format.js';

export const NETCONF_USAGE = 'Usage: tsip netconf show [ dev STRING ]\n';

export async function run(argv: string[], s: Session): Promise<number> {
  const a = new Args(argv);
  const cmd = a.next();
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return show(a, s);
  if (matches(cmd, 'help')) {
    process.stderr.write(NETCONF_USAGE);
    return EXIT.INVARG;
  }
  throw new CliError(`Command "${cmd}" is unknown, try "tsip netconf help".`, EXIT.INVARG);
}

async function show(a: Args, s: Session): Promise<number> {
  let dev: string | undefined;
  // As ip: `dev NAME`; any other word is passed over.
  while (!a.done) {
    const t = a.next()!;
    if (t === 'dev') dev = ifnameArg(a.value(t));
  }
  const links = await s.handle.links.list();
  const ctx = linkContext(links.map((l) => l.message));
  const index = dev === undefined ? undefined : links.find((l) => l.name === dev)?.index;
  if (dev !== undefined && index === undefined) throw new CliError(`Device "${dev}" does not exist.`, EXIT.USAGE);
  const family = s.opts.family;
  if (dev !== undefined && family !== undefined) {
    // One interface of one family: ip prints the answer as it listens, in text even with -j.
    const n = await s.handle.netconf.get(dev, family);
    s.printLines(netconfText(n.message, ctx));
    return EXIT.OK;
  }
  const shown = (await s.handle.netconf.list({ family })).filter((n) => index === undefined || n.index === index);
  if (s.opts.json) s.printJSON(shown.map((n) => netconfJSON(n.message, ctx)));
  else s.printLines(shown.flatMap((n) => netconfText(n.message, ctx)));
  return EXIT.OK;
}

/** A netconf event as `ip monitor netconf` prints it. */
export function monitorLines(ev: { action: 'new' | 'del'; message: Message }, ctx: FormatContext): { text: string[]; json: JsonObject } {
  return { text: netconfText(ev.message, ctx), json: netconfJSON(ev.message, ctx) };
}
