/**
 * `tsip address`: show, add, del.
 */
import type { Message } from '../../netlink/message.js';
import type { JsonObject } from '../../format/printer.js';
import { scopeValue } from '../../format/names.js';
import { AF_INET, AF_INET6 } from '../../rtnl/constants.js';
import { addrInfoJSON, addrInfoText, addrJSON, addrText, isLinkShownByAddr } from './format.js';
import { linkContext, type FormatContext } from '../../format/context.js';
import { parseCidr } from '../../api/validate.js';
import { InvalidArgumentError } from '../../api/errors.js';
import type { AddressOptions } from './api.js';
import { Args, devOnly, dispatch, duplicateOrGarbage, ifnameArg, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';

export const ADDR_USAGE = `Usage: tsip address show [ dev NAME ]
       tsip address { add | del } CIDR dev NAME [ broadcast ADDR ] [ label LABEL ] [ scope SCOPE ] [ nodad ]
`;


export async function run(argv: string[], s: Session): Promise<number> {
  return dispatch(argv, 'address', ADDR_USAGE, [
    [['show', 'list', 'lst'], (a) => show(a, s)],
    [['add'], (a) => change(true, a, s)],
    [['delete'], (a) => change(false, a, s)],
  ]);
}

async function show(a: Args, s: Session): Promise<number> {
  const dev = devOnly(a);
  // ip -6 addr prints the kernel's AF_INET6 link records (shorter), named
  // and flagged from the full ones.
  const [all, addrs] = await Promise.all([s.handle.links.list(), s.handle.addresses.list({ family: s.opts.family })]);
  const links = s.opts.family === 6 ? await s.handle.links.list({ family: 6 }) : all;
  const names = all.some((l) => l.linkNetnsid !== undefined) ? await s.handle.nsids.names() : undefined;
  const ctx = linkContext(all.map((l) => l.message), names);
  const family = s.opts.family === 4 ? AF_INET : s.opts.family === 6 ? AF_INET6 : 0;
  const opts = { details: s.opts.details, family };
  let shown = links;
  if (dev !== undefined) {
    shown = links.filter((l) => l.name === dev);
    if (shown.length === 0) throw new CliError(`Device "${dev}" does not exist.`);
  }
  const msgs = addrs.map((x) => x.message);
  shown = shown.filter((l) => isLinkShownByAddr(l.message, msgs, opts));
  if (s.opts.json) s.printJSON(shown.map((l) => addrJSON(l.message, msgs, ctx, opts)));
  else s.printLines(shown.flatMap((l) => addrText(l.message, msgs, ctx, opts)));
  return EXIT.OK;
}

async function change(add: boolean, a: Args, s: Session): Promise<number> {
  let cidr: string | undefined;
  let dev: string | undefined;
  const o: AddressOptions = {};
  while (!a.done) {
    const t = a.next()!;
    if (t === 'dev') dev = ifnameArg(a.value(t));
    else if (matches(t, 'broadcast') || t === 'brd') o.broadcast = a.value(t);
    else if (t === 'label') o.label = a.value(t);
    else if (t === 'scope') {
      const v = a.value(t);
      const sc = scopeValue(v);
      if (sc === undefined) throw new CliError(`Error: argument "${v}" is wrong: invalid scope value.`, EXIT.INVARG);
      o.scope = sc;
    } else if (t === 'nodad') o.nodad = true;
    else if (t === 'local' || cidr === undefined) cidr = t === 'local' ? a.value(t) : t;
    else throw duplicateOrGarbage('local', t);
  }
  if (cidr === undefined) throw new CliError('Not enough information: address is required.');
  try {
    parseCidr(cidr);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(`Error: any valid prefix is expected rather than "${cidr}".`);
    throw e;
  }
  if (dev === undefined) throw new CliError('Not enough information: "dev" argument is required.');
  if (add) await s.handle.addresses.add(cidr, dev, o);
  else await s.handle.addresses.delete(cidr, dev);
  return EXIT.OK;
}

/** An address event as `ip monitor address` prints it: the link's index and name, then the address line. */
export function monitorLines(ev: { action: 'new' | 'del'; message: Message }, _ctx: FormatContext, links: ReadonlyMap<number, Message>): { text: string[]; json: JsonObject } {
  const index = ev.message.header!.index as number;
  const name = links.get(index)?.attrs?.ifname ?? `if${index}`;
  const info = addrInfoText(ev.message);
  let first = (info[0] ?? '').trim();
  const deleted = first.startsWith('Deleted ');
  if (deleted) first = first.slice('Deleted '.length).trim();
  const text = [`${deleted ? 'Deleted ' : ''}${index}: ${name}    ${first}`, ...info.slice(1)];
  return { text, json: { ifindex: index, ifname: name, ...(ev.action === 'del' ? { deleted: true } : {}), addr_info: [addrInfoJSON(ev.message)] } };
}
