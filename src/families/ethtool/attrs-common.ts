/**
 * The attribute sets every ethtool message shares (`linux/ethtool_netlink_generated.h`,
 * Linux 6.18): the request/reply header naming the device, bitsets, and
 * string sets (ETHTOOL_MSG_STRSET_GET).
 *
 * A bitset comes in one of two forms. Verbose: ETHTOOL_A_BITSET_BITS
 * holds one ETHTOOL_A_BITSET_BITS_BIT nest per bit, with its index, name
 * and (present) value flag. Compact (ETHTOOL_FLAG_COMPACT_BITSETS asked
 * for): ETHTOOL_A_BITSET_VALUE and _MASK are arrays of host-order u32
 * words, bit `i` in word `i / 32`; the bits' names then come from the
 * string set the bitset belongs to. ETHTOOL_A_BITSET_NOMASK says the
 * bitset is a plain list (no mask: every listed bit is set).
 *
 * ```
 * ETHTOOL_A_FEATURES_ACTIVE              (compact, 64 features)
 *   ETHTOOL_A_BITSET_SIZE   u32   64
 *   ETHTOOL_A_BITSET_VALUE  u32[] words of the active bits
 *   ETHTOOL_A_BITSET_MASK   u32[] words of the bits that exist
 * ```
 */
import { Writer } from '../../bytes/writer.js';
import { NLA_F_NESTED } from '../../core/constants.js';
import { attrSet as plainAttrSet, nested, type AttrSet, type Decls } from '../../schema/attr-set.js';
import type { Kind } from '../../schema/kind.js';
import { flagsOf } from '../../schema/enums.js';
import { binary, flag, string, u32 } from '../../schema/scalars.js';
import { ETHTOOL_FLAG } from './constants.js';

/**
 * An ethtool attribute set: nests carry NLA_F_NESTED, as the kernel writes
 * them and as its strict validation of requests demands ("NLA_F_NESTED is
 * missing").
 */
export function attrSet(name: string, prefix: string, decls: Decls): AttrSet {
  return plainAttrSet(name, prefix, () =>
    (typeof decls === 'function' ? decls() : decls).map((d) => {
      const kind = d[2];
      const opts = d[3];
      return kind.spec.t === 'nested' && opts?.flags === undefined ? ([d[0], d[1], kind, { ...opts, flags: NLA_F_NESTED }] as const) : d;
    }),
  );
}

/** ETHTOOL_A_HEADER_*: which device (index or name, or a PHY of it) and how to answer. */
export const headerAttrs = attrSet('ETHTOOL_A_HEADER', 'ETHTOOL_A_HEADER_', () => [
  [1, 'ETHTOOL_A_HEADER_DEV_INDEX', u32],
  // A name or an altname (ALTIFNAMSIZ, 128 with the NUL).
  [2, 'ETHTOOL_A_HEADER_DEV_NAME', string(128)],
  [3, 'ETHTOOL_A_HEADER_FLAGS', flagsOf(u32, ETHTOOL_FLAG)],
  [4, 'ETHTOOL_A_HEADER_PHY_INDEX', u32],
]);

/**
 * `kind`, its payload kept verbatim when encoding the decoded value would
 * not give back its bytes. ethtool leaves the alignment padding after the
 * bit names of its SET requests uninitialised (`ethtool -K`); the encoder
 * writes zeros, as the kernel does, so such a nest keeps the bytes it came
 * in (and re-encodes from its value once changed).
 */
function verbatim<T>(kind: Kind<T>): Kind<T> {
  return {
    get label() {
      return kind.label;
    },
    spec: kind.spec,
    decode: (src, off, len, parent) => kind.decode(src, off, len, parent),
    encode: (w, v, parent) => kind.encode(w, v, parent),
    size: (v, parent) => kind.size(v, parent),
    format: (v) => kind.format(v),
    json: (v, parent) => kind.json(v, parent),
    explain: (src, off, len, ctx, parent) => kind.explain!(src, off, len, ctx, parent),
    canonical(src, off, len, v) {
      const w = new Writer(len + 16);
      try {
        kind.encode(w, v);
      } catch {
        return false;
      }
      if (w.length !== len) return false;
      for (let i = 0; i < len; i++) if (w.buf[i] !== src.u8[off + i]) return false;
      return true;
    },
  };
}

/** One named bit of a verbose bitset. */
export const bitsetBitAttrs = attrSet('ETHTOOL_A_BITSET_BIT', 'ETHTOOL_A_BITSET_BIT_', () => [
  [1, 'ETHTOOL_A_BITSET_BIT_INDEX', u32],
  [2, 'ETHTOOL_A_BITSET_BIT_NAME', string()],
  // Present: the bit is set.
  [3, 'ETHTOOL_A_BITSET_BIT_VALUE', flag],
]);

export const bitsetBitsAttrs = attrSet('ETHTOOL_A_BITSET_BITS', 'ETHTOOL_A_BITSET_BITS_', () => [
  [1, 'ETHTOOL_A_BITSET_BITS_BIT', nested(() => bitsetBitAttrs), { multi: true }],
]);

/** A bitset, verbose or compact (see the module doc). */
export const bitsetAttrs = attrSet('ETHTOOL_A_BITSET', 'ETHTOOL_A_BITSET_', () => [
  [1, 'ETHTOOL_A_BITSET_NOMASK', flag],
  [2, 'ETHTOOL_A_BITSET_SIZE', u32],
  // Kept verbatim where ethtool's padding is not zero (see verbatim()).
  [3, 'ETHTOOL_A_BITSET_BITS', verbatim(nested(() => bitsetBitsAttrs))],
  // u32 words, host order.
  [4, 'ETHTOOL_A_BITSET_VALUE', binary()],
  [5, 'ETHTOOL_A_BITSET_MASK', binary()],
]);

/** The header nest every message starts with. */
export const header = nested(() => headerAttrs);

/** A bitset nest. */
export const bitset = nested(() => bitsetAttrs);

/** One string of a string set. */
export const stringAttrs = attrSet('ETHTOOL_A_STRING', 'ETHTOOL_A_STRING_', () => [
  [1, 'ETHTOOL_A_STRING_INDEX', u32],
  [2, 'ETHTOOL_A_STRING_VALUE', string()],
]);

export const stringsAttrs = attrSet('ETHTOOL_A_STRINGS', 'ETHTOOL_A_STRINGS_', () => [
  [1, 'ETHTOOL_A_STRINGS_STRING', nested(() => stringAttrs), { multi: true }],
]);

/** One string set: its id (ETH_SS_*), how many strings, and the strings (unless only counts were asked for). */
export const stringsetAttrs = attrSet('ETHTOOL_A_STRINGSET', 'ETHTOOL_A_STRINGSET_', () => [
  [1, 'ETHTOOL_A_STRINGSET_ID', u32],
  [2, 'ETHTOOL_A_STRINGSET_COUNT', u32],
  [3, 'ETHTOOL_A_STRINGSET_STRINGS', nested(() => stringsAttrs), { multi: true }],
]);

export const stringsetsAttrs = attrSet('ETHTOOL_A_STRINGSETS', 'ETHTOOL_A_STRINGSETS_', () => [
  [1, 'ETHTOOL_A_STRINGSETS_STRINGSET', nested(() => stringsetAttrs), { multi: true }],
]);

/** ETHTOOL_MSG_STRSET_GET and its reply. */
export const strsetAttrs = attrSet('ETHTOOL_A_STRSET', 'ETHTOOL_A_STRSET_', () => [
  [1, 'ETHTOOL_A_STRSET_HEADER', header],
  [2, 'ETHTOOL_A_STRSET_STRINGSETS', nested(() => stringsetsAttrs)],
  [3, 'ETHTOOL_A_STRSET_COUNTS_ONLY', flag],
]);
