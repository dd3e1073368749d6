// Command start-up: `tsip link show dev lo` against `node -e 0` (the floor
// for any Node program) and `ip link show dev lo`, RUNS (20) runs each,
// interleaved, timed from spawn to exit (spawnSync). For scale, also the
// import of pyroute2 and the require of the npm `netlink` package (no
// socket, no request). Read-only: `link show` changes nothing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchDir, PYTHON, timeProcess, tsipPath } from './lib/child.mjs';
import { emit, isMain } from './lib/report.mjs';
import { fmt, summarize } from './lib/stats.mjs';

const RUNS = Number(process.env.CLI_RUNS ?? 20);

const peers = [
  { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
  { name: 'tsip link show dev lo', cmd: process.execPath, args: [tsipPath(), 'link', 'show', 'dev', 'lo'] },
  { name: 'ip link show dev lo', cmd: 'ip', args: ['link', 'show', 'dev', 'lo'] },
  { name: "node -e \"require('netlink')\"", cmd: process.execPath, args: ['-e', "require('netlink')"] },
  { name: 'python3.11 -c "import pyroute2"', cmd: PYTHON, args: ['-c', 'import pyroute2'] },
];

export async function main() {
  const times = peers.map(() => []);
  // One untimed run each (disk cache).
  for (const p of peers) timeProcess(p.cmd, p.args);
  for (let r = 0; r < RUNS; r++) for (const [i, p] of peers.entries()) times[i].push(timeProcess(p.cmd, p.args).ms);
  const rows = peers.map((p, i) => ({ name: p.name, ...summarize(times[i]) }));
  const node = rows[0];
  const tsip = rows[1];
  for (const r of rows) r['x node -e 0'] = `${(r.median / node.median).toFixed(2)}x`;
  // Where tsip's time goes past Node's own start-up (bench/lib/start-phases.cjs, a child per run).
  const phases = { read: [], compile: [], evaluate: [], run: [] };
  for (let r = 0; r < RUNS; r++) {
    const c = spawnSync(process.execPath, [join(benchDir, 'lib/start-phases.cjs')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const p = JSON.parse(c.stderr);
    if (p.rejected) throw new Error('V8 rejected the code cache of dist/tsip.cjs');
    for (const k of Object.keys(phases)) phases[k].push(p[k]);
  }
  const what = {
    read: 'read the bundle and its V8 code cache',
    compile: 'compile, from the code cache',
    evaluate: 'evaluate the module-level code (declarations)',
    run: 'run `link show dev lo`: socket, request, answer, output',
  };
  const phaseRows = Object.entries(phases).map(([k, v]) => ({ name: `${k}: ${what[k]}`, ...summarize(v) }));
  const past = phaseRows.reduce((n, r) => n + r.median, 0);
  return {
    id: 'cli-start',
    title: 'CLI start-up',
    tables: [
      { title: `start-up, whole process (${RUNS} runs each)`, unit: ' ms', rows, cols: ['x node -e 0'] },
      { title: `where tsip's start-up goes past Node's own (bundle loaded as bin/tsip.cjs loads it, ${RUNS} runs)`, unit: ' ms', rows: phaseRows, cols: [] },
    ],
    targets: [
      {
        text: '`tsip link show dev lo` at most 1.3x `node -e 0` (min and median)',
        measured: `${fmt(tsip.min)} / ${fmt(tsip.median)} ms (${(tsip.min / node.min).toFixed(2)}x / ${(tsip.median / node.median).toFixed(2)}x)`,
        target: `<= ${fmt(1.3 * node.min)} / ${fmt(1.3 * node.median)} ms`,
        met: tsip.min <= 1.3 * node.min && tsip.median <= 1.3 * node.median,
      },
    ],
    notes: [
      'Runs in the root namespace: `link show` only reads.',
      `Past Node's own start-up, tsip spends ${fmt(past, ' ms')} (sum of the phase medians); 1.3x \`node -e 0\` leaves ${fmt(0.3 * node.median, ' ms')} (median).`,
    ],
  };
}

if (isMain(import.meta.url)) emit(await main());
