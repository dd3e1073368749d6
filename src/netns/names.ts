/**
 * Network namespace names, checked the way iproute2 checks them
 * (`invalid_name()` in `ip/ipnetns.c`): a name is one file name in
 * `/run/netns`, so it must be non-empty, at most NAME_MAX (255) bytes, contain
 * no `/`, and be neither `.` nor `..`. Anything else is valid, including
 * spaces, quotes, `;`, `$(...)` and a leading `-`: names are only ever passed
 * as one element of an argv array, never through a shell.
 *
 * Two refusals are ours, not iproute2's: a NUL character (C would cut the
 * name short there, so a different namespace would be meant) and a lone
 * UTF-16 surrogate (it has no UTF-8 encoding, so the file name would not be
 * the string given).
 */

/** Longest name in bytes (UTF-8): NAME_MAX, one path component. */
export const NETNS_NAME_MAX = 255;

/** Why a name was refused. */
export type NetnsNameProblem = 'empty' | 'slash' | 'dot' | 'too-long' | 'nul' | 'not-unicode' | 'not-string';

/**
 * A namespace name iproute2 would refuse (or that cannot be a file name).
 *
 * `message` starts with iproute2's words, `Invalid netns name "NAME"`, and
 * says why after a colon, e.g.
 * `Invalid netns name "a/b": it contains "/"`.
 */
export class NetnsNameError extends Error {
  override readonly name = 'NetnsNameError';

  constructor(
    /** The refused name (as given; `String()` of it when not a string). */
    readonly netns: string,
    /** What is wrong with it. */
    readonly problem: NetnsNameProblem,
    detail: string,
  ) {
    super(`Invalid netns name "${printable(netns)}": ${detail}`);
  }
}

/** True when `e` is a {@link NetnsNameError}. */
export function isNetnsNameError(e: unknown): e is NetnsNameError {
  return e instanceof NetnsNameError;
}

/** The name as shown in messages: NUL as `\0`, otherwise as is (iproute2 prints names raw). */
function printable(name: string): string {
  return name.replace(/\0/g, '\\0');
}

/** What is wrong with `name`, or undefined when it is valid. */
function problemOf(name: unknown): [NetnsNameProblem, string] | undefined {
  if (typeof name !== 'string') return ['not-string', `expected a string, got ${name === null ? 'null' : typeof name}`];
  if (name === '') return ['empty', 'it is empty'];
  if (name.includes('\0')) return ['nul', 'it contains a NUL character'];
  if (name.includes('/')) return ['slash', 'it contains "/"'];
  if (name === '.' || name === '..') return ['dot', `"${name}" names a directory, not a namespace`];
  if (/[\uD800-\uDFFF]/u.test(name)) return ['not-unicode', 'it contains a lone UTF-16 surrogate, which has no UTF-8 form'];
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > NETNS_NAME_MAX) return ['too-long', `it is ${bytes} bytes long, more than ${NETNS_NAME_MAX}`];
  return undefined;
}

/**
 * Checks a namespace name as iproute2 does and returns it unchanged.
 * Throws {@link NetnsNameError} when it is empty, longer than 255 bytes
 * (UTF-8), contains `/` or NUL, is `.` or `..`, or is not valid Unicode.
 */
export function validateNetnsName(name: string): string {
  const p = problemOf(name);
  if (p !== undefined) throw new NetnsNameError(String(name), p[0], p[1]);
  return name;
}

/** True when {@link validateNetnsName} would accept `name`. */
export function isValidNetnsName(name: string): boolean {
  return problemOf(name) === undefined;
}
