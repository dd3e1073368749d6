/**
 * fast-check arbitraries derived from the codec's own declarations: for
 * every message type, attribute set, struct and value kind. Nothing here is
 * a second description of the protocol; each arbitrary is computed from the
 * {@link KindSpec} the codec uses.
 *
 * ```ts
 * import fc from 'fast-check';
 * import { messageArbitrary } from 'tsnetlink/arbitraries';
 * import { rtnetlink, encodeMessage, decodeMessage } from 'tsnetlink';
 * fc.assert(fc.property(messageArbitrary(rtnetlink, 'RTM_NEWLINK'), (m) => {
 *   expect(decodeMessage(encodeMessage(m, rtnetlink), rtnetlink)).toEqual(m);
 * }));
 * ```
 * fast-check is a peer dependency: install it in the project that uses this module.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { formatIPv4, formatIPv6 } from '../schema/addresses.js';
import type { AttrDef, AttrSet } from '../schema/attr-set.js';
import type { Kind } from '../schema/kind.js';
import type { Message } from '../netlink/message.js';
import type { Protocol } from '../netlink/protocol.js';

export interface ArbitraryOptions {
  /** How deep nested sets may go (the veth peer nests link attributes again). Default 3. */
  maxDepth?: number;
  /** Largest number of bytes for opaque binary values. Default 32. */
  maxBinary?: number;
  /** Prefer boundary values (0, max, longest strings). */
  boundaries?: boolean;
}

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function uintArb(bits: number, boundaries: boolean): Arbitrary<number | bigint> {
  if (bits === 64) {
    const big = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((v) => (v < 1n << 53n ? Number(v) : v));
    return boundaries ? fc.oneof(fc.constantFrom<number | bigint>(0, 2 ** 53 - 1, 1n << 53n, (1n << 64n) - 1n), big) : big;
  }
  const max = 2 ** bits - 1;
  const arb = fc.integer({ min: 0, max });
  return boundaries ? fc.oneof(fc.constantFrom(0, 1, max), arb) : arb;
}

function sintArb(bits: number): Arbitrary<number | bigint> {
  if (bits === 64) return fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((v) => (v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n ? Number(v) : v));
  return fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 });
}

/** Arbitrary for values of one kind. */
export function kindArbitrary(k: Kind, opts: ArbitraryOptions = {}, depth = 0): Arbitrary<unknown> | undefined {
  const s = k.spec;
  const b = !!opts.boundaries;
  switch (s.t) {
    case 'uint':
      return uintArb(s.bits, b);
    case 'sint':
      return sintArb(s.bits);
    case 'flag':
      return fc.constant(true);
    case 'string': {
      const maxChars = Math.min(s.max - 1, 64);
      const str = fc.array(fc.integer({ min: 1, max: 0x7e }), { maxLength: maxChars }).map((c) => String.fromCharCode(...c));
      return b ? fc.oneof(fc.constantFrom('', 'x'.repeat(maxChars)), str) : str;
    }
    case 'binary':
      return fc.uint8Array({ minLength: s.min, maxLength: Math.max(s.min, Math.min(s.max, opts.maxBinary ?? 32)) });
    case 'lladdr':
      return fc.oneof(fc.constant(6), fc.constantFrom(0, 4, 8, 16, 20)).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })).map((u) => Array.from(u, (x) => HEX2[x]).join(':'));
    case 'ip': {
      const v4 = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((u) => formatIPv4(u, 0));
      const v6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((u) => formatIPv6(u, 0));
      return s.family === 4 ? v4 : s.family === 6 ? v6 : fc.oneof(v4, v6);
    }
    case 'enum': {
      const named = Object.keys(s.names).map(Number);
      const base = kindArbitrary(s.base, opts, depth)!;
      return named.length ? fc.oneof(fc.constantFrom(...named), base) : base;
    }
    case 'flags':
      return kindArbitrary(s.base, opts, depth);
    case 'struct': {
      const rec: Record<string, Arbitrary<unknown>> = {};
      for (const f of s.fields) rec[f.key] = kindArbitrary(f.kind, opts, depth)!;
      return fc.record(rec);
    }
    case 'nested':
      return depth >= (opts.maxDepth ?? 3) ? undefined : setArbitrary(s.set(), opts, depth + 1);
    case 'message':
      if (depth >= (opts.maxDepth ?? 3)) return undefined;
      return fc.record({ header: kindArbitrary(s.header, opts, depth)!, attrs: setArbitrary(s.set(), opts, depth + 1) });
    case 'dependent':
      return undefined; // generated with its selector, in setArbitrary
    case 'array': {
      const of = kindArbitrary(s.of, opts, depth);
      return of && fc.array(of, { maxLength: 4 });
    }
    case 'custom':
      return k.arbitrary?.(fc);
  }
}

/** Arbitrary for a decoded attribute set: any subset of its attributes, in declaration order. */
export function setArbitrary(set: AttrSet, opts: ArbitraryOptions = {}, depth = 0): Arbitrary<Record<string, unknown>> {
  const rec: Record<string, Arbitrary<unknown>> = {};
  const dependents: AttrDef[] = [];
  const selectors = new Map<string, string[]>();
  for (const d of set.defs) {
    const s = d.kind.spec;
    if (s.t === 'dependent') {
      dependents.push(d);
      selectors.set(s.selector, Object.keys(s.choices()));
    }
  }
  for (const d of set.defs) {
    if (d.kind.spec.t === 'dependent') continue;
    let a = selectors.has(d.key) ? fc.constantFrom(...selectors.get(d.key)!) : kindArbitrary(d.kind, opts, depth);
    if (!a) continue;
    if (d.multi) a = fc.array(a, { minLength: 1, maxLength: 3 });
    rec[d.key] = a;
  }
  let arb: Arbitrary<Record<string, unknown>> = fc.record(rec, { requiredKeys: [] });
  for (const d of dependents) {
    const s = d.kind.spec as Extract<Kind['spec'], { t: 'dependent' }>;
    arb = arb.chain((obj) => {
      const sel = obj[s.selector];
      const choice = typeof sel === 'string' ? s.choices()[sel] : undefined;
      const inner = kindArbitrary(choice ?? s.fallback, opts, depth);
      if (!inner) return fc.constant(obj);
      return fc.option(inner, { nil: undefined }).map((v) => (v === undefined ? obj : { ...obj, [d.key]: v }));
    });
  }
  return arb;
}

/** Arbitrary for whole messages of one type (by kernel name) of a protocol. */
export function messageArbitrary(proto: Protocol, typeName: string, opts: ArbitraryOptions = {}): Arbitrary<Message> {
  const def = [...proto.messages.values()].find((m) => m.name === typeName);
  if (!def) throw new Error(`${proto.name} has no message ${typeName}`);
  return fc.record({
    type: fc.constant(def.type),
    flags: fc.integer({ min: 0, max: 0xffff }),
    seq: fc.integer({ min: 0, max: 0xffffffff }),
    pid: fc.integer({ min: 0, max: 0xffffffff }),
    header: kindArbitrary(def.header, opts) as Arbitrary<Record<string, unknown>>,
    attrs: setArbitrary(def.attrs, opts),
  });
}

/** Arbitrary for messages of any declared type of `proto`. */
export function anyMessageArbitrary(proto: Protocol, opts: ArbitraryOptions = {}): Arbitrary<Message> {
  return fc.oneof(...[...proto.messages.values()].map((m) => messageArbitrary(proto, m.name, opts)));
}
