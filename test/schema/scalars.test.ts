/** Primitive kinds, byte by byte. */
import { describe, expect, it } from 'vitest';
import { Writer } from '../../src/bytes/writer.js';
import { DecodeError, EncodeError } from '../../src/core/errors.js';
import type { Kind } from '../../src/schema/kind.js';
import { sourceOf } from '../../src/schema/kind.js';
import { flag, s32, string, u16, u16be, u32, u32be, u64, u8, binary, s64 } from '../../src/schema/scalars.js';

function enc<T>(k: Kind<T>, v: T): number[] {
  const w = new Writer(4);
  k.encode(w, v);
  return Array.from(w.finish());
}
function dec<T>(k: Kind<T>, b: number[]): T {
  return k.decode(sourceOf(new Uint8Array(b)), 0, b.length);
}

// [kind, value, bytes]
const table: [string, Kind, unknown, number[]][] = [
  ['u8', u8, 0xab, [0xab]],
  ['u16 host order', u16, 0x1234, [0x34, 0x12]],
  ['u16be network order', u16be, 4789, [0x12, 0xb5]],
  ['u32 host order', u32, 0x01020304, [0x04, 0x03, 0x02, 0x01]],
  ['u32be network order', u32be, 0x01020304, [0x01, 0x02, 0x03, 0x04]],
  ['s32 -1', s32, -1, [0xff, 0xff, 0xff, 0xff]],
  ['u64 small as number', u64, 5, [5, 0, 0, 0, 0, 0, 0, 0]],
  ['u64 2^53 as bigint', u64, 1n << 53n, [0, 0, 0, 0, 0, 0, 0x20, 0]],
  ['u64 max', u64, (1n << 64n) - 1n, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
  ['s64 -2', s64, -2, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
  ['flag', flag, true, []],
  ['string with NUL', string(16), 'lo', [0x6c, 0x6f, 0]],
  ['binary', binary(), new Uint8Array([1, 2, 3]), [1, 2, 3]],
];

describe('primitive kinds', () => {
  for (const [name, k, v, bytes] of table) {
    it(`${name}: encode`, () => expect(enc(k, v)).toEqual(bytes));
    it(`${name}: decode`, () => expect(dec(k, bytes)).toEqual(v));
    it(`${name}: size`, () => expect(k.size(v)).toBe(bytes.length));
  }
});

describe('bad values and bad bytes', () => {
  it('refuses out of range integers before writing', () => {
    expect(() => enc(u16, 70000)).toThrow(EncodeError);
    expect(() => enc(u16, 70000)).toThrow('u16: expected an integer from 0 to 65535, got 70000');
    expect(() => enc(u8, -1)).toThrow(EncodeError);
    expect(() => enc(u32, 1.5)).toThrow(EncodeError);
    expect(() => enc(u64, -1)).toThrow(EncodeError);
    expect(() => enc(u64, 1n << 64n)).toThrow(EncodeError);
  });
  it('refuses a 16-byte interface name (IFNAMSIZ is 16 with the NUL)', () => {
    expect(() => enc(string(16), 'a'.repeat(16))).toThrow(/17 bytes with its NUL; at most 16/);
    expect(enc(string(16), 'a'.repeat(15)).length).toBe(16);
  });
  it('names expected and actual lengths', () => {
    expect(() => dec(u32, [1, 2])).toThrow(DecodeError);
    expect(() => dec(u32, [1, 2])).toThrow('expected 4 bytes, got 2 (offset 0)');
  });
  it('reads a string without its NUL and notes it is not canonical', () => {
    const src = sourceOf(new Uint8Array([0x76, 0x65, 0x74, 0x68]));
    const k = string();
    const v = k.decode(src, 0, 4);
    expect(v).toBe('veth');
    expect(k.canonical!(src, 0, 4, v)).toBe(false);
  });
  it('decodes UTF-8', () => {
    expect(dec(string(), [0xc3, 0xa9, 0])).toBe('é');
    expect(enc(string(), 'é')).toEqual([0xc3, 0xa9, 0]);
  });
});
