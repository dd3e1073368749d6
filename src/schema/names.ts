/** Derives friendly camelCase keys from kernel names. */

/** `IFLA_NET_NS_PID` with prefix `IFLA_` gives `netNsPid`; `rx_packets` gives `rxPackets`. */
export function friendlyKey(kernelName: string, prefix: string): string {
  const rest = kernelName.startsWith(prefix) ? kernelName.slice(prefix.length) : kernelName;
  const parts = rest.toLowerCase().split('_').filter((p) => p !== '');
  if (parts.length === 0) return kernelName.toLowerCase();
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += parts[i]![0]!.toUpperCase() + parts[i]!.slice(1);
  // Keys must not look like array indices (they would reorder object keys).
  return /^[0-9]/.test(out) ? '_' + out : out;
}

/** Reverses a `{NAME: value}` table into `{value: NAME}` (first name wins). */
export function namesOf(table: Readonly<Record<string, number>>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(table)) if (!(v in out)) out[v] = k;
  return out;
}
