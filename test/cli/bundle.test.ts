/**
 * The bundled tsip (dist/tsip.cjs, made by `npm run build`) starts as
 * bin/tsip.cjs loads it: its V8 code cache is accepted (a rejected cache
 * costs every start its compilation, silently), and it is ASCII, which
 * bin/tsip.cjs relies on when it reads it as latin1.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const file = fileURLToPath(new URL('../../dist/tsip.cjs', import.meta.url));

describe('the tsip bundle', () => {
  it('is ASCII, and V8 accepts its code cache for the text bin/tsip.cjs reads', () => {
    const bytes = readFileSync(file);
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
    const script = new vm.Script(Module.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData: readFileSync(`${file}.v8cache`) });
    expect(script.cachedDataRejected).toBe(false);
  });
});

describe('what the tsip bundle leaves out', () => {
  it('holds no fast-check and none of the fuzz parts: every start reads and deserializes what it holds', () => {
    const text = readFileSync(file, 'latin1');
    // fast-check names itself in its error texts; the units' fuzz parts stay import()s of files in dist/.
    expect(text).not.toMatch(/fast-check/);
    expect(text).toMatch(/import\(`\.\/families\/link\/fuzz\.js`\)/);
    // 490 KB when this was written; 690 KB with the fuzz parts inside.
    expect(text.length).toBeLessThan(600_000);
  });
});
