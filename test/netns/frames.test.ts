/**
 * The helper's framing: frames from the helper split at every byte, several
 * in one chunk, and broken lengths; the numbers helper-main.ts repeats.
 */
import { describe, expect, it } from 'vitest';
import * as frames from '../../src/netns/frames.js';
import {
  controlReply,
  encodeControlFrame,
  encodeInFrame,
  encodeOutFrame,
  FRAME_ERROR,
  FRAME_READY,
  FRAME_REPLY,
  FRAME_SEND_FAILED,
  FRAME_SENT,
  FRAME_TRUNCATED,
  frameErrorInfo,
  FramingError,
  MAX_FRAME,
  OUT_HEADER,
  OutFrameReader,
  type OutFrame,
} from '../../src/netns/frames.js';
import { HELPER_FRAMING } from '../../src/netns/helper-main.js';

function bytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

/** One of each kind of frame, and datagrams of awkward sizes. */
const sent: { port: number; flags: number; aux: number; payload: Buffer }[] = [
  { port: 0x12345678, flags: FRAME_READY, aux: 425984, payload: Buffer.alloc(0) },
  { port: 0, flags: 0, aux: 0, payload: bytes(20, 1) },
  { port: 0, flags: 0, aux: 0, payload: bytes(1, 2) },
  { port: 0, flags: FRAME_TRUNCATED, aux: 70000, payload: bytes(37, 3) },
  { port: 0, flags: FRAME_SENT, aux: 3, payload: Buffer.alloc(0) },
  { port: 0, flags: FRAME_SEND_FAILED, aux: 2, payload: Buffer.from(JSON.stringify({ message: 'Message too long', code: 'EMSGSIZE', errno: 90 })) },
  { port: 0, flags: FRAME_REPLY, aux: 1, payload: Buffer.from(JSON.stringify({ fd: 21 })) },
  { port: 4242, flags: 0, aux: 0, payload: bytes(300, 4) },
  { port: 0, flags: FRAME_ERROR, aux: 0, payload: Buffer.from(JSON.stringify({ message: 'No buffer space available', code: 'ENOBUFS', errno: 105 })) },
];
const stream = Buffer.concat(sent.map((f) => encodeOutFrame(f.port, f.flags, f.aux, f.payload)));

function readAll(chunks: Buffer[]): OutFrame[] {
  const out: OutFrame[] = [];
  const r = new OutFrameReader((f) => out.push({ ...f, payload: Buffer.from(f.payload) }));
  for (const c of chunks) r.push(c);
  expect(r.buffered).toBe(0);
  return out;
}

function expectFrames(got: OutFrame[]): void {
  expect(got.length).toBe(sent.length);
  got.forEach((f, i) => {
    expect(f.port).toBe(sent[i]!.port);
    expect(f.flags).toBe(sent[i]!.flags);
    expect(f.aux).toBe(sent[i]!.aux);
    expect(Buffer.compare(f.payload, sent[i]!.payload)).toBe(0);
  });
}

describe('OutFrameReader', () => {
  it('reads a whole stream in one chunk', () => {
    expectFrames(readAll([stream]));
  });

  it('reads the same frames however the stream is split in two, at every byte', () => {
    for (let i = 0; i <= stream.length; i++) expectFrames(readAll([stream.subarray(0, i), stream.subarray(i)]));
  });

  it('reads the stream one byte at a time', () => {
    expectFrames(readAll(Array.from(stream, (_, i) => stream.subarray(i, i + 1))));
  });

  it('reads the stream split into three at every pair of points (every 17th byte)', () => {
    for (let i = 0; i <= stream.length; i += 17) {
      for (let j = i; j <= stream.length; j += 17) {
        expectFrames(readAll([stream.subarray(0, i), stream.subarray(i, j), stream.subarray(j)]));
      }
    }
  });

  it('hands out payloads of frames within one chunk as views, without copying', () => {
    const chunk = encodeOutFrame(0, 0, 0, bytes(64, 9));
    let payload: Buffer | undefined;
    new OutFrameReader((f) => (payload = f.payload)).push(chunk);
    expect(payload!.buffer).toBe(chunk.buffer);
  });

  it('reads a frame larger than a pipe read (40 KB) split into 64 KiB-ish pieces', () => {
    const big = encodeOutFrame(0, 0, 0, bytes(40_000, 5));
    const two = Buffer.concat([big, big]);
    const got: OutFrame[] = [];
    const r = new OutFrameReader((f) => got.push({ ...f, payload: Buffer.from(f.payload) }));
    for (let off = 0; off < two.length; off += 4096) r.push(two.subarray(off, off + 4096));
    expect(got.length).toBe(2);
    for (const f of got) expect(f.payload.length).toBe(40_000);
  });

  it.each([
    ['below the header', 15],
    ['zero', 0],
    ['above MAX_FRAME', MAX_FRAME + 1],
  ])('throws FramingError for a length %s, also when the header arrives split', (_what, len) => {
    const bad = Buffer.alloc(OUT_HEADER);
    bad.writeUInt32LE(len, 0);
    expect(() => new OutFrameReader(() => {}).push(bad)).toThrow(FramingError);
    const r = new OutFrameReader(() => {});
    r.push(bad.subarray(0, 3));
    expect(() => r.push(bad.subarray(3))).toThrow(/bad frame length/);
  });
});

describe('frames to the helper', () => {
  it('prefixes a datagram with its length', () => {
    const [head, body] = encodeInFrame(bytes(20, 0));
    expect([...head]).toEqual([20, 0, 0, 0]);
    expect(body.length).toBe(20);
  });

  it('marks control requests with bit 31 of the length', () => {
    const f = encodeControlFrame({ id: 7, op: 'open', path: '/run/netns/x' });
    const word = f.readUInt32LE(0);
    expect(word >>> 31).toBe(1);
    expect(word & 0x7fffffff).toBe(f.length - 4);
    expect(JSON.parse(f.subarray(4).toString())).toEqual({ id: 7, op: 'open', path: '/run/netns/x' });
  });

  it('reads error and reply payloads, and survives bad ones', () => {
    expect(frameErrorInfo(Buffer.from('{"message":"m","code":"ENOBUFS","errno":105}'))).toEqual({ message: 'm', code: 'ENOBUFS', errno: 105 });
    expect(frameErrorInfo(Buffer.from('not json'))).toEqual({ message: 'not json' });
    expect(controlReply(Buffer.from('{"fd":5}'))).toEqual({ fd: 5 });
    expect(controlReply(Buffer.from('{"error":{"message":"ENOENT: no such file","code":"ENOENT","errno":2}}'))).toEqual({
      error: { message: 'ENOENT: no such file', code: 'ENOENT', errno: 2 },
    });
    expect(controlReply(Buffer.from('{')).error?.message).toMatch(/unreadable reply/);
  });
});

describe('helper-main.ts', () => {
  it('uses the same header sizes and flags as frames.ts', () => {
    for (const [k, v] of Object.entries(HELPER_FRAMING)) expect([k, (frames as Record<string, unknown>)[k]]).toEqual([k, v]);
  });
});
