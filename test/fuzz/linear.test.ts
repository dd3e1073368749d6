/**
 * Decoding work is linear in the input, measured by counting what the
 * decoder reads (deterministic), not by wall-clock thresholds: each
 * attribute type of each message, repeated k and 2k times, costs twice
 * the work; nesting to the depth limit costs work in proportion to the
 * bytes. One doubling-time ratio (large over small, best of several) for
 * the case the read counter cannot see.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setArbitrary } from '../../src/arbitraries/index.js';
import { Writer } from '../../src/bytes/writer.js';
import { decodeWork, doublingRatio, nestedAttrs, rawAttr, repeatedAttrMessage } from '../../src/fuzz/linear.js';
import { decodeMessages, encodeMessage } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';

/** One valid encoded attribute of each declared type of each message (custom kinds without an arbitrary are built by hand). */
function sampleAttrs(): { type: number; name: string; header: number; attr: Uint8Array }[] {
  const out: { type: number; name: string; header: number; attr: Uint8Array }[] = [];
  // Messages of one family share their attribute set (NEW, DEL, GET): each set once.
  const seen = new Set<unknown>();
  for (const def of rtnetlink.messages.values()) {
    if (seen.has(def.attrs)) continue;
    seen.add(def.attrs);
    const [v] = fc.sample(setArbitrary(def.attrs, { maxDepth: 2, unknown: false, fullStructs: true }), { seed: 1, numRuns: 1 });
    for (const d of def.attrs.defs) {
      let value = v![d.key];
      if (value === undefined && d.name === 'RTA_MULTIPATH') value = [{ flags: 0, hops: 0, ifindex: 1, attrs: { gateway: '198.18.0.1' } }];
      if (value === undefined && d.name === 'RTA_VIA') value = { family: 2, addr: '198.18.0.1' };
      if (value === undefined) continue;
      // Typed by a sibling (TCA_OPTIONS by TCA_KIND): alone and repeated, it would be raw bytes; nested ones are measured through their parents below.
      if (d.kind.spec.t === 'dependent') continue;
      const w = new Writer(64);
      def.attrs.encode(w, { [d.key]: value });
      out.push({ type: def.type, name: `${def.name} ${d.name}`, header: def.header.structSize, attr: w.finish() });
    }
  }
  return out;
}

describe('decoding work is linear', () => {
  const samples = sampleAttrs();

  it('every attribute type of every message, repeated k and 2k times: twice the work', () => {
    expect(samples.length).toBeGreaterThan(150);
    for (const s of samples) {
      const a = decodeWork(repeatedAttrMessage(s.type, s.header, s.attr, 200), rtnetlink);
      const b = decodeWork(repeatedAttrMessage(s.type, s.header, s.attr, 400), rtnetlink);
      expect(b / a, s.name).toBeLessThan(2.1);
    }
  });

  it('unknown attributes, k and 2k of them: twice the work', () => {
    const a = decodeWork(repeatedAttrMessage(16, 16, rawAttr(999), 1000), rtnetlink);
    const b = decodeWork(repeatedAttrMessage(16, 16, rawAttr(999), 2000), rtnetlink);
    expect(b / a).toBeLessThan(2.1);
  });

  it('nesting to the depth limit and past it: work in proportion to the bytes', () => {
    // IFLA_AF_SPEC (26) holds AF_* nests; IFLA_LINKINFO (18) a set whose
    // INFO_DATA may be a veth peer with IFLA_* again: both recur.
    for (const type of [18, 26, 52]) {
      for (const depth of [8, 31, 32, 33, 200]) {
        const body = nestedAttrs(type, depth);
        const b = repeatedAttrMessage(16, 16, body, 1);
        expect(decodeWork(b, rtnetlink), `type ${type} depth ${depth}`).toBeLessThan(4 * b.length + 64);
      }
    }
    // A veth peer inside a veth peer inside ...: each level a whole ifinfomsg.
    let attrs: Record<string, unknown> = { ifname: 'p' };
    for (let i = 0; i < 10; i++) attrs = { ifname: `p${i}`, linkinfo: { kind: 'veth', data: { peer: { header: {}, attrs } } } };
    const deep = encodeMessage({ type: 16, flags: 0, seq: 0, pid: 0, header: {}, attrs }, rtnetlink);
    expect(decodeWork(deep, rtnetlink)).toBeLessThan(4 * deep.length + 64);
  });

  it('work per byte stays bounded over random messages of every kind', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 2048 }), (body) => {
        const b = body.slice();
        new DataView(b.buffer).setUint32(0, b.length, true);
        b[4] = 16 + (b[4]! % 16);
        b[5] = 0;
        expect(decodeWork(b, rtnetlink)).toBeLessThan(4 * b.length + 64);
      }),
      { numRuns: 200 },
    );
  });
});

describe('decoding time of a repeated array-valued attribute (B2, fixed; see docs/fuzz-findings.md)', () => {
  // schema/attr-set.ts storeSlow() once kept a repeated array-valued
  // attribute (RTA_MULTIPATH) under `#<type>` with `[].concat(out[k], u)`,
  // copying every earlier occurrence each time: quadratic (now a push).
  // Four times the attributes then took about 16x the CPU time (never below
  // 9 in our runs); linear takes 4 to 6.3x here (allocating 65,536 kept
  // attributes costs GC time). The bar sits between, at 10. The sizes (~5
  // and ~20 ms of CPU) keep the clock's granularity from blurring the two.
  it('repeated RTA_MULTIPATH: four times the input, four times the time', () => {
    const r = doublingRatio((k) => repeatedAttrMessage(24, 12, rawAttr(9), k), (b) => decodeMessages(b, rtnetlink), { n: 16384, maxN: 16384, rounds: 3, factor: 4 });
    expect(r.ratio, `${r.n} -> ${4 * r.n} attributes: ${r.ratio.toFixed(2)}x the time`).toBeLessThan(10);
  });
});
