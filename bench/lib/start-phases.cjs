// Where tsip's start-up goes, after Node's own: loads dist/tsip.cjs as
// bin/tsip.cjs does and runs `tsip link show dev lo` (output to /dev/null),
// printing to stderr one JSON line of phase times in ms: read (bundle and code
// cache), compile (with the cache), evaluate (module-level code), run
// (the command, socket to output), and node (process start to this
// script's first line: Node's own start-up).
'use strict';
const node = performance.now();
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', '..', 'dist', 'tsip.cjs');
const t0 = performance.now();
const cachedData = fs.readFileSync(`${file}.v8cache`);
const text = fs.readFileSync(file, 'latin1');
const t1 = performance.now();
const script = new vm.Script(Module.wrap(text), { filename: file, cachedData });
const t2 = performance.now();
const mod = { exports: {} };
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
const t3 = performance.now();
// The command prints to fd 1 (the caller points it at /dev/null); the phases go to fd 2.
mod.exports.main(['link', 'show', 'dev', 'lo']).then((code) => {
  const t4 = performance.now();
  fs.writeSync(2, JSON.stringify({ node, read: t1 - t0, compile: t2 - t1, evaluate: t3 - t2, run: t4 - t3, rejected: script.cachedDataRejected, code }) + '\n');
  process.exit(0);
});
