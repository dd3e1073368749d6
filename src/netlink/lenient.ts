/**
 * What the lenient readers share (explain rows and JSON of a message that
 * does not decode as a whole): attributes read one at a time, so that one
 * malformed attribute does not hide its well-formed siblings.
 *
 * A decoder that throws does not unwind the source's nesting count
 * (`Source.depth`: the decoders keep it cheap on the good path); a reader
 * that goes on after catching must put it back ({@link attempt}).
 */
import { align4 } from '../bytes/align.js';
import { DecodeError } from '../core/errors.js';
import type { AttrSet } from '../schema/attr-set.js';
import { MAX_DEPTH, type Kind, type Source } from '../schema/kind.js';

/**
 * The decoded values of the attributes in `[off, off+len)`, each decoded
 * on its own; what fails is left out. Kinds chosen by a sibling
 * (IFLA_INFO_DATA by IFLA_INFO_KIND) look their selector up here.
 */
export function siblingsOf(set: AttrSet, src: Source, off: number, len: number): Record<string, unknown> {
  const u8 = src.u8;
  const end = off + len;
  const parent: Record<string, unknown> = {};
  for (let p = off; end - p >= 4; ) {
    const alen = u8[p]! | (u8[p + 1]! << 8);
    if (alen < 4 || alen > end - p) break;
    const v = attempt(src, () => set.decode(src, p, alen));
    if (v !== undefined) Object.assign(parent, v);
    p += align4(alen);
  }
  return parent;
}

/**
 * Runs `walk` one nesting level down, as the decoders count levels; past
 * MAX_DEPTH gives `tooDeep(reason)` instead, so that a lenient walk of a
 * hostile nest stops where decoding would.
 */
export function deeper<T>(src: Source, walk: () => T, tooDeep: (reason: string) => T): T {
  if (src.depth >= MAX_DEPTH) return tooDeep(`nesting deeper than ${MAX_DEPTH} levels`);
  src.depth++;
  try {
    return walk();
  } finally {
    src.depth--;
  }
}

/** `f()`, or undefined when it throws a decode error; the nesting count of `src` as it was either way. */
export function attempt<T>(src: Source, f: () => T): T | undefined {
  const depth = src.depth;
  try {
    return f();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return undefined;
  } finally {
    src.depth = depth;
  }
}

/** The kind a sibling-dependent kind takes given `parent`; any other kind as it is. */
export function chosenKind(kind: Kind, parent: Record<string, unknown>): Kind {
  const spec = kind.spec;
  if (spec.t !== 'dependent') return kind;
  const choices = spec.choices();
  const sel = parent[spec.selector];
  return chosenKind(typeof sel === 'string' && Object.prototype.hasOwnProperty.call(choices, sel) ? choices[sel]! : spec.fallback, parent);
}

/** A decode error as one line: the path inside the value, then the reason. */
export function reasonOf(e: unknown): string {
  if (e instanceof DecodeError) return (e.path.length ? e.path.join(' > ') + ': ' : '') + e.reason;
  return e instanceof Error ? e.message : String(e);
}
