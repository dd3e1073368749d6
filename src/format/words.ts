/**
 * iproute2's words for declared kernel values, derived from the
 * declarations rather than kept in tables of their own: the declared name
 * without its prefix, in lower case (or upper), except where iproute2
 * spells a value otherwise or has no word for it, which is listed next to
 * the derivation by the kernel name it concerns.
 */
import { kernelWords } from '../schema/enums.js';

/** How iproute2 departs from the declared names. */
export interface WordRules {
  /** Keep the case of the declared name (iproute2 prints `UP`, `DORMANT`...); default: lower case. */
  upper?: boolean;
  /** iproute2's own word for a declared name, or null where it has none (the value prints as a number). */
  spelled?: Readonly<Record<string, string | null>>;
  /** Only these declared names have words (iproute2 names a handful of families). */
  only?: readonly string[];
  /** Words for values the header declares only as a range (ARPHRD_FCFABRIC + n). */
  extra?: Readonly<Record<number, string>>;
}

/**
 * Value -> iproute2's word for the values of `decl` (a declared `as const`
 * enum) named with `prefix`: the kernel's word ({@link kernelWords}),
 * upper-cased when told, then iproute2's own spellings.
 */
export function wordsOf(decl: Readonly<Record<string, number>>, prefix: string, rules: WordRules = {}): Readonly<Record<number, string>> {
  const base = kernelWords(decl, prefix);
  const values = rules.only === undefined ? Object.keys(base).map(Number) : rules.only.map((name) => decl[name]!);
  const out: Record<number, string> = {};
  for (const v of values) out[v] = rules.upper ? base[v]!.toUpperCase() : base[v]!;
  for (const [name, word] of Object.entries(rules.spelled ?? {})) {
    const v = decl[name]!;
    if (word === null) delete out[v];
    else out[v] = word;
  }
  return { ...out, ...rules.extra };
}
