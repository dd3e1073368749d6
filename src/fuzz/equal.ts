/**
 * Structural equality of decoded values, as the property checks need it
 * outside a test runner: plain objects (own enumerable string keys, an
 * `undefined` value counting as absent), arrays, Uint8Arrays, bigints and
 * numbers (NaN equals NaN). Symbol-keyed wire details are ignored, as
 * they do not change what a value means.
 */

/** The path and both sides of the first difference between `a` and `b`, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path: string[] = []): string | undefined {
  const found = diff(a, b);
  if (found === undefined) return undefined;
  const [rest, text] = found;
  const full = [...path, ...rest.reverse()];
  return `${full.length ? full.join('.') : '(root)'}: ${text}`;
}

/** [reversed path, description] of the first difference (paths are built only when one is found). */
function diff(a: unknown, b: unknown): [string[], string] | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) {
    return a === b ? undefined : [[], `${show(a)} vs ${show(b)}`];
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return [[], `${show(a)} vs ${show(b)}`];
    if (a.length !== b.length) return [[], `${a.length} bytes vs ${b.length} bytes`];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return [[`[${i}]`], `${a[i]} vs ${b[i]}`];
    return undefined;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return [[], `${show(a)} vs ${show(b)}`];
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return [[], `array of ${a.length} vs ${bb.length}`];
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], bb[i]);
      if (d !== undefined) return (d[0].push(String(i)), d);
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k in ao) {
    const d = diff(ao[k], bo[k]);
    if (d !== undefined) return (d[0].push(k), d);
  }
  for (const k in bo) {
    if (k in ao) continue;
    const d = diff(undefined, bo[k]);
    if (d !== undefined) return (d[0].push(k), d);
  }
  return undefined;
}

/** True when `a` and `b` are structurally equal (see the module comment). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}

/** Short text of a value for difference reports. */
export function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol' || typeof v === 'function') return String(v);
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  try {
    const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? `Uint8Array(${x.length})` : x));
    return s === undefined ? String(v) : s.length > 120 ? s.slice(0, 117) + '...' : s;
  } catch {
    return String(v);
  }
}

/** Index of the first differing byte of two byte strings, or -1 when equal. */
export function firstByteDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/**
 * A copy of `b` as a plain Uint8Array. (Not `b.slice()`: on a Node Buffer,
 * as datagrams from a socket are, slice() is a view of the same memory.)
 */
export function copyBytes(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
}
