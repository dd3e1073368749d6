/**
 * The derivation: an arbitrary for any {@link Kind}, attribute set, struct
 * or message, computed from the same declarations the codec uses
 * ({@link KindSpec}). Dependent payloads (IFLA_INFO_DATA by IFLA_INFO_KIND)
 * are generated with their selector; custom kinds supply their own
 * arbitrary (`Kind.arbitrary`) or are left out.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { NLA_F_NESTED, NLA_F_NET_BYTEORDER } from '../core/constants.js';
import type { Message } from '../netlink/message.js';
import type { MessageDef, Protocol } from '../netlink/protocol.js';
import type { AttrDef, AttrSet } from '../schema/attr-set.js';
import type { Kind, KindSpec } from '../schema/kind.js';
import type { StructKind } from '../schema/struct.js';
import { reachable } from '../schema/walk.js';
import {
  binaryDomain,
  ipv4Domain,
  ipv6Domain,
  lladdrDomain,
  PREFIX_FIELD,
  prefixDomain,
  sintDomain,
  stringDomain,
  uintDomain,
} from './domains.js';
import {
  DEFAULT_MAX_BINARY,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_REPEAT,
  familyConsistent,
  rootCtx,
  type ArbitraryOptions,
  type Ctx,
} from './options.js';

type DependentSpec = Extract<KindSpec, { t: 'dependent' }>;

/** Arbitrary for values of one kind; undefined when it cannot be generated (depth limit, custom kind without one). */
export function kindArbitrary(k: Kind, opts: ArbitraryOptions = {}, depth = 0): Arbitrary<unknown> | undefined {
  return deriveKind(k, rootCtx(opts, depth));
}

/** Arbitrary for a decoded attribute set: a subset of its attributes, in declaration order. */
export function setArbitrary(set: AttrSet, opts: ArbitraryOptions = {}, depth = 0): Arbitrary<Record<string, unknown>> {
  return deriveSet(set, rootCtx(opts, depth, opts.family));
}

/** Arbitrary for a decoded fixed struct (`ifinfomsg`, `rta_cacheinfo`...). */
export function structArbitrary(s: StructKind, opts: ArbitraryOptions = {}): Arbitrary<Record<string, unknown>> {
  return deriveStruct(s, rootCtx(opts, 0, opts.family));
}

/** The definition of message `typeName` (kernel name) in `proto`; throws when there is none. */
export function messageDef(proto: Protocol, typeName: string): MessageDef {
  for (const m of proto.messages.values()) if (m.name === typeName) return m;
  throw new Error(`${proto.name} has no message ${typeName}`);
}

/**
 * Arbitrary for whole messages of one type (by kernel name). With
 * consistent families (see {@link ArbitraryOptions.consistentFamily}) the
 * header's family and every IP address of either family below it agree.
 */
export function messageArbitrary(proto: Protocol, typeName: string, opts: ArbitraryOptions = {}): Arbitrary<Message> {
  const def = messageDef(proto, typeName);
  const body = bodyArbitrary(def, opts);
  return fc
    .record({
      flags: fc.integer({ min: 0, max: 0xffff }),
      seq: fc.integer({ min: 0, max: 0xffffffff }),
      pid: fc.integer({ min: 0, max: 0xffffffff }),
      body,
    })
    .map(({ flags, seq, pid, body: b }) => ({ type: def.type, flags, seq, pid, header: b.header, attrs: b.attrs }));
}

/** Header and attributes of a message type, with the family coupling applied. */
export function bodyArbitrary(def: MessageDef, opts: ArbitraryOptions = {}): Arbitrary<{ header: Record<string, unknown>; attrs: Record<string, unknown> }> {
  const ff = familyField(def.header);
  const couple = familyConsistent(opts) && ff !== undefined && usesAnyIp(def.attrs);
  const families: (4 | 6 | undefined)[] = couple ? (opts.family ? [opts.family] : [4, 6]) : [undefined];
  const arbs = families.map((f) => {
    const ctx = rootCtx(opts, 0, f);
    return fc.record({ header: deriveStruct(def.header, ctx), attrs: deriveSet(def.attrs, ctx) }, { noNullPrototype: true });
  });
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

/** Arbitrary for messages of any declared type of `proto`. */
export function anyMessageArbitrary(proto: Protocol, opts: ArbitraryOptions = {}): Arbitrary<Message> {
  return fc.oneof(...[...proto.messages.values()].map((m) => messageArbitrary(proto, m.name, opts)));
}

/** The header field holding an address family (`ifa_family`, `rtm_family`), with the AF_INET and AF_INET6 values. */
export function familyField(s: StructKind): { key: string; inet: number; inet6: number } | undefined {
  for (const f of s.fields) {
    const spec = f.kind.spec;
    if (f.key !== 'family' || spec.t !== 'enum') continue;
    let inet: number | undefined;
    let inet6: number | undefined;
    for (const [v, n] of Object.entries(spec.names)) {
      if (n === 'AF_INET') inet = Number(v);
      if (n === 'AF_INET6') inet6 = Number(v);
    }
    if (inet !== undefined && inet6 !== undefined) return { key: f.key, inet, inet6 };
  }
  return undefined;
}

const anyIpCache = new WeakMap<AttrSet, boolean>();

/** True when an IP address kind of either family is reachable from `set`. */
export function usesAnyIp(set: AttrSet): boolean {
  let v = anyIpCache.get(set);
  if (v === undefined) {
    v = reachable([set]).sets.some((s) => s.defs.some((d) => d.kind.spec.t === 'ip' && d.kind.spec.family === 'any'));
    anyIpCache.set(set, v);
  }
  return v;
}

function at(ctx: Ctx, name: string | undefined, depth = ctx.depth): Ctx {
  return { ...ctx, name, depth };
}

/** Single-bit names of a flags or enum table that fit in `bits` bits. */
function namedValues(names: Readonly<Record<number, string>>, bits: number, singleBits: boolean): number[] {
  const limit = bits >= 53 ? Number.MAX_SAFE_INTEGER : 2 ** bits - 1;
  return Object.keys(names)
    .map(Number)
    .filter((v) => Number.isInteger(v) && v >= 0 && v <= limit && (!singleBits || (v > 0 && (v & (v - 1)) === 0) || v >= 2 ** 31));
}

function baseBits(k: Kind): number {
  const s = k.spec;
  return s.t === 'uint' || s.t === 'sint' ? s.bits : 32;
}

/** The derivation proper. */
export function deriveKind(k: Kind, ctx: Ctx): Arbitrary<unknown> | undefined {
  const o = ctx.o;
  if (ctx.name !== undefined && o.overrides !== undefined && Object.prototype.hasOwnProperty.call(o.overrides, ctx.name)) {
    return o.overrides[ctx.name];
  }
  const s = k.spec;
  switch (s.t) {
    case 'uint':
      return uintDomain(s.bits, ctx, s.min ?? 0, s.max);
    case 'sint':
      return sintDomain(s.bits, ctx);
    case 'flag':
      return fc.constant(true);
    case 'string':
      return stringDomain(s.max, ctx);
    case 'binary':
      return binaryDomain(s.min, s.max, ctx);
    case 'lladdr':
      return lladdrDomain(ctx);
    case 'ip': {
      const fam = s.family !== 'any' ? s.family : ctx.family;
      if (fam === 4) return ipv4Domain(ctx);
      if (fam === 6) return ipv6Domain(ctx);
      return fc.oneof(ipv4Domain(ctx), ipv6Domain(ctx));
    }
    case 'enum': {
      const named = namedValues(s.names, baseBits(s.base), false);
      if (o.kernelValid && named.length) return fc.constantFrom(...named);
      const base = deriveKind(s.base, ctx)!;
      return named.length ? fc.oneof(fc.constantFrom(...named), base) : base;
    }
    case 'flags': {
      const bits = namedValues(s.names, baseBits(s.base), true);
      const sets = fc.subarray(bits).map((bs) => bs.reduce((a, b) => (a | b) >>> 0, 0));
      if (o.kernelValid && bits.length) return sets;
      const base = deriveKind(s.base, ctx)!;
      return bits.length ? fc.oneof(sets, base) : base;
    }
    case 'struct':
      return deriveStruct(k as StructKind, ctx);
    case 'nested':
      if (ctx.depth >= (o.maxDepth ?? DEFAULT_MAX_DEPTH)) return undefined;
      return deriveSet(s.set(), at(ctx, undefined, ctx.depth + 1));
    case 'message': {
      if (ctx.depth >= (o.maxDepth ?? DEFAULT_MAX_DEPTH)) return undefined;
      const header = deriveStruct(s.header as StructKind, at(ctx, undefined));
      return fc.record({ header, attrs: deriveSet(s.set(), at(ctx, undefined, ctx.depth + 1)) }, { noNullPrototype: !o.nullPrototype });
    }
    case 'dependent':
      return undefined; // generated with its selector, in deriveSet
    case 'array': {
      const of = deriveKind(s.of, ctx);
      return of && fc.array(of, { maxLength: o.maxRepeat ?? DEFAULT_MAX_REPEAT });
    }
    case 'custom': {
      if (k.arbitrary) return k.arbitrary(fc);
      const supplied = o.custom?.[s.label];
      return supplied ? supplied(fc) : undefined;
    }
  }
}

/** A struct: every field (open structs sometimes only a leading run of them, or extra tail bytes). */
export function deriveStruct(sk: StructKind, ctx: Ctx): Arbitrary<Record<string, unknown>> {
  const rec: Record<string, Arbitrary<unknown>> = {};
  const ff = familyField(sk);
  for (const f of sk.fields) {
    const fctx = at(ctx, f.name);
    if (ff !== undefined && f.key === ff.key && ctx.family !== undefined && !hasOverride(ctx, f.name)) {
      rec[f.key] = fc.constant(ctx.family === 4 ? ff.inet : ff.inet6);
    } else if (PREFIX_FIELD.test(f.name) && ctx.o.kernelValid && !hasOverride(ctx, f.name)) {
      rec[f.key] = prefixDomain(ctx.family, fctx);
    } else {
      rec[f.key] = deriveKind(f.kind, fctx) ?? fc.constant(0);
    }
  }
  const all = fc.record(rec, { noNullPrototype: !ctx.o.nullPrototype });
  if (!sk.open || ctx.o.kernelValid || ctx.o.fullStructs) return all;
  const keys = sk.fields.map((f) => f.key);
  const tail = fc.uint8Array({ minLength: 1, maxLength: 8 });
  return fc.oneof(
    { arbitrary: all, weight: 4 },
    // A shorter struct from an older kernel: the first n fields.
    { arbitrary: fc.tuple(all, fc.integer({ min: 0, max: keys.length })).map(([r, n]) => pick(r, keys.slice(0, n))), weight: 1 },
    // A longer one from a newer kernel: extra bytes kept in `_tail`.
    { arbitrary: fc.tuple(all, tail).map(([r, t]) => ({ ...r, _tail: t })), weight: 1 },
  );
}

function hasOverride(ctx: Ctx, name: string): boolean {
  return ctx.o.overrides !== undefined && Object.prototype.hasOwnProperty.call(ctx.o.overrides, name);
}

function pick(r: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = r[k];
  return out;
}

interface Entry {
  key: string;
  arb: Arbitrary<unknown>;
  required: boolean;
}

/** An attribute set (cached per set, depth and family within one derivation). */
export function deriveSet(set: AttrSet, ctx: Ctx): Arbitrary<Record<string, unknown>> {
  const ck = `${ctx.depth}|${ctx.family ?? ''}`;
  let perSet = ctx.cache.get(set);
  if (perSet === undefined) ctx.cache.set(set, (perSet = new Map()));
  const hit = perSet.get(ck);
  if (hit !== undefined) return hit as Arbitrary<Record<string, unknown>>;
  const arb = buildSet(set, ctx);
  perSet.set(ck, arb);
  return arb;
}

function buildSet(set: AttrSet, ctx: Ctx): Arbitrary<Record<string, unknown>> {
  const o = ctx.o;
  const exclude = new Set(o.exclude ?? []);
  const require = new Set(o.require ?? []);
  const maxRepeat = o.maxRepeat ?? DEFAULT_MAX_REPEAT;
  // Dependents by the key of their selector.
  const dependents: { def: AttrDef; spec: DependentSpec }[] = [];
  const selectorOf = new Map<string, DependentSpec>();
  for (const d of set.defs) {
    const s = d.kind.spec;
    if (s.t === 'dependent' && !exclude.has(d.name)) {
      dependents.push({ def: d, spec: s });
      selectorOf.set(s.selector, s);
    }
  }
  const entries: Entry[] = [];
  const forcedSelectors = new Set<string>();
  for (const d of set.defs) {
    if (exclude.has(d.name) || d.kind.spec.t === 'dependent') continue;
    const dctx = at(ctx, d.name);
    const dep = selectorOf.get(d.key);
    let a: Arbitrary<unknown> | undefined;
    let required = require.has(d.name);
    if (dep !== undefined) {
      const forced = o.selectors?.[d.name];
      if (forced !== undefined) {
        a = fc.constant(forced);
        required = true;
        forcedSelectors.add(d.key);
      } else {
        const names = Object.keys(dep.choices());
        const own = hasOverride(ctx, d.name) ? o.overrides![d.name] : deriveKind(d.kind, dctx);
        if (hasOverride(ctx, d.name)) a = own;
        else if (names.length === 0) a = own;
        else if (o.kernelValid || own === undefined) a = fc.constantFrom(...names);
        else a = fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 3 }, { arbitrary: own, weight: 1 });
      }
    } else a = deriveKind(d.kind, dctx);
    if (a === undefined) continue;
    if (d.multi) a = fc.array(a, { minLength: 1, maxLength: maxRepeat });
    entries.push({ key: d.key, arb: a, required });
  }
  if (o.unknown ?? !o.kernelValid) {
    for (const t of unknownTypes(set)) {
      entries.push({
        key: `#${t}`,
        required: false,
        arb: fc.record({
          type: fc.constant(t),
          flags: fc.constantFrom(0, NLA_F_NESTED, NLA_F_NET_BYTEORDER),
          bytes: fc.uint8Array({ maxLength: o.maxBinary ?? DEFAULT_MAX_BINARY }),
        }, { noNullPrototype: true }),
      });
    }
  }
  let arb: Arbitrary<Record<string, unknown>>;
  if (o.maxAttrs !== undefined) {
    const optional = entries.filter((e) => !e.required).map((e) => e.key);
    arb = fc.subarray(optional, { minLength: 0, maxLength: Math.min(o.maxAttrs, optional.length) }).chain((keys) => {
      const chosen = new Set(keys);
      const rec: Record<string, Arbitrary<unknown>> = {};
      for (const e of entries) if (e.required || chosen.has(e.key)) rec[e.key] = e.arb;
      return fc.record(rec, { noNullPrototype: !o.nullPrototype });
    });
  } else {
    const rec: Record<string, Arbitrary<unknown>> = {};
    for (const e of entries) rec[e.key] = e.arb;
    arb = fc.record(rec, { requiredKeys: entries.filter((e) => e.required).map((e) => e.key), noNullPrototype: !o.nullPrototype });
  }
  for (const { def, spec } of dependents) arb = withDependent(arb, def, spec, ctx, forcedSelectors.has(spec.selector) || require.has(def.name));
  return arb;
}

/** Two attribute types the set does not declare (0, UNSPEC, and the one after the last). */
function unknownTypes(set: AttrSet): number[] {
  const out: number[] = [];
  if (set.byType[0] === undefined) out.push(0);
  out.push(set.byType.length);
  return out;
}

/** Adds a dependent payload, typed by the value its selector got. */
function withDependent(
  arb: Arbitrary<Record<string, unknown>>,
  def: AttrDef,
  spec: DependentSpec,
  ctx: Ctx,
  always: boolean,
): Arbitrary<Record<string, unknown>> {
  const built = new Map<Kind, Arbitrary<unknown> | undefined>();
  const inner = (k: Kind) => {
    if (!built.has(k)) built.set(k, deriveKind(k, at(ctx, def.name)));
    return built.get(k);
  };
  return arb.chain((obj) => {
    const sel = obj[spec.selector];
    const choices = spec.choices();
    const k = typeof sel === 'string' && Object.prototype.hasOwnProperty.call(choices, sel) ? choices[sel]! : spec.fallback;
    const a = inner(k);
    if (a === undefined) return fc.constant(obj);
    // Sometimes before the selector on the wire, so the decoder has to wait for it.
    const place = (v: unknown, first: boolean) => (first ? { [def.key]: v, ...obj } : { ...obj, [def.key]: v });
    if (always) return fc.tuple(a, fc.boolean()).map(([v, first]) => place(v, first));
    return fc.option(fc.tuple(a, fc.boolean()), { nil: undefined }).map((t) => (t === undefined ? obj : place(t[0], t[1])));
  });
}
