// Create PAIRS (1,000) veth pairs in a fresh throwaway namespace, side by
// side: the tsnetlink library (links.addMany on a Handle for the namespace,
// from this process, over IFLA_TARGET_NETNSID), `tsip -batch`, `ip -batch`,
// pyroute2 and the npm `netlink` rt API (both run inside the namespace by
// `ip netns exec`, timing themselves; their start-up is reported apart).
// Each run gets a new namespace, checked afterwards (2 x PAIRS + lo links)
// and deleted; the next run starts once the kernel has torn it down. Rounds
// are round-robin (each round runs every peer once), the order rotated by
// one each round, so load on the machine hits every peer alike.
import { open } from '../dist/api/handle.js';
import { benchDir, nowMs, PYTHON, runChild, timeProcess, tsipPath } from './lib/child.mjs';
import { canCreateNetns, linkCount, makeNetns, vethLines } from './lib/netns.mjs';
import { emit, isMain } from './lib/report.mjs';
import { Watch } from './lib/settle.mjs';
import { fmt, roundsFor, summarize } from './lib/stats.mjs';
import { join } from 'node:path';

const PAIRS = Number(process.env.CREATE_PAIRS ?? 1000);

const peers = [
  {
    name: 'tsnetlink links.addMany (library)',
    async run(ns) {
      const specs = Array.from({ length: PAIRS }, (_, i) => ({ name: `v${i}`, kind: 'veth', peer: { name: `w${i}` } }));
      const t0 = nowMs();
      const h = open({ netns: ns });
      const res = await h.links.addMany(specs);
      const ms = nowMs() - t0;
      h.close();
      const bad = res.filter((r) => r.status === 'rejected');
      if (bad.length) throw new Error(`addMany: ${bad.length} failed, first: ${bad[0].reason}`);
      return { ms };
    },
  },
  {
    name: 'tsip -batch (whole process)',
    async run(ns) {
      return { ms: timeProcess(process.execPath, [tsipPath(), '-n', ns, '-batch', '-'], { input: vethLines(PAIRS).join('\n') + '\n' }).ms };
    },
  },
  {
    // -force: tsip pipelines independent `link add` lines only when told to go on after errors.
    name: 'tsip -force -batch (whole process)',
    async run(ns) {
      return { ms: timeProcess(process.execPath, [tsipPath(), '-n', ns, '-force', '-batch', '-'], { input: vethLines(PAIRS).join('\n') + '\n' }).ms };
    },
  },
  {
    // What any Node program pays for the same requests: start-up, the socket, one request at a time.
    name: 'floor: Node, hand-written requests one at a time (whole process)',
    floor: true,
    async run(ns) {
      return { ms: timeProcess(process.execPath, [join(benchDir, 'lib/veth-floor.mjs'), ns, String(PAIRS)]).ms };
    },
  },
  {
    name: 'ip -batch (whole process)',
    async run(ns) {
      return { ms: timeProcess('ip', ['-n', ns, '-batch', '-'], { input: vethLines(PAIRS).join('\n') + '\n' }).ms };
    },
  },
  {
    name: 'pyroute2 IPRoute.link (in child)',
    async run(ns) {
      const r = runChild(PYTHON, [join(benchDir, 'lib/pyroute2-child.py'), 'create', String(PAIRS)], { ns });
      return { ms: r.ms, startup: r.startupMs };
    },
  },
  {
    name: 'npm netlink rt newLink, pipelined (in child)',
    async run(ns) {
      const r = runChild(process.execPath, [join(benchDir, 'lib/npm-netlink-child.mjs'), 'create', String(PAIRS)], { ns });
      return { ms: r.ms, startup: r.startupMs };
    },
  },
];

/** Met when both the min and the median of `a` are at most `k` times those of `b`. */
function both(text, a, b, k) {
  const us = (ms) => `${fmt((ms / PAIRS) * 1000)}`;
  return {
    text: `${text} (min and median)`,
    measured: `${us(a.min)} / ${us(a.median)} us/pair`,
    target: `<= ${us(k * b.min)} / ${us(k * b.median)} us/pair`,
    met: a.min <= k * b.min && a.median <= k * b.median,
  };
}

export async function main() {
  if (!canCreateNetns()) return { id: 'create-veth', title: 'create veth pairs (skipped: needs root)', tables: [] };
  const rounds = roundsFor(7);
  const watch = new Watch();
  const times = peers.map(() => []);
  const startups = peers.map(() => []);
  try {
    for (let round = 0; round < rounds; round++) {
      const k = round % peers.length;
      for (const i of [...peers.keys()].slice(k).concat([...peers.keys()].slice(0, k))) {
        const p = peers[i];
        const ns = makeNetns('create');
        try {
          const r = await p.run(ns);
          const n = linkCount(ns);
          if (n !== 2 * PAIRS + 1) throw new Error(`${p.name}: ${n} links in the namespace, expected ${2 * PAIRS + 1}`);
          times[i].push(r.ms);
          if (r.startup !== undefined) startups[i].push(r.startup);
        } finally {
          await watch.deleteSettled(ns);
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
      'us/pair (min)': fmt((s.min / PAIRS) * 1000),
      'us/pair (median)': fmt((s.median / PAIRS) * 1000),
      'start-up (median)': startups[i].length ? fmt(summarize(startups[i]).median, ' ms') : '',
    };
  });
  const ours = rows[0];
  const ip = rows.find((r) => r.name.startsWith('ip -batch'));
  const tsip = rows.find((r) => r.name.startsWith('tsip -batch'));
  const floor = rows.find((r) => r.name.startsWith('floor'));
  const x = (a, b) => `${(a.min / b.min).toFixed(2)}x / ${(a.median / b.median).toFixed(2)}x`;
  return {
    id: 'create-veth',
    title: `Create ${PAIRS.toLocaleString('en')} veth pairs`,
    tables: [{ title: `create ${PAIRS} veth pairs in a fresh namespace (${rounds} rounds)`, unit: ' ms', rows, cols: ['us/pair (min)', 'us/pair (median)', 'start-up (median)'] }],
    targets: [
      { issue: 3, ...both('`tsip -batch` at most 1.2x `ip -batch` (whole processes, Node start-up included)', tsip, ip, 1.2) },
      { issue: 4, ...both('tsnetlink library `links.addMany` no slower than `ip -batch`', ours, ip, 1) },
    ],
    notes: [
      'Library and child rows time the work only; `-batch` rows are whole processes (start-up included). Start-up of the children (spawn to socket open, `ip netns exec` included) is shown apart.',
      'Both npm netlink and tsnetlink keep at most 64 requests in flight.',
      `The floor (bench/lib/veth-floor.mjs) is a Node process sending ip's own requests, written by hand, one at a time on tsnetlink's socket: ${x(floor, ip)} \`ip -batch\` (min / median). \`tsip -batch\` is ${x(tsip, floor)} the floor, ${x(tsip, ip)} ip. The kernel creates each pair inside the send call (about 0.6 ms, the same for every peer, see strace -T), so requests in flight do not help either: addMany is ${x(ours, ip)} ip.`,
      `Rounds are round-robin: each round creates with every peer once, in an order rotated by one each round (no peer always runs first or last), so load on the machine hits all peers alike.`,
    ],
  };
}

if (isMain(import.meta.url)) emit(await main());
