/**
 * A keyed nest: a nest whose attribute types are not names but keys, each
 * attribute one element (the YNL specs' `indexed-array` of nests and
 * `nest-type-value`). Generic netlink's controller answers with such
 * nests: CTRL_ATTR_OPS puts operation `i` under type `i` counting from 1,
 * and CTRL_ATTR_POLICY puts policy `p`'s attribute `a` under types `p`
 * then `a`.
 *
 * ```
 * CTRL_ATTR_OPS                len 28
 *   14 00 01 00                  [1]  (an operation)
 *     08 00 01 00 03 00 00 00      CTRL_ATTR_OP_ID 3
 *     08 00 02 00 0a 00 00 00      CTRL_ATTR_OP_FLAGS 0xa
 * ```
 *
 * Decodes to an object from key to element value (`{1: {...}, 2: {...}}`).
 * Keys are written in ascending order; a nest whose keys are not
 * ascending, that repeats one, or whose NLA_F_* bits differ from
 * `flags` re-encodes from the bytes it came in.
 */
import { align4 } from '../bytes/align.js';
import { toHex } from '../bytes/hex.js';
import { NLA_TYPE_MASK } from '../core/constants.js';
import { DecodeError, EncodeError } from '../core/errors.js';
import type { ExplainCtx, Kind, Source } from './kind.js';
import { slots } from './nest-slots.js';

type Arb<T> = NonNullable<Kind<T>['arbitrary']>;

export interface KeyedNestOptions<T> {
  /** NLA_F_* bits the encoder sets on each element (default none). */
  flags?: number;
  /** The TypeScript type of one element, for the generated declarations. */
  ts: string;
  /** Element values for the property tests. */
  arbitrary: Arb<T>;
}

/** Elements of `of` under numeric keys, as one nest (see the module doc). */
export function keyedNest<T>(of: Kind<T>, label: string, opts: KeyedNestOptions<T>): Kind<Record<number, T>> {
  const flags = opts.flags ?? 0;
  const keysOf = (v: Record<number, T>): number[] =>
    Object.keys(v)
      .map(Number)
      .sort((a, b) => a - b);
  return {
    label,
    spec: { t: 'custom', label, ts: `Record<number, ${opts.ts}>`, of },
    decode(src, off, len) {
      const out: Record<number, T> = {};
      for (const s of slots(src, off, len, label)) {
        const key = s.rawType & NLA_TYPE_MASK;
        try {
          out[key] = of.decode(src, s.at, s.len);
        } catch (e) {
          if (e instanceof DecodeError) throw e.within(`${label}[${key}]`);
          throw e;
        }
      }
      return out;
    },
    canonical(src, off, len, v) {
      const ss = slots(src, off, len, label);
      const keys = keysOf(v);
      if (ss.length !== keys.length) return false;
      return ss.every((s, i) => {
        if (s.rawType !== (keys[i]! | flags)) return false;
        if (s.next - s.at !== align4(s.len)) return false;
        if (of.canonical && !of.canonical(src, s.at, s.len, v[keys[i]!]!)) return false;
        return of.size(v[keys[i]!]!) === s.len;
      });
    },
    encode(w, v) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new EncodeError(`${label}: expected an object from key to element`);
      for (const key of keysOf(v)) {
        if (!Number.isInteger(key) || key < 0 || key > NLA_TYPE_MASK) throw new EncodeError(`${label}: key ${key} is not an attribute type (0 to ${NLA_TYPE_MASK})`);
        const start = w.length;
        w.u16(0);
        w.u16(key | flags);
        try {
          of.encode(w, v[key]!);
        } catch (err) {
          if (err instanceof EncodeError) throw err.within(`${label}[${key}]`);
          throw err;
        }
        w.patchU16(start, w.length - start);
        w.align();
      }
    },
    size: (v) => keysOf(v).reduce((n, k) => n + 4 + align4(of.size(v[k]!)), 0),
    format: (v) => `{${keysOf(v).length} elements}`,
    json: (v) => Object.fromEntries(keysOf(v).map((k) => [String(k), of.json(v[k]!)])),
    arbitrary: (fc) => fc.dictionary(fc.integer({ min: 0, max: 64 }).map(String), opts.arbitrary(fc), { maxKeys: 4, noNullPrototype: true }) as never,
    explain(src: Source, off: number, len: number, ctx: ExplainCtx): void {
      for (const s of slots(src, off, len, label)) {
        const key = s.rawType & NLA_TYPE_MASK;
        const name = `[${key}]`;
        const path = [...ctx.path, name];
        const nested = s.rawType & ~NLA_TYPE_MASK ? ' (NLA_F_NESTED)' : '';
        ctx.rows.push({ offset: s.at - 4, length: 4, depth: ctx.depth, role: 'attr', path, name, value: `len ${s.len + 4}, key ${key}${nested}` });
        if (s.len > 0) {
          let done = false;
          if (of.explain) {
            const before = ctx.rows.length;
            try {
              of.explain(src, s.at, s.len, { rows: ctx.rows, path, depth: ctx.depth + 1 });
              done = true;
            } catch {
              ctx.rows.length = before;
            }
          }
          if (!done) {
            let value: string;
            try {
              value = of.format(of.decode(src, s.at, s.len));
            } catch {
              value = toHex(src.u8.subarray(s.at, s.at + s.len), ' ');
            }
            ctx.rows.push({ offset: s.at, length: s.len, depth: ctx.depth + 1, role: 'value', path, name, value });
          }
        }
        if (s.next > s.at + s.len) ctx.rows.push({ offset: s.at + s.len, length: s.next - s.at - s.len, depth: ctx.depth + 1, role: 'pad', path: [...path, 'padding'], name: 'padding', value: `(${s.next - s.at - s.len})` });
      }
    },
  };
}
