/**
 * A child process run without blocking, its output collected: for tests
 * that run several side by side, or read the child's stdout as it comes.
 */
import { spawn } from 'node:child_process';

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnAsyncOptions {
  cwd?: string;
  timeout?: number;
  /** Given the child's stdout first (to read part of it, or close it early). */
  reader?: (out: NodeJS.ReadableStream & { destroy(): void }) => void;
}

/** `node ARGS...`; resolves when the child has closed its output. */
export function nodeAsync(args: string[], opts: SpawnAsyncOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: opts.cwd, timeout: opts.timeout, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    opts.reader?.(child.stdout);
  });
}
