#!/usr/bin/env node
// Writes docs/anatomy-of-a-veth.md from the real capture fixtures/link/add-veth.json and the
// explain rows of tsip (src/explain/anatomy.ts does the writing; this script runs the built copy).
//
//   npx tsc -p . && node scripts/anatomy.mjs           regenerate the document
//   npx tsc -p . && node scripts/anatomy.mjs --check   exit 1 if the committed document differs
//
// test/docs/anatomy.test.ts makes the same comparison from the sources.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(ROOT, 'docs', 'anatomy-of-a-veth.md');
const { anatomyMarkdown } = await import(join(ROOT, 'dist', 'explain', 'anatomy.js'));

const fixture = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'link', 'add-veth.json'), 'utf8'));
const text = anatomyMarkdown(fixture);
if (process.argv.includes('--check')) {
  let old = '';
  try {
    old = readFileSync(DOC, 'utf8');
  } catch {}
  if (old !== text) {
    console.error('docs/anatomy-of-a-veth.md is out of date: run node scripts/anatomy.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(DOC, text);
  console.log(`wrote ${DOC} (${text.length} bytes)`);
}
