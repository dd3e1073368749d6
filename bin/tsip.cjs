#!/usr/bin/env node
// The `tsip` command. Its code is bundled into dist/tsip.cjs by `npm run build`
// (run by `npm install`): one CommonJS file starts much faster than ~60 ES modules.
'use strict';
require('../dist/tsip.cjs')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`tsip: ${e && e.message ? e.message : e}\n`);
      process.exitCode = 3;
    },
  );
