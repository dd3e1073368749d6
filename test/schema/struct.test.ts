/** Fixed C structs: the size and its check at declaration, the field list on first use. */
import { describe, expect, it } from 'vitest';
import { Writer } from '../../src/bytes/writer.js';
import { sourceOf } from '../../src/schema/kind.js';
import { enumOf, flagsOf } from '../../src/schema/enums.js';
import { binary, u16, u32, u8 } from '../../src/schema/scalars.js';
import { namedArray, struct } from '../../src/schema/struct.js';

describe('struct', () => {
  it('a field without a fixed size throws at declaration, naming the struct and the field', () => {
    expect(() => struct('bad', 'b_', [['b_a', u32], ['b_blob', binary()]])).toThrow('struct bad: field b_blob has no fixed size');
    expect(() => namedArray('bad_array', 'X_', binary(), ['X_A', 'X_B'])).toThrow('struct bad_array: field X_A has no fixed size');
  });

  it('sizes at declaration; keys, offsets and padding when first read', () => {
    const s = struct('demo', 'd_', [['d_family', u8], 1, ['d_type', u16], ['d_if_index', u32]]);
    expect(s.structSize).toBe(8);
    expect(s.fixedSize).toBe(8);
    expect(s.fields.map((f) => [f.key, f.name, f.offset, f.size])).toEqual([
      ['family', 'd_family', 0, 1],
      ['type', 'd_type', 2, 2],
      ['ifIndex', 'd_if_index', 4, 4],
    ]);
    expect(s.fields).toBe(s.fields);
    expect(s.spec.t === 'struct' && s.spec.fields).toBe(s.fields);
    const w = new Writer(8);
    s.encode(w, { family: 2, type: 0x102, ifIndex: 7 });
    const bytes = w.finish();
    expect(Array.from(bytes)).toEqual([2, 0, 2, 1, 7, 0, 0, 0]);
    expect(s.decode(sourceOf(bytes), 0, 8)).toEqual({ family: 2, type: 0x102, ifIndex: 7 });
  });

  it('an open named array sizes by its names and keeps a shorter payload', () => {
    const a = namedArray('conf', 'C_', u32, ['C_ONE', 'C_TWO', 'C_THREE']);
    expect(a.structSize).toBe(12);
    expect(a.fixedSize).toBeUndefined();
    expect(a.decode(sourceOf(new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0])), 0, 8)).toEqual({ one: 1, two: 2 });
    expect(a.fields.map((f) => f.key)).toEqual(['one', 'two', 'three']);
  });
});

describe('enums and flags', () => {
  it('name their values when first formatted, and in their spec', () => {
    const e = enumOf(u8, { A_ONE: 1, A_UNO: 1, A_TWO: 2 });
    expect(e.format(1)).toBe('A_ONE (1)');
    expect(e.json(3)).toBe(3);
    expect(e.spec.t === 'enum' && e.spec.names).toEqual({ 1: 'A_ONE', 2: 'A_TWO' });
    const f = flagsOf(u32, { F_X: 1, F_Y: 4 });
    expect(f.spec.t === 'flags' && f.spec.names).toEqual({ 1: 'F_X', 4: 'F_Y' });
    expect(f.format(5)).toBe('F_X|F_Y (0x5)');
    expect(f.json(0x11)).toEqual(['F_X', '0x10']);
  });
});
