/**
 * JSON of a message body that does not decode as a whole, most often a
 * request the kernel refused and echoed back: the family header and every
 * well-formed attribute by name, as the explain view shows them, and each
 * malformed attribute by name too, with its bytes, the kind it should
 * have been and what is wrong:
 *
 * ```
 * "IFLA_MTU": { "malformed": "expected 4 bytes for u32, got 2", "expected": "u32", "hex": "dc05" }
 * ```
 * Nests and headed values are walked the same way, so a bad IFLA_VXLAN_ID
 * shows inside IFLA_LINKINFO > IFLA_INFO_DATA with its siblings.
 */
import { align4 } from '../bytes/align.js';
import { DecodeError } from '../core/errors.js';
import { toHex } from '../bytes/hex.js';
import { NLA_TYPE_MASK } from '../core/constants.js';
import { flagText, type AttrSet } from '../schema/attr-set.js';
import { sourceOf, type Kind, type Source } from '../schema/kind.js';
import { chosenKind, deeper, reasonOf, siblingsOf } from './lenient.js';
import { resolve, type MessageDef } from './protocol.js';

/**
 * The family header and attributes of a body (the bytes after nlmsghdr)
 * of a message of type `def`, as far as they decode; undefined when the
 * body is too short for the family header.
 */
export function lenientBodyJSON(def: MessageDef, body: Uint8Array, m: { flags: number; seq: number; pid?: number }): Record<string, unknown> | undefined {
  const hsize = def.header.structSize;
  if (body.length < hsize) return undefined;
  const src = sourceOf(body);
  let header: Record<string, unknown>;
  try {
    header = def.header.decode(src, 0, hsize);
  } catch {
    return undefined;
  }
  // A multiplexed type (generic netlink) names its header and attributes by command.
  const r = resolve(def, header, m);
  if (r.header !== def.header) header = r.header.decode(src, 0, hsize);
  return { [r.header.cName]: r.header.json(header), attributes: lenientAttrsJSON(r.attrs, src, hsize, body.length - hsize) };
}

/** The attributes in `[off, off+len)` by name, each decoded on its own. */
function lenientAttrsJSON(set: AttrSet, src: Source, off: number, len: number): Record<string, unknown> {
  return deeper(
    src,
    () => walkAttrs(set, src, off, len),
    (why) => ({ malformed: { at: off, reason: why, hex: toHex(src.u8.subarray(off, off + len)) } }),
  );
}

function walkAttrs(set: AttrSet, src: Source, off: number, len: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const u8 = src.u8;
  const end = off + len;
  const parent = siblingsOf(set, src, off, len);
  const repeated = new Set<string>();
  for (let p = off; p < end; ) {
    const alen = end - p >= 4 ? u8[p]! | (u8[p + 1]! << 8) : 0;
    if (alen < 4 || alen > end - p) {
      // The rest of the container cannot be split into attributes.
      out.malformed = { at: p, reason: set.headerError(u8, p, end).reason, hex: toHex(u8.subarray(p, end)) };
      break;
    }
    const raw = u8[p + 2]! | (u8[p + 3]! << 8);
    const type = raw & NLA_TYPE_MASK;
    const def = set.byType[type];
    if (def === undefined) {
      add(out, repeated, `${set.prefix}${type}`, { type, flags: flagText(raw & 0xc000) || 0, hex: toHex(u8.subarray(p + 4, p + alen)) }, false);
    } else {
      add(out, repeated, def.name, valueJSON(chosenKind(def.kind, parent), src, p + 4, alen - 4, parent), def.multi);
    }
    p += align4(alen);
  }
  return out;
}

function valueJSON(kind: Kind, src: Source, off: number, len: number, parent: Record<string, unknown>): unknown {
  const depth = src.depth;
  try {
    return kind.json(kind.decode(src, off, len, parent), parent);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    src.depth = depth;
    const spec = kind.spec;
    if (spec.t === 'nested') return lenientAttrsJSON(spec.set(), src, off, len);
    if (spec.t === 'message' && len >= (spec.header.fixedSize ?? Infinity)) {
      const hsize = spec.header.fixedSize!;
      return { [spec.header.label]: valueJSON(spec.header, src, off, hsize, parent), attributes: lenientAttrsJSON(spec.set(), src, off + hsize, len - hsize) };
    }
    return { malformed: reasonOf(e), expected: kind.label, hex: toHex(src.u8.subarray(off, off + len)) };
  }
}

/** Adds a value under `name`; a multi attribute, or one that repeats, becomes an array. */
function add(out: Record<string, unknown>, repeated: Set<string>, name: string, v: unknown, multi: boolean): void {
  const prev = out[name];
  if (prev === undefined) out[name] = multi ? [v] : v;
  else if (multi || repeated.has(name)) (prev as unknown[]).push(v);
  else {
    out[name] = [prev, v];
    repeated.add(name);
  }
}
