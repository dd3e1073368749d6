// Dump the 4,001 links of a namespace holding 2,000 veth pairs and decode
// them, side by side:
// - tsnetlink links.list() in this process, on a Handle for the namespace
//   (this process's socket, IFLA_TARGET_NETNSID), one handle for all rounds;
// - tsnetlink links.list() in a child inside the namespace (its own socket
//   there: what a program running in the namespace gets);
// - the npm `netlink` rt API's getLinks(), pyroute2's get_links() and Go's
//   vishvananda/netlink LinkList() (bench/go/link-list; skipped with a note
//   when Go or the package is missing), in children inside the namespace;
// - `ip -j link show` and `tsip -j link show`, whole processes;
// - the floor: receiving the dump and decoding nothing, for both dumps
//   asked here (with the counters, and RTEXT_FILTER_SKIP_STATS), on the
//   binding tsnetlink reads with (a child) and on a plain recvfrom loop (Go);
// - tsnetlink layer by layer (bench/lib/dump-breakdown.mjs, a child).
// Children stay up for the whole run and answer one request per round
// (bench/lib/served-child.mjs), so the rounds go round-robin: every round
// runs each peer once, in an order rotated by one each round, and load on
// the machine hits all peers alike. Round 0 is a warm-up, shown as "first
// call" and left out of min and median. Children time their own calls;
// their start-up (spawn to ready, one child at a time) is shown apart.
//
// Memory: a fresh child per peer resets its peak RSS (clear_refs), dumps
// once and, while holding the result, reports the peak RSS above the
// baseline and what is still held after a garbage collection, as multiples
// of the raw bytes of the dump (the datagrams as the kernel sent them).
import { join } from 'node:path';
import { open } from '../dist/api/handle.js';
import { benchDir, PYTHON, runChild, timeProcess, tsipPath } from './lib/child.mjs';
import { buildGoDriver, removeGoBuild } from './lib/go-build.mjs';
import { canCreateNetns, ipBatch, linkCount, makeNetns, vethLines } from './lib/netns.mjs';
import { emit, isMain } from './lib/report.mjs';
import { ServedChild } from './lib/served-child.mjs';
import { Watch } from './lib/settle.mjs';
import { fmt, roundsFor, summarize } from './lib/stats.mjs';

const PAIRS = Number(process.env.DUMP_PAIRS ?? 2000);
const LINKS = 2 * PAIRS + 1;

/** What a peer asks the kernel for (checked with strace), and the floor it is held against. */
const ASKS = {
  skip: 'RTEXT_FILTER_VF|SKIP_STATS',
  vf: 'RTEXT_FILTER_VF (counters)',
  bare: 'no IFLA_EXT_MASK (counters)',
};
const floorOf = (asks) => (asks === 'skip' ? 'skip' : 'vf');

const checkLinks = (what, n) => {
  if (n !== LINKS) throw new Error(`${what} gave ${n} links, expected ${LINKS}`);
};

function memory(kind, ns) {
  return kind === 'py'
    ? runChild(PYTHON, [join(benchDir, 'lib/pyroute2-child.py'), 'dump', '1', '--memory'], { ns })
    : runChild(process.execPath, ['--expose-gc', join(benchDir, kind === 'npm' ? 'lib/npm-netlink-child.mjs' : 'lib/tsnetlink-child.mjs'), 'dump', '1', '--memory'], { ns });
}

/** One call of a served child: request `line`, check the links, return ms. */
async function served(child, line, what) {
  const r = await child.request(line);
  if (r.links !== undefined) checkLinks(what, r.links);
  return { ms: r.times[0], gc: r.gc?.[0], bytes: r.bytes };
}

function wholeProcess(cmd, args, check) {
  const { ms, stdout } = timeProcess(cmd, args);
  if (check) checkLinks(cmd, JSON.parse(stdout.toString()).length);
  return { ms };
}

export async function main() {
  if (!canCreateNetns()) return { id: 'dump', title: 'dump links (skipped: needs root)', tables: [] };
  const rounds = roundsFor(15);
  const watch = new Watch();
  const ns = makeNetns('dump');
  const go = buildGoDriver('link-list');
  const notes = [];
  const children = [];
  const mem = [];
  let handle;
  const items = [];
  try {
    ipBatch(ns, vethLines(PAIRS));
    const n = linkCount(ns);
    if (n !== LINKS) throw new Error(`${n} links in ${ns}, expected ${LINKS}`);

    // Children, started one at a time (their start-up is measured alone).
    const start = async (cmd, args) => {
      const c = new ServedChild(cmd, args, { ns });
      children.push(c);
      c.startup = await c.ready();
      return c;
    };
    const ts = await start(process.execPath, [join(benchDir, 'lib/tsnetlink-child.mjs'), 'serve']);
    const npm = await start(process.execPath, [join(benchDir, 'lib/npm-netlink-child.mjs'), 'serve']);
    const py = await start(PYTHON, [join(benchDir, 'lib/pyroute2-child.py'), 'serve']);
    const layers = await start(process.execPath, [join(benchDir, 'lib/dump-breakdown.mjs'), 'serve']);
    const goChild = go.skip ? undefined : await start(go.bin, ['serve']);
    handle = open({ netns: ns });
    const h = handle;

    // Every item runs once per round; `table` says where its row goes.
    const add = (table, name, asks, run, extra = {}) => items.push({ table, name, asks, run, times: [], gc: [], ...extra });
    add('main', 'tsnetlink links.list() (library, netns handle, in process)', 'skip', async () => {
      const t0 = performance.now();
      const links = await h.links.list();
      const ms = performance.now() - t0;
      checkLinks('links.list()', links.length);
      return { ms };
    });
    add('main', 'tsnetlink links.list() (in child inside the namespace)', 'skip', () => served(ts, 'dump 1', 'tsnetlink child'), { child: ts });
    add('main', 'npm netlink rt getLinks() (in child)', 'bare', () => served(npm, 'dump 1', 'npm netlink child'), { child: npm });
    // pyroute2 takes seconds per dump: every other round.
    add('main', 'pyroute2 IPRoute.get_links() (in child)', 'bare', () => served(py, 'dump 1', 'pyroute2 child'), { child: py, every: 2 });
    if (goChild) add('main', 'Go vishvananda/netlink LinkList() (in child)', 'vf', () => served(goChild, 'list 1', 'Go LinkList'), { child: goChild });
    add('main', 'ip -j link show (whole process)', 'vf', (r) => wholeProcess('ip', ['-n', ns, '-j', 'link', 'show'], r === 0));
    add('main', 'tsip -j link show (whole process)', 'skip', (r) => wholeProcess(process.execPath, [tsipPath(), '-n', ns, '-j', 'link', 'show'], r === 0));
    add('floor', 'floor, Node: RawNetlinkSocket (the binding tsnetlink reads with), counters', 'vf', () => served(layers, 'raw 1'), { floor: 'node-vf' });
    add('floor', 'floor, Node: RawNetlinkSocket (the binding tsnetlink reads with), SKIP_STATS', 'skip', () => served(layers, 'raw-skip 1'), { floor: 'node-skip' });
    if (goChild) {
      add('floor', 'floor, Go: plain recvfrom loop, counters', 'vf', () => served(goChild, 'floor vf 1'), { floor: 'go-vf' });
      add('floor', 'floor, Go: plain recvfrom loop, SKIP_STATS', 'skip', () => served(goChild, 'floor skip 1'), { floor: 'go-skip' });
    }
    add('layers', 'dump: Connection.dump, engine and decodeAt, result kept (counters)', 'vf', () => served(layers, 'dump 1'));
    add('layers', 'skip-stats: Connection.dump asking SKIP_STATS (what links.list() asks)', 'skip', () => served(layers, 'skip-stats 1'));
    add('layers', 'list: Handle.links.list() (SKIP_STATS, with toLink views; nests decoded when read)', 'skip', () => served(layers, 'list 1'));
    add('layers', 'list-eager: the same, every reply decoded whole (open({ lazy: false }))', 'skip', () => served(layers, 'list-eager 1'));

    // Round 0 warms up; rounds 1..rounds are timed. Round-robin, rotated.
    for (let r = 0; r <= rounds; r++) {
      const k = r % items.length;
      for (const it of [...items.slice(k), ...items.slice(0, k)]) {
        if (it.every && r % it.every !== 0) continue;
        const x = await it.run(r);
        if (r === 0) it.first = x.ms;
        else {
          it.times.push(x.ms);
          if (x.gc !== undefined) it.gc.push(x.gc);
        }
        if (x.bytes !== undefined) it.bytes = x.bytes;
      }
    }
    h.close();
    handle = undefined;
    for (const c of children.splice(0)) await c.close();

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
    await watch.deleteSettled(ns);
  } finally {
    handle?.close();
    for (const c of children) c.kill();
    watch.close();
    removeGoBuild(go);
  }

  for (const it of items) Object.assign(it, summarize(it.times));
  const floors = Object.fromEntries(items.filter((it) => it.floor).map((it) => [it.floor, it]));
  // "x floor": a row's median over the median of the Node floor of the dump it receives.
  const xFloor = (it) => it.median / floors[`node-${floorOf(it.asks)}`].median;
  const row = (it, cols) => ({ name: it.name, min: it.min, median: it.median, rounds: it.rounds, times: it.times, asks: ASKS[it.asks], 'x floor': `${xFloor(it).toFixed(2)}x`, ...cols });
  const rows = items.filter((it) => it.table === 'main').map((it) => row(it, { 'first call': fmt(it.first, ' ms'), 'start-up': it.child ? fmt(it.child.startup, ' ms') : '' }));
  const floorRows = items.filter((it) => it.table === 'floor').map((it) => row(it, { 'first call': fmt(it.first, ' ms'), 'raw bytes': it.bytes?.toLocaleString('en') ?? '' }));
  const layerRows = items.filter((it) => it.table === 'layers').map((it) => row(it, { 'GC (median)': fmt(summarize(it.gc).median, ' ms'), 'raw bytes': it.bytes?.toLocaleString('en') ?? '' }));

  const find = (prefix) => items.find((it) => it.table === 'main' && it.name.startsWith(prefix));
  const lib = find('tsnetlink links.list() (library');
  const inNs = find('tsnetlink links.list() (in child');
  const ip = find('ip -j');
  const tsip = find('tsip -j');
  const goRow = find('Go ');
  const ratio = (a, b) => `${(a.min / b.min).toFixed(2)}x / ${(a.median / b.median).toFixed(2)}x`;
  const floorText = (it) => `${(it.min / floors[`node-${floorOf(it.asks)}`].min).toFixed(2)}x / ${xFloor(it).toFixed(2)}x its floor`;
  const floorMs = (k) => `${fmt(floors[`node-${k}`].min)} / ${fmt(floors[`node-${k}`].median)} ms`;
  const targets = [];
  const missed = [];

  const tsipMet = tsip.min <= 2.5 * ip.min && tsip.median <= 2.5 * ip.median;
  targets.push({
    issue: 1,
    text: `\`tsip -j link show\` of ${LINKS.toLocaleString('en')} links at most 2.5x \`ip -j link show\` (whole processes, min and median)`,
    measured: `${fmt(tsip.min)} / ${fmt(tsip.median)} ms (${ratio(tsip, ip)} ip)`,
    target: `<= ${fmt(2.5 * ip.min)} / ${fmt(2.5 * ip.median)} ms`,
    met: tsipMet,
  });
  if (!tsipMet) missed.push(`\`tsip -j link show\` missed 2.5x \`ip -j\`: it takes ${floorText(tsip)}, \`ip -j link show\` ${floorText(ip)} (min / median; the floors of the dumps they receive: tsip asks without the counters, ${floorMs('skip')}; ip with them, ${floorMs('vf')}). What is left above it is start-up, decoding and printing.`);

  if (goRow) {
    const met = lib.min <= 0.8 * goRow.min && lib.median <= 0.8 * goRow.median;
    targets.push({
      issue: 2,
      text: `tsnetlink \`links.list()\` of ${LINKS.toLocaleString('en')} links in process at most 0.8x Go vishvananda/netlink \`LinkList()\` measured in the same run (${fmt(goRow.min)} / ${fmt(goRow.median)} ms) (min and median)`,
      measured: `${fmt(lib.min)} / ${fmt(lib.median)} ms (${ratio(lib, goRow)} Go)`,
      target: `<= ${fmt(0.8 * goRow.min)} / ${fmt(0.8 * goRow.median)} ms`,
      met,
    });
    if (!met) {
      const f = floors['node-skip'];
      missed.push(
        `links.list() missed 0.8x Go: it takes ${floorText(lib)} (min / median; the floor of its SKIP_STATS dump: ${floorMs('skip')}). 0.8x Go's median is ${fmt(0.8 * goRow.median, ' ms')}, ${((0.8 * goRow.median) / f.median).toFixed(2)}x the floor of the dump links.list() receives${0.8 * goRow.median <= f.median ? ' (below the floor: decoding faster cannot reach it, only receiving faster)' : ''}; Go's LinkList takes ${floorText(goRow)} (the floor of its dump, with the counters: ${floorMs('vf')}).`,
      );
    }
    notes.push(`links.list() in a child inside the namespace (its own socket there): ${ratio(inNs, goRow)} Go's LinkList (min / median).`);
  } else {
    targets.push({
      issue: 2,
      text: `tsnetlink \`links.list()\` of ${LINKS.toLocaleString('en')} links in process at most 0.8x Go vishvananda/netlink \`LinkList()\``,
      measured: `${fmt(lib.min)} / ${fmt(lib.median)} ms`,
      target: 'not measured (Go missing)',
      met: undefined,
    });
    notes.push(`Go vishvananda/netlink LinkList() not measured: ${go.skip}.`);
  }

  return {
    id: 'dump',
    title: `Dump ${LINKS.toLocaleString('en')} links and decode`,
    tables: [
      { title: `dump ${LINKS} links (${PAIRS} veth pairs + lo) and decode (${rounds} rounds, round-robin)`, unit: ' ms', rows, cols: ['x floor', 'asks', 'first call', 'start-up'] },
      { title: `the floor: receiving the dump, decoding nothing (children inside the namespace, same rounds)`, unit: ' ms', rows: floorRows, cols: ['x floor', 'raw bytes', 'first call'] },
      { title: `where tsnetlink's dump time goes, layer by layer (child inside the namespace, same rounds)`, unit: ' ms', rows: layerRows, cols: ['x floor', 'GC (median)', 'raw bytes'] },
      {
        title: `memory while holding the ${LINKS}-link dump (fresh child, one dump)`,
        plain: true,
        rows: mem,
        cols: ['raw bytes', 'peak RSS delta', 'peak / raw', 'held RSS delta', 'held / raw', 'held heap / raw'],
      },
    ],
    targets,
    notes: [
      ...missed,
      ...notes,
      'Rounds are round-robin: each round runs every row of the three timed tables once (pyroute2 every other round), in an order rotated by one each round; children stay up between rounds and answer one request per round. Round 0 warms up (shown as "first call") and is not counted.',
      '"x floor": each row\'s median over the median of the Node floor (the binding tsnetlink reads with, 32 KiB reads, nothing decoded) of the dump that row receives: SKIP_STATS for links.list(), the counters for the others. The Go floor (plain recvfrom loop) shows what the kernel alone costs.',
      'What each asks the kernel (strace): links.list() RTM_GETLINK AF_UNSPEC with IFLA_EXT_MASK RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS; `ip -j link show` (iproute2 6.1) AF_PACKET with RTEXT_FILTER_VF only (the counters included, then not printed; the kernel answers AF_PACKET with its AF_UNSPEC dump); `tsip -j link show` the same with RTEXT_FILTER_SKIP_STATS added (it prints no counters without -s); Go LinkList() AF_UNSPEC with RTEXT_FILTER_VF; npm netlink getLinks() and pyroute2 get_links() a bare ifinfomsg without IFLA_EXT_MASK (the counters included; no VF attributes, which veths have none of anyway).',
      'Peak RSS delta: VmHWM after the dump (taken again after a GC, since the kernel updates the recorded mark lazily) minus VmRSS just before it, in a child whose peak was reset; held: VmRSS after a GC with the result still referenced.',
    ],
  };
}

if (isMain(import.meta.url)) emit(await main());
