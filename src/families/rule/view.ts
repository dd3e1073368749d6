/**
 * The friendly view of a decoded RTM_NEWRULE, as the API returns it; the
 * full decoded message stays in `message` for anything not lifted.
 */
import type { Message } from '../../netlink/message.js';
import { AF_INET6 } from '../../rtnl/constants.js';
import { kernelWord, type KernelWord } from '../../schema/enums.js';
import { FIB_RULE, FR_ACT } from './header.js';

/** A rule's action by the kernel's word (`FR_ACT_TO_TBL` is `to_tbl`). */
export type RuleActionName = KernelWord<typeof FR_ACT, 'FR_ACT_'>;

/** A routing policy rule. */
export interface Rule {
  family: 4 | 6;
  priority: number;
  /** Source prefix (`198.18.0.0/24`), or `all`. */
  from: string;
  /** Destination prefix, when the rule has one. */
  to?: string;
  /** FIB_RULE_INVERT: the selectors are negated (`not`). */
  not: boolean;
  /** The table looked up (FRA_TABLE, else the header's), 0 for none. */
  table: number;
  action: RuleActionName | `${number}`;
  iif?: string;
  oif?: string;
  fwmark?: number;
  fwmask?: number;
  /** FR_ACT_GOTO's target priority. */
  goto?: number;
  /** RTPROT_* originator. */
  protocol?: number;
  message: Message;
}

export function toRule(m: Message): Rule {
  const a = m.attrs ?? {};
  const h = m.header!;
  const r: Rule = {
    family: h.family === AF_INET6 ? 6 : 4,
    priority: a.priority ?? 0,
    from: a.src === undefined ? 'all' : `${a.src}/${h.srcLen}`,
    not: (h.flags & FIB_RULE.FIB_RULE_INVERT) !== 0,
    table: a.table ?? h.table,
    action: kernelWord(FR_ACT, 'FR_ACT_', h.action),
    message: m,
  };
  if (a.dst !== undefined) r.to = `${a.dst}/${h.dstLen}`;
  for (const [k, v] of [['iif', a.iifname], ['oif', a.oifname], ['fwmark', a.fwmark], ['fwmask', a.fwmask], ['goto', a.goto], ['protocol', a.protocol]] as const) if (v !== undefined) (r as unknown as Record<string, unknown>)[k] = v;
  return r;
}
