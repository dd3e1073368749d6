/**
 * The generic families' declarations under the property tests the
 * rtnetlink ones pass (test/arbitraries): every command of every declared
 * family, in each direction it has, drawn from its attribute set with the
 * project's arbitraries, encodes, has the length its declaration computes,
 * decodes to the same value with the same command chosen, and re-encodes
 * to the same bytes; and any bytes after a genlmsghdr decode or fail with
 * a DecodeError, never anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyArbitrary, type ArbitraryOptions } from '../../src/arbitraries/index.js';
import { DecodeError } from '../../src/core/errors.js';
import { NLM_F_REQUEST } from '../../src/core/constants.js';
import { genericProtocol, GENERIC_UNITS } from '../../src/families/registry.js';
import { genlmsghdr } from '../../src/genl/header.js';
import { commandOp, type GenlCommand, type GenlDirection } from '../../src/genl/family.js';
import { checkMessageValue, formatViolation } from '../../src/fuzz/properties.js';
import { decodeMessages, type Message } from '../../src/netlink/message.js';
import { resolveMessage } from '../../src/netlink/protocol.js';

const RUNS = Number(process.env.FC_RUNS ?? 30);
const proto = genericProtocol();
// Ids as a kernel might give them (nlctrl keeps its own).
GENERIC_UNITS.forEach((u, i) => void (u.genl.id === undefined && proto.bind(u.genl.name, 0x20 + i)));

/** A message of `cmd` as it travels in direction `dir`: a request, a reply to port 4321, or a notification to port 0. */
function commandArbitrary(type: number, version: number, cmd: GenlCommand, dir: Exclude<GenlDirection, 'both'>, opts: ArbitraryOptions): fc.Arbitrary<Message> {
  const def = { type, name: cmd.name, op: commandOp(cmd), header: genlmsghdr, attrs: cmd.attrs };
  return fc.record({ body: bodyArbitrary(def, opts), seq: fc.integer({ min: 0, max: 0xffffffff }) }).map(({ body, seq }) => ({
    type,
    flags: dir === 'request' ? NLM_F_REQUEST : 0,
    seq,
    pid: dir === 'reply' ? 4321 : dir === 'event' ? 0 : 777,
    header: { cmd: cmd.cmd, version, reserved: 0 },
    attrs: body.attrs,
  }));
}

const cases = GENERIC_UNITS.flatMap((u) =>
  u.genl.commands.flatMap((c) => {
    const dirs: Exclude<GenlDirection, 'both'>[] = c.dir === undefined || c.dir === 'both' ? ['request', 'reply'] : [c.dir];
    return dirs.map((dir) => ({ family: u.genl.name, id: proto.idOf(u.genl.name)!, version: u.genl.version, cmd: c, dir }));
  }),
);

describe('generic families: every command round-trips, in each of its directions', () => {
  it(`${cases.length} commands and directions, default and kernel-valid values`, () => {
    expect(cases.length).toBeGreaterThan(150);
    for (const opts of [{}, { kernelValid: true, boundaries: true }] as ArbitraryOptions[]) {
      for (const c of cases) {
        fc.assert(
          fc.property(commandArbitrary(c.id, c.version, c.cmd, c.dir, opts), (m) => {
            const v = checkMessageValue(m, proto);
            if (v !== undefined) throw new Error(`${c.family} ${c.cmd.name} (${c.dir}): ${formatViolation(v)}`);
            // The same command is chosen again from the header, flags and port.
            expect(resolveMessage(proto, m)?.command).toBe(c.cmd.name);
          }),
          { numRuns: Math.ceil(RUNS / 3) },
        );
      }
    }
  });

  it('any bytes after a genlmsghdr decode or fail with a DecodeError', () => {
    const ids = cases.map((c) => c.id);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 0x7 }), fc.uint8Array({ maxLength: 200 }), (id, cmd, flags, tail) => {
        const len = 20 + tail.length;
        const b = new Uint8Array(len);
        const dv = new DataView(b.buffer);
        dv.setUint32(0, len, true);
        dv.setUint16(4, id, true);
        dv.setUint16(6, flags, true);
        b[16] = cmd;
        b.set(tail, 20);
        try {
          decodeMessages(b, proto);
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
        }
      }),
      { numRuns: RUNS * 100 },
    );
  });
});
