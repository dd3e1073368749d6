/**
 * Reading and writing ethtool bitsets (see attrs-common.ts for the two
 * wire forms). Pure functions over decoded ETHTOOL_A_BITSET_* attributes
 * (friendly keys: `nomask`, `size`, `bits`, `value`, `mask`).
 */

/** A decoded bitset nest. */
export interface BitsetAttrs {
  nomask?: true;
  size?: number;
  bits?: { bit?: { index?: number; name?: string; value?: true }[] };
  value?: Uint8Array;
  mask?: Uint8Array;
}

/** One bit a bitset lists: in its mask (or, without a mask, set). */
export interface Bit {
  index: number;
  /** The bit's name: sent by the kernel (verbose form), else from `names`; `undefined` when neither has one. */
  name?: string;
  /** Set in the value. */
  value: boolean;
}

function wordBit(words: Uint8Array | undefined, i: number): boolean {
  if (words === undefined) return false;
  const byte = (i >> 5) * 4 + ((i & 31) >> 3);
  return byte < words.length && (words[byte]! & (1 << (i & 7))) !== 0;
}

/**
 * The bits `bs` lists, in index order (verbose: in the kernel's order):
 * those of its mask, each with its value; for a bitset without a mask
 * (ETHTOOL_A_BITSET_NOMASK), the bits that are set. `names` (the bitset's
 * string set, by index) names bits the kernel sent without a name.
 */
export function bitsOf(bs: BitsetAttrs | undefined, names?: readonly string[]): Bit[] {
  if (bs === undefined) return [];
  const nomask = bs.nomask === true;
  if (bs.bits !== undefined) {
    return (bs.bits.bit ?? []).map((b) => {
      const index = b.index ?? -1;
      const name = b.name ?? (index >= 0 ? names?.[index] : undefined);
      return { index, ...(name !== undefined ? { name } : {}), value: nomask || b.value === true };
    });
  }
  const size = bs.size ?? Math.max(bs.value?.length ?? 0, bs.mask?.length ?? 0) * 8;
  const out: Bit[] = [];
  for (let i = 0; i < size; i++) {
    const value = wordBit(bs.value, i);
    const listed = nomask ? value : wordBit(bs.mask, i);
    if (!listed) continue;
    const name = names?.[i];
    out.push({ index: i, ...(name !== undefined ? { name } : {}), value });
  }
  return out;
}

/** Whether bit `index` of `bs` is set (in its value). */
export function bitSet(bs: BitsetAttrs | undefined, index: number): boolean {
  return bitsOf(bs).some((b) => b.index === index && b.value);
}

/** The set bits' names (the value, as a list); unnamed bits as `bit<N>`. */
export function setBitNames(bs: BitsetAttrs | undefined, names?: readonly string[]): string[] {
  return bitsOf(bs, names)
    .filter((b) => b.value)
    .map((b) => b.name ?? `bit${b.index}`);
}

/**
 * A verbose bitset changing the named bits: each listed bit is in the
 * mask, set when `true` (ETHTOOL_A_BITSET_BITS_BIT with NAME, and VALUE
 * when set), as ethtool writes a SET request's bits.
 */
export function namedBits(bits: Readonly<Record<string, boolean>>): BitsetAttrs {
  return { bits: { bit: Object.entries(bits).map(([name, on]) => (on ? { name, value: true as const } : { name })) } };
}

/** A compact bitset without a mask listing the bits `indexes` of `size` (ETHTOOL_A_STATS_GROUPS as ethtool writes it). */
export function compactList(size: number, indexes: readonly number[]): BitsetAttrs {
  const words = new Uint8Array(Math.ceil(size / 32) * 4);
  for (const i of indexes) words[(i >> 5) * 4 + ((i & 31) >> 3)]! |= 1 << (i & 7);
  return { nomask: true, size, value: words };
}
