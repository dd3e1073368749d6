// Attribute coverage report: for every attribute set reachable from the
// rtnetlink registry, how many attributes are declared with a typed kind
// and how many as opaque bytes; then, over every captured fixture, how many
// attributes the kernel or iproute2 sent that no declaration knows.
// Run after `npm run build`: node scripts/coverage.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHex } from '../dist/bytes/hex.js';
import { decodeMessages } from '../dist/netlink/message.js';
import { rtnetlink } from '../dist/families/registry.js';
import { reachable } from '../dist/schema/walk.js';

const roots = [...rtnetlink.messages.values()].map((m) => m.attrs);
const { sets, structs } = reachable(roots);
let typed = 0;
let opaque = 0;
const opaqueNames = [];
for (const s of sets) {
  for (const d of s.defs) {
    if (d.kind.spec.t === 'binary') {
      opaque++;
      opaqueNames.push(d.name);
    } else typed++;
  }
}
console.log(`${sets.length} attribute sets, ${structs.length} structs; ${typed + opaque} attributes declared: ${typed} typed, ${opaque} opaque bytes`);
console.log(`opaque: ${opaqueNames.join(', ')}`);

const unknown = new Map();
let attrs = 0;
function walk(v, path) {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('#')) unknown.set(`${path}${k}`, (unknown.get(`${path}${k}`) ?? 0) + 1);
    else attrs++;
    walk(x, `${path}${k}.`);
  }
}
const dir = new URL('../fixtures/', import.meta.url).pathname;
let msgs = 0;
for (const g of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const f of readdirSync(join(dir, g.name)).filter((x) => x.endsWith('.json'))) {
    const fx = JSON.parse(readFileSync(join(dir, g.name, f), 'utf8'));
    // Not a capture: fixtures/uapi and fixtures/ynl hold facts.
    if (!Array.isArray(fx.datagrams)) continue;
    for (const d of fx.datagrams) {
      // fixtures/extack: requests made malformed on purpose are not counted.
      if (g.name === 'extack' && d.dir === 'send') continue;
      for (const m of decodeMessages(parseHex(d.hex), rtnetlink)) {
        msgs++;
        walk(m.attrs, '');
        if (m.request) walk(m.request.attrs, 'request.');
      }
    }
  }
}
console.log(`fixtures: ${msgs} messages, ${attrs} decoded values; attributes no declaration knows: ${unknown.size === 0 ? 'none' : [...unknown].map(([k, n]) => `${k} x${n}`).join(', ')}`);
