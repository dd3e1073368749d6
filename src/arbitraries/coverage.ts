/**
 * What the derivation cannot generate: custom kinds (`spec.t === 'custom'`)
 * that supply no `arbitrary`. Their attributes are left out of generated
 * values unless the caller passes one in `ArbitraryOptions.custom`.
 */
import type { Protocol } from '../netlink/protocol.js';
import type { AttrSet } from '../schema/attr-set.js';
import type { Kind } from '../schema/kind.js';
import { reachable } from '../schema/walk.js';

/** A custom kind without an arbitrary, and where the declarations use it. */
export interface MissingArbitrary {
  /** The kind's label (`rtvia`, `rtnexthop[]`). */
  label: string;
  /** `SET.ATTRIBUTE` kernel names of its uses (`RTA.RTA_VIA`), or `struct.field`. */
  usedBy: string[];
}

/** Attribute sets reachable from every message of `proto`, and from `extra` roots. */
export function reachableSets(proto: Protocol, extra: readonly (AttrSet | Kind)[] = []): AttrSet[] {
  const roots: (AttrSet | Kind)[] = [];
  for (const m of proto.messages.values()) roots.push(m.attrs, m.header);
  return reachable([...roots, ...extra]).sets;
}

/** Custom kinds reachable from `proto` (and `extra`) that have no `arbitrary`. */
export function missingArbitraries(proto: Protocol, extra: readonly (AttrSet | Kind)[] = []): MissingArbitrary[] {
  const roots: (AttrSet | Kind)[] = [];
  for (const m of proto.messages.values()) roots.push(m.attrs, m.header);
  const { sets, structs } = reachable([...roots, ...extra]);
  const byLabel = new Map<string, MissingArbitrary>();
  const note = (k: Kind, where: string) => {
    if (k.spec.t !== 'custom' || k.arbitrary !== undefined) return;
    const label = k.spec.label;
    let m = byLabel.get(label);
    if (m === undefined) byLabel.set(label, (m = { label, usedBy: [] }));
    if (!m.usedBy.includes(where)) m.usedBy.push(where);
  };
  const unwrap = (k: Kind): Kind[] => {
    const s = k.spec;
    if (s.t === 'dependent') return [...Object.values(s.choices()), s.fallback].flatMap(unwrap);
    if (s.t === 'enum' || s.t === 'flags') return unwrap(s.base);
    if (s.t === 'array') return unwrap(s.of);
    return [k];
  };
  for (const set of sets) for (const d of set.defs) for (const k of unwrap(d.kind)) note(k, `${set.name}.${d.name}`);
  for (const st of structs) for (const f of st.fields) for (const k of unwrap(f.kind)) note(k, `${st.cName}.${f.name}`);
  return [...byLabel.values()].sort((a, b) => a.label.localeCompare(b.label));
}
