/**
 * The kernel fuzzer's next hop operations: RTM_NEWNEXTHOP of single next
 * hops (a documentation gateway on a link of the model, a link alone, a
 * blackhole), of groups over a small id range (multipath and resilient,
 * weights up to 256) and of drawn attribute sets; deletions, GETNEXTHOP,
 * filtered dumps and bucket dumps. The model does not track next hops:
 * what the fuzzer checks for them is the kernel's answers and
 * notifications.
 */
import type { Arbitrary } from 'fast-check';
import { setArbitrary } from '../../arbitraries/index.js';
import type { Model } from '../../fuzz/model.js';
import type { FamilyOperations, Op, OpKit } from '../../fuzz/ops.js';
import type { Rng } from '../../fuzz/rng.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RTM, RTNH_F } from '../../rtnl/constants.js';
import { nexthopAttrs } from './attrs.js';
import { NEXTHOP_GRP_TYPE } from './header.js';

/** Ids drawn from a small range, so that groups meet their members and deletions meet something. */
const IDS = 24;

class NexthopOps {
  private readonly attrs: Arbitrary<Record<string, unknown>>;

  constructor(private readonly kit: OpKit) {
    this.attrs = setArbitrary(nexthopAttrs, kit.options({ exclude: ['NHA_ID', 'NHA_GROUP'] }));
  }

  private id(rng: Rng): number {
    return 1 + rng.below(IDS);
  }

  private header(family: number, rng: Rng, onlink = false): Record<string, number> {
    return { family, scope: 0, protocol: rng.chance(0.8) ? 0 : rng.below(256), resvd: 0, flags: onlink ? RTNH_F.RTNH_F_ONLINK : rng.chance(0.05) ? rng.below(256) : 0 };
  }

  next(id: number, rng: Rng, model: Model): Op {
    const which = rng.weighted<string>([[30, 'single'], [15, 'group'], [10, 'drawn'], [20, 'del'], [8, 'get'], [5, 'dump'], [3, 'buckets']]);
    const base = { id, family: 'nexthop', dump: false } as const;
    if (which === 'dump' || which === 'buckets') {
      const attrs: Record<string, unknown> = {};
      const l = this.kit.pickLink(rng, model);
      if (l?.index !== undefined && rng.chance(0.3)) attrs.oif = l.index;
      if (rng.chance(0.2)) attrs.groups = true;
      if (rng.chance(0.1)) attrs.fdb = true;
      if (which === 'buckets' && rng.chance(0.5)) attrs.id = this.id(rng);
      const type = which === 'dump' ? RTM.RTM_GETNEXTHOP : RTM.RTM_GETNEXTHOPBUCKET;
      const family = rng.pick([AF_UNSPEC, AF_INET, AF_INET6]);
      return { ...base, label: `dump:${which === 'dump' ? 'nexthop' : 'bucket'}`, dump: true, replies: 'any', msg: { type, flags: 0, seq: 0, pid: 0, header: this.header(family, rng), attrs } };
    }
    if (which === 'del' || which === 'get') {
      const type = which === 'get' ? RTM.RTM_GETNEXTHOP : RTM.RTM_DELNEXTHOP;
      return { ...base, label: `${which}nexthop`, replies: which === 'get' ? 'one' : 'none', msg: { type, flags: 0, seq: 0, pid: 0, header: this.header(AF_UNSPEC, rng), attrs: { id: this.id(rng) } } };
    }
    const flags = this.kit.newFlags(rng, true);
    const attrs: Record<string, unknown> = { id: this.id(rng) };
    let family: number = AF_UNSPEC;
    let onlink = false;
    if (which === 'single') {
      const l = this.kit.pickLink(rng, model);
      const v = rng.weighted<string>([[6, 'via'], [2, 'dev'], [2, 'blackhole'], [1, 'fdb']]);
      const fam: 4 | 6 = rng.chance(0.6) ? 4 : 6;
      family = fam === 4 ? AF_INET : AF_INET6;
      if (v === 'blackhole') attrs.blackhole = true;
      else {
        if (v !== 'dev') attrs.gateway = this.kit.docAddress(rng, fam);
        if (v !== 'fdb') attrs.oif = l?.index ?? rng.below(64);
        else attrs.fdb = true;
        onlink = v === 'via' && rng.chance(0.2);
      }
    } else if (which === 'group') {
      const n = 1 + rng.below(4);
      attrs.group = Array.from({ length: n }, () => ({ id: this.id(rng), weight: rng.chance(0.7) ? 0 : rng.below(256), weightHigh: 0, resvd2: 0 }));
      if (rng.chance(0.3)) {
        attrs.groupType = NEXTHOP_GRP_TYPE.NEXTHOP_GRP_TYPE_RES;
        attrs.resGroup = { buckets: rng.pick([1, 2, 8, 32, 128]), idleTimer: rng.below(1000), unbalancedTimer: rng.below(1000) };
      }
      if (rng.chance(0.1)) attrs.fdb = true;
    } else {
      Object.assign(attrs, this.kit.draw(this.attrs, nexthopAttrs, rng, model));
      family = rng.pick([AF_UNSPEC, AF_INET, AF_INET6]);
    }
    return { ...base, label: `newnexthop:${which}`, replies: 'any', msg: { type: RTM.RTM_NEWNEXTHOP, flags, seq: 0, pid: 0, header: this.header(family, rng, onlink), attrs } };
  }
}

export const operations: FamilyOperations = (kit) => {
  const ops = new NexthopOps(kit);
  return (id, rng, model) => ops.next(id, rng, model);
};
