/**
 * A stream of messages decodes the same however it is cut: into datagrams
 * at every set of message boundaries (as a dump arrives), through the
 * Connection from a FakeKernel that sends the dump in parts of every
 * size, and as a byte stream reassembled from chunks cut at every byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { everyMessageArbitrary, messageArbitrary } from '../../src/arbitraries/index.js';
import { allGroupings, concat, groupIntoDatagrams, MessageReassembler, messageBoundaries, splitMessages } from '../../src/fuzz/datagrams.js';
import { checkGroupings, formatViolation } from '../../src/fuzz/properties.js';
import { DecodeError } from '../../src/core/errors.js';
import { decodeMessages, encodeMessages, type Message } from '../../src/netlink/message.js';
import { RTM } from '../../src/rtnl/constants.js';
import { rtnetlink } from '../../src/families/registry.js';
import { Connection } from '../../src/transport/connection.js';
import { FakeKernel } from '../../src/transport/fake-kernel.js';
import { loadFixtures } from '../support/fixtures.js';

const RUNS = Number(process.env.FC_RUNS ?? 40);

describe('groupings into datagrams', () => {
  it('allGroupings yields every cut set once', () => {
    expect([...allGroupings(1)]).toEqual([[]]);
    expect([...allGroupings(3)]).toEqual([[], [1], [2], [1, 2]]);
    expect([...allGroupings(6)].length).toBe(32);
  });

  it('generated streams of 1-7 messages decode the same in every grouping', () => {
    fc.assert(
      fc.property(fc.array(everyMessageArbitrary(rtnetlink, { maxDepth: 2 }), { minLength: 1, maxLength: 7 }), (msgs) => {
        const v = checkGroupings(encodeMessages(msgs, rtnetlink), rtnetlink);
        if (v !== undefined) throw new Error(formatViolation(v));
      }),
      { numRuns: RUNS },
    );
  });

  it('every dump in the fixtures, regrouped at every split point', () => {
    let dumps = 0;
    for (const f of loadFixtures()) {
      // The messages of one answer, in order, as the kernel sent them.
      const recv = f.datagrams.filter((d) => d.dir === 'recv');
      for (let i = 0; i < recv.length; i++) {
        const parts: Uint8Array[] = [];
        for (let j = i; j < recv.length; j++) {
          parts.push(...splitMessages(recv[j]!.bytes));
          const last = decodeMessages(recv[j]!.bytes, rtnetlink).at(-1);
          if (last?.type === 3) break; // NLMSG_DONE ends the dump
        }
        if (parts.length < 2) continue;
        dumps++;
        // Every single split point, and every grouping up to 2^10.
        const v = checkGroupings(concat(parts), rtnetlink, 1 << 10);
        if (v !== undefined) throw new Error(`${f.id}: ${formatViolation(v)}`);
        break;
      }
    }
    expect(dumps).toBeGreaterThan(10);
  });

  it('groupIntoDatagrams keeps every byte, in order', () => {
    fc.assert(
      fc.property(fc.array(messageArbitrary(rtnetlink, 'RTM_NEWADDR', { maxDepth: 1 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(6)), (msgs, cuts) => {
        const stream = encodeMessages(msgs, rtnetlink);
        const parts = splitMessages(stream);
        expect(messageBoundaries(stream).length).toBe(msgs.length + 1);
        expect(concat(groupIntoDatagrams(parts, cuts))).toEqual(stream);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a dump through the Connection, however the FakeKernel cuts it', () => {
  it('the same messages for 1 to n messages per datagram', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(messageArbitrary(rtnetlink, 'RTM_NEWLINK', { maxDepth: 2, maxAttrs: 4 }), { minLength: 1, maxLength: 6 }), async (generated) => {
        // Flags as a dump part has them (NLM_F_DUMP_INTR would make the Connection ask again).
        const msgs = generated.map((m) => ({ ...m, flags: 0 }));
        let expected: Message[] | undefined;
        for (let per = 1; per <= msgs.length; per++) {
          const kernel = new FakeKernel(rtnetlink, (req, reply) => reply.dump(msgs, { perDatagram: per }));
          const conn = new Connection(kernel, rtnetlink, { timeout: 2000 });
          try {
            const got = (await conn.dump({ type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: {}, attrs: {} })).map(({ seq: _s, pid: _p, flags: _f, ...rest }) => rest);
            expected ??= got;
            expect(got).toEqual(expected);
            expect(got.length).toBe(msgs.length);
          } finally {
            conn.close();
          }
        }
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });
});

describe('MessageReassembler: a byte stream cut anywhere', () => {
  it('cut at every byte of a fixture dump: the same messages', () => {
    const f = loadFixtures().find((x) => x.id === 'route/show-mixed')!;
    const stream = concat(f.datagrams.filter((d) => d.dir === 'recv').map((d) => d.bytes).slice(0, 2));
    const whole = splitMessages(stream);
    for (let cut = 0; cut <= stream.length; cut++) {
      const r = new MessageReassembler();
      const got = [...r.push(stream.subarray(0, cut)), ...r.push(stream.subarray(cut))];
      expect(got.map((b) => Buffer.from(b).toString('hex'))).toEqual(whole.map((b) => Buffer.from(b).toString('hex')));
      expect(r.pending).toBe(0);
    }
  });

  it('random chunkings of generated streams', () => {
    fc.assert(
      fc.property(fc.array(everyMessageArbitrary(rtnetlink, { maxDepth: 2 }), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(64), { maxLength: 20 }), (msgs, sizes) => {
        const stream = encodeMessages(msgs, rtnetlink);
        const r = new MessageReassembler();
        const got: Uint8Array[] = [];
        let at = 0;
        for (const s of sizes) {
          got.push(...r.push(stream.subarray(at, at + s)));
          at = Math.min(stream.length, at + s);
        }
        got.push(...r.push(stream.subarray(at)));
        expect(decodeMessages(concat(got), rtnetlink)).toEqual(decodeMessages(stream, rtnetlink));
      }),
      { numRuns: RUNS },
    );
  });

  it('a header with nlmsg_len below 16 fails with DecodeError at its stream offset', () => {
    const r = new MessageReassembler();
    const b = new Uint8Array(16);
    new DataView(b.buffer).setUint32(0, 8, true);
    expect(() => r.push(b)).toThrow(DecodeError);
    expect(() => r.push(new Uint8Array(1))).toThrow(/offset 0/);
  });
});
