/**
 * Every captured message decodes, and decode then encode gives back the
 * same bytes, request and reply alike.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { DecodeError } from '../../src/core/errors.js';
import { decodeMessage, decodeMessages, encodeMessage } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';
import { loadFixtures, splitMessages } from '../support/fixtures.js';

const fixtures = loadFixtures();

describe('fixtures decode and re-encode byte for byte', () => {
  it('has the fixtures the issue asks for', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });
  for (const f of fixtures) {
    it(f.id, () => {
      let count = 0;
      for (const d of f.datagrams) {
        // fixtures/extack holds requests made malformed on purpose: they either decode
        // and round-trip, or fail with DecodeError (never anything else).
        if (f.id.startsWith('extack/') && d.dir === 'send') {
          try {
            decodeMessages(d.bytes, rtnetlink);
          } catch (e) {
            expect(e).toBeInstanceOf(DecodeError);
            continue;
          }
        }
        const msgs = decodeMessages(d.bytes, rtnetlink);
        const parts = splitMessages(d.bytes);
        expect(msgs.length).toBe(parts.length);
        for (const bytes of parts) {
          const m = decodeMessage(bytes, rtnetlink);
          expect(toHex(encodeMessage(m, rtnetlink))).toBe(toHex(bytes));
          count++;
        }
      }
      expect(count).toBeGreaterThan(0);
    });
  }
});
