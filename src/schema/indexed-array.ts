/**
 * An indexed array: a nest whose attributes carry no name, only their
 * position as the attribute type (the YNL spec's `indexed-array`).
 * IFLA_BOND_ARP_IP_TARGET and IFLA_BOND_NS_IP6_TARGET are such nests: the
 * kernel (bond_fill_info) and iproute2 put target `i` under type `i`,
 * starting at 0, without NLA_F_NESTED.
 *
 * ```
 * IFLA_BOND_ARP_IP_TARGET   len 20
 *   08 00 00 00  c6 12 00 01     type 0: 198.18.0.1
 *   08 00 01 00  c6 12 00 02     type 1: 198.18.0.2
 * ```
 *
 * Decodes to the array of element values. A nest whose types are not
 * 0, 1, 2... in order (or that carries NLA_F_* bits or padding the encoder
 * would not write) decodes to the same array and re-encodes from the bytes
 * it came in.
 */
import { align4 } from '../bytes/align.js';
import { toHex } from '../bytes/hex.js';
import { NLA_TYPE_MASK } from '../core/constants.js';
import { DecodeError, EncodeError } from '../core/errors.js';
import { sourceOf, type ExplainCtx, type Kind, type Source } from './kind.js';
import { slots } from './nest-slots.js';

/**
 * `of[]` as an indexed nest. `of` must have a fixed size (an address, an
 * integer); `label` names it in explain rows and errors.
 */
export function indexedArray<T>(of: Kind<T>, label: string): Kind<T[]> {
  const size = of.fixedSize;
  if (size === undefined || size === 0) throw new Error(`indexedArray(${of.label}): elements need a fixed, non-zero size`);
  return {
    label,
    spec: { t: 'custom', label, ts: `${tsOf(of)}[]` },
    arrayValued: true,
    decode(src, off, len) {
      return slots(src, off, len, label).map((s, i) => {
        try {
          return of.decode(src, s.at, s.len);
        } catch (e) {
          if (e instanceof DecodeError) throw e.within(`${label}[${i}]`);
          throw e;
        }
      });
    },
    canonical(src, off, len, v) {
      // Canonical: types 0, 1, 2... with no flag bits, each exactly one element, no stray padding.
      const ss = slots(src, off, len, label);
      return ss.length === v.length && ss.every((s, i) => s.rawType === i && s.len === size && s.next - s.at === align4(size));
    },
    encode(w, v) {
      if (!Array.isArray(v)) throw new EncodeError(`${label}: expected an array`);
      if (v.length > NLA_TYPE_MASK + 1) throw new EncodeError(`${label}: ${v.length} elements, more than attribute types can index`);
      v.forEach((e, i) => {
        const start = w.length;
        w.u16(0);
        w.u16(i);
        try {
          of.encode(w, e);
        } catch (err) {
          if (err instanceof EncodeError) throw err.within(`${label}[${i}]`);
          throw err;
        }
        w.patchU16(start, w.length - start);
        w.align();
      });
    },
    size: (v) => v.length * (4 + align4(size)),
    format: (v) => `[${v.map((e) => of.format(e)).join(', ')}]`,
    json: (v) => v.map((e) => of.json(e)),
    arbitrary: (fc) =>
      fc.array(
        fc.uint8Array({ minLength: size, maxLength: size }).map((b) => of.decode(sourceOf(b), 0, size)),
        { maxLength: 16 },
      ),
    explain(src: Source, off: number, len: number, ctx: ExplainCtx): void {
      const u8 = src.u8;
      slots(src, off, len, label).forEach((s, i) => {
        const name = `[${s.rawType & NLA_TYPE_MASK}]`;
        const path = [...ctx.path, name];
        ctx.rows.push({ offset: s.at - 4, length: 4, depth: ctx.depth, role: 'attr', path, name, value: `len ${s.len + 4}, type ${s.rawType & NLA_TYPE_MASK} (element ${i})` });
        if (s.len > 0) {
          let value: string;
          try {
            value = of.format(of.decode(src, s.at, s.len));
          } catch {
            value = toHex(u8.subarray(s.at, s.at + s.len), ' ');
          }
          ctx.rows.push({ offset: s.at, length: s.len, depth: ctx.depth + 1, role: 'value', path, name, value });
        }
        const padEnd = s.next;
        if (padEnd > s.at + s.len) ctx.rows.push({ offset: s.at + s.len, length: padEnd - s.at - s.len, depth: ctx.depth + 1, role: 'pad', path: [...path, 'padding'], name: 'padding', value: `(${padEnd - s.at - s.len})` });
      });
    },
  };
}

/** The TypeScript type of one element's decoded value, for the generated declarations. */
function tsOf(k: Kind): string {
  const s = k.spec;
  switch (s.t) {
    case 'ip':
    case 'lladdr':
    case 'string':
      return 'string';
    case 'uint':
    case 'sint':
      return s.bits === 64 ? '(number | bigint)' : 'number';
    case 'enum':
    case 'flags':
      return 'number';
    case 'custom':
      return /[|{ ]/.test(s.ts) ? `(${s.ts})` : s.ts;
    default:
      return 'unknown';
  }
}
