/** `handle.routes`: the routes of a handle's namespace (`ip route`). */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIfname, checkUint, networkOf, parseAddress, parseCidr } from '../../api/validate.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_TABLE } from '../../rtnl/constants.js';
import * as req from './requests.js';
import { toRoute, type Route } from './view.js';

/** A route to add or delete. */
export interface RouteOptions {
  /** `default`, or a prefix `198.18.1.0/24`. */
  dst: string;
  via?: string;
  dev?: string;
  metric?: number;
  table?: number;
  /** IPv4 or IPv6 when `dst` is `default` and there is no gateway (default 4). */
  family?: 4 | 6;
}

/** Routes of the handle's namespace. */
export class RouteFacet {
  constructor(private readonly ctx: HandleContext) {}

  /**
   * Routes of the main table (or `table`, or `'all'`), of both IP versions
   * or one; `names: true` also names each route's device (`dev`), at the
   * cost of a link dump.
   */
  async list(filter: { family?: 4 | 6; table?: number | 'all'; names?: boolean } = {}): Promise<Route[]> {
    const family = filter.family === 4 ? AF_INET : filter.family === 6 ? AF_INET6 : AF_UNSPEC;
    const table = filter.table ?? RT_TABLE.RT_TABLE_MAIN;
    const [msgs, names] = await Promise.all([(await this.ctx.inside()).dump(req.routeDump(family)), filter.names ? this.ctx.linkNames() : undefined]);
    const routes = msgs.map(toRoute).filter((r) => table === 'all' || r.table === table);
    if (names) for (const r of routes) if (r.oif !== undefined) r.dev = names.get(r.oif);
    return routes;
  }

  /** Adds a route (`ip route add`). */
  add(r: RouteOptions): Promise<void> {
    return this.change(true, r);
  }

  /** Deletes a route (`ip route del`). */
  delete(r: RouteOptions): Promise<void> {
    return this.change(false, r);
  }

  private async change(add: boolean, r: RouteOptions): Promise<void> {
    if (r.family !== undefined && r.family !== 4 && r.family !== 6) throw new InvalidArgumentError(`family must be 4 or 6, not ${String(r.family)}`, String(r.family));
    const spec: req.RouteSpec = { family: r.family ?? 4, dstLen: 0 };
    if (r.dst !== 'default') {
      const c = parseCidr(r.dst);
      spec.family = c.family;
      spec.dst = networkOf(c);
      spec.dstLen = c.prefixlen;
    }
    if (r.via !== undefined) {
      const g = parseAddress(r.via);
      if (r.dst !== 'default' && g.family !== spec.family) throw new InvalidArgumentError(`gateway ${r.via} is not of the same family as ${r.dst}`);
      spec.family = g.family;
      spec.gateway = g.address;
    }
    if (r.metric !== undefined) spec.metric = checkUint(r.metric, 'metric');
    if (r.table !== undefined) spec.table = checkUint(r.table, 'table');
    if (r.dev !== undefined) checkIfname(r.dev, 'dev');
    if (add && spec.gateway === undefined && r.dev === undefined) throw new InvalidArgumentError('a route needs a gateway (via) or a device (dev)');
    // Everything is checked: now the lookup.
    if (r.dev !== undefined) spec.oif = await this.ctx.indexOf(r.dev);
    await (await this.ctx.inside()).request(req.routeChange(add, spec));
  }
}
