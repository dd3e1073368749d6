/**
 * `tsip ntable show [ dev DEV | none ] [ name NAME ]`, with iproute2's
 * grammar and output (`-s` for the configuration and statistics).
 */
import { Args, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { linkContext } from '../../format/context.js';
import { ntableJSON, ntableText } from './format.js';

export const NTABLE_USAGE = `Usage: tsip ntable show [ dev DEV ] [ name NAME ]
`;

export async function run(argv: string[], s: Session): Promise<number> {
  const a = new Args(argv);
  const cmd = a.next();
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return show(a, s);
  if (matches(cmd, 'help')) {
    process.stderr.write(NTABLE_USAGE);
    return EXIT.INVARG;
  }
  throw new CliError(`Command "${cmd}" is unknown, try "tsip ntable help".`, EXIT.INVARG);
}

async function show(a: Args, s: Session): Promise<number> {
  let dev: string | undefined;
  let name: string | undefined;
  while (!a.done) {
    const t = a.next()!;
    if (t === 'dev') dev = a.value(t);
    else if (t === 'name') name = a.value(t);
    else throw new CliError(`Error: argument "${t}" is wrong: unknown`, EXIT.INVARG);
  }
  const links = await s.handle.links.list();
  if (dev !== undefined && dev !== 'none' && !links.some((l) => l.name === dev)) throw new CliError(`Error: argument "${dev}" is wrong: "DEV" is invalid`, EXIT.INVARG);
  const ctx = linkContext(links.map((l) => l.message));
  // `dev none`: the tables' defaults (the records without a link).
  const tables = (await s.handle.neighbourTables.list({ family: s.opts.family, name, dev: dev === 'none' ? undefined : dev })).filter((t) => dev !== 'none' || t.index === undefined);
  const opts = { stats: s.opts.stats > 0 };
  if (s.opts.json) s.printJSON(tables.map((t) => ntableJSON(t.message, ctx, opts)));
  else s.printLines(tables.flatMap((t) => ntableText(t.message, ctx, opts)));
  return EXIT.OK;
}
