/**
 * The kernel fuzzer's neighbour operations: RTM_NEWNEIGH of documentation
 * addresses on links of the model (add, replace, change; any state, proxy
 * entries), deletions, GETNEIGH and dumps of every family. The model does
 * not track neighbours: what the fuzzer checks for them is the kernel's
 * answers and notifications.
 */
import type { Arbitrary } from 'fast-check';
import { setArbitrary } from '../../arbitraries/index.js';
import type { Model } from '../../fuzz/model.js';
import type { FamilyOperations, Op, OpKit } from '../../fuzz/ops.js';
import type { Rng } from '../../fuzz/rng.js';
import { AF_BRIDGE, AF_INET, AF_INET6, AF_UNSPEC, RTM } from '../../rtnl/constants.js';
import { neighAttrs } from './attrs.js';
import { NTF, NUD } from './header.js';

class NeighOps {
  private readonly attrs: Record<4 | 6, Arbitrary<Record<string, unknown>>>;

  constructor(private readonly kit: OpKit) {
    const fam = (f: 4 | 6) => setArbitrary(neighAttrs, kit.options({ family: f, exclude: ['NDA_DST'] }));
    this.attrs = { 4: fam(4), 6: fam(6) };
  }

  next(id: number, rng: Rng, model: Model): Op {
    const which = rng.weighted<string>([[50, 'new'], [20, 'del'], [8, 'get'], [5, 'dump']]);
    const family: 4 | 6 = rng.chance(0.6) ? 4 : 6;
    const af = family === 4 ? AF_INET : AF_INET6;
    if (which === 'dump') {
      const fam = rng.pick([AF_UNSPEC, AF_INET, AF_INET6, AF_BRIDGE]);
      const proxy = rng.chance(0.2) ? NTF.NTF_PROXY : 0;
      return { id, label: 'dump:neigh', family: 'neigh', dump: true, replies: 'any', msg: { type: RTM.RTM_GETNEIGH, flags: 0, seq: 0, pid: 0, header: { family: fam, ifindex: 0, state: 0, flags: proxy, type: 0 }, attrs: {} } };
    }
    const l = this.kit.pickLink(rng, model);
    const ifindex = l?.index ?? (rng.chance(0.5) ? 1 : rng.below(64));
    const dst = this.kit.docAddress(rng, family);
    const flags = rng.weighted([[8, 0], [1, NTF.NTF_ROUTER], [1, NTF.NTF_PROXY], [1, rng.below(256)]]);
    if (which === 'get' || which === 'del') {
      const type = which === 'get' ? RTM.RTM_GETNEIGH : RTM.RTM_DELNEIGH;
      return { id, label: `${which}neigh`, family: 'neigh', dump: false, replies: which === 'get' ? 'one' : 'none', msg: { type, flags: 0, seq: 0, pid: 0, header: { family: af, ifindex, state: 0, flags: flags & NTF.NTF_PROXY, type: 0 }, attrs: { dst } } };
    }
    const state = rng.weighted([[4, NUD.NUD_PERMANENT], [2, NUD.NUD_REACHABLE], [2, NUD.NUD_STALE], [1, NUD.NUD_NOARP], [1, rng.below(256)]]);
    const attrs: Record<string, unknown> = { ...this.kit.draw(this.attrs[family], neighAttrs, rng, model), dst };
    return {
      id,
      label: 'newneigh',
      family: 'neigh',
      dump: false,
      replies: 'any',
      msg: { type: RTM.RTM_NEWNEIGH, flags: this.kit.newFlags(rng, rng.chance(0.8)), seq: 0, pid: 0, header: { family: af, ifindex, state, flags, type: 0 }, attrs },
    };
  }
}

export const operations: FamilyOperations = (kit) => {
  const ops = new NeighOps(kit);
  return (id, rng, model) => ops.next(id, rng, model);
};
