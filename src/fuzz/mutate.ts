/**
 * Mutations of real messages for the hostile-input properties: bit flips,
 * truncation, and length fields that lie, at every level of nesting. The
 * length fields of a message are found from its explained layout
 * (nlmsg_len, every attribute header, every rtnh_len of a multipath
 * route), so a lie can be planted in an attribute four nests deep as
 * easily as in the message header.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { explainMessages } from '../netlink/explain.js';
import type { Protocol } from '../netlink/protocol.js';
import { copyBytes } from './equal.js';

/** A length field of an encoded message. */
export interface LengthField {
  /** Byte offset of the field. */
  offset: number;
  /** 4 for nlmsg_len, 2 for nla_len and rtnh_len. */
  width: 2 | 4;
  /** The value it holds. */
  value: number;
  /** What it measures (`IFLA_LINKINFO > IFLA_INFO_DATA`). */
  path: string;
}

/**
 * Every length field of the messages in `bytes` (which must decode):
 * nlmsg_len of each message (and of an echoed request), nla_len of every
 * attribute at any depth, rtnh_len of every next hop.
 */
export function lengthFields(bytes: Uint8Array, proto: Protocol): LengthField[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: LengthField[] = [];
  for (const r of explainMessages(bytes, proto)) {
    if (r.role === 'nlmsghdr' && r.name === 'nlmsg_len') out.push({ offset: r.offset, width: 4, value: dv.getUint32(r.offset, true), path: r.path.join(' > ') });
    else if (r.role === 'attr' && r.length === 4) out.push({ offset: r.offset, width: 2, value: dv.getUint16(r.offset, true), path: r.path.join(' > ') });
    else if (r.role === 'field' && r.name === 'rtnh_len') out.push({ offset: r.offset, width: 2, value: dv.getUint16(r.offset, true), path: r.path.join(' > ') });
  }
  return out;
}

/** The lies told by {@link lyingLengths}: 0, 3, len-1, len+1 and the largest value of the field. */
export function lies(f: LengthField): number[] {
  const max = f.width === 2 ? 0xffff : 0xffffffff;
  return [...new Set([0, 3, f.value - 1, f.value + 1, max].filter((v) => v >= 0 && v <= max && v !== f.value))];
}

/** `bytes` with the field at `f` set to `value` (a copy). */
export function withLength(bytes: Uint8Array, f: LengthField, value: number): Uint8Array {
  const out = copyBytes(bytes);
  const dv = new DataView(out.buffer);
  if (f.width === 2) dv.setUint16(f.offset, value, true);
  else dv.setUint32(f.offset, value, true);
  return out;
}

/** Every single-lie mutation of `bytes`: each length field in turn set to each of its {@link lies}. */
export function* lyingLengths(bytes: Uint8Array, proto: Protocol): Generator<{ field: LengthField; lie: number; bytes: Uint8Array }> {
  for (const field of lengthFields(bytes, proto)) for (const lie of lies(field)) yield { field, lie, bytes: withLength(bytes, field, lie) };
}

/** `bytes` with bit `bit` (counted from the first byte's least significant bit) flipped. */
export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = copyBytes(bytes);
  if (out.length) out[(bit >>> 3) % out.length]! ^= 1 << (bit & 7);
  return out;
}

/** One mutation step, as data (so fast-check can shrink and print it). */
export type Mutation =
  | { op: 'flip'; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; keep: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; count: number }
  | { op: 'duplicate'; at: number; count: number }
  | { op: 'lie'; field: number; lie: number };

/** Applies mutations in order (positions wrap around the current length). */
export function applyMutations(bytes: Uint8Array, muts: readonly Mutation[], proto: Protocol): Uint8Array {
  let b = bytes;
  for (const m of muts) b = applyMutation(b, m, proto);
  return b;
}

function applyMutation(b: Uint8Array, m: Mutation, proto: Protocol): Uint8Array {
  const n = b.length;
  switch (m.op) {
    case 'flip':
      return flipBit(b, m.bit);
    case 'set': {
      if (!n) return b;
      const out = copyBytes(b);
      out[m.at % n] = m.value;
      return out;
    }
    case 'truncate':
      return copyBytes(b.subarray(0, n ? m.keep % (n + 1) : 0));
    case 'insert': {
      const at = n ? m.at % (n + 1) : 0;
      const out = new Uint8Array(n + m.bytes.length);
      out.set(b.subarray(0, at));
      out.set(m.bytes, at);
      out.set(b.subarray(at), at + m.bytes.length);
      return out;
    }
    case 'delete': {
      if (!n) return b;
      const at = m.at % n;
      const out = new Uint8Array(n - Math.min(m.count, n - at));
      out.set(b.subarray(0, at));
      out.set(b.subarray(at + Math.min(m.count, n - at)), at);
      return out;
    }
    case 'duplicate': {
      if (!n) return b;
      const at = m.at % n;
      const piece = b.subarray(at, Math.min(n, at + m.count));
      const out = new Uint8Array(n + piece.length);
      out.set(b.subarray(0, at + piece.length));
      out.set(piece, at + piece.length);
      out.set(b.subarray(at + piece.length), at + 2 * piece.length);
      return out;
    }
    case 'lie': {
      let fields: LengthField[];
      try {
        fields = lengthFields(b, proto);
      } catch {
        return b; // an earlier mutation broke it; lying needs a layout
      }
      if (!fields.length) return b;
      const f = fields[m.field % fields.length]!;
      const ls = lies(f);
      return withLength(b, f, ls[m.lie % ls.length]!);
    }
  }
}

/** Arbitrary mutation steps. */
export function mutationArbitrary(): Arbitrary<Mutation> {
  const nat = fc.nat({ max: 1 << 20 });
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('flip' as const), bit: nat }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant('set' as const), at: nat, value: fc.constantFrom(0, 1, 3, 4, 0x7f, 0x80, 0xff) }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('truncate' as const), keep: nat }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('insert' as const), at: nat, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), at: nat, count: fc.integer({ min: 1, max: 8 }) }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: nat, count: fc.integer({ min: 4, max: 64 }) }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('lie' as const), field: nat, lie: fc.nat({ max: 4 }) }), weight: 3 },
  );
}

/** Arbitrary mutated copies of `samples` (1 to `max` steps each). */
export function mutatedArbitrary(samples: readonly Uint8Array[], proto: Protocol, max = 4): Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.constantFrom(...samples), fc.array(mutationArbitrary(), { minLength: 1, maxLength: max }))
    .map(([s, muts]) => applyMutations(s, muts, proto));
}
