/**
 * Decoding on read. When a {@link Source} is `lazy`, an attribute set
 * stores its composite attributes (nests, headed nests, arrays, structs)
 * of {@link MIN_DEFERRED} bytes or more as getters over their bytes
 * instead of decoding them: the value is decoded the first time it is
 * read, then kept. A formatter
 * that never reads IFLA_AF_SPEC never pays for the ~100 numbers of
 * IPv4 and IPv6 settings in it, nor for their garbage.
 *
 * The attribute stays an own enumerable property in wire order, so
 * `Object.keys`, `for...in`, spreading, `JSON.stringify`, the encoder and
 * deep equality see the same object an eager decode gives. What differs:
 * the datagram's bytes stay referenced until every lazy value of it is
 * read or dropped, and a malformed nest throws its DecodeError (the same
 * error, whole path and offset) when read, not when the message arrives. Assigning or deleting the property works
 * as on a plain one.
 *
 * One getter per (set, attribute) is shared by every decoded object, so
 * objects keep one hidden class; the bytes' place is kept under the
 * {@link LAZY} symbol (not enumerable).
 */
import { DecodeError } from '../core/errors.js';
import type { AttrDef } from './attr-set.js';
import type { Kind, Source } from './kind.js';

/** Symbol under which an object decoded lazily keeps where its deferred values are. */
export const LAZY: unique symbol = Symbol.for('tsnetlink.lazy');

/**
 * Where an object's deferred attributes are, in one array: the source's
 * bytes and DataView, the nesting depth of the set that deferred them,
 * the values read so far (an array, made on the first read), the offset of
 * the message they belong to and the source's eager re-decoder (for
 * errors), then per deferred attribute its declaration index, payload
 * offset and length.
 */
type Deferred = [
  u8: Uint8Array,
  dv: DataView,
  depth: number,
  values: unknown[] | undefined,
  root: number | undefined,
  again: Source['again'],
  ...at: number[],
];

/** Index in a {@link Deferred} of the first attribute's triple. */
const FIRST = 6;

/**
 * Smallest payload worth deferring, in bytes: a smaller nest (a veth's
 * IFLA_LINKINFO, IFLA_XDP, IFLA_MAP) costs less to decode than to defer.
 */
export const MIN_DEFERRED = 64;

/**
 * True when values of `kind` may be deferred: composite, and re-encoding
 * them needs no check against their bytes (`canonical`).
 */
export function deferrable(kind: Kind): boolean {
  if (kind.canonical !== undefined) return false;
  const t = kind.spec.t;
  return t === 'nested' || t === 'message' || t === 'array' || t === 'struct';
}

/** Reads (decoding once) deferred attribute `def` (declaration index `i`) of `obj`. */
function read(obj: Record<PropertyKey, any>, def: AttrDef, i: number): unknown {
  const d = obj[LAZY] as Deferred;
  let k = FIRST;
  while (k < d.length && d[k] !== i) k += 3;
  if (k >= d.length) throw new TypeError(`${def.name} is not deferred on this object`);
  const values = (d[3] ??= []);
  const slot = (k - FIRST) / 3;
  let v = values[slot];
  if (v === undefined) {
    const [u8, dv, depth, , root, again] = d;
    try {
      v = def.kind.decode({ u8, dv, depth, lazy: true, root, again }, d[k + 1] as number, d[k + 2] as number, obj);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      throw wholePath(e, root, again) ?? e.within(def.name);
    }
    values[slot] = v;
  }
  return v;
}

/**
 * The error of `e`, named by its whole attribute path: the message decoded
 * again, eagerly, fails at the same offset with every enclosing name (a
 * deferred value knows only its own). Undefined when that cannot be had.
 */
function wholePath(e: DecodeError, root: number | undefined, again: Source['again']): DecodeError | undefined {
  if (root === undefined || again === undefined) return undefined;
  try {
    again(root);
  } catch (x) {
    if (x instanceof DecodeError && x.offset === e.offset) return x;
  }
  return undefined;
}

/** The property descriptor shared by every object that defers attribute `def` (index `i` of its set). */
export function lazyDescriptor(def: AttrDef, i: number): PropertyDescriptor {
  const key = def.key;
  return {
    enumerable: true,
    configurable: true,
    get(this: Record<PropertyKey, any>) {
      return read(this, def, i);
    },
    set(this: Record<PropertyKey, any>, v: unknown) {
      Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    },
  };
}

/**
 * Defers attribute `def` (index `i` of its set; payload `[off, off+len)`
 * of `src`) of `out`, installing `descriptor` (the set's
 * {@link lazyDescriptor} for it).
 */
export function defer(out: Record<PropertyKey, any>, def: AttrDef, descriptor: PropertyDescriptor, i: number, src: Source, off: number, len: number): void {
  const d = out[LAZY] as Deferred | undefined;
  if (d === undefined) Object.defineProperty(out, LAZY, { value: [src.u8, src.dv, src.depth, undefined, src.root, src.again, i, off, len] satisfies Deferred });
  else d.push(i, off, len);
  Object.defineProperty(out, def.key, descriptor);
}
