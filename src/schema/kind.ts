/**
 * A value kind: how one field or attribute payload is decoded, encoded,
 * measured, explained and rendered as JSON. Every kind supplies all of
 * these together, plus a {@link KindSpec} from which fast-check
 * arbitraries are derived, so none can drift from the others.
 */
import type { Writer } from '../bytes/writer.js';

/** The buffer being decoded, with a DataView over the same bytes. */
export interface Source {
  readonly u8: Uint8Array;
  readonly dv: DataView;
  /** Current nesting depth; decoders refuse to go deeper than {@link MAX_DEPTH}. */
  depth: number;
  /** Composite attributes are decoded when first read (see `schema/lazy.ts`). */
  lazy?: boolean;
  /** Lazy sources: offset of the message being decoded (set per message). */
  root?: number;
  /**
   * Lazy sources: decodes the message at `off` again, eagerly (it throws
   * the error a deferred value met, named by its whole attribute path).
   */
  again?: (off: number) => unknown;
}

/** Deepest nesting accepted (hostile input could otherwise recurse without bound). */
export const MAX_DEPTH = 32;

/** Wraps a byte range for decoding; `lazy`: decode composite attributes when first read (see `schema/lazy.ts`). */
export function sourceOf(u8: Uint8Array, lazy = false): Source {
  // A Node Buffer's slice() is a view, not a copy: decode from a plain
  // Uint8Array over the same bytes, so decoded byte values own their bytes.
  const plain = Object.getPrototypeOf(u8) === Uint8Array.prototype ? u8 : new Uint8Array(u8.buffer, u8.byteOffset, u8.byteLength);
  return { u8: plain, dv: new DataView(u8.buffer, u8.byteOffset, u8.byteLength), depth: 0, lazy };
}

/** One row of an explained byte layout. Rows tile the message exactly. */
export interface Row {
  /** Offset from the start of the buffer being explained. */
  offset: number;
  length: number;
  /** Nesting depth (0 for message-level rows). */
  depth: number;
  /** What the bytes are: drives colours and layout. */
  role: 'nlmsghdr' | 'header' | 'field' | 'attr' | 'value' | 'pad' | 'unknown';
  /** Attribute or field path, outermost first, kernel names. */
  path: string[];
  /** Kernel name of the field or attribute (last element of path), or a description. */
  name: string;
  /** Human-readable value. */
  value: string;
  /**
   * Field and value rows: the C type of the bytes, from the kind that
   * decoded them ({@link kindType}: `u32`, `u16be`, `u8 enum`, `string`,
   * `ipv4`); absent where no single kind did.
   */
  kind?: string;
  /**
   * Field and value rows: the unit of the number (`bytes`, `ifindex`,
   * `centiseconds`), where the declaration of the field or attribute gives
   * one (`AttrOptions.unit`, a struct field's `unit`).
   */
  unit?: string;
}

/**
 * The type a kind reads, for explain rows: its label, with ` enum` or
 * ` flags` for named values. A `be` suffix means big-endian (network byte
 * order); other multi-byte integers are in host byte order.
 */
export function kindType(k: Kind): string {
  const t = k.spec.t;
  return t === 'enum' || t === 'flags' ? `${k.label} ${t}` : k.label;
}

/** Collects rows while explaining. */
export interface ExplainCtx {
  rows: Row[];
  path: string[];
  depth: number;
}

/** Machine-readable description of a kind, for arbitraries and introspection. */
export type KindSpec =
  | { t: 'uint'; bits: 8 | 16 | 32 | 64; be: boolean; min?: number; max?: number }
  | { t: 'sint'; bits: 8 | 16 | 32 | 64; be: boolean }
  | { t: 'flag' }
  | { t: 'string'; max: number; nul: boolean }
  | { t: 'binary'; min: number; max: number }
  | { t: 'lladdr' }
  | { t: 'ip'; family: 'any' | 4 | 6 }
  | { t: 'enum'; base: Kind<number>; names: Readonly<Record<number, string>> }
  | { t: 'flags'; base: Kind<number>; names: Readonly<Record<number, string>> }
  | { t: 'struct'; fields: readonly { key: string; name: string; kind: Kind }[] }
  | { t: 'nested'; set: () => import('./attr-set.js').AttrSet }
  | { t: 'message'; header: Kind; set: () => import('./attr-set.js').AttrSet }
  | { t: 'dependent'; selector: string; choices: () => Readonly<Record<string, Kind>>; fallback: Kind }
  | { t: 'array'; of: Kind }
  | {
      t: 'custom';
      label: string;
      /** The TypeScript type of decoded values, for the generated declarations (src/families/message-types.ts). */
      ts: string;
      /** The kind of the values it holds, when it holds values of another kind (a keyed nest's elements): walked by `reachable`. */
      of?: Kind;
    };

/**
 * A value kind. `decode` reads `len` bytes at `off`; `parent` is the
 * attribute set being built (used by kinds whose meaning depends on a
 * sibling, such as IFLA_INFO_DATA on IFLA_INFO_KIND).
 */
export interface Kind<T = any> {
  /** Short label shown in explain output and errors (`u32`, `string`, `ifinfomsg`). */
  readonly label: string;
  readonly spec: KindSpec;
  /** Exact encoded size when fixed. */
  readonly fixedSize?: number;
  /**
   * For fixed-size scalars: a JS expression reading the value at offset
   * expression `o`, with `dv` (DataView), `u8` (Uint8Array) and `r64`
   * (u64 reader) in scope. Compiled decoders inline it.
   */
  readonly readExpr?: (o: string) => string;
  /** True when decoded values are JS arrays (affects repeated-attribute handling). */
  readonly arrayValued?: boolean;
  decode(src: Source, off: number, len: number, parent?: Record<string, unknown>): T;
  /** Writes the value; throws EncodeError for a value out of range. */
  encode(w: Writer, v: T, parent?: Record<string, unknown>): void;
  /** Encoded payload length in bytes (no attribute header, no padding). */
  size(v: T, parent?: Record<string, unknown>): number;
  /** One-line human form of a value, for explain rows. */
  format(v: T): string;
  /** JSON form using kernel names. */
  json(v: T, parent?: Record<string, unknown>): unknown;
  /**
   * False when re-encoding `v` would not give back the bytes it came from
   * (a string without its NUL, say); the caller then keeps the raw bytes.
   */
  canonical?(src: Source, off: number, len: number, v: T): boolean;
  /**
   * fast-check arbitrary for kinds the generic derivation cannot describe
   * (`spec.t === 'custom'`). Receives the fast-check module, so the codec
   * itself never imports it.
   */
  arbitrary?(fc: typeof import('fast-check')): import('fast-check').Arbitrary<T>;
  /** Emits rows for composite values; scalars leave this out and get one row. */
  explain?(src: Source, off: number, len: number, ctx: ExplainCtx, parent?: Record<string, unknown>): void;
}
