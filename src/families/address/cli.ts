/**
 * `tsip address`: show, add, del, flush; and the listing `tsip link show`
 * shares with it (iproute2 prints both with one function), with ip's
 * selectors, requests and output (-s, -br, -o, -j).
 */
import type { Message } from '../../netlink/message.js';
import type { JsonObject } from '../../format/printer.js';
import { familyName, scopeValue } from '../../format/names.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_SCOPE } from '../../rtnl/constants.js';
import { addrInfoJSON, addrInfoText, printAddr } from './format.js';
import { Out } from '../../format/printer.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { parseCidr, type Cidr } from '../../api/validate.js';
import { InvalidArgumentError } from '../../api/errors.js';
import type { AddressOptions } from './api.js';
import { addFlagWord, addrPasses, type ListFilter } from './format-filter.js';
import { listJSON, listText, listedLinks, type ListOptions } from './format-list.js';
import { AF_PACKET_FAMILY } from '../link/format-head.js';
import { IFA_F } from './header.js';
import { Args, dispatch, duplicateOrGarbage, groupArg, ifnameArg, matches } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import { LinkCache, withLookups } from '../../cli/link-cache.js';
import type { Session } from '../../cli/session.js';

export const ADDR_USAGE = `Usage: tsip address { add | del } CIDR dev NAME [ broadcast ADDR ] [ label LABEL ] [ scope SCOPE ] [ nodad ]
       tsip address { show | flush } [ dev NAME ] [ scope SCOPE-ID ] [ to PREFIX ] [ FLAG-LIST ]
                                     [ label PATTERN ] [ up ] [ master DEV ] [ nomaster ] [ type TYPE ]
SCOPE-ID := [ host | link | global | NUMBER | all ]
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG := [ [-]permanent | [-]dynamic | [-]secondary | [-]primary | [-]tentative | [-]deprecated |
          [-]dadfailed | [-]temporary | [-]nodad | [-]optimistic | [-]home | [-]mngtmpaddr |
          [-]noprefixroute | [-]autojoin | [-]stable-privacy ]
`;

export async function run(argv: string[], s: Session): Promise<number> {
  return dispatch(argv, 'address', ADDR_USAGE, [
    [['show', 'list', 'lst'], (a) => runList(a, s, false, ADDR_USAGE)],
    [['add'], (a) => change(true, a, s)],
    [['delete'], (a) => change(false, a, s)],
    [['flush'], (a) => flush(a, s)],
  ]);
}

/** The `to` prefix: ip's words and exit code when it is not one (of the family chosen). */
function prefixArg(v: string, family: number): Cidr {
  let p: Cidr | undefined;
  try {
    p = parseCidr(v);
  } catch (e) {
    if (!(e instanceof InvalidArgumentError)) throw e;
  }
  const wanted = family === AF_INET ? 4 : family === AF_INET6 ? 6 : undefined;
  const what = family === AF_INET || family === AF_INET6 ? familyName(family) : 'any valid';
  if (p === undefined || (wanted !== undefined && p.family !== wanted)) throw new CliError(`Error: ${what} prefix is expected rather than "${v}".`);
  return p;
}

/**
 * Reads the selectors of `ip link show` / `ip addr show` / `ip addr flush`
 * into `f` (names of masters are looked up as they come, as ip does);
 * returns the device named, if any.
 */
async function parseList(a: Args, f: ListFilter, cache: LinkCache, usage: string): Promise<string | undefined> {
  let dev: string | undefined;
  while (!a.done) {
    const t = a.next()!;
    if (t === 'to') {
      f.prefix = prefixArg(a.value(t), f.family);
      if (!f.family) f.family = f.prefix.family === 6 ? AF_INET6 : AF_INET;
    } else if (t === 'scope') {
      const v = a.value(t);
      const scope = scopeValue(v);
      f.scopemask = -1;
      if (scope !== undefined) f.scope = scope;
      else if (v === 'all') {
        f.scope = RT_SCOPE.RT_SCOPE_NOWHERE;
        f.scopemask = 0;
      } else throw new CliError(`Error: argument "${v}" is wrong: invalid "scope"`, EXIT.INVARG);
    } else if (t === 'up') f.up = true;
    else if (addFlagWord(f, t)) continue;
    else if (t === 'label') f.label = a.value(t);
    else if (t === 'group') f.group = groupArg(a.value(t));
    else if (t === 'master') {
      const v = a.value(t);
      f.master = await cache.indexOf(v);
      if (!f.master) throw new CliError(`Error: argument "${v}" is wrong: Device does not exist`, EXIT.INVARG);
    } else if (t === 'nomaster') f.master = -1;
    else if (t === 'type') {
      const v = a.value(t);
      if (v.endsWith('_slave')) f.slaveKind = v.slice(0, -'_slave'.length);
      else f.kind = v;
    } else {
      const name = t === 'dev' ? a.value(t) : t;
      if (t !== 'dev' && matches(t, 'help')) throw new CliError(usage.trimEnd(), EXIT.INVARG);
      if (dev !== undefined) throw duplicateOrGarbage('dev', name);
      dev = name;
    }
  }
  return dev;
}

/**
 * `ip link show` (`doLink`) and `ip addr show`: the requests ip sends
 * (the link by name or index, or a dump the kernel filters by master and
 * kind; the addresses of the family and link), the links and addresses ip
 * lists, printed as ip prints them.
 */
export async function runList(a: Args, s: Session, doLink: boolean, usage: string): Promise<number> {
  const preferred = doLink ? AF_PACKET_FAMILY : s.opts.family === 4 ? AF_INET : s.opts.family === 6 ? AF_INET6 : AF_UNSPEC;
  const f: ListFilter = { family: preferred };
  const cache = new LinkCache(s.handle);
  const dev = await parseList(a, f, cache, usage);
  if (dev !== undefined) {
    f.ifindex = await cache.indexOf(dev);
    if (!f.ifindex) throw new CliError(`Device "${dev}" does not exist.`);
  }
  const stats = s.opts.stats;
  // Without -s the counters are not printed: ask the kernel to leave them
  // out (RTEXT_FILTER_SKIP_STATS; ip asks for them and drops them): a
  // quarter fewer bytes on a link dump.
  let links: Message[];
  if (dev !== undefined && f.group === undefined && doLink) {
    // ip link show dev X: the link by name; not remembered (ip prints it as is).
    links = [await s.handle.links.getAs({ name: dev }, { family: AF_PACKET_FAMILY, skipStats: !stats })];
  } else if (f.ifindex) {
    links = [await s.handle.links.getAs({ index: f.ifindex }, { family: f.family, skipStats: !stats })];
    cache.remember(links);
  } else {
    // ip -6 addr prints the kernel's AF_INET6 link records, which have no queue length (ip asks with an ioctl).
    if (preferred === AF_INET6) cache.rememberQueueLengths(await s.handle.links.dumpAs({ family: AF_UNSPEC, skipStats: true }));
    links = await s.handle.links.dumpAs({ family: preferred, master: f.master, kind: f.kind, skipStats: !stats });
    cache.remember(links);
  }
  const addrs = f.family === AF_PACKET_FAMILY ? [] : await s.handle.addresses.dumpAs({ family: f.family, index: f.ifindex });
  const opts: ListOptions = { doLink, filter: f, details: s.opts.details, stats, brief: s.opts.brief, oneline: s.opts.oneline };
  const nsids = links.some((l) => l.attrs?.linkNetnsid !== undefined) ? await s.handle.nsids.names() : undefined;
  if (s.opts.json) {
    s.printJSON(await withLookups(cache, (ctx) => listJSON(listedLinks(links, addrs, ctx, opts), addrs, ctx, opts), nsids));
  } else {
    s.printText(await withLookups(cache, (ctx) => listText(listedLinks(links, addrs, ctx, opts), addrs, ctx, opts), nsids));
  }
  return EXIT.OK;
}

/** ip's limit on flush rounds (its -loops default). */
const MAX_FLUSH_ROUNDS = 10;

/**
 * `ip addr flush SELECTORS`: rounds of (dump, delete what the selectors
 * take) until a dump finds nothing; each address is sent back as dumped,
 * as RTM_DELADDR. Silent unless -s (`-s -s` also prints each address).
 */
async function flush(a: Args, s: Session): Promise<number> {
  if (a.done) throw new CliError('Flush requires arguments.');
  const f: ListFilter = { family: s.opts.family === 4 ? AF_INET : s.opts.family === 6 ? AF_INET6 : AF_UNSPEC };
  const cache = new LinkCache(s.handle);
  const dev = await parseList(a, f, cache, ADDR_USAGE);
  if (dev !== undefined) {
    f.ifindex = await cache.indexOf(dev);
    if (!f.ifindex) throw new CliError(`Device "${dev}" does not exist.`);
  }
  const primaryOnly = (f.flagmask ?? 0) & IFA_F.IFA_F_SECONDARY && !((f.flags ?? 0) & IFA_F.IFA_F_SECONDARY);
  const out = (text: string) => {
    if (s.opts.stats) s.printText(text);
  };
  for (let round = 0; round < MAX_FLUSH_ROUNDS; ) {
    const dumped = await s.handle.addresses.dumpAs({ family: f.family, index: f.ifindex });
    const doomed = await withLookups(cache, (ctx) => dumped.filter((m) => addrPasses(m, f, ctx)));
    if (doomed.length === 0) {
      out(round === 0 ? 'Nothing to flush.\n' : `*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`);
      return EXIT.OK;
    }
    if (s.opts.stats > 1) s.printText(await withLookups(cache, (ctx) => doomed.map((m) => flushedText(m, ctx, s.opts.oneline)).join('')));
    round++;
    await s.handle.addresses.deleteAsDumped(doomed);
    out(`\n*** Round ${round}, deleting ${doomed.length} addresses ***\n`);
    // Flushing primaries only: one round, or the secondaries promoted meanwhile would go too.
    if (primaryOnly) {
      out(`*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`);
      return EXIT.OK;
    }
  }
  process.stderr.write(`*** Flush remains incomplete after ${MAX_FLUSH_ROUNDS} rounds. ***\n`);
  return EXIT.USAGE;
}

/** An address as `ip -s -s addr flush` prints it before deleting it (`N: NAME    inet ...`). */
function flushedText(m: Message, ctx: FormatContext, oneline: boolean): string {
  const o = new Out(false);
  printAddr(o, m, { dev: ifName(ctx, m.header?.index ?? 0) });
  const lines = o.lines();
  return lines.join(oneline ? '\\' : '\n') + '\n';
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
