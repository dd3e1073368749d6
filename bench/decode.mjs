// Decode throughput on a captured dump of 4,001 links (2,000 veth pairs and
// lo) and of 4,000 addresses: tsnetlink, the npm `netlink` package's rt
// parser and pyroute2, side by side on the same bytes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMessages } from '../dist/netlink/message.js';
import { rtnetlink } from '../dist/families/registry.js';
import { canCreateNetns, deleteNetns, ipBatch, makeNetns } from './lib/netns.mjs';
import { readDatagrams } from './lib/datagrams.mjs';
import { printTable, summarize, timeRounds } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
const nl = require('netlink');
const here = new URL('.', import.meta.url).pathname;
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const PAIRS = Number(process.env.PAIRS ?? 2000);

/** Captures link and address dumps of a namespace holding PAIRS veth pairs. */
export function captureDumps(dir) {
  const ns = makeNetns('decode');
  try {
    const lines = [];
    for (let i = 0; i < PAIRS; i++) lines.push(`link add v${i} type veth peer name w${i}`);
    for (let j = 0; j < 2 * PAIRS; j++) lines.push(`addr add 198.18.${j >> 8}.${j & 255}/32 dev ${j < PAIRS ? 'v' + j : 'w' + (j - PAIRS)}`);
    ipBatch(ns, lines);
    for (const kind of ['link', 'addr']) {
      const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, join(here, 'lib/capture-dump.mjs'), kind, join(dir, `${kind}.bin`)], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`capture of ${kind} dump failed`);
    }
  } finally {
    deleteNetns(ns);
  }
}

function benchOne(label, dgs) {
  const bytes = dgs.reduce((n, d) => n + d.length, 0);
  let msgs = 0;
  const ours = timeRounds(ROUNDS, () => {
    msgs = 0;
    for (const d of dgs) msgs += decodeMessages(d, rtnetlink).length;
  });
  const npm = timeRounds(ROUNDS, () => {
    for (const d of dgs) {
      for (const m of nl.parseMessages(d)) if (m.type >= 16) nl.rt.parseMessage(m.type, m.data);
    }
  });
  const rows = [
    { name: 'tsnetlink decodeMessages', ...ours },
    { name: 'npm netlink rt.parseMessage', ...npm },
  ];
  const py = spawnSync('/usr/bin/python3.11', [join(here, 'lib/pyroute2-decode.py'), join(dirOf, `${label}.bin`), String(Math.max(3, Math.floor(ROUNDS / 5)))], { encoding: 'utf8' });
  if (py.status === 0) rows.push({ name: 'pyroute2 MarshalRtnl.parse', ...summarize(JSON.parse(py.stdout).times) });
  else rows.push({ name: 'pyroute2 (not available)', min: NaN, median: NaN });
  for (const r of rows) {
    r['MB/s'] = ((bytes / 1e6) / (r.min / 1000)).toFixed(0);
    r['msgs/s'] = Math.round(msgs / (r.min / 1000)).toLocaleString('en');
  }
  const title = `decode ${label} dump: ${msgs} messages, ${(bytes / 1e6).toFixed(2)} MB in ${dgs.length} datagrams (best of ${ROUNDS})`;
  printTable(title, rows.filter((r) => !Number.isNaN(r.median)), 'ms', ['MB/s', 'msgs/s']);
  return { title, rows, bytes, messages: msgs, datagrams: dgs.length, rounds: ROUNDS };
}

let dirOf;
/** Runs both decode benchmarks; returns { link, addr } (title, rows, bytes, messages...), or undefined when skipped. */
export function main() {
  if (!canCreateNetns()) {
    console.log('decode bench skipped: needs root and iproute2 to create a namespace');
    return undefined;
  }
  const results = {};
  dirOf = process.env.DUMP_DIR ?? mkdtempSync(join(tmpdir(), 'tsnl-dump-'));
  const keep = !!process.env.DUMP_DIR;
  try {
    if (!existsSync(join(dirOf, 'link.bin'))) captureDumps(dirOf);
    for (const kind of ['link', 'addr']) results[kind] = benchOne(kind, readDatagrams(join(dirOf, `${kind}.bin`)));
  } finally {
    if (!keep) rmSync(dirOf, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
