// Child processes of a benchmark: peers without namespace support of their
// own (pyroute2, the npm `netlink` rt API) run inside the namespace under
// `ip netns exec NS ...`, time their own work and print one JSON line.
//
// Start-up is measured on one clock shared by both processes (the wall
// clock, in ms with sub-ms resolution): from just before the parent spawns
// to the moment the child is ready to work (imports done, socket open), as
// the child reports it in `readyEpoch`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Wall-clock time in ms, sub-ms resolution (comparable across processes). */
export function nowMs() {
  return performance.timeOrigin + performance.now();
}

export const PYTHON = '/usr/bin/python3.11';
export const benchDir = fileURLToPath(new URL('..', import.meta.url));
export const repoDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `cmd args...` (inside `ns` via `ip netns exec` when given), waits,
 * parses the last line of its stdout as JSON and adds `startupMs` (spawn to
 * ready) and `wallMs` (spawn to exit).
 */
export function runChild(cmd, args, { ns, input, env } = {}) {
  const file = ns ? 'ip' : cmd;
  const argv = ns ? ['netns', 'exec', ns, cmd, ...args] : args;
  const t0 = nowMs();
  const r = spawnSync(file, argv, { input, encoding: 'utf8', maxBuffer: 1 << 28, env: env ? { ...process.env, ...env } : process.env });
  const wallMs = nowMs() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (status ${r.status}, signal ${r.signal}): ${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop();
  let out;
  try {
    out = JSON.parse(last);
  } catch {
    throw new Error(`${cmd} ${args.join(' ')} printed no JSON: ${r.stdout.slice(-500)} ${r.stderr}`);
  }
  if (typeof out.readyEpoch === 'number') out.startupMs = out.readyEpoch - t0;
  out.wallMs = wallMs;
  return out;
}

/** Wall time of a whole process, in ms; throws when it fails. */
export function timeProcess(cmd, args, { input, check = true } = {}) {
  const t0 = nowMs();
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 28 });
  const ms = nowMs() - t0;
  if (check && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (status ${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** The `tsip` program, as package.json's "bin" names it. */
export function tsipPath() {
  const pkg = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.tsip;
  return join(repoDir, bin);
}
