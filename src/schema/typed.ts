/**
 * Types of decoded values, computed from the declarations themselves: the
 * key of an attribute or field is its kernel name as `friendlyKey` makes
 * it (`IFLA_LINK_NETNSID` with prefix `IFLA_` is `linkNetnsid`), its type
 * the value type of its kind. Nothing is generated: a declaration is the
 * only place a name, a number or a type is written.
 */
import type { Kind } from './kind.js';

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/** `a_b_c` -> `aBC`, empty parts skipped (the type-level twin of `friendlyKey`'s joining). */
type CamelParts<S extends string> = S extends `${infer H}_${infer T}` ? (H extends '' ? CamelParts<T> : `${H}${Capitalize<CamelParts<T>>}`) : S;

type Stripped<N extends string, P extends string> = N extends `${P}${infer R}` ? R : N;

/** The friendly key of kernel name `N` in a set or struct whose prefix is `P` (as `friendlyKey` computes it). */
export type FriendlyKey<N extends string, P extends string> =
  Lowercase<Stripped<N, P>> extends infer L extends string
    ? L extends ''
      ? Lowercase<N>
      : CamelParts<L> extends infer C extends string
        ? C extends `${Digit}${string}`
          ? `_${C}`
          : C
        : never
    : never;

/** The value type of a kind. */
export type ValueOf<K> = K extends Kind<infer T> ? T : unknown;
