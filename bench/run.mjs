// `npm run bench`: runs every workload, each in its own process, in order;
// prints the tables and writes docs/benchmarks.md (tables, targets, the
// machine it ran on).
//
//   node bench/run.mjs [WORKLOAD...]     (default: all, in the order below)
//   ROUNDS=N                             rounds of every workload (default: each its own)
//
// Every workload works in throwaway namespaces named tsnlbench-*-<pid> that
// it deletes itself (also on failure and Ctrl-C); whatever a crashed
// workload left behind is deleted here, by the pid of the process that made it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDir, PYTHON, repoDir } from './lib/child.mjs';
import { printResult } from './lib/report.mjs';
import { fmt } from './lib/stats.mjs';

// Start-up first: the namespace workloads leave the kernel tearing down
// thousands of devices in its work queues for a while after they return,
// which a 20 ms measurement feels most.
const WORKLOADS = [
  ['cli-start', 'cli-start.mjs'],
  ['create-veth', 'create-veth.mjs'],
  ['delete-veth', 'delete-veth.mjs'],
  ['dump', 'dump.mjs'],
  ['decode', 'lib/decode-workload.mjs'],
  ['netns-setup', 'netns-setup.mjs'],
  ['scale', 'scale.mjs'],
];

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout + r.stderr).trim() : undefined;
}

function machine() {
  const model = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  const mem = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
  // BENCH_COMMIT: when the tree is a copy without .git (e.g. `git archive HEAD`).
  const commit = process.env.BENCH_COMMIT ?? sh('git', ['-C', repoDir, 'rev-parse', '--short', 'HEAD']) ?? 'unknown';
  const dirty = sh('git', ['-C', repoDir, 'status', '--porcelain', '--', 'src'])?.length ? ' (src/ modified)' : '';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: sh('nproc', []) ?? String(availableParallelism()),
    cpu: model,
    memory: mem ? `${(Number(mem) / 1024 / 1024).toFixed(1)} GiB` : undefined,
    kernel: release(),
    node: process.version,
    iproute2: sh('ip', ['-V'])?.replace(/^ip utility, /, ''),
    pyroute2: sh(PYTHON, ['-c', 'import importlib.metadata as m; print(m.version("pyroute2"))']),
    python: sh(PYTHON, ['-c', 'import platform; print(platform.python_version())']),
    go: sh('go', ['version'])?.replace(/^go version /, ''),
    'vishvananda/netlink': sh('dpkg-query', ['-W', '-f', '${Version}', 'golang-github-vishvananda-netlink-dev']),
    'npm netlink': JSON.parse(readFileSync(join(repoDir, 'node_modules/netlink/package.json'), 'utf8')).version,
    tsnetlink: `${JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')).version}, commit ${commit}${dirty}`,
    'net.core.rmem_max': sh('sysctl', ['-n', 'net.core.rmem_max']),
  };
}

function runWorkload(file, out) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(benchDir, file)], { stdio: 'inherit', env: { ...process.env, BENCH_RESULT: out } });
    const fwd = (sig) => () => child.kill(sig);
    const handlers = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => [s, fwd(s)]);
    for (const [s, h] of handlers) process.on(s, h);
    child.on('exit', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve({ pid: child.pid, code, signal });
    });
  });
}

/** Deletes namespaces named tsnlbench-*-<pid> left by the workload process `pid`. */
function sweep(pid) {
  if (!existsSync('/run/netns')) return [];
  const left = readdirSync('/run/netns').filter((n) => n.startsWith('tsnlbench-') && n.endsWith(`-${pid}`));
  for (const n of left) spawnSync('ip', ['netns', 'del', n]);
  return left;
}

/**
 * The root namespace's links and addresses (what the benchmarks must never
 * change), read with `ip -j` before and after the run.
 */
function rootSnapshot() {
  const j = (args) => JSON.parse(spawnSync('ip', ['-j', ...args], { encoding: 'utf8' }).stdout || '[]');
  const links = j(['link', 'show']).map((l) => [l.ifindex, l.ifname, l.flags?.filter((f) => f !== 'LOWER_UP' && f !== 'NO-CARRIER').join(','), l.mtu, l.master, l.address].join(' '));
  const addrs = j(['addr', 'show']).flatMap((l) => (l.addr_info ?? []).map((a) => `${l.ifname} ${a.local}/${a.prefixlen}`));
  return [...links, ...addrs].sort().join('\n');
}

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|');

function markdownTable(t) {
  const cols = t.cols ?? [];
  if (t.plain) {
    const head = `| peer | ${cols.join(' | ')} |\n|---|${cols.map(() => '---:').join('|')}|`;
    return `${head}\n${t.rows.map((r) => `| ${cell(r.name)} | ${cols.map((c) => cell(r[c] ?? '-')).join(' | ')} |`).join('\n')}`;
  }
  const rows = t.rows.filter((r) => Number.isFinite(r.median));
  const best = Math.min(...rows.map((r) => r.median));
  const unit = t.unit ?? ' ms';
  const head = `| peer | min | median | x fastest | ${cols.join(' | ')} |\n|---|---:|---:|---:|${cols.map(() => '---:').join('|')}|`;
  return `${head}\n${rows
    .map((r) => `| ${cell(r.name)} | ${fmt(r.min, unit)} | ${fmt(r.median, unit)} | ${(r.median / best).toFixed(2)} | ${cols.map((c) => cell(r[c] ?? '')).join(' | ')} |`)
    .join('\n')}`;
}

function markdown(results, m, failures, elapsed) {
  const out = [];
  out.push('# Benchmarks', '');
  out.push(
    'Written by `npm run bench` (`bench/run.mjs`); do not edit by hand. Every workload runs side by side in throwaway namespaces (`tsnlbench-*`): tsnetlink (library and `tsip`), `ip -batch`, `ip` per command, pyroute2 and the npm `netlink` package\'s rt API. Times are min and median over rounds; "x fastest" is each median over the fastest median. A target counts as met only when both the min and the median meet it (the min resists other load on the machine, the median shows the usual case). Peers run in child processes inside the namespace (`ip netns exec`) time their own work; their start-up (spawn to socket open) is shown apart.',
    '',
  );
  const partial = results.length + failures.length < WORKLOADS.length ? ` Partial run: ${results.map((r) => r.id).join(', ')} only.` : '';
  out.push(`Run of ${m.date}, ${fmt(elapsed / 1000, ' s')} in all${process.env.ROUNDS ? `, ROUNDS=${process.env.ROUNDS}` : ''}.${partial}`, '');
  out.push('## Targets', '', '| workload | target | measured | bound | |', '|---|---|---:|---:|---|');
  // The targets an issue lists (those with an `issue` order) first, in its order; then the rest.
  const targets = results.flatMap((r) => (r.targets ?? []).map((g) => ({ ...g, workload: r.title })));
  targets.sort((a, b) => (a.issue ?? Infinity) - (b.issue ?? Infinity));
  for (const g of targets) out.push(`| ${cell(g.workload)} | ${cell(g.text)} | ${cell(g.measured)} | ${cell(g.target)} | ${g.met === undefined ? 'not measured' : g.met ? 'met' : '**missed**'} |`);
  out.push('');
  for (const f of failures) out.push(`- **${f}**`);
  if (failures.length) out.push('');
  for (const r of results) {
    out.push(`## ${r.title}`, '');
    for (const t of r.tables) out.push(`${t.title}:`, '', markdownTable(t), '');
    for (const n of r.notes ?? []) out.push(`- ${n}`);
    if (r.notes?.length) out.push('');
  }
  out.push('## Machine', '', '| | |', '|---|---|');
  for (const [k, v] of Object.entries(m)) out.push(`| ${k} | ${cell(v ?? '?')} |`);
  out.push('');
  return out.join('\n');
}

async function main() {
  const want = process.argv.slice(2);
  const unknown = want.filter((w) => !WORKLOADS.some(([id]) => id === w));
  if (unknown.length) {
    console.error(`unknown workload(s): ${unknown.join(', ')}; known: ${WORKLOADS.map(([id]) => id).join(', ')}`);
    process.exit(2);
  }
  if (process.getuid?.() !== 0) console.error('note: not root: the namespace workloads will be skipped');
  const m = machine();
  const root0 = rootSnapshot();
  // The machine may be shared: sample the 1-minute load average during the run.
  const loads = [];
  const sampler = setInterval(() => loads.push(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])), 2000);
  const dir = mkdtempSync(join(tmpdir(), 'tsnlbench-results-'));
  const results = [];
  const failures = [];
  const t0 = performance.now();
  try {
    for (const [id, file] of WORKLOADS) {
      if (want.length && !want.includes(id)) continue;
      console.log(`\n##### ${id} (${file})`);
      const out = join(dir, `${id}.json`);
      const w0 = performance.now();
      const { pid, code, signal } = await runWorkload(file, out);
      const left = sweep(pid);
      if (left.length) console.log(`deleted namespaces left by ${id}: ${left.join(', ')}`);
      if (signal === 'SIGINT' || signal === 'SIGTERM' || code === 130) process.exit(130);
      if (code !== 0 || !existsSync(out)) {
        failures.push(`${id} failed (exit ${code ?? signal})`);
        continue;
      }
      const r = JSON.parse(readFileSync(out, 'utf8'));
      r.seconds = (performance.now() - w0) / 1000;
      results.push(r);
      console.log(`(${id}: ${fmt(r.seconds, ' s')})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const elapsed = performance.now() - t0;
  clearInterval(sampler);
  if (loads.length) {
    const l = [...loads].sort((a, b) => a - b);
    m['load during the run'] = `1-min load average, sampled every 2 s: min ${l[0]}, median ${l[Math.floor(l.length / 2)]}, max ${l[l.length - 1]} (on ${m.nproc} CPUs; it also counts tasks waiting in the kernel, e.g. namespace teardown, so the benchmark alone shows about 1 to 2; more means other work competed; min times are the robust ones then)`;
  }
  const root1 = rootSnapshot();
  if (root1 !== root0) failures.push(`the root namespace's links or addresses changed during the run:\nbefore:\n${root0}\nafter:\n${root1}`);
  else console.log('\nroot namespace: links and addresses unchanged');
  m['root namespace'] = root1 === root0 ? 'links and addresses unchanged by the run (checked with ip -j before and after)' : 'CHANGED during the run (see above)';
  console.log('\n\n########## summary');
  for (const r of results) printResult(r);
  const targets = results.flatMap((r) => r.targets ?? []).sort((a, b) => (a.issue ?? Infinity) - (b.issue ?? Infinity));
  if (targets.length) console.log('\ntargets:');
  for (const g of targets) console.log(`  ${g.met === undefined ? 'NOT MEASURED' : g.met ? 'met   ' : 'MISSED'}  ${g.text}: ${g.measured} (target ${g.target})`);
  for (const f of failures) console.log(`FAILED: ${f}`);
  console.log('\nmachine:', m);
  mkdirSync(join(repoDir, 'docs'), { recursive: true });
  writeFileSync(join(repoDir, 'docs/benchmarks.md'), markdown(results, m, failures, elapsed));
  console.log(`\nwrote docs/benchmarks.md (${fmt(elapsed / 1000, ' s')} in all)`);
  if (failures.length) process.exitCode = 1;
}

await main();
