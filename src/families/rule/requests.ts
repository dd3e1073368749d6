/**
 * Builders of rule (RTM_*RULE) requests from checked, resolved arguments.
 * Pure: they return {@link Message}s and send nothing. Flags as iproute2's
 * (`ip rule add` CREATE|EXCL); tables above 255 travel in FRA_TABLE, as
 * iproute2 sends them. Attributes come in a fixed order (iproute2 sends
 * them in the order of its arguments; the kernel reads them by type).
 */
import { NLM_F_CREATE, NLM_F_EXCL } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, RTM } from '../../rtnl/constants.js';
import { FIB_RULE, FR_ACT } from './header.js';

/** Resolved arguments of a rule. */
export interface RuleSpec {
  family: 4 | 6;
  priority?: number;
  src?: { address: string; prefixlen: number };
  dst?: { address: string; prefixlen: number };
  invert?: boolean;
  tos?: number;
  fwmark?: number;
  fwmask?: number;
  iif?: string;
  oif?: string;
  uidRange?: { start: number; end: number };
  ipProto?: number;
  sport?: { start: number; end: number };
  dport?: { start: number; end: number };
  table?: number;
  suppressPrefixlen?: number;
  suppressIfgroup?: number;
  /** FR_ACT_* value (delete: 0 matches any). */
  action?: number;
  goto?: number;
  /** FRA_FLOW: realm from << 16 | realm to. */
  flow?: number;
  protocol?: number;
}

function ruleMessage(type: number, flags: number, s: RuleSpec, defaultAction: number): Message {
  const table = s.table ?? 0;
  const header = {
    family: s.family === 6 ? AF_INET6 : AF_INET,
    dstLen: s.dst?.prefixlen ?? 0,
    srcLen: s.src?.prefixlen ?? 0,
    tos: s.tos ?? 0,
    table: table < 256 ? table : 0,
    res1: 0,
    res2: 0,
    action: s.action ?? defaultAction,
    flags: s.invert ? FIB_RULE.FIB_RULE_INVERT : 0,
  };
  const attrs: Record<string, unknown> = {};
  if (s.src !== undefined) attrs.src = s.src.address;
  if (s.dst !== undefined) attrs.dst = s.dst.address;
  if (s.fwmark !== undefined) attrs.fwmark = s.fwmark;
  if (s.fwmask !== undefined) attrs.fwmask = s.fwmask;
  if (s.iif !== undefined) attrs.iifname = s.iif;
  if (s.oif !== undefined) attrs.oifname = s.oif;
  if (s.uidRange !== undefined) attrs.uidRange = s.uidRange;
  if (s.ipProto !== undefined) attrs.ipProto = s.ipProto;
  if (s.dport !== undefined) attrs.dportRange = s.dport;
  if (s.sport !== undefined) attrs.sportRange = s.sport;
  if (s.priority !== undefined) attrs.priority = s.priority;
  if (s.flow !== undefined) attrs.flow = s.flow;
  if (table >= 256) attrs.table = table;
  if (s.suppressPrefixlen !== undefined) attrs.suppressPrefixlen = s.suppressPrefixlen;
  if (s.suppressIfgroup !== undefined) attrs.suppressIfgroup = s.suppressIfgroup;
  if (s.goto !== undefined) attrs.goto = s.goto;
  if (s.protocol !== undefined) attrs.protocol = s.protocol;
  return { type, flags, seq: 0, pid: 0, header, attrs };
}

/** RTM_NEWRULE (`ip rule add`). */
export function ruleAdd(s: RuleSpec): Message {
  return ruleMessage(RTM.RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, s, FR_ACT.FR_ACT_TO_TBL);
}

/** RTM_DELRULE (`ip rule del`): the kernel deletes the first rule every given selector matches. */
export function ruleDelete(s: RuleSpec): Message {
  return ruleMessage(RTM.RTM_DELRULE, 0, s, FR_ACT.FR_ACT_UNSPEC);
}

/** RTM_DELRULE of a rule as the kernel reported it (`ip rule flush` sends the dump's messages back). */
export function ruleDeleteAsDumped(m: Message): Message {
  return { type: RTM.RTM_DELRULE, flags: 0, seq: 0, pid: 0, header: m.header, attrs: m.attrs };
}

/** RTM_GETRULE dump of one family. */
export function ruleDump(family: 4 | 6 = 4): Message {
  return { type: RTM.RTM_GETRULE, flags: 0, seq: 0, pid: 0, header: { family: family === 6 ? AF_INET6 : AF_INET, dstLen: 0, srcLen: 0, tos: 0, table: 0, res1: 0, res2: 0, action: 0, flags: 0 }, attrs: {} };
}
