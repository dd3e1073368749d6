/**
 * `tsip route`: show, add, del.
 */
import type { Message } from '../../netlink/message.js';
import type { JsonObject } from '../../format/printer.js';
import { AF_INET, AF_INET6 } from '../../rtnl/constants.js';
import { isShownByDefault, routeJSON, routeText } from './format.js';
import { linkContext, type FormatContext } from '../../format/context.js';
import { parseCidr, parseAddress } from '../../api/validate.js';
import { InvalidArgumentError } from '../../api/errors.js';
import type { RouteOptions } from './api.js';
import { Args, dispatch, duplicateOrGarbage, ifnameArg, matches, uintArg } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';

export const ROUTE_USAGE = `Usage: tsip route show
       tsip route { add | del } { default | PREFIX } [ via ADDR ] [ dev NAME ] [ metric N ] [ table ID ]
`;

export async function run(argv: string[], s: Session): Promise<number> {
  return dispatch(argv, 'route', ROUTE_USAGE, [
    [['show', 'list', 'lst'], (a) => show(a, s)],
    [['add'], (a) => change(true, a, s)],
    [['delete'], (a) => change(false, a, s)],
  ]);
}

async function show(a: Args, s: Session): Promise<number> {
  if (!a.done) throw new CliError(`Error: "${a.peek()}" is not supported here: tsip route show takes no filter.`);
  const family = s.opts.family === 6 ? 6 : 4;
  const [links, routes] = await Promise.all([s.handle.links.list(), s.handle.routes.list({ family, table: 'all' })]);
  const ctx = linkContext(links.map((l) => l.message));
  const shown = routes.map((r) => r.message).filter((m) => isShownByDefault(m, { family: family === 6 ? AF_INET6 : AF_INET }));
  const opts = { details: s.opts.details };
  if (s.opts.json) s.printJSON(shown.map((m) => routeJSON(m, ctx, opts)));
  else s.printLines(shown.flatMap((m) => routeText(m, ctx, opts)));
  return EXIT.OK;
}

async function change(add: boolean, a: Args, s: Session): Promise<number> {
  const r: Partial<RouteOptions> = {};
  while (!a.done) {
    const t = a.next()!;
    if (t === 'via') {
      const v = a.value(t);
      try {
        r.via = parseAddress(v).address;
      } catch (e) {
        if (e instanceof InvalidArgumentError) throw new CliError(`Error: inet address is expected rather than "${v}".`);
        throw e;
      }
    } else if (t === 'dev' || t === 'oif') r.dev = ifnameArg(a.value(t));
    else if (t === 'metric' || t === 'priority' || t === 'preference') r.metric = uintArg(a.value(t), 'metric', 0xffffffff, '"metric" value is invalid');
    else if (t === 'table') r.table = uintArg(a.value(t), 'table');
    else if (r.dst === undefined) {
      const d = t === 'to' ? a.value(t) : t;
      if (d !== 'default') {
        try {
          parseCidr(d);
        } catch (e) {
          if (e instanceof InvalidArgumentError) throw new CliError(`Error: any valid prefix is expected rather than "${d}".`);
          throw e;
        }
      }
      r.dst = d;
    } else throw duplicateOrGarbage('to', t);
  }
  // ip prints its usage here and exits 255.
  if (r.dst === undefined) throw new CliError('Not enough information: destination is required.', EXIT.INVARG);
  if (s.opts.family) r.family = s.opts.family;
  await (add ? s.handle.routes.add(r as RouteOptions) : s.handle.routes.delete(r as RouteOptions));
  return EXIT.OK;
}

/** A route event as `ip monitor route` prints it (every table). */
export function monitorLines(ev: { action: 'new' | 'del'; message: Message }, ctx: FormatContext): { text: string[]; json: JsonObject } {
  const json = routeJSON(ev.message, ctx, { table: 'all' });
  return { text: routeText(ev.message, ctx, { table: 'all' }), json: ev.action === 'del' ? { deleted: true, ...json } : json };
}
