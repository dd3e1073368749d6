#!/usr/bin/env node
// Entry point of the `tsip` command; the code lives in dist/ (built by `npm install`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`tsip: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 3;
  },
);
