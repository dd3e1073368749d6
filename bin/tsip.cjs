#!/usr/bin/env node
// The `tsip` command. Its code is bundled into dist/tsip.cjs by `npm run build`
// (run by `npm install`): one CommonJS file starts much faster than ~60 ES
// modules, and V8's code cache for it (dist/tsip.cjs.v8cache, made by
// scripts/code-cache.cjs) saves compiling it again on every start.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// Code run through vm.Script cannot import(); lend it this module's (tsip fuzz uses it).
globalThis[Symbol.for('tsnetlink.import')] = (url) => import(url);

function load() {
  const file = path.join(__dirname, '..', 'dist', 'tsip.cjs');
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${file}.v8cache`);
  } catch {
    return require(file);
  }
  const vm = require('node:vm');
  const Module = require('node:module');
  // The bundle is ASCII (scripts/bundle.config.mjs): read as latin1, the same text without UTF-8 decoding.
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'latin1')), { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

load()
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
      // Output is written synchronously: with nothing left pending, exit now
      // instead of tearing the heap down first (~1.5 ms).
      if (process.getActiveResourcesInfo().length === 0) process.exit(code);
    },
    (e) => {
      process.stderr.write(`tsip: ${e && e.message ? e.message : e}\n`);
      process.exitCode = 3;
    },
  );
