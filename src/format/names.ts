/**
 * The names iproute2 (6.1) prints for values every rtnetlink family uses:
 * scopes and address families. Each family's own names are in its folder
 * (`src/families/<family>/names.ts`), read from its declared enums.
 *
 * Where iproute2 also reads a table from `/etc/iproute2` (`rt_protos`,
 * `rt_scopes`, `rt_tables`, `group`), the names here are its built-in ones
 * plus the entries the stock files add; local edits to those files are not
 * seen (these functions do no I/O). A value without a name prints as its
 * number, as iproute2 does.
 */
import { AF, RT_SCOPE } from '../rtnl/constants.js';
import { kernelWords } from '../schema/enums.js';
import { wordsOf } from './words.js';

export const SCOPE_NAMES: Readonly<Record<number, string>> = wordsOf(RT_SCOPE, 'RT_SCOPE_', { spelled: { RT_SCOPE_UNIVERSE: 'global' } });

/**
 * A scope word as iproute2 reads it (`global`, `link`, `host`, `site`,
 * `nowhere`, the declared `universe`, or a number below 256), or
 * undefined.
 */
export function scopeValue(word: string): number | undefined {
  for (const words of [SCOPE_NAMES, kernelWords(RT_SCOPE, 'RT_SCOPE_')]) {
    for (const [value, name] of Object.entries(words)) if (name === word) return Number(value);
  }
  return /^\d+$/.test(word) && Number(word) < 256 ? Number(word) : undefined;
}

/** A scope as iproute2 prints it: `global`, `link`, `host`, `site`, `nowhere`, or the number. */
export function scopeName(scope: number): string {
  return SCOPE_NAMES[scope] ?? String(scope);
}

/** Address families iproute2 names (`family_name()`). */
export const FAMILY_NAMES: Readonly<Record<number, string>> = wordsOf(AF, 'AF_', { only: ['AF_INET', 'AF_INET6', 'AF_PACKET', 'AF_MPLS', 'AF_BRIDGE'], spelled: { AF_PACKET: 'link' } });

/** An address family as iproute2 prints it: `inet`, `inet6`, `link`, `mpls`, `bridge`, else `???`. */
export function familyName(family: number): string {
  return FAMILY_NAMES[family] ?? '???';
}
