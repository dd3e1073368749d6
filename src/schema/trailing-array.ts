/**
 * A C struct that ends in a flexible array (`struct tc_u32_sel { ...;
 * struct tc_u32_key keys[]; }`, `struct tc_u32_pcnt { ...; __u64
 * kcnts[]; }`): the fixed head decodes as its struct, the rest of the
 * payload as whole elements under one key. A count field in the head
 * (nkeys) is kept as sent, not recomputed, so the bytes round-trip.
 */
import { DecodeError, EncodeError } from '../core/errors.js';
import { arrayOf } from './array.js';
import type { Kind } from './kind.js';
import type { StructKind } from './struct.js';

type Arb<T> = NonNullable<Kind<T>['arbitrary']>;

/**
 * `head` then `key[]` of `of`. `ts` is the decoded value's TypeScript type
 * (for the generated message types), `arbitrary` draws values for the
 * property tests.
 */
export function withTrailingArray<T extends Record<string, any>>(head: StructKind, key: string, of: Kind, ts: string, arbitrary: Arb<T>): Kind<T> {
  const hs = head.structSize;
  const items = arrayOf(of, `${of.label}[]`);
  const label = `${head.cName} + ${key}[]`;
  return {
    label: head.cName,
    spec: { t: 'custom', label: head.cName, ts },
    decode(src, off, len) {
      if (len < hs) throw new DecodeError(`${head.cName}: expected at least ${hs} bytes, got ${len}`, off);
      const v = head.decode(src, off, hs) as Record<string, unknown>;
      try {
        v[key] = items.decode(src, off + hs, len - hs);
      } catch (e) {
        if (e instanceof DecodeError) throw e.within(key);
        throw e;
      }
      return v as T;
    },
    encode(w, v) {
      if (v === null || typeof v !== 'object') throw new EncodeError(`${label}: expected an object`);
      head.encode(w, v);
      try {
        items.encode(w, v[key] ?? []);
      } catch (e) {
        if (e instanceof EncodeError) throw e.within(key);
        throw e;
      }
    },
    size: (v) => hs + items.size(v[key] ?? []),
    format: (v) => `${head.format(v)}, ${(v[key] ?? []).length} ${key}`,
    json: (v) => ({ ...(head.json(v) as Record<string, unknown>), [key]: items.json(v[key] ?? []) }),
    explain(src, off, len, ctx) {
      if (len < hs) throw new DecodeError(`${head.cName}: expected at least ${hs} bytes, got ${len}`, off);
      head.explain!(src, off, hs, ctx);
      items.explain!(src, off + hs, len - hs, { rows: ctx.rows, path: [...ctx.path, key], depth: ctx.depth + 1 });
    },
    arbitrary,
  };
}
