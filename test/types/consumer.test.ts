/**
 * The package's types, as a consumer sees them: test/types/consumer.ts is
 * type-checked against the built declarations (dist/), so misuse that the
 * declarations must forbid (a peer on a bridge, a mode on a veth, a
 * macvlan mode that does not exist, an unknown kind) fails to compile and
 * correct calls compile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = `${root}node_modules/typescript/bin/tsc`;
const built = existsSync(`${root}dist/index.d.ts`);

describe.skipIf(!built)(`types for consumers${built ? '' : ' (skipped: dist/ not built; run npm run build)'}`, () => {
  it('consumer.ts type-checks: correct calls compile, every @ts-expect-error line fails', () => {
    const r = spawnSync(process.execPath, [tsc, '-p', `${root}test/types/tsconfig.json`], { encoding: 'utf8', cwd: root });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);
});
