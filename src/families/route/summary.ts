/**
 * A route message in one line, in `ip route`'s words: the type when not
 * unicast, the destination (`default` for a zero-length prefix), the
 * gateway, the device index, the next-hop object, and the table when
 * not main.
 */
import type { Message } from '../../netlink/message.js';
import { RT_TABLE, RTN } from '../../rtnl/constants.js';
import { kernelWords } from '../../schema/enums.js';

export function routeSummary(m: Message): string[] {
  const h = m.header ?? {};
  const a = m.attrs ?? {};
  const w: string[] = [];
  const type = kernelWords(RTN, 'RTN_')[h.type];
  if (type !== undefined && h.type !== RTN.RTN_UNSPEC && h.type !== RTN.RTN_UNICAST) w.push(type);
  if (typeof a.dst === 'string') w.push(h.dstLen === (a.dst.includes(':') ? 128 : 32) ? a.dst : `${a.dst}/${h.dstLen}`);
  else if (h.dstLen === 0 && (h.type !== RTN.RTN_UNSPEC || typeof a.gateway === 'string')) w.push('default');
  if (typeof a.gateway === 'string') w.push('via', a.gateway);
  if (typeof a.oif === 'number') w.push(`dev ${a.oif}`);
  if (typeof a.nhId === 'number') w.push(`nhid ${a.nhId}`);
  const table = typeof a.table === 'number' ? a.table : h.table;
  if (typeof table === 'number' && table !== RT_TABLE.RT_TABLE_UNSPEC && table !== RT_TABLE.RT_TABLE_MAIN) w.push('table', tableWord(table));
  return w;
}

/** A table as `ip route` names it: `default`, `local`, or the number (RT_TABLE_COMPAT, 252, has no word there). */
function tableWord(table: number): string {
  return (table !== RT_TABLE.RT_TABLE_COMPAT ? kernelWords(RT_TABLE, 'RT_TABLE_')[table] : undefined) ?? String(table);
}
