// Work run under `node --cpu-prof` by bench/profile.mjs (in this process's
// namespace, the root one, working on the throwaway namespace given):
//   dump NS          20 x links.list() on a Handle for NS
//   delete NS        links.deleteMany of the 50 veth pairs v0..v49 in NS
//   create NS        links.addMany of 1,000 veth pairs in NS, then deletes nothing (NS is thrown away)
//   netns-setup NS   5 container namespaces set up as in bench/netns-setup.mjs, host end in NS,
//                    with the time of each step
import { open } from '../../dist/api/handle.js';
import { addNetns, deleteNetns } from '../../dist/netns/registry.js';

const [job, ns] = process.argv.slice(2);
if (!ns?.startsWith('tsnlbench-')) throw new Error('a tsnlbench-* namespace, please');

if (job === 'dump') {
  const h = open({ netns: ns });
  const t = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await h.links.list();
    t.push(performance.now() - t0);
  }
  h.close();
  console.error(`links.list() ms: ${t.map((x) => x.toFixed(1)).join(' ')}`);
} else if (job === 'create') {
  const h = open({ netns: ns });
  const t0 = performance.now();
  const res = await h.links.addMany(Array.from({ length: 1000 }, (_, i) => ({ name: `v${i}`, kind: 'veth', peer: { name: `w${i}` } })));
  console.error(`addMany: ${(performance.now() - t0).toFixed(1)} ms, ${res.filter((r) => r.status === 'rejected').length} failed`);
  h.close();
} else if (job === 'delete') {
  // NS holds 50 veth pairs v0..v49 (made by profile.mjs).
  const h = open({ netns: ns });
  const t0 = performance.now();
  const res = await h.links.deleteMany(Array.from({ length: 50 }, (_, i) => `v${i}`));
  console.error(`deleteMany of 50: ${(performance.now() - t0).toFixed(1)} ms, ${res.filter((r) => r.status === 'rejected').length} failed`);
  h.close();
} else if (job === 'netns-setup') {
  const host = open({ netns: ns });
  const steps = {};
  const lap = async (k, p) => {
    const t0 = performance.now();
    const r = await p;
    steps[k] = (steps[k] ?? []).concat(+(performance.now() - t0).toFixed(1));
    return r;
  };
  const pid = ns.split('-').pop();
  const names = [];
  try {
    for (let i = 0; i < 5; i++) {
      const c = `tsnlbench-profc${i}-${pid}`;
      names.push(c);
      await lap('addNetns', addNetns(c));
      await lap('links.add veth', host.links.add({ name: 'eth0', kind: 'veth', netns: c, up: true, peer: { name: `h${i}` } }));
      const h = open({ netns: c });
      await lap('addresses.add (starts the helper)', h.addresses.add(`198.18.${i}.2/24`, 'eth0'));
      await lap('links.set lo up', h.links.set('lo', { up: true }));
      await lap('routes.add default', h.routes.add({ dst: 'default', via: `198.18.${i}.1` }));
      h.close();
    }
  } finally {
    host.close();
    for (const c of names) await deleteNetns(c).catch(() => {});
  }
  for (const [k, v] of Object.entries(steps)) console.error(`${k.padEnd(36)} ${v.join(' ')} ms`);
} else throw new Error(`unknown job ${job}`);
