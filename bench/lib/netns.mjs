// Throwaway network namespaces for benchmarks: unique names, removed on exit.
//
// Every namespace a benchmark touches is named `tsnlbench-<tag>-<pid>` and
// registered here (made with makeNetns, or created by a child or the library
// and registered with adoptNetns), so that it is deleted at exit, on
// SIGINT/SIGTERM/SIGHUP and on an uncaught error. Nothing here touches the
// root namespace's links or addresses.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const made = new Set();

/** The name makeNetns(tag) gives: `tsnlbench-<tag>-<pid>`. */
export function netnsName(tag) {
  return `tsnlbench-${tag}-${process.pid}`;
}

/** Creates a namespace named `tsnlbench-<tag>-<pid>`; it is deleted at exit. */
export function makeNetns(tag) {
  const name = netnsName(tag);
  made.add(name);
  execFileSync('ip', ['netns', 'add', name]);
  return name;
}

/** Registers a namespace created elsewhere (a child, the library) for deletion at exit. */
export function adoptNetns(name) {
  if (!name.startsWith('tsnlbench-')) throw new Error(`refusing to manage namespace ${name}`);
  made.add(name);
}

/** Deletes a namespace made by makeNetns (or adopted). */
export function deleteNetns(name) {
  if (!name.startsWith('tsnlbench-')) throw new Error(`refusing to delete namespace ${name}`);
  spawnSync('ip', ['netns', 'del', name]);
  made.delete(name);
}

/** Forgets a namespace that is already gone. */
export function forgetNetns(name) {
  made.delete(name);
}

/** Runs `ip -batch -` with `lines` inside `ns`. */
export function ipBatch(ns, lines) {
  const r = spawnSync('ip', ['-n', ns, '-batch', '-'], { input: lines.join('\n') + '\n', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`ip -batch failed: ${r.stderr}`);
}

/** Number of links in `ns` (`ip -o link show`). */
export function linkCount(ns) {
  const r = spawnSync('ip', ['-n', ns, '-o', 'link', 'show'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`ip link show failed in ${ns}: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '').length;
}

/** Lines `link add v<i> type veth peer name w<i>` for i in [0, n). */
export function vethLines(n, prefix = ['v', 'w']) {
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`link add ${prefix[0]}${i} type veth peer name ${prefix[1]}${i}`);
  return lines;
}

function cleanup() {
  for (const n of made) spawnSync('ip', ['netns', 'del', n]);
  made.clear();
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { cleanup(); process.exit(130); });

/** True when this process may create namespaces. */
export function canCreateNetns() {
  return process.getuid?.() === 0 && ["/usr/sbin/ip", "/sbin/ip", "/bin/ip"].some((p) => existsSync(p));
}

export function listOurNetns() {
  return existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith('tsnlbench-')) : [];
}
