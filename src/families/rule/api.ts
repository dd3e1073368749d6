/** `handle.rules`: the routing policy rules of a handle's namespace (`ip rule`). */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIfname, checkUint, networkOf, parseCidr } from '../../api/validate.js';
import { IPPROTO, RT_TABLE } from '../../rtnl/constants.js';
import { FR_ACT } from './header.js';
import { kernelWords } from '../../schema/enums.js';
import * as req from './requests.js';
import { toRule, type Rule } from './view.js';

/** A port, or a range `[first, last]`. */
export type PortRange = number | readonly [number, number];

/** A rule to add, or the selectors of one to delete. */
export interface RuleOptions {
  /** IPv4 (default) or IPv6; taken from `from`/`to` when they are given. */
  family?: 4 | 6;
  /** `pref`: the position in the list (the kernel picks one below the previous rule's when omitted). */
  priority?: number;
  /** Source prefix (`198.18.0.0/24`, `2001:db8::/32`). */
  from?: string;
  /** Destination prefix. */
  to?: string;
  /** Negate the selectors (`not`). */
  not?: boolean;
  tos?: number;
  fwmark?: number;
  fwmask?: number;
  /** Incoming and outgoing interface names. */
  iif?: string;
  oif?: string;
  uidrange?: readonly [number, number];
  /** An IP protocol number, or the kernel's word for it (`tcp`, `udp`, `icmpv6`: IPPROTO_* in lower case). */
  ipproto?: number | string;
  sport?: PortRange;
  dport?: PortRange;
  /** The table to look up (`main`, `local`, `default` or an id). */
  table?: number | 'main' | 'local' | 'default';
  suppressPrefixlength?: number;
  suppressIfgroup?: number;
  /** What the rule does (default `lookup`: the table). */
  action?: 'lookup' | 'goto' | 'nop' | 'blackhole' | 'unreachable' | 'prohibit';
  /** `goto`'s target priority. */
  goto?: number;
  /** RTPROT_* originator. */
  protocol?: number;
}

const ACTIONS: Readonly<Record<NonNullable<RuleOptions['action']>, number>> = {
  lookup: FR_ACT.FR_ACT_TO_TBL,
  goto: FR_ACT.FR_ACT_GOTO,
  nop: FR_ACT.FR_ACT_NOP,
  blackhole: FR_ACT.FR_ACT_BLACKHOLE,
  unreachable: FR_ACT.FR_ACT_UNREACHABLE,
  prohibit: FR_ACT.FR_ACT_PROHIBIT,
};

/** The table ids `ip rule` takes by name. */
export const RULE_TABLES = { main: RT_TABLE.RT_TABLE_MAIN, local: RT_TABLE.RT_TABLE_LOCAL, default: RT_TABLE.RT_TABLE_DEFAULT } as const;

/** Rules of the handle's namespace. */
export class RuleFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** The rules of one family (default IPv4), in priority order. */
  async list(filter: { family?: 4 | 6 } = {}): Promise<Rule[]> {
    const msgs = await (await this.ctx.inside()).dump(req.ruleDump(filter.family ?? 4));
    return msgs.map(toRule);
  }

  /** Adds a rule (`ip rule add`); without a table or another action it looks up `main`. */
  async add(r: RuleOptions): Promise<void> {
    const spec = ruleSpec(r);
    if ((spec.action ?? FR_ACT.FR_ACT_TO_TBL) === FR_ACT.FR_ACT_TO_TBL && spec.table === undefined) spec.table = RT_TABLE.RT_TABLE_MAIN;
    await (await this.ctx.inside()).request(req.ruleAdd(spec));
  }

  /** Deletes the first rule matching every selector given (`ip rule del`). */
  async delete(r: RuleOptions): Promise<void> {
    await (await this.ctx.inside()).request(req.ruleDelete(ruleSpec(r)));
  }

  /** Deletes every rule of the family but priority 0's (`ip rule flush`); resolves to how many. */
  async flush(filter: { family?: 4 | 6 } = {}): Promise<number> {
    const rules = (await this.list(filter)).filter((r) => r.priority !== 0);
    const conn = await this.ctx.inside();
    for (const r of rules) await conn.request(req.ruleDeleteAsDumped(r.message));
    return rules.length;
  }
}

function range(v: PortRange, what: string): { start: number; end: number } {
  const [start, end] = typeof v === 'number' ? [v, v] : v;
  return { start: checkUint(start, what, 0xffff), end: checkUint(end, what, 0xffff) };
}

/** Checks every option, before anything is sent. */
function ruleSpec(r: RuleOptions): req.RuleSpec {
  const spec: req.RuleSpec = { family: r.family ?? 4 };
  if (r.family !== undefined && r.family !== 4 && r.family !== 6) throw new InvalidArgumentError(`family must be 4 or 6, not ${String(r.family)}`, String(r.family));
  for (const k of ['from', 'to'] as const) {
    const v = r[k];
    if (v === undefined || v === 'all') continue;
    const c = parseCidr(v);
    if (r.family !== undefined && c.family !== r.family) throw new InvalidArgumentError(`${k} ${v} is not an IPv${r.family} prefix`, v);
    spec.family = c.family;
    spec[k === 'from' ? 'src' : 'dst'] = { address: networkOf(c), prefixlen: c.prefixlen };
  }
  if (r.priority !== undefined) spec.priority = checkUint(r.priority, 'priority');
  if (r.not) spec.invert = true;
  if (r.tos !== undefined) spec.tos = checkUint(r.tos, 'tos', 255);
  if (r.fwmark !== undefined) spec.fwmark = checkUint(r.fwmark, 'fwmark');
  if (r.fwmask !== undefined) spec.fwmask = checkUint(r.fwmask, 'fwmask');
  if (r.iif !== undefined) spec.iif = checkIfname(r.iif, 'iif');
  if (r.oif !== undefined) spec.oif = checkIfname(r.oif, 'oif');
  if (r.uidrange !== undefined) spec.uidRange = { start: checkUint(r.uidrange[0], 'uidrange'), end: checkUint(r.uidrange[1], 'uidrange') };
  if (r.ipproto !== undefined) {
    const words = kernelWords(IPPROTO, 'IPPROTO_');
    const p = typeof r.ipproto === 'number' ? r.ipproto : Object.keys(words).map(Number).find((v) => words[v] === r.ipproto);
    if (p === undefined) throw new InvalidArgumentError(`unknown IP protocol "${String(r.ipproto)}"`, String(r.ipproto));
    spec.ipProto = checkUint(p, 'ipproto', 255);
  }
  if (r.sport !== undefined) spec.sport = range(r.sport, 'sport');
  if (r.dport !== undefined) spec.dport = range(r.dport, 'dport');
  if (r.table !== undefined) spec.table = typeof r.table === 'string' ? RULE_TABLES[r.table] : checkUint(r.table, 'table');
  if (spec.table === undefined && r.table !== undefined) throw new InvalidArgumentError(`unknown table "${String(r.table)}"`, String(r.table));
  if (r.suppressPrefixlength !== undefined) spec.suppressPrefixlen = checkUint(r.suppressPrefixlength, 'suppressPrefixlength', 128);
  if (r.suppressIfgroup !== undefined) spec.suppressIfgroup = checkUint(r.suppressIfgroup, 'suppressIfgroup');
  if (r.action !== undefined) {
    const a = ACTIONS[r.action];
    if (a === undefined) throw new InvalidArgumentError(`unknown rule action "${String(r.action)}" (${Object.keys(ACTIONS).join(', ')})`, String(r.action));
    spec.action = a;
  }
  if (r.goto !== undefined) {
    spec.goto = checkUint(r.goto, 'goto');
    spec.action = FR_ACT.FR_ACT_GOTO;
  }
  if (r.protocol !== undefined) spec.protocol = checkUint(r.protocol, 'protocol', 255);
  return spec;
}
