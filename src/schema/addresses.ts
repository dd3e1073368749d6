/**
 * Address kinds: link-layer addresses (any length, colon hex as iproute2
 * prints them) and IP addresses (IPv4 or IPv6, chosen by the payload
 * length: 4 or 16 bytes), formatted as glibc's inet_ntop does.
 */
import { DecodeError, EncodeError } from '../core/errors.js';
import type { Kind } from './kind.js';

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Char codes of the lowercase hex digits. */
const HEX_CHAR = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/** Link-layer address (IFLA_ADDRESS, IFLA_BROADCAST): `02:00:00:00:00:01`. */
export const lladdr: Kind<string> = {
  label: 'lladdr',
  spec: { t: 'lladdr' },
  decode(src, off, len) {
    const u = src.u8;
    if (len === 6) {
      // A MAC address, the usual case: one string, not eleven pieces joined.
      const c = (i: number) => HEX_CHAR[u[off + i]! >> 4]!;
      const d = (i: number) => HEX_CHAR[u[off + i]! & 15]!;
      return String.fromCharCode(c(0), d(0), 58, c(1), d(1), 58, c(2), d(2), 58, c(3), d(3), 58, c(4), d(4), 58, c(5), d(5));
    }
    let s = '';
    for (let i = 0; i < len; i++) s += (i ? ':' : '') + HEX2[u[off + i]!];
    return s;
  },
  encode(w, v) {
    const b = parseLladdr(v);
    w.bytes(b);
  },
  size: (v) => parseLladdr(v).length,
  format: (v) => v || '(empty)',
  json: (v) => v,
};

/** Parses `aa:bb:cc:dd:ee:ff` (any number of octets, `:` or `-` separated). */
export function parseLladdr(v: unknown): Uint8Array {
  if (typeof v !== 'string') throw new EncodeError(`link-layer address: expected a string, got ${String(v)}`);
  if (v === '') return new Uint8Array(0);
  const parts = v.split(/[:-]/);
  const out = new Uint8Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) throw new EncodeError(`bad link-layer address ${JSON.stringify(v)}`);
    out[i] = parseInt(p, 16);
  }
  return out;
}

/** Formats 4 bytes at `off` as dotted quad. */
export function formatIPv4(u: Uint8Array, off: number): string {
  return `${u[off]}.${u[off + 1]}.${u[off + 2]}.${u[off + 3]}`;
}

/** Formats 16 bytes at `off` as glibc inet_ntop(AF_INET6) does (RFC 5952 plus glibc's IPv4 tails). */
export function formatIPv6(u: Uint8Array, off: number): string {
  const w: number[] = new Array(8);
  for (let i = 0; i < 8; i++) w[i] = (u[off + 2 * i]! << 8) | u[off + 2 * i + 1]!;
  // Longest run of zero words (length >= 2), leftmost on ties.
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (w[i] === 0) {
      if (curBase < 0) {
        curBase = i;
        curLen = 1;
      } else curLen++;
      if (curLen > bestLen) {
        bestBase = curBase;
        bestLen = curLen;
      }
    } else curBase = -1;
  }
  if (bestLen < 2) bestBase = -1;
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) s += ':';
      continue;
    }
    if (i) s += ':';
    // glibc prints an IPv4 tail for ::a.b.c.d and ::ffff:a.b.c.d.
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 7 && w[7] !== 1) || (bestLen === 5 && w[5] === 0xffff))) {
      s += formatIPv4(u, off + 12);
      break;
    }
    s += w[i]!.toString(16);
  }
  if (bestBase >= 0 && bestBase + bestLen === 8) s += ':';
  return s;
}

/** Parses a dotted quad; returns undefined when it is not one. */
export function parseIPv4(s: string): Uint8Array | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const n = Number(m[i + 1]);
    if (n > 255 || (m[i + 1]!.length > 1 && m[i + 1]![0] === '0')) return undefined;
    out[i] = n;
  }
  return out;
}

/** Parses an IPv6 address (with `::` and an optional IPv4 tail); undefined when invalid. */
export function parseIPv6(s: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  let head = s;
  let tail: Uint8Array | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.') >= 0) {
    tail = parseIPv4(s.slice(lastColon + 1));
    if (!tail) return undefined;
    head = s.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const maxWords = tail ? 6 : 8;
  const dbl = head.split('::');
  if (dbl.length > 2) return undefined;
  const parseWords = (part: string): number[] | undefined => {
    if (part === '') return [];
    const ws = part.split(':');
    const out: number[] = [];
    for (const x of ws) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(x)) return undefined;
      out.push(parseInt(x, 16));
    }
    return out;
  };
  const left = parseWords(dbl[0]!);
  const right = dbl.length === 2 ? parseWords(dbl[1]!) : [];
  if (!left || !right) return undefined;
  let words: number[];
  if (dbl.length === 2) {
    const fill = maxWords - left.length - right.length;
    if (fill < 1) return undefined;
    words = [...left, ...new Array<number>(fill).fill(0), ...right];
  } else {
    if (left.length !== maxWords) return undefined;
    words = left;
  }
  const out = new Uint8Array(16);
  for (let i = 0; i < words.length; i++) {
    out[2 * i] = words[i]! >> 8;
    out[2 * i + 1] = words[i]! & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}

/** Parses an IPv4 or IPv6 address; throws EncodeError when it is neither. */
export function parseIP(v: unknown, family: 'any' | 4 | 6 = 'any'): Uint8Array {
  if (typeof v !== 'string') throw new EncodeError(`IP address: expected a string, got ${String(v)}`);
  const b = v.includes(':') ? parseIPv6(v) : parseIPv4(v);
  if (!b) throw new EncodeError(`bad IP address ${JSON.stringify(v)}`);
  if (family === 4 && b.length !== 4) throw new EncodeError(`expected an IPv4 address, got ${JSON.stringify(v)}`);
  if (family === 6 && b.length !== 16) throw new EncodeError(`expected an IPv6 address, got ${JSON.stringify(v)}`);
  return b;
}

function ipKind(family: 'any' | 4 | 6): Kind<string> {
  return {
    label: family === 'any' ? 'ip' : `ipv${family}`,
    spec: { t: 'ip', family },
    fixedSize: family === 4 ? 4 : family === 6 ? 16 : undefined,
    decode(src, off, len) {
      if (len === 4 && family !== 6) return formatIPv4(src.u8, off);
      if (len === 16 && family !== 4) return formatIPv6(src.u8, off);
      const want = family === 4 ? '4' : family === 6 ? '16' : '4 or 16';
      throw new DecodeError(`expected ${want} bytes for an IP address, got ${len}`, off);
    },
    encode(w, v) {
      w.bytes(parseIP(v, family));
    },
    size: (v) => (typeof v === 'string' && v.includes(':') ? 16 : 4),
    format: (v) => v,
    json: (v) => v,
  };
}

/** IPv4 or IPv6 address, by payload length (IFA_ADDRESS, RTA_DST, ...). */
export const ip = ipKind('any');
/** IPv4 address only (IFLA_VXLAN_GROUP, IFLA_BR_MCAST_QUERIER...). */
export const ipv4 = ipKind(4);
/** IPv6 address only (IFLA_VXLAN_GROUP6, IFLA_INET6_TOKEN). */
export const ipv6 = ipKind(6);
