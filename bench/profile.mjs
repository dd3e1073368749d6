// CPU profiles of the workloads that miss their targets (node --cpu-prof),
// in throwaway namespaces, each summarised with lib/profile-summary.mjs.
//   node bench/profile.mjs [dump|delete|create|tsip-dump|tsip-start|netns-setup...]
// Profiles are written to $PROF_DIR (default /tmp/tsnlbench-prof).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, tsipPath } from './lib/child.mjs';
import { ipBatch, makeNetns, vethLines } from './lib/netns.mjs';
import { Watch } from './lib/settle.mjs';

const OUT = process.env.PROF_DIR ?? '/tmp/tsnlbench-prof';
const here = (f) => join(benchDir, f);

/** Runs node with --cpu-prof; returns the profile path. */
function profiled(name, args, { input, ns } = {}) {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const node = [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', ...args];
  const [cmd, ...argv] = ns ? ['ip', 'netns', 'exec', ns, ...node] : node;
  const r = spawnSync(cmd, argv, { input, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, PROFILE_CHILD: '1' } });
  if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
  if (r.stderr) process.stderr.write(r.stderr);
  const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile')));
  console.log(`\n#### ${name}: ${file}`);
  return file;
}

function summary(file, top = 22, filter) {
  const r = spawnSync(process.execPath, [here('lib/profile-summary.mjs'), file, String(top), ...(filter ? [filter] : [])], { encoding: 'utf8' });
  process.stdout.write(r.stdout + r.stderr);
}

const jobs = {
  dump(ns) {
    summary(profiled('dump', [here('lib/profile-jobs.mjs'), 'dump', ns]));
  },
  delete(ns) {
    summary(profiled('delete', [here('lib/profile-jobs.mjs'), 'delete', ns]), 12);
  },
  create(ns) {
    summary(profiled('create', [here('lib/profile-jobs.mjs'), 'create', ns]));
  },
  'tsip-dump'(ns) {
    summary(profiled('tsip-dump', [tsipPath(), '-n', ns, '-j', 'link', 'show']));
  },
  'tsip-start'() {
    // 20 runs at the default 1 ms interval (less distortion than 0.1 ms on a 80 ms process), summed.
    const dir = join(OUT, 'tsip-start');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 20; i++) spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, tsipPath(), 'link', 'show', 'dev', 'lo'], { stdio: ['ignore', 'pipe', 'inherit'] });
    console.log(`\n#### tsip-start: ${dir} (20 runs, stdout a pipe)`);
    summary(dir, 30);
  },
  'netns-setup'(ns) {
    summary(profiled('netns-setup', [here('lib/profile-jobs.mjs'), 'netns-setup', ns]));
  },
};

const want = process.argv.slice(2);
const watch = new Watch();
try {
  for (const [name, job] of Object.entries(jobs)) {
    if (want.length && !want.includes(name)) continue;
    const ns = makeNetns(`prof${name.replace(/-/g, '')}`);
    try {
      if (name === 'dump' || name === 'tsip-dump') ipBatch(ns, vethLines(2000));
      if (name === 'delete') ipBatch(ns, vethLines(50));
      job(ns);
    } finally {
      await watch.deleteSettled(ns);
    }
  }
} finally {
  watch.close();
}
