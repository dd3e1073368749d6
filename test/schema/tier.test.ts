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
