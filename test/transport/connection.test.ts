/**
 * The request engine against the fake kernel: every answer a kernel can
 * give (and a few it should not), deterministically.
 */
import { describe, expect, it } from 'vitest';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_MULTI, NLM_F_REQUEST } from '../../src/core/constants.js';
import { DecodeError, EncodeError } from '../../src/core/errors.js';
import { encodeMessage, type Message } from '../../src/netlink/message.js';
import { Connection, defaultWindow, type Drop } from '../../src/transport/connection.js';
import {
  DumpInterruptedError,
  KernelError,
  TimeoutError,
  TransportError,
  isDumpInterruptedError,
  isKernelError,
  isTimeoutError,
  isTransportError,
} from '../../src/transport/errors.js';
import { FakeKernel, type FakeHandler, type ReplyFns } from '../../src/transport/fake-kernel.js';
import { RTM_DELLINK, RTM_GETLINK, RTM_NEWLINK, testProto } from './test-protocol.js';

function getLink(index: number): Message {
  return { type: RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: { index } };
}

function newLink(name: string, extra: Record<string, unknown> = {}): Message {
  return { type: RTM_NEWLINK, flags: 0, seq: 0, pid: 0, header: {}, attrs: { ifname: name, ...extra } };
}

function link(index: number, name = `if${index}`): Message {
  return { type: RTM_NEWLINK, flags: 0, seq: 0, pid: 0, header: { index }, attrs: { ifname: name } };
}

function setup(handler?: FakeHandler, opts: ConstructorParameters<typeof Connection>[2] = {}) {
  const kernel = new FakeKernel(testProto, handler);
  const drops: Drop[] = [];
  const conn = new Connection(kernel, testProto, { onDrop: (d) => drops.push(d), ...opts });
  return { kernel, conn, drops };
}

/** Rejection of `p`, or a failure when it resolves. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('request', () => {
  it('sets REQUEST|ACK, seq and pid, and resolves with [] on an ACK', async () => {
    const { kernel, conn } = setup(undefined, { firstSeq: 1000 });
    await expect(conn.request({ ...newLink('veth0'), flags: 0x600 })).resolves.toEqual([]);
    expect(kernel.requests).toHaveLength(1);
    const req = kernel.requests[0]!;
    expect(req.type).toBe(RTM_NEWLINK);
    expect(req.flags).toBe(NLM_F_REQUEST | NLM_F_ACK | 0x600); // NLM_F_EXCL|NLM_F_CREATE kept
    expect(req.seq).toBe(1000);
    expect(req.pid).toBe(4242);
    expect(req.attrs).toEqual({ ifname: 'veth0' });
    // The fake kernel saw the real encoded bytes.
    expect(kernel.datagrams[0]).toEqual(encodeMessage(req, testProto));
  });

  it('resolves with the replies before the ACK (a GET by index)', async () => {
    const { conn } = setup((req, reply) => {
      reply.data(link(req.header!.index, 'lo'));
      reply.ack();
    });
    const replies = await conn.request(getLink(1));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.type).toBe(RTM_NEWLINK);
    expect(replies[0]!.header!.index).toBe(1);
    expect(replies[0]!.attrs!.ifname).toBe('lo');
  });

  it('gives each request its own seq, wrapping at 2^32 and skipping 0', async () => {
    const { kernel, conn } = setup(undefined, { firstSeq: 0xffffffff });
    await conn.request(getLink(1));
    await conn.request(getLink(2));
    expect(kernel.requests.map((r) => r.seq)).toEqual([0xffffffff, 1]);
  });

  it('rejects with KernelError EEXIST: `RTNETLINK answers: File exists` without ext-ack', async () => {
    const { conn } = setup((_req, reply) => reply.error(17));
    const e = await rejection(conn.request(newLink('eth0')));
    expect(e).toBeInstanceOf(KernelError);
    expect(isKernelError(e, 'EEXIST')).toBe(true);
    const k = e as KernelError;
    expect(k.name).toBe('KernelError');
    expect(k.errno).toBe(17);
    expect(k.code).toBe('EEXIST');
    expect(k.message).toBe('RTNETLINK answers: File exists');
    expect(k.requestType).toBe(RTM_NEWLINK);
    expect(k.requestName).toBe('RTM_NEWLINK');
    expect(k.source).toBe('ack');
    expect(k.extMessage).toBeUndefined();
    expect(k.extOffset).toBeUndefined();
  });

  it('rejects with KernelError carrying the ext-ack message, offset and attribute path', async () => {
    // Request layout: nlmsghdr (16) + ifinfomsg (16) = 32; IFLA_IFNAME "eth0"
    // is 4 + 5 bytes, padded to 12 -> 44; IFLA_LINKINFO header at 44, its
    // IFLA_INFO_KIND at 48.
    const { conn, kernel } = setup((_req, reply) => reply.error(-17, { msg: 'Interface kind already in use', offs: 48 }));
    const e = (await rejection(conn.request(newLink('eth0', { linkinfo: { kind: 'veth' } })))) as KernelError;
    expect(e.code).toBe('EEXIST');
    expect(e.message).toBe('Error: Interface kind already in use.');
    expect(e.extMessage).toBe('Interface kind already in use');
    expect(e.extOffset).toBe(48);
    expect(e.attrPath).toEqual(['IFLA_LINKINFO', 'IFLA_INFO_KIND']);
    expect(e.seq).toBe(kernel.requests[0]!.seq);
  });

  it('does not add a second full stop to an ext-ack message that has one', async () => {
    const { conn } = setup((_req, reply) => reply.error(22, { msg: 'Invalid MTU.' }));
    const e = (await rejection(conn.request(newLink('eth0')))) as KernelError;
    expect(e.message).toBe('Error: Invalid MTU.');
    expect(e.code).toBe('EINVAL');
  });

  it('rejects with EncodeError and sends nothing when the message cannot be encoded', async () => {
    const { kernel, conn } = setup();
    const e = await rejection(conn.request(newLink('eth0', { mtu: -1 })));
    expect(e).toBeInstanceOf(EncodeError);
    const e2 = await rejection(conn.request({ type: 999, flags: 0, seq: 0, pid: 0 }));
    expect(e2).toBeInstanceOf(EncodeError);
    await kernel.idle();
    expect(kernel.datagrams).toHaveLength(0);
    // The connection still works.
    await expect(conn.request(getLink(1))).resolves.toEqual([]);
  });

  it('shows every datagram sent and received to the tap, in order', async () => {
    const seen: [string, number, number | undefined][] = [];
    const { conn } = setup(
      (req, reply) => {
        reply.data(link(1), { port: 77 });
        reply.data(link(req.header!.index));
        reply.ack();
      },
      { tap: (dir, d, info) => seen.push([dir, d.length, info?.port]) },
    );
    await conn.request(getLink(1));
    expect(seen).toEqual([
      ['out', 32, undefined],
      ['in', 40, 77], // 16 + ifinfomsg 16 + IFLA_IFNAME "if1" 8
      ['in', 40, 0],
      ['in', 36, 0],
    ]);
  });

  it('takes 0 and Infinity as no time limit', async () => {
    const { conn } = setup((_req, reply) => reply.ack({ delay: 5 }));
    await expect(conn.request(getLink(1), { timeout: Infinity })).resolves.toEqual([]);
    await expect(conn.request(getLink(1), { timeout: 0 })).resolves.toEqual([]);
    expect(conn.stats.timeouts).toBe(0);
  });

  it('requestMany pipelines and settles each message in order', async () => {
    const { kernel, conn } = setup((req, reply) => {
      if (req.attrs?.ifname === 'bad') reply.error(19);
      else reply.ack();
    });
    const results = await conn.requestMany([newLink('a'), newLink('bad'), newLink('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((results[1] as PromiseRejectedResult).reason as KernelError).message).toBe('RTNETLINK answers: No such device');
    expect(kernel.requests.map((r) => r.attrs!.ifname)).toEqual(['a', 'bad', 'c']);
    // All three were sent before the first ACK came back.
    expect(kernel.maxInFlight).toBe(3);
  });
});

describe('dump', () => {
  const links = Array.from({ length: 10 }, (_, i) => link(i + 1));

  it('sets REQUEST|DUMP (no ACK) and collects parts over several datagrams up to NLMSG_DONE', async () => {
    const { kernel, conn } = setup((_req, reply) => reply.dump(links, { perDatagram: 3 }));
    const got = await conn.dump(getLink(0));
    expect(got.map((m) => m.header!.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(got.every((m) => (m.flags & NLM_F_MULTI) !== 0)).toBe(true);
    expect(kernel.requests[0]!.flags).toBe(NLM_F_REQUEST | NLM_F_DUMP);
    expect(conn.stats.received).toBe(5); // 4 datagrams of parts + NLMSG_DONE
  });

  it('rejects with KernelError when NLMSG_DONE carries an error', async () => {
    const { conn } = setup((_req, reply) => reply.dump(links.slice(0, 2), { doneError: 90, doneExt: { msg: 'Buffer too small for object' } }));
    const e = (await rejection(conn.dump(getLink(0)))) as KernelError;
    expect(e).toBeInstanceOf(KernelError);
    expect(e.code).toBe('EMSGSIZE');
    expect(e.source).toBe('done');
    expect(e.message).toBe('Error: Buffer too small for object.');
  });

  it('rejects with KernelError when the dump is refused with NLMSG_ERROR', async () => {
    const { conn } = setup((_req, reply) => reply.error(95));
    const e = (await rejection(conn.dump(getLink(0)))) as KernelError;
    expect(e.message).toBe('RTNETLINK answers: Operation not supported');
    expect(e.requestName).toBe('RTM_GETLINK');
  });

  it('retries a dump interrupted (NLM_F_DUMP_INTR) and resolves with the clean attempt', async () => {
    let attempt = 0;
    const { kernel, conn } = setup((_req, reply) => {
      attempt++;
      if (attempt <= 2) reply.dump(links.slice(0, attempt * 3), { perDatagram: 2, intr: true });
      else reply.dump(links, { perDatagram: 4 });
    });
    const got = await conn.dump(getLink(0));
    expect(got).toHaveLength(10);
    expect(got.some((m) => (m.flags & NLM_F_DUMP_INTR) !== 0)).toBe(false);
    expect(kernel.requests).toHaveLength(3);
    expect(new Set(kernel.requests.map((r) => r.seq)).size).toBe(3);
    expect(conn.stats.dumpRetries).toBe(2);
  });

  it('notices NLM_F_DUMP_INTR set on one part only', async () => {
    let attempt = 0;
    const { conn } = setup((_req, reply) => {
      if (attempt++ === 0) {
        reply.data(links.slice(0, 5), { flags: NLM_F_MULTI });
        reply.data(links.slice(5), { flags: NLM_F_MULTI | NLM_F_DUMP_INTR });
        reply.done();
      } else reply.dump(links);
    });
    await expect(conn.dump(getLink(0))).resolves.toHaveLength(10);
    expect(conn.stats.dumpRetries).toBe(1);
  });

  it('gives up after the retries with DumpInterruptedError carrying the partial result', async () => {
    const { kernel, conn } = setup((_req, reply) => reply.dump(links.slice(0, 4), { perDatagram: 3, intr: true }));
    const e = await rejection(conn.dump(getLink(0)));
    expect(isDumpInterruptedError(e)).toBe(true);
    const d = e as DumpInterruptedError;
    expect(d.name).toBe('DumpInterruptedError');
    expect(d.attempts).toBe(4); // the first try and 3 retries
    expect(d.partial.map((m) => m.header!.index)).toEqual([1, 2, 3, 4]);
    expect(kernel.requests).toHaveLength(4);

    const e1 = (await rejection(conn.dump(getLink(0), { retries: 0 }))) as DumpInterruptedError;
    expect(e1.attempts).toBe(1);
  });

  it('runs one dump at a time (the kernel allows one per socket) while requests pipeline', async () => {
    const { kernel, conn } = setup((req, reply) => {
      if (req.flags & NLM_F_DUMP) reply.dump(links, { perDatagram: 4, delay: 5 });
      else reply.ack();
    });
    const jobs = [conn.dump(getLink(0)), conn.request(getLink(1)), conn.dump(getLink(0)), conn.dump(getLink(0)), conn.request(getLink(2))];
    const results = await Promise.all(jobs);
    expect(results.map((r) => r.length)).toEqual([10, 0, 10, 10, 0]);
    expect(kernel.maxDumpsInFlight).toBe(1);
    // Requests are sent in call order: the second request waits behind the second dump.
    expect(kernel.requests.map((r) => (r.flags & NLM_F_DUMP ? 'dump' : 'req'))).toEqual(['dump', 'req', 'dump', 'dump', 'req']);
  });
});

describe('what the connection drops', () => {
  it('ignores and counts a reply from a port other than the kernel', async () => {
    const { conn, drops } = setup((req, reply) => {
      reply.error(1, undefined, { port: 1234 });
      reply.data(link(9, 'evil'), { port: 1234 });
      reply.data(link(req.header!.index));
      reply.ack();
    });
    const got = await conn.request(getLink(1));
    expect(got.map((m) => m.attrs!.ifname)).toEqual(['if1']);
    expect(conn.stats.foreignPort).toBe(2);
    expect(drops.map((d) => [d.reason, d.port])).toEqual([
      ['foreign-port', 1234],
      ['foreign-port', 1234],
    ]);
  });

  it('ignores and counts messages with an unknown seq', async () => {
    const { conn, drops } = setup((req, reply) => {
      reply.data(link(7), { seq: req.seq + 1000 });
      reply.done(0, undefined, { seq: req.seq + 1001 });
      reply.ack();
    });
    await expect(conn.request(getLink(1))).resolves.toEqual([]);
    expect(conn.stats.unknownSeq).toBe(2);
    expect(drops.map((d) => d.reason)).toEqual(['unknown-seq', 'unknown-seq']);
  });

  it('passes unmatched messages to onUnsolicited instead, when set', async () => {
    const seen: Message[] = [];
    const { kernel, conn } = setup(undefined, { onUnsolicited: (m) => seen.push(m) });
    kernel.inject([{ ...link(5, 'new0'), seq: 0, pid: 0 }]);
    await conn.request(getLink(1));
    expect(seen.map((m) => m.attrs!.ifname)).toEqual(['new0']);
    expect(conn.stats.unknownSeq).toBe(0);
  });

  it('counts garbage datagrams without disturbing pending requests', async () => {
    const { kernel, conn, drops } = setup((req, reply) => {
      reply.raw(new Uint8Array([1, 2, 3, 4, 5, 6, 7])); // shorter than a header
      const liar = new Uint8Array(20);
      new DataView(liar.buffer).setUint32(0, 999, true); // nlmsg_len past the end
      new DataView(liar.buffer).setUint32(8, 0xdeadbeef, true);
      reply.raw(liar);
      reply.data(link(req.header!.index));
      reply.ack({ delay: 2 });
    });
    const [a, b] = await Promise.all([conn.request(getLink(1)), conn.request(getLink(2))]);
    expect(a[0]!.header!.index).toBe(1);
    expect(b[0]!.header!.index).toBe(2);
    expect(conn.stats.garbage).toBe(4);
    expect(drops.every((d) => d.reason === 'garbage' && d.error instanceof DecodeError)).toBe(true);
    expect(kernel.maxInFlight).toBe(2);
  });

  it('keeps the messages of a datagram before and after an undecodable one of another seq', async () => {
    const { conn } = setup((req, reply) => {
      const good = encodeMessage({ ...link(1), seq: req.seq, pid: 0 }, testProto);
      const bad = encodeMessage({ ...link(2), seq: 77, pid: 0 }, testProto);
      new DataView(bad.buffer).setUint16(32, 200, true); // IFLA_IFNAME nla_len runs past the message
      const dg = new Uint8Array(good.length + bad.length + good.length);
      dg.set(good, 0);
      dg.set(bad, good.length);
      dg.set(good, good.length + bad.length);
      reply.raw(dg);
      reply.ack();
    });
    const got = await conn.request(getLink(1));
    expect(got).toHaveLength(2);
    expect(conn.stats.garbage).toBe(1);
  });

  it('fails a request with DecodeError when one of its own replies does not decode', async () => {
    const { conn } = setup((req, reply) => {
      const bad = encodeMessage({ ...link(2), seq: req.seq, pid: 0 }, testProto);
      new DataView(bad.buffer).setUint16(32, 200, true);
      reply.raw(bad);
      reply.ack();
    });
    const e = (await rejection(conn.request(getLink(2)))) as DecodeError;
    expect(e).toBeInstanceOf(DecodeError);
    expect(e.message).toBe('attribute IFLA_IFNAME: length 200 runs past the end of its container (8 bytes left) (offset 32)');
    // The next request is unaffected.
    const ok = setup().conn;
    await expect(ok.request(getLink(1))).resolves.toEqual([]);
  });

  it('reports a truncated reply as a TransportError, never dropping it silently', async () => {
    const { conn, drops } = setup((req, reply) => {
      reply.data(link(req.header!.index, 'a-long-interface-name'), { truncateTo: 40 });
      reply.ack();
    });
    const e = (await rejection(conn.request(getLink(1)))) as TransportError;
    expect(isTransportError(e)).toBe(true);
    expect(e.reason).toBe('truncated');
    expect(e.message).toMatch(/truncated/);
    expect(conn.stats.truncated).toBe(1);
    expect(drops.map((d) => d.reason)).toEqual(['truncated']);
  });

  it('still reads the errno of a truncated NLMSG_ERROR (a large request echoed back)', async () => {
    const { conn } = setup((_req, reply) => reply.error(34, undefined, { truncateTo: 24 }));
    const e = (await rejection(conn.request(newLink('x'.repeat(15))))) as KernelError;
    expect(e.code).toBe('ERANGE');
    expect(e.message).toBe('RTNETLINK answers: Numerical result out of range');
  });

  it('fails a dump whose part was truncated once NLMSG_DONE arrives', async () => {
    const { conn } = setup((_req, reply) => {
      reply.data([link(1), link(2)], { flags: NLM_F_MULTI, truncateTo: 50 });
      reply.data([link(3)], { flags: NLM_F_MULTI });
      reply.done();
    });
    const e = (await rejection(conn.dump(getLink(0)))) as TransportError;
    expect(e.reason).toBe('truncated');
    expect(conn.stats.inFlight).toBe(0);
  });
});

describe('time limits, closing and failures', () => {
  it('rejects with TimeoutError when the kernel never answers', async () => {
    const { conn, kernel } = setup(() => {}, { timeout: 20 });
    const e = (await rejection(conn.request(newLink('slow')))) as TimeoutError;
    expect(isTimeoutError(e)).toBe(true);
    expect(e.name).toBe('TimeoutError');
    expect(e.requestName).toBe('RTM_NEWLINK');
    expect(e.seq).toBe(kernel.requests[0]!.seq);
    expect(e.message).toBe('RTM_NEWLINK: no answer from the kernel within 20 ms');
    expect(conn.stats.timeouts).toBe(1);
  });

  it('honours a per-request timeout and counts the late answer', async () => {
    // A timed-out request holds its slot for one more time limit, waiting for
    // the kernel to finish with it; an answer later than that has an unknown seq.
    const { conn } = setup((req, reply) => reply.ack({ delay: req.header!.index === 1 ? 45 : 120 }), { timeout: 10_000 });
    const both = Promise.allSettled([conn.request(getLink(1), { timeout: 30 }), conn.request(getLink(2), { timeout: 30 })]);
    expect((await both).map((r) => (r as PromiseRejectedResult).reason instanceof TimeoutError)).toEqual([true, true]);
    await new Promise((r) => setTimeout(r, 150));
    expect(conn.stats.timeouts).toBe(2);
    expect(conn.stats.late).toBe(1);
    expect(conn.stats.unknownSeq).toBe(1);
    expect(conn.stats.inFlight).toBe(0);
  });

  it('keeps a timed-out request in the window until its late answer arrives', async () => {
    const { conn, kernel } = setup((req, reply) => reply.ack({ delay: req.header!.index === 1 ? 60 : 0 }), { window: 1 });
    const first = conn.request(getLink(1), { timeout: 40 });
    const second = conn.request(getLink(2), { timeout: 1000 });
    await expect(first).rejects.toBeInstanceOf(TimeoutError);
    expect(kernel.requests).toHaveLength(1); // still waiting: the kernel has not answered the first
    await expect(second).resolves.toEqual([]);
    expect(kernel.maxInFlight).toBe(1);
    expect(conn.stats.late).toBe(1);
  });

  it('times out a request still waiting in the queue without ever sending it', async () => {
    const { conn, kernel } = setup(() => {}, { window: 1, timeout: 15 });
    const [a, b] = await Promise.allSettled([conn.request(getLink(1)), conn.request(getLink(2))]);
    expect((a as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    expect(((a as PromiseRejectedResult).reason as TimeoutError).seq).toBe(kernel.requests[0]!.seq);
    expect(((b as PromiseRejectedResult).reason as TimeoutError).seq).toBe(0); // never sent
    expect(kernel.requests).toHaveLength(1);
  });

  it('close() rejects everything pending and queued with TransportError', async () => {
    const { conn, kernel } = setup(() => {}, { window: 2 });
    const all = [conn.request(getLink(1)), conn.dump(getLink(0)), conn.request(getLink(3)), conn.request(getLink(4))];
    await new Promise((r) => setImmediate(r));
    expect(kernel.requests).toHaveLength(2);
    conn.close();
    for (const p of all) {
      const e = (await rejection(p)) as TransportError;
      expect(e).toBeInstanceOf(TransportError);
      expect(e.reason).toBe('closed');
      expect(e.message).toBe('connection closed');
    }
    expect(kernel.closed).toBe(true);
    expect(conn.closed).toBe(true);
    await expect(conn.request(getLink(5))).rejects.toBeInstanceOf(TransportError);
    expect(() => conn.send(getLink(6))).toThrow(TransportError);
    conn.close(); // idempotent
  });

  it('rejects everything pending when the port fails', async () => {
    const { conn, kernel } = setup(() => {});
    const p = conn.request(getLink(1));
    await new Promise((r) => setImmediate(r));
    kernel.fail(new TransportError('helper exited with code 1', 'helper'));
    const e = (await rejection(p)) as TransportError;
    expect(e.reason).toBe('helper');
    expect(conn.closed).toBe(true);
  });

  it('rejects one request whose datagram cannot be sent, and carries on', async () => {
    const kernel = new FakeKernel(testProto, undefined, {
      sendError: (d) => (d.length > 40 ? new TransportError('sendmsg failed: message too long', 'socket') : undefined),
    });
    const conn = new Connection(kernel, testProto);
    const e = (await rejection(conn.request(newLink('long-name-here')))) as TransportError;
    expect(e.message).toBe('sendmsg failed: message too long');
    await expect(conn.request(getLink(1))).resolves.toEqual([]);
    expect(conn.stats.inFlight).toBe(0);
  });

  it('keeps the event loop alive only while requests are pending', async () => {
    const { conn, kernel } = setup((_req, reply) => reply.ack({ delay: 5 }));
    expect(kernel.referenced).toBe(false);
    const p = conn.request(getLink(1));
    expect(kernel.referenced).toBe(true);
    await p;
    expect(kernel.referenced).toBe(false);
  });
});

describe('send (fire and forget)', () => {
  it('sends with NLM_F_REQUEST only and returns the seq', async () => {
    const { conn, kernel } = setup(() => {}, { firstSeq: 50 });
    const seq = conn.send({ type: RTM_DELLINK, flags: 0, seq: 0, pid: 0, header: { index: 9 } });
    expect(seq).toBe(50);
    expect(kernel.requests[0]!.flags).toBe(NLM_F_REQUEST);
    expect(kernel.inFlight).toBe(0);
    expect(conn.stats.inFlight).toBe(0);
    expect(() => conn.send(newLink('x', { mtu: 2 ** 33 }))).toThrow(EncodeError);
  });
});

describe('the window', () => {
  it('answers 1,000 concurrent requests answered in shuffled order, never exceeding the window', async () => {
    const rand = prng(42);
    let batch: { req: Message; reply: ReplyFns }[] = [];
    let order: number[] = [];
    const answer = () => {
      const b = batch;
      batch = [];
      for (let i = b.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [b[i], b[j]] = [b[j]!, b[i]!];
      }
      for (const { req, reply } of b) {
        order.push(req.header!.index);
        reply.data(link(req.header!.index, `n${req.header!.index}`));
        reply.ack();
      }
    };
    const { conn, kernel } = setup((req, reply) => {
      if (batch.length === 0) setTimeout(answer, 0);
      batch.push({ req, reply });
    });
    const n = 1000;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => conn.request(getLink(i + 1))));
    for (let i = 0; i < n; i++) {
      expect(results[i]).toHaveLength(1);
      expect(results[i]![0]!.header!.index).toBe(i + 1);
      expect(results[i]![0]!.attrs!.ifname).toBe(`n${i + 1}`);
    }
    expect(kernel.requests).toHaveLength(n);
    expect(kernel.maxInFlight).toBe(64);
    expect(conn.stats.maxInFlight).toBe(64);
    expect(conn.stats.inFlight).toBe(0);
    expect(conn.stats.queued).toBe(0);
    // Really shuffled: answers did not come in request order.
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
    expect(order).toHaveLength(n);
  });

  it('uses a configured window', async () => {
    const { conn, kernel } = setup(undefined, { window: 5 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => conn.request(getLink(i + 1))));
    expect(kernel.maxInFlight).toBe(5);
  });

  it('sizes the default window from the port receive buffer', () => {
    expect(defaultWindow(undefined)).toBe(64);
    expect(defaultWindow(8 * 1024 * 1024)).toBe(64);
    expect(defaultWindow(425984)).toBe(26); // net.core.rmem_max at its default, doubled
    expect(defaultWindow(2304)).toBe(1);
    const kernel = new FakeKernel(testProto, undefined, { receiveBuffer: 425984 });
    expect(new Connection(kernel, testProto).window).toBe(26);
  });
});
