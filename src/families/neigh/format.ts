/**
 * Neighbours as `ip neigh` (iproute2 6.1) prints them, from decoded
 * RTM_NEWNEIGH / RTM_DELNEIGH messages: `198.18.0.2 dev v0 lladdr
 * 02:00:00:00:00:02 router REACHABLE`, in JSON `{"dst", "dev", "lladdr",
 * "router": null, "state": ["REACHABLE"]}`; with `-s` the cache times and
 * probes (in iproute2 6.1's spacing).
 */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { Out, num, type JsonObject } from '../../format/printer.js';
import { protocolName } from '../route/names.js';
import { NTF, NTF_EXT } from './header.js';
import { nudNames } from './names.js';

export interface NeighFormatOptions {
  /** `-s`: reference count, used/confirmed/updated seconds, probes. */
  stats?: boolean;
  /** The link the listing is filtered on (`dev X`): its name is not repeated. */
  filteredIndex?: number;
}

/** USER_HZ: the kernel reports the cache times in these ticks per second. */
const USER_HZ = 100;

function printNeigh(o: Out, m: Message, ctx: FormatContext, opts: NeighFormatOptions): void {
  const h = m.header ?? {};
  const a = m.attrs ?? {};
  if (m.type === RTM.RTM_DELNEIGH) o.any('deleted', true, 'Deleted ');
  else if (m.type === RTM.RTM_GETNEIGH) o.any('miss', null, 'miss ');
  if (a.dst !== undefined) o.any('dst', a.dst, `${a.dst} `);
  if (opts.filteredIndex === undefined && h.ifindex) {
    const dev = ifName(ctx, h.ifindex);
    o.any('dev', dev, `dev ${dev} `);
  }
  if (a.lladdr !== undefined) o.any('lladdr', a.lladdr, `lladdr ${a.lladdr} `);
  const flags = num(h.flags);
  const ext = num(a.flagsExt);
  if (flags & NTF.NTF_ROUTER) o.any('router', null, 'router ');
  if (flags & NTF.NTF_PROXY) o.any('proxy', null, 'proxy ');
  if (ext & NTF_EXT.NTF_EXT_MANAGED) o.any('managed', null, 'managed ');
  if (flags & NTF.NTF_EXT_LEARNED) o.any('extern_learn', null, 'extern_learn ');
  if (flags & NTF.NTF_OFFLOADED) o.any('offload', null, 'offload ');
  if (opts.stats) {
    const ci = a.cacheinfo as { refcnt: number; used: number; confirmed: number; updated: number } | undefined;
    if (ci !== undefined) {
      if (ci.refcnt) o.any('refcnt', ci.refcnt, ` ref ${ci.refcnt}`);
      const s = (t: number) => Math.floor(t / USER_HZ);
      o.any('used', s(ci.used), ` used ${s(ci.used)}`);
      o.any('confirmed', s(ci.confirmed), `/${s(ci.confirmed)}`);
      o.any('updated', s(ci.updated), `/${s(ci.updated)}`);
    }
    if (a.probes !== undefined) o.any('probes', num(a.probes), `probes ${num(a.probes)} `);
  }
  const state = num(h.state);
  if (state) {
    const words = nudNames(state);
    o.j('state', words);
    o.t(words.map((w) => `${w} `).join(''));
  }
  if (a.protocol) {
    const p = protocolName(num(a.protocol));
    o.any('protocol', p, `proto ${p} `);
  }
  o.t('\n');
}

/** The object `ip -j neigh` prints for one neighbour message. */
export function neighJSON(m: Message, ctx: FormatContext, opts: NeighFormatOptions = {}): JsonObject {
  const o = new Out(true);
  printNeigh(o, m, ctx, opts);
  return o.object();
}

/** The line `ip neigh` prints for one neighbour message. */
export function neighText(m: Message, ctx: FormatContext, opts: NeighFormatOptions = {}): string[] {
  const o = new Out(false);
  printNeigh(o, m, ctx, opts);
  return o.lines();
}
