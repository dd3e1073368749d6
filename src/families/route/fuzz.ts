/**
 * The kernel fuzzer's route operations: RTM_NEWROUTE of documentation
 * prefixes (unicast through links of the model, blackhole, unreachable,
 * prohibit, local), deletions of known and random ones, GETROUTE lookups
 * and dumps.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { setArbitrary, structArbitrary } from '../../arbitraries/index.js';
import { maskAddress, tableOf, type Model } from '../../fuzz/model.js';
import type { FamilyOperations, Op, OpKit } from '../../fuzz/ops.js';
import type { Rng } from '../../fuzz/rng.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_SCOPE, RT_TABLE, RTM, RTN, RTPROT } from '../../rtnl/constants.js';
import { routeAttrs } from './attrs.js';
import { rtmsg } from './header.js';
import { CC_ALGOS } from './safety.js';

class RouteOps {
  private readonly route: Record<4 | 6, { attrs: Arbitrary<Record<string, unknown>>; header: Arbitrary<Record<string, unknown>> }>;

  constructor(private readonly kit: OpKit) {
    const fam = (f: 4 | 6) => ({
      attrs: setArbitrary(routeAttrs, kit.options({ family: f, exclude: ['RTA_DST', 'RTA_TABLE'], overrides: { RTAX_CC_ALGO: fc.constantFrom(...CC_ALGOS) } })),
      header: structArbitrary(rtmsg, { kernelValid: true, family: f }),
    });
    this.route = { 4: fam(4), 6: fam(6) };
  }

  next(id: number, rng: Rng, model: Model): Op {
    const which = rng.weighted<string>([[50, 'new'], [25, 'del'], [5, 'dump'], [10, 'get']]);
    const family: 4 | 6 = rng.chance(0.6) ? 4 : 6;
    const af = family === 4 ? AF_INET : AF_INET6;
    if (which === 'dump') {
      const fam = rng.pick([AF_UNSPEC, AF_INET, AF_INET6]);
      return { id, label: 'dump:route', family: 'route', dump: true, replies: 'any', msg: { type: RTM.RTM_GETROUTE, flags: 0, seq: 0, pid: 0, header: { family: fam, dstLen: 0, srcLen: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: 0 }, attrs: {} } };
    }
    if (which === 'get') {
      const attrs: Record<string, unknown> = { dst: this.kit.docAddress(rng, family) };
      const l = this.kit.pickLink(rng, model);
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
    const attrs: Record<string, unknown> = { ...this.kit.draw(this.route[family].attrs, routeAttrs, rng, model) };
    if ((header.srcLen as number) > 0 && attrs.src === undefined) header.srcLen = 0;
    const raw = this.kit.docAddress(rng, family);
    attrs.dst = rng.chance(0.8) ? maskAddress(raw, dstLen) || raw : raw;
    const l = this.kit.pickLink(rng, model);
    const gw = rng.chance(0.35);
    if (rng.chance(0.75)) {
      header.table = rng.chance(0.8) ? RT_TABLE.RT_TABLE_MAIN : rng.int(1, 252);
      header.protocol = rng.pick([RTPROT.RTPROT_BOOT, RTPROT.RTPROT_STATIC, header.protocol as number]);
      header.type = rng.chance(0.85) ? RTN.RTN_UNICAST : rng.pick([RTN.RTN_BLACKHOLE, RTN.RTN_UNREACHABLE, RTN.RTN_PROHIBIT, RTN.RTN_LOCAL]);
      header.scope = gw ? RT_SCOPE.RT_SCOPE_UNIVERSE : RT_SCOPE.RT_SCOPE_LINK;
      header.tos = 0;
      header.flags = 0;
      if (l?.index !== undefined && header.type === RTN.RTN_UNICAST) attrs.oif = l.index;
      if (gw) attrs.gateway = this.kit.docAddress(rng, family);
    }
    const del = which === 'del';
    const expiring = attrs.expires !== undefined;
    return {
      id,
      label: del ? 'delroute:random' : 'newroute',
      family: 'route',
      dump: false,
      replies: 'any',
      msg: { type: del ? RTM.RTM_DELROUTE : RTM.RTM_NEWROUTE, flags: del ? 0 : this.kit.newFlags(rng, rng.chance(0.95)), seq: 0, pid: 0, header, attrs },
      onAck: (m, _r) => {
        const msg = { header, attrs } as Message;
        const r = { family, table: tableOf(msg), dst: maskAddress(attrs.dst as string, dstLen), dstLen };
        if (del) m.deleteRoute(r);
        else m.addRoute({ ...r, expiring });
      },
    };
  }
}

export const operations: FamilyOperations = (kit) => {
  const ops = new RouteOps(kit);
  return (id, rng, model) => ops.next(id, rng, model);
};
