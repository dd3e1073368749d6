/**
 * The code generator behind an attribute set's compiled decoder (see
 * `AttrSet.decode` in attr-set.ts): from the declaration, one function
 * with a `switch` over the declared types, fixed property names at each
 * store and scalar reads inlined. Only the fast path is generated; repeats,
 * wire details, unknown types and deferred dependents call back into the
 * set. test/schema/tier.test.ts checks that it and the declaration-walking
 * decoder give the same values.
 */
import { DecodeError } from '../core/errors.js';
import type { AttrDef, AttrSet, DependentKind } from './attr-set.js';
import { MAX_DEPTH, type Kind, type Source } from './kind.js';
import { MIN_DEFERRED } from './lazy.js';
import { r64 } from './scalars.js';

/**
 * Compiles a set's decoder: one `switch` over the declared types (or only
 * those in `only`, the rest decoded by the set's walking code), fixed
 * property names at each store, scalar reads inlined. The slow paths
 * (repeats, wire details, unknown types, deferred dependents) stay in the
 * class.
 */
export function compileDecoder(set: AttrSet, only?: ReadonlySet<number>): (src: Source, off: number, len: number) => Record<string, any> {
  const cases: string[] = [];
  const K: Kind[] = [];
  const D: AttrDef[] = [];
  set.defs.forEach((def, i) => {
    K[i] = def.kind;
    D[i] = def;
    // Unlisted types go to the set's walking code (default below); a
    // dependent is always listed, as its deferral lives in this function.
    if (only !== undefined && !only.has(def.type) && (def.kind as DependentKind).selector === undefined) return;
    const key = JSON.stringify(def.key);
    const k = def.kind;
    let value: string;
    if (k.readExpr && k.fixedSize !== undefined) {
      value = `if (l !== ${k.fixedSize}) { cur = ${i}; lenError(${k.fixedSize}, l, o); }
        v = ${k.readExpr('o')};`;
    } else {
      value = `cur = ${i}; v = K[${i}].decode(src, o, l, out); cur = -1;`;
    }
    const canon = k.canonical ? `K[${i}].canonical(src, o, l, v)` : 'true';
    const dep = (k as DependentKind).selector;
    const deferCheck = dep !== undefined ? `if (out[${JSON.stringify(dep)}] === undefined) { (deferred ??= []).push(${i}, p, alen); S.defer(out, D[${i}], flags); break; }` : '';
    const fast = def.multi
      ? `if (flags === ${def.flags} && ok) { const a = out[${key}]; if (a === undefined) out[${key}] = [v]; else a.push(v); } else S.storeSlow(out, D[${i}], v, src, p, alen, flags, ok, false);`
      : `if (flags === ${def.flags} && ok && out[${key}] === undefined) out[${key}] = v; else S.storeSlow(out, D[${i}], v, src, p, alen, flags, ok, false);`;
    // Deferred when the source is lazy (schema/lazy.ts): first occurrence, usual flags, large enough.
    const lazy = set.lazyAt(i) !== null ? `if (lazy === true && l >= ${MIN_DEFERRED} && flags === ${def.flags} && out[${key}] === undefined) { S.storeLazy(out, ${i}, src, o, l); break; }` : '';
    cases.push(`case ${def.type}: { ${lazy} ${deferCheck}
        let v; ${value}
        const ok = ${canon};
        ${fast}
        break; }`);
  });
  const body = `return function decode_${set.name.replace(/[^A-Za-z0-9_]/g, '_')}(src, off, len) {
    if (++src.depth > ${MAX_DEPTH}) throw new DecodeError('nesting deeper than ${MAX_DEPTH} levels', off);
    const u8 = src.u8, dv = src.dv, lazy = src.lazy;
    const out = {};
    const end = off + len;
    let p = off, cur = -1, deferred;
    try {
      while (p < end) {
        if (end - p < 4) throw S.headerError(u8, p, end);
        const alen = u8[p] | (u8[p + 1] << 8);
        if (alen < 4 || alen > end - p) throw S.headerError(u8, p, end);
        const raw = u8[p + 2] | (u8[p + 3] << 8);
        const flags = raw & 0xc000;
        const o = p + 4, l = alen - 4;
        switch (raw & 0x3fff) {
          ${cases.join('\n          ')}
          default: ${only === undefined ? 'S.storeUnknown(out, u8, p, alen, raw & 0x3fff, flags)' : 'S.decodeUnlisted(src, out, p, alen, raw & 0x3fff, flags)'};
        }
        p += (alen + 3) & ~3;
      }
    } catch (e) {
      if (cur >= 0 && e instanceof DecodeError) e.within(D[cur].name);
      throw e;
    }
    if (deferred !== undefined) {
      for (let i = 0; i < deferred.length; i += 3) {
        const at = deferred[i + 1];
        S.decodeOne(src, D[deferred[i]], at, deferred[i + 2], (u8[at + 2] | (u8[at + 3] << 8)) & 0xc000, out, true);
      }
    }
    src.depth--;
    return out;
  }`;
  const lenError = (want: number, got: number, at: number) => {
    throw new DecodeError(`expected ${want} bytes, got ${got}`, at);
  };
  return new Function('S', 'K', 'D', 'DecodeError', 'lenError', 'r64', body)(set, K, D, DecodeError, lenError, r64);
}

