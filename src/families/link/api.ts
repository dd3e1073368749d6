/**
 * `handle.links`: the links of a handle's namespace (`ip link`), as typed
 * promises. How each request reaches the namespace (its own socket, or
 * this process's with IFLA_TARGET_NETNSID in helper mode) is the handle's
 * business, lent through {@link HandleContext}.
 */
import type { HandleContext, FdScope } from '../../api/context.js';
import { notFound } from '../../api/errors.js';
import { checkIfname, checkIndex, checkMac, checkMtu, checkUint } from '../../api/validate.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../../rtnl/constants.js';
import { validateNetnsName } from '../../netns/names.js';
import { relinkNetnsids } from '../nsid/translate.js';
import { addLinks, deleteLinks } from './bulk.js';
import { lookupLink } from './lookup.js';
import * as req from './requests.js';
import { checkLinkSpec, type LinkAddOptions } from './spec.js';
import { nameLinks, toLink, type Link } from './view.js';

/** Changes to a link. */
export interface LinkSetOptions {
  up?: boolean;
  mtu?: number;
  address?: string;
  name?: string;
  /** Bridge to enslave it to; `null` removes it from its master. */
  master?: string | null;
  /** Namespace to move it to. */
  netns?: string;
  txqlen?: number;
}

/** Links of the handle's namespace. */
export class LinkFacet {
  constructor(private readonly ctx: HandleContext) {}

  /**
   * All links; `stats: true` adds the counters (IFLA_STATS64), which
   * iproute2 asks for only with -s. Masters and peers in the namespace are
   * named (`masterName`, `linkName`).
   */
  async list(filter: { family?: 4 | 6; stats?: boolean } = {}): Promise<Link[]> {
    return nameLinks(await this.dump(filter));
  }

  private async dump(filter: { family?: 4 | 6; stats?: boolean }): Promise<Link[]> {
    const { ctx } = this;
    const stats = filter.stats ?? false;
    const target = await ctx.target();
    const af = filter.family === 4 ? AF_INET : filter.family === 6 ? AF_INET6 : AF_UNSPEC;
    // The per-family link dumps ignore IFLA_TARGET_NETNSID (the kernel then
    // answers for the sender's namespace): ask from inside.
    if (target !== undefined && af !== AF_UNSPEC) return (await (await ctx.inside()).dump(req.linkDump(undefined, af, stats))).map(toLink);
    const links = (await ctx.local().dump(req.linkDump(target, af, stats))).map(toLink);
    if (target === undefined) return links;
    return (await this.relativeToHandle(links, target)) ?? (await (await ctx.inside()).dump(req.linkDump(undefined, af, stats))).map(toLink);
  }

  /** One link, by name or ifindex (DeviceNotFoundError when missing). */
  async get(nameOrIndex: string | number): Promise<Link> {
    const { ctx } = this;
    // Checked before anything is sent (target() may assign an NSID).
    const by = typeof nameOrIndex === 'number' ? { index: checkIndex(nameOrIndex) } : { name: checkIfname(nameOrIndex) };
    const target = await ctx.target();
    const link = toLink(await lookupLink(ctx.local(), by, target));
    if (target === undefined || link.linkNetnsid === undefined) return link;
    const fixed = await this.relativeToHandle([link], target);
    if (fixed) return fixed[0]!;
    return toLink(await lookupLink(await ctx.inside(), by));
  }

  /** Creates a link (`ip link add`): a veth pair, a bridge, a macvlan, a vxlan, an ifb. */
  async add(spec: LinkAddOptions): Promise<void> {
    const inside = this.createsInside(spec);
    const fds = this.ctx.fdScope(inside);
    try {
      const msg = await this.createMessage(spec, fds, inside);
      await (inside ? await this.ctx.inside() : this.ctx.local()).request(msg);
    } finally {
      fds.close();
    }
  }

  /** Changes a link, by name or ifindex (`ip link set`). */
  async set(nameOrIndex: string | number, ch: LinkSetOptions): Promise<void> {
    const { ctx } = this;
    const byIndex = typeof nameOrIndex === 'number';
    const name = byIndex ? String(checkIndex(nameOrIndex)) : checkIfname(nameOrIndex);
    const change: req.LinkChange = {};
    if (ch.up !== undefined) change.up = !!ch.up;
    if (ch.mtu !== undefined) change.mtu = checkMtu(ch.mtu);
    if (ch.address !== undefined) change.address = checkMac(ch.address);
    if (ch.name !== undefined) change.name = checkIfname(ch.name, 'new name');
    if (ch.txqlen !== undefined) change.txqlen = checkUint(ch.txqlen, 'txqlen');
    if (ch.netns !== undefined) validateNetnsName(ch.netns);
    if (ch.master !== undefined && ch.master !== null) checkIfname(ch.master, 'master');
    // Without a rename the link is named in the request itself (ifi_index 0,
    // IFLA_IFNAME), as the kernel allows: one round trip fewer than looking
    // its index up first. A rename needs the index (IFLA_IFNAME is then the new name).
    const index = byIndex ? (nameOrIndex as number) : change.name !== undefined ? await ctx.indexOf(name) : 0;
    if (index === 0) change.name = name;
    if (ch.master !== undefined) change.master = ch.master === null ? 0 : await ctx.indexOf(checkIfname(ch.master, 'master'));
    // The fd must be valid in the process that sends: in helper mode the helper opens its own.
    const fds = ctx.fdScope(ctx.viaHelper);
    try {
      if (ch.netns !== undefined) change.netnsFd = await fds.open(ch.netns);
      // Named in the request (or by the caller's index): ENODEV says the link is missing.
      await (await ctx.inside()).request(req.linkChange(index, change)).catch((e) => notFound(e, index === 0 || byIndex ? name : undefined));
    } finally {
      fds.close();
    }
  }

  /** Deletes a link, by name or ifindex (a veth takes its peer along). */
  async delete(nameOrIndex: string | number): Promise<void> {
    const { ctx } = this;
    const index = typeof nameOrIndex === 'number' ? checkIndex(nameOrIndex) : await ctx.indexOf(checkIfname(nameOrIndex));
    await ctx.local().request(req.linkDelete(index, await ctx.target())).catch((e) => notFound(e, String(nameOrIndex)));
  }

  /** Creates many links, pipelined; one settled result per spec, in order. */
  addMany(specs: readonly LinkAddOptions[]): Promise<PromiseSettledResult<void>[]> {
    return addLinks(specs, {
      insideFor: (spec) => this.createsInside(spec),
      scope: (inside) => this.ctx.fdScope(inside),
      prepare: (spec, fds, inside) => this.createMessage(spec, fds, inside),
      connection: async (inside) => (inside ? await this.ctx.inside() : this.ctx.local()),
    });
  }

  /** Deletes many links with one unregister batch in the kernel; one settled result per name. */
  deleteMany(names: readonly string[]): Promise<PromiseSettledResult<void>[]> {
    return deleteLinks(names, { list: () => this.list(), connection: () => this.ctx.inside() });
  }

  /** Helper mode: IFLA_LINK_NETNSID of links read with IFLA_TARGET_NETNSID, in the handle's numbering (see {@link relinkNetnsids}). */
  private async relativeToHandle(links: Link[], target: number): Promise<Link[] | undefined> {
    if (!links.some((l) => l.linkNetnsid !== undefined && l.linkNetnsid >= 0)) return links;
    return relinkNetnsids(this.ctx.local(), links, target);
  }

  /**
   * Whether a creation must be sent from inside the handle's namespace: a
   * macvlan or vxlan is set up in the namespace of the socket that sends
   * (its lower device is looked up there, a vxlan opens its UDP socket
   * there), and IFLA_LINK_NETNSID cannot name the target itself.
   */
  private createsInside(spec: LinkAddOptions): boolean {
    return this.ctx.viaHelper && (spec?.kind === 'macvlan' || spec?.kind === 'vxlan');
  }

  private async createMessage(spec: LinkAddOptions, fds: FdScope, inside: boolean): Promise<Message> {
    const { ctx } = this;
    const c = checkLinkSpec(spec, ctx.netns);
    // Everything is checked: now the lookups and the fds.
    if ((spec.kind === 'macvlan' || spec.kind === 'vxlan') && spec.link !== undefined) c.link = await ctx.indexOf(spec.link);
    if (spec.master !== undefined) c.master = await ctx.indexOf(spec.master);
    if (c.peer && spec.kind === 'veth') {
      // The peer goes to the handle's namespace unless told otherwise; say so
      // explicitly, or the kernel would put it in the sender's.
      const peerNs = spec.peer.netns ?? ctx.netns;
      if (peerNs !== undefined && !((inside || !ctx.viaHelper) && peerNs === ctx.netns)) c.peer.netnsFd = await fds.open(peerNs);
    }
    if (spec.netns !== undefined && spec.netns !== ctx.netns) c.netnsFd = await fds.open(spec.netns);
    else if (ctx.viaHelper && !inside) c.targetNsid = await ctx.target();
    return req.linkCreate(c);
  }
}
