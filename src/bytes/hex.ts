/** Hex helpers for fixtures, explain output and `tsip decode`. */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex of `b`, optionally with a separator between bytes. */
export function toHex(b: Uint8Array, sep = ''): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i && sep ? sep : '') + HEX[b[i]!];
  return s;
}

/** Error thrown by {@link parseHex} for text that is not hex. */
/** An offset as `tsip decode` prints it: hexadecimal, at least `width` digits (`002c`). */
export function offsetHex(n: number, width = 4): string {
  return n.toString(16).padStart(width, '0');
}

export class HexError extends Error {
  override readonly name = 'HexError';
}

/**
 * Parses hex text as people paste it: whitespace, newlines, `0x` and `\x`
 * prefixes, commas and colons between bytes are all accepted.
 */
export function parseHex(text: string): Uint8Array {
  const clean = text.replace(/0x|\\x|[\s,:]/gi, '');
  if (clean.length % 2 !== 0) throw new HexError(`hex input has an odd number of digits (${clean.length})`);
  const bad = /[^0-9a-f]/i.exec(clean);
  if (bad) throw new HexError(`not a hex digit: ${JSON.stringify(bad[0])} at digit ${bad.index}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}
