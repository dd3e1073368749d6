/**
 * `handle.neighbours`: the ARP and NDISC caches and proxy entries of a
 * handle's namespace (`ip neigh`).
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError, notFound } from '../../api/errors.js';
import { checkIfname, checkMac, checkUint, parseAddress } from '../../api/validate.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../../rtnl/constants.js';
import { NTF, NUD, nudValue } from './header.js';
import * as req from './requests.js';
import { toNeighbour, type Neighbour, type NudName } from './view.js';

/** A neighbour entry to add, replace or change. */
export interface NeighbourOptions {
  /** The IP address. */
  address: string;
  /** The link it is on. */
  dev: string;
  /** Link-layer address (`lladdr`); required for a cache entry, none for a proxy one. */
  lladdr?: string;
  /** The state (default `permanent`, as ip's). */
  state?: NudName;
  /** An IPv6 router (NTF_ROUTER). */
  router?: boolean;
  /** A proxy entry (`ip neigh add proxy ADDR dev DEV`). */
  proxy?: boolean;
  /** The originator (RTPROT_* value, or a word such as `static`). */
  protocol?: number;
}

/** Which entries `list` and `flush` take. */
export interface NeighbourFilter {
  dev?: string;
  family?: 4 | 6;
  /** The proxy entries instead of the cache. */
  proxy?: boolean;
  /** Entries on the ports of this bridge (NDA_MASTER). */
  master?: string;
}

/** Neighbours of the handle's namespace. */
export class NeighFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** Every entry the kernel reports (no state hidden, unlike `ip neigh show`), filtered in the kernel by link, bridge and family. */
  async list(filter: NeighbourFilter = {}): Promise<Neighbour[]> {
    const family = filter.family === 4 ? AF_INET : filter.family === 6 ? AF_INET6 : AF_UNSPEC;
    const index = filter.dev === undefined ? undefined : await this.ctx.indexOf(filter.dev);
    const master = filter.master === undefined ? undefined : await this.ctx.indexOf(filter.master);
    const msgs = await (await this.ctx.inside()).dump(req.neighDump({ family, index, master, proxy: filter.proxy }));
    const out = msgs.map(toNeighbour);
    // Older kernels ignore the filters: apply them here too.
    return out.filter((n) => (index === undefined || n.index === index) && (filter.family === undefined || n.family === filter.family));
  }

  /** One entry (`ip neigh get ADDR dev DEV`); DeviceNotFoundError names a missing link, a KernelError (ENOENT) a missing entry. */
  async get(address: string, dev: string, opts: { proxy?: boolean } = {}): Promise<Neighbour> {
    const a = parseAddress(address);
    const index = await this.ctx.indexOf(checkIfname(dev, 'dev'));
    const [m] = await (await this.ctx.inside()).request(req.neighGet({ ...a, index, proxy: opts.proxy }));
    if (m === undefined) throw new InvalidArgumentError(`no neighbour entry ${address} on ${dev}`, address);
    return toNeighbour(m);
  }

  /** Adds an entry (`ip neigh add`): fails with EEXIST when there is one. */
  add(n: NeighbourOptions): Promise<void> {
    return this.send('add', n);
  }

  /** Adds or replaces an entry (`ip neigh replace`). */
  replace(n: NeighbourOptions): Promise<void> {
    return this.send('replace', n);
  }

  /** Changes an existing entry (`ip neigh change`): fails with ENOENT when there is none. */
  change(n: NeighbourOptions): Promise<void> {
    return this.send('change', n);
  }

  /** Deletes an entry (`proxy`: the proxy entry of that address). */
  async delete(address: string, dev: string, opts: { proxy?: boolean } = {}): Promise<void> {
    const a = parseAddress(address);
    const index = await this.ctx.indexOf(checkIfname(dev, 'dev'));
    await (await this.ctx.inside()).request(req.neighDelete({ ...a, index, proxy: opts.proxy })).catch((e) => notFound(e, undefined));
  }

  /**
   * Deletes the entries `filter` selects, as `ip neigh flush` does: by
   * default every one but the permanent and NOARP ones (`states` chooses
   * others). Resolves to how many were deleted.
   */
  async flush(filter: NeighbourFilter & { states?: readonly NudName[] } = {}): Promise<number> {
    const mask = filter.states === undefined ? 0xff & ~(NUD.NUD_PERMANENT | NUD.NUD_NOARP) : filter.states.reduce((m, s) => m | this.nud(s), 0);
    const doomed = (await this.list(filter)).filter((n) => (n.state & mask) !== 0 || (filter.states?.includes('none') && n.state === 0) || n.proxy);
    const conn = await this.ctx.inside();
    const results = await Promise.allSettled(
      doomed.map((n) => conn.request(req.neighDelete({ family: n.family === 6 ? 6 : 4, address: n.address!, index: n.index, proxy: n.proxy }))),
    );
    // An entry gone meanwhile (ENOENT) was flushed all the same.
    const failed = results.find((r) => r.status === 'rejected' && (r.reason as { code?: string }).code !== 'ENOENT');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return doomed.length;
  }

  private nud(word: string): number {
    const v = nudValue(word);
    if (v === undefined) throw new InvalidArgumentError(`unknown neighbour state "${String(word)}" (${Object.keys(NUD).map((k) => k.slice(4).toLowerCase()).join(', ')})`, String(word));
    return v;
  }

  private async send(op: req.NeighOp, n: NeighbourOptions): Promise<void> {
    const a = parseAddress(n.address);
    checkIfname(n.dev, 'dev');
    const spec: req.NeighSpec = { ...a, index: 0 };
    if (n.lladdr !== undefined) spec.lladdr = checkMac(n.lladdr);
    if (n.state !== undefined) spec.state = this.nud(n.state);
    if (n.protocol !== undefined) spec.protocol = checkUint(n.protocol, 'protocol', 255);
    spec.flags = (n.router ? NTF.NTF_ROUTER : 0) | (n.proxy ? NTF.NTF_PROXY : 0);
    if (n.proxy && n.lladdr !== undefined) throw new InvalidArgumentError('a proxy entry has no link-layer address', n.lladdr);
    spec.index = await this.ctx.indexOf(n.dev);
    await (await this.ctx.inside()).request(req.neighChange(op, spec));
  }
}

