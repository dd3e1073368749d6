/** The attribute-set engine on a small made-up set. */
import { describe, expect, it } from 'vitest';
import { Writer } from '../../src/bytes/writer.js';
import { DecodeError, EncodeError } from '../../src/core/errors.js';
import { attrSet, declaredAttrSets, nested, WIRE, dependent } from '../../src/schema/attr-set.js';
import { sourceOf } from '../../src/schema/kind.js';
import { bytes, string, u32, u8 } from '../../src/schema/scalars.js';
import { checkTiling } from '../../src/netlink/explain.js';
import { GENERIC_UNITS, UNITS } from '../../src/families/registry.js';
import { reachable } from '../../src/schema/walk.js';

const inner = attrSet('T_IN', 'T_IN_', [[1, 'T_IN_A', u8]]);
const byKind = attrSet('T_K', 'T_K_', [[1, 'T_K_X', u32]]);
const outer = attrSet('T', 'T_', [
  [1, 'T_NAME', string(16)],
  [2, 'T_NUM', u32],
  [3, 'T_NEST', nested(() => inner)],
  [4, 'T_KIND', string()],
  [5, 'T_DATA', dependent('kind', () => ({ k: nested(() => byKind) }), bytes, 'T_DATA')],
]);

const b = (...x: number[]) => new Uint8Array(x);
const dec = (u: Uint8Array) => outer.decode(sourceOf(u), 0, u.length);
const enc = (v: Record<string, unknown>) => {
  const w = new Writer();
  outer.encode(w, v);
  return w.finish();
};

describe('attribute sets', () => {
  it('decodes in wire order with friendly keys, padding skipped', () => {
    const u = b(
      7, 0, 1, 0, 0x6c, 0x6f, 0, 0, // T_NAME "lo" + 1 padding byte
      8, 0, 2, 0, 5, 0, 0, 0, // T_NUM 5
    );
    expect(dec(u)).toEqual({ name: 'lo', num: 5 });
    expect(enc({ name: 'lo', num: 5 })).toEqual(u);
  });
  it('keeps unknown attributes verbatim and re-encodes them', () => {
    const u = b(
      6, 0, 0x63, 0x80, 1, 2, 0, 0, // type 99 with NLA_F_NESTED, 2 bytes + pad
    );
    const v = dec(u);
    expect(v['#99']).toEqual({ type: 99, flags: 0x8000, bytes: b(1, 2) });
    expect(enc(v)).toEqual(u);
  });
  it('turns a repeated attribute into an array and back', () => {
    const u = b(8, 0, 2, 0, 1, 0, 0, 0, 8, 0, 2, 0, 2, 0, 0, 0);
    const v = dec(u);
    expect(v.num).toEqual([1, 2]);
    expect(enc(v)).toEqual(u);
  });
  it('remembers NLA_F_NESTED and a missing NUL so bytes round-trip', () => {
    const u = b(
      5, 0, 4, 0, // T_KIND, len 5: no NUL
      0x6b, 0, 0, 0, // "k" + 3 bytes of padding
    );
    const v = dec(u);
    expect(v.kind).toBe('k');
    expect((v as any)[WIRE].kind.raw).toEqual(b(0x6b));
    expect(enc(v)).toEqual(u);
    const n = b(
      12, 0, 3, 0x80, // T_NEST | NLA_F_NESTED, len 12
      5, 0, 1, 0, // T_IN_A, len 5
      7, 0, 0, 0, // u8 7 + padding
    );
    const v2 = dec(n);
    expect(v2.nest).toEqual({ a: 7 });
    expect(enc(v2)).toEqual(n);
  });
  it('types T_DATA by the sibling T_KIND, even when it comes first', () => {
    const u = b(
      12, 0, 5, 0, // T_DATA, len 12
      8, 0, 1, 0, // T_K_X, len 8
      9, 0, 0, 0, // u32 9
      6, 0, 4, 0, // T_KIND, len 6
      0x6b, 0, 0, 0, // "k\0" + padding
    );
    const v = dec(u);
    expect(v).toEqual({ data: { x: 9 }, kind: 'k' });
    expect(Object.keys(v)).toEqual(['data', 'kind']);
    expect(enc(v)).toEqual(u);
  });
  it('refuses a zero-length attribute instead of looping', () => {
    expect(() => dec(b(0, 0, 1, 0))).toThrow(DecodeError);
    expect(() => dec(b(0, 0, 1, 0))).toThrow(/length 0 is less than its 4-byte header \(offset 0\)/);
  });
  it('names the path of a bad nested value', () => {
    const u = b(
      12, 0, 3, 0, // T_NEST, len 12
      6, 0, 1, 0, // T_IN_A, len 6: 2 payload bytes for a u8
      7, 7, 0, 0,
    );
    expect(() => dec(u)).toThrow('T_NEST > T_IN_A: expected 1 bytes, got 2 (offset 8)');
  });
  it('refuses unknown keys and bad values on encode with their path', () => {
    expect(() => enc({ nope: 1 })).toThrow(EncodeError);
    expect(() => enc({ nest: { a: 300 } })).toThrow('T_NEST > T_IN_A: u8: expected an integer from 0 to 255, got 300');
  });
  it('explain rows tile the bytes', () => {
    const u = b(7, 0, 1, 0, 0x6c, 0x6f, 0, 0, 8, 0, 2, 0, 5, 0, 0, 0);
    const rows: any[] = [];
    outer.explain(sourceOf(u), 0, u.length, { rows, path: [], depth: 0 });
    expect(checkTiling(rows, u.length)).toBeUndefined();
    expect(rows.map((r) => r.role)).toEqual(['attr', 'value', 'pad', 'attr', 'value']);
  });
  it('stops at 32 levels of nesting', () => {
    const deep = attrSet('D', 'D_', [[1, 'D_D', nested(() => deep)]]);
    let u = new Uint8Array(0);
    for (let i = 0; i < 40; i++) {
      const n = new Uint8Array(u.length + 4);
      n.set([(u.length + 4) & 0xff, (u.length + 4) >> 8, 1, 0]);
      n.set(u, 4);
      u = n;
    }
    expect(() => deep.decode(sourceOf(u), 0, u.length)).toThrow(/nesting deeper than 32 levels/);
  });
});

describe('declaration tables, built on first use', () => {
  it('every set declared declares each type and key once (those a family reaches, and those picked by custom kinds)', () => {
    const roots = UNITS.flatMap((u) => u.messages.flatMap((m) => [m.attrs, m.header]));
    for (const u of GENERIC_UNITS) roots.push(...u.genl.commands.map((c) => c.attrs));
    const { sets } = reachable(roots.filter((r) => r !== undefined));
    expect(sets.length).toBeGreaterThan(100);
    // Sets no walk reaches (ethtool's counter groups, chosen by a custom kind) are declared all the same.
    const all = declaredAttrSets();
    expect(all.length).toBeGreaterThan(sets.length);
    // (Less the deliberately broken sets of the next test, should it have run first.)
    for (const set of all.filter((x) => !x.name.startsWith('DUP'))) expect(() => set.defs, set.name).not.toThrow();
  });

  it('a type or a key declared twice throws on first use, naming the set', () => {
    const twiceType = attrSet('DUP', 'DUP_', [
      [1, 'DUP_A', u8],
      [1, 'DUP_B', u8],
    ]);
    expect(() => twiceType.byType).toThrow('DUP: type 1 declared twice');
    const twiceKey = attrSet('DUPK', 'DUPK_', [
      [1, 'DUPK_A', u8],
      [2, 'DUPK_B', u8, { key: 'a' }],
    ]);
    expect(() => twiceKey.decode(sourceOf(Uint8Array.of(5, 0, 2, 0, 7, 0, 0, 0)), 0, 8)).toThrow('DUPK: key a declared twice');
  });
});
