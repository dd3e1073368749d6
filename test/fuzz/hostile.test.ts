/**
 * Hostile input: random bytes, real fixtures with bits flipped, bytes cut,
 * inserted, deleted or duplicated, and length fields that lie at every
 * level of nesting. Decoding and explaining throw only DecodeError, what
 * decodes re-encodes without losing information, and the decoder's work
 * (bytes and DataView reads, bytes copied) stays linear in the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NLM_F_CREATE } from '../../src/core/constants.js';
import { decodeMessages, encodeMessage, type Message } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';
import { decodeWork } from '../../src/fuzz/linear.js';
import { lengthFields, lies, lyingLengths, mutatedArbitrary } from '../../src/fuzz/mutate.js';
import { checkHostileBytes, checkKernelDatagram, formatViolation } from '../../src/fuzz/properties.js';
import { loadFixtures } from '../support/fixtures.js';

const RUNS = Number(process.env.FC_RUNS ?? 40);

/** Work per input byte the decoder may spend (measured: at most 1.5 on fixtures, mutations and generated messages). */
const WORK_PER_BYTE = 4;

function hostile(b: Uint8Array): void {
  const v = checkHostileBytes(b, rtnetlink);
  if (v !== undefined) throw new Error(formatViolation(v));
  const work = decodeWork(b, rtnetlink);
  if (work > WORK_PER_BYTE * b.length + 64) throw new Error(`decoding ${b.length} bytes took ${work} reads`);
}

/** A multipath route, for the rtnh_len fields (no fixture has one). */
const multipathRoute: Message = {
  type: 24,
  flags: NLM_F_CREATE,
  seq: 7,
  pid: 0,
  header: { family: 2, dstLen: 24, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0 },
  attrs: {
    dst: '198.19.1.0',
    multipath: [
      { flags: 0, hops: 0, ifindex: 2, attrs: { gateway: '198.18.0.1' } },
      { flags: 0, hops: 1, ifindex: 3, attrs: { gateway: '198.18.0.2', metrics: { mtu: 1400 } } },
    ],
    metrics: { mtu: 1500, advmss: 1460 },
  },
};

const all = loadFixtures().flatMap((f) => f.datagrams.map((d) => ({ id: `${f.id} ${d.dir}`, bytes: d.bytes })));
const decodable = all.filter((d) => checkKernelDatagram(d.bytes, rtnetlink) === undefined || d.id.endsWith('recv'));

describe('hostile bytes raise only DecodeError, in linear work', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), hostile), { numRuns: RUNS * 10 });
  });

  it('random bytes behind a valid nlmsghdr and fixed header, for every declared type', () => {
    const defs = [...rtnetlink.messages.values()];
    fc.assert(
      fc.property(fc.constantFrom(...defs), fc.uint8Array({ maxLength: 300 }), (def, body) => {
        const hs = def.header.structSize;
        const b = new Uint8Array(16 + hs + body.length);
        const dv = new DataView(b.buffer);
        dv.setUint32(0, b.length, true);
        dv.setUint16(4, def.type, true);
        b.set(body, 16 + hs);
        hostile(b);
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('real fixtures mutated (bit flips, byte sets, truncation, insertion, deletion, duplication, lying lengths)', () => {
    const samples = [...decodable.map((d) => d.bytes).filter((b) => b.length < 4096), encodeMessage(multipathRoute, rtnetlink)];
    fc.assert(fc.property(mutatedArbitrary(samples, rtnetlink, 6), hostile), { numRuns: RUNS * 20 });
  });

  it('every length field of every message, at every depth, set in turn to 0, 3, len-1, len+1 and its maximum', () => {
    // Each distinct small datagram (requests, ACKs, errors with an echoed
    // request and ext-ack TLVs, routes, addresses, NSIDs), one whole link,
    // one address and one route from dumps, and a multipath route.
    const seen = new Set<string>();
    const picked: Uint8Array[] = [encodeMessage(multipathRoute, rtnetlink)];
    for (const d of decodable) {
      const key = Buffer.from(d.bytes).toString('hex');
      if (seen.has(key)) continue;
      seen.add(key);
      if (d.bytes.length <= 200 || d.id.startsWith('link/get-one recv') || d.id.startsWith('addr/show-ipv6 recv') || d.id.startsWith('route/show-mixed-ipv6 recv')) picked.push(d.bytes);
    }
    let mutations = 0;
    let deepest = 0;
    for (const b of picked) {
      let fields;
      try {
        fields = lengthFields(b, rtnetlink);
      } catch {
        continue; // a request the kernel refused as malformed: nothing to lie about
      }
      deepest = Math.max(deepest, ...fields.map((f) => f.path.split(' > ').length));
      for (const { field, lie, bytes } of lyingLengths(b, rtnetlink)) {
        mutations++;
        try {
          hostile(bytes);
        } catch (e) {
          throw new Error(`${field.path} (offset ${field.offset}) = ${lie} instead of ${field.value}: ${(e as Error).message}`);
        }
      }
    }
    expect(mutations).toBeGreaterThan(2000);
    expect(deepest).toBeGreaterThanOrEqual(4); // e.g. request > IFLA_LINKINFO > IFLA_INFO_DATA > ...
  });

  it('lies() covers 0, 3, len-1, len+1 and 0xffff', () => {
    expect(lies({ offset: 0, width: 2, value: 8, path: '' })).toEqual([0, 3, 7, 9, 0xffff]);
    expect(lies({ offset: 0, width: 4, value: 16, path: '' })).toEqual([0, 3, 15, 17, 0xffffffff]);
  });
});

describe('bugs found by fuzzing (see docs/fuzz-findings.md): fixed ones as regressions, open ones as it.fails', () => {
  // Regression (B1, fixed): decodeError() decoded an echoed NLMSG_ERROR
  // inside an echoed NLMSG_ERROR without bound, so 5,000 nested headers
  // (100 KB) overflowed the stack (RangeError); echoes of echoes now stop
  // at 32 levels.
  it('5,000 NLMSG_ERRORs each echoing the next', () => {
    const levels = 5000;
    const total = 20 * levels + 16;
    const b = new Uint8Array(total);
    const dv = new DataView(b.buffer);
    for (let i = 0; i < levels; i++) {
      dv.setUint32(20 * i, total - 20 * i, true);
      dv.setUint16(20 * i + 4, 2, true); // NLMSG_ERROR, not capped
    }
    dv.setUint32(20 * levels, 16, true);
    dv.setUint16(20 * levels + 4, 3, true);
    hostile(b);
  });

  // Open (B3): IFLA_INFO_DATA is decoded with the IFLA_INFO_KIND
  // seen so far ("macvlan"); a second IFLA_INFO_KIND after it turns `kind`
  // into an array, and re-encoding then types the data by the fallback
  // (bytes) and throws EncodeError on the object. The kernel's nla_parse
  // keeps the last occurrence, so it would read the data as kind "\x04".
  it.fails('IFLA_INFO_KIND twice: the decoded message does not encode again', () => {
    hostile(Buffer.from('54000000100005062b750b6b000000000000000000000000000000000000000008000500030000000d0003006d6163766c616e30000000001c0012000b0001006d6163766c616e00040002000800014004000000', 'hex'));
  });

  // Regression (B4, fixed): writeBody() tested for NLMSG_ERROR/NLMSG_DONE
  // before `payload`, so an echoed NLMSG_DONE kept as payload bytes lost
  // those 16 bytes on re-encoding.
  it('an echoed NLMSG_DONE kept as raw bytes loses them on re-encoding', () => {
    hostile(Buffer.from('34000000020000000400000045170000edffffff2000000003000500000100000000000000000000000000000000000000000000', 'hex'));
  });

  // Regression (B5, fixed): a name that is not UTF-8 (IFLA_IFNAME f0 90 80
  // 00 decodes to "\ufffd") was judged canonical and re-encoded as ef bf bd
  // 00; its bytes are now kept. The kernel accepts such names, so a tool
  // using the decoded name would have addressed another (or no) link.
  it('an interface name that is not UTF-8 re-encodes to other bytes', () => {
    const m = encodeMessage({ type: 16, flags: 0, seq: 0, pid: 0, header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs: { ifname: 'abc' } }, rtnetlink);
    m.set([0xf0, 0x90, 0x80, 0x00], 36);
    const v = checkKernelDatagram(m, rtnetlink);
    if (v !== undefined) throw new Error(formatViolation(v));
  });

  // Regression (B6, fixed): binary() copied with `src.u8.slice()`, which on
  // a Node Buffer (what sockets deliver) is a view: decoded byte values
  // aliased the whole datagram. Seen on a real AF_INET6 link dump.
  it('bytes decoded from a Buffer are copies, not views of it', () => {
    const m = encodeMessage({ type: 16, flags: 0, seq: 0, pid: 0, header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs: { wireless: new Uint8Array([1, 2, 3]) } }, rtnetlink);
    const datagram = Buffer.from(m);
    const [d] = decodeMessages(datagram, rtnetlink);
    datagram.fill(0);
    expect(Array.from(d!.attrs!.wireless as Uint8Array)).toEqual([1, 2, 3]);
  });

  // Open (B7): attr-set.ts keeps every occurrence of a repeated attribute, but
  // under the key of the first: A, B, A on the wire re-encodes as A, A, B.
  // Harmless to the kernel (it reads the last A either way) but not the
  // same bytes.
  it.fails('attribute order A, B, A is not kept', () => {
    const m = encodeMessage({ type: 16, flags: 0, seq: 0, pid: 0, header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs: { mtu: 1500, ifname: 'a' } }, rtnetlink);
    const extra = new Uint8Array([8, 0, 4, 0, 0xdc, 0x05, 0, 0]); // IFLA_MTU again
    const b = new Uint8Array(m.length + 8);
    b.set(m);
    b.set(extra, m.length);
    new DataView(b.buffer).setUint32(0, b.length, true);
    const v = checkKernelDatagram(b, rtnetlink);
    if (v !== undefined) throw new Error(formatViolation(v));
  });
});
