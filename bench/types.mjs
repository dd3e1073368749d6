// Types of decoded messages: what checking consumer code that reads
// decoded messages costs tsc. Two forms of the same types:
// - shipped: the interfaces scripts/message-types.mjs generates from the
//   declarations (src/families/message-types.ts, via rtnetlink's type);
// - reference: interfaces generated here the same way, without the package.
// The alternative, types inferred through `as const` and mapped types, was
// measured at commit f3ac865 (bench/types.mjs there): 47-59 ms of check and
// 25-40 k instantiations for the same consumer, against 1-2 ms here, which
// is why the declarations' types are generated at build.
//
//   node bench/types.mjs      (after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rtnetlink } from '../dist/families/registry.js';

const repo = new URL('..', import.meta.url).pathname;
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const ROUNDS = Number(process.env.ROUNDS ?? 7);

// ---- the generated alternative: one interface per attribute set and struct
const names = new Map();
const out = [];
function ident(base) {
  let n = base.replace(/[^A-Za-z0-9]/g, '_');
  while ([...names.values()].includes(n)) n += '_';
  return n;
}
function typeOf(kind) {
  const s = kind.spec;
  switch (s.t) {
    case 'uint':
    case 'sint':
      return s.bits === 64 ? 'number | bigint' : 'number';
    case 'enum':
    case 'flags':
      return 'number';
    case 'flag':
      return 'true';
    case 'string':
    case 'lladdr':
    case 'ip':
      return 'string';
    case 'binary':
      return 'Uint8Array';
    case 'struct':
      return structType(kind);
    case 'nested':
      return setType(s.set());
    case 'message':
      return `{ header: ${typeOf(s.header)}; attrs: ${setType(s.set())} }`;
    case 'array':
      return `(${typeOf(s.of)})[]`;
    default:
      return 'any';
  }
}
function structType(kind) {
  if (names.has(kind)) return names.get(kind);
  const n = ident(`S_${kind.label}`);
  names.set(kind, n);
  out.push(`export interface ${n} {\n${kind.spec.fields.map((f) => `  ${JSON.stringify(f.key)}: ${typeOf(f.kind)};`).join('\n')}\n}`);
  return n;
}
function setType(set) {
  if (names.has(set)) return names.get(set);
  const n = ident(`A_${set.name}`);
  names.set(set, n);
  const body = set.defs.map((d) => `  ${JSON.stringify(d.key)}?: ${d.multi ? `(${typeOf(d.kind)})[]` : typeOf(d.kind)};`);
  out.push(`export interface ${n} {\n${body.join('\n')}\n  [unknown: \`#\${number}\`]: { type: number; flags: number; bytes: Uint8Array };\n}`);
  return n;
}
const members = [];
for (const d of rtnetlink.messages.values()) members.push(`{ type: ${d.type}; header?: ${typeOf(d.header)}; attrs?: ${setType(d.attrs)} }`);
out.push(`export type RtMessage = ${members.join('\n  | ')}\n  | { type: number; header?: undefined; attrs?: undefined; error?: number };`);

const dir = mkdtempSync(join(tmpdir(), 'tsnl-types-'));
try {
  writeFileSync(join(dir, 'generated.d.ts'), out.join('\n\n') + '\n');
  const body = (decl) => `${decl}
export function use(ms: M[]): void {
  for (const m of ms) {
    switch (m.type) {
      case 16: { const a: string | undefined = m.attrs?.ifname; const b = m.attrs?.linkinfo?.kind; const c = m.header?.index; void [a, b, c]; break; }
      case 20: { const a: string | undefined = m.attrs?.local; const b = m.attrs?.cacheinfo?.valid; void [a, b]; break; }
      case 24: { const a: string | undefined = m.attrs?.dst; const b = m.attrs?.metrics?.mtu; void [a, b]; break; }
    }
  }
}
`;
  writeFileSync(join(dir, 'inferred.ts'), body(`import { decodeMessages, open, rtnetlink } from 'tsnetlink';\ntype M = ReturnType<typeof decodeMessages<typeof rtnetlink>>[number];\nvoid open;`));
  // The same package is loaded (its API, handles, monitor): only the message types differ.
  writeFileSync(join(dir, 'gen.ts'), body(`import { open } from 'tsnetlink';\nimport type { RtMessage as M } from './generated.js';\nvoid open;`));
  mkdirSync(join(dir, 'node_modules'));
  spawnSync('ln', ['-s', repo, join(dir, 'node_modules', 'tsnetlink')]);
  const cfg = (file) => {
    const p = join(dir, `tsconfig.${file}.json`);
    writeFileSync(p, JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'ESNext.Disposable'], types: ['node'], typeRoots: [join(repo, 'node_modules/@types')], skipLibCheck: true }, files: [file] }));
    return p;
  };
  const measure = (file) => {
    const p = cfg(file);
    const runs = [];
    let inst = 0;
    let types = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const r = spawnSync(process.execPath, [tsc, '-p', p, '--extendedDiagnostics'], { encoding: 'utf8', cwd: dir });
      const text = r.stdout + r.stderr;
      if (/error TS/.test(text)) throw new Error(`${file}: ${text}`);
      runs.push(Number(/Check time:\s+([\d.]+)s/.exec(text)[1]) * 1000);
      inst = Number(/Instantiations:\s+(\d+)/.exec(text)[1]);
      types = Number(/Types:\s+(\d+)/.exec(text)[1]);
    }
    runs.sort((a, b) => a - b);
    return { check: runs[runs.length >> 1], inst, types };
  };
  const dts = (d) => readdirSync(d, { recursive: true }).filter((f) => String(f).endsWith('.d.ts')).reduce((n, f) => n + statSync(join(d, String(f))).size, 0);
  const inferred = measure('inferred.ts');
  const generated = measure('gen.ts');
  const families = join(repo, 'dist/families');
  console.log(`types of decoded rtnetlink messages, tsc check of the same consumer, median of ${ROUNDS}:`);
  console.log(`  shipped (generated):  check ${inferred.check.toFixed(0)} ms, ${inferred.types} types, ${inferred.inst} instantiations; dist/families/**/*.d.ts ${(dts(families) / 1024).toFixed(0)} KiB`);
  console.log(`  reference:           check ${generated.check.toFixed(0)} ms, ${generated.types} types, ${generated.inst} instantiations; generated.d.ts ${(statSync(join(dir, 'generated.d.ts')).size / 1024).toFixed(0)} KiB (${out.length} declarations)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
