/**
 * `handle.neighbourTables`: the ARP and NDISC tables' settings and
 * per-link parameters of a handle's namespace (`ip ntable show`).
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../../rtnl/constants.js';
import * as req from './requests.js';
import { toNeighbourTable, type NeighbourTable } from './view.js';

/** Neighbour tables of the handle's namespace. */
export class NeighbourTableFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** Every table record (defaults, then one per link), of one family or all; `dev` and `name` select as `ip ntable show dev D name N` does. */
  async list(filter: { family?: 4 | 6; dev?: string; name?: string } = {}): Promise<NeighbourTable[]> {
    const f = filter.family;
    if (f !== undefined && f !== 4 && f !== 6) throw new InvalidArgumentError(`family must be 4 or 6, not ${String(f)}`, String(f));
    const index = filter.dev === undefined ? undefined : await this.ctx.indexOf(filter.dev);
    const msgs = await (await this.ctx.inside()).dump(req.neightblDump(f === 4 ? AF_INET : f === 6 ? AF_INET6 : AF_UNSPEC));
    return msgs
      .map(toNeighbourTable)
      .filter((t) => (f === undefined || t.family === f) && (filter.name === undefined || t.name === filter.name) && (index === undefined || t.index === index));
  }
}
