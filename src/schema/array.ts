/**
 * A payload that is a packed C array of one fixed-size kind: NHA_GROUP
 * (`struct nexthop_grp[]`), tc's rate tables, u32 selector keys. Element
 * `i` starts at `i * size`; a payload that is not a whole number of
 * elements is refused, as the kernel refuses it.
 */
import { DecodeError, EncodeError } from '../core/errors.js';
import type { ExplainCtx, Kind, Source } from './kind.js';

/** `of[]`: `label` names the array in explain rows and errors (`nexthop_grp[]`). */
export function arrayOf<T>(of: Kind<T>, label = `${of.label}[]`): Kind<T[]> {
  const size = of.fixedSize;
  if (size === undefined || size === 0) throw new Error(`arrayOf(${of.label}): elements need a fixed, non-zero size`);
  const check = (len: number, off: number): number => {
    if (len % size !== 0) throw new DecodeError(`${label}: ${len} bytes is not a whole number of ${size}-byte ${of.label}`, off);
    return len / size;
  };
  return {
    label,
    spec: { t: 'array', of },
    arrayValued: true,
    decode(src: Source, off: number, len: number): T[] {
      const n = check(len, off);
      const out: T[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = of.decode(src, off + i * size, size);
      return out;
    },
    encode(w, v) {
      if (!Array.isArray(v)) throw new EncodeError(`${label}: expected an array`);
      v.forEach((e, i) => {
        try {
          of.encode(w, e);
        } catch (err) {
          if (err instanceof EncodeError) throw err.within(`[${i}]`);
          throw err;
        }
      });
    },
    size: (v) => v.length * size,
    format: (v) => (v.length <= 4 ? `[${v.map((e) => of.format(e)).join('; ')}]` : `${v.length} × ${of.label}`),
    json: (v) => v.map((e) => of.json(e)),
    explain(src: Source, off: number, len: number, ctx: ExplainCtx): void {
      const n = check(len, off);
      for (let i = 0; i < n; i++) {
        const at = off + i * size;
        const path = [...ctx.path, `[${i}]`];
        if (of.explain) of.explain(src, at, size, { rows: ctx.rows, path, depth: ctx.depth });
        else ctx.rows.push({ offset: at, length: size, depth: ctx.depth, role: 'field', path, name: `[${i}]`, value: of.format(of.decode(src, at, size)) });
      }
    },
  };
}
