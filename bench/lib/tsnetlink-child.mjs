// tsnetlink inside a namespace (a Handle on the process's own namespace, so
// its own socket there, no NSID, no helper):
//   ip netns exec NS node tsnetlink-child.mjs dump ROUNDS
//   ip netns exec NS node --expose-gc tsnetlink-child.mjs dump 1 --memory
// Prints one JSON line: readyEpoch (modules loaded, socket open) and times.
import { open } from '../../dist/api/handle.js';
import { memorySnapshot, resetPeak } from './memory.mjs';

let raw = 0;
const h = open({ tap: (dir, d) => { if (dir === 'in') raw += d.length; } });
// Opening the socket is lazy: a tiny request opens it before "ready".
await h.links.get('lo');
const readyEpoch = performance.timeOrigin + performance.now();

const [cmd, arg, flag] = process.argv.slice(2);
const out = { readyEpoch };
if (cmd !== 'dump') throw new Error(`unknown command ${cmd}`);
if (flag === '--memory') {
  const base = resetPeak();
  raw = 0;
  const links = await h.links.list();
  Object.assign(out, memorySnapshot(base), { rawBytes: raw, links: links.length });
  globalThis.keep = links;
} else {
  const times = [];
  let count = 0;
  for (let i = 0; i < Number(arg); i++) {
    const t0 = performance.now();
    const links = await h.links.list();
    times.push(performance.now() - t0);
    count = links.length;
  }
  Object.assign(out, { times, links: count });
}
h.close();
console.log(JSON.stringify(out));
