/**
 * `handle.netconf`: the per-interface forwarding settings of a handle's
 * namespace (`ip netconf`): forwarding, rp_filter, proxy_neigh... for IPv4,
 * IPv6 and MPLS, per link and for `all` and `default`.
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIfname } from '../../api/validate.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../../rtnl/constants.js';
import { NETCONF_IFINDEX } from './attrs.js';
import * as req from './requests.js';
import { toNetconf, type Netconf } from './view.js';

function familyOf(f: unknown): number {
  if (f === undefined) return AF_UNSPEC;
  if (f === 4) return AF_INET;
  if (f === 6) return AF_INET6;
  throw new InvalidArgumentError(`family must be 4 or 6, not ${String(f)}`, String(f));
}

/** Netconf settings of the handle's namespace. */
export class NetconfFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** Every interface's settings, of one family or all (a dump). */
  async list(filter: { family?: 4 | 6 } = {}): Promise<Netconf[]> {
    const msgs = await (await this.ctx.inside()).dump(req.netconfDump(familyOf(filter.family)));
    return msgs.map(toNetconf);
  }

  /** One interface's settings (a link name, `all` or `default`) for one family. */
  async get(dev: string, family: 4 | 6): Promise<Netconf> {
    const af = familyOf(family);
    if (af === AF_UNSPEC) throw new InvalidArgumentError('a family (4 or 6) is needed to get one interface', String(family));
    const index = dev === 'all' ? NETCONF_IFINDEX.NETCONFA_IFINDEX_ALL : dev === 'default' ? NETCONF_IFINDEX.NETCONFA_IFINDEX_DEFAULT : await this.ctx.indexOf(checkIfname(dev, 'dev'));
    const [m] = await (await this.ctx.inside()).request(req.netconfGet(af, index));
    if (m === undefined) throw new Error(`the kernel answered a netconf get of ${dev} with nothing`);
    return toNetconf(m);
  }
}
