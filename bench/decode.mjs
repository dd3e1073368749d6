// Decode throughput on a captured dump of 4,001 links (2,000 veth pairs and
// lo) and of 4,000 addresses: tsnetlink, the npm `netlink` package's rt
// parser and pyroute2, side by side on the same bytes. tsnetlink, npm
// netlink and the floor (a plain loop walking the message and attribute
// headers, reading no value) run round-robin in this process, the order
// rotated each round; pyroute2 runs in a child on the same file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMessages } from '../dist/netlink/message.js';
import { rtnetlink } from '../dist/families/registry.js';
import { canCreateNetns, deleteNetns, ipBatch, makeNetns } from './lib/netns.mjs';
import { readDatagrams } from './lib/datagrams.mjs';
import { printTable, summarize } from './lib/stats.mjs';

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

/** Fixed header length after the nlmsghdr, by message type (RTM_NEWLINK: ifinfomsg, RTM_NEWADDR: ifaddrmsg). */
const FIXED = { 16: 16, 20: 8 };

/**
 * The floor of decoding: walks every message header and every top-level
 * attribute header of the datagrams (length and type), reads no value.
 * Returns the number of attributes seen.
 */
export function walkHeaders(dgs) {
  let attrs = 0;
  for (const d of dgs) {
    for (let off = 0; off + 16 <= d.length; ) {
      const len = d[off] | (d[off + 1] << 8) | (d[off + 2] << 16) | (d[off + 3] << 24);
      const type = d[off + 4] | (d[off + 5] << 8);
      if (len < 16 || off + len > d.length) break;
      const end = off + len;
      for (let a = off + 16 + (FIXED[type] ?? 0); a + 4 <= end; ) {
        const alen = d[a] | (d[a + 1] << 8);
        if (alen < 4) break;
        attrs += (d[a + 2] | (d[a + 3] << 8)) === 0xffff ? 0 : 1;
        a += (alen + 3) & ~3;
      }
      off += (len + 3) & ~3;
    }
  }
  return attrs;
}

function benchOne(label, dgs) {
  const bytes = dgs.reduce((n, d) => n + d.length, 0);
  let msgs = 0;
  const peers = [
    {
      name: 'tsnetlink decodeMessages',
      fn: () => {
        msgs = 0;
        for (const d of dgs) msgs += decodeMessages(d, rtnetlink).length;
      },
    },
    {
      // Lazy: nests of 64 bytes or more (IFLA_AF_SPEC, the counters) kept as
      // getters over the bytes, decoded when read; nothing reads them here.
      name: 'tsnetlink decodeMessages, lazy (nests decoded when read, none read)',
      fn: () => {
        for (const d of dgs) decodeMessages(d, rtnetlink, true);
      },
    },
    {
      name: 'npm netlink rt.parseMessage',
      fn: () => {
        for (const d of dgs) {
          for (const m of nl.parseMessages(d)) if (m.type >= 16) nl.rt.parseMessage(m.type, m.data);
        }
      },
    },
    { name: 'floor: walk message and attribute headers, no values', fn: () => walkHeaders(dgs), floor: true },
  ];
  // One untimed call each (compilation), then round-robin rounds.
  for (const p of peers) p.fn();
  const times = peers.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    const k = r % peers.length;
    for (const i of [...peers.keys()].slice(k).concat([...peers.keys()].slice(0, k))) {
      const t0 = process.hrtime.bigint();
      peers[i].fn();
      times[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const rows = peers.map((p, i) => ({ name: p.name, floor: p.floor, ...summarize(times[i]) }));
  const py = spawnSync('/usr/bin/python3.11', [join(here, 'lib/pyroute2-decode.py'), join(dirOf, `${label}.bin`), String(Math.max(3, Math.floor(ROUNDS / 5)))], { encoding: 'utf8' });
  const at = rows.findIndex((r) => r.name.startsWith('npm netlink')) + 1;
  if (py.status === 0) rows.splice(at, 0, { name: 'pyroute2 MarshalRtnl.parse', ...summarize(JSON.parse(py.stdout).times) });
  else rows.splice(at, 0, { name: 'pyroute2 (not available)', min: NaN, median: NaN });
  const floor = rows.find((r) => r.floor);
  for (const r of rows) {
    r['MB/s'] = ((bytes / 1e6) / (r.min / 1000)).toFixed(0);
    r['msgs/s'] = Math.round(msgs / (r.min / 1000)).toLocaleString('en');
    r['x floor'] = `${(r.median / floor.median).toFixed(1)}x`;
  }
  const title = `decode ${label} dump: ${msgs} messages, ${(bytes / 1e6).toFixed(2)} MB in ${dgs.length} datagrams (${ROUNDS} rounds, round-robin)`;
  printTable(title, rows.filter((r) => !Number.isNaN(r.median)), 'ms', ['MB/s', 'msgs/s', 'x floor']);
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
