/**
 * The two decoders every attribute set and struct has (the one that walks
 * the declaration, and the one compiled from it after a few uses) give the
 * same values: on every datagram of every real capture, and on generated
 * messages of every declared type. Their re-encodings are the same bytes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { messageArbitrary } from '../../src/arbitraries/index.js';
import { decodeMessages, encodeMessage, encodeMessages } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';
import { setDecoderTier, type DecoderTier } from '../../src/schema/tier.js';
import { DecodeError } from '../../src/core/errors.js';
import { loadFixtures } from '../support/fixtures.js';
import { Writer } from '../../src/bytes/writer.js';
import { attrSet, dependent, nested } from '../../src/schema/attr-set.js';
import { sourceOf } from '../../src/schema/kind.js';
import { bytes, string, u32, u8 } from '../../src/schema/scalars.js';

const RUNS = Number(process.env.FC_RUNS ?? 30);

function decodeWith(tier: DecoderTier, bytes: Uint8Array) {
  setDecoderTier(tier);
  try {
    return decodeMessages(bytes, rtnetlink);
  } finally {
    setDecoderTier('auto');
  }
}

/** The decoded messages, or the decode error's message (deliberately malformed captures must fail alike). */
function outcome(tier: DecoderTier, bytes: Uint8Array): { messages: ReturnType<typeof decodeMessages>; bytes: Uint8Array } | { error: string } {
  try {
    const messages = decodeWith(tier, bytes);
    return { messages, bytes: encodeMessages(messages, rtnetlink) };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { error: e.message };
  }
}

afterEach(() => setDecoderTier('auto'));

describe('walking and compiled decoders agree', () => {
  it('on every datagram of every fixture (values and re-encoded bytes)', () => {
    let datagrams = 0;
    let failing = 0;
    for (const f of loadFixtures()) {
      for (const d of f.datagrams) {
        const walked = outcome('generic', d.bytes);
        expect(outcome('compiled', d.bytes), f.id).toEqual(walked);
        datagrams++;
        if ('error' in walked) failing++;
      }
    }
    expect(datagrams).toBeGreaterThan(100);
    // Only the deliberately malformed ext-ack requests fail, in both.
    expect(failing).toBeLessThan(10);
  });

  for (const name of [...rtnetlink.messages.values()].map((m) => m.name)) {
    it(`on generated ${name}`, () => {
      fc.assert(
        fc.property(messageArbitrary(rtnetlink, name, { maxDepth: 3 }), (m) => {
          const bytes = encodeMessage(m, rtnetlink);
          const walked = decodeWith('generic', bytes);
          const compiled = decodeWith('compiled', bytes);
          expect(compiled).toEqual(walked);
          expect(encodeMessages(compiled, rtnetlink)).toEqual(bytes);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('a decoder compiled from the attributes it met while warming up', () => {
  // A set of its own (the registry's sets are shared with every other test).
  const inner = attrSet('W_IN', 'W_IN_', [[1, 'W_IN_A', u8]]);
  const set = attrSet('W', 'W_', [
    [1, 'W_NAME', string(16)],
    [2, 'W_NUM', u32],
    [3, 'W_NEST', nested(() => inner)],
    [4, 'W_KIND', string()],
    [5, 'W_DATA', dependent('kind', () => ({ k: nested(() => inner) }), bytes, 'W_DATA')],
    [6, 'W_MORE', u32],
  ]);
  const attr = (type: number, payload: number[]) => {
    const a = [4 + payload.length, 0, type, 0, ...payload];
    while (a.length % 4) a.push(0);
    return a;
  };
  const only = Uint8Array.from(attr(2, [5, 0, 0, 0]));
  const all = Uint8Array.from([
    ...attr(2, [7, 0, 0, 0]),
    ...attr(5, [5, 0, 1, 0, 9, 0, 0, 0]), // W_DATA before its selector: deferred
    ...attr(1, [0x6c, 0x6f, 0]),
    ...attr(3, [5, 0, 1, 0, 3, 0, 0, 0]),
    ...attr(9, [1, 2]), // unknown
    ...attr(4, [0x6b, 0]),
    ...attr(6, [1, 0, 0, 0]),
    ...attr(6, [2, 0, 0, 0]), // repeated
  ]);

  it('decodes the attributes it never met as the walking decoder does', () => {
    setDecoderTier('generic');
    const walked = set.decode(sourceOf(all), 0, all.length);
    setDecoderTier('auto');
    // Warm up on W_NUM alone: the compiled decoder lists W_NUM (and the dependent W_DATA) only.
    for (let i = 0; i < 10; i++) set.decode(sourceOf(only), 0, only.length);
    expect(set.decode(sourceOf(all), 0, all.length)).toEqual(walked);
    expect(walked).toMatchObject({ num: 7, name: 'lo', nest: { a: 3 }, kind: 'k', data: { a: 9 }, more: [1, 2] });
    const w = new Writer();
    set.encode(w, set.decode(sourceOf(all), 0, all.length));
    expect(w.finish()).toEqual(all);
  });
});
