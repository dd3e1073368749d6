/**
 * How the command line ends: exit codes as iproute2 has them, and a typed
 * error for expected failures so `main` prints one line, never a stack.
 */

/** 0 success; 1 usage, bad input, "Cannot find device"; 2 the kernel refused. */
export const EXIT = { OK: 0, USAGE: 1, KERNEL: 2 } as const;

/** An expected failure: printed as one line on stderr, then exit with `code`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly code: number = EXIT.USAGE,
  ) {
    super(message);
  }
}
