/**
 * Bit sets carried in 64 bits (netdev's XDP and AF_XDP feature masks),
 * whose names must work for values above 2^53 as well.
 */
import type { Kind } from '../../schema/kind.js';
import { namesOf } from '../../schema/names.js';
import type { U64 } from '../../schema/scalars.js';

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
  // The value -> name table is built on first use, as for flagsOf.
  let cached: Record<number, string> | undefined;
  const names = (): Record<number, string> => (cached ??= namesOf(table));
  return {
    ...base,
    spec: {
      t: 'flags',
      base: base as Kind<number>,
      get names() {
        return names();
      },
    },
    format: (v) => (v === 0 ? '0' : `${flagNames64(v, names()).join('|')} (0x${v.toString(16)})`),
    json: (v) => flagNames64(v, names()),
  };
}
