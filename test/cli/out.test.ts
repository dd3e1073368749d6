/**
 * tsip's standard output (src/cli/out.ts), in child processes: a closed
 * pipe ends tsip quietly as a shell sees ip end on SIGPIPE, and a full
 * non-blocking pipe loses nothing and keeps the order.
 */
import { describe, expect, it } from 'vitest';
import { nodeAsync } from '../support/spawn-async.js';

const BIN = new URL('../../bin/tsip.cjs', import.meta.url).pathname;
const OUT = new URL('../../dist/cli/out.js', import.meta.url).href;

describe('tsip output', () => {
  it('ends with status 141 and prints nothing when stdout is a pipe nobody reads (as `ip ... | head` ends)', async () => {
    const r = await nodeAsync([BIN, 'help'], { reader: (out) => out.destroy() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });

  it('writes everything, in order, when stdout is a non-blocking pipe that fills up', async () => {
    // process.stdout on a pipe makes fd 1 non-blocking (libuv), as a parent
    // sharing the pipe can; 300 KB does not fit a pipe (64 KB).
    const script = `import { writeOut } from ${JSON.stringify(OUT)};
      process.stdout;
      writeOut('a'.repeat(300000));
      writeOut('b'.repeat(1000) + '\\n');`;
    const r = await nodeAsync(['--input-type=module', '-e', script], {
      reader: (out) => {
        out.pause();
        setTimeout(() => out.resume(), 300);
      },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(301001);
    expect(r.stdout).toBe('a'.repeat(300000) + 'b'.repeat(1000) + '\n');
  });
});
