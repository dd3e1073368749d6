/**
 * The codec's properties over many generated cases, without a kernel:
 * what `tsip fuzz --offline` and `bench/fuzz-run.mjs` run. Cases are
 * spread over categories; each category runs in chunks through
 * fast-check (so a failure is shrunk), and a failure is recorded, written
 * as a reproducer, and the run goes on with the next chunk.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { everyMessageArbitrary, poisonedMessageArbitrary } from '../arbitraries/index.js';
import { parseHex } from '../bytes/hex.js';
import { encodeMessage, encodeMessages, type Message } from '../netlink/message.js';
import { rtnetlink } from '../families/registry.js';
import { mutatedArbitrary } from './mutate.js';
import { checkGroupings, checkHostileBytes, checkMessageValue, checkRefused, formatViolation, type Violation } from './properties.js';
import { writeRepro } from './repro.js';

/** Options of {@link runOfflineFuzz}. */
export interface OfflineOptions {
  /** Cases in all (default 100,000). */
  cases?: number;
  seed?: number;
  /** Real datagrams to mutate (default: the `fixtures/` directory when there is one, else generated messages). */
  samples?: readonly Uint8Array[];
  /** Where reproducers go (default `fuzz-repro`). */
  reproDir?: string;
  /** Cases per fast-check run (default 2,000). */
  chunk?: number;
  /** Categories to run (default all), by name. */
  only?: readonly string[];
  onProgress?: (p: { cases: number; total: number; rate: number; violations: number }) => void;
}

/** What a run found. */
export interface OfflineResult {
  seed: number;
  cases: number;
  elapsedMs: number;
  rate: number;
  byCategory: Record<string, { cases: number; violations: number; ms: number }>;
  violations: string[];
  repros: string[];
}

/** Datagrams of the fixture files under `dir` (`GROUP/NAME.json` with `datagrams: [{dir, hex}]`). */
export function loadFixtureSamples(dir = 'fixtures'): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (!existsSync(dir)) return out;
  for (const g of readdirSync(dir, { withFileTypes: true })) {
    if (!g.isDirectory()) continue;
    for (const f of readdirSync(join(dir, g.name))) {
      if (!f.endsWith('.json')) continue;
      try {
        const raw = JSON.parse(readFileSync(join(dir, g.name, f), 'utf8')) as { protocol?: string; datagrams?: { hex: string }[] };
        // NETLINK_ROUTE captures only: the offline properties decode with rtnetlink.
        if (raw.protocol !== undefined && raw.protocol !== 'route') continue;
        for (const d of raw.datagrams ?? []) out.push(parseHex(d.hex));
      } catch {
        // not a fixture
      }
    }
  }
  return out;
}

interface Category {
  name: string;
  weight: number;
  arb: Arbitrary<unknown>;
  check: (v: any) => Violation | undefined;
  bytesOf: (v: any) => Uint8Array | undefined;
}

function categories(samples: readonly Uint8Array[]): Category[] {
  const enc = (m: Message) => {
    try {
      return encodeMessage(m, rtnetlink);
    } catch {
      return undefined;
    }
  };
  const types = [...rtnetlink.messages.values()].map((m) => m.name);
  return [
    { name: 'round-trip', weight: 4, arb: everyMessageArbitrary(rtnetlink, { maxDepth: 3 }), check: (m: Message) => checkMessageValue(m, rtnetlink), bytesOf: enc },
    { name: 'round-trip:boundaries', weight: 2, arb: everyMessageArbitrary(rtnetlink, { maxDepth: 3, boundaries: true }), check: (m: Message) => checkMessageValue(m, rtnetlink), bytesOf: enc },
    { name: 'round-trip:null-prototype', weight: 1, arb: everyMessageArbitrary(rtnetlink, { maxDepth: 3, nullPrototype: true }), check: (m: Message) => checkMessageValue(m, rtnetlink), bytesOf: enc },
    { name: 'round-trip:kernel-valid', weight: 2, arb: everyMessageArbitrary(rtnetlink, { maxDepth: 4, kernelValid: true, maxAttrs: 6 }), check: (m: Message) => checkMessageValue(m, rtnetlink), bytesOf: enc },
    {
      name: 'refuse-out-of-range',
      weight: 2,
      arb: fc.oneof(...types.map((t) => poisonedMessageArbitrary(rtnetlink, t, { maxDepth: 3 }))),
      check: (p: { message: Message }) => checkRefused(p.message, rtnetlink),
      bytesOf: () => undefined,
    },
    { name: 'random-bytes', weight: 4, arb: fc.uint8Array({ maxLength: 512 }), check: (b: Uint8Array) => checkHostileBytes(b, rtnetlink), bytesOf: (b: Uint8Array) => b },
    { name: 'mutated-samples', weight: 6, arb: mutatedArbitrary(samples, rtnetlink, 6), check: (b: Uint8Array) => checkHostileBytes(b, rtnetlink), bytesOf: (b: Uint8Array) => b },
    {
      name: 'datagram-groupings',
      weight: 1,
      arb: fc.array(everyMessageArbitrary(rtnetlink, { maxDepth: 2, maxAttrs: 4 }), { minLength: 2, maxLength: 6 }),
      check: (ms: Message[]) => checkGroupings(encodeMessages(ms, rtnetlink), rtnetlink),
      bytesOf: (ms: Message[]) => encodeMessages(ms, rtnetlink),
    },
  ];
}

/** Runs the codec properties over `cases` generated cases; see the module comment. */
export async function runOfflineFuzz(o: OfflineOptions = {}): Promise<OfflineResult> {
  const seed = (o.seed ?? Math.floor(Math.random() * 0x7fffffff)) | 0;
  const total = o.cases ?? 100_000;
  const chunk = o.chunk ?? 2000;
  let samples = o.samples ?? loadFixtureSamples();
  samples = samples.filter((b) => b.length > 0 && b.length < 8192);
  if (samples.length === 0) samples = fc.sample(everyMessageArbitrary(rtnetlink, { maxDepth: 3 }), { seed, numRuns: 200 }).map((m) => encodeMessage(m, rtnetlink));
  let cats = categories(samples);
  if (o.only) cats = cats.filter((c) => o.only!.includes(c.name));
  const weight = cats.reduce((n, c) => n + c.weight, 0);
  const result: OfflineResult = { seed, cases: 0, elapsedMs: 0, rate: 0, byCategory: {}, violations: [], repros: [] };
  const started = performance.now();
  const seen = new Set<string>();
  let round = 0;
  for (const c of cats) result.byCategory[c.name] = { cases: 0, violations: 0, ms: 0 };
  while (result.cases < total) {
    // One round: about `chunk` cases per category on average, by weight, scaled to what is left.
    const roundTotal = Math.min(chunk * cats.length, total - result.cases);
    for (const c of cats) {
      const want = Math.min(Math.max(1, Math.round((roundTotal * c.weight) / weight)), total - result.cases);
      if (want <= 0) break;
      const t0 = performance.now();
      const details = fc.check(
        fc.property(c.arb, (v) => {
          const viol = c.check(v);
          if (viol !== undefined) throw new Error(formatViolation(viol));
        }),
        { numRuns: want, seed: (seed + round * 7919 + c.name.length * 104729) | 0 },
      );
      const by = result.byCategory[c.name]!;
      by.cases += details.numRuns;
      by.ms += performance.now() - t0;
      result.cases += details.numRuns;
      if (details.failed && details.counterexample) {
        by.violations++;
        const v = details.counterexample[0];
        const text = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        const key = `${c.name} ${text.replace(/\d+/g, 'N').slice(0, 80)}`;
        if (!seen.has(key)) {
          seen.add(key);
          result.violations.push(`${c.name}: ${text.split('\n')[0]}`);
          const bytes = c.bytesOf(v);
          if (o.reproDir !== undefined && bytes !== undefined && result.repros.length < 30) {
            result.repros.push(writeRepro(o.reproDir, `offline-${c.name}-${seed}-${round}`, { seed, property: c.name, detail: text.split('\n')[0]!, bytes, context: { counterexample: fc.stringify(v).slice(0, 4000) } }, rtnetlink));
          }
        }
      }
      if (result.cases >= total) break;
    }
    round++;
    const elapsed = performance.now() - started;
    o.onProgress?.({ cases: result.cases, total, rate: result.cases / (elapsed / 1000), violations: result.violations.length });
    await new Promise((r) => setImmediate(r));
  }
  result.elapsedMs = performance.now() - started;
  result.rate = result.cases / (result.elapsedMs / 1000);
  return result;
}
