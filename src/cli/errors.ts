/**
 * How the command line ends: exit codes as iproute2 has them, and a typed
 * error for expected failures so `main` prints one line, never a stack.
 */

/**
 * iproute2's exit codes: 0 success; 1 bad input ip reports and returns
 * from (`Cannot find device`, `Not enough information` in `link add`, a
 * failing `-batch` line); 2 the kernel refused; 255 (ip's `exit(-1)`)
 * usage and argument errors (`Error: argument "x" is wrong: ...`, an
 * unknown command or option, an incomplete command line, a namespace that
 * cannot be entered).
 */
export const EXIT = { OK: 0, USAGE: 1, KERNEL: 2, INVARG: 255 } as const;

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
