/** The names iproute2 (6.1) prints for neighbour states, read from the declared enum. */
import { NUD } from './header.js';

/** NUD_* states in iproute2's order, by their upper-case word (`REACHABLE`...); NUD_NONE prints nothing. */
export const NUD_ORDER: readonly (readonly [string, number])[] = Object.entries(NUD)
  .filter(([, v]) => v !== 0)
  .sort((a, b) => a[1] - b[1])
  .map(([k, v]) => [k.slice('NUD_'.length), v] as const);

/** The state words of `state`, as `ip neigh` prints them (`["STALE"]`, or several for a combined mask). */
export function nudNames(state: number): string[] {
  return NUD_ORDER.filter(([, bit]) => (state & bit) !== 0).map(([w]) => w);
}

/** A state word as `ip neigh ... nud STATE` reads it (`reachable`, `permanent`, `none`...), or undefined. */
export function nudValue(word: string): number | undefined {
  const key = `NUD_${word.toUpperCase()}`;
  return key in NUD ? NUD[key as keyof typeof NUD] : undefined;
}
