// Scale on one host: configure SCALE_COUNT (200) namespaces from one process
// the way a container runtime does (veth with its container end created up
// inside the namespace, address, lo up, default route), at most
// SCALE_CONCURRENCY (16) at a time, and report the wall time per namespace,
// the peak number of helper processes, the peak and final number of open
// fds of this process and the peak RSS of this process plus its helpers,
// sampled every 20 ms. In setns mode (the default where FFI loads) each
// handle is one socket made inside its namespace; in helper mode a helper
// process, bounded by the pool and exiting when idle.
// Run: node bench/scale.mjs (root; throwaway namespaces, deleted at the end).
import { readdirSync, readFileSync } from 'node:fs';
import { ffiAvailable } from '../dist/sys/ffi.js';
import { open, setMaxHelpers } from '../dist/api/handle.js';
import { addNetns } from '../dist/netns/registry.js';
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

const fds = () => readdirSync('/proc/self/fd').length;

/** Configures `count` namespaces, `concurrency` at a time, handles in `mode`; returns the measures. */
async function configure(count, concurrency, tag, mode) {
  const host = makeNetns(`${tag}host`);
  const hostHandle = open({ netns: host, netnsMode: mode });
  const fdsBefore = fds();
  let peakHelpers = 0;
  let peakChildren = 0;
  let peakRss = 0;
  let peakFds = 0;
  const sampler = setInterval(() => {
    peakHelpers = Math.max(peakHelpers, liveHelpers());
    peakFds = Math.max(peakFds, fds());
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
      const h = open({ netns: ns, netnsMode: mode });
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
  const fdsAfter = fds();
  return { count, concurrency, mode, wallMs: wall, perNsMs: wall / count, peakHelpers, peakRssMb: peakRss / 1024, after: liveHelpers(), fdsBefore, peakFds, fdsAfter };
}

export async function main() {
  const result = { id: 'scale', title: 'Scale on one host', tables: [], targets: [], notes: [] };
  if (!canCreateNetns()) {
    result.notes.push('skipped: needs root and iproute2');
    return result;
  }
  const runs = [];
  const plan = [
    ...(ffiAvailable() ? [[50, CONCURRENCY, 32, 'setns'], [COUNT, CONCURRENCY, 32, 'setns'], [COUNT, 4, 32, 'setns'], [COUNT, 1, 32, 'setns']] : []),
    [50, CONCURRENCY, 32, 'helper'],
    [COUNT, CONCURRENCY, 6, 'helper'],
  ];
  for (const [count, conc, max, mode] of plan) {
    setMaxHelpers(max);
    runs.push({ ...(await configure(count, conc, `sc${runs.length}x`, mode)), max });
  }
  setMaxHelpers(32);
  result.tables.push({
    title: 'configure N namespaces from one process (veth with the container end created up inside, address, lo up, default route), K at a time',
    plain: true,
    cols: ['mode', 'namespaces', 'at a time', 'pool limit', 'ms/namespace', 'peak helpers', 'fds before', 'peak fds', 'fds after', 'peak RSS MB'],
    rows: runs.map((r) => ({
      name: 'tsnetlink library',
      mode: r.mode,
      namespaces: r.count,
      'at a time': r.concurrency,
      'pool limit': r.mode === 'helper' ? r.max : '-',
      'ms/namespace': r.perNsMs.toFixed(2),
      'peak helpers': r.peakHelpers,
      'fds before': r.fdsBefore,
      'peak fds': r.peakFds,
      'fds after': r.fdsAfter,
      'peak RSS MB': r.peakRssMb.toFixed(0),
    })),
  });
  result.notes.push('Peak RSS is this process plus its helper processes, and fds are this process\'s open file descriptors, sampled every 20 ms; both follow the concurrency, not the number of namespaces (a setns handle holds one socket until it is closed or idle; a helper exits when its handle closes, or after 2 s idle; with a pool limit below the concurrency, the rest wait for a slot).');
  result.notes.push('setns mode: every handle\'s socket is made inside its namespace from this process, no helper. helper mode (the fallback without FFI): each namespace needs one helper for lo up, address and route; a helper is a Node start (~50 ms of CPU), so on 2 cores the floor is ~25 ms per namespace whatever the concurrency.');
  return result;
}

if (isMain(import.meta.url)) emit(await main());
