/**
 * The kernel fuzzer's link operations: RTM_NEWLINK of every kind offered
 * here (veth with a peer from the name pool, macvlan on a lower link,
 * vxlan with an id), changes by index or by name, deletions (one link or a
 * whole group), GETLINK and dumps of every family.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { setArbitrary, structArbitrary } from '../../arbitraries/index.js';
import { NLM_F_ECHO } from '../../core/constants.js';
import type { Model } from '../../fuzz/model.js';
import type { FamilyOperations, Op, OpKit } from '../../fuzz/ops.js';
import type { Rng } from '../../fuzz/rng.js';
import { AF_BRIDGE, AF_INET6, AF_UNSPEC, IFF_UP, RTM } from '../../rtnl/constants.js';
import { linkAttrs, RTEXT_FILTER } from './attrs.js';
import { ifinfomsg } from './header.js';
import { linkInfoAttrs } from './linkinfo.js';
import { LINK_KINDS } from './spec.js';

class LinkOps {
  private readonly linkExtras: Arbitrary<Record<string, unknown>>;
  private readonly linkInfo: Map<string, Arbitrary<Record<string, unknown>>>;
  private readonly linkHeader: Arbitrary<Record<string, unknown>>;

  constructor(private readonly kit: OpKit) {
    const names = fc.constantFrom(...kit.pool);
    // Alternative names from their own pool: the kernel looks links up by
    // alternative name too, and the model tracks primary names only.
    const altNames = fc.constantFrom(...Array.from({ length: 16 }, (_, i) => `fzalt${i}`));
    this.linkExtras = setArbitrary(linkAttrs, kit.options({ exclude: ['IFLA_LINKINFO', 'IFLA_IFNAME'], overrides: { IFLA_ALT_IFNAME: altNames } }));
    this.linkInfo = new Map(
      LINK_KINDS.map((k) => [
        k,
        setArbitrary(
          linkInfoAttrs,
          kit.options({ maxDepth: 4, selectors: { IFLA_INFO_KIND: k }, require: k === 'veth' ? ['VETH_INFO_PEER'] : k === 'vxlan' ? ['IFLA_VXLAN_ID'] : [], overrides: { IFLA_IFNAME: names }, exclude: ['IFLA_INFO_SLAVE_KIND', 'IFLA_INFO_SLAVE_DATA'] }),
        ),
      ]),
    );
    this.linkHeader = structArbitrary(ifinfomsg, { kernelValid: true });
  }

  next(id: number, rng: Rng, model: Model): Op {
    const crowded = model.links.size > this.kit.pool.length * 0.7;
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
    const name = this.kit.freeName(rng, model);
    const info = this.kit.draw(this.linkInfo.get(kind)!, linkInfoAttrs, rng, model);
    const attrs: Record<string, unknown> = { ...this.kit.draw(this.linkExtras, linkAttrs, rng, model), ifname: name, linkinfo: info };
    let peer: string | undefined;
    let lower: string | undefined;
    if (kind === 'veth') {
      const data = (info.data ?? {}) as { peer?: { header: Record<string, unknown>; attrs: Record<string, unknown> } };
      const p = data.peer ?? { header: {}, attrs: {} };
      if (rng.chance(0.7)) p.header = { family: AF_UNSPEC, type: 0, index: 0, flags: 0, change: 0 };
      if (rng.chance(0.9)) {
        peer = this.kit.freeName(rng, model);
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
      msg: { type: RTM.RTM_NEWLINK, flags: this.kit.newFlags(rng, true) | (rng.chance(0.5) ? NLM_F_ECHO : 0), seq: 0, pid: 0, header: this.header(rng), attrs },
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
    const l = this.kit.pickLink(rng, model);
    if (l === undefined || rng.chance(0.05)) {
      // A link that does not exist.
      return rng.chance(0.5) ? { header: this.header(rng, rng.int(1000, 100000)) } : { header: this.header(rng), byName: 'fz-none' };
    }
    if (l.index !== undefined && rng.chance(0.7)) return { header: this.header(rng, l.index), name: l.name };
    return { header: this.header(rng), byName: l.name, name: l.name };
  }

  private setLink(id: number, rng: Rng, model: Model, type: number): Op {
    const t = this.target(rng, model);
    const attrs: Record<string, unknown> = this.kit.draw(this.linkExtras, linkAttrs, rng, model);
    let rename: string | undefined;
    if (t.byName !== undefined) attrs.ifname = t.byName;
    else if (rng.chance(0.1)) attrs.ifname = rename = this.kit.freeName(rng, model);
    const kind = t.name !== undefined ? model.links.get(t.name)?.kind : undefined;
    if (kind !== undefined && rng.chance(0.3)) {
      const info = this.kit.draw(this.linkInfo.get(kind) ?? this.linkInfo.get('bridge')!, linkInfoAttrs, rng, model);
      attrs.linkinfo = kind === 'veth' ? { kind } : info;
    }
    return {
      id,
      label: type === RTM.RTM_SETLINK ? 'setlink' : 'newlink:change',
      family: 'link',
      dump: false,
      replies: 'any',
      msg: { type, flags: type === RTM.RTM_NEWLINK ? this.kit.newFlags(rng, false) : rng.chance(0.05) ? NLM_F_ECHO : 0, seq: 0, pid: 0, header: t.header, attrs },
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
}

export const operations: FamilyOperations = (kit) => {
  const ops = new LinkOps(kit);
  return (id, rng, model) => ops.next(id, rng, model);
};
