/**
 * Is decoding linear in its input? Two measures, neither a wall-clock
 * threshold:
 *
 * - {@link decodeWork}: counts the decoder's reads of the input (every
 *   byte read, every DataView read, every byte copied out), through a
 *   Source whose views count what is done with them. Deterministic.
 * - {@link doublingRatio}: the ratio of the best of several CPU timings of
 *   an input of size 2n (or 4n) to one of size n. Linear work gives about 2, quadratic
 *   work about 4; it catches work the read counter cannot see (copying
 *   arrays of decoded values, say).
 */
import { align4 } from '../bytes/align.js';
import { DecodeError } from '../core/errors.js';
import { decodeAt, isZeroTail } from '../netlink/message.js';
import type { Protocol } from '../netlink/protocol.js';
import type { Source } from '../schema/kind.js';

/** A Source over `bytes` whose Uint8Array and DataView count the work done through them. */
export function countingSource(bytes: Uint8Array): { src: Source; work: () => number } {
  let n = 0;
  const u8 = new Proxy(bytes, {
    get(target, prop) {
      if (typeof prop === 'string' && prop.length > 0 && prop.charCodeAt(0) >= 48 && prop.charCodeAt(0) <= 57) {
        n++;
        return target[prop as unknown as number];
      }
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const r = (v as (...a: unknown[]) => unknown).apply(target, args);
        n += r instanceof Uint8Array ? r.length + 1 : 1;
        return r;
      };
    },
  });
  const dvReal = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dv = new Proxy(dvReal, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        n++;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { src: { u8, dv, depth: 0 }, work: () => n };
}

/**
 * Work (reads and copies, see {@link countingSource}) to decode every
 * message of `bytes`, as decodeMessages does. A DecodeError ends the
 * count where it was thrown.
 */
export function decodeWork(bytes: Uint8Array, proto: Protocol): number {
  const { src, work } = countingSource(bytes);
  let off = 0;
  try {
    while (off < bytes.length) {
      if (isZeroTail(bytes, off)) break;
      const m = decodeAt(src, off, bytes.length - off, proto);
      off += Math.min(align4(m.len), bytes.length - off);
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
  return work();
}

/**
 * Best-of-`rounds` CPU time of `run(make(factor·n))` over that of
 * `run(make(n))` (factor 2 by default: linear work gives about 2,
 * quadratic about 4; factor 4 separates them better, 4 against 16), with
 * `n` raised (doubling, up to `maxN`) until the smaller input takes at
 * least `minMs`, so the timer's resolution does not matter.
 */
export function doublingRatio(
  make: (n: number) => Uint8Array,
  run: (b: Uint8Array) => void,
  opts: { n?: number; maxN?: number; minMs?: number; rounds?: number; factor?: number } = {},
): { n: number; ratio: number; ms: number } {
  const rounds = opts.rounds ?? 5;
  const factor = opts.factor ?? 2;
  const minMs = opts.minMs ?? 2;
  const maxN = opts.maxN ?? 1 << 16;
  // CPU time of this process (other processes, such as parallel test
  // files, do not count), in ms.
  const now = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const best = (b: Uint8Array) => {
    let t = Infinity;
    for (let i = 0; i < rounds; i++) {
      const s = now();
      run(b);
      t = Math.min(t, now() - s);
    }
    return t;
  };
  // Warm up on a small input first: decoders tier up (compile) after a few
  // calls, and the first timings would otherwise measure the compiler.
  const tiny = make(16);
  for (let i = 0; i < 20; i++) run(tiny);
  let n = opts.n ?? 256;
  let small = best(make(n));
  while (small < minMs && n * 2 <= maxN) {
    n *= 2;
    small = best(make(n));
  }
  const large = best(make(factor * n));
  return { n, ratio: large / Math.max(small, 1e-6), ms: small };
}

/**
 * A message of type `type` (with a zeroed fixed header of `headerSize`
 * bytes) carrying `k` copies of the attribute `attr` (header included,
 * padded to 4 bytes).
 */
export function repeatedAttrMessage(type: number, headerSize: number, attr: Uint8Array, k: number): Uint8Array {
  const unit = align4(attr.length);
  const total = 16 + headerSize + unit * k;
  const b = new Uint8Array(total);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, total, true);
  dv.setUint16(4, type, true);
  for (let i = 0; i < k; i++) b.set(attr, 16 + headerSize + i * unit);
  return b;
}

/** An attribute header and payload: `len` is computed. */
export function rawAttr(type: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const b = new Uint8Array(4 + payload.length);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, b.length, true);
  dv.setUint16(2, type, true);
  b.set(payload, 4);
  return b;
}

/** `depth` attributes of `type`, each nested in the next (the innermost empty). */
export function nestedAttrs(type: number, depth: number): Uint8Array {
  let inner: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < depth; i++) inner = rawAttr(type, inner);
  return inner;
}
