/** The names iproute2 (6.1) prints for neighbour states, read from the declared enum. */
import { NUD, nudBits } from './header.js';

/** The state words of `state`, as `ip neigh` prints them (`["STALE"]`, or several for a combined mask). */
export function nudNames(state: number): string[] {
  const byBit = new Map<number, string>(Object.entries(NUD).map(([k, v]) => [v, k.slice('NUD_'.length)]));
  return nudBits(state).map((bit) => byBit.get(bit)!);
}
