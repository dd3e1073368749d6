/**
 * Values the encoder must refuse: for each kind, values just out of its
 * range (an integer one past its maximum, a string one byte too long for
 * its buffer, an address that does not parse) and values of the wrong
 * type; and whole messages that are valid but for one such value,
 * anywhere in the tree. Encoding any of them must throw EncodeError, and
 * nothing may reach the kernel.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { Message } from '../netlink/message.js';
import { type Protocol, resolveMessage } from '../netlink/protocol.js';
import type { AttrSet } from '../schema/attr-set.js';
import type { Kind } from '../schema/kind.js';
import type { StructKind } from '../schema/struct.js';
import { deriveStruct, messageArbitrary, messageDef } from './derive.js';
import { rootCtx, type ArbitraryOptions } from './options.js';

/** Values of the wrong type, refused by every kind. */
const WRONG_TYPE: readonly unknown[] = [null, Symbol.for('not a value'), () => 0];

/**
 * Arbitrary for values of `k` its encoder must refuse (EncodeError), or
 * undefined when the kind's range is not known from its declaration (a
 * custom kind: only `null` is offered for those).
 */
export function outOfRangeArbitrary(k: Kind, opts: ArbitraryOptions = {}): Arbitrary<unknown> | undefined {
  const s = k.spec;
  switch (s.t) {
    case 'uint': {
      if (s.bits === 64) return fc.constantFrom<unknown>(-1, 1n << 64n, -1n, 2 ** 53, 1.5, NaN, '1', ...WRONG_TYPE);
      const max = s.max ?? 2 ** s.bits - 1;
      const min = s.min ?? 0;
      return fc.constantFrom<unknown>(max + 1, min - 1, max + 0.5, 0.5, NaN, Infinity, 1n, '1', ...WRONG_TYPE);
    }
    case 'sint': {
      if (s.bits === 64) return fc.constantFrom<unknown>(1n << 63n, -(1n << 63n) - 1n, 0.5, NaN, '1', ...WRONG_TYPE);
      const hi = 2 ** (s.bits - 1) - 1;
      const lo = -(2 ** (s.bits - 1));
      return fc.constantFrom<unknown>(hi + 1, lo - 1, 0.5, NaN, '-1', ...WRONG_TYPE);
    }
    case 'flag':
      return fc.constantFrom<unknown>(false, 1, 'true', ...WRONG_TYPE);
    case 'string': {
      const bad: unknown[] = [1, {}, ...WRONG_TYPE];
      // One byte too many with the NUL (16 characters for an IFNAMSIZ name), in ASCII and in UTF-8.
      if (s.max <= 0x10000) bad.push('x'.repeat(s.max), 'é'.repeat(Math.ceil(s.max / 2)));
      return fc.constantFrom(...bad);
    }
    case 'binary': {
      const bad: unknown[] = [[1, 2], 'ab', 1, ...WRONG_TYPE];
      if (s.max + 1 <= 0x10000) bad.push(new Uint8Array(s.max + 1));
      if (s.min > 0) bad.push(new Uint8Array(s.min - 1));
      return fc.constantFrom(...bad);
    }
    case 'lladdr':
      return fc.constantFrom<unknown>('zz:00', '1:2:', '0:1:2:3:4:5:6:7:8:100', 'aa::bb', 5, ...WRONG_TYPE);
    case 'ip': {
      const bad: unknown[] = ['1.2.3.256', '01.2.3.4', '1.2.3', '2001:db8::g', '1:2:3:4:5:6:7:8:9', '2001:db8:::1', '', 5, ...WRONG_TYPE];
      if (s.family === 4) bad.push('2001:db8::1');
      if (s.family === 6) bad.push('198.18.0.1');
      return fc.constantFrom(...bad);
    }
    case 'enum':
    case 'flags':
      return outOfRangeArbitrary(s.base, opts);
    case 'struct': {
      const sk = k as StructKind;
      const valid = deriveStruct(sk, rootCtx({ ...opts, fullStructs: true }));
      const sites = sk.fields.map((f) => ({ f, bad: outOfRangeArbitrary(f.kind, opts) })).filter((x) => x.bad !== undefined);
      const whole = fc.constantFrom<unknown>(5, 'x', ...WRONG_TYPE);
      if (sites.length === 0) return whole;
      const field = fc
        .tuple(valid, fc.integer({ min: 0, max: sites.length - 1 }))
        .chain(([v, i]) => sites[i]!.bad!.map((bad) => ({ ...v, [sites[i]!.f.key]: bad })));
      return fc.oneof({ arbitrary: field, weight: 4 }, { arbitrary: whole, weight: 1 });
    }
    case 'nested':
      return setOutOfRange(s.set(), opts);
    case 'message':
      return fc.oneof(
        outOfRangeArbitrary(s.header, opts)!.map((h) => ({ header: h, attrs: {} })),
        setOutOfRange(s.set(), opts).map((a) => ({ header: {}, attrs: a })),
        fc.constantFrom<unknown>(5, ...WRONG_TYPE),
      );
    case 'array': {
      const of = outOfRangeArbitrary(s.of, opts);
      return of && of.map((v) => [v]);
    }
    case 'dependent':
      return undefined;
    case 'custom':
      // Only the wrong type is known to be wrong; arrays of it for array-valued kinds.
      return k.arrayValued ? fc.constantFrom<unknown>(null, [null], 5) : fc.constantFrom<unknown>(null, 5);
  }
}

/** An attribute-set value with one attribute out of range, an unknown key, or not an object at all. */
function setOutOfRange(set: AttrSet, opts: ArbitraryOptions): Arbitrary<unknown> {
  const sites = set.defs
    .filter((d) => d.kind.spec.t !== 'dependent' && d.kind.spec.t !== 'custom' && d.kind.spec.t !== 'nested' && d.kind.spec.t !== 'message')
    .map((d) => ({ d, bad: outOfRangeArbitrary(d.kind, opts) }))
    .filter((x) => x.bad !== undefined);
  const other = fc.constantFrom<unknown>({ 'no such attribute': 1 }, 5, 'x', ...WRONG_TYPE);
  if (sites.length === 0) return other;
  const one = fc.integer({ min: 0, max: sites.length - 1 }).chain((i) => sites[i]!.bad!.map((bad) => ({ [sites[i]!.d.key]: sites[i]!.d.multi ? [bad] : bad })));
  return fc.oneof({ arbitrary: one, weight: 4 }, { arbitrary: other, weight: 1 });
}

/** Where a value sits in a message, and its kind. */
export interface Site {
  /** Keys from the message down (`['attrs', 'linkinfo', 'data', 'peer', 'attrs', 'ifname']`). */
  path: (string | number)[];
  /** Kernel names along the way (`IFLA_LINKINFO > IFLA_INFO_DATA > VETH_INFO_PEER > IFLA_IFNAME`). */
  names: string[];
  kind: Kind;
}

/**
 * Every value in a message whose kind is known from the declarations:
 * header fields and attributes at every depth (dependent payloads typed by
 * their selector's value, as the codec types them). Unknown attributes
 * (`#<type>`) are not sites.
 */
export function sitesOf(msg: Message, proto: Protocol): Site[] {
  const def = resolveMessage(proto, msg);
  const out: Site[] = [];
  if (def === undefined) return out;
  if (msg.header) structSites(def.header, msg.header, ['header'], [def.header.cName], out);
  if (msg.attrs) setSites(def.attrs, msg.attrs, ['attrs'], [], out);
  return out;
}

function structSites(sk: StructKind, v: Record<string, unknown>, path: (string | number)[], names: string[], out: Site[]): void {
  for (const f of sk.fields) {
    // An open struct is encoded up to its first missing field (see docs/fuzz-findings.md).
    if (v[f.key] === undefined) {
      if (sk.open) break;
      continue;
    }
    out.push({ path: [...path, f.key], names: [...names, f.name], kind: f.kind });
  }
}

function setSites(set: AttrSet, obj: Record<string, unknown>, path: (string | number)[], names: string[], out: Site[]): void {
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const d = set.byKey.get(key);
    if (v === undefined || d === undefined) continue;
    let kind = d.kind;
    const s = kind.spec;
    if (s.t === 'dependent') {
      const sel = obj[s.selector];
      const choices = s.choices();
      kind = typeof sel === 'string' && Object.prototype.hasOwnProperty.call(choices, sel) ? choices[sel]! : s.fallback;
    }
    const items: [unknown, (string | number)[]][] = d.multi ? (v as unknown[]).map((x, i) => [x, [...path, key, i]]) : [[v, [...path, key]]];
    for (const [x, p] of items) {
      const n = [...names, d.name];
      out.push({ path: p, names: n, kind });
      const ks = kind.spec;
      if (ks.t === 'nested') setSites(ks.set(), x as Record<string, unknown>, p, n, out);
      else if (ks.t === 'message') {
        const m = x as { header?: Record<string, unknown>; attrs?: Record<string, unknown> };
        if (m.header) structSites(ks.header as StructKind, m.header, [...p, 'header'], [...n, ks.header.label], out);
        if (m.attrs) setSites(ks.set(), m.attrs, [...p, 'attrs'], n, out);
      } else if (ks.t === 'struct') structSites(kind as StructKind, x as Record<string, unknown>, p, n, out);
    }
  }
}

/** `root` with the value at `path` replaced (copies along the path; the rest is shared). */
export function replaceAt<T>(root: T, path: readonly (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) };
  copy[head!] = replaceAt((root as any)[head!], rest, value);
  return copy as T;
}

/** A message that encodes but for one value, and where that value is. */
export interface Poisoned {
  message: Message;
  site: Site;
  value: unknown;
}

/**
 * Arbitrary for messages of type `typeName` that are valid except for one
 * value, anywhere in the tree, that the encoder must refuse. Unknown
 * attributes are not generated (they are opaque, nothing to poison).
 */
export function poisonedMessageArbitrary(proto: Protocol, typeName: string, opts: ArbitraryOptions = {}): Arbitrary<Poisoned> {
  const def = messageDef(proto, typeName);
  return messageArbitrary(proto, typeName, { ...opts, unknown: false }).chain((message) => {
    const sites = sitesOf(message, proto)
      .map((site) => ({ site, bad: outOfRangeArbitrary(site.kind, opts) }))
      .filter((x) => x.bad !== undefined);
    if (sites.length === 0) {
      const f = def.header.fields[0]!;
      const site: Site = { path: ['header', f.key], names: [def.header.cName, f.name], kind: f.kind };
      return outOfRangeArbitrary(f.kind, opts)!.map((value) => ({ message: replaceAt(message, site.path, value), site, value }));
    }
    return fc
      .integer({ min: 0, max: sites.length - 1 })
      .chain((i) => sites[i]!.bad!.map((value) => ({ message: replaceAt(message, sites[i]!.site.path, value), site: sites[i]!.site, value })));
  });
}
