#!/usr/bin/env node
/**
 * `npm run fuzz`: a million generated cases through the codec's property
 * checks, no kernel (src/fuzz/offline.ts, compiled to dist/): round trips
 * of every message kind (plain, boundary and kernel-valid values),
 * out-of-range values that must be refused, random bytes, the captured
 * fixtures mutated (bit flips, truncation, lying lengths at every depth),
 * and streams regrouped into datagrams. Spread over worker threads;
 * prints cases per second per category and in all, and every distinct
 * violation (the known ones are listed in docs/fuzz-findings.md).
 *
 *   node bench/fuzz-run.mjs [--cases N] [--workers W] [--seed S] [--out DIR]
 *
 * Exit status: 0 when no property failed, 1 otherwise.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = fileURLToPath(new URL('..', import.meta.url));
const offlineUrl = new URL('../dist/fuzz/offline.js', import.meta.url);

if (!isMainThread) {
  const { runOfflineFuzz, loadFixtureSamples } = await import(offlineUrl);
  const { cases, seed, out, id } = workerData;
  const r = await runOfflineFuzz({
    cases,
    seed,
    reproDir: out,
    samples: loadFixtureSamples(`${root}/fixtures`),
    onProgress: (p) => parentPort.postMessage({ type: 'progress', id, cases: p.cases }),
  });
  parentPort.postMessage({ type: 'done', id, result: r });
} else {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
  };
  const cases = Number(opt('--cases', 1_000_000));
  const workers = Math.max(1, Number(opt('--workers', Math.min(availableParallelism(), 8))));
  const seed = Number(opt('--seed', Date.now() % 0x7fffffff));
  const out = opt('--out', `${root}/fuzz-repro`);
  console.log(`fuzz-run: ${cases} cases on ${workers} worker(s), seed ${seed}; reproducers in ${out}`);
  const done = new Array(workers).fill(0);
  const started = performance.now();
  let lastPrint = 0;
  const results = await Promise.all(
    Array.from({ length: workers }, (_, id) => {
      const share = Math.floor(cases / workers) + (id < cases % workers ? 1 : 0);
      return new Promise((resolve, reject) => {
        const w = new Worker(fileURLToPath(import.meta.url), { workerData: { cases: share, seed: seed + id * 1_000_003, out, id } });
        w.on('message', (m) => {
          if (m.type === 'progress') {
            done[m.id] = m.cases;
            const now = performance.now();
            if (now - lastPrint > 2000) {
              lastPrint = now;
              const n = done.reduce((a, b) => a + b, 0);
              const line = `  ${n}/${cases} cases, ${Math.round(n / ((now - started) / 1000))} cases/s`;
              if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
              else process.stderr.write(line + '\n');
            }
          } else if (m.type === 'done') resolve(m.result);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`worker ${id} exited with ${code}`));
        });
      });
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const elapsed = (performance.now() - started) / 1000;
  const total = results.reduce((n, r) => n + r.cases, 0);
  const byCat = {};
  for (const r of results) {
    for (const [k, v] of Object.entries(r.byCategory)) {
      const c = (byCat[k] ??= { cases: 0, violations: 0, ms: 0 });
      c.cases += v.cases;
      c.violations += v.violations;
      c.ms += v.ms;
    }
  }
  console.log(`\n${total} cases in ${elapsed.toFixed(1)} s: ${Math.round(total / elapsed)} cases/s (${workers} worker(s); ${Math.round(total / elapsed / workers)} per worker)`);
  console.log(`${'category'.padEnd(26)}${'cases'.padStart(10)}  ${'cases/s per worker'.padStart(18)}  violations`);
  for (const [k, v] of Object.entries(byCat)) {
    console.log(`${k.padEnd(26)}${String(v.cases).padStart(10)}  ${String(Math.round(v.cases / (v.ms / 1000))).padStart(18)}  ${v.violations}`);
  }
  const violations = [...new Set(results.flatMap((r) => r.violations))];
  const repros = results.flatMap((r) => r.repros);
  if (violations.length) {
    console.log(`\n${violations.length} distinct violation(s) (known ones: docs/fuzz-findings.md):`);
    for (const v of violations) console.log(`  ${v.length > 300 ? v.slice(0, 297) + '...' : v}`);
    for (const p of repros) console.log(`  reproducer: ${p}`);
  } else console.log('\nno property failed');
  process.exitCode = violations.length ? 1 : 0;
}
