/**
 * The kernel fuzzer's rule operations: RTM_NEWRULE with documentation
 * prefixes, a random action and table, and drawn selectors (marks, ports,
 * uid ranges, interface names of the model); deletions by priority or by
 * drawn selectors, and dumps of both families. Rules act only inside the
 * fuzzer's namespace. The model does not track rules: what the fuzzer
 * checks for them is the kernel's answers and notifications.
 */
import type { Arbitrary } from 'fast-check';
import { setArbitrary } from '../../arbitraries/index.js';
import type { Model } from '../../fuzz/model.js';
import type { FamilyOperations, Op, OpKit } from '../../fuzz/ops.js';
import type { Rng } from '../../fuzz/rng.js';
import { AF_INET, AF_INET6, RTM } from '../../rtnl/constants.js';
import { ruleAttrs } from './attrs.js';
import { FIB_RULE, FR_ACT } from './header.js';

class RuleOps {
  private readonly attrs: Arbitrary<Record<string, unknown>>;

  constructor(private readonly kit: OpKit) {
    // Prefixes come from the skeleton (documentation ranges); names from the model.
    this.attrs = setArbitrary(ruleAttrs, kit.options({ exclude: ['FRA_SRC', 'FRA_DST', 'FRA_IIFNAME', 'FRA_OIFNAME', 'FRA_PRIORITY'] }));
  }

  next(id: number, rng: Rng, model: Model): Op {
    const which = rng.weighted<string>([[50, 'new'], [25, 'del'], [5, 'dump']]);
    const family: 4 | 6 = rng.chance(0.6) ? 4 : 6;
    const af = family === 4 ? AF_INET : AF_INET6;
    const header = { family: af, dstLen: 0, srcLen: 0, tos: 0, table: 0, res1: 0, res2: 0, action: 0, flags: 0 };
    if (which === 'dump') {
      return { id, label: 'dump:rule', family: 'rule', dump: true, replies: 'any', msg: { type: RTM.RTM_GETRULE, flags: 0, seq: 0, pid: 0, header, attrs: {} } };
    }
    const attrs: Record<string, unknown> = rng.chance(0.7) ? { ...this.kit.draw(this.attrs, ruleAttrs, rng, model) } : {};
    // Priorities from a small range, so that deletions meet the rules added.
    attrs.priority = 1000 + rng.below(32);
    const max = family === 4 ? 32 : 128;
    for (const [key, len] of [['src', 'srcLen'], ['dst', 'dstLen']] as const) {
      if (!rng.chance(0.4)) continue;
      attrs[key] = this.kit.docAddress(rng, family);
      (header as Record<string, number>)[len] = rng.int(family === 4 ? 15 : 32, max);
    }
    const l = this.kit.pickLink(rng, model);
    if (l !== undefined && rng.chance(0.2)) attrs.iifname = l.name;
    if (l !== undefined && rng.chance(0.1)) attrs.oifname = l.name;
    header.action = rng.weighted([[6, FR_ACT.FR_ACT_TO_TBL], [1, FR_ACT.FR_ACT_GOTO], [1, FR_ACT.FR_ACT_NOP], [1, FR_ACT.FR_ACT_BLACKHOLE], [1, FR_ACT.FR_ACT_UNREACHABLE], [1, rng.below(16)]]);
    header.table = rng.weighted([[4, 0], [2, 100 + rng.below(8)], [1, 254], [1, rng.below(256)]]);
    if (rng.chance(0.1)) header.flags = FIB_RULE.FIB_RULE_INVERT;
    if (rng.chance(0.05)) header.tos = rng.below(256);
    if (which === 'del') {
      // Mostly by priority alone (header zeros match any rule), as `ip rule del pref N`.
      const byPriority = rng.chance(0.7);
      const msg = byPriority
        ? { type: RTM.RTM_DELRULE, flags: 0, seq: 0, pid: 0, header: { ...header, dstLen: 0, srcLen: 0, tos: 0, table: 0, action: 0, flags: 0 }, attrs: { priority: attrs.priority } }
        : { type: RTM.RTM_DELRULE, flags: 0, seq: 0, pid: 0, header, attrs };
      return { id, label: byPriority ? 'delrule:pref' : 'delrule', family: 'rule', dump: false, replies: 'none', msg };
    }
    return { id, label: 'newrule', family: 'rule', dump: false, replies: 'any', msg: { type: RTM.RTM_NEWRULE, flags: this.kit.newFlags(rng, true), seq: 0, pid: 0, header, attrs } };
  }
}

export const operations: FamilyOperations = (kit) => {
  const ops = new RuleOps(kit);
  return (id, rng, model) => ops.next(id, rng, model);
};
