/**
 * Seeded randomness for the kernel fuzzer. Operation `i` of a run with
 * seed `s` draws from its own stream, derived from (s, i): the same seed
 * gives the same operations for the same kernel answers, and one
 * operation can be replayed without the ones before it.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';

/** splitmix32: a well-mixed u32 from a u32 state. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** The seed of operation `op` of a run with seed `seed`. */
export function opSeed(seed: number, op: number): number {
  return mix32((mix32(seed >>> 0) ^ mix32(op >>> 0)) >>> 0) | 0;
}

/** A small xorshift128 generator with the picks the fuzzer needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Draws so far (each fast-check sample takes a fresh seed from here). */
  draws = 0;

  constructor(seed: number) {
    this.a = mix32(seed >>> 0) || 1;
    this.b = mix32(this.a);
    this.c = mix32(this.b);
    this.d = mix32(this.c);
  }

  /** A u32. */
  u32(): number {
    this.draws++;
    let t = this.d;
    const s = this.a;
    this.d = this.c;
    this.c = this.b;
    this.b = s;
    t ^= t << 11;
    t ^= t >>> 8;
    this.a = (t ^ s ^ (s >>> 19)) >>> 0;
    return this.a;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return n <= 1 ? 0 : this.u32() % n;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  /** One element of a non-empty list. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }

  /** One element by weight: `[[weight, value], ...]`. */
  weighted<T>(xs: readonly (readonly [number, T])[]): T {
    const total = xs.reduce((n, [w]) => n + w, 0);
    let r = this.below(total);
    for (const [w, v] of xs) {
      if (r < w) return v;
      r -= w;
    }
    return xs[xs.length - 1]![1];
  }

  /** One value of a fast-check arbitrary, from a seed drawn here. */
  sample<T>(arb: Arbitrary<T>): T {
    return fc.sample(arb, { seed: this.u32() | 0, numRuns: 1 })[0]!;
  }
}
