/**
 * Standard output for tsip's results, written straight to fd 1.
 *
 * Why not `process.stdout`: creating it loads Node's stream machinery
 * (~3 ms of a ~20 ms command), and a closed pipe (`tsip link | head`)
 * surfaces as an 'error' event with a stack trace. Here a write is one
 * write(2) loop; a closed pipe ends the process quietly with status 141,
 * which is what a shell reports for ip killed by SIGPIPE (Node ignores
 * SIGPIPE, so tsip gets EPIPE instead). When fd 1 is non-blocking and full
 * (EAGAIN: a pipe shared with a parent that set O_NONBLOCK), the rest of
 * the output, this write's and all later ones, goes through
 * `process.stdout`, which queues it, so the order holds.
 */
import { writeSync } from 'node:fs';

/** Exit status on a closed stdout: 128 + SIGPIPE, as a shell shows a process killed by it. */
export const EXIT_PIPE = 141;

let streamed = false;

function closedPipe(): never {
  process.exit(EXIT_PIPE);
}

function toStream(rest: Uint8Array): void {
  if (!streamed) {
    streamed = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') closedPipe();
      throw e;
    });
  }
  process.stdout.write(rest);
}

/** Writes `text` to standard output, in order with every earlier write. */
export function writeOut(text: string): void {
  if (text === '') return;
  const buf = Buffer.from(text);
  if (streamed) {
    process.stdout.write(buf);
    return;
  }
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') closedPipe();
      if (code !== 'EAGAIN') throw e;
      toStream(buf.subarray(off));
      return;
    }
  }
}
