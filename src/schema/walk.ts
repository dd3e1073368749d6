/**
 * Walks declarations: every attribute set and struct reachable from a set
 * of roots, following nested sets, headed messages and kind-dependent data.
 * Used by coverage reports, header checks and the arbitraries.
 */
import type { AttrSet } from './attr-set.js';
import type { Kind } from './kind.js';
import type { StructKind } from './struct.js';

export interface Reachable {
  sets: AttrSet[];
  structs: StructKind[];
}

/** All sets and structs reachable from `roots` (each listed once). */
export function reachable(roots: readonly (AttrSet | Kind)[]): Reachable {
  const sets = new Set<AttrSet>();
  const structs = new Set<StructKind>();
  const seenKinds = new Set<Kind>();
  const visitKind = (k: Kind): void => {
    if (seenKinds.has(k)) return;
    seenKinds.add(k);
    const s = k.spec;
    switch (s.t) {
      case 'nested':
        visitSet(s.set());
        break;
      case 'message':
        visitKind(s.header);
        visitSet(s.set());
        break;
      case 'dependent':
        for (const c of Object.values(s.choices())) visitKind(c);
        visitKind(s.fallback);
        break;
      case 'struct':
        structs.add(k as StructKind);
        for (const f of s.fields) visitKind(f.kind);
        break;
      case 'array':
        visitKind(s.of);
        break;
      case 'custom':
        if (s.of) visitKind(s.of);
        break;
      default:
    }
  };
  const visitSet = (set: AttrSet): void => {
    if (sets.has(set)) return;
    sets.add(set);
    for (const d of set.defs) visitKind(d.kind);
  };
  for (const r of roots) {
    if ('defs' in r) visitSet(r as AttrSet);
    else visitKind(r as Kind);
  }
  return { sets: [...sets], structs: [...structs] };
}
