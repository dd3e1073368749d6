/**
 * Rules as `ip rule` (iproute2 6.1) prints them, from decoded RTM_NEWRULE /
 * RTM_DELRULE messages: `100:\tfrom 198.18.0.0/24 lookup 100`, in JSON
 * `{"priority": 100, "src": "198.18.0.0", "srclen": 24, "table": "100"}`.
 */
import type { Message } from '../../netlink/message.js';
import { AF_INET6, RTM, RTPROT } from '../../rtnl/constants.js';
import { Out, hex0x, num, type JsonObject } from '../../format/printer.js';
import { groupName } from '../link/names.js';
import { dsfieldName, protocolName, realmName, routeTypeName, tableName } from '../route/names.js';
import { FIB_RULE, FR_ACT } from './header.js';
import { ipprotoName } from './names.js';

export interface RuleFormatOptions {
  /** `-d`: the protocol even when it is the kernel's. */
  details?: boolean;
}

type Range = { start: number; end: number };

function ports(o: Out, key: string, r: Range, mask: number | undefined, full: number): void {
  if (r.start !== r.end) {
    o.any(`${key}_start`, r.start, ` ${key} ${r.start}`);
    o.any(`${key}_end`, r.end, `-${r.end}`);
  } else if (mask === undefined || mask === full) {
    // A full mask (kernels since 6.12 report one) prints as none, as iproute2 6.1 does.
    o.any(key, r.start, ` ${key} ${r.start}`);
  }
  else {
    o.j(key, r.start);
    o.j(`${key}_mask`, hex0x(mask));
    o.t(` ${key} ${hex0x(r.start)}/${hex0x(mask)}`);
  }
}

function printRule(o: Out, m: Message, opts: RuleFormatOptions): void {
  const h = m.header ?? {};
  const a = m.attrs ?? {};
  const hostLen = h.family === AF_INET6 ? 128 : 32;
  const flags = num(h.flags);
  if (m.type === RTM.RTM_DELRULE) o.any('deleted', true, 'Deleted ');
  const prio = num(a.priority);
  o.any('priority', prio, `${prio}:\t`);
  if (flags & FIB_RULE.FIB_RULE_INVERT) o.any('not', null, 'not ');
  if (a.src !== undefined) {
    o.t('from ');
    o.any('src', a.src, a.src);
    if (h.srcLen !== hostLen) o.any('srclen', h.srcLen, `/${h.srcLen}`);
  } else if (h.srcLen) {
    o.any('src', '0', 'from 0');
    o.any('srclen', h.srcLen, `/${h.srcLen}`);
  } else o.any('src', 'all', 'from all');
  if (a.dst !== undefined) {
    o.t(' to ');
    o.any('dst', a.dst, a.dst);
    if (h.dstLen !== hostLen) o.any('dstlen', h.dstLen, `/${h.dstLen}`);
  } else if (h.dstLen) {
    o.any('dst', '0', ' to 0');
    o.any('dstlen', h.dstLen, `/${h.dstLen}`);
  }
  if (h.tos) {
    const t = dsfieldName(h.tos);
    o.any('tos', t, ` tos ${t}`);
  }
  if (a.fwmark !== undefined || a.fwmask !== undefined) {
    const mark = num(a.fwmark);
    o.any('fwmark', hex0x(mark), ` fwmark ${hex0x(mark)}`);
    if (a.fwmask !== undefined && num(a.fwmask) !== 0xffffffff) o.any('fwmask', hex0x(num(a.fwmask)), `/${hex0x(num(a.fwmask))}`);
  }
  if (a.iifname !== undefined) {
    o.t(' iif ');
    o.any('iif', a.iifname, a.iifname);
    if (flags & FIB_RULE.FIB_RULE_IIF_DETACHED) o.any('iif_detached', null, ' [detached]');
  }
  if (a.oifname !== undefined) {
    o.t(' oif ');
    o.any('oif', a.oifname, a.oifname);
    if (flags & FIB_RULE.FIB_RULE_OIF_DETACHED) o.any('oif_detached', null, ' [detached]');
  }
  if (num(a.l3mdev)) o.any('l3mdev', null, ' lookup [l3mdev-table]');
  if (a.uidRange !== undefined) {
    o.any('uid_start', a.uidRange.start, ` uidrange ${a.uidRange.start}`);
    o.any('uid_end', a.uidRange.end, `-${a.uidRange.end}`);
  }
  if (a.ipProto !== undefined) {
    const p = ipprotoName(num(a.ipProto));
    o.any('ipproto', p, ` ipproto ${p}`);
  }
  if (a.sportRange !== undefined) ports(o, 'sport', a.sportRange, a.sportMask, 0xffff);
  if (a.dportRange !== undefined) ports(o, 'dport', a.dportRange, a.dportMask, 0xffff);
  if (a.tunId !== undefined) o.any('tun_id', num(a.tunId), ` tun_id ${BigInt(a.tunId)}`);
  const table = a.table ?? h.table;
  if (table) {
    const t = tableName(num(table));
    o.any('table', t, ` lookup ${t}`);
    if (a.suppressPrefixlen !== undefined && a.suppressPrefixlen !== -1) o.any('suppress_prefixlen', a.suppressPrefixlen, ` suppress_prefixlength ${a.suppressPrefixlen}`);
    if (a.suppressIfgroup !== undefined && a.suppressIfgroup !== -1) {
      const g = groupName(a.suppressIfgroup);
      o.any('suppress_ifgroup', g, ` suppress_ifgroup ${g}`);
    }
  }
  if (a.flow !== undefined) {
    const flow = num(a.flow);
    const from = flow >>> 16;
    if (from) o.any('flow_from', realmName(from), ` realms ${realmName(from)}/`);
    else o.t(' realms ');
    o.any('flow_to', realmName(flow & 0xffff), realmName(flow & 0xffff));
  }
  if (h.action === FR_ACT.FR_ACT_GOTO) {
    if (a.goto !== undefined) o.any('goto', num(a.goto), ` goto ${num(a.goto)}`);
    else o.any('goto', 'none', ' goto none');
    if (flags & FIB_RULE.FIB_RULE_UNRESOLVED) o.any('unresolved', null, ' [unresolved]');
  } else if (h.action === FR_ACT.FR_ACT_NOP) o.any('nop', null, ' nop');
  else if (h.action !== FR_ACT.FR_ACT_TO_TBL) {
    // iproute2 names the action as a route type (FR_ACT_BLACKHOLE = RTN_BLACKHOLE...).
    const t = routeTypeName(h.action);
    o.any('action', t, ` ${t}`);
  }
  if (a.protocol !== undefined) {
    const p = num(a.protocol);
    if ((p && p !== RTPROT.RTPROT_KERNEL) || opts.details) o.any('protocol', protocolName(p), ` proto ${protocolName(p)}`);
  }
  o.t('\n');
}

/** The object `ip -j rule` prints for one rule message. */
export function ruleJSON(m: Message, opts: RuleFormatOptions = {}): JsonObject {
  const o = new Out(true);
  printRule(o, m, opts);
  return o.object();
}

/** The line `ip rule` prints for one rule message. */
export function ruleText(m: Message, opts: RuleFormatOptions = {}): string[] {
  const o = new Out(false);
  printRule(o, m, opts);
  return o.lines();
}
