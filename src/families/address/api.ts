/** `handle.addresses`: the interface addresses of a handle's namespace (`ip address`). */
import type { HandleContext } from '../../api/context.js';
import { checkIfname, checkLabel, checkUint, parseAddress, parseCidr } from '../../api/validate.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RTM } from '../../rtnl/constants.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { isKernelError } from '../../transport/errors.js';
import type { Message } from '../../netlink/message.js';
import { IFA_F } from './header.js';
import * as req from './requests.js';
import { toAddress, type Address } from './view.js';

/** Options of an address. */
export interface AddressOptions {
  broadcast?: string;
  label?: string;
  /** RT_SCOPE_* value. */
  scope?: number;
  /** IPv6: skip duplicate address detection. */
  nodad?: boolean;
}

/** Addresses of the handle's namespace. */
export class AddressFacet {
  constructor(private readonly ctx: HandleContext) {}

  /**
   * Every address, or those of one link (`dev`) or one IP version;
   * `names: true` also names each address's link (`dev`), at the cost of a
   * link dump.
   */
  async list(filter: { dev?: string; family?: 4 | 6; names?: boolean } = {}): Promise<Address[]> {
    const family = filter.family === 4 ? AF_INET : filter.family === 6 ? AF_INET6 : AF_UNSPEC;
    const index = filter.dev === undefined ? undefined : await this.ctx.indexOf(filter.dev);
    const [msgs, names] = await Promise.all([(await this.ctx.inside()).dump(req.addressDump(family)), filter.names && index === undefined ? this.ctx.linkNames() : undefined]);
    const addrs = msgs.map(toAddress).filter((a) => index === undefined || a.index === index);
    for (const a of addrs) {
      const dev = index !== undefined ? filter.dev : names?.get(a.index);
      if (dev !== undefined) a.dev = dev;
    }
    return addrs;
  }

  /**
   * The address messages as `ip addr show` asks for them: one family (0:
   * all) and, with `index`, one link's (filtered by the kernel), in dump
   * order.
   */
  async dumpAs(q: { family: number; index?: number }): Promise<Message[]> {
    const family = checkUint(q.family, 'family', 255);
    const index = q.index === undefined ? 0 : checkUint(q.index, 'index', 0x7fffffff);
    return (await this.ctx.inside()).dump(req.addressDump(family, index));
  }

  /**
   * Deletes addresses as `ip addr flush` does: each sent back as
   * RTM_DELADDR with the header and attributes it was dumped with. An
   * address already gone (EADDRNOTAVAIL: deleting a primary IPv4 address
   * takes its secondaries along) counts as deleted; another refusal rejects.
   */
  async deleteAsDumped(msgs: readonly Message[]): Promise<void> {
    const conn = await this.ctx.inside();
    for (const m of msgs) {
      if (m.type !== RTM.RTM_NEWADDR && m.type !== RTM.RTM_DELADDR) throw new InvalidArgumentError('not an address message', String(m.type));
      await conn.request(req.addressDeleteAsDumped(m)).catch((e) => {
        if (!isKernelError(e, 'EADDRNOTAVAIL')) throw e;
      });
    }
  }

  /** Adds `cidr` (`198.18.0.1/24`, `2001:db8::1/64`) to link `dev`. */
  add(cidr: string, dev: string, opts: AddressOptions = {}): Promise<void> {
    return this.change(true, cidr, dev, opts);
  }

  /** Deletes `cidr` from link `dev`. */
  delete(cidr: string, dev: string): Promise<void> {
    return this.change(false, cidr, dev, {});
  }

  private async change(add: boolean, cidr: string, dev: string, opts: AddressOptions): Promise<void> {
    const c = parseCidr(cidr);
    checkIfname(dev, 'dev');
    const o: { broadcast?: string; label?: string; scope?: number; flags?: number } = {};
    if (opts.broadcast !== undefined) o.broadcast = parseAddress(opts.broadcast).address;
    // IFA_LABEL: at most 15 bytes, as an interface name (the kernel's policy).
    if (opts.label !== undefined) o.label = checkLabel(opts.label);
    if (opts.scope !== undefined) o.scope = checkUint(opts.scope, 'scope', 255);
    if (opts.nodad) o.flags = IFA_F.IFA_F_NODAD;
    const index = await this.ctx.indexOf(dev);
    await (await this.ctx.inside()).request(req.addressChange(add, index, c, o));
  }
}
