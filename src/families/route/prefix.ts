/**
 * Addresses, prefixes and numbers as iproute2 reads them from its command
 * line (`get_addr`, `get_prefix`, strtoul, `get_time_rtt`): IPv4 in one to
 * four parts in any C base (`10/8` is 10.0.0.0/8), a dotted netmask for the
 * length, `default`, `all`/`any`. Pure: each answers undefined where ip
 * gives up; the command prints ip's words.
 */
import { AF, AF_BRIDGE, AF_INET, AF_INET6 } from '../../rtnl/constants.js';
import { formatIPv4, formatIPv6, parseIPv6 } from '../../schema/addresses.js';
import { hostBits } from './select.js';

const AF_PACKET = AF.AF_PACKET;
const AF_MPLS = AF.AF_MPLS;

/** An address or prefix as iproute2's `inet_prefix`: family (0 unknown), bytes, byte and bit lengths (-2: `default`/`all`), whether a length was written. */
export interface IpPrefix {
  family: number;
  bytes: Uint8Array;
  bytelen: number;
  bitlen: number;
  lengthGiven: boolean;
}

/**
 * C's strtoul over the whole word, as iproute2's parsers call it: base 0
 * reads `0x1f` as hex and `017` as octal; undefined when anything is left
 * over or the word is empty.
 */
export function strtoulAll(word: string, base: 0 | 10 | 16 = 0): number | undefined {
  let w = word.trim();
  let b: number = base;
  if (b === 0) b = /^0[xX]/.test(w) ? 16 : /^0[0-7]/.test(w) ? 8 : 10;
  if (b === 16) w = w.replace(/^0[xX]/, '');
  const digits = b === 16 ? /^[0-9a-fA-F]+$/ : b === 8 ? /^[0-7]+$/ : /^\d+$/;
  if (!digits.test(w)) return undefined;
  const v = parseInt(w, b);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** An address family as ip names it in its errors (`inet`, `inet6`, `any valid`...). */
export function familyWord(family: number): string {
  return family === AF_INET ? 'inet' : family === AF_INET6 ? 'inet6' : family === AF_PACKET ? 'link' : family === 0 ? 'any valid' : family === AF_MPLS ? 'mpls' : family === AF_BRIDGE ? 'bridge' : '???';
}

/** `read_family`: a family word before an address (`via inet6 ADDR`), else 0. */
export function readFamily(w: string): number {
  return w === 'inet' ? AF_INET : w === 'inet6' ? AF_INET6 : w === 'link' ? AF_PACKET : w === 'mpls' ? AF_MPLS : w === 'bridge' ? AF_BRIDGE : 0;
}

/** iproute2's IPv4 reader: one to four parts, each a number in any C base up to 255 (`10` is 10.0.0.0). */
function ipv4Loose(s: string): Uint8Array | undefined {
  const out = new Uint8Array(4);
  const parts = s.split('.');
  if (parts.length > 4) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const n = strtoulAll(parts[i]!);
    if (n === undefined || n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

/** `get_addr_1`: `default`, `all`/`any`, IPv6, IPv4 (only those of `family` when it is known). */
export function readAddress(name: string, family: number): IpPrefix | undefined {
  const zero = new Uint8Array(16);
  if (name === 'default') return { family, bytes: zero, bytelen: hostBits(family) / 8, bitlen: -2, lengthGiven: true };
  if (name === 'all' || name === 'any') return { family, bytes: zero, bytelen: 0, bitlen: -2, lengthGiven: false };
  if (name.includes(':')) {
    if (family !== 0 && family !== AF_INET6) return undefined;
    const b = parseIPv6(name);
    return b ? { family: AF_INET6, bytes: b, bytelen: 16, bitlen: -1, lengthGiven: false } : undefined;
  }
  if (family !== 0 && family !== AF_INET) return undefined;
  const b = ipv4Loose(name);
  return b ? { family: AF_INET, bytes: b, bytelen: 4, bitlen: -1, lengthGiven: false } : undefined;
}

/** `get_prefix_1`: an address with an optional `/LEN` (or `/NETMASK` for IPv4). */
export function readPrefix(arg: string, family: number): IpPrefix | undefined {
  const slash = arg.indexOf('/');
  const p = readAddress(slash < 0 ? arg : arg.slice(0, slash), family);
  if (p === undefined) return undefined;
  let bitlen = hostBits(p.family);
  if (slash >= 0) {
    if (p.bitlen === -2) return undefined;
    const text = arg.slice(slash + 1);
    let plen = strtoulAll(text);
    if (plen === undefined) {
      // A dotted netmask: 2^n - 1 host bits.
      const m = ipv4Loose(text);
      if (m === undefined || text.split('.').length !== 4) return undefined;
      const mask = ((m[0]! << 24) | (m[1]! << 16) | (m[2]! << 8) | m[3]!) >>> 0;
      const host = ~mask >>> 0;
      if ((host & (host + 1)) >>> 0 !== 0) return undefined;
      plen = 32 - Math.log2(host + 1);
    }
    if (plen > bitlen) return undefined;
    return { ...p, bitlen: plen, lengthGiven: true };
  }
  if (p.bitlen === -2) bitlen = 0;
  return { ...p, bitlen };
}

/** An address's text (the bytes ip would send). */
export function addrText(p: IpPrefix): string {
  return p.family === AF_INET6 ? formatIPv6(p.bytes, 0) : formatIPv4(p.bytes, 0);
}

/** A selector prefix as the route facet reads it (`default`, `all`, `ADDR`, `ADDR/LEN`). */
export function prefixText(arg: string, p: IpPrefix): string {
  if (arg === 'default') return 'default';
  if (p.family === 0 || arg === 'all' || arg === 'any') return 'all';
  return p.lengthGiven ? `${addrText(p)}/${p.bitlen}` : addrText(p);
}

/** `get_time_rtt`: NUMBER[s|ms] (fractions allowed) in ms, rounded up; `raw` when no unit was written (ip then sends the number as is). */
export function readTime(v: string): { ms: number; raw: boolean } | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+|0[xX][0-9a-fA-F]+)(.*)$/.exec(v);
  if (m === null) return undefined;
  let t = m[1]!.includes('.') ? Number(m[1]) : strtoulAll(m[1]!)!;
  const unit = m[2]!.toLowerCase();
  if (unit === 's' || unit === 'sec' || unit === 'secs') t *= 1000;
  else if (unit !== '' && unit !== 'ms' && unit !== 'msec' && unit !== 'msecs') return undefined;
  return { ms: Math.ceil(t), raw: unit === '' };
}
