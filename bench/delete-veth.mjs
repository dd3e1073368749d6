// Delete veth pairs, side by side. Deleting a link costs the kernel a
// network synchronisation (~16 ms) per unregister, so whoever deletes links
// one by one pays that per pair, however it pipelines; those peers delete
// SLOW_PAIRS (100) pairs per run, the batching ones PAIRS (1,000), and the
// table is per pair:
// - `ip -batch` with one `link del` per line (whole process);
// - pyroute2 and the npm `netlink` rt API (children inside the namespace),
//   one by one;
// - tsnetlink links.deleteMany, from this process, as the library does it
//   (since f58e2b6: one dump, IFLA_GROUP moves through its helper inside the
//   namespace, one RTM_DELLINK by group; the helper's start-up is included);
// - the bench's own group delete prototype (lib/group-delete.mjs), the same
//   idea written against a Connection, as a reference for the library;
// - deleting the whole namespace (tsnetlink deleteNetns, which forks
//   `ip netns del`), timed until the kernel has torn the devices down.
// Every namespace also holds BYSTANDERS veth pairs that nobody asks to
// delete; each run checks they are still there.
import { join } from 'node:path';
import { open } from '../dist/api/handle.js';
import { deleteNetns as tsDeleteNetns } from '../dist/netns/registry.js';
import { HelperPort } from '../dist/netns/helper-port.js';
import { rtnetlink } from '../dist/families/registry.js';
import { Connection } from '../dist/transport/connection.js';
import { benchDir, nowMs, PYTHON, runChild, timeProcess } from './lib/child.mjs';
import { groupDelete } from './lib/group-delete.mjs';
import { canCreateNetns, forgetNetns, ipBatch, linkCount, makeNetns, vethLines } from './lib/netns.mjs';
import { emit, isMain } from './lib/report.mjs';
import { Watch } from './lib/settle.mjs';
import { fmt, roundsFor, summarize } from './lib/stats.mjs';

const PAIRS = Number(process.env.DELETE_PAIRS ?? 1000);
const SLOW_PAIRS = Number(process.env.DELETE_SLOW_PAIRS ?? 100);
const BYSTANDERS = 5;
const phaseLog = [];
const names = (n) => Array.from({ length: n }, (_, i) => `v${i}`);

const checkBystanders = (ns) => {
  const n = linkCount(ns);
  if (n !== 2 * BYSTANDERS + 1) throw new Error(`${n} links left in ${ns}, expected ${2 * BYSTANDERS + 1} (lo and the bystanders)`);
};
const settled = (res) => {
  const bad = res.filter((r) => r.status === 'rejected');
  if (bad.length) throw new Error(`${bad.length} deletes failed, first: ${bad[0].reason}`);
};

const peers = [
  {
    name: 'ip -batch, one `link del` per line',
    pairs: SLOW_PAIRS,
    async run(ns, n) {
      const ms = timeProcess('ip', ['-n', ns, '-batch', '-'], { input: names(n).map((x) => `link del ${x}`).join('\n') + '\n' }).ms;
      checkBystanders(ns);
      return { ms };
    },
  },
  {
    name: 'pyroute2 IPRoute.link del (in child)',
    pairs: SLOW_PAIRS,
    async run(ns, n) {
      const r = runChild(PYTHON, [join(benchDir, 'lib/pyroute2-child.py'), 'delete', String(n)], { ns });
      checkBystanders(ns);
      return { ms: r.ms, startup: r.startupMs };
    },
  },
  {
    name: 'npm netlink rt delLink, pipelined (in child)',
    pairs: SLOW_PAIRS,
    async run(ns, n) {
      const r = runChild(process.execPath, [join(benchDir, 'lib/npm-netlink-child.mjs'), 'delete', String(n)], { ns });
      checkBystanders(ns);
      return { ms: r.ms, startup: r.startupMs };
    },
  },
  {
    name: 'tsnetlink links.deleteMany (library)',
    pairs: PAIRS,
    async run(ns, n) {
      const t0 = nowMs();
      const h = open({ netns: ns });
      const res = await h.links.deleteMany(names(n));
      const ms = nowMs() - t0;
      h.close();
      settled(res);
      checkBystanders(ns);
      return { ms };
    },
  },
  {
    name: 'tsnetlink group delete (prototype, via helper)',
    pairs: PAIRS,
    async run(ns, n) {
      const t0 = nowMs();
      // The dump goes through this process's socket (IFLA_TARGET_NETNSID,
      // read only) while the helper starts; the group changes and the
      // delete go through the helper's socket inside the namespace.
      const h = open({ netns: ns });
      const port = new HelperPort(ns);
      const conn = new Connection(port, rtnetlink);
      port.start().catch(() => {});
      const phases = {};
      const res = await groupDelete(conn, names(n), phases, async () => (await h.links.list()).map((l) => l.message));
      const ms = nowMs() - t0;
      phases.helper = port.startupMs;
      phaseLog.push(phases);
      conn.close();
      h.close();
      settled(res);
      checkBystanders(ns);
      return { ms, startup: port.startupMs };
    },
  },
  {
    name: 'delete the namespace (deleteNetns + teardown)',
    pairs: PAIRS,
    whole: true,
    async run(ns, _n, watch) {
      const sentinel = watch.arm(ns);
      const t0 = nowMs();
      await tsDeleteNetns(ns);
      forgetNetns(ns);
      await watch.gone(sentinel);
      return { ms: nowMs() - t0 };
    },
  },
];

/** Met when both the min and the median of `a` are at most a 20th of those of `ip`. */
function twentyTimes(text, a, ip) {
  return {
    text: `${text} (min and median)`,
    measured: `${fmt(a.min)} / ${fmt(a.median)} ms/pair (${fmt(ip.min / a.min)}x / ${fmt(ip.median / a.median)}x)`,
    target: `<= ${fmt(ip.min / 20)} / ${fmt(ip.median / 20)} ms/pair`,
    met: a.min <= ip.min / 20 && a.median <= ip.median / 20,
  };
}

function phaseSummary() {
  const keys = [...new Set(phaseLog.flatMap((p) => Object.keys(p)))];
  return keys.map((k) => `${k} ${fmt(summarize(phaseLog.map((p) => p[k] ?? 0)).median)}`).join(', ');
}

export async function main() {
  if (!canCreateNetns()) return { id: 'delete-veth', title: 'delete veth pairs (skipped: needs root)', tables: [] };
  const rounds = roundsFor(3);
  const watch = new Watch();
  const times = peers.map(() => []);
  const startups = peers.map(() => []);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [i, p] of peers.entries()) {
        const ns = makeNetns('delete');
        try {
          ipBatch(ns, [...vethLines(p.pairs), ...vethLines(BYSTANDERS, ['keep', 'keepp'])]);
          const r = await p.run(ns, p.pairs, watch);
          times[i].push(r.ms / p.pairs);
          if (r.startup !== undefined) startups[i].push(r.startup);
        } finally {
          if (!p.whole) await watch.deleteSettled(ns);
        }
      }
    }
  } finally {
    watch.close();
  }
  const rows = peers.map((p, i) => {
    const s = summarize(times[i]);
    return {
      name: p.name,
      ...s,
      pairs: p.pairs,
      'total (median)': fmt(s.median * p.pairs, ' ms'),
      'start-up (median)': startups[i].length ? fmt(summarize(startups[i]).median, ' ms') : '',
    };
  });
  const ip = rows.find((r) => r.name.startsWith('ip -batch'));
  const ours = rows.find((r) => r.name.startsWith('tsnetlink links.deleteMany'));
  const proto = rows.find((r) => r.name.startsWith('tsnetlink group delete'));
  return {
    id: 'delete-veth',
    title: 'Delete veth pairs',
    tables: [{ title: `delete veth pairs, per pair (${rounds} rounds)`, unit: ' ms', rows, cols: ['pairs', 'total (median)', 'start-up (median)'] }],
    targets: [
      twentyTimes(`tsnetlink links.deleteMany of ${PAIRS} pairs at least 20x faster per pair than \`ip -batch\` one by one`, ours, ip),
      twentyTimes('(prototype) group delete at least 20x faster per pair than `ip -batch` one by one', proto, ip),
    ],
    notes: [
      `Per-pair times: one-by-one peers delete ${SLOW_PAIRS} pairs per run (their cost is linear in the pairs), the batching ones ${PAIRS}.`,
      `Each namespace also holds ${BYSTANDERS} veth pairs nobody asked to delete; every run checks they survive.`,
      `Group delete prototype, where its time goes (ms, median of runs, ${PAIRS} pairs; the helper starts during the dump, and "group" includes waiting for it): ${phaseSummary()}.`,
      'The namespace delete is timed from the call to the end of the kernel teardown (a sentinel veth end in a watch namespace is gone, then one RTNL request returns).',
    ],
  };
}

if (isMain(import.meta.url)) emit(await main());
