/**
 * Checks of user input, as iproute2 makes them, before anything is sent.
 */
import { parseIPv4, parseIPv6, parseLladdr, formatIPv4, formatIPv6 } from '../schema/addresses.js';
import { EncodeError } from '../core/errors.js';
import { InvalidArgumentError } from './errors.js';

/** IFNAMSIZ - 1: the longest interface name in bytes. */
export const IFNAME_MAX = 15;

/**
 * Interface names as the kernel's dev_valid_name() accepts them (and
 * iproute2 checks): 1 to 15 bytes, not `.` or `..`, no `/`, `:` or white space.
 */
export function checkIfname(name: unknown, what = 'name'): string {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError(`${what}: an interface name must not be empty`, String(name));
  const bytes = Buffer.byteLength(name);
  if (bytes > IFNAME_MAX) throw new InvalidArgumentError(`"${name}" is not a valid ifname: ${bytes} bytes, at most ${IFNAME_MAX}`, name);
  if (name === '.' || name === '..') throw new InvalidArgumentError(`"${name}" is not a valid ifname`, name);
  if (/[/:\s\0]/.test(name)) throw new InvalidArgumentError(`"${name}" is not a valid ifname: it contains "/", ":" or white space`, name);
  return name;
}

/** MTU: an integer from 1 to 2^31-1 (the kernel checks the device's own range). */
export function checkMtu(mtu: unknown): number {
  const n = typeof mtu === 'string' && /^\d+$/.test(mtu) ? Number(mtu) : mtu;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 0x7fffffff) {
    throw new InvalidArgumentError(`invalid MTU ${JSON.stringify(mtu)}: expected an integer from 1 to 2147483647`, String(mtu));
  }
  return n;
}

/** An address label (IFA_LABEL): a string of 1 to 15 bytes of UTF-8. */
export function checkLabel(label: unknown): string {
  if (typeof label !== 'string' || label === '' || Buffer.byteLength(label) > IFNAME_MAX) {
    throw new InvalidArgumentError(`an address label is 1 to ${IFNAME_MAX} bytes, not ${JSON.stringify(label)}`, String(label));
  }
  return label;
}

/** An interface index: an integer from 1 to 2^31-1. */
export function checkIndex(index: unknown): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 1 || index > 0x7fffffff) {
    throw new InvalidArgumentError(`an interface index is an integer from 1 to 2147483647, not ${String(index)}`, String(index));
  }
  return index;
}

/**
 * An unsigned integer option (txqlen, metric, table...) from 0 to `max`
 * (default 2^32-1); InvalidArgumentError naming `what` otherwise.
 */
export function checkUint(v: unknown, what: string, max = 0xffffffff): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new InvalidArgumentError(`${what} must be an integer from 0 to ${max}, not ${String(v)}`, String(v));
  }
  return v;
}

/** MAC address `aa:bb:cc:dd:ee:ff` (6 octets), normalised to lower case. */
export function checkMac(mac: unknown): string {
  let b: Uint8Array;
  try {
    b = parseLladdr(mac);
  } catch (e) {
    if (e instanceof EncodeError) throw new InvalidArgumentError(`invalid MAC address ${JSON.stringify(mac)}`, String(mac));
    throw e;
  }
  if (b.length !== 6) throw new InvalidArgumentError(`invalid MAC address ${JSON.stringify(mac)}: expected 6 octets`, String(mac));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}

/** An address with its prefix length. */
export interface Cidr {
  family: 4 | 6;
  /** Canonical text of the address. */
  address: string;
  prefixlen: number;
  bytes: Uint8Array;
}

/** Parses `198.18.0.1/24`, `2001:db8::1/64`, or a bare address (full-length prefix). */
export function parseCidr(text: unknown): Cidr {
  if (typeof text !== 'string') throw new InvalidArgumentError(`invalid address ${String(text)}`);
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const v6 = addr.includes(':');
  const bytes = v6 ? parseIPv6(addr) : parseIPv4(addr);
  if (!bytes) throw new InvalidArgumentError(`invalid address "${addr}"`, text);
  const max = v6 ? 128 : 32;
  let prefixlen = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) throw new InvalidArgumentError(`invalid prefix length "${p}" for ${v6 ? 'IPv6' : 'IPv4'} (0 to ${max})`, text);
    prefixlen = Number(p);
  }
  return { family: v6 ? 6 : 4, address: v6 ? formatIPv6(bytes, 0) : formatIPv4(bytes, 0), prefixlen, bytes };
}

/** Parses a bare IPv4 or IPv6 address (a gateway, say). */
export function parseAddress(text: unknown): { family: 4 | 6; address: string } {
  const c = parseCidr(text);
  if (typeof text === 'string' && text.includes('/')) throw new InvalidArgumentError(`expected an address without prefix, got "${text}"`, text);
  return { family: c.family, address: c.address };
}

/** The network address of a prefix: host bits cleared (`198.18.0.7/24` gives `198.18.0.0`). */
export function networkOf(c: Cidr): string {
  const b = c.bytes.slice();
  for (let i = 0; i < b.length; i++) {
    const keep = Math.max(0, Math.min(8, c.prefixlen - i * 8));
    b[i]! &= (0xff << (8 - keep)) & 0xff;
  }
  return c.family === 6 ? formatIPv6(b, 0) : formatIPv4(b, 0);
}

/** True when `address` (IPv4 or IPv6 text) lies inside the prefix `c` (`ip ... to PREFIX`). */
export function inPrefix(address: string, c: Cidr): boolean {
  let a: Cidr;
  try {
    a = parseCidr(address);
  } catch {
    return false;
  }
  if (a.family !== c.family) return false;
  return networkOf({ ...a, prefixlen: c.prefixlen }) === networkOf(c);
}
