/**
 * `tsip neigh`: show, add, del, replace, change, flush, get, with
 * iproute2's grammar and output.
 */
import type { Message } from '../../netlink/message.js';
import type { JsonObject } from '../../format/printer.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkMac, inPrefix, parseAddress, parseCidr } from '../../api/validate.js';
import { Args, dispatch, duplicateOrGarbage, ifnameArg, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { linkContext, type FormatContext } from '../../format/context.js';
import type { NeighbourOptions } from './api.js';
import { neighJSON, neighText } from './format.js';
import { NTF, NUD, nudValue } from './header.js';
import { protocolValue } from '../route/names.js';
import type { NudName } from './view.js';

export const NEIGH_USAGE = `Usage: tsip neigh { add | del | change | replace }
                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }
                [ dev DEV ] [ router ] [ protocol PROTO ]

        tsip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
                                  [ master DEV ]
        tsip neigh get { ADDR | proxy ADDR } dev DEV

STATE := { delay | failed | incomplete | noarp | none |
           permanent | probe | reachable | stale }
`;

export async function run(argv: string[], s: Session): Promise<number> {
  return dispatch(argv, 'neigh', NEIGH_USAGE, [
    [['show', 'list', 'lst'], (a) => show(a, s, false)],
    [['add'], (a) => change('add', a, s)],
    [['delete'], (a) => remove(a, s)],
    [['replace'], (a) => change('replace', a, s)],
    [['change', 'chg'], (a) => change('change', a, s)],
    [['flush'], (a) => show(a, s, true)],
    [['get'], (a) => get(a, s)],
  ]);
}

/** A `nud STATE` word: the state, `all`, or an error in ip's words. */
function nudArg(v: string): number | 'all' {
  if (v === 'all') return 'all';
  const n = nudValue(v);
  if (n === undefined) throw new CliError(`Error: argument "${v}" is wrong: nud state is bad`, EXIT.INVARG);
  return n;
}

async function show(a: Args, s: Session, flush: boolean): Promise<number> {
  let dev: string | undefined;
  let master: string | undefined;
  let proxy = false;
  let to: string | undefined;
  // ip's default filter: every state but NOARP (flush: nor PERMANENT); 0x100 stands for NUD_NONE.
  let states: number | undefined;
  while (!a.done) {
    const t = a.next()!;
    if (t === 'dev') dev = ifnameArg(a.value(t));
    else if (t === 'master') master = ifnameArg(a.value(t), 'master');
    else if (t === 'nud') {
      const n = nudArg(a.value(t));
      states = (states ?? 0) | (n === 'all' ? (flush ? ~NUD.NUD_NOARP : ~0) : n === 0 ? 0x100 : n);
    } else if (t === 'proxy') proxy = true;
    else if (t === 'to') to = a.value(t);
    else to = t;
  }
  if (flush && dev === undefined && to === undefined && master === undefined && states === undefined && !proxy) throw new CliError('Flush requires arguments.');
  const mask = states ?? (flush ? ~(NUD.NUD_PERMANENT | NUD.NUD_NOARP) : 0xff & ~NUD.NUD_NOARP);
  let prefix: ReturnType<typeof parseCidr> | undefined;
  if (to !== undefined && to !== 'all' && to !== 'default') {
    try {
      prefix = parseCidr(to);
    } catch (e) {
      if (e instanceof InvalidArgumentError) throw new CliError(`Error: any valid prefix is expected rather than "${to}".`, EXIT.INVARG);
      throw e;
    }
  }
  const [links, all] = await Promise.all([s.handle.links.list(), s.handle.neighbours.list({ dev, master, proxy, family: s.opts.family })]);
  const shown = all.filter((n) => {
    if (prefix !== undefined && (n.address === undefined || !inPrefix(n.address, prefix))) return false;
    // As ip: the state filter, except for proxy and externally learned entries.
    return (n.state & mask) !== 0 || (n.flags & (NTF.NTF_PROXY | NTF.NTF_EXT_LEARNED)) !== 0 || (n.state === 0 && (mask & 0x100) !== 0);
  });
  if (flush) {
    // An entry gone meanwhile is flushed all the same, as with ip.
    const names = new Map(links.map((l) => [l.index, l.name]));
    for (const n of shown) if (n.address !== undefined) await s.handle.neighbours.delete(n.address, names.get(n.index) ?? String(n.index), { proxy: n.proxy }).catch(() => undefined);
    return EXIT.OK;
  }
  const ctx = linkContext(links.map((l) => l.message));
  const filteredIndex = dev === undefined ? undefined : shown[0]?.index ?? links.find((l) => l.name === dev)?.index;
  const opts = { stats: s.opts.stats > 0, filteredIndex };
  if (s.opts.json) s.printJSON(shown.map((n) => neighJSON(n.message, ctx, opts)));
  else s.printLines(shown.flatMap((n) => neighText(n.message, ctx, opts)));
  return EXIT.OK;
}

async function change(op: 'add' | 'replace' | 'change', a: Args, s: Session): Promise<number> {
  const o: Partial<NeighbourOptions> = {};
  while (!a.done) {
    const t = a.next()!;
    if (t === 'lladdr') {
      o.lladdr = a.value(t);
      try {
        checkMac(o.lladdr);
      } catch {
        throw new CliError(`"${o.lladdr}" is invalid lladdr.`);
      }
    }
    else if (t === 'nud') {
      const n = nudArg(a.value(t));
      if (n === 'all') throw new CliError('Error: argument "all" is wrong: nud state is bad', EXIT.INVARG);
      o.state = (Object.keys(NUD).find((k) => NUD[k as keyof typeof NUD] === n)!.slice(4).toLowerCase()) as NudName;
    } else if (t === 'proxy') {
      o.proxy = true;
      o.address = a.value(t);
    } else if (t === 'router') o.router = true;
    else if (t === 'dev') o.dev = ifnameArg(a.value(t));
    else if (matches(t, 'protocol')) {
      const v = a.value(t);
      const p = protocolValue(v);
      if (p === undefined) throw new CliError(`Error: argument "${v}" is wrong: "protocol" value is invalid`, EXIT.INVARG);
      o.protocol = p;
    } else {
      if (t === 'to') o.address = a.value(t);
      else if (o.address === undefined) o.address = t;
      else throw duplicateOrGarbage('to', t);
    }
  }
  if (o.dev === undefined || o.address === undefined) throw new CliError('Device and destination are required arguments.', EXIT.INVARG);
  checkAddress(o.address);
  const n = o as NeighbourOptions;
  if (op === 'add') await s.handle.neighbours.add(n);
  else if (op === 'replace') await s.handle.neighbours.replace(n);
  else await s.handle.neighbours.change(n);
  return EXIT.OK;
}

function checkAddress(v: string): void {
  try {
    parseAddress(v);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new CliError(`Error: any valid address is expected rather than "${v}".`);
    throw e;
  }
}

/** `del ADDR dev DEV` / `del proxy ADDR dev DEV`. */
async function remove(a: Args, s: Session): Promise<number> {
  const { address, dev, proxy } = target(a);
  await s.handle.neighbours.delete(address, dev, { proxy });
  return EXIT.OK;
}

function target(a: Args): { address: string; dev: string; proxy: boolean } {
  let address: string | undefined;
  let dev: string | undefined;
  let proxy = false;
  while (!a.done) {
    const t = a.next()!;
    if (t === 'dev') dev = ifnameArg(a.value(t));
    else if (t === 'proxy') {
      proxy = true;
      address = a.value(t);
    } else if (t === 'to') address = a.value(t);
    else if (address === undefined) address = t;
    else if (!['lladdr', 'nud', 'router'].includes(t)) throw duplicateOrGarbage('to', t);
    else a.next();
  }
  if (dev === undefined || address === undefined) throw new CliError('Device and destination are required arguments.', EXIT.INVARG);
  checkAddress(address);
  return { address, dev, proxy };
}

async function get(a: Args, s: Session): Promise<number> {
  const { address, dev, proxy } = target(a);
  const [links, n] = await Promise.all([s.handle.links.list(), s.handle.neighbours.get(address, dev, { proxy })]);
  const ctx = linkContext(links.map((l) => l.message));
  if (s.opts.json) s.printJSON([neighJSON(n.message, ctx)]);
  else s.printLines(neighText(n.message, ctx));
  return EXIT.OK;
}

/** A neighbour event as `ip monitor neigh` prints it (the formatter prints `Deleted ` itself). */
export function monitorLines(ev: { action: 'new' | 'del'; message: Message }, ctx: FormatContext): { text: string[]; json: JsonObject } {
  return { text: neighText(ev.message, ctx), json: neighJSON(ev.message, ctx) };
}
