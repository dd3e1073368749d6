// Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the
// most self time and the most inclusive time (each sample counted once per
// function on its stack).
//   node bench/lib/profile-summary.mjs FILE.cpuprofile|DIR [TOP] [FILTER]
// (a DIR: every .cpuprofile in it, summed, e.g. 20 runs of a short command)
// FILTER keeps only samples whose stack has a frame whose name or url
// contains it (e.g. a function name), to look inside one phase.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Bundled code (dist/tsip.cjs) has minified names: map frames back through
// its source map, when there is one and source-map-js is at hand.
const require = createRequire(import.meta.url);
const maps = new Map();
function original(f) {
  if (!f.url.endsWith('.cjs')) return undefined;
  if (!maps.has(f.url)) {
    let c;
    try {
      const path = f.url.startsWith('file://') ? fileURLToPath(f.url) : f.url;
      if (existsSync(path + '.map')) {
        const { SourceMapConsumer } = require('source-map-js');
        c = new SourceMapConsumer(JSON.parse(readFileSync(path + '.map', 'utf8')));
      }
    } catch {
      c = undefined;
    }
    maps.set(f.url, c);
  }
  const c = maps.get(f.url);
  if (!c) return undefined;
  const pos = c.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
  if (!pos.source) return undefined;
  // The name: the identifier at the function's start, else the minified one.
  let name = pos.name;
  if (!name) {
    const next = c.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber + (f.functionName?.length ?? 0) + 9 });
    name = next.name;
  }
  return `${name ?? f.functionName ?? '(anonymous)'} [${f.functionName}] ${pos.source}:${pos.line}`;
}

const [file, topArg, filter] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const short = (url) => url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules|bench)\//, '$1/');
const key = (n) => {
  const f = n.callFrame;
  const o = f.url && original(f);
  if (o) return o;
  return `${f.functionName || '(anonymous)'} ${f.url ? `${short(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
};

const self = new Map();
const incl = new Map();
let total = 0;
let kept = 0;
const files = statSync(file).isDirectory() ? readdirSync(file).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(file, f)) : [file];
for (const f of files) {
  const prof = JSON.parse(readFileSync(f, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const stack = [];
    for (let id = prof.samples[i]; id !== undefined; id = parent.get(id)) stack.push(byId.get(id));
    if (filter && !stack.some((n) => key(n).includes(filter))) continue;
    kept += dt;
    const k0 = key(stack[0]);
    self.set(k0, (self.get(k0) ?? 0) + dt);
    for (const k of new Set(stack.map(key))) incl.set(k, (incl.get(k) ?? 0) + dt);
  }
}
const runs = files.length;

const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(v / runs).toFixed(1).padStart(9)} ms ${((v / kept) * 100).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`${file}: ${runs} profile(s), ${total.toFixed(1)} ms sampled${runs > 1 ? ` (${(total / runs).toFixed(1)} ms per run)` : ''}${filter ? `, ${kept.toFixed(1)} ms with "${filter}" on the stack` : ''}`);
show('self time', self);
show('inclusive time', incl);
