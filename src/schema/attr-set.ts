/**
 * Attribute sets: one declaration per kernel `enum` of attributes, with the
 * kernel number written out, the kernel name kept, and a value kind. The
 * same declaration drives decode, encode, encoded length, explain rows and
 * JSON, and the arbitraries in `src/arbitraries`.
 *
 * Decoded sets are plain objects with friendly keys in wire order. Unknown
 * attributes are kept under `#<type>` as `{type, flags, bytes}`. A repeated
 * attribute becomes an array. Wire details that the value does not carry
 * (NLA_F_NESTED set or not, a string sent without its NUL) are kept under
 * the {@link WIRE} symbol so a decoded message re-encodes to the same bytes.
 */
import { decoderTier } from './tier.js';
import { compileDecoder } from './attr-set-compile.js';
import type { Writer } from '../bytes/writer.js';
import { align4 } from '../bytes/align.js';
import { toHex } from '../bytes/hex.js';
import { NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_TYPE_MASK } from '../core/constants.js';
import { DecodeError, EncodeError } from '../core/errors.js';
import { kindType, MAX_DEPTH, type ExplainCtx, type Kind, type Row, type Source } from './kind.js';
import { defer, deferrable, lazyDescriptor, MIN_DEFERRED } from './lazy.js';
import { friendlyKey } from './names.js';

/** Calls after which an attribute set compiles its decoder. */
export const TIER_UP = 8;

/** Symbol under which wire details of a decoded attribute set are kept. */
export const WIRE: unique symbol = Symbol.for('tsnetlink.wire');

/** Wire details of one attribute, kept when they differ from the default encoding. */
export interface WireDetail {
  /** NLA_F_NESTED / NLA_F_NET_BYTEORDER bits as received. */
  flags?: number;
  /** The exact payload, when re-encoding the value would differ. */
  raw?: Uint8Array;
  /** The value `raw` decoded to (raw is used only while the value is unchanged). */
  value?: unknown;
  /** The attribute came more than once; its value is the array of occurrences. */
  repeated?: boolean;
}

/**
 * The explain row of a scalar attribute value: its kernel name, the C
 * type its kind reads, and the unit its declaration gives.
 */
export function valueRow(offset: number, length: number, depth: number, path: string[], def: Pick<AttrDef, 'name' | 'unit'>, value: string, kind: Kind): Row {
  const r: Row = { offset, length, depth, role: 'value', path, name: def.name, value, kind: kindType(kind) };
  if (def.unit !== undefined) r.unit = def.unit;
  return r;
}

/** An attribute the declaration does not know, kept verbatim. */
export interface UnknownAttr {
  type: number;
  /** NLA_F_NESTED / NLA_F_NET_BYTEORDER bits. */
  flags: number;
  bytes: Uint8Array;
}

/** Options of one attribute declaration. */
export interface AttrOptions {
  /** Friendly key, when the derived one is not wanted. */
  key?: string;
  /** The attribute may repeat; the value is always an array. */
  multi?: boolean;
  /** Flag bits to set when encoding (e.g. NLA_F_NESTED where the kernel sets it). */
  flags?: number;
  /** Unit of the number (`bytes`, `ifindex`, `centiseconds`), carried onto its explain row. */
  unit?: string;
}

/** Tuple form of a declaration: `[number, KERNEL_NAME, kind, options?]`. */
export type AttrDecl = readonly [type: number, name: string, kind: Kind, opts?: AttrOptions];


/**
 * The declarations of a set, or a function giving them: then the tuples
 * are made on first use, not when the module loads (most sets a command
 * never touches).
 */
export type Decls = readonly AttrDecl[] | (() => readonly AttrDecl[]);

export interface AttrDef {
  readonly type: number;
  readonly name: string;
  readonly key: string;
  readonly kind: Kind;
  readonly multi: boolean;
  readonly flags: number;
  /** Unit of the number, when declared. */
  readonly unit?: string;
}

/** The names of an attribute header's NLA_F_* bits (`NLA_F_NESTED|NLA_F_NET_BYTEORDER`), or ''. */
export function flagText(flags: number): string {
  const f: string[] = [];
  if (flags & NLA_F_NESTED) f.push('NLA_F_NESTED');
  if (flags & NLA_F_NET_BYTEORDER) f.push('NLA_F_NET_BYTEORDER');
  return f.join('|');
}

const DECLARED: AttrSet[] = [];

/**
 * Every attribute set declared so far (in this process), for checks that
 * build them all: a set's tables, and the check that no type or key is
 * declared twice, are otherwise built on first use.
 */
export function declaredAttrSets(): readonly AttrSet[] {
  return DECLARED;
}

/** An attribute set (`enum { IFLA_UNSPEC, IFLA_ADDRESS, ... }`); `T` is its decoded form where a type says so (see `src/families/message-types.ts`). */
export class AttrSet<T = any> {
  /** Type only: the decoded form (never set). */
  declare readonly __value?: T;
  private readonly decls: Decls;
  private tables?: { byType: (AttrDef | undefined)[]; byKey: Map<string, AttrDef>; defs: AttrDef[]; indexByType: number[] };

  constructor(
    /** Name of the set (`IFLA`, `IFLA_INFO`, `IFA`). */
    readonly name: string,
    /** Prefix stripped from kernel names to form keys (`IFLA_`). */
    readonly prefix: string,
    decls: Decls,
  ) {
    // The tables are built on first use: tsip declares ~100 sets at start-up
    // and a command touches a few of them.
    this.decls = decls;
    DECLARED.push(this);
  }

  /** The declarations by type, key and order (built once; a type or key declared twice throws). */
  private build(): NonNullable<AttrSet['tables']> {
    const t: NonNullable<AttrSet['tables']> = { byType: [], byKey: new Map(), defs: [], indexByType: [] };
    const decls = typeof this.decls === 'function' ? this.decls() : this.decls;
    for (const [type, kname, kind, opts = {}] of decls) {
      const key = opts.key ?? friendlyKey(kname, this.prefix);
      if (t.byType[type]) throw new Error(`${this.name}: type ${type} declared twice`);
      if (t.byKey.has(key)) throw new Error(`${this.name}: key ${key} declared twice`);
      const def: AttrDef = { type, name: kname, key, kind, multi: !!opts.multi, flags: opts.flags ?? 0, unit: opts.unit };
      t.byType[type] = def;
      t.indexByType[type] = t.defs.length;
      t.byKey.set(key, def);
      t.defs.push(def);
    }
    return t;
  }

  /** Declarations by attribute type. */
  get byType(): readonly (AttrDef | undefined)[] {
    return (this.tables ??= this.build()).byType;
  }

  /** Declarations by friendly key. */
  get byKey(): ReadonlyMap<string, AttrDef> {
    return (this.tables ??= this.build()).byKey;
  }

  /** Declarations in declaration order. */
  get defs(): readonly AttrDef[] {
    return (this.tables ??= this.build()).defs;
  }

  /** Declaration index (in `defs`) by attribute type. */
  private get indexByType(): readonly number[] {
    return (this.tables ??= this.build()).indexByType;
  }

  /** Kernel name for an attribute type, or `PREFIX<n>` when unknown. */
  nameOf(type: number): string {
    return this.byType[type]?.name ?? `${this.prefix}${type}`;
  }

  /** Per declaration index: the shared getter of a deferrable attribute (see `schema/lazy.ts`), or null. */
  private lazyDescriptors?: (PropertyDescriptor | null)[];

  /** The shared descriptor deferring declaration `i`, or null when its kind is not deferred. */
  lazyAt(i: number): PropertyDescriptor | null {
    const all = (this.lazyDescriptors ??= this.defs.map((d, j) => (!d.multi && deferrable(d.kind) ? lazyDescriptor(d, j) : null)));
    return all[i]!;
  }

  /** Defers declaration `i` of `out` (payload at `[off, off+len)`); see `schema/lazy.ts`. */
  storeLazy(out: Record<string, any>, i: number, src: Source, off: number, len: number): void {
    defer(out, this.defs[i]!, this.lazyAt(i)!, i, src, off, len);
  }

  private compiled?: (src: Source, off: number, len: number) => Record<string, any>;
  private uses = 0;

  /**
   * Decodes the attributes in `[off, off+len)`. The first few calls walk
   * the declaration; after {@link TIER_UP} calls the set compiles its own
   * decoder (worth it for dumps, not for a command that decodes once).
   */
  decode(src: Source, off: number, len: number): Record<string, any> {
    const tier = decoderTier.mode;
    if (tier !== 'auto') {
      if (tier === 'generic') return this.decodeGeneric(src, off, len);
      return (this.compiled ??= compileDecoder(this))(src, off, len);
    }
    if (this.compiled !== undefined) return this.compiled(src, off, len);
    const seen = (this.seen ??= new Set());
    if (++this.uses >= TIER_UP) this.compiled = compileDecoder(this, seen);
    return this.decodeGeneric(src, off, len, seen);
  }

  /**
   * Attribute types met while walking, before tiering up: the compiled
   * decoder has cases for these only (a smaller function V8 optimizes
   * sooner: IFLA declares ~70, a link carries ~40); others take
   * {@link decodeUnlisted}.
   */
  private seen?: Set<number>;

  /** One attribute the compiled decoder has no case for: as the walking decoder does it (dependents are always listed). */
  decodeUnlisted(src: Source, out: Record<string, any>, p: number, alen: number, type: number, flags: number): void {
    const { byType, indexByType } = (this.tables ??= this.build());
    const def = byType[type];
    if (def === undefined) this.storeUnknown(out, src.u8, p, alen, type, flags);
    else if (!this.storedLazily(src, out, def, indexByType[type]!, p, alen, flags)) this.decodeOne(src, def, p, alen, flags, out);
  }

  /**
   * Defers attribute `def` (declaration `i`, at `p`) of `out` when the
   * source is lazy and it qualifies (see `schema/lazy.ts`: first
   * occurrence, usual flags, large enough, a deferrable kind); true when
   * it did. The compiled decoder inlines the same test.
   */
  private storedLazily(src: Source, out: Record<string, any>, def: AttrDef, i: number, p: number, alen: number, flags: number): boolean {
    if (src.lazy !== true || alen - 4 < MIN_DEFERRED || flags !== def.flags || out[def.key] !== undefined || this.lazyAt(i) === null) return false;
    this.storeLazy(out, i, src, p + 4, alen - 4);
    return true;
  }

  /** The declaration-walking decoder (same results as the compiled one); adds the types it meets to `seen`. */
  decodeGeneric(src: Source, off: number, len: number, seen?: Set<number>): Record<string, any> {
    if (++src.depth > MAX_DEPTH) throw new DecodeError(`nesting deeper than ${MAX_DEPTH} levels`, off);
    const out: Record<string, any> = {};
    const u8 = src.u8;
    const end = off + len;
    let p = off;
    let deferred: [AttrDef, number, number][] | undefined;
    const { byType, indexByType } = (this.tables ??= this.build());
    while (p < end) {
      if (end - p < 4) throw this.headerError(u8, p, end);
      const alen = u8[p]! | (u8[p + 1]! << 8);
      if (alen < 4 || alen > end - p) throw this.headerError(u8, p, end);
      const raw = u8[p + 2]! | (u8[p + 3]! << 8);
      const type = raw & NLA_TYPE_MASK;
      const flags = raw & 0xc000;
      const def = byType[type];
      if (seen !== undefined && def !== undefined) seen.add(type);
      if (def === undefined) this.storeUnknown(out, u8, p, alen, type, flags);
      else if (!this.storedLazily(src, out, def, indexByType[type]!, p, alen, flags)) {
        if ((def.kind as DependentKind).selector !== undefined && out[(def.kind as DependentKind).selector] === undefined) {
          (deferred ??= []).push([def, p, alen]);
          this.defer(out, def, flags);
        } else this.decodeOne(src, def, p, alen, flags, out);
      }
      p += align4(alen);
    }
    if (deferred) for (const [def, at, alen] of deferred) this.decodeOne(src, def, at, alen, (u8[at + 2]! | (u8[at + 3]! << 8)) & 0xc000, out, true);
    src.depth--;
    return out;
  }

  /** Error for a malformed attribute header at `p` (the container ends at `end`). */
  headerError(u8: Uint8Array, p: number, end: number): DecodeError {
    if (end - p < 4) return new DecodeError(`${end - p} trailing bytes, too few for an attribute header`, p);
    const alen = u8[p]! | (u8[p + 1]! << 8);
    const name = this.nameOf((u8[p + 2]! | (u8[p + 3]! << 8)) & NLA_TYPE_MASK);
    if (alen < 4) return new DecodeError(`attribute ${name}: length ${alen} is less than its 4-byte header`, p);
    return new DecodeError(`attribute ${name}: length ${alen} runs past the end of its container (${end - p} bytes left)`, p);
  }

  /** Keeps an attribute the declaration does not know. */
  storeUnknown(out: Record<string, any>, u8: Uint8Array, p: number, alen: number, type: number, flags: number): void {
    const u: UnknownAttr = { type, flags, bytes: u8.slice(p + 4, p + alen) };
    const k = '#' + type;
    const prev = out[k];
    if (prev === undefined) out[k] = u;
    else if (Array.isArray(prev)) prev.push(u);
    else out[k] = [prev, u];
  }

  /** Slow path for an attribute whose value is decoded: wire details, repeats. */
  storeSlow(out: Record<string, any>, def: AttrDef, v: unknown, src: Source, p: number, alen: number, flags: number, canonical: boolean, replace: boolean): void {
    if (!canonical) {
      const w = wireOf(out);
      w[def.key] = { ...w[def.key], raw: src.u8.slice(p + 4, p + alen), value: v };
    }
    if (flags !== def.flags) {
      const w = wireOf(out);
      w[def.key] = { ...w[def.key], flags };
    }
    const key = def.key;
    const prev = out[key];
    if (def.multi) {
      if (prev === undefined) out[key] = [v];
      else prev.push(v);
    } else if (prev === undefined || replace) {
      out[key] = v;
    } else if (def.kind.arrayValued) {
      // A repeated array-valued attribute: keep the extra one verbatim.
      const k = '#' + def.type;
      const u: UnknownAttr = { type: def.type, flags, bytes: src.u8.slice(p + 4, p + alen) };
      const prev = out[k];
      if (prev === undefined) out[k] = u;
      else if (Array.isArray(prev)) prev.push(u);
      else out[k] = [prev, u];
    } else if (Array.isArray(prev) && wireOf(out)[key]?.repeated) {
      prev.push(v);
    } else {
      out[key] = [prev, v];
      const w = wireOf(out);
      w[key] = { ...w[key], repeated: true };
    }
  }

  /** Decodes one attribute the slow way (deferred dependents). */
  decodeOne(src: Source, def: AttrDef, p: number, alen: number, flags: number, out: Record<string, any>, replace = false): void {
    let v: unknown;
    let canonical = true;
    try {
      v = def.kind.decode(src, p + 4, alen - 4, out);
      if (def.kind.canonical) canonical = def.kind.canonical(src, p + 4, alen - 4, v);
    } catch (e) {
      if (e instanceof DecodeError) throw e.within(def.name);
      throw e;
    }
    this.storeSlow(out, def, v, src, p, alen, flags, canonical, replace);
  }

  /** Marks an attribute whose decoding waits for a sibling (see {@link dependent}). */
  defer(out: Record<string, any>, def: AttrDef, flags: number): void {
    out[def.key] = undefined;
    if (flags !== def.flags) wireOf(out)[def.key] = { flags };
  }

  /** Writes the attributes of `obj` in its key order. */
  encode(w: Writer, obj: Record<string, any>): void {
    if (obj === null || typeof obj !== 'object') throw new EncodeError(`${this.name}: expected an object of attributes`);
    const wire = (obj as { [WIRE]?: Record<string, WireDetail> })[WIRE];
    for (const key in obj) {
      const v = obj[key];
      if (v === undefined) continue;
      if (key.charCodeAt(0) === 35 /* # */) {
        for (const u of Array.isArray(v) ? v : [v]) writeUnknown(w, u as UnknownAttr, this, key);
        continue;
      }
      const def = this.byKey.get(key);
      if (def === undefined) throw new EncodeError(`${this.name}: unknown attribute key "${key}"`);
      const detail = wire?.[key];
      try {
        if (def.multi || (Array.isArray(v) && !def.kind.arrayValued)) {
          if (!Array.isArray(v)) throw new EncodeError(`expected an array (the attribute repeats)`);
          for (const item of v) writeAttr(w, def, item, obj, detail);
        } else writeAttr(w, def, v, obj, detail);
      } catch (e) {
        if (e instanceof EncodeError) throw e.within(def.name);
        throw e;
      }
    }
  }

  /** Encoded length of the attributes of `obj`, padding included. */
  size(obj: Record<string, any>): number {
    const wire = (obj as { [WIRE]?: Record<string, WireDetail> })[WIRE];
    let n = 0;
    for (const key in obj) {
      const v = obj[key];
      if (v === undefined) continue;
      if (key.charCodeAt(0) === 35) {
        for (const u of Array.isArray(v) ? v : [v]) n += align4(4 + (u as UnknownAttr).bytes.length);
        continue;
      }
      const def = this.byKey.get(key);
      if (def === undefined) throw new EncodeError(`${this.name}: unknown attribute key "${key}"`);
      const detail = wire?.[key];
      const one = (item: unknown) =>
        align4(4 + (detail?.raw && detail.value === item ? detail.raw.length : def.kind.size(item, obj)));
      if (def.multi || (Array.isArray(v) && !def.kind.arrayValued)) for (const item of v) n += one(item);
      else n += one(v);
    }
    return n;
  }

  /** Explain rows for the attributes in `[off, off+len)` (which must decode). */
  explain(src: Source, off: number, len: number, ctx: ExplainCtx): void {
    const decoded = this.decode(src, off, len);
    const end = off + len;
    const u8 = src.u8;
    let p = off;
    while (p < end) {
      const alen = u8[p]! | (u8[p + 1]! << 8);
      const rawType = u8[p + 2]! | (u8[p + 3]! << 8);
      const type = rawType & NLA_TYPE_MASK;
      const flags = rawType & ~NLA_TYPE_MASK & 0xffff;
      const def = this.byType[type];
      const name = def?.name ?? `${this.prefix}${type} (unknown)`;
      const path = [...ctx.path, def?.name ?? `${this.prefix}${type}`];
      const ft = flagText(flags);
      ctx.rows.push({ offset: p, length: 4, depth: ctx.depth, role: 'attr', path, name, value: `len ${alen}, type ${type}${ft ? ' ' + ft : ''}` });
      const inner: ExplainCtx = { rows: ctx.rows, path, depth: ctx.depth + 1 };
      if (alen > 4) {
        if (def === undefined) {
          ctx.rows.push({ offset: p + 4, length: alen - 4, depth: ctx.depth + 1, role: 'unknown', path, name, value: toHex(u8.subarray(p + 4, p + alen), ' ') });
        } else if (def.kind.explain) {
          def.kind.explain(src, p + 4, alen - 4, inner, decoded);
        } else {
          const v = def.kind.decode(src, p + 4, alen - 4, decoded);
          ctx.rows.push(valueRow(p + 4, alen - 4, ctx.depth + 1, path, def, def.kind.format(v), def.kind));
        }
      }
      const next = Math.min(end, p + align4(alen));
      if (next > p + alen) ctx.rows.push({ offset: p + alen, length: next - p - alen, depth: ctx.depth + 1, role: 'pad', path: [...path, 'padding'], name: 'padding', value: `(${next - p - alen})` });
      p = next;
    }
  }

  /** JSON form with kernel names; unknown attributes as `{type, flags, hex}`. */
  json(obj: Record<string, any>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key in obj) {
      const v = obj[key];
      if (v === undefined) continue;
      if (key.charCodeAt(0) === 35) {
        const conv = (u: UnknownAttr) => ({ type: u.type, flags: flagText(u.flags) || 0, hex: toHex(u.bytes) });
        out[`${this.prefix}${key.slice(1)}`] = Array.isArray(v) ? v.map(conv) : conv(v);
        continue;
      }
      const def = this.byKey.get(key);
      if (def === undefined) continue;
      out[def.name] = (def.multi || (Array.isArray(v) && !def.kind.arrayValued)) ? (v as unknown[]).map((x) => def.kind.json(x, obj)) : def.kind.json(v, obj);
    }
    return out;
  }
}

/**
 * Sets string attribute `key` of `attrs` to `text`, to be written without
 * its NUL, as iproute2 sends some strings (IFLA_INFO_KIND of a filtered
 * dump, IFLA_IFALIAS): a wire detail, as decoding keeps one.
 */
export function bareString(attrs: Record<string, unknown>, key: string, text: string): void {
  attrs[key] = text;
  wireOf(attrs)[key] = { raw: new TextEncoder().encode(text), value: text };
}

function wireOf(obj: Record<string, any>): Record<string, WireDetail> {
  let w = (obj as { [WIRE]?: Record<string, WireDetail> })[WIRE];
  if (w === undefined) {
    w = {};
    Object.defineProperty(obj, WIRE, { value: w, enumerable: false, writable: true, configurable: true });
  }
  return w;
}

function writeAttr(w: Writer, def: AttrDef, v: unknown, parent: Record<string, any>, detail: WireDetail | undefined): void {
  const start = w.length;
  w.u16(0);
  w.u16(def.type | (detail?.flags ?? def.flags));
  if (detail?.raw && detail.value === v) w.bytes(detail.raw);
  else def.kind.encode(w, v, parent);
  const len = w.length - start;
  if (len > 0xffff) throw new EncodeError(`attribute is ${len} bytes, more than 65535`);
  w.patchU16(start, len);
  w.align();
}

function writeUnknown(w: Writer, u: UnknownAttr, set: AttrSet, key: string): void {
  if (!u || !(u.bytes instanceof Uint8Array) || typeof u.type !== 'number') {
    throw new EncodeError(`${set.name}: "${key}" must be {type, flags, bytes}`);
  }
  if (u.bytes.length > 0xffff - 4) throw new EncodeError(`${set.name}: "${key}" is ${u.bytes.length} bytes, more than an attribute holds (65531)`);
  if (!Number.isInteger(u.type) || u.type < 0 || u.type > NLA_TYPE_MASK) throw new EncodeError(`${set.name}: "${key}": type ${u.type} is not from 0 to ${NLA_TYPE_MASK}`);
  const flags = u.flags ?? 0;
  if (!Number.isInteger(flags) || (flags & ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)) !== 0) throw new EncodeError(`${set.name}: "${key}": flags ${flags} are not NLA_F_* bits`);
  w.u16(4 + u.bytes.length);
  w.u16(u.type | flags);
  w.bytes(u.bytes);
  w.align();
}

/** Declares an attribute set. */
export function attrSet(name: string, prefix: string, decls: Decls): AttrSet {
  return new AttrSet(name, prefix, decls);
}

/** A nested attribute set (the payload is more attributes). */
export function nested<T>(set: () => AttrSet<T>, label?: string): Kind<T> {
  let cached: AttrSet | undefined;
  const get = (): AttrSet => (cached ??= set());
  const kind: Kind = {
    get label() {
      return label ?? `nested ${get().name}`;
    },
    spec: { t: 'nested', set: get },
    decode: (src, off, len) => get().decode(src, off, len),
    encode: (w, v) => get().encode(w, v),
    size: (v) => get().size(v),
    format: () => '',
    json: (v) => get().json(v),
    explain: (src, off, len, ctx) => get().explain(src, off, len, ctx),
  };
  return kind as Kind<T>;
}

/**
 * A fixed header followed by attributes inside one attribute: VETH_INFO_PEER
 * carries a whole `ifinfomsg` and IFLA_* attributes. Decoded as `{header, attrs}`.
 */
export function headed<H, T>(typedHeader: Kind<H>, typedSet: () => AttrSet<T>, label: string): Kind<{ header: H; attrs: T }> {
  const header = typedHeader as Kind;
  const set = typedSet as () => AttrSet;
  const hsize = header.fixedSize!;
  const kind: Kind = {
    label,
    spec: { t: 'message', header, set },
    decode(src, off, len) {
      if (len < hsize) throw new DecodeError(`${label}: expected at least ${hsize} bytes for ${header.label}, got ${len}`, off);
      let h;
      try {
        h = header.decode(src, off, hsize);
      } catch (e) {
        if (e instanceof DecodeError) throw e.within(header.label);
        throw e;
      }
      return { header: h, attrs: set().decode(src, off + hsize, len - hsize) };
    },
    encode(w, v) {
      if (!v || typeof v !== 'object') throw new EncodeError(`${label}: expected {header, attrs}`);
      // Left out, each is empty; null is refused as the struct and the set refuse it.
      header.encode(w, v.header === undefined ? {} : v.header);
      set().encode(w, v.attrs === undefined ? {} : v.attrs);
    },
    size: (v) => hsize + set().size(v.attrs ?? {}),
    format: () => '',
    json: (v) => ({ [header.label]: header.json(v.header), attributes: set().json(v.attrs) }),
    explain(src, off, len, ctx) {
      const hctx: ExplainCtx = { ...ctx, path: [...ctx.path, header.label] };
      if (header.explain) header.explain(src, off, hsize, hctx);
      set().explain(src, off + hsize, len - hsize, ctx);
    },
  };
  return kind as Kind<{ header: H; attrs: T }>;
}

/** A kind chosen by a sibling's value (IFLA_INFO_DATA by IFLA_INFO_KIND). */
export interface DependentKind extends Kind {
  readonly selector: string;
}

/**
 * A payload whose kind depends on the value of sibling `selector`; values
 * not in `choices` (or a missing selector) fall back to `fallback`.
 */
export function dependent(selector: string, choices: () => Readonly<Record<string, Kind>>, fallback: Kind, label: string): DependentKind {
  let cached: Readonly<Record<string, Kind>> | undefined;
  const pick = (parent?: Record<string, unknown>): Kind => {
    cached ??= choices();
    const sel = parent?.[selector];
    return (typeof sel === 'string' && Object.prototype.hasOwnProperty.call(cached, sel) ? cached[sel] : undefined) ?? fallback;
  };
  return {
    label,
    selector,
    spec: { t: 'dependent', selector, choices: () => (cached ??= choices()), fallback },
    decode: (src, off, len, parent) => pick(parent).decode(src, off, len, parent),
    encode: (w, v, parent) => pick(parent).encode(w, v, parent),
    size: (v, parent) => pick(parent).size(v, parent),
    format: (v) => (v instanceof Uint8Array ? fallback.format(v) : ''),
    json: (v, parent) => pick(parent).json(v, parent),
    explain(src, off, len, ctx, parent) {
      const k = pick(parent);
      if (k.explain) k.explain(src, off, len, ctx, parent);
      else ctx.rows.push({ offset: off, length: len, depth: ctx.depth, role: 'value', path: ctx.path, name: ctx.path[ctx.path.length - 1] ?? '', value: k.format(k.decode(src, off, len, parent)), kind: kindType(k) });
    },
  };
}
