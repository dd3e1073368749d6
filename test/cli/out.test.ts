/**
 * tsip's standard output (src/cli/out.ts), in child processes: a closed
 * pipe ends tsip quietly as a shell sees ip end on SIGPIPE, and a full
 * non-blocking pipe loses nothing and keeps the order.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/tsip.cjs', import.meta.url).pathname;
const OUT = new URL('../../dist/cli/out.js', import.meta.url).href;

/** Runs node with `args`; `reader` gets the child's stdout stream first. Resolves to status, stdout and stderr. */
function run(args: string[], reader: (out: NodeJS.ReadableStream & { destroy(): void }) => void): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    reader(child.stdout);
  });
}

describe('tsip output', () => {
  it('ends with status 141 and prints nothing when stdout is a pipe nobody reads (as `ip ... | head` ends)', async () => {
    const r = await run([BIN, 'help'], (out) => out.destroy());
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
    const r = await run(['--input-type=module', '-e', script], (out) => {
      out.pause();
      setTimeout(() => out.resume(), 300);
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(301001);
    expect(r.stdout).toBe('a'.repeat(300000) + 'b'.repeat(1000) + '\n');
  });
});
