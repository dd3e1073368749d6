/**
 * Errors traced to the attribute they are about: the real ext-ack replies
 * in fixtures/extack (requests hand-built by scripts/capture-extack.py), a
 * capped reply traced with a request the caller supplies, and missing
 * attributes (MISS_TYPE inside MISS_NEST) named from the request's nest.
 */
import { describe, expect, it } from 'vitest';
import { NLM_F_ACK_TLVS, NLM_F_CAPPED, NLMSG_ERROR } from '../../src/core/constants.js';
import { explainCapture } from '../../src/explain/capture.js';
import { findErrors, policyWords, requestMessage, traceErrors } from '../../src/explain/extack.js';
import { NL_ATTR_TYPE } from '../../src/netlink/extack.js';
import { decodeMessage, encodeMessage } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';
import { fixture } from '../support/fixtures.js';

const cases = [
  {
    id: 'extack/mtu-2-bytes',
    path: ['IFLA_MTU'],
    offset: 44,
    attrLength: 2,
    policy: 'expected u32',
    text: 'Error: Attribute failed policy validation at IFLA_MTU (offset 44): expected u32, got 2 bytes (-34 ERANGE)',
  },
  {
    id: 'extack/ifname-20-bytes',
    path: ['IFLA_IFNAME'],
    offset: 32,
    attrLength: 20,
    policy: 'expected a string of at most 15 bytes',
    text: 'Error: Attribute failed policy validation at IFLA_IFNAME (offset 32): expected a string of at most 15 bytes, got 20 bytes (19 and a NUL) (-34 ERANGE)',
  },
  {
    id: 'extack/vxlan-id-2-bytes',
    path: ['IFLA_LINKINFO', 'IFLA_INFO_DATA', 'IFLA_VXLAN_ID'],
    offset: 64,
    attrLength: 2,
    policy: 'expected u32',
    text: 'Error: Attribute failed policy validation at IFLA_LINKINFO > IFLA_INFO_DATA > IFLA_VXLAN_ID (offset 64): expected u32, got 2 bytes (-34 ERANGE)',
  },
];

describe('real ext-ack replies, traced through the echoed request', () => {
  for (const c of cases) {
    it(c.id, () => {
      const f = fixture(c.id);
      expect((f as unknown as { note: string }).note).toMatch(/built by hand by scripts\/capture-extack\.py/);
      const [req, reply] = [f.datagrams[0]!, f.datagrams[f.datagrams.length - 1]!];
      expect([req.dir, reply.dir]).toEqual(['send', 'recv']);
      const [t] = traceErrors(reply.bytes, rtnetlink);
      expect(t).toMatchObject({ error: -34, errno: 'ERANGE', message: 'Attribute failed policy validation', offset: c.offset, request: 'echoed', attrPath: c.path, attrLength: c.attrLength, policy: c.policy });
      expect(t!.text).toBe(c.text);
      // The offset counts from the request's nlmsghdr: the same attribute in the request as sent.
      expect(req.bytes[c.offset]! | (req.bytes[c.offset + 1]! << 8)).toBe(c.attrLength + 4);
    });
  }
  it('extack/unknown-kind: the message alone, no offset to trace', () => {
    const f = fixture('extack/unknown-kind');
    const [t] = traceErrors(f.datagrams[1]!.bytes, rtnetlink);
    expect(t).toEqual({ seq: 0x74730004, error: -95, errno: 'EOPNOTSUPP', message: 'Unknown device type', request: 'echoed', text: 'Error: Unknown device type (-95 EOPNOTSUPP)' });
  });
  it('finds no error in an ACK or a dump', () => {
    for (const d of fixture('link/add-veth').datagrams.slice(2)) expect(findErrors(d.bytes)).toEqual([]);
    for (const d of fixture('link/dump-all').datagrams.filter((x) => x.bytes.length > 100)) expect(findErrors(d.bytes)).toEqual([]);
  });
  it('errors without ext-ack read as iproute2 would', () => {
    const f = fixture('error/eexist');
    const traces = f.datagrams.filter((d) => d.dir === 'recv').flatMap((d) => traceErrors(d.bytes, rtnetlink));
    expect(traces.map((t) => t.text)).toContain('Error: File exists (-17 EEXIST)');
  });
});

/** A capped error reply (only the request's nlmsghdr echoed) with the given ext-ack. */
function cappedError(request: Uint8Array, error: number, ext: Record<string, unknown>): Uint8Array {
  const dv = new DataView(request.buffer, request.byteOffset, request.byteLength);
  return encodeMessage(
    {
      type: NLMSG_ERROR,
      flags: NLM_F_CAPPED | NLM_F_ACK_TLVS,
      seq: dv.getUint32(8, true),
      pid: 4242,
      error,
      request: { len: dv.getUint32(0, true), type: dv.getUint16(4, true), flags: dv.getUint16(6, true), seq: dv.getUint32(8, true), pid: 0 },
      ext,
    },
    rtnetlink,
  );
}

describe('a capped reply traced with a request the caller supplies', () => {
  const request = fixture('extack/mtu-2-bytes').datagrams[0]!.bytes;
  const reply = cappedError(request, -34, { msg: 'Attribute failed policy validation', offs: 44, policy: { type: NL_ATTR_TYPE.NL_ATTR_TYPE_U32 } });

  it('without the request: the offset only', () => {
    const [t] = traceErrors(reply, rtnetlink);
    expect(t!.text).toBe('Error: Attribute failed policy validation at offset 44 of the request (request not available): expected u32 (-34 ERANGE)');
  });
  it('with it, by seq and type', () => {
    const [t] = traceErrors(reply, rtnetlink, (seq, type) => requestMessage(request, seq, type));
    expect(t).toMatchObject({ request: 'supplied', attrPath: ['IFLA_MTU'], attrLength: 2 });
    expect(t!.text).toBe('Error: Attribute failed policy validation at IFLA_MTU (offset 44): expected u32, got 2 bytes (-34 ERANGE)');
  });
  it('a capture pairs them by itself', () => {
    const [, r] = explainCapture(
      [
        { dir: 'send', bytes: request, source: 'sendmsg' },
        { dir: 'recv', bytes: reply, source: 'recvmsg' },
      ],
      rtnetlink,
    );
    expect(r!.replyTo).toBe(1);
    expect(r!.traces.map((t) => t.text)).toEqual(['Error: Attribute failed policy validation at IFLA_MTU (offset 44): expected u32, got 2 bytes (-34 ERANGE)']);
  });
  it('an offset inside an attribute names the attribute it falls in', () => {
    const inside = cappedError(request, -22, { offs: 46 });
    const [t] = traceErrors(inside, rtnetlink, (seq, type) => requestMessage(request, seq, type));
    expect(t).toMatchObject({ attrPath: ['IFLA_MTU'], inside: true });
    expect(t!.text).toBe('Error: Invalid argument inside IFLA_MTU (offset 46) (-22 EINVAL)');
  });
});

describe('missing attributes', () => {
  const vxlan = fixture('link/add-vxlan').datagrams.find((d) => d.dir === 'send' && d.bytes[4] === 16 && d.bytes.length > 32)!.bytes;
  const msg = decodeMessage(vxlan, rtnetlink);
  const infoData = 0x3c; // IFLA_LINKINFO at 0x2c, IFLA_INFO_KIND "vxlan" (12 bytes with padding), then IFLA_INFO_DATA
  expect(vxlan[infoData + 2]).toBe(2);
  const errorWith = (ext: Record<string, unknown>) =>
    encodeMessage({ type: NLMSG_ERROR, flags: NLM_F_ACK_TLVS, seq: msg.seq, pid: 1, error: -22, request: msg, ext }, rtnetlink);

  it('MISS_TYPE inside MISS_NEST: named in the nest IFLA_INFO_KIND chose', () => {
    const [t] = traceErrors(errorWith({ msg: 'Missing VNI', missType: 1, missNest: infoData }), rtnetlink);
    expect(t).toMatchObject({ missing: 'IFLA_VXLAN_ID', missingIn: ['IFLA_LINKINFO', 'IFLA_INFO_DATA'] });
    expect(t!.text).toBe('Error: Missing VNI: missing attribute IFLA_VXLAN_ID in IFLA_LINKINFO > IFLA_INFO_DATA (-22 EINVAL)');
  });
  it('MISS_TYPE alone: a top-level attribute of the request type', () => {
    const [t] = traceErrors(errorWith({ missType: 3 }), rtnetlink);
    expect(t!.text).toBe('Error: Invalid argument: missing attribute IFLA_IFNAME (-22 EINVAL)');
  });
  it('MISS_TYPE without the request: the number', () => {
    const capped = cappedError(vxlan, -22, { missType: 3 });
    expect(traceErrors(capped, rtnetlink)[0]!.missing).toBe('type 3');
  });
});

describe('policy words', () => {
  const T = NL_ATTR_TYPE;
  for (const [policy, words] of [
    [{ type: T.NL_ATTR_TYPE_U32, minValueU: 0, maxValueU: 0xffffffff }, 'expected u32'],
    [{ type: T.NL_ATTR_TYPE_U16, minValueU: 1, maxValueU: 4094 }, 'expected u16 from 1 to 4094'],
    [{ type: T.NL_ATTR_TYPE_S32, minValueS: -1, maxValueS: 0x7fffffff }, 'expected s32 from -1 to 2147483647'],
    [{ type: T.NL_ATTR_TYPE_U64, minValueU: 0n, maxValueU: 0xffffffffffffffffn }, 'expected u64'],
    [{ type: T.NL_ATTR_TYPE_STRING, maxLength: 15 }, 'expected a string of at most 15 bytes'],
    [{ type: T.NL_ATTR_TYPE_BINARY, minLength: 6, maxLength: 6 }, 'expected binary data of exactly 6 bytes'],
    [{ type: T.NL_ATTR_TYPE_BINARY, minLength: 4 }, 'expected binary data of at least 4 bytes'],
    [{ type: T.NL_ATTR_TYPE_NESTED, policyIdx: 3, policyMaxtype: 27 }, 'expected nested attributes (policy 3, max type 27)'],
    [{ type: T.NL_ATTR_TYPE_BITFIELD32, bitfield32Mask: 0x7 }, 'expected a bitfield32 with valid bits 0x7'],
    [{ type: T.NL_ATTR_TYPE_UINT, mask: 0xf0 }, 'expected an unsigned integer (4 or 8 bytes) with no bits outside 0xf0'],
    [{ type: T.NL_ATTR_TYPE_FLAG }, 'expected a flag (no payload)'],
    [{ type: 99 }, 'expected policy type 99'],
    [{}, 'expected an attribute'],
  ] as const) {
    it(words, () => expect(policyWords(policy as Record<string, unknown>)).toBe(words));
  }
});
