/** `handle.routes`: the routes of a handle's namespace (`ip route`). */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIfname } from '../../api/validate.js';
import type { Message } from '../../netlink/message.js';
import { RT_TABLE } from '../../rtnl/constants.js';
import { isKernelError } from '../../transport/errors.js';
import * as req from './requests.js';
import { dumpFilterOf, selectRoute } from './select.js';
import { dumpFamily, getRequest, routeRequest, selectorOf, type RouteFilter, type RouteGetOptions, type RouteGetRequest, type RouteOptions, type RouteRequest } from './spec.js';
import { toRoute, type Route } from './view.js';

const OPS: readonly req.RouteOp[] = ['add', 'replace', 'change', 'prepend', 'append', 'test', 'delete'];

export type { NextHopOptions, RouteFilter, RouteGetOptions, RouteGetRequest, RouteMetrics, RouteOptions, RouteRequest, RouteTable } from './spec.js';
export type { RouteOp } from './requests.js';

/** `flush` gave up: routes kept coming back (ip's limit, 30 seconds). */
export class FlushIncompleteError extends Error {
  override readonly name = 'FlushIncompleteError';
  constructor(
    readonly seconds: number,
    /** Routes the last round deleted. */
    readonly remaining: number,
  ) {
    super(`Flush not completed after ${seconds} seconds, ${remaining} entries remain`);
  }
}

/** How long `flush` goes on deleting what keeps appearing, as ip does. */
const FLUSH_LIMIT_MS = 30_000;

/** Routes of the handle's namespace. */
export class RouteFacet {
  constructor(private readonly ctx: HandleContext) {}

  /**
   * The routes `ip route show` lists with the same selectors: by default
   * the main table (`table: 'all'` for every table), both IP versions (or
   * `family`), no cache entries. The kernel filters by table, device,
   * protocol and `cached` where the socket checks dumps strictly; every
   * selector is applied here too. A table the kernel does not have is its
   * refusal (KernelError ENOENT, `FIB table does not exist`) when one
   * family is asked for, as with ip; the main table is never refused.
   * `names: true` also names each route's devices, at the cost of a link
   * dump.
   */
  async list(filter: RouteFilter = {}): Promise<Route[]> {
    const [msgs, names] = await Promise.all([this.selected(filter, false), filter.names ? this.ctx.linkNames() : undefined]);
    const routes = msgs.map(toRoute);
    if (names) {
      for (const r of routes) {
        if (r.oif !== undefined) r.dev = names.get(r.oif);
        for (const nh of r.nexthops ?? []) nh.dev = names.get(nh.oif);
      }
    }
    return routes;
  }

  /**
   * The route the kernel uses for packets to `dst` (`ip route get`): from
   * a source, arriving on a device, with a mark...; `fibmatch: true` gives
   * the routing table entry instead. An unreachable destination is the
   * kernel's refusal (KernelError ENETUNREACH, EHOSTUNREACH...).
   */
  async get(dst: string, opts: RouteGetOptions = {}): Promise<Route> {
    return toRoute(await this.lookup(getRequest(dst, opts)));
  }

  /**
   * The kernel's answer to a lookup exactly as given (what `tsip route get`
   * sends): the RTM_NEWROUTE message. Its values are sent as they are (the
   * codec still refuses any out of its field's range); `get` checks them.
   */
  async lookup(g: RouteGetRequest): Promise<Message> {
    const { iif, oif, ...rest } = g;
    const spec: req.RouteGetSpec = { ...rest };
    if (iif !== undefined) spec.iif = await this.ctx.indexOf(checkIfname(iif, 'iif'));
    if (oif !== undefined) spec.oif = await this.ctx.indexOf(checkIfname(oif, 'oif'));
    const [m] = await (await this.ctx.inside()).request(req.routeGet(spec));
    if (m === undefined) throw new Error(`the kernel answered a route lookup of ${String(g.dst)} with no route`);
    return m;
  }

  /** Adds a route (`ip route add`): fails with EEXIST when there is one. */
  async add(r: RouteOptions): Promise<void> {
    return this.send('add', routeRequest(r, false));
  }

  /** Adds a route or replaces the one with the same destination, table, TOS and metric (`ip route replace`). */
  async replace(r: RouteOptions): Promise<void> {
    return this.send('replace', routeRequest(r, false));
  }

  /** Changes an existing route (`ip route change`): fails with ENOENT when there is none. */
  async change(r: RouteOptions): Promise<void> {
    return this.send('change', routeRequest(r, false));
  }

  /** Adds a route after those with the same destination (`ip route append`; IPv6: a next hop added to it). */
  async append(r: RouteOptions): Promise<void> {
    return this.send('append', routeRequest(r, false));
  }

  /** Adds a route before those with the same destination (`ip route prepend`). */
  async prepend(r: RouteOptions): Promise<void> {
    return this.send('prepend', routeRequest(r, false));
  }

  /** Deletes a route (`ip route del`): the first one every given option matches. */
  async delete(r: RouteOptions): Promise<void> {
    return this.send('delete', routeRequest(r, true));
  }

  /**
   * Sends a route request exactly as given (what `tsip route` sends), after
   * resolving its device names. Its values are sent as they are (the codec
   * still refuses any out of its field's range); add, replace... check them.
   */
  async send(op: req.RouteOp, r: RouteRequest): Promise<void> {
    if (!OPS.includes(op)) throw new InvalidArgumentError(`unknown route operation "${String(op)}" (${OPS.join(', ')})`, String(op));
    const { dev, nexthops, ...rest } = r;
    const spec: req.RouteSpec = { ...rest };
    if (dev !== undefined) spec.oif = await this.ctx.indexOf(checkIfname(dev, 'dev'));
    if (nexthops !== undefined) {
      spec.nexthops = [];
      for (const { dev: d, ...nh } of nexthops) spec.nexthops.push(d === undefined ? nh : { ...nh, oif: await this.ctx.indexOf(checkIfname(d, 'dev')) });
    }
    await (await this.ctx.inside()).request(req.routeModify(op, spec));
  }

  /**
   * Deletes the routes `filter` selects, as `ip route flush` does: each
   * one as dumped, then a new dump, until a round finds none. Resolves to
   * how many were deleted; `onRound` hears of each round. A route through
   * a nexthop object is deleted by its id; with `asDumped` it is sent back
   * exactly as dumped, as ip 6.1 does, and the kernel refuses it (EINVAL).
   */
  async flush(filter: RouteFilter = {}, opts: { onRound?: (round: number, deleted: Route[]) => void; asDumped?: boolean } = {}): Promise<number> {
    const del = opts.asDumped ? req.routeDeleteAsDumped : req.routeDeleteOf;
    const start = Date.now();
    let total = 0;
    for (let round = 1; ; round++) {
      const doomed = await this.selected(filter, true);
      if (doomed.length === 0) return total;
      const conn = await this.ctx.inside();
      const results = await Promise.allSettled(doomed.map((m) => conn.request(del(m))));
      // A route gone meanwhile (with its device, or another route's deletion) was flushed all the same.
      const failed = results.find((r) => r.status === 'rejected' && !isKernelError(r.reason, 'ESRCH') && !isKernelError(r.reason, 'ENOENT'));
      if (failed) throw (failed as PromiseRejectedResult).reason;
      total += doomed.length;
      opts.onRound?.(round, doomed.map(toRoute));
      const spent = Date.now() - start;
      if (spent > FLUSH_LIMIT_MS) throw new FlushIncompleteError(Math.floor(spent / 1000), doomed.length);
    }
  }

  /** The messages of the dump `filter` asks for, that its selectors take (`flush`: as `ip route flush` takes them). */
  private async selected(filter: RouteFilter, flush: boolean): Promise<Message[]> {
    if (filter === null || typeof filter !== 'object') throw new InvalidArgumentError('expected a route filter object');
    // Everything is checked before the device lookups.
    const sel = selectorOf(filter);
    if (filter.dev !== undefined) sel.oif = await this.ctx.indexOf(checkIfname(filter.dev, 'dev'));
    if (filter.iif !== undefined) sel.iif = await this.ctx.indexOf(checkIfname(filter.iif, 'iif'));
    let msgs: Message[];
    try {
      msgs = await (await this.ctx.inside()).dump(req.routeDump(dumpFamily(filter), dumpFilterOf(sel)));
    } catch (e) {
      // As ip: a new namespace has no main table until its first route; that is no error.
      if (!flush && sel.table === RT_TABLE.RT_TABLE_MAIN && isKernelError(e, 'ENOENT')) return [];
      throw e;
    }
    const state = { ip6MultipleTables: false };
    return msgs.filter((m) => selectRoute(m, sel, state, flush));
  }
}
