/**
 * Integer, flag, string and binary kinds. Integers are host order
 * (little-endian) unless created big-endian (`u16be`, `u32be`), as the
 * kernel declares for ports and VNIs.
 */
import type { Writer } from '../bytes/writer.js';
import { toHex } from '../bytes/hex.js';
import { DecodeError, EncodeError } from '../core/errors.js';
import type { Kind, Source } from './kind.js';

/** A u64 value: a number while it is a safe integer, a bigint above 2^53. */
export type U64 = number | bigint;

function expectLen(want: number, len: number, off: number): void {
  if (len !== want) throw new DecodeError(`expected ${want} bytes, got ${len}`, off);
}

function checkInt(v: unknown, min: number, max: number, label: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new EncodeError(`${label}: expected an integer from ${min} to ${max}, got ${fmtBad(v)}`);
  }
  return v;
}

function fmtBad(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v !== null && typeof v === 'object') return Object.getPrototypeOf(v) === null ? 'an object without a prototype' : Object.prototype.toString.call(v);
  return String(v);
}

/** Reader source for each integer variant: an expression over `dv` and `u8` at offset `o`. */
function readSource(bits: 8 | 16 | 32, signed: boolean, be: boolean): (o: string) => string {
  const le = be ? 'false' : 'true';
  if (bits === 8) return signed ? (o) => `dv.getInt8(${o})` : (o) => `u8[${o}]`;
  const fn = `get${signed ? 'Int' : 'Uint'}${bits}`;
  return (o) => `dv.${fn}(${o}, ${le})`;
}

/** Reads one integer variant at `o`. */
function reader(bits: 8 | 16 | 32, signed: boolean, be: boolean): (src: Source, o: number) => number {
  const le = !be;
  if (bits === 8) return signed ? (s, o) => s.dv.getInt8(o) : (s, o) => s.u8[o]!;
  if (bits === 16) return signed ? (s, o) => s.dv.getInt16(o, le) : (s, o) => s.dv.getUint16(o, le);
  return signed ? (s, o) => s.dv.getInt32(o, le) : (s, o) => s.dv.getUint32(o, le);
}

function intKind(bits: 8 | 16 | 32, signed: boolean, be: boolean): Kind<number> {
  const size = bits / 8;
  const label = `${signed ? 's' : 'u'}${bits}${be ? 'be' : ''}`;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  let write: (w: Writer, v: number) => void;
  if (bits === 8) write = signed ? (w, v) => w.s8(v) : (w, v) => w.u8(v);
  else if (bits === 16) write = signed ? (w, v) => w.s16(v, be) : (w, v) => w.u16(v, be);
  else write = signed ? (w, v) => w.s32(v, be) : (w, v) => w.u32(v, be);
  const readExpr = readSource(bits, signed, be);
  // Compiled decoders inline readExpr; this one serves the walking decoders
  // (a plain closure: generating code for it cost every start-up ~0.6 ms).
  const read = reader(bits, signed, be);
  const decode: Kind<number>['decode'] = (src, off, len) => {
    if (len !== size) expectLen(size, len, off);
    return read(src, off);
  };
  return {
    label,
    spec: signed ? { t: 'sint', bits, be } : { t: 'uint', bits, be },
    fixedSize: size,
    readExpr,
    decode,
    encode(w, v) {
      write(w, checkInt(v, min, max, label));
    },
    size: () => size,
    format: (v) => String(v),
    json: (v) => v,
  };
}

export const u8 = intKind(8, false, false);
export const u16 = intKind(16, false, false);
export const u32 = intKind(32, false, false);
export const s8 = intKind(8, true, false);
export const s16 = intKind(16, true, false);
export const s32 = intKind(32, true, false);
/** Network byte order (big-endian) u16, e.g. IFLA_VXLAN_PORT. */
export const u16be = intKind(16, false, true);
/** Network byte order (big-endian) u32. */
export const u32be = intKind(32, false, true);

const TWO32 = 2 ** 32;
const U64_MAX = (1n << 64n) - 1n;

/** Reads a u64 as a number when it fits in 2^53, else as a bigint. */
export function readU64(src: Source, off: number, be = false): U64 {
  return r64(src.dv, off, be);
}

/** {@link readU64} over a DataView (used by compiled decoders). */
export function r64(dv: DataView, off: number, be: boolean): U64 {
  const hi = be ? dv.getUint32(off, false) : dv.getUint32(off + 4, true);
  const lo = be ? dv.getUint32(off + 4, false) : dv.getUint32(off, true);
  // Most counters are small: `lo` itself (a small integer, no boxed double).
  if (hi === 0) return lo;
  if (hi < 0x200000) return hi * TWO32 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

function toU64(v: unknown, label: string): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'bigint' && v >= 0n && v <= U64_MAX) return v;
  throw new EncodeError(`${label}: expected an integer from 0 to 2^64-1, got ${fmtBad(v)}`);
}

function u64Kind(be: boolean): Kind<U64> {
  const label = be ? 'u64be' : 'u64';
  return {
    label,
    spec: { t: 'uint', bits: 64, be },
    fixedSize: 8,
    // Inline when the high word is 0 (most counters): no call, a small integer.
    readExpr: (o) => (be ? `r64(dv, ${o}, true)` : `(dv.getUint32(${o} + 4, true) === 0 ? dv.getUint32(${o}, true) : r64(dv, ${o}, false))`),
    decode(src, off, len) {
      if (len !== 8) expectLen(8, len, off);
      return readU64(src, off, be);
    },
    encode(w, v) {
      w.u64(toU64(v, label), be);
    },
    size: () => 8,
    format: (v) => String(v),
    json: (v) => (typeof v === 'bigint' ? v.toString() : v),
  };
}

export const u64 = u64Kind(false);
export const u64be = u64Kind(true);

/** Signed 64-bit: a number when safe, else a bigint. */
export const s64: Kind<U64> = {
  label: 's64',
  spec: { t: 'sint', bits: 64, be: false },
  fixedSize: 8,
  decode(src, off, len) {
    if (len !== 8) expectLen(8, len, off);
    const v = src.dv.getBigInt64(off, true);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  },
  encode(w, v) {
    const b = typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v;
    if (typeof b !== 'bigint' || b < -(1n << 63n) || b >= 1n << 63n) {
      throw new EncodeError(`s64: expected an integer from -2^63 to 2^63-1, got ${fmtBad(v)}`);
    }
    w.s64(b);
  },
  size: () => 8,
  format: (v) => String(v),
  json: (v) => (typeof v === 'bigint' ? v.toString() : v),
};

/** NLA_FLAG: a zero-length attribute whose presence means true. */
export const flag: Kind<true> = {
  label: 'flag',
  spec: { t: 'flag' },
  fixedSize: 0,
  decode(_src, off, len) {
    if (len !== 0) expectLen(0, len, off);
    return true;
  },
  encode(_w, v) {
    if (v !== true) throw new EncodeError(`flag: expected true, got ${fmtBad(v)}`);
  },
  size: () => 0,
  format: () => 'true',
  json: () => true,
};

const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf8enc = new TextEncoder();

/** Decodes bytes as text up to the first NUL (ASCII fast path). */
export function readText(u8a: Uint8Array, off: number, len: number): string {
  let end = off;
  const stop = off + len;
  let ascii = true;
  while (end < stop) {
    const c = u8a[end]!;
    if (c === 0) break;
    if (c > 0x7f) ascii = false;
    end++;
  }
  if (!ascii) return utf8.decode(u8a.subarray(off, end));
  let s = '';
  for (let i = off; i < end; i++) s += String.fromCharCode(u8a[i]!);
  return s;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * NUL-terminated string (NLA_NUL_STRING / NLA_STRING as the kernel emits it).
 * `max` is the largest accepted length in bytes including the NUL
 * (IFNAMSIZ = 16 for interface names). Strings sent without a NUL
 * (iproute2 does that for IFLA_INFO_KIND) decode to the same text, and the
 * raw bytes are kept so they re-encode unchanged.
 */
export function string(max = 0xffff - 4): Kind<string> {
  return {
    label: max < 0xffff - 4 ? `string(${max})` : 'string',
    spec: { t: 'string', max, nul: true },
    decode(src, off, len) {
      return readText(src.u8, off, len);
    },
    encode(w, v) {
      if (typeof v !== 'string') throw new EncodeError(`expected a string, got ${fmtBad(v)}`);
      if (isAscii(v)) {
        if (v.length + 1 > max) throw new EncodeError(`${JSON.stringify(v)} is ${v.length + 1} bytes with its NUL; at most ${max} allowed`);
        w.ensure(v.length + 1);
        for (let i = 0; i < v.length; i++) w.buf[w.length++] = v.charCodeAt(i);
        w.buf[w.length++] = 0;
        return;
      }
      const b = utf8enc.encode(v);
      if (b.length + 1 > max) throw new EncodeError(`${JSON.stringify(v)} is ${b.length + 1} bytes with its NUL; at most ${max} allowed`);
      w.bytes(b);
      w.u8(0);
    },
    size: (v) => (isAscii(v) ? v.length : utf8enc.encode(v).length) + 1,
    canonical(src, off, len, v) {
      // Canonical means: the text, then exactly one NUL, within the maximum
      // (longer ones are kept as sent: the encoder would refuse them).
      if (len === 0 || len > max || src.u8[off + len - 1] !== 0) return false;
      if (isAscii(v)) return v.length === len - 1;
      // Compare the bytes: U+FFFD stands for invalid sequences of any length.
      const b = utf8enc.encode(v);
      if (b.length !== len - 1) return false;
      for (let i = 0; i < b.length; i++) if (b[i] !== src.u8[off + i]) return false;
      return true;
    },
    format: (v) => JSON.stringify(v),
    json: (v) => v,
  };
}

/** Opaque bytes (a copy, so the value outlives the receive buffer). */
export function binary(min = 0, max = 0xffff - 4, label = 'binary'): Kind<Uint8Array> {
  return {
    label,
    spec: { t: 'binary', min, max },
    decode(src, off, len) {
      if (len < min || len > max) {
        throw new DecodeError(min === max ? `expected ${min} bytes, got ${len}` : `expected ${min} to ${max} bytes, got ${len}`, off);
      }
      return src.u8.slice(off, off + len);
    },
    encode(w, v) {
      if (!(v instanceof Uint8Array)) throw new EncodeError(`${label}: expected a Uint8Array, got ${fmtBad(v)}`);
      if (v.length < min || v.length > max) throw new EncodeError(`${label}: expected ${min} to ${max} bytes, got ${v.length}`);
      w.bytes(v);
    },
    size: (v) => v.length,
    format: (v) => (v.length ? toHex(v, ' ') : '(empty)'),
    json: (v) => toHex(v),
  };
}

/** Opaque bytes of any length. */
export const bytes = binary();
