// Dump the 4,001 links of a namespace holding 2,000 veth pairs and decode
// them, side by side:
// - tsnetlink links.list() in this process, on a Handle for the namespace
//   (this process's socket, IFLA_TARGET_NETNSID), one handle for all rounds;
// - tsnetlink links.list() in a child inside the namespace (its own socket
//   there: what a program running in the namespace gets);
// - the npm `netlink` rt API's getLinks() and pyroute2's get_links(), in
//   children inside the namespace;
// - `ip -j link show` and `tsip -j link show`, whole processes.
// Children time their own rounds; their start-up is reported apart. The
// first call of each in-process peer is shown too (cold: code not yet
// optimised).
//
// Memory: a fresh child per peer resets its peak RSS (clear_refs), dumps
// once and, while holding the result, reports the peak RSS above the
// baseline and what is still held after a garbage collection, as multiples
// of the raw bytes of the dump (the datagrams as the kernel sent them).
import { join } from 'node:path';
import { open } from '../dist/api/handle.js';
import { benchDir, PYTHON, runChild, timeProcess, tsipPath } from './lib/child.mjs';
import { canCreateNetns, ipBatch, linkCount, makeNetns, vethLines } from './lib/netns.mjs';
import { emit, isMain } from './lib/report.mjs';
import { Watch } from './lib/settle.mjs';
import { fmt, roundsFor, summarize } from './lib/stats.mjs';

const PAIRS = Number(process.env.DUMP_PAIRS ?? 2000);
const LINKS = 2 * PAIRS + 1;

async function inProcess(ns, rounds) {
  const h = open({ netns: ns });
  const times = [];
  let n = 0;
  try {
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const links = await h.links.list();
      times.push(performance.now() - t0);
      n = links.length;
    }
  } finally {
    h.close();
  }
  if (n !== LINKS) throw new Error(`links.list() gave ${n} links, expected ${LINKS}`);
  return { times };
}

function child(kind, ns, rounds) {
  const r =
    kind === 'py'
      ? runChild(PYTHON, [join(benchDir, 'lib/pyroute2-child.py'), 'dump', String(rounds)], { ns })
      : runChild(process.execPath, [join(benchDir, kind === 'npm' ? 'lib/npm-netlink-child.mjs' : 'lib/tsnetlink-child.mjs'), 'dump', String(rounds)], { ns });
  if (r.links !== LINKS) throw new Error(`${kind} child dumped ${r.links} links, expected ${LINKS}`);
  return { times: r.times, startup: r.startupMs };
}

function memory(kind, ns) {
  return kind === 'py'
    ? runChild(PYTHON, [join(benchDir, 'lib/pyroute2-child.py'), 'dump', '1', '--memory'], { ns })
    : runChild(process.execPath, ['--expose-gc', join(benchDir, kind === 'npm' ? 'lib/npm-netlink-child.mjs' : 'lib/tsnetlink-child.mjs'), 'dump', '1', '--memory'], { ns });
}

function wholeProcess(cmd, args, rounds) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const { ms, stdout } = timeProcess(cmd, args);
    times.push(ms);
    if (i === 0) {
      const n = JSON.parse(stdout.toString()).length;
      if (n !== LINKS) throw new Error(`${cmd} printed ${n} links, expected ${LINKS}`);
    }
  }
  return { times };
}

export async function main() {
  if (!canCreateNetns()) return { id: 'dump', title: 'dump links (skipped: needs root)', tables: [] };
  const rounds = roundsFor(15);
  const watch = new Watch();
  const ns = makeNetns('dump');
  const rows = [];
  const mem = [];
  const layers = [];
  try {
    ipBatch(ns, vethLines(PAIRS));
    const n = linkCount(ns);
    if (n !== LINKS) throw new Error(`${n} links in ${ns}, expected ${LINKS}`);
    const peers = [
      ['tsnetlink links.list() (library, netns handle, in process)', () => inProcess(ns, rounds)],
      ['tsnetlink links.list() (in child inside the namespace)', () => child('ts', ns, rounds)],
      ['npm netlink rt getLinks() (in child)', () => child('npm', ns, rounds)],
      ['pyroute2 IPRoute.get_links() (in child)', () => child('py', ns, Math.max(3, Math.ceil(rounds / 2)))],
      ['ip -j link show (whole process)', () => wholeProcess('ip', ['-n', ns, '-j', 'link', 'show'], rounds)],
      ['tsip -j link show (whole process)', () => wholeProcess(process.execPath, [tsipPath(), '-n', ns, '-j', 'link', 'show'], rounds)],
    ];
    for (const [name, run] of peers) {
      const r = await run();
      const s = summarize(r.times);
      rows.push({ name, ...s, 'first call': fmt(r.times[0], ' ms'), 'start-up': r.startup === undefined ? '' : fmt(r.startup, ' ms') });
    }
    for (const [kind, name] of [['ts', 'tsnetlink links.list()'], ['npm', 'npm netlink getLinks()'], ['py', 'pyroute2 get_links()']]) {
      const m = memory(kind, ns);
      mem.push({
        name,
        'raw bytes': m.rawBytes.toLocaleString('en'),
        'peak RSS delta': `${fmt(m.peakDelta / 1e6)} MB`,
        'peak / raw': `${fmt(m.peakDelta / m.rawBytes)}x`,
        'held RSS delta': `${fmt(m.heldRssDelta / 1e6)} MB`,
        'held / raw': `${fmt(m.heldRssDelta / m.rawBytes)}x`,
        'held heap / raw': m.heldHeapDelta === undefined ? '-' : `${fmt(m.heldHeapDelta / m.rawBytes)}x`,
      });
    }
    // tsnetlink layer by layer, in a child inside the namespace.
    const b = runChild(process.execPath, [join(benchDir, 'lib/dump-breakdown.mjs'), String(rounds)], { ns });
    const what = {
      raw: 'raw socket reads, no decoding (kernel + binding)',
      dump: '+ Connection.dump: engine and decodeAt, result kept',
      list: 'Handle.links.list(): what the library asks (with toLink views)',
      'skip-stats': 'Connection.dump asking RTEXT_FILTER_SKIP_STATS',
    };
    for (const [k, v] of Object.entries(b).filter(([k]) => k in what)) {
      const s = summarize(v.times);
      layers.push({ name: `${k}: ${what[k]}`, ...s, 'GC (median)': fmt(summarize(v.gc).median, ' ms'), 'raw bytes': v.bytes?.toLocaleString('en') ?? '' });
    }
    await watch.deleteSettled(ns);
  } finally {
    watch.close();
  }
  const lib = rows[0];
  const inNs = rows[1];
  const ip = rows.find((r) => r.name.startsWith('ip -j'));
  return {
    id: 'dump',
    title: `Dump ${LINKS.toLocaleString('en')} links and decode`,
    tables: [
      { title: `dump ${LINKS} links (${PAIRS} veth pairs + lo) and decode (${rounds} rounds)`, unit: ' ms', rows, cols: ['first call', 'start-up'] },
      { title: `where tsnetlink's dump time goes, layer by layer (child inside the namespace, ${rounds} rounds)`, unit: ' ms', rows: layers, cols: ['GC (median)', 'raw bytes'] },
      {
        title: `memory while holding the ${LINKS}-link dump (fresh child, one dump)`,
        plain: true,
        rows: mem,
        cols: ['raw bytes', 'peak RSS delta', 'peak / raw', 'held RSS delta', 'held / raw', 'held heap / raw'],
      },
    ],
    targets: [
      { text: `tsnetlink links.list() of ${LINKS} links in process (netns handle) at most 20 ms (min and median)`, measured: `${fmt(lib.min)} / ${fmt(lib.median)} ms`, target: '<= 20 ms', met: lib.min <= 20 && lib.median <= 20 },
      { text: `tsnetlink links.list() of ${LINKS} links inside the namespace at most 20 ms (min and median)`, measured: `${fmt(inNs.min)} / ${fmt(inNs.median)} ms`, target: '<= 20 ms', met: inNs.min <= 20 && inNs.median <= 20 },
    ],
    notes: [
      `For scale: the whole \`ip -j link show\` process takes ${fmt(ip.median, ' ms')} (median).`,
      'Raw bytes are what each peer received: tsnetlink links.list() asks RTEXT_FILTER_SKIP_STATS (since 8bba148), the others get the counters too.',
      'Peak RSS delta: VmHWM after the dump (taken again after a GC, since the kernel updates the recorded mark lazily) minus VmRSS just before it, in a child whose peak was reset; held: VmRSS after a GC with the result still referenced.',
    ],
  };
}

if (isMain(import.meta.url)) emit(await main());
