/**
 * iproute2's words for declared kernel values, derived from the
 * declarations rather than kept in tables of their own: the declared name
 * without its prefix, in lower case (or upper), except where iproute2
 * spells a value otherwise or has no word for it, which is listed next to
 * the derivation by the kernel name it concerns.
 */

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
 * Value -> word for every name of `decl` (a declared `as const` enum)
 * starting with `prefix`. When two names share a value the first declared
 * wins.
 */
export function wordsOf(decl: Readonly<Record<string, number>>, prefix: string, rules: WordRules = {}): Readonly<Record<number, string>> {
  const out: Record<number, string> = {};
  for (const [name, value] of Object.entries(decl)) {
    if (!name.startsWith(prefix) || value in out) continue;
    if (rules.only !== undefined && !rules.only.includes(name)) continue;
    const spelled = rules.spelled?.[name];
    if (spelled === null) continue;
    const bare = name.slice(prefix.length);
    out[value] = spelled ?? (rules.upper ? bare : bare.toLowerCase());
  }
  return { ...out, ...rules.extra };
}
