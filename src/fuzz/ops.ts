/**
 * The kernel fuzzer's operations: structure-aware requests built from a
 * skeleton that makes sense for the current model (a free name and a kind
 * for NEWLINK, an existing link's index for NEWADDR, a documentation
 * prefix for NEWROUTE) plus a random subset of attributes drawn from the
 * declarations' own arbitraries (kernel-valid values, sparse sets). Every
 * ifindex-valued attribute (IFLA_MASTER, IFLA_LINK, RTA_OIF...) is then
 * pointed at a link of the namespace, most of the time.
 *
 * Each operation says what the model learns from its ACK.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { setArbitrary, structArbitrary, type ArbitraryOptions } from '../arbitraries/index.js';
import { DOC_IPV4, DOC_IPV6 } from '../arbitraries/domains.js';
import { NLM_F_APPEND, NLM_F_CREATE, NLM_F_ECHO, NLM_F_EXCL, NLM_F_REPLACE } from '../core/constants.js';
import type { Message } from '../netlink/message.js';
import { addressAttrs } from '../families/address/attrs.js';
import { ifaddrmsg, IFA_F } from '../families/address/header.js';
import { AF_BRIDGE, AF_INET, AF_INET6, AF_UNSPEC, IFF_UP, RT_SCOPE, RT_TABLE, RTM, RTN, RTPROT } from '../rtnl/constants.js';
import { linkAttrs, RTEXT_FILTER } from '../families/link/attrs.js';
import { ifinfomsg } from '../families/link/header.js';
import { linkInfoAttrs } from '../families/link/linkinfo.js';
import { routeAttrs } from '../families/route/attrs.js';
import { rtmsg } from '../families/route/header.js';
import { formatIPv4, formatIPv6 } from '../schema/addresses.js';
import { maskAddress, tableOf, type Model } from './model.js';
import type { Rng } from './rng.js';
import { CC_ALGOS, FORBIDDEN_ATTRS, LINK_KINDS } from './safety.js';
import { walkSet } from './walk.js';
import type { AttrSet } from '../schema/attr-set.js';

/** Families of operations (`--ops`). */
export type OpFamily = 'link' | 'addr' | 'route';
export const OP_FAMILIES: readonly OpFamily[] = ['link', 'addr', 'route'];

/** One operation: a request or a dump, and what its success means for the model. */
export interface Op {
  /** Index in the run. */
  id: number;
  /** Short name (`newlink:veth`, `setlink`, `dump:route`). */
  label: string;
  family: OpFamily;
  /** Sent with NLM_F_DUMP (answered by parts and NLMSG_DONE). */
  dump: boolean;
  /** Data replies allowed before the ACK: none (most), one (a GET), any (NLM_F_ECHO, dumps). */
  replies: 'none' | 'one' | 'any';
  msg: Message;
  /** Updates the model after the kernel's ACK. */
  onAck?: (model: Model, replies: Message[]) => void;
  /**
   * Updates the model after a refusal. A link change the kernel refuses
   * may still have been partly applied (do_setlink() applies attributes
   * one by one and does not undo them: a rename, then EOPNOTSUPP).
   */
  onError?: (model: Model, errno: string) => void;
}

/** Attributes whose values are ifindexes of the namespace. */
const INDEX_ATTRS = new Set(['IFLA_MASTER', 'IFLA_LINK', 'IFLA_VXLAN_LINK', 'RTA_OIF', 'RTA_IIF']);
/** Placeholder ifindexes, resolved against the model after sampling. */
const indexPlaceholder = fc.integer({ min: 0, max: 999 });

/** Names links get: a small pool, so requests often meet existing links. */
export function namePool(size = 48): string[] {
  return Array.from({ length: size }, (_, i) => `fz${i}`);
}

function commonOpts(extra: ArbitraryOptions = {}): ArbitraryOptions {
  return {
    kernelValid: true,
    maxAttrs: 3,
    maxDepth: 3,
    unknown: false,
    fullStructs: true,
    ...extra,
    exclude: [...FORBIDDEN_ATTRS, ...(extra.exclude ?? [])],
    overrides: {
      IFLA_MASTER: indexPlaceholder,
      IFLA_LINK: indexPlaceholder,
      IFLA_VXLAN_LINK: indexPlaceholder,
      RTA_OIF: indexPlaceholder,
      RTA_IIF: indexPlaceholder,
      RTAX_CC_ALGO: fc.constantFrom(...CC_ALGOS),
      ...extra.overrides,
    },
  };
}

/** Builds operations against a model; one instance per run (the arbitraries are built once). */
export class OpGenerator {
  private readonly pool: string[];
  private readonly linkExtras: Arbitrary<Record<string, unknown>>;
  private readonly linkInfo: Map<string, Arbitrary<Record<string, unknown>>>;
  private readonly linkHeader: Arbitrary<Record<string, unknown>>;
  private readonly addr: Record<4 | 6, { attrs: Arbitrary<Record<string, unknown>>; header: Arbitrary<Record<string, unknown>> }>;
  private readonly route: Record<4 | 6, { attrs: Arbitrary<Record<string, unknown>>; header: Arbitrary<Record<string, unknown>> }>;

  constructor(
    private readonly families: readonly OpFamily[],
    poolSize = 48,
  ) {
    this.pool = namePool(poolSize);
    const names = fc.constantFrom(...this.pool);
    // Alternative names from their own pool: the kernel looks links up by
    // alternative name too, and the model tracks primary names only.
    const altNames = fc.constantFrom(...Array.from({ length: 16 }, (_, i) => `fzalt${i}`));
    this.linkExtras = setArbitrary(linkAttrs, commonOpts({ exclude: ['IFLA_LINKINFO', 'IFLA_IFNAME'], overrides: { IFLA_ALT_IFNAME: altNames } }));
    this.linkInfo = new Map(
      LINK_KINDS.map((k) => [
        k,
        setArbitrary(
          linkInfoAttrs,
          commonOpts({ maxDepth: 4, selectors: { IFLA_INFO_KIND: k }, require: k === 'veth' ? ['VETH_INFO_PEER'] : k === 'vxlan' ? ['IFLA_VXLAN_ID'] : [], overrides: { IFLA_IFNAME: names }, exclude: ['IFLA_INFO_SLAVE_KIND', 'IFLA_INFO_SLAVE_DATA'] }),
        ),
      ]),
    );
    this.linkHeader = structArbitrary(ifinfomsg, { kernelValid: true });
    const fam = (f: 4 | 6) => ({
      addrAttrs: setArbitrary(addressAttrs, commonOpts({ family: f, exclude: ['IFA_LOCAL', 'IFA_ADDRESS'] })),
      addrHeader: structArbitrary(ifaddrmsg, { kernelValid: true, family: f }),
      routeAttrs: setArbitrary(routeAttrs, commonOpts({ family: f, exclude: ['RTA_DST', 'RTA_TABLE'] })),
      routeHeader: structArbitrary(rtmsg, { kernelValid: true, family: f }),
    });
    const f4 = fam(4);
    const f6 = fam(6);
    this.addr = { 4: { attrs: f4.addrAttrs, header: f4.addrHeader }, 6: { attrs: f6.addrAttrs, header: f6.addrHeader } };
    this.route = { 4: { attrs: f4.routeAttrs, header: f4.routeHeader }, 6: { attrs: f6.routeAttrs, header: f6.routeHeader } };
  }

  /** The next operation, drawn with `rng` against `model`. */
  next(id: number, rng: Rng, model: Model): Op {
    // Links first: addresses and routes need some.
    let family = rng.pick(this.families);
    if (model.links.size < 2 && this.families.includes('link')) family = 'link';
    return family === 'link' ? this.linkOp(id, rng, model) : family === 'addr' ? this.addrOp(id, rng, model) : this.routeOp(id, rng, model);
  }

  /** A value of `arb` (attributes of `set`), its placeholder ifindexes pointed at links of the model. */
  private draw(arb: Arbitrary<Record<string, unknown>>, set: AttrSet, rng: Rng, model: Model): Record<string, unknown> {
    const v = rng.sample(arb);
    this.resolveIndexes(v, set, rng, model);
    return v;
  }

  /** Points placeholder ifindexes at links of the model (9 times in 10). */
  private resolveIndexes(obj: Record<string, unknown>, set: AttrSet, rng: Rng, model: Model): void {
    const links = model.indexed();
    walkSet(set, obj, [], (v) => {
      const name = v.names[v.names.length - 1]!;
      if (!INDEX_ATTRS.has(name) || typeof v.value !== 'number') return;
      let idx = v.value;
      if (links.length && rng.chance(0.9)) idx = links[v.value % links.length]!.index!;
      else if (rng.chance(0.5)) idx = 0;
      (v.parent as Record<string, unknown>)[v.at as string] = idx;
    });
  }

  private freeName(rng: Rng, model: Model): string {
    for (let i = 0; i < 8; i++) {
      const n = rng.pick(this.pool);
      if (!model.links.has(n)) return n;
    }
    return rng.pick(this.pool);
  }

  private pickLink(rng: Rng, model: Model, filter?: (kind: string | undefined) => boolean): { name: string; index?: number; kind?: string } | undefined {
    const ls = [...model.links.values()].filter((l) => !filter || filter(l.kind));
    return ls.length ? rng.pick(ls) : undefined;
  }

  private newFlags(rng: Rng, create: boolean): number {
    let f = create ? rng.weighted([[8, NLM_F_CREATE | NLM_F_EXCL], [1, NLM_F_CREATE], [1, NLM_F_CREATE | NLM_F_REPLACE]]) : 0;
    if (rng.chance(0.05)) f |= NLM_F_APPEND;
    if (rng.chance(0.05)) f |= NLM_F_ECHO;
    return f;
  }

  // ---- links

  private linkOp(id: number, rng: Rng, model: Model): Op {
    const crowded = model.links.size > this.pool.length * 0.7;
    const which = rng.weighted<string>([
      [crowded ? 8 : 30, 'create'],
      [20, 'set'],
      [8, 'modify'],
      [crowded ? 30 : 12, 'del'],
      [10, 'get'],
      [3, 'dump'],
    ]);
    if (which === 'create' || model.links.size === 0) return this.newLink(id, rng, model);
    if (which === 'set' || which === 'modify') return this.setLink(id, rng, model, which === 'set' ? RTM.RTM_SETLINK : RTM.RTM_NEWLINK);
    if (which === 'del') return this.delLink(id, rng, model);
    if (which === 'get') return this.getLink(id, rng, model);
    return this.dumpLink(id, rng);
  }

  private header(rng: Rng, index = 0): Record<string, unknown> {
    if (rng.chance(0.15)) return { ...rng.sample(this.linkHeader), family: AF_UNSPEC, index };
    const up = rng.chance(0.3);
    return { family: AF_UNSPEC, type: 0, index, flags: up ? IFF_UP : 0, change: up || rng.chance(0.3) ? IFF_UP : 0 };
  }

  private newLink(id: number, rng: Rng, model: Model): Op {
    let kind = rng.weighted<string>([[4, 'veth'], [2, 'bridge'], [2, 'macvlan'], [2, 'vxlan'], [2, 'ifb']]);
    const lowers = model.indexed().filter((l) => l.kind !== 'macvlan' && l.kind !== 'vxlan');
    if (kind === 'macvlan' && lowers.length === 0) kind = 'veth';
    const name = this.freeName(rng, model);
    const info = this.draw(this.linkInfo.get(kind)!, linkInfoAttrs, rng, model);
    const attrs: Record<string, unknown> = { ...this.draw(this.linkExtras, linkAttrs, rng, model), ifname: name, linkinfo: info };
    let peer: string | undefined;
    let lower: string | undefined;
    if (kind === 'veth') {
      const data = (info.data ?? {}) as { peer?: { header: Record<string, unknown>; attrs: Record<string, unknown> } };
      const p = data.peer ?? { header: {}, attrs: {} };
      if (rng.chance(0.7)) p.header = { family: AF_UNSPEC, type: 0, index: 0, flags: 0, change: 0 };
      if (rng.chance(0.9)) {
        peer = this.freeName(rng, model);
        if (peer === name) peer = undefined;
        if (peer !== undefined) p.attrs = { ...p.attrs, ifname: peer };
      }
      if (peer === undefined && typeof p.attrs.ifname === 'string') peer = p.attrs.ifname;
      info.data = { ...data, peer: p };
    } else if (kind === 'macvlan') {
      const l = rng.pick(lowers);
      attrs.link = l.index;
      lower = l.name;
    } else if (kind === 'vxlan') {
      const d = (info.data ?? {}) as Record<string, unknown>;
      if (rng.chance(0.7)) d.id = rng.below(1 << 24);
      info.data = d;
    }
    const unnamedPeer = kind === 'veth' && peer === undefined;
    return {
      id,
      label: `newlink:${kind}`,
      family: 'link',
      dump: false,
      replies: 'any',
      // NLM_F_ECHO half the time: the echoed RTM_NEWLINK tells the new ifindex.
      msg: { type: RTM.RTM_NEWLINK, flags: this.newFlags(rng, true) | (rng.chance(0.5) ? NLM_F_ECHO : 0), seq: 0, pid: 0, header: this.header(rng), attrs },
      onAck: (m, replies) => {
        m.addLink(name, kind, lower !== undefined ? [lower] : peer !== undefined ? [peer] : []);
        if (peer !== undefined) m.addLink(peer, kind, [name]);
        for (const r of replies) if (r.type === RTM.RTM_NEWLINK && r.attrs?.ifname === name && typeof r.header?.index === 'number') m.learnIndex(name, r.header.index);
        if (unnamedPeer) m.uncertainLinks = true;
        if (kind === 'vxlan' && typeof (info.data as Record<string, unknown> | undefined)?.link === 'number') {
          const low = m.byIndex((info.data as Record<string, unknown>).link as number);
          if (low) m.links.get(name)?.deps.add(low.name);
        }
        if (typeof attrs.master === 'number') m.touch(m.byIndex(attrs.master)?.name);
      },
    };
  }

  private target(rng: Rng, model: Model): { header: Record<string, unknown>; byName?: string; name?: string } {
    const l = this.pickLink(rng, model);
    if (l === undefined || rng.chance(0.05)) {
      // A link that does not exist.
      return rng.chance(0.5) ? { header: this.header(rng, rng.int(1000, 100000)) } : { header: this.header(rng), byName: 'fz-none' };
    }
    if (l.index !== undefined && rng.chance(0.7)) return { header: this.header(rng, l.index), name: l.name };
    return { header: this.header(rng), byName: l.name, name: l.name };
  }

  private setLink(id: number, rng: Rng, model: Model, type: number): Op {
    const t = this.target(rng, model);
    const attrs: Record<string, unknown> = this.draw(this.linkExtras, linkAttrs, rng, model);
    let rename: string | undefined;
    if (t.byName !== undefined) attrs.ifname = t.byName;
    else if (rng.chance(0.1)) attrs.ifname = rename = this.freeName(rng, model);
    const kind = t.name !== undefined ? model.links.get(t.name)?.kind : undefined;
    if (kind !== undefined && rng.chance(0.3)) {
      const info = this.draw(this.linkInfo.get(kind) ?? this.linkInfo.get('bridge')!, linkInfoAttrs, rng, model);
      attrs.linkinfo = kind === 'veth' ? { kind } : info;
    }
    return {
      id,
      label: type === RTM.RTM_SETLINK ? 'setlink' : 'newlink:change',
      family: 'link',
      dump: false,
      replies: 'any',
      msg: { type, flags: type === RTM.RTM_NEWLINK ? this.newFlags(rng, false) : rng.chance(0.05) ? NLM_F_ECHO : 0, seq: 0, pid: 0, header: t.header, attrs },
      onError: (m, errno) => {
        if (errno === 'ENODEV') return;
        m.uncertainLinks = true;
        m.touch(t.name);
      },
      onAck: (m) => {
        if (t.name === undefined) {
          m.uncertainLinks = true;
          return;
        }
        if (rename !== undefined && rename !== t.name) {
          if (m.links.has(rename)) m.uncertainLinks = true;
          m.renameLink(t.name, rename);
        } else m.touch(t.name);
        if (typeof attrs.master === 'number') m.touch(m.byIndex(attrs.master)?.name);
      },
    };
  }

  private delLink(id: number, rng: Rng, model: Model): Op {
    if (rng.chance(0.03)) {
      // A whole group (ifi_index 0 and IFLA_GROUP): what goes is not predicted.
      return {
        id,
        label: 'dellink:group',
        family: 'link',
        dump: false,
        replies: 'none',
        msg: { type: RTM.RTM_DELLINK, flags: 0, seq: 0, pid: 0, header: { family: AF_UNSPEC, type: 0, index: 0, flags: 0, change: 0 }, attrs: { group: rng.int(1, 4) } },
        onAck: (m) => {
          m.uncertainLinks = true;
          m.touch(undefined);
        },
      };
    }
    const t = this.target(rng, model);
    const attrs: Record<string, unknown> = t.byName !== undefined ? { ifname: t.byName } : {};
    return {
      id,
      label: 'dellink',
      family: 'link',
      dump: false,
      replies: 'none',
      msg: { type: RTM.RTM_DELLINK, flags: 0, seq: 0, pid: 0, header: { ...t.header, flags: 0, change: 0 }, attrs },
      onAck: (m) => (t.name !== undefined ? m.deleteLink(t.name) : void (m.uncertainLinks = true)),
    };
  }

  private getLink(id: number, rng: Rng, model: Model): Op {
    const t = this.target(rng, model);
    const attrs: Record<string, unknown> = { extMask: rng.pick([0, RTEXT_FILTER.RTEXT_FILTER_VF | RTEXT_FILTER.RTEXT_FILTER_SKIP_STATS, rng.below(512)]) };
    if (t.byName !== undefined) attrs.ifname = t.byName;
    return { id, label: 'getlink', family: 'link', dump: false, replies: 'one', msg: { type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: { ...t.header, flags: 0, change: 0 }, attrs } };
  }

  private dumpLink(id: number, rng: Rng): Op {
    const family = rng.weighted([[7, AF_UNSPEC], [1, AF_BRIDGE], [1, AF_INET6], [1, rng.below(46)]]);
    const attrs = rng.chance(0.5) ? { extMask: rng.below(512) } : {};
    return { id, label: 'dump:link', family: 'link', dump: true, replies: 'any', msg: { type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: { family, type: 0, index: 0, flags: 0, change: 0 }, attrs } };
  }

  // ---- addresses

  private docAddress(rng: Rng, family: 4 | 6): string {
    if (family === 4) return formatIPv4(new Uint8Array([DOC_IPV4.prefix[0], DOC_IPV4.prefix[1] + rng.below(2), rng.below(256), rng.below(256)]), 0);
    const b = new Uint8Array(16);
    b.set(DOC_IPV6.prefix);
    // Few distinct /64s, so routes and addresses meet.
    b[7] = rng.below(8);
    for (let i = 8; i < 16; i++) b[i] = rng.chance(0.5) ? 0 : rng.below(256);
    b[15] = rng.below(256);
    return formatIPv6(b, 0);
  }

  private addrOp(id: number, rng: Rng, model: Model): Op {
    const which = rng.weighted<string>([[50, 'new'], [25, 'del'], [5, 'dump'], [3, 'get']]);
    const family: 4 | 6 = rng.chance(0.6) ? 4 : 6;
    if (which === 'dump' || which === 'get') {
      const fam = rng.pick([AF_UNSPEC, AF_INET, AF_INET6]);
      const l = rng.chance(0.3) ? this.pickLink(rng, model) : undefined;
      return {
        id,
        label: which === 'dump' ? 'dump:addr' : 'getaddr',
        family: 'addr',
        dump: which === 'dump',
        replies: which === 'dump' ? 'any' : 'one',
        msg: { type: RTM.RTM_GETADDR, flags: 0, seq: 0, pid: 0, header: { family: fam, prefixlen: 0, flags: 0, scope: 0, index: l?.index ?? 0 }, attrs: which === 'get' ? { address: this.docAddress(rng, family === 4 ? 4 : 6) } : {} },
      };
    }
    if (which === 'del' && model.knownAddrs.length && rng.chance(0.85)) {
      const a = rng.pick(model.knownAddrs);
      const link = model.byIndex(a.index)?.name;
      return {
        id,
        label: 'deladdr',
        family: 'addr',
        dump: false,
        replies: 'none',
        msg: { type: RTM.RTM_DELADDR, flags: 0, seq: 0, pid: 0, header: { family: a.family === 4 ? AF_INET : AF_INET6, prefixlen: a.prefixlen, flags: 0, scope: 0, index: a.index }, attrs: { local: a.local } },
        onAck: (m) => (link !== undefined ? m.deleteAddr(link, a.local) : void (m.uncertainAddrs = true)),
      };
    }
    const l = this.pickLink(rng, model);
    const local = this.docAddress(rng, family);
    // Without a link of known index: lo (1) mostly, else any number.
    const header: Record<string, unknown> = { ...rng.sample(this.addr[family].header), index: l?.index ?? (rng.chance(0.7) ? 1 : rng.below(64)) };
    // At least /15 or /32: the kernel adds a route for the prefix, which must stay in the ranges.
    header.prefixlen = rng.chance(0.8) ? (family === 4 ? rng.int(15, 32) : rng.int(48, 128)) : Math.max(header.prefixlen as number, family === 4 ? 15 : 32);
    if (rng.chance(0.7)) {
      header.flags = family === 6 && rng.chance(0.7) ? IFA_F.IFA_F_NODAD : 0;
      header.scope = RT_SCOPE.RT_SCOPE_UNIVERSE;
    }
    const attrs: Record<string, unknown> = { ...this.draw(this.addr[family].attrs, addressAttrs, rng, model) };
    if (family === 4 || rng.chance(0.5)) attrs.local = local;
    if (family === 4 ? rng.chance(0.8) : !('local' in attrs) || rng.chance(0.2)) attrs.address = family === 4 && rng.chance(0.1) ? this.docAddress(rng, 4) : local;
    const del = which === 'del';
    const cache = attrs.cacheinfo as { valid?: number } | undefined;
    const prefixlen = header.prefixlen as number;
    const key = (attrs.local ?? attrs.address) as string;
    return {
      id,
      label: del ? 'deladdr:random' : 'newaddr',
      family: 'addr',
      dump: false,
      replies: 'any',
      msg: { type: del ? RTM.RTM_DELADDR : RTM.RTM_NEWADDR, flags: del ? 0 : this.newFlags(rng, rng.chance(0.9)), seq: 0, pid: 0, header, attrs },
      onAck: (m) => {
        if (l === undefined || l.index === undefined) {
          m.uncertainAddrs = true;
          return;
        }
        if (del) m.deleteAddr(l.name, undefined);
        else m.addAddr({ link: l.name, family, local: key, prefixlen, expiring: cache !== undefined && cache.valid !== 0xffffffff });
      },
    };
  }

  // ---- routes

  private routeOp(id: number, rng: Rng, model: Model): Op {
    const which = rng.weighted<string>([[50, 'new'], [25, 'del'], [5, 'dump'], [10, 'get']]);
    const family: 4 | 6 = rng.chance(0.6) ? 4 : 6;
    const af = family === 4 ? AF_INET : AF_INET6;
    if (which === 'dump') {
      const fam = rng.pick([AF_UNSPEC, AF_INET, AF_INET6]);
      return { id, label: 'dump:route', family: 'route', dump: true, replies: 'any', msg: { type: RTM.RTM_GETROUTE, flags: 0, seq: 0, pid: 0, header: { family: fam, dstLen: 0, srcLen: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: 0 }, attrs: {} } };
    }
    if (which === 'get') {
      const attrs: Record<string, unknown> = { dst: this.docAddress(rng, family) };
      const l = this.pickLink(rng, model);
      if (l?.index !== undefined && rng.chance(0.3)) attrs.oif = l.index;
      const flags = rng.pick([0, 0x1000, 0x2000, 0x100]); // RTM_F_LOOKUP_TABLE, RTM_F_FIB_MATCH, RTM_F_NOTIFY
      return { id, label: 'getroute', family: 'route', dump: false, replies: 'one', msg: { type: RTM.RTM_GETROUTE, flags: 0, seq: 0, pid: 0, header: { family: af, dstLen: family === 4 ? 32 : 128, srcLen: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags }, attrs } };
    }
    if (which === 'del' && model.knownRoutes.length && rng.chance(0.85)) {
      const r = rng.pick(model.knownRoutes);
      const attrs: Record<string, unknown> = r.dst ? { dst: r.dst } : {};
      if (r.table > 255) attrs.table = r.table;
      return {
        id,
        label: 'delroute',
        family: 'route',
        dump: false,
        replies: 'none',
        msg: { type: RTM.RTM_DELROUTE, flags: 0, seq: 0, pid: 0, header: { family: r.family === 4 ? AF_INET : AF_INET6, dstLen: r.dstLen, srcLen: 0, tos: 0, table: r.table > 255 ? 0 : r.table, protocol: 0, scope: RT_SCOPE.RT_SCOPE_NOWHERE, type: 0, flags: 0 }, attrs },
        onAck: (m) => m.deleteRoute(r),
      };
    }
    const header = { ...rng.sample(this.route[family].header) };
    // Prefixes of at least /15 or /32, so the route stays inside the documentation ranges.
    const dstLen = rng.chance(0.8) ? (family === 4 ? rng.int(15, 32) : rng.int(32, 128)) : Math.max(header.dstLen as number, family === 4 ? 15 : 32);
    header.dstLen = dstLen;
    header.srcLen = rng.chance(0.9) ? 0 : Math.max(header.srcLen as number, family === 4 ? 15 : 32);
    const attrs: Record<string, unknown> = { ...this.draw(this.route[family].attrs, routeAttrs, rng, model) };
    if ((header.srcLen as number) > 0 && attrs.src === undefined) header.srcLen = 0;
    const raw = this.docAddress(rng, family);
    attrs.dst = rng.chance(0.8) ? maskAddress(raw, dstLen) || raw : raw;
    const l = this.pickLink(rng, model);
    const gw = rng.chance(0.35);
    if (rng.chance(0.75)) {
      header.table = rng.chance(0.8) ? RT_TABLE.RT_TABLE_MAIN : rng.int(1, 252);
      header.protocol = rng.pick([RTPROT.RTPROT_BOOT, RTPROT.RTPROT_STATIC, header.protocol as number]);
      header.type = rng.chance(0.85) ? RTN.RTN_UNICAST : rng.pick([RTN.RTN_BLACKHOLE, RTN.RTN_UNREACHABLE, RTN.RTN_PROHIBIT, RTN.RTN_LOCAL]);
      header.scope = gw ? RT_SCOPE.RT_SCOPE_UNIVERSE : RT_SCOPE.RT_SCOPE_LINK;
      header.tos = 0;
      header.flags = 0;
      if (l?.index !== undefined && header.type === RTN.RTN_UNICAST) attrs.oif = l.index;
      if (gw) attrs.gateway = this.docAddress(rng, family);
    }
    const del = which === 'del';
    const expiring = attrs.expires !== undefined;
    return {
      id,
      label: del ? 'delroute:random' : 'newroute',
      family: 'route',
      dump: false,
      replies: 'any',
      msg: { type: del ? RTM.RTM_DELROUTE : RTM.RTM_NEWROUTE, flags: del ? 0 : this.newFlags(rng, rng.chance(0.95)), seq: 0, pid: 0, header, attrs },
      onAck: (m, _r) => {
        const msg = { header, attrs } as Message;
        const r = { family, table: tableOf(msg), dst: maskAddress(attrs.dst as string, dstLen), dstLen };
        if (del) m.deleteRoute(r);
        else m.addRoute({ ...r, expiring });
      },
    };
  }
}
