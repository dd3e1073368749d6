/**
 * NLMSG_ERROR, NLMSG_DONE and extended ACK, byte by byte, from hand-built
 * messages laid out one field per line.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/core/errors.js';
import { decodeMessage, decodeMessages, encodeMessage } from '../../src/netlink/message.js';
import { explainMessages, checkTiling } from '../../src/netlink/explain.js';
import { messageToJSON } from '../../src/netlink/json.js';
import { rtnetlink } from '../../src/families/registry.js';
import { fixture } from '../support/fixtures.js';

const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];

// An ACK (error 0) for a capped RTM_NEWLINK request, with NLM_F_CAPPED.
const ack = new Uint8Array([
  ...le32(36), // nlmsg_len
  ...le16(2), // nlmsg_type NLMSG_ERROR
  ...le16(0x100), // nlmsg_flags NLM_F_CAPPED
  ...le32(7), // nlmsg_seq
  ...le32(0), // nlmsg_pid (kernel)
  ...le32(0), // error 0 = ACK
  ...le32(100), // echoed nlmsg_len (the request was 100 bytes)
  ...le16(16), // echoed nlmsg_type RTM_NEWLINK
  ...le16(0x605), // echoed flags REQUEST|ACK|EXCL|CREATE
  ...le32(7), // echoed seq
  ...le32(0), // echoed pid
]);

// EEXIST with extended ACK: capped, NLM_F_ACK_TLVS, NLMSGERR_ATTR_MSG and OFFS.
const msg = Array.from(Buffer.from('Bad thing\0'));
const eexist = new Uint8Array([
  ...le32(16 + 4 + 16 + 16 + 8), // nlmsg_len 60
  ...le16(2), // NLMSG_ERROR
  ...le16(0x300), // NLM_F_CAPPED | NLM_F_ACK_TLVS
  ...le32(9), // seq
  ...le32(0), // pid
  ...le32(-17 >>> 0), // error -EEXIST
  ...le32(40), // echoed nlmsg_len
  ...le16(16), // RTM_NEWLINK
  ...le16(0x605), // flags
  ...le32(9), // seq
  ...le32(1234), // pid
  ...le16(14), // nla_len (4 + 10)
  ...le16(1), // NLMSGERR_ATTR_MSG
  ...msg, // "Bad thing\0"
  0, 0, // padding
  ...le16(8), // nla_len
  ...le16(2), // NLMSGERR_ATTR_OFFS
  ...le32(32), // offset 32
]);

// NLMSG_DONE carrying an error and an ext-ack message.
const done = new Uint8Array([
  ...le32(16 + 4 + 8), // nlmsg_len
  ...le16(3), // NLMSG_DONE
  ...le16(0x202), // NLM_F_MULTI | NLM_F_ACK_TLVS
  ...le32(5), // seq
  ...le32(0), // pid
  ...le32(-22 >>> 0), // error -EINVAL
  ...le16(8), // nla_len
  ...le16(1), // NLMSGERR_ATTR_MSG
  ...Array.from(Buffer.from('bad\0')),
]);

describe('NLMSG_ERROR', () => {
  it('decodes an ACK with a capped echoed header', () => {
    const m = decodeMessage(ack, rtnetlink);
    expect(m).toEqual({ type: 2, flags: 0x100, seq: 7, pid: 0, error: 0, request: { len: 100, type: 16, flags: 0x605, seq: 7, pid: 0 } });
    expect(encodeMessage(m, rtnetlink)).toEqual(ack);
  });
  it('decodes an error with extended ACK TLVs', () => {
    const m = decodeMessage(eexist, rtnetlink);
    expect(m.error).toBe(-17);
    expect(m.ext).toEqual({ msg: 'Bad thing', offs: 32 });
    expect(encodeMessage(m, rtnetlink)).toEqual(eexist);
    const j = messageToJSON(m, rtnetlink);
    expect(j).toMatchObject({ nlmsg_type: 'NLMSG_ERROR', nlmsg_flags: ['NLM_F_CAPPED', 'NLM_F_ACK_TLVS'], error: -17, errno: 'EEXIST', strerror: 'File exists' });
    expect(j.ext_ack).toEqual({ NLMSGERR_ATTR_MSG: 'Bad thing', NLMSGERR_ATTR_OFFS: 32 });
  });
  it('refuses an error message too short for the echoed header', () => {
    expect(() => decodeMessage(eexist.slice(0, 24).map((b, i) => (i === 0 ? 24 : b)), rtnetlink)).toThrow(DecodeError);
  });
});

describe('NLMSG_DONE', () => {
  it('decodes error and ext-ack', () => {
    const m = decodeMessage(done, rtnetlink);
    expect(m).toEqual({ type: 3, flags: 0x202, seq: 5, pid: 0, error: -22, ext: { msg: 'bad' } });
    expect(encodeMessage(m, rtnetlink)).toEqual(done);
  });
});

describe('datagrams', () => {
  it('splits several messages and stops at a zero tail', () => {
    const dg = new Uint8Array([...ack, ...done, 0, 0, 0, 0, 0, 0, 0, 0]);
    const ms = decodeMessages(dg, rtnetlink);
    expect(ms.map((m) => m.type)).toEqual([2, 3]);
    const rows = explainMessages(dg, rtnetlink);
    expect(checkTiling(rows, dg.length)).toBeUndefined();
  });
  it('names the offset of a message whose length runs past the data', () => {
    const bad = new Uint8Array([...ack, ...le32(64), ...le16(16), ...le16(0), ...le32(0), ...le32(0)]);
    expect(() => decodeMessages(bad, rtnetlink)).toThrow(/nlmsg_len 64 runs past the end of the data \(16 bytes left\) \(offset 36\)/);
  });
  it('refuses an nlmsg_len below 16', () => {
    const bad = new Uint8Array([...le32(8), 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(() => decodeMessages(bad, rtnetlink)).toThrow(/nlmsg_len 8 is less than the 16-byte header/);
  });
});

describe('echoed requests count as nesting only while they are decoded', () => {
  it('decodes 40 error replies in one datagram, each echoing its request', () => {
    const reply = fixture('error/eexist').datagrams.filter((d) => d.dir === 'recv').at(-1)!.bytes;
    const one = reply.subarray(0, new DataView(reply.buffer, reply.byteOffset).getUint32(0, true));
    const many = new Uint8Array(one.length * 40);
    for (let i = 0; i < 40; i++) many.set(one, i * one.length);
    const msgs = decodeMessages(many, rtnetlink);
    expect(msgs).toHaveLength(40);
    expect(msgs.every((m) => m.error === -17 && m.request?.type === 16)).toBe(true);
  });
});
