/**
 * Two value kinds the netdev family needs beyond the shared scalars:
 * NLA_UINT, an unsigned integer the kernel writes in 4 bytes when it fits
 * and in 8 otherwise (`nla_put_uint`), and bit sets carried in 64 bits
 * (the XDP and AF_XDP feature masks), whose names must work for values
 * above 2^53 as well.
 */
import { DecodeError, EncodeError } from '../../core/errors.js';
import type { Kind } from '../../schema/kind.js';
import { namesOf } from '../../schema/names.js';
import { readU64, type U64 } from '../../schema/scalars.js';

const U32_MAX = 0xffffffffn;
const U64_MAX = (1n << 64n) - 1n;

function toBig(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'bigint' && v >= 0n && v <= U64_MAX) return v;
  return undefined;
}

/** NLA_UINT: 4 bytes when the value fits in 32 bits, else 8; host byte order. A u64 value (number while safe, else bigint). */
export const uint: Kind<U64> = {
  label: 'uint',
  spec: { t: 'uint', bits: 64, be: false },
  decode(src, off, len) {
    if (len === 4) return src.dv.getUint32(off, true);
    if (len === 8) return readU64(src, off);
    throw new DecodeError(`expected 4 or 8 bytes, got ${len}`, off);
  },
  encode(w, v) {
    const b = toBig(v);
    if (b === undefined) throw new EncodeError(`uint: expected an integer from 0 to 2^64-1, got ${typeof v === 'bigint' ? `${v}n` : String(v)}`);
    if (b <= U32_MAX) w.u32(Number(b));
    else w.u64(b);
  },
  size(v) {
    const b = toBig(v);
    return b !== undefined && b <= U32_MAX ? 4 : 8;
  },
  // A small value sent in 8 bytes would come back in 4: keep such bytes as they were.
  canonical: (_src, _off, len, v) => len === 4 || toBig(v)! > U32_MAX,
  format: (v) => String(v),
  json: (v) => (typeof v === 'bigint' ? v.toString() : v),
};

/** Names of the bits set in a 64-bit value; leftover unnamed bits as one hex string. */
export function flagNames64(v: U64, names: Readonly<Record<number, string>>): string[] {
  let rest = typeof v === 'bigint' ? v : BigInt(v);
  const out: string[] = [];
  for (let i = 0n; i < 64n && rest !== 0n; i++) {
    const bit = 1n << i;
    if ((rest & bit) === 0n) continue;
    const n = names[Number(bit)];
    if (n !== undefined) {
      out.push(n);
      rest &= ~bit;
    }
  }
  if (rest !== 0n) out.push('0x' + rest.toString(16));
  return out;
}

/** A bit set carried in a 64-bit kind (`u64`, {@link uint}) whose bits have kernel names. */
export function flagsOf64(base: Kind<U64>, table: Readonly<Record<string, number>>): Kind<U64> {
  const names = namesOf(table);
  return {
    ...base,
    spec: { t: 'flags', base: base as Kind<number>, names },
    format: (v) => (v === 0 ? '0' : `${flagNames64(v, names).join('|')} (0x${v.toString(16)})`),
    json: (v) => flagNames64(v, names),
  };
}
