/**
 * The attributes of a nest whose types are positions or keys rather than
 * names (indexed arrays, keyed nests): where each one's payload lies.
 */
import { align4 } from '../bytes/align.js';
import { DecodeError } from '../core/errors.js';
import type { Source } from './kind.js';

/** One element attribute: where its payload is and its raw type field. */
export interface Slot {
  at: number;
  len: number;
  rawType: number;
  next: number;
}

/** Walks the element attributes of `[off, off+len)`; throws a DecodeError on a malformed header. */
export function slots(src: Source, off: number, len: number, label: string): Slot[] {
  const u8 = src.u8;
  const end = off + len;
  const out: Slot[] = [];
  let p = off;
  while (p < end) {
    if (end - p < 4) throw new DecodeError(`${label}: ${end - p} trailing bytes, too few for an attribute header`, p);
    const alen = u8[p]! | (u8[p + 1]! << 8);
    if (alen < 4 || alen > end - p) throw new DecodeError(`${label}: element [${out.length}] has length ${alen} (${end - p} bytes left)`, p);
    const next = Math.min(end, p + align4(alen));
    out.push({ at: p + 4, len: alen - 4, rawType: u8[p + 2]! | (u8[p + 3]! << 8), next });
    p = next;
  }
  return out;
}
