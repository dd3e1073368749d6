/**
 * The address ranges tests and the fuzzer keep to: 198.18.0.0/15
 * (benchmarking, RFC 2544) and 2001:db8::/32 (documentation, RFC 3849).
 * Apart from the arbitraries (no fast-check here): the families' safety
 * rules use it, and they load with every command.
 */
import { parseIPv4, parseIPv6 } from '../schema/addresses.js';

/** The IPv4 documentation/benchmarking range (RFC 2544): 198.18.0.0/15. */
export const DOC_IPV4 = { prefix: [198, 18], bits: 15 } as const;
/** The IPv6 documentation range (RFC 3849): 2001:db8::/32. */
export const DOC_IPV6 = { prefix: [0x20, 0x01, 0x0d, 0xb8], bits: 32 } as const;

/** True when `addr` (text) lies in 198.18.0.0/15 or 2001:db8::/32. */
export function inDocRange(addr: unknown): boolean {
  if (typeof addr !== 'string') return false;
  const v6 = addr.includes(':');
  const b = v6 ? parseIPv6(addr) : parseIPv4(addr);
  if (b === undefined) return false;
  if (v6) return b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8;
  return b[0] === 198 && (b[1] === 18 || b[1] === 19);
}

/** The shortest prefix length inside the documentation ranges of IP version `family` (/15, /32), 0 for other families. */
export function docPrefixMin(family: number | undefined): number {
  return family === 2 ? DOC_IPV4.bits : family === 10 ? DOC_IPV6.bits : 0;
}
