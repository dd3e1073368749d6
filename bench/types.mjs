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
import { mkdtempSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rtnetlink } from '../dist/families/registry.js';
import { messageTypes } from '../scripts/message-types.mjs';

const repo = new URL('..', import.meta.url).pathname;
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const ROUNDS = Number(process.env.ROUNDS ?? 7);

// The reference: the same generated interfaces, on their own.
const reference = messageTypes(rtnetlink, 'RtMessageDefs')
  .replace(/^import type \{ UnknownAttr \}.*$/m, 'type UnknownAttr = { type: number; flags: number; bytes: Uint8Array };')
  .replace(/^import type \{ MessageDef \}.*$/m, 'type MessageDef<Ty, N, H, A> = { type: Ty; name: N; header: H; attrs: A };')
  .concat('\nexport type RtMessage = RtMessageDefs extends infer D ? (D extends { type: infer Ty; header: infer H; attrs: infer A } ? { type: Ty; header?: H; attrs?: A } : never) : never;\n');

const dir = mkdtempSync(join(tmpdir(), 'tsnl-types-'));
try {
  writeFileSync(join(dir, 'generated.ts'), reference);
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
  console.log(`  reference:           check ${generated.check.toFixed(0)} ms, ${generated.types} types, ${generated.inst} instantiations; generated.ts ${(statSync(join(dir, 'generated.ts')).size / 1024).toFixed(0)} KiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
