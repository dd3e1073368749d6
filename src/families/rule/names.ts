/**
 * The names iproute2 (6.1) prints for rule values, read from the declared
 * enums: IP protocols as the stock `/etc/protocols` spells them (iproute2
 * asks getprotobynumber(3); local edits to that file are not seen).
 */
import { IPPROTO } from '../../rtnl/constants.js';
import { wordsOf } from '../../format/words.js';

/** IP protocol words (`tcp`, `udp`, `ipv6-icmp`...), by number; those /etc/protocols lacks print as numbers. */
export const IPPROTO_NAMES: Readonly<Record<number, string>> = wordsOf(IPPROTO, 'IPPROTO_', {
  // /etc/protocols (IANA) spells these otherwise, or has none.
  spelled: {
    IPPROTO_IPIP: 'ipencap',
    IPPROTO_IDP: 'xns-idp',
    IPPROTO_TP: 'iso-tp4',
    IPPROTO_ICMPV6: 'ipv6-icmp',
    IPPROTO_BEETPH: 'ipip',
    IPPROTO_COMP: 'ipcomp',
    IPPROTO_MPLS: 'mpls-in-ip',
    IPPROTO_MTP: null,
    IPPROTO_RAW: null,
  },
});

/** An IP protocol as `ip rule` prints it. */
export function ipprotoName(p: number): string {
  return IPPROTO_NAMES[p] ?? String(p);
}

/** An IP protocol word or number as `ip rule ... ipproto P` reads it, or undefined. */
export function ipprotoValue(word: string): number | undefined {
  if (/^\d+$/.test(word) && Number(word) < 256) return Number(word);
  for (const [v, w] of Object.entries(IPPROTO_NAMES)) if (w === word) return Number(v);
  return undefined;
}
