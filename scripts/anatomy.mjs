#!/usr/bin/env node
// Writes the lessons (docs/anatomy-of-*.md and docs/lessons.md) from real captures under
// fixtures/ and the explain rows of tsip. src/explain/lessons/ does the writing (index.ts lists
// each document with its fixtures); this script runs the built copy.
//
//   npx tsc -p . && node scripts/anatomy.mjs           regenerate every lesson
//   npx tsc -p . && node scripts/anatomy.mjs --check   exit 1 if a committed lesson differs
//   node scripts/anatomy.mjs [--check] route error     only the lessons whose file names contain these words
//
// test/docs/lessons.test.ts makes the same comparison from the sources.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { LESSONS } = await import(join(ROOT, 'dist', 'explain', 'lessons', 'index.js'));

const args = process.argv.slice(2);
const check = args.includes('--check');
const words = args.filter((a) => !a.startsWith('--'));
const chosen = LESSONS.filter((l) => words.length === 0 || words.some((w) => l.doc.includes(w)));
if (chosen.length === 0) {
  console.error(`no lesson matches ${words.join(', ')}; lessons: ${LESSONS.map((l) => l.doc).join(', ')}`);
  process.exit(2);
}

let stale = 0;
for (const lesson of chosen) {
  const fixtures = lesson.fixtures.map((id) => JSON.parse(readFileSync(join(ROOT, 'fixtures', `${id}.json`), 'utf8')));
  const text = lesson.render(fixtures);
  const file = join(ROOT, lesson.doc);
  if (check) {
    let old = '';
    try {
      old = readFileSync(file, 'utf8');
    } catch {}
    if (old !== text) {
      console.error(`${lesson.doc} is out of date: run node scripts/anatomy.mjs`);
      stale++;
    }
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${lesson.doc} (${text.length} bytes)`);
  }
}
process.exit(stale ? 1 : 0);
