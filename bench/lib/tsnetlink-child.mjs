// tsnetlink inside a namespace (a Handle on the process's own namespace, so
// its own socket there, no NSID, no helper):
//   ip netns exec NS node tsnetlink-child.mjs serve
//   ip netns exec NS node --expose-gc tsnetlink-child.mjs dump 1 --memory
// serve: prints {readyEpoch} (modules loaded, socket open), then answers
// each stdin line "dump N" with {times, links} (N links.list() calls), as
// bench/lib/served-child.mjs drives it. --memory: one dump, memory figures.
import { createInterface } from 'node:readline';
import { open } from '../../dist/api/handle.js';
import { memorySnapshot, resetPeak } from './memory.mjs';

let raw = 0;
const h = open({ tap: (dir, d) => { if (dir === 'in') raw += d.length; } });
// Opening the socket is lazy: a tiny request opens it before "ready".
await h.links.get('lo');
const readyEpoch = performance.timeOrigin + performance.now();

const [cmd, , flag] = process.argv.slice(2);
if (cmd === 'dump' && flag === '--memory') {
  const base = resetPeak();
  raw = 0;
  const links = await h.links.list();
  globalThis.keep = links;
  console.log(JSON.stringify({ readyEpoch, ...memorySnapshot(base), rawBytes: raw, links: links.length }));
} else if (cmd === 'serve') {
  console.log(JSON.stringify({ readyEpoch }));
  for await (const line of createInterface({ input: process.stdin })) {
    const [what, n] = line.trim().split(/\s+/);
    if (what !== 'dump') {
      console.log(JSON.stringify({ error: `unknown request ${line}` }));
      continue;
    }
    const times = [];
    let links = 0;
    for (let i = 0; i < Number(n); i++) {
      const t0 = performance.now();
      links = (await h.links.list()).length;
      times.push(performance.now() - t0);
    }
    console.log(JSON.stringify({ times, links }));
  }
} else throw new Error(`unknown command ${cmd}`);
h.close();
