// tsnetlink inside a namespace (a Handle on the process's own namespace, so
// its own socket there, no NSID, no helper):
//   ip netns exec NS node tsnetlink-child.mjs serve
//   ip netns exec NS node --expose-gc tsnetlink-child.mjs dump 1 --memory
// serve: prints {readyEpoch} (modules loaded, socket open), then answers
// each stdin line "dump N" with {times, links} (N links.list() calls), as
// bench/lib/served-child.mjs drives it. --memory: one dump, memory figures.
import { open } from '../../dist/api/handle.js';
import { memorySnapshot, resetPeak } from './memory.mjs';
import { serveDumps } from './served-child.mjs';

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
  await serveDumps({ readyEpoch }, () => h.links.list());
} else throw new Error(`unknown command ${cmd}`);
h.close();
