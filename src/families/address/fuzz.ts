/**
 * The kernel fuzzer's address operations: RTM_NEWADDR of documentation
 * addresses on links of the model, deletions of known and random ones,
 * GETADDR and dumps.
 */
import type { Arbitrary } from 'fast-check';
import { setArbitrary, structArbitrary } from '../../arbitraries/index.js';
import type { Model } from '../../fuzz/model.js';
import type { FamilyOperations, Op, OpKit } from '../../fuzz/ops.js';
import type { Rng } from '../../fuzz/rng.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_SCOPE, RTM } from '../../rtnl/constants.js';
import { addressAttrs } from './attrs.js';
import { ifaddrmsg, IFA_F } from './header.js';

class AddressOps {
  private readonly addr: Record<4 | 6, { attrs: Arbitrary<Record<string, unknown>>; header: Arbitrary<Record<string, unknown>> }>;

  constructor(private readonly kit: OpKit) {
    const fam = (f: 4 | 6) => ({
      attrs: setArbitrary(addressAttrs, kit.options({ family: f, exclude: ['IFA_LOCAL', 'IFA_ADDRESS'] })),
      header: structArbitrary(ifaddrmsg, { kernelValid: true, family: f }),
    });
    this.addr = { 4: fam(4), 6: fam(6) };
  }

  next(id: number, rng: Rng, model: Model): Op {
    const which = rng.weighted<string>([[50, 'new'], [25, 'del'], [5, 'dump'], [3, 'get']]);
    const family: 4 | 6 = rng.chance(0.6) ? 4 : 6;
    if (which === 'dump' || which === 'get') {
      const fam = rng.pick([AF_UNSPEC, AF_INET, AF_INET6]);
      const l = rng.chance(0.3) ? this.kit.pickLink(rng, model) : undefined;
      return {
        id,
        label: which === 'dump' ? 'dump:addr' : 'getaddr',
        family: 'addr',
        dump: which === 'dump',
        replies: which === 'dump' ? 'any' : 'one',
        msg: { type: RTM.RTM_GETADDR, flags: 0, seq: 0, pid: 0, header: { family: fam, prefixlen: 0, flags: 0, scope: 0, index: l?.index ?? 0 }, attrs: which === 'get' ? { address: this.kit.docAddress(rng, family === 4 ? 4 : 6) } : {} },
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
    const l = this.kit.pickLink(rng, model);
    const local = this.kit.docAddress(rng, family);
    // Without a link of known index: lo (1) mostly, else any number.
    const header: Record<string, unknown> = { ...rng.sample(this.addr[family].header), index: l?.index ?? (rng.chance(0.7) ? 1 : rng.below(64)) };
    // At least /15 or /32: the kernel adds a route for the prefix, which must stay in the ranges.
    header.prefixlen = rng.chance(0.8) ? (family === 4 ? rng.int(15, 32) : rng.int(48, 128)) : Math.max(header.prefixlen as number, family === 4 ? 15 : 32);
    if (rng.chance(0.7)) {
      header.flags = family === 6 && rng.chance(0.7) ? IFA_F.IFA_F_NODAD : 0;
      header.scope = RT_SCOPE.RT_SCOPE_UNIVERSE;
    }
    const attrs: Record<string, unknown> = { ...this.kit.draw(this.addr[family].attrs, addressAttrs, rng, model) };
    if (family === 4 || rng.chance(0.5)) attrs.local = local;
    if (family === 4 ? rng.chance(0.8) : !('local' in attrs) || rng.chance(0.2)) attrs.address = family === 4 && rng.chance(0.1) ? this.kit.docAddress(rng, 4) : local;
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
      msg: { type: del ? RTM.RTM_DELADDR : RTM.RTM_NEWADDR, flags: del ? 0 : this.kit.newFlags(rng, rng.chance(0.9)), seq: 0, pid: 0, header, attrs },
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
}

export const operations: FamilyOperations = (kit) => {
  const ops = new AddressOps(kit);
  return (id, rng, model) => ops.next(id, rng, model);
};
