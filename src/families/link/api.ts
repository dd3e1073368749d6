/**
 * `handle.links`: the links of a handle's namespace (`ip link`), as typed
 * promises. How each request reaches the namespace (its own socket, or
 * this process's with IFLA_TARGET_NETNSID in helper mode) is the handle's
 * business, lent through {@link HandleContext}.
 */
import type { HandleContext, FdScope } from '../../api/context.js';
import { DeviceNotFoundError, InvalidArgumentError, notFound } from '../../api/errors.js';
import { checkIfname, checkIndex, checkMac, checkMtu, checkUint } from '../../api/validate.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../../rtnl/constants.js';
import { validateNetnsName } from '../../netns/names.js';
import { relinkNetnsids } from '../nsid/translate.js';
import { addLinks, deleteLinks } from './bulk.js';
import { templateBytes } from './create-template.js';
import { lookupLink } from './lookup.js';
import * as req from './requests.js';
import { checkLinkSpec, type LinkAddOptions } from './spec.js';
import { nameLinks, toLink, type Link } from './view.js';

/** Changes to a link, sent in the order of the object's keys (as iproute2 sends its arguments' attributes). */
export interface LinkSetOptions {
  up?: boolean;
  mtu?: number;
  address?: string;
  name?: string;
  /** Bridge to enslave it to (name or ifindex); `null` removes it from its master. */
  master?: string | number | null;
  /** Namespace to move it to. */
  netns?: string;
  /** Transmit queue length; iproute2 takes a signed int (-5 is sent as 2^32-5). */
  txqlen?: number;
  /** Promiscuous mode (IFF_PROMISC). */
  promisc?: boolean;
  /** Receive all multicast (IFF_ALLMULTI). */
  allmulticast?: boolean;
  /** ARP (off sets IFF_NOARP). */
  arp?: boolean;
  /** The alias (IFLA_IFALIAS, at most 255 bytes); "" removes it. */
  alias?: string;
  /** The link's group (IFLA_GROUP). */
  group?: number;
}

/** IFALIASZ - 1: the longest alias. */
const ALIAS_MAX = 255;

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
      const conn = inside ? await this.ctx.inside() : this.ctx.local();
      // The common shapes are written from a template (`tsip -batch` sends many of one shape).
      const bytes = templateBytes(msg);
      await (bytes === undefined ? conn.request(msg) : conn.requestEncoded(bytes));
    } finally {
      fds.close();
    }
  }

  /** Changes a link, by name or ifindex (`ip link set`). */
  async set(nameOrIndex: string | number, ch: LinkSetOptions): Promise<void> {
    const { ctx } = this;
    const byIndex = typeof nameOrIndex === 'number';
    const name = byIndex ? String(checkIndex(nameOrIndex)) : checkIfname(nameOrIndex);
    const change = checkChange(ch);
    if (ch.netns !== undefined) validateNetnsName(ch.netns);
    // Without a rename the link is named in the request itself (ifi_index 0,
    // IFLA_IFNAME), as the kernel allows: one round trip fewer than looking
    // its index up first. A rename needs the index (IFLA_IFNAME is then the new name).
    const index = byIndex ? (nameOrIndex as number) : change.name !== undefined ? await ctx.indexOf(name) : 0;
    if (index === 0) change.name = name;
    await this.sendChange(index, change, ch, index === 0 || byIndex ? name : undefined);
  }

  /**
   * Changes every link of group `ch.group` at once (`ip link set group N
   * ...`: ifi_index 0, IFLA_GROUP among the attributes).
   */
  async setGroup(ch: Omit<LinkSetOptions, 'name'> & { group: number }): Promise<void> {
    if (ch === null || typeof ch !== 'object' || ch.group === undefined) throw new InvalidArgumentError('setGroup needs the group whose links change', String(ch?.group));
    if ((ch as LinkSetOptions).name !== undefined) throw new InvalidArgumentError('a group of links cannot be renamed', String((ch as LinkSetOptions).name));
    // The master and the namespace are resolved as for one link (sendChange reads them from `ch`).
    await this.sendChange(0, checkChange(ch), ch, undefined);
  }

  private async sendChange(index: number, change: req.LinkChange, ch: LinkSetOptions, missing: string | undefined): Promise<void> {
    const { ctx } = this;
    if (typeof ch.master === 'string') change.master = await ctx.indexOf(checkIfname(ch.master, 'master'));
    // The fd must be valid in the process that sends: in helper mode the helper opens its own.
    const fds = ctx.fdScope(ctx.viaHelper);
    try {
      if (ch.netns !== undefined) change.netnsFd = await fds.open(ch.netns);
      // Named in the request (or by the caller's index): ENODEV says the link is missing.
      await (await ctx.inside()).request(req.linkChange(index, change)).catch((e) => notFound(e, missing));
    } finally {
      fds.close();
    }
  }

  /**
   * The links as `ip link show` / `ip addr show` ask for them (the query's
   * family, counters and kernel-side master and kind filters, byte for
   * byte), in dump order.
   */
  async dumpAs(q: req.LinkShowQuery): Promise<Message[]> {
    return (await this.ctx.inside()).dump(req.linkShowDump(checkQuery(q)));
  }

  /** One link as `ip link show dev NAME` (by name) or `ip addr show dev NAME` (by index) ask for it. */
  async getAs(by: { name: string } | { index: number }, q: req.LinkShowQuery): Promise<Message> {
    const checked: { name: string } | { index: number } = 'name' in by ? { name: checkIfname(by.name) } : { index: checkIndex(by.index) };
    const what: string = 'name' in checked ? checked.name : String(checked.index);
    const [m] = await (await this.ctx.inside()).request(req.linkShowGet(checked, checkQuery(q))).catch((e) => notFound(e, what));
    if (!m) throw new DeviceNotFoundError(what);
    return m;
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

/** The attributes of a change, checked, in the order of `ch`'s keys (master, netns and the name are resolved by the caller). */
function checkChange(ch: LinkSetOptions): req.LinkChange {
  const change: req.LinkChange = {};
  for (const key of Object.keys(ch) as (keyof LinkSetOptions)[]) {
    const v = ch[key];
    if (v === undefined) continue;
    switch (key) {
      case 'up':
      case 'promisc':
      case 'allmulticast':
      case 'arp':
        change[key] = !!v;
        break;
      case 'mtu':
        change.mtu = checkMtu(v);
        break;
      case 'address':
        change.address = checkMac(v);
        break;
      case 'name':
        change.name = checkIfname(v, 'new name');
        break;
      case 'txqlen':
        change.txqlen = checkSignedU32(v, 'txqlen');
        break;
      case 'group':
        change.group = checkUint(v, 'group');
        break;
      case 'alias':
        if (typeof v !== 'string' || new TextEncoder().encode(v).length > ALIAS_MAX) throw new InvalidArgumentError(`an alias is at most ${ALIAS_MAX} bytes`, String(v));
        change.alias = v;
        break;
      case 'master':
        if (v === null) change.master = 0;
        else if (typeof v === 'number') change.master = checkIndex(v);
        else if (typeof v === 'string') change.master = -1; // placeholder, keeps the key's place; sendChange resolves the name
        else throw new InvalidArgumentError('master is a link name, an ifindex or null (no master)', String(v));
        break;
      case 'netns':
        change.netnsFd = -1; // placeholder, as above
        break;
    }
  }
  return change;
}

/** A u32, or a negative int32 sent as its two's complement (iproute2's get_integer). */
function checkSignedU32(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isInteger(v) && v < 0 && v >= -0x80000000) return v >>> 0;
  return checkUint(v, what);
}

/** A show query's values, checked. */
function checkQuery(q: req.LinkShowQuery): req.LinkShowQuery {
  checkUint(q.family, 'family', 255);
  if (q.master !== undefined && q.master !== -1) checkIndex(q.master);
  if (q.kind !== undefined && (typeof q.kind !== 'string' || q.kind === '' || q.kind.length > 63)) throw new InvalidArgumentError(`invalid link kind ${JSON.stringify(q.kind)}`, String(q.kind));
  return q;
}
