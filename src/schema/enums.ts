/**
 * Named integers: enums (one name per value) and flag sets (one name per
 * bit). Decoded values stay plain numbers, so unknown values survive; the
 * names appear in explain output and JSON.
 */
import type { Kind } from './kind.js';
import { namesOf } from './names.js';

/** An integer whose values have kernel names (`AF_INET`, `RT_SCOPE_LINK`). */
export function enumOf(base: Kind<number>, table: Readonly<Record<string, number>>): Kind<number> {
  // The value -> name table is built on first use: modules declare many
  // enums and a command formats a few.
  let cached: Record<number, string> | undefined;
  const names = (): Record<number, string> => (cached ??= namesOf(table));
  return {
    ...base,
    label: base.label,
    spec: {
      t: 'enum',
      base,
      get names() {
        return names();
      },
    },
    format: (v) => {
      const n = names()[v];
      return n !== undefined ? `${n} (${v})` : String(v);
    },
    json: (v) => names()[v] ?? v,
  };
}

/** Names of the bits set in `v`; leftover unnamed bits as a hex number string. */
export function flagNames(v: number, names: Readonly<Record<number, string>>): string[] {
  const out: string[] = [];
  let rest = v >>> 0;
  for (let bit = 1; rest !== 0 && bit !== 0; bit = (bit << 1) >>> 0) {
    if (rest & bit) {
      const n = names[bit];
      if (n !== undefined) {
        out.push(n);
        rest = (rest & ~bit) >>> 0;
      }
    }
  }
  if (rest) out.push('0x' + rest.toString(16));
  return out;
}

/** A bit set whose bits have kernel names (`IFF_UP|IFF_LOWER_UP`). */
export function flagsOf(base: Kind<number>, table: Readonly<Record<string, number>>): Kind<number> {
  // Built on first use, as for enumOf.
  let cached: Record<number, string> | undefined;
  const names = (): Record<number, string> => (cached ??= namesOf(table));
  return {
    ...base,
    label: base.label,
    spec: {
      t: 'flags',
      base,
      get names() {
        return names();
      },
    },
    format: (v) => (v === 0 ? '0' : `${flagNames(v, names()).join('|')} (0x${(v >>> 0).toString(16)})`),
    json: (v) => flagNames(v, names()),
  };
}

/**
 * The kernel's word for a value of a declared enum, as a type: the names of
 * `T` that start with `P`, without it, in lower case
 * (`KernelWord<typeof RT_SCOPE, 'RT_SCOPE_'>` is `'universe' | 'site' |
 * 'link' | 'host' | 'nowhere'`).
 */
export type KernelWord<T, P extends string> = { [K in keyof T]: K extends `${P}${infer W}` ? Lowercase<W> : never }[keyof T];

const wordCache = new WeakMap<object, Map<string, Readonly<Record<number, string>>>>();

/**
 * Value -> the kernel's word, for every name of `decl` (a declared `as
 * const` enum) that starts with `prefix`: the name without it, in lower
 * case; the first declared name wins where two share a value. Built once
 * per declaration and prefix.
 */
export function kernelWords(decl: Readonly<Record<string, number>>, prefix: string): Readonly<Record<number, string>> {
  let byPrefix = wordCache.get(decl);
  if (byPrefix === undefined) wordCache.set(decl, (byPrefix = new Map()));
  let words = byPrefix.get(prefix);
  if (words === undefined) {
    const out: Record<number, string> = {};
    for (const [name, v] of Object.entries(decl)) if (name.startsWith(prefix) && !(v in out)) out[v] = name.slice(prefix.length).toLowerCase();
    byPrefix.set(prefix, (words = out));
  }
  return words;
}

/** The kernel's word for `value` in `decl` (see {@link kernelWords}), or the number as a string when no declared name has that value. */
export function kernelWord<T extends Readonly<Record<string, number>>, P extends string>(decl: T, prefix: P, value: number): KernelWord<T, P> | `${number}` {
  return (kernelWords(decl, prefix)[value] as KernelWord<T, P> | undefined) ?? `${value}`;
}
