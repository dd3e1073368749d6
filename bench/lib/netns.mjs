// Throwaway network namespaces for benchmarks: unique names, removed on exit.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const made = new Set();

/** Creates a namespace named `tsnlbench-<tag>-<pid>`; it is deleted at exit. */
export function makeNetns(tag) {
  const name = `tsnlbench-${tag}-${process.pid}`;
  execFileSync('ip', ['netns', 'add', name]);
  made.add(name);
  return name;
}

/** Deletes a namespace made by makeNetns. */
export function deleteNetns(name) {
  spawnSync('ip', ['netns', 'del', name]);
  made.delete(name);
}

/** Runs `ip -batch -` with `lines` inside `ns`. */
export function ipBatch(ns, lines) {
  const r = spawnSync('ip', ['-n', ns, '-batch', '-'], { input: lines.join('\n') + '\n', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`ip -batch failed: ${r.stderr}`);
}

function cleanup() {
  for (const n of made) spawnSync('ip', ['netns', 'del', n]);
  made.clear();
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130); });

/** True when this process may create namespaces. */
export function canCreateNetns() {
  return process.getuid?.() === 0 && ["/usr/sbin/ip", "/sbin/ip", "/bin/ip"].some((p) => existsSync(p));
}

export function listOurNetns() {
  return existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith('tsnlbench-')) : [];
}
