/**
 * ip's JSON (src/cli/json.ts): where the native serializer is used for
 * speed (no -p), it writes exactly what ip's writer does; values it would
 * write differently go through the writer. The layout itself is checked
 * against ip's output in test/families/link-cli.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJSON, writeJSON } from '../../src/cli/json.js';
import { JsonNumber } from '../../src/format/printer.js';

describe('formatJSON: the native serializer writes what the writer writes', () => {
  // Strings with every character class the two could disagree on, numbers with fixed text, bigints, bytes, holes.
  const text = fc.string({ unit: fc.oneof(fc.constantFrom('\u0000', '\u0007', '\b', '\t', '\n', '\u000b', '\f', '\r', '\u001f', '"', '\\', '/', '\u00e9', '\ud83d', '\ude00', '\u2028'), fc.string({ minLength: 1, maxLength: 1 })) });
  const key = fc.oneof(fc.constantFrom('hello_timer', 'rtt', 'mtu', 'ifname'), fc.string());
  const fixed = fc.constantFrom('0.00', '14.90', '6e-05', '1.23457e+08').map((t) => new JsonNumber(t));
  const leaf = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt(), fc.uint8Array({ maxLength: 4 }), fixed);
  const tree = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  })).value;

  it('on generated values (either path: same text)', () => {
    let native = 0;
    fc.assert(
      fc.property(tree, (v) => {
        const out = formatJSON(v);
        expect(out).toBe(writeJSON(v));
        let plain: string | undefined;
        try {
          plain = JSON.stringify(v) ?? 'null';
        } catch {
          // A bigint: JSON.stringify refuses it (the writer prints it).
        }
        if (out === plain) native++;
      }),
      { numRuns: 2000 },
    );
    expect(native, 'values the native path could take').toBeGreaterThan(50);
  });

  it('a control character, a lone surrogate or a number with fixed text takes the writer', () => {
    expect(formatJSON({ ifname: 'a\u0001b' })).toBe('{"ifname":"a\u0001b"}');
    expect(formatJSON(['\ud800'])).toBe('["\ud800"]');
    expect(formatJSON({ hello_timer: new JsonNumber('1.00'), rtt: new JsonNumber('6e-05') })).toBe('{"hello_timer":1.00,"rtt":6e-05}');
    expect(formatJSON({ hello_timer: new JsonNumber('1.00') }, true)).toBe('{\n    "hello_timer": 1.00\n}');
    expect(formatJSON({ 'a\u0002': 1 })).toBe('{"a\u0002":1}');
    // A number is written as JavaScript writes it, whatever its key: the format is the value's, not the key's.
    expect(formatJSON([{ hello_timer: 1 }, 5])).toBe('[{"hello_timer":1},5]');
    // Elsewhere a fixed number is the number it spells.
    expect(JSON.stringify({ rtt: new JsonNumber('6e-05') })).toBe('{"rtt":0.00006}');
    expect(formatJSON({ ifname: 'v0', flags: ['UP'], mtu: 1500, link: null })).toBe('{"ifname":"v0","flags":["UP"],"mtu":1500,"link":null}');
  });
});
