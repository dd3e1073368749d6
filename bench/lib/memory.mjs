// Peak and held RSS of this process around one piece of work (Linux).
//
// resetPeak(): collects garbage (with --expose-gc), resets VmHWM (writing 5
// to /proc/self/clear_refs) and returns the baseline. memorySnapshot(base),
// called while the result is still held: the peak RSS since the reset
// (VmHWM) and, after another collection, the RSS and heap still in use.
import { readFileSync, writeFileSync } from 'node:fs';

function status() {
  const s = readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

export function resetPeak() {
  globalThis.gc?.();
  globalThis.gc?.();
  writeFileSync('/proc/self/clear_refs', '5');
  const { rss } = status();
  return { rss, heap: process.memoryUsage().heapUsed, external: process.memoryUsage().external + process.memoryUsage().arrayBuffers };
}

export function memorySnapshot(base) {
  const before = status().hwm;
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, hwm } = status();
  // VmHWM is max(recorded high-water mark, current RSS); the recorded mark is
  // only updated at some points (munmap, exit), so read it again at the end.
  const peak = Math.max(before, hwm);
  const m = process.memoryUsage();
  return {
    baseRss: base.rss,
    peakRss: peak,
    peakDelta: peak - base.rss,
    heldRssDelta: rss - base.rss,
    heldHeapDelta: m.heapUsed - base.heap,
    gcExposed: typeof globalThis.gc === 'function',
  };
}
