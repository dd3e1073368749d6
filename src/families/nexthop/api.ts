/**
 * `handle.nexthops`: the next hop objects of a handle's namespace
 * (`ip nexthop`): single next hops, groups (multipath and resilient) and
 * blackholes, which routes point at by id (`nhid`).
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIfname, checkUint, parseAddress } from '../../api/validate.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../../rtnl/constants.js';
import { NEXTHOP_GRP_TYPE } from './header.js';
import * as req from './requests.js';
import { toBucket, toNexthop, type Nexthop, type NexthopBucket } from './view.js';

/** A next hop, group or blackhole to add or replace. */
export interface NexthopOptions {
  /** The id (1 to 2^32-1); omitted, the kernel picks one. */
  id?: number;
  /** The gateway (`via`). */
  via?: string;
  /** The link (`dev`). */
  dev?: string;
  /** Take the gateway as directly reachable on `dev` (RTNH_F_ONLINK). */
  onlink?: boolean;
  /** Drop what is sent to it. */
  blackhole?: boolean;
  /** For the forwarding database of a bridge or VXLAN device only. */
  fdb?: boolean;
  /** A group: member ids, or ids with weights (1 to 256, as ip takes them). */
  group?: readonly (number | { id: number; weight?: number })[];
  /** A group's type (default `mpath`). */
  type?: 'mpath' | 'resilient';
  /** A resilient group's bucket count. */
  buckets?: number;
  /** A resilient group's timers, in seconds. */
  idleTimer?: number;
  unbalancedTimer?: number;
  /** RTPROT_* originator. */
  protocol?: number;
}

/** Which next hops `list` and `flush` take (the kernel filters). */
export interface NexthopFilter {
  family?: 4 | 6;
  /** Next hops on this link. */
  dev?: string;
  /** Groups only. */
  groups?: boolean;
  /** Next hops on ports of this master (a VRF). */
  master?: string;
  /** FDB next hops only. */
  fdb?: boolean;
  /** Of this originator only (filtered here, as ip does). */
  protocol?: number;
}

/** Next hops of the handle's namespace. */
export class NexthopFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** The next hops `filter` selects, by id. */
  async list(filter: NexthopFilter = {}): Promise<Nexthop[]> {
    const msgs = await (await this.ctx.inside()).dump(req.nexthopDump(await this.dumpFilter(filter)));
    return msgs.map(toNexthop).filter((n) => filter.protocol === undefined || n.protocol === filter.protocol);
  }

  /** One next hop by id; a KernelError (ENOENT) when there is none. */
  async get(id: number): Promise<Nexthop> {
    const [m] = await (await this.ctx.inside()).request(req.nexthopGet(checkId(id)));
    if (m === undefined) throw new Error(`the kernel answered a get of next hop ${id} with nothing`);
    return toNexthop(m);
  }

  /** Adds a next hop (`ip nexthop add`): EEXIST when the id is taken. */
  async add(o: NexthopOptions): Promise<void> {
    await (await this.ctx.inside()).request(req.nexthopAdd(await this.spec(o)));
  }

  /** Adds a next hop, or replaces the one with that id (`ip nexthop replace`). */
  async replace(o: NexthopOptions): Promise<void> {
    await (await this.ctx.inside()).request(req.nexthopReplace(await this.spec(o)));
  }

  /** Deletes a next hop by id (routes through it go with it). */
  async delete(id: number): Promise<void> {
    await (await this.ctx.inside()).request(req.nexthopDelete(checkId(id)));
  }

  /**
   * Deletes the next hops `filter` selects, as `ip nexthop flush` does:
   * without a filter, the groups first, then the rest. Resolves to how
   * many were deleted.
   */
  async flush(filter: NexthopFilter = {}): Promise<number> {
    const all = filter.dev === undefined && filter.master === undefined && !filter.groups && !filter.fdb;
    const rounds = all ? [{ ...filter, groups: true }, filter] : [filter];
    const conn = await this.ctx.inside();
    let n = 0;
    for (const f of rounds) {
      for (const nh of await this.list(f)) {
        // A group's member deleted meanwhile takes nothing else; one gone (ENOENT) was flushed all the same.
        await conn.request(req.nexthopDelete(nh.id)).then(
          () => n++,
          (e: { code?: string }) => {
            if (e.code !== 'ENOENT') throw e;
          },
        );
      }
    }
    return n;
  }

  /** The buckets of resilient groups (`ip nexthop bucket show`): of group `id`, or sending to `nhid`. */
  async buckets(filter: NexthopFilter & { id?: number; nhid?: number } = {}): Promise<NexthopBucket[]> {
    const f = { ...(await this.dumpFilter(filter)), id: filter.id === undefined ? undefined : checkId(filter.id), nhid: filter.nhid === undefined ? undefined : checkId(filter.nhid) };
    const msgs = await (await this.ctx.inside()).dump(req.bucketDump(f));
    return msgs.map(toBucket);
  }

  private async dumpFilter(f: NexthopFilter): Promise<req.NexthopDumpFilter> {
    if (f.family !== undefined && f.family !== 4 && f.family !== 6) throw new InvalidArgumentError(`family must be 4 or 6, not ${String(f.family)}`, String(f.family));
    const out: req.NexthopDumpFilter = { family: f.family === 4 ? AF_INET : f.family === 6 ? AF_INET6 : AF_UNSPEC };
    if (f.dev !== undefined) out.index = await this.ctx.indexOf(checkIfname(f.dev, 'dev'));
    if (f.master !== undefined) out.master = await this.ctx.indexOf(checkIfname(f.master, 'master'));
    if (f.groups) out.groups = true;
    if (f.fdb) out.fdb = true;
    return out;
  }

  /** Checks every option, then resolves the link. */
  private async spec(o: NexthopOptions): Promise<req.NexthopSpec> {
    const s: req.NexthopSpec = { family: AF_UNSPEC };
    if (o.id !== undefined) s.id = checkId(o.id);
    if (o.via !== undefined) {
      const a = parseAddress(o.via);
      s.gateway = a.address;
      s.family = a.family === 6 ? AF_INET6 : AF_INET;
    }
    const kinds = [o.via !== undefined || o.dev !== undefined, o.blackhole === true, o.group !== undefined].filter(Boolean).length;
    if (kinds > 1) throw new InvalidArgumentError('a next hop is a gateway and link, a blackhole or a group: one of them', String(o.id ?? ''));
    if (kinds === 0 && !o.fdb) throw new InvalidArgumentError('a next hop needs a gateway or link (via, dev), blackhole or group', String(o.id ?? ''));
    if (o.onlink) s.onlink = true;
    if (o.blackhole) {
      s.blackhole = true;
      s.family = AF_INET;
    }
    if (o.fdb) s.fdb = true;
    if (o.group !== undefined) {
      if (!Array.isArray(o.group) || o.group.length === 0) throw new InvalidArgumentError('a group needs at least one member', String(o.group));
      s.group = o.group.map((g) => {
        const m = typeof g === 'number' ? { id: g } : g;
        return { id: checkId(m.id), weight: m.weight === undefined ? 1 : checkWeight(m.weight) };
      });
      if (o.type !== undefined && o.type !== 'mpath' && o.type !== 'resilient') throw new InvalidArgumentError(`unknown group type "${String(o.type)}" (mpath, resilient)`, String(o.type));
      if (o.type === 'resilient') {
        const r: NonNullable<req.NexthopSpec['resilient']> = {};
        if (o.buckets !== undefined) r.buckets = checkUint(o.buckets, 'buckets', 0xffff);
        if (o.idleTimer !== undefined) r.idleTimer = centiseconds(o.idleTimer, 'idleTimer');
        if (o.unbalancedTimer !== undefined) r.unbalancedTimer = centiseconds(o.unbalancedTimer, 'unbalancedTimer');
        s.resilient = r;
      }
      if (o.type !== undefined) s.groupType = o.type === 'resilient' ? NEXTHOP_GRP_TYPE.NEXTHOP_GRP_TYPE_RES : NEXTHOP_GRP_TYPE.NEXTHOP_GRP_TYPE_MPATH;
    } else if (o.type !== undefined || o.buckets !== undefined || o.idleTimer !== undefined || o.unbalancedTimer !== undefined) {
      throw new InvalidArgumentError('type, buckets and timers are for groups', String(o.type ?? ''));
    }
    if (o.protocol !== undefined) s.protocol = checkUint(o.protocol, 'protocol', 255);
    if (o.dev !== undefined) {
      s.index = await this.ctx.indexOf(checkIfname(o.dev, 'dev'));
      if (s.family === AF_UNSPEC) s.family = AF_INET;
    }
    return s;
  }
}

function checkId(id: unknown): number {
  const v = checkUint(id, 'id');
  if (v === 0) throw new InvalidArgumentError('a next hop id is 1 or more', String(id));
  return v;
}

function checkWeight(w: unknown): number {
  const v = checkUint(w, 'weight', 256);
  if (v === 0) throw new InvalidArgumentError('a weight is 1 to 256', String(w));
  return v;
}

function centiseconds(seconds: unknown, what: string): number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds >= 0xffffffff / 100) {
    throw new InvalidArgumentError(`${what} must be whole seconds below ${Math.floor(0xffffffff / 100)}`, String(seconds));
  }
  return seconds * 100;
}
