/**
 * The listing of `ip link show` and `ip addr show` (iproute2 6.1 prints
 * both with one function): for each link the link's own record (full,
 * `-br` brief, or `-o` on one line), then for `ip addr` its addresses and,
 * with -s, its counters. With -j one object per link, and an empty object
 * for a link the link-level selectors leave out (as ip prints it).
 *
 * `-o`: a record's inner line breaks print as `\`; `ip -o addr` prints no
 * link records, and starts each address with `N: NAME`.
 */
import type { Message } from '../../netlink/message.js';
import { IFF, RTM } from '../../rtnl/constants.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { Out, type Json, type JsonObject } from '../../format/printer.js';
import { AF_PACKET_FAMILY, printLinkHead } from '../link/format-head.js';
import { printLinkBrief } from '../link/format-brief.js';
import { printLinkStats } from '../link/format-stats.js';
import { addrPasses, addrsByIndex, keptByAddrs, linkVerdict, type ListFilter } from './format-filter.js';
import { printAddr } from './format.js';

/** How a listing is printed. */
export interface ListOptions {
  /** `ip link show` (true) or `ip addr show`. */
  doLink: boolean;
  filter: ListFilter;
  details?: boolean;
  /** -s given this many times. */
  stats?: number;
  brief?: boolean;
  oneline?: boolean;
}

/** The links `ip addr` lists among `links` (all of them for `ip link`), in order. */
export function listedLinks(links: readonly Message[], addrs: readonly Message[], ctx: FormatContext, opts: ListOptions): Message[] {
  if (opts.filter.family === AF_PACKET_FAMILY) return [...links];
  return links.filter((l) => keptByAddrs(l, addrs, opts.filter, ctx));
}

/** One record's text: its lines, joined by `\` with -o, and a final newline. */
function record(o: Out, oneline: boolean | undefined): string {
  const lines = o.lines();
  return lines.length ? lines.join(oneline ? '\\' : '\n') + '\n' : '';
}

/** The addresses of `link` that ip walks for it: its own, of the chosen family (none if `up` leaves the link out). */
function addrsOf(link: Message, addrs: readonly Message[], f: ListFilter): Message[] {
  const h = link.header ?? {};
  if (f.up && !((h.flags ?? 0) & IFF.IFF_UP)) return [];
  return (addrsByIndex(addrs).get(h.index) ?? []).filter((m) => m.type === RTM.RTM_NEWADDR && (!f.family || f.family === m.header?.family));
}

/**
 * Prints the link's own record into `o` as print_linkinfo does; returns
 * its result: -1 left out, 0 nothing or brief, 1 printed.
 */
function printLink(o: Out, link: Message, ctx: FormatContext, opts: ListOptions): number {
  const v = linkVerdict(link, opts.filter);
  if (v === 'skip') return -1;
  if (v === 'quiet') return 0;
  const family = opts.filter.family;
  if (opts.brief) {
    printLinkBrief(o, link, ctx, family);
    return 0;
  }
  printLinkHead(o, link, ctx, { details: !!opts.details, doLink: opts.doLink, family, stats: opts.doLink ? opts.stats : 0 });
  return 1;
}

/** The objects `ip -j link show` / `ip -j addr show` print for `links` (already {@link listedLinks}). */
export function listJSON(links: readonly Message[], addrs: readonly Message[], ctx: FormatContext, opts: ListOptions): JsonObject[] {
  const f = opts.filter;
  return links.map((link) => {
    const o = new Out(true);
    const noLink = f.family !== AF_PACKET_FAMILY && opts.oneline;
    const res = opts.brief || !noLink ? printLink(o, link, ctx, opts) : 0;
    const out = o.object();
    if (res >= 0 && f.family !== AF_PACKET_FAMILY) {
      out.addr_info = addrsOf(link, addrs, f).map((m) => {
        const a = new Out(true);
        if (addrPasses(m, f, ctx)) printAddr(a, m, { brief: opts.brief, dev: opts.oneline ? ifName(ctx, m.header?.index ?? 0) : undefined });
        return a.object() as Json;
      });
    }
    if (res > 0 && !opts.doLink && opts.stats) {
      const s = new Out(true);
      printLinkStats(s, link.attrs ?? {}, opts.stats);
      Object.assign(out, s.object());
    }
    return out;
  });
}

/** The text `ip link show` / `ip addr show` print for `links` (already {@link listedLinks}). */
export function listText(links: readonly Message[], addrs: readonly Message[], ctx: FormatContext, opts: ListOptions): string {
  const f = opts.filter;
  let text = '';
  for (const link of links) {
    const noLink = f.family !== AF_PACKET_FAMILY && opts.oneline;
    let res = 0;
    if (opts.brief || !noLink) {
      const o = new Out(false);
      res = printLink(o, link, ctx, opts);
      // A brief link line of `ip addr` goes on with the addresses.
      text += opts.brief && f.family !== AF_PACKET_FAMILY ? o.lines().join('') : record(o, opts.oneline);
    }
    if (res >= 0 && f.family !== AF_PACKET_FAMILY) {
      for (const m of addrsOf(link, addrs, f)) {
        if (!addrPasses(m, f, ctx)) continue;
        const o = new Out(false);
        printAddr(o, m, { brief: opts.brief, dev: opts.oneline ? ifName(ctx, m.header?.index ?? 0) : undefined });
        text += opts.brief ? o.lines().join('') : record(o, opts.oneline);
      }
      if (opts.brief) text += '\n';
    }
    if (res > 0 && !opts.doLink && opts.stats) {
      const o = new Out(false);
      printLinkStats(o, link.attrs ?? {}, opts.stats);
      o.nl();
      text += record(o, false);
    }
  }
  return text;
}
