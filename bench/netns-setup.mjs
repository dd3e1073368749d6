// Set up COUNT (20) namespaces the way a container runtime does, side by
// side. For each container namespace:
//   1. create the namespace;
//   2. create a veth whose container end (eth0) is made directly inside the
//      container namespace, up, and whose host end (h<i>) is in a "host"
//      namespace (a throwaway one: the root namespace is never touched);
//   3. put 198.18.<i>.2/24 on eth0;
//   4. set lo up;
//   5. add a default route via 198.18.<i>.1.
// Peers:
// - the tsnetlink library, from this process: addNetns (in process where
//   FFI loads), then links.add on a Handle for the host namespace
//   (IFLA_NET_NS_FD for eth0), then a Handle for the container namespace
//   for the address, lo and route (its socket made inside the namespace;
//   a helper process only where FFI cannot load); one container after the
//   other, and all 20 at once;
// - a shell script of `ip` commands, one command per line (whole script);
// - pyroute2, in a child inside the host namespace (pyroute2.netns.create,
//   setns into each container namespace; start-up reported apart);
// - Go's vishvananda/netlink + vishvananda/netns (bench/go/netns-setup, built
//   here before the rounds, untimed): netns.NewNamed, a Handle on the host
//   namespace for the veth, NewHandleAt for the container namespace; it times
//   its own loop (start-up reported apart). Skipped with a note when `go` or
//   the Debian packages golang-github-vishvananda-{netlink,netns}-dev are missing.
// Every run is checked (address, route, lo and eth0 up) and torn down.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from '../dist/api/handle.js';
import { ffiAvailable } from '../dist/sys/ffi.js';
import { addNetns } from '../dist/netns/registry.js';
import { benchDir, nowMs, PYTHON, runChild, timeProcess } from './lib/child.mjs';
import { buildGoDriver, removeGoBuild } from './lib/go-build.mjs';
import { adoptNetns, canCreateNetns, makeNetns, netnsName } from './lib/netns.mjs';
import { emit, isMain } from './lib/report.mjs';
import { Watch } from './lib/settle.mjs';
import { fmt, roundsFor, summarize } from './lib/stats.mjs';

const COUNT = Number(process.env.NETNS_COUNT ?? 20);

function containers(tag) {
  return Array.from({ length: COUNT }, (_, i) => ({
    netns: netnsName(`${tag}${i}`),
    host: `h${i}`,
    address: `198.18.${i}.2`,
    prefixlen: 24,
    gateway: `198.18.${i}.1`,
  }));
}

async function tsSetupOne(host, c) {
  await addNetns(c.netns);
  adoptNetns(c.netns);
  await host.links.add({ name: 'eth0', kind: 'veth', netns: c.netns, up: true, peer: { name: c.host } });
  const h = open({ netns: c.netns });
  try {
    await h.addresses.add(`${c.address}/${c.prefixlen}`, 'eth0');
    await h.links.set('lo', { up: true });
    await h.routes.add({ dst: 'default', via: c.gateway });
  } finally {
    h.close();
  }
}

/** Checks one container namespace with ip (not timed). */
function verify(c) {
  const r = spawnSync('ip', ['-j', '-n', c.netns, '-batch', '-'], { input: 'addr show dev eth0\nroute show default\nlink show lo\nlink show eth0\n', encoding: 'utf8' });
  const [addr, route, lo, eth0] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const ok =
    addr?.[0]?.addr_info?.some((a) => a.local === c.address && a.prefixlen === c.prefixlen) &&
    route?.some((x) => x.gateway === c.gateway) &&
    lo?.[0]?.flags?.includes('UP') &&
    eth0?.[0]?.flags?.includes('UP');
  if (!ok) throw new Error(`namespace ${c.netns} is not set up: ${r.stdout} ${r.stderr}`);
}

const peers = [
  {
    name: 'tsnetlink library, one after the other',
    tag: 'tsc',
    async run(hostNs, cs) {
      const host = open({ netns: hostNs });
      const t0 = nowMs();
      try {
        for (const c of cs) await tsSetupOne(host, c);
      } finally {
        host.close();
      }
      return { ms: nowMs() - t0 };
    },
  },
  {
    name: 'tsnetlink library, all at once',
    tag: 'tsp',
    async run(hostNs, cs) {
      const host = open({ netns: hostNs });
      const t0 = nowMs();
      try {
        await Promise.all(cs.map((c) => tsSetupOne(host, c)));
      } finally {
        host.close();
      }
      return { ms: nowMs() - t0 };
    },
  },
  {
    name: '`ip` script, one command per line (sh)',
    tag: 'ipc',
    async run(hostNs, cs) {
      const lines = ['set -e'];
      for (const c of cs) {
        lines.push(
          `ip netns add ${c.netns}`,
          `ip -n ${hostNs} link add eth0 netns ${c.netns} up type veth peer name ${c.host}`,
          `ip -n ${c.netns} addr add ${c.address}/${c.prefixlen} dev eth0`,
          `ip -n ${c.netns} link set lo up`,
          `ip -n ${c.netns} route add default via ${c.gateway}`,
        );
      }
      const dir = mkdtempSync(join(tmpdir(), 'tsnlbench-'));
      const file = join(dir, 'setup.sh');
      writeFileSync(file, lines.join('\n') + '\n');
      for (const c of cs) adoptNetns(c.netns);
      try {
        return { ms: timeProcess('/bin/sh', [file]).ms };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'pyroute2 (in child in the host namespace)',
    tag: 'pyc',
    child: true,
    async run(hostNs, cs) {
      for (const c of cs) adoptNetns(c.netns);
      const r = runChild(PYTHON, [join(benchDir, 'lib/pyroute2-child.py'), 'netns-setup', JSON.stringify({ containers: cs })], { ns: hostNs });
      if (r.verified !== cs.length) throw new Error(`pyroute2 set up ${r.verified} of ${cs.length} namespaces correctly`);
      return { ms: r.ms, startup: r.startupMs };
    },
  },
];

/** The Go peer, run from the root namespace (its named namespaces are bind mounts there, as `ip netns add` makes). */
function goPeer(bin) {
  return {
    name: 'vishvananda/netlink (Go, own clock)',
    tag: 'goc',
    async run(hostNs, cs) {
      for (const c of cs) adoptNetns(c.netns);
      const r = runChild(bin, [], { input: JSON.stringify({ hostNs, containers: cs }) });
      return { ms: r.ms, startup: r.startupMs };
    },
  };
}

const FIRST_COUNT = 20;

/**
 * The first operation in a fresh namespace, per namespace: open() and
 * links.set('lo', { up: true }) timed from nothing (the namespace exists,
 * the handle does not), in setns mode and, for comparison, helper mode.
 */
async function firstOperation() {
  const rows = [];
  for (const mode of ffiAvailable() ? ['setns', 'helper'] : ['helper']) {
    const times = [];
    for (let i = 0; i < FIRST_COUNT; i++) {
      const ns = makeNetns(`first${mode[0]}${i}`);
      try {
        const t0 = nowMs();
        const h = open({ netns: ns, netnsMode: mode });
        try {
          await h.links.set('lo', { up: true });
          times.push(nowMs() - t0);
        } finally {
          h.close();
        }
      } finally {
        spawnSync('ip', ['netns', 'del', ns]);
      }
    }
    rows.push({ name: `tsnetlink library, ${mode} mode`, ...summarize(times) });
  }
  return rows;
}

export async function main() {
  if (!canCreateNetns()) return { id: 'netns-setup', title: 'namespace setup (skipped: needs root)', tables: [] };
  const rounds = roundsFor(5);
  const notes = [];
  const go = buildGoDriver('netns-setup', ['netlink', 'netns']);
  if (go.skip) notes.push(`vishvananda/netlink (Go) skipped: ${go.skip}.`);
  else peers.push(goPeer(go.bin));
  const watch = new Watch();
  const times = peers.map(() => []);
  const startups = peers.map(() => []);
  try {
    for (let round = 0; round < rounds; round++) {
      // The kernel finishes tearing a namespace down in the background
      // (cleanup_net) after its devices are gone; so that no peer always
      // runs right after the same other one, the order rotates each round.
      const order = peers.map((_, k) => (k + round) % peers.length);
      for (const i of order) {
        const p = peers[i];
        const hostNs = makeNetns('host');
        const cs = containers(p.tag);
        try {
          const r = await p.run(hostNs, cs);
          // pyroute2's namespaces live only as long as its process (and it checked them itself).
          if (!p.child) cs.forEach(verify);
          times[i].push(r.ms / COUNT);
          if (r.startup !== undefined) startups[i].push(r.startup);
        } finally {
          await watch.deleteManySettled(cs.map((c) => c.netns));
          await watch.deleteSettled(hostNs);
        }
      }
    }
  } finally {
    watch.close();
    removeGoBuild(go);
  }
  const rows = peers.map((p, i) => {
    const s = summarize(times[i]);
    return { name: p.name, ...s, [`total for ${COUNT}`]: fmt(s.median * COUNT, ' ms'), 'start-up (median)': startups[i].length ? fmt(summarize(startups[i]).median, ' ms') : '' };
  });
  const seq = rows[0];
  const goRow = rows.find((r) => r.name.startsWith('vishvananda'));
  const first = await firstOperation();
  return {
    id: 'netns-setup',
    title: `Set up ${COUNT} namespaces as a container runtime does`,
    tables: [
      { title: `set up ${COUNT} container namespaces, per namespace (${rounds} rounds)`, unit: ' ms', rows, cols: [`total for ${COUNT}`, 'start-up (median)'] },
      { title: `first operation in a fresh namespace: open() and links.set('lo', { up: true }), ${FIRST_COUNT} namespaces`, unit: ' ms', rows: first },
    ],
    targets: [
      goRow
        ? {
            text: `tsnetlink library (one after the other) at most 0.9x vishvananda/netlink measured in the same run (${fmt(goRow.min)} / ${fmt(goRow.median)} ms/ns) (min and median)`,
            measured: `${fmt(seq.min)} / ${fmt(seq.median)} ms/ns (${(seq.min / goRow.min).toFixed(2)}x / ${(seq.median / goRow.median).toFixed(2)}x)`,
            target: `<= ${fmt(0.9 * goRow.min)} / ${fmt(0.9 * goRow.median)} ms/ns`,
            met: seq.min <= 0.9 * goRow.min && seq.median <= 0.9 * goRow.median,
          }
        : { text: 'tsnetlink library at most 0.9x vishvananda/netlink (Go not available here)', measured: `${fmt(seq.min)} / ${fmt(seq.median)} ms/ns`, target: 'n/a', met: false },
      {
        text: 'the first operation in a fresh namespace (setns mode) under 5 ms (min and median)',
        measured: `${fmt(first[0].min)} / ${fmt(first[0].median)} ms`,
        target: '< 5 ms',
        met: first[0].median < 5,
      },
    ],
    notes: [
      'Per-namespace times (total / count). The tsnetlink rows use the default mode where FFI loads: namespaces made in process (unshare and a bind mount, as `ip netns add` does), every handle a socket made inside its namespace; no helper process.',
      'The `ip` script and pyroute2 create the container end up in the same request as the veth (`ip link add eth0 netns C up type veth peer name hI`), as tsnetlink does.',
      ...(go.skip ? [] : [`The Go row (${go.version}, vishvananda/netlink from Debian's golang-github-vishvananda-netlink-dev) times its own loop with time.Now(); process and runtime start-up, reading the spec and opening the host Handle are in the start-up column. Per namespace it does netns.NewNamed (unshare + bind mount under /run/netns, then netns.Set back), LinkAdd of the veth with eth0 in the container namespace and up (the library then looks eth0 up by name in the host namespace, in vain, one request more), NewHandleAt (NETLINK_ROUTE only), LinkByName eth0, AddrAdd, LinkByName lo, LinkSetUp, RouteAdd.`]),
      ...notes,
    ],
  };
}

if (isMain(import.meta.url)) emit(await main());
