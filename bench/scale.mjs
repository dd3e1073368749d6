// Scale on one host: configure SCALE_COUNT (200) namespaces from one process
// the way a container runtime does (veth with its container end created up
// inside the namespace, address, lo up, default route), at most
// SCALE_CONCURRENCY (16) at a time, and report the wall time per namespace,
// the peak number of helper processes and the peak RSS of this process plus
// its helpers, sampled every 20 ms. Helpers are bounded by the concurrency
// and exit when idle (handles are closed when their namespace is done).
// Run: node bench/scale.mjs (root; throwaway namespaces, deleted at the end).
import { readdirSync, readFileSync } from 'node:fs';
import { open, setMaxHelpers } from '../dist/api/handle.js';
import { addNetns } from '../dist/api/netns.js';
import { liveHelpers } from '../dist/netns/reaper.js';
import { adoptNetns, canCreateNetns, makeNetns, netnsName } from './lib/netns.mjs';
import { emit, isMain } from './lib/report.mjs';

const COUNT = Number(process.env.SCALE_COUNT ?? 200);
const CONCURRENCY = Number(process.env.SCALE_CONCURRENCY ?? 16);

/** RSS in kB of this process and of its direct children (the helpers). */
function rssKb() {
  let own = 0;
  let helpers = 0;
  let children = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let status;
    try {
      status = readFileSync(`/proc/${d}/status`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    const rss = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    if (Number(d) === process.pid) own = rss;
    else if (ppid === process.pid) {
      helpers += rss;
      children++;
    }
  }
  return { own, helpers, children };
}

/** Configures `count` namespaces, `concurrency` at a time; returns the measures. */
async function configure(count, concurrency, tag) {
  const host = makeNetns(`${tag}host`);
  const hostHandle = open({ netns: host });
  let peakHelpers = 0;
  let peakChildren = 0;
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakHelpers = Math.max(peakHelpers, liveHelpers());
    const r = rssKb();
    peakChildren = Math.max(peakChildren, r.children);
    peakRss = Math.max(peakRss, r.own + r.helpers);
  }, 20);
  const names = Array.from({ length: count }, (_, i) => netnsName(`${tag}${i}`));
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      const ns = names[i];
      await addNetns(ns);
      adoptNetns(ns);
      await hostHandle.links.add({ name: 'eth0', kind: 'veth', netns: ns, up: true, peer: { name: `h${i}` } });
      const h = open({ netns: ns });
      try {
        await h.addresses.add(`198.18.${i >> 6}.${(i & 63) * 4 + 2}/30`, 'eth0');
        await h.links.set('lo', { up: true });
        await h.routes.add({ dst: 'default', via: `198.18.${i >> 6}.${(i & 63) * 4 + 1}` });
      } finally {
        h.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = performance.now() - t0;
  clearInterval(sampler);
  hostHandle.close();
  return { count, concurrency, wallMs: wall, perNsMs: wall / count, peakHelpers, peakRssMb: peakRss / 1024, after: liveHelpers() };
}

export async function main() {
  const result = { id: 'scale', title: 'Scale on one host', tables: [], targets: [], notes: [] };
  if (!canCreateNetns()) {
    result.notes.push('skipped: needs root and iproute2');
    return result;
  }
  const runs = [];
  for (const [count, conc, max] of [[50, CONCURRENCY, 32], [COUNT, CONCURRENCY, 32], [COUNT, 4, 32], [COUNT, CONCURRENCY, 6]]) {
    setMaxHelpers(max);
    runs.push({ ...(await configure(count, conc, `sc${runs.length}x`)), max });
  }
  setMaxHelpers(32);
  result.tables.push({
    title: 'configure N namespaces from one process (veth with the container end created up inside, address, lo up, default route), K at a time',
    plain: true,
    cols: ['namespaces', 'at a time', 'pool limit', 'ms/namespace', 'peak helpers', 'peak RSS MB'],
    rows: runs.map((r) => ({
      name: 'tsnetlink library',
      namespaces: r.count,
      'at a time': r.concurrency,
      'pool limit': r.max,
      'ms/namespace': r.perNsMs.toFixed(1),
      'peak helpers': r.peakHelpers,
      'peak RSS MB': r.peakRssMb.toFixed(0),
    })),
  });
  result.notes.push('Peak RSS is this process plus its helper processes, sampled every 20 ms; it follows the concurrency, not the number of namespaces (helpers exit when their handle closes, or after 2 s idle; with a pool limit below the concurrency, the rest wait for a slot).');
  result.notes.push('Each namespace needs one helper (lo up, address and route need the namespace\'s own socket); a helper is a Node start (~50 ms of CPU), so on 2 cores the floor is ~25 ms per namespace whatever the concurrency.');
  return result;
}

if (isMain(import.meta.url)) emit(await main());
