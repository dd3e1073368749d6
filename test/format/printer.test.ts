/**
 * The C formats iproute2 prints numbers with: `gText` is `%g`, checked
 * against printf's own `%g` (Python's `%` operator formats as C does).
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gText } from '../../src/format/printer.js';

const hasPython = spawnSync('python3', ['-c', '0']).status === 0;

/** printf("%g") of each value, from one Python process. */
function cG(values: readonly number[]): string[] {
  const r = spawnSync('python3', ['-c', 'import sys\nfor l in sys.stdin: print("%g" % float(l))'], { input: values.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join('\n') + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trimEnd().split('\n');
}

describe('gText: C %g', () => {
  it('the forms iproute2 prints: exponent below -4 or from 6 up, six digits, no trailing zeros', () => {
    expect(['6e-05', '0.0001', '0.000123457', '1.23457e+06', '1e+06', '0.3', '1234.57', '4.29497e+07', '-2.5e-07', '0', '100'].join()).toBe(
      [6e-5, 0.0001, 0.00012345678, 1234567, 999999.5, 0.1 + 0.2, 1234.567, 42949672.95, -2.5e-7, 0, 100].map(gText).join(),
    );
  });

  it.skipIf(!hasPython)('equals printf on generated doubles (python3 is the oracle)', () => {
    const values = fc.sample(
      fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: 1e-7, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 0xffffffff }).map((n) => n / 100),
        fc.integer({ min: 0, max: 0xffffffff }).map((n) => n / 1e6),
      ),
      { numRuns: 3000, seed: 42 },
    );
    const want = cG(values);
    const diffs = values.map((v, i) => [v, gText(v), want[i]]).filter(([, a, b]) => a !== b);
    expect(diffs).toEqual([]);
  });
});
