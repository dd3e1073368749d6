/** What the kernel fuzzer may send of routes (see `src/fuzz/safety.ts` for the whole set of rules). */
import { docPrefixMin } from '../../arbitraries/doc-range.js';
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';

/** Congestion-control algorithms that are always built in (RTAX_CC_ALGO): any other name may make the kernel load a module. */
export const CC_ALGOS: readonly string[] = ['reno', 'cubic'];

/** A route's destination (and source) prefix must lie inside the documentation ranges: at least /15 (IPv4) or /32 (IPv6). */
export function routePrefixReason(msg: Message): string | undefined {
  if (msg.type !== RTM.RTM_NEWROUTE && msg.type !== RTM.RTM_DELROUTE) return undefined;
  const min = docPrefixMin(msg.header?.family);
  if (msg.attrs?.dst === undefined || (msg.header?.dstLen ?? 0) < min) return `route prefix ${String(msg.attrs?.dst ?? 'default')}/${String(msg.header?.dstLen)} is wider than the documentation ranges`;
  if ((msg.header?.srcLen ?? 0) > 0 && (msg.attrs?.src === undefined || msg.header!.srcLen < min)) return `route source prefix /${String(msg.header!.srcLen)} is wider than the documentation ranges`;
  return undefined;
}
