/**
 * Shared by the kernel fuzzers' tests: a short run in a throwaway
 * namespace with its reproducers in a temporary folder, and what every
 * such run must end with (no violation, no anomaly, nothing left behind).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FuzzResult, FuzzRunOptions } from '../../src/fuzz/kernel-fuzzer.js';
import { listNetns } from '../../src/netns/registry.js';
import { liveHelpers } from '../../src/netns/reaper.js';

/**
 * Runs `run` with `runs` operations in namespace `netns`, checks that it
 * found nothing and left nothing behind, and returns its result.
 */
export async function cleanFuzzRun(run: (o: FuzzRunOptions) => Promise<FuzzResult>, o: FuzzRunOptions & { runs: number; netns: string }): Promise<FuzzResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tsnl-fuzz-t-'));
  try {
    const r = await run({ ...o, reproDir: dir });
    expect(r.fatal).toBeUndefined();
    expect(r.stats.ops).toBe(o.runs);
    expect(r.stats.violations).toEqual({});
    expect(r.stats.anomalies).toEqual({});
    expect(r.repros).toEqual([]);
    expect(r.cleanup).toEqual({ netnsLeft: false, helpersLeft: 0, helperProcesses: [], rootLinksAdded: [] });
    expect(await listNetns()).not.toContain(o.netns);
    expect(liveHelpers()).toBe(0);
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
