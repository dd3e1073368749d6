/**
 * Fixed C structs (`ifinfomsg`, `ifaddrmsg`, `rtnl_link_stats64`, ...):
 * a list of fixed-size fields, with explicit padding. Decoded as an object
 * with friendly keys (`ifi_index` with prefix `ifi_` becomes `index`).
 *
 * An *open* struct is one the kernel has grown over time (stats, devconf
 * arrays): shorter payloads decode to fewer fields, longer ones keep the
 * extra bytes in `_tail`, so old and new kernels both round-trip.
 */
import { decoderTier } from './tier.js';
import type { Writer } from '../bytes/writer.js';
import { toHex } from '../bytes/hex.js';
import { DecodeError, EncodeError } from '../core/errors.js';
import { kindType, type ExplainCtx, type Kind, type Row, type Source } from './kind.js';
import { r64 } from './scalars.js';
import { friendlyKey } from './names.js';

/** A field: kernel name, kind and options, or a number of padding bytes. */
export type FieldDef = readonly [name: string, kind: Kind, opts?: FieldOptions] | number;

/** Options of one struct field. */
export interface FieldOptions {
  /** Unit of the number (`ifindex`, `bits`), carried onto its explain row. */
  unit?: string;
}

export interface StructField {
  readonly key: string;
  readonly name: string;
  readonly kind: Kind;
  readonly offset: number;
  readonly size: number;
  /** Unit of the number, when declared. */
  readonly unit?: string;
}

export interface StructKind<T = Record<string, any>> extends Kind<T> {
  readonly cName: string;
  readonly fields: readonly StructField[];
  /** sizeof(struct). */
  readonly structSize: number;
  readonly open: boolean;
}

export interface StructOptions {
  /** Accept shorter and longer payloads (see module doc). */
  open?: boolean;
}

/**
 * Declares a C struct. `prefix` is stripped from field names to form keys.
 * Every field's kind must have a fixed size.
 */
export function struct<T = Record<string, any>>(
  cName: string,
  prefix: string,
  defs: readonly FieldDef[],
  opts: StructOptions = {},
): StructKind<T> {
  // The size (and the check that every field has one) at declaration; the
  // field list with its keys and offsets on first use (see declare).
  let size = 0;
  for (let i = 0; i < defs.length; i++) {
    const d = defs[i]!;
    if (typeof d === 'number') {
      size += d;
      continue;
    }
    const fixed = d[1].fixedSize;
    if (fixed === undefined) throw new Error(`struct ${cName}: field ${d[0]} has no fixed size`);
    size += fixed;
  }
  return declare(cName, prefix, size, () => defs, opts);
}

/**
 * A struct of `size` bytes whose fields `defsOf` gives when first needed:
 * modules declare many structs (devconf arrays of 60 fields) and a
 * command decodes a few, so keys and offsets wait for the first use.
 */
function declare<T>(cName: string, prefix: string, size: number, defsOf: () => readonly FieldDef[], opts: StructOptions): StructKind<T> {
  const open = !!opts.open;
  const fields: StructField[] = [];
  const pads: [number, number][] = [];
  let n = -1;

  function layout(): void {
    let offset = 0;
    for (const d of defsOf()) {
      if (typeof d === 'number') {
        pads.push([offset, d]);
        offset += d;
        continue;
      }
      const [name, kind, fo] = d;
      const fixed = kind.fixedSize ?? 0;
      fields.push({ key: friendlyKey(name, prefix), name, kind, offset, size: fixed, unit: fo?.unit });
      offset += fixed;
    }
    n = fields.length;
  }

  // The exact-size case is compiled once into one object literal: a fixed
  // shape, inlined reads for scalars.
  let full: ((src: Source, off: number) => Record<string, unknown>) | undefined;
  let uses = 0;

  function decode(src: Source, off: number, len: number): T {
    if (n < 0) layout();
    if (len === size) {
      const tier = decoderTier.mode;
      if (tier === 'compiled') return (full ??= compileFull(fields, size))(src, off) as T;
      if (full !== undefined && tier === 'auto') return full(src, off) as T;
      // Compile after a few uses: dumps gain, one-off decodes skip the cost.
      if (tier === 'auto' && ++uses >= 8) full = compileFull(fields, size);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const f = fields[i]!;
        out[f.key] = f.kind.decode(src, off + f.offset, f.size);
      }
      return out as T;
    }
    const out: Record<string, unknown> = {};
    if (!open) throw new DecodeError(`${cName}: expected ${size} bytes, got ${len}`, off);
    for (let i = 0; i < n; i++) {
      const f = fields[i]!;
      if (f.offset + f.size > len) break;
      out[f.key] = f.kind.decode(src, off + f.offset, f.size);
    }
    const used = len > size ? size : lastFieldEnd(len);
    if (used < len) out._tail = src.u8.slice(off + used, off + len);
    return out as T;
  }

  function lastFieldEnd(len: number): number {
    if (n < 0) layout();
    let end = 0;
    for (const f of fields) if (f.offset + f.size <= len) end = f.offset + f.size;
    return end;
  }

  function encode(w: Writer, v: T): void {
    if (n < 0) layout();
    const obj = v as Record<string, unknown>;
    if (obj === null || typeof obj !== 'object') throw new EncodeError(`${cName}: expected an object`);
    const start = w.length;
    let pi = 0;
    for (let i = 0; i < n; i++) {
      const f = fields[i]!;
      while (pi < pads.length && pads[pi]![0] <= f.offset) w.zeros(pads[pi++]![1]);
      const fv = obj[f.key];
      if (fv === undefined) {
        if (open) {
          // An open struct ends at its first missing field; one given after a gap would be lost.
          const later = fields.slice(i + 1).find((g) => obj[g.key] !== undefined);
          if (later) throw new EncodeError(`${cName}: ${later.name} is given but ${f.name} before it is not (the kernel reads these by position)`);
          break;
        }
        w.zeros(f.size);
        continue;
      }
      try {
        f.kind.encode(w, fv);
      } catch (e) {
        if (e instanceof EncodeError) throw e.within(f.name);
        throw e;
      }
    }
    if (!open || w.length - start === size) while (pi < pads.length) w.zeros(pads[pi++]![1]);
    const tail = obj._tail;
    if (tail instanceof Uint8Array) w.bytes(tail);
  }

  function sizeOf(v: T): number {
    const obj = v as Record<string, unknown>;
    let s = size;
    if (open) {
      if (n < 0) layout();
      s = 0;
      for (const f of fields) {
        if (obj[f.key] === undefined) break;
        s = f.offset + f.size;
      }
      if (s === lastFieldEnd(size)) s = size;
    }
    const tail = obj._tail;
    return s + (tail instanceof Uint8Array ? tail.length : 0);
  }

  function explain(src: Source, off: number, len: number, ctx: ExplainCtx): void {
    if (n < 0) layout();
    const v = decode(src, off, len) as Record<string, unknown>;
    let pi = 0;
    for (const f of fields) {
      while (pi < pads.length && pads[pi]![0] <= f.offset) {
        const [po, pl] = pads[pi++]!;
        if (po + pl <= len) ctx.rows.push({ offset: off + po, length: pl, depth: ctx.depth, role: 'pad', path: [...ctx.path, 'padding'], name: 'padding', value: `(${pl})` });
      }
      if (f.offset + f.size > len) break;
      const row: Row = {
        offset: off + f.offset,
        length: f.size,
        depth: ctx.depth,
        role: 'field',
        path: [...ctx.path, f.name],
        name: f.name,
        value: f.kind.format(v[f.key]),
        kind: kindType(f.kind),
      };
      if (f.unit !== undefined) row.unit = f.unit;
      ctx.rows.push(row);
    }
    while (pi < pads.length && pads[pi]![0] + pads[pi]![1] <= len) {
      const [po, pl] = pads[pi++]!;
      ctx.rows.push({ offset: off + po, length: pl, depth: ctx.depth, role: 'pad', path: [...ctx.path, 'padding'], name: 'padding', value: `(${pl})` });
    }
    const tail = v._tail;
    if (tail instanceof Uint8Array && tail.length) {
      ctx.rows.push({ offset: off + len - tail.length, length: tail.length, depth: ctx.depth, role: 'unknown', path: [...ctx.path, '(tail)'], name: '(tail)', value: `${tail.length} bytes not in ${cName} as this library knows it` });
    }
  }

  function json(v: T): unknown {
    if (n < 0) layout();
    const obj = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of fields) if (obj[f.key] !== undefined) out[f.name] = f.kind.json(obj[f.key]);
    if (obj._tail instanceof Uint8Array) out._tail = toHex(obj._tail);
    return out;
  }

  function format(v: T): string {
    if (n < 0) layout();
    const obj = v as Record<string, unknown>;
    return fields
      .filter((f) => obj[f.key] !== undefined)
      .map((f) => `${f.key} ${f.kind.format(obj[f.key])}`)
      .join(', ');
  }

  return {
    label: cName,
    cName,
    get fields() {
      if (n < 0) layout();
      return fields;
    },
    structSize: size,
    open,
    spec: {
      t: 'struct',
      get fields() {
        if (n < 0) layout();
        return fields;
      },
    },
    fixedSize: open ? undefined : size,
    decode,
    encode,
    size: sizeOf,
    format,
    json,
    explain,
  };
}

function compileFull(fields: readonly StructField[], size: number): (src: Source, off: number) => Record<string, unknown> {
  const kinds = fields.map((f) => f.kind);
  const parts = fields.map((f, i) => {
    const at = `off + ${f.offset}`;
    const expr = f.kind.readExpr ? f.kind.readExpr(at) : `K[${i}].decode(src, ${at}, ${f.size})`;
    return `${JSON.stringify(f.key)}: ${expr}`;
  });
  const body = `return function decodeStruct${size}(src, off) {
    const dv = src.dv, u8 = src.u8;
    return { ${parts.join(', ')} };
  }`;
  return new Function('K', 'r64', body)(kinds, r64);
}

/** An open struct of `count` same-kind fields named by index (devconf arrays). */
export function namedArray(cName: string, prefix: string, kind: Kind, names: readonly string[]): StructKind {
  const fixed = kind.fixedSize;
  if (fixed === undefined && names.length > 0) throw new Error(`struct ${cName}: field ${names[0]} has no fixed size`);
  return declare(cName, prefix, (fixed ?? 0) * names.length, () => names.map((n) => [n, kind] as const), { open: true });
}
