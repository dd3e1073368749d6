/** What the kernel fuzzer may send of addresses (see `src/fuzz/safety.ts` for the whole set of rules). */
import { docPrefixMin } from '../../arbitraries/doc-range.js';
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';

/** An address's prefix must lie inside the documentation ranges (the kernel adds a route for it): at least /15 (IPv4) or /32 (IPv6). */
export function addressPrefixReason(msg: Message): string | undefined {
  if (msg.type === RTM.RTM_NEWADDR && (msg.header?.prefixlen ?? 0) < docPrefixMin(msg.header?.family)) return `address prefix /${String(msg.header?.prefixlen)} is wider than the documentation ranges`;
  return undefined;
}
