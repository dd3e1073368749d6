/** Derives friendly camelCase keys from kernel names. */

/** `IFLA_NET_NS_PID` with prefix `IFLA_` gives `netNsPid`; `rx_packets` gives `rxPackets`. */
export function friendlyKey(kernelName: string, prefix: string): string {
  const rest = (kernelName.startsWith(prefix) ? kernelName.slice(prefix.length) : kernelName).toLowerCase();
  // One pass: drop underscores, upper-case the letter after one (not at the start).
  let out = '';
  let up = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 95 /* _ */) {
      up = out !== '';
      continue;
    }
    out += up ? rest[i]!.toUpperCase() : rest[i]!;
    up = false;
  }
  if (out === '') return kernelName.toLowerCase();
  // Keys must not look like array indices (they would reorder object keys).
  const c0 = out.charCodeAt(0);
  return c0 >= 48 && c0 <= 57 ? '_' + out : out;
}

/** Reverses a `{NAME: value}` table into `{value: NAME}` (first name wins). */
export function namesOf(table: Readonly<Record<string, number>>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(table)) if (!(v in out)) out[v] = k;
  return out;
}
