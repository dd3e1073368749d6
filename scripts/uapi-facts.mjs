// Writes fixtures/uapi/constants.json: the enum members and numeric
// #defines of the UAPI headers rtnetlink's declarations draw on, as a
// current kernel has them, read from iproute2's include/uapi (which tracks
// the kernel's). Facts only (names and numbers), so that the headers test
// can check every declared name and number, not just those the machine's
// older /usr/include/linux knows.
//
//   node scripts/uapi-facts.mjs IPROUTE2_GIT_DIR [REV]
//
// IPROUTE2_GIT_DIR is a clone (bare or not) of iproute2; REV defaults to HEAD.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HEADER_NAMES, readHeaders } from './c-headers.mjs';

const [gitDir, rev = 'HEAD'] = process.argv.slice(2);
if (!gitDir) {
  console.error('usage: node scripts/uapi-facts.mjs IPROUTE2_GIT_DIR [REV]');
  process.exit(1);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
const commit = git('rev-parse', rev).trim();
const date = git('show', '-s', '--format=%cI', commit).trim();
const dir = mkdtempSync(join(tmpdir(), 'uapi-'));
try {
  const found = [];
  for (const h of HEADER_NAMES) {
    let text;
    try {
      text = git('show', `${commit}:include/uapi/linux/${h}`);
    } catch {
      continue; // not carried by iproute2 (e.g. snmp.h)
    }
    mkdirSync(dirname(join(dir, h)), { recursive: true }); // tc_act/*.h
    writeFileSync(join(dir, h), text);
    found.push(h);
  }
  const consts = readHeaders(found.map((h) => join(dir, h)));
  const out = {
    source: `iproute2 ${commit} (${date}), include/uapi/linux`,
    headers: found,
    constants: Object.fromEntries([...consts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  mkdirSync(new URL('../fixtures/uapi/', import.meta.url), { recursive: true });
  const file = new URL('../fixtures/uapi/constants.json', import.meta.url);
  writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log(`wrote ${file.pathname}: ${consts.size} constants from ${found.length} headers (${found.join(', ')})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
