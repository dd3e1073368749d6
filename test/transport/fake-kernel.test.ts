/**
 * The fake kernel answers in the kernel's own bytes: what it delivers is
 * checked field by field here, without the engine in between.
 */
import { describe, expect, it } from 'vitest';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../src/core/constants.js';
import { decodeMessages, encodeMessage, type Message } from '../../src/netlink/message.js';
import type { DatagramInfo } from '../../src/transport/port.js';
import { FakeKernel, type FakeHandler } from '../../src/transport/fake-kernel.js';
import { RTM_GETLINK, RTM_NEWLINK, testProto } from './test-protocol.js';

/** A fake kernel with a recorder in place of the engine. */
function wire(handler: FakeHandler) {
  const kernel = new FakeKernel(testProto, handler, { localPort: 0x1234 });
  const got: { bytes: Uint8Array; info: DatagramInfo }[] = [];
  kernel.onMessage((bytes, info) => got.push({ bytes, info }));
  return { kernel, got };
}

const request: Message = { type: RTM_NEWLINK, flags: NLM_F_REQUEST | NLM_F_ACK, seq: 7, pid: 0x1234, header: {}, attrs: { ifname: 'eth0' } };
const requestBytes = encodeMessage(request, testProto); // 16 + 16 + 12 = 44 bytes

function u32(b: Uint8Array, off: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(off, true);
}
function u16(b: Uint8Array, off: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint16(off, true);
}
function s32(b: Uint8Array, off: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getInt32(off, true);
}

describe('FakeKernel', () => {
  it('decodes what it receives and records it', () => {
    const { kernel } = wire(() => {});
    kernel.send(requestBytes);
    expect(kernel.requests).toEqual(decodeMessages(requestBytes, testProto));
    expect(kernel.requests[0]!.attrs).toEqual({ ifname: 'eth0' });
    expect(kernel.datagrams).toEqual([requestBytes]);
    expect(kernel.inFlight).toBe(1);
  });

  it('records undecodable datagrams without calling the handler', () => {
    let calls = 0;
    const { kernel } = wire(() => calls++);
    kernel.send(new Uint8Array([1, 2, 3]));
    expect(calls).toBe(0);
    expect(kernel.undecodable).toHaveLength(1);
  });

  it('ACKs as the kernel does: NLM_F_CAPPED, the request header echoed', async () => {
    const { kernel, got } = wire((_req, reply) => reply.ack());
    kernel.send(requestBytes);
    expect(got).toHaveLength(0); // delivered asynchronously
    await kernel.idle();
    const b = got[0]!.bytes;
    expect(got[0]!.info).toEqual({ port: 0 });
    expect(b.length).toBe(36);
    expect(u32(b, 0)).toBe(36); //     nlmsg_len
    expect(u16(b, 4)).toBe(2); //      NLMSG_ERROR
    expect(u16(b, 6)).toBe(0x100); //  NLM_F_CAPPED
    expect(u32(b, 8)).toBe(7); //      nlmsg_seq of the request
    expect(u32(b, 12)).toBe(0x1234); // nlmsg_pid: the requester's port
    expect(s32(b, 16)).toBe(0); //     error 0: ACK
    expect(u32(b, 20)).toBe(44); //    echoed nlmsg_len: the original request's
    expect(u16(b, 24)).toBe(RTM_NEWLINK);
    expect(u16(b, 26)).toBe(NLM_F_REQUEST | NLM_F_ACK);
    expect(u32(b, 28)).toBe(7);
    expect(kernel.inFlight).toBe(0);
  });

  it('reports errors with the whole request echoed and ext-ack TLVs', async () => {
    const { kernel, got } = wire((_req, reply) => reply.error(17, { msg: 'exists', offs: 32 }));
    kernel.send(requestBytes);
    await kernel.idle();
    const b = got[0]!.bytes;
    expect(u16(b, 6)).toBe(0x200); //  NLM_F_ACK_TLVS
    expect(s32(b, 16)).toBe(-17); //   -EEXIST
    expect(b.slice(20, 64)).toEqual(requestBytes); // the whole request
    const [m] = decodeMessages(b, testProto);
    expect(m!.ext).toEqual({ msg: 'exists', offs: 32 });
  });

  it('splits a dump over datagrams, marks parts NLM_F_MULTI and ends with NLMSG_DONE carrying 0', async () => {
    const { kernel, got } = wire((_req, reply) =>
      reply.dump(
        [1, 2, 3].map((i) => ({ type: RTM_NEWLINK, flags: 0, seq: 0, pid: 0, header: { index: i } })),
        { perDatagram: 2 },
      ),
    );
    kernel.send(encodeMessage({ type: RTM_GETLINK, flags: 0x301, seq: 9, pid: 0, header: {} }, testProto));
    expect(kernel.maxDumpsInFlight).toBe(1);
    await kernel.idle();
    const msgs = got.map((g) => decodeMessages(g.bytes, testProto));
    expect(msgs.map((d) => d.length)).toEqual([2, 1, 1]);
    expect(msgs.flat().map((m) => [m.type, m.flags, m.seq])).toEqual([
      [RTM_NEWLINK, 2, 9],
      [RTM_NEWLINK, 2, 9],
      [RTM_NEWLINK, 2, 9],
      [3, 2, 9],
    ]);
    expect(got[2]!.bytes.length).toBe(20); // NLMSG_DONE with its 4-byte error
    expect(kernel.inFlight).toBe(0);
  });

  it('delivers after a delay, from another port, truncated, as asked', async () => {
    const { kernel, got } = wire((_req, reply) => {
      reply.ack({ delay: 15 });
      reply.raw(new Uint8Array(8), { port: 99 });
      reply.error(1, undefined, { truncateTo: 24 });
    });
    kernel.send(requestBytes);
    await kernel.idle();
    expect(got.map((g) => g.info)).toEqual([{ port: 99 }, { port: 0, truncated: 64 }, { port: 0 }]);
    expect(got[1]!.bytes.length).toBe(24);
  });

  it('fails its send callback when told to, and after close', () => {
    const kernel = new FakeKernel(testProto, undefined, { sendError: () => new Error('EMSGSIZE') });
    const errs: (Error | undefined)[] = [];
    kernel.send(requestBytes, (e) => errs.push(e));
    expect(kernel.requests).toHaveLength(0);
    kernel.close();
    kernel.send(requestBytes, (e) => errs.push(e));
    expect(errs.map((e) => e?.message)).toEqual(['EMSGSIZE', 'fake kernel port is closed']);
  });
});
