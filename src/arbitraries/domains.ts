/**
 * Value domains of the scalar kinds: plain, biased toward boundaries, or
 * restricted to what the kernel accepts. The only knowledge here that the
 * declarations do not carry is the kernel's idea of a sensible value
 * (interface names, MTUs, documentation address ranges), keyed by kind
 * shape and kernel-name pattern, never by a list of attributes.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { formatIPv4, formatIPv6 } from '../schema/addresses.js';
import { DEFAULT_MAX_BINARY, type Ctx } from './options.js';

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export { IFNAMSIZ } from '../rtnl/constants.js';
import { IFNAMSIZ } from '../rtnl/constants.js';
/** Characters of kernel-valid names generated here. */
export const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-';

export { DOC_IPV4, DOC_IPV6, docPrefixMin, inDocRange } from './doc-range.js';
import { DOC_IPV6 } from './doc-range.js';

/** Kernel names of integers that are MTUs: IFLA_MTU, RTAX_MTU, IFLA_MIN_MTU... */
const MTU_NAME = /(^|_)MTU$/;
/** Header fields that are prefix lengths: ifa_prefixlen, rtm_dst_len, rtm_src_len. */
export const PREFIX_FIELD = /prefixlen$|_(dst|src)_len$/;

function maxBinary(ctx: Ctx): number {
  return ctx.o.maxBinary ?? DEFAULT_MAX_BINARY;
}

/** Unsigned integers of `bits` bits (64: a number below 2^53, else a bigint, as the codec decodes them). */
export function uintDomain(bits: 8 | 16 | 32 | 64, ctx: Ctx, min = 0, max?: number): Arbitrary<number | bigint> {
  const o = ctx.o;
  if (o.kernelValid && ctx.name !== undefined && MTU_NAME.test(ctx.name) && bits >= 16) {
    const mtu = fc.integer({ min: 68, max: 9000 });
    return o.boundaries ? fc.oneof(fc.constantFrom(68, 1280, 1500, 9000), mtu) : mtu;
  }
  if (bits === 64) {
    const hi = max === undefined ? (1n << 64n) - 1n : BigInt(max);
    const big = fc.bigInt({ min: BigInt(min), max: hi }).map(u64Value);
    const small = fc.integer({ min, max: Math.min(1000, max ?? 1000) });
    const base = o.kernelValid ? fc.oneof(small, big) : big;
    return o.boundaries ? fc.oneof(fc.constantFrom<number | bigint>(min, min + 1, 2 ** 53 - 1, 1n << 53n, u64Value(hi)), base) : base;
  }
  const top = max ?? 2 ** bits - 1;
  const arb = fc.integer({ min, max: top });
  const base = o.kernelValid ? fc.oneof(fc.integer({ min, max: Math.min(top, 1000) }), arb) : arb;
  return o.boundaries ? fc.oneof(fc.constantFrom(min, min + 1, top - 1, top), base) : base;
}

/** A u64 as the codec decodes it: a number while safe, a bigint above. */
export function u64Value(v: bigint): number | bigint {
  return v < 1n << 53n ? Number(v) : v;
}

/** Signed integers of `bits` bits (s64: a number while safe, else a bigint). */
export function sintDomain(bits: 8 | 16 | 32 | 64, ctx: Ctx): Arbitrary<number | bigint> {
  if (bits === 64) {
    const arb = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map(s64Value);
    return ctx.o.boundaries ? fc.oneof(fc.constantFrom<number | bigint>(0, -1, -(1n << 63n), (1n << 63n) - 1n, 2 ** 53 - 1, -(2 ** 53) + 1), arb) : arb;
  }
  const lo = -(2 ** (bits - 1));
  const hi = 2 ** (bits - 1) - 1;
  const arb = fc.integer({ min: lo, max: hi });
  const base = ctx.o.kernelValid ? fc.oneof(fc.integer({ min: -1, max: Math.min(1000, hi) }), arb) : arb;
  return ctx.o.boundaries ? fc.oneof(fc.constantFrom(0, -1, lo, hi), base) : base;
}

function s64Value(v: bigint): number | bigint {
  return v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n ? Number(v) : v;
}

/** A kernel-valid name: 1 to `maxLen` characters of `[a-z0-9-]`. */
export function nameArbitrary(maxLen = IFNAMSIZ - 1, minLen = 1): Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: minLen, maxLength: maxLen });
}

// Made on first use: at module level they would load fast-check in every
// program that imports this module's neighbours (tsip's start-up).
let chars: { wide: Arbitrary<string>; ascii: Arbitrary<string> } | undefined;

/** Non-ASCII code points (no surrogates), so the UTF-8 paths of the string kind are exercised; and ASCII ones. */
function charArbitraries(): { wide: Arbitrary<string>; ascii: Arbitrary<string> } {
  return (chars ??= {
    wide: fc
      .integer({ min: 0x80, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c)),
    ascii: fc.integer({ min: 1, max: 0x7e }).map((c) => String.fromCharCode(c)),
  });
}

/** Keeps the longest prefix of `s` whose UTF-8 form is at most `bytes` bytes. */
function fitUtf8(s: string, bytes: number): string {
  let n = 0;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (n + w > bytes) break;
    n += w;
    out += ch;
  }
  return out;
}

/** NUL-terminated strings of at most `max` bytes with the NUL. */
export function stringDomain(max: number, ctx: Ctx): Arbitrary<string> {
  const o = ctx.o;
  const room = max - 1;
  if (o.kernelValid) {
    // Interface names (string(16)) must not be empty; other strings may be.
    const isName = max === IFNAMSIZ;
    const limit = Math.min(room, isName ? IFNAMSIZ - 1 : maxBinary(ctx));
    const arb = nameArbitrary(limit, isName ? 1 : 0);
    if (!o.boundaries) return arb;
    return fc.oneof(fc.constantFrom(isName ? 'a' : '', 'x'.repeat(limit)), arb);
  }
  const limit = Math.min(room, Math.max(maxBinary(ctx), room <= 256 ? room : 0));
  const { ascii, wide } = charArbitraries();
  const chars = fc.array(fc.oneof({ arbitrary: ascii, weight: 4 }, { arbitrary: wide, weight: 1 }), { maxLength: limit });
  const arb = chars.map((cs) => fitUtf8(cs.join(''), room));
  if (!o.boundaries) return arb;
  const edges = ['', 'x'.repeat(room <= 4096 ? room : limit)];
  if (room >= IFNAMSIZ - 1) edges.push('n'.repeat(IFNAMSIZ - 1));
  return fc.oneof(fc.constantFrom(...edges), arb);
}

/** Opaque bytes of `min` to `max` bytes (at most `maxBinary`, or `min` when larger). */
export function binaryDomain(min: number, max: number, ctx: Ctx): Arbitrary<Uint8Array> {
  const hi = Math.max(min, Math.min(max, maxBinary(ctx)));
  const arb = fc.uint8Array({ minLength: min, maxLength: hi });
  if (!ctx.o.boundaries) return arb;
  return fc.oneof(fc.constantFrom(new Uint8Array(min), new Uint8Array(hi).fill(0xff)).map((b) => b.slice()), arb);
}

/** Link-layer addresses as colon hex; kernel-valid: 6-byte unicast, locally administered. */
export function lladdrDomain(ctx: Ctx): Arbitrary<string> {
  const text = (u: Uint8Array) => Array.from(u, (x) => HEX2[x]).join(':');
  if (ctx.o.kernelValid) {
    const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((u) => {
      u[0] = (u[0]! & 0xfc) | 0x02;
      return text(u);
    });
    return ctx.o.boundaries ? fc.oneof(fc.constantFrom('02:00:00:00:00:00', '02:ff:ff:ff:ff:ff'), mac) : mac;
  }
  const arb = fc
    .oneof({ arbitrary: fc.constant(6), weight: 4 }, { arbitrary: fc.constantFrom(0, 1, 4, 8, 16, 20, 32), weight: 1 })
    .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
    .map(text);
  return ctx.o.boundaries ? fc.oneof(fc.constantFrom('', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff'), arb) : arb;
}

function inRange(prefix: readonly number[], size: number, boundaries: boolean): Arbitrary<Uint8Array> {
  const rest = fc.uint8Array({ minLength: size - prefix.length, maxLength: size - prefix.length });
  const arb = rest.map((r) => {
    const out = new Uint8Array(size);
    out.set(prefix);
    out.set(r, prefix.length);
    return out;
  });
  if (!boundaries) return arb;
  const low = new Uint8Array(size);
  low.set(prefix);
  const high = low.slice().fill(0xff, prefix.length);
  return fc.oneof(fc.constantFrom(low, high).map((b) => b.slice()), arb);
}

/** IPv4 addresses as dotted quads; kernel-valid: from 198.18.0.0/15. */
export function ipv4Domain(ctx: Ctx): Arbitrary<string> {
  if (ctx.o.kernelValid) {
    return inRange([198], 4, !!ctx.o.boundaries)
      .chain((u) => fc.constantFrom(18, 19).map((b) => ((u[1] = b), u)))
      .map((u) => formatIPv4(u, 0));
  }
  const arb = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((u) => formatIPv4(u, 0));
  return ctx.o.boundaries ? fc.oneof(fc.constantFrom('0.0.0.0', '255.255.255.255', '127.0.0.1'), arb) : arb;
}

/** IPv6 addresses as inet_ntop prints them; kernel-valid: from 2001:db8::/32. */
export function ipv6Domain(ctx: Ctx): Arbitrary<string> {
  if (ctx.o.kernelValid) return inRange(DOC_IPV6.prefix, 16, !!ctx.o.boundaries).map((u) => formatIPv6(u, 0));
  // Runs of zero words make the compressed forms (`::`, IPv4 tails) likely.
  const word = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: 0xffff }), weight: 3 });
  const arb = fc.array(word, { minLength: 8, maxLength: 8 }).map((ws) => {
    const u = new Uint8Array(16);
    ws.forEach((w, i) => ((u[2 * i] = w >> 8), (u[2 * i + 1] = w & 0xff)));
    return formatIPv6(u, 0);
  });
  return ctx.o.boundaries ? fc.oneof(fc.constantFrom('::', '::1', '::ffff:1.2.3.4', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), arb) : arb;
}

/** A prefix length for an address of `family` (kernel-valid) or any u8. */
export function prefixDomain(family: 4 | 6 | undefined, ctx: Ctx): Arbitrary<number> {
  if (!ctx.o.kernelValid || family === undefined) return uintDomain(8, ctx) as Arbitrary<number>;
  const max = family === 4 ? 32 : 128;
  const arb = fc.integer({ min: 0, max });
  return ctx.o.boundaries ? fc.oneof(fc.constantFrom(0, max), arb) : arb;
}

