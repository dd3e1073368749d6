/**
 * What the named-namespace modules share: where iproute2 keeps named
 * namespaces, their paths, and the error for a namespace operation that
 * failed.
 */
import { validateNetnsName } from './names.js';

/** Where iproute2 keeps named namespaces (NETNS_RUN_DIR). */
export const NETNS_RUN_DIR = '/run/netns';

/** What was being done when a {@link NetnsError} happened. */
export type NetnsOp = 'list' | 'add' | 'delete' | 'open' | 'enter';

/**
 * A namespace operation failed. `message` is what iproute2 prints for the
 * same failure, e.g. `Cannot create namespace file "/run/netns/x": File
 * exists` (from `ip`'s stderr when `ip` was forked) or
 * `Cannot open network namespace "x": No such file or directory`.
 */
export class NetnsError extends Error {
  override readonly name = 'NetnsError';
  /** The namespace name ('' for list). */
  readonly netns: string;
  /** The operation. */
  readonly op: NetnsOp;
  /** errno name (`ENOENT`, `EEXIST`), when known. */
  readonly code?: string;
  /** Everything `ip` wrote to stderr, when `ip` was forked. */
  readonly stderr?: string;
  /** `ip`'s exit code, when `ip` was forked and exited. */
  readonly exitCode?: number;

  constructor(message: string, init: { netns: string; op: NetnsOp; code?: string; stderr?: string; exitCode?: number; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.netns = init.netns;
    this.op = init.op;
    if (init.code !== undefined) this.code = init.code;
    if (init.stderr !== undefined) this.stderr = init.stderr;
    if (init.exitCode !== undefined) this.exitCode = init.exitCode;
  }
}

/** True when `e` is a {@link NetnsError}. */
export function isNetnsError(e: unknown): e is NetnsError {
  return e instanceof NetnsError;
}

/** Options of the functions that fork `ip`. */
export interface IpOptions {
  /** The `ip` program: a path, or a name looked up in PATH (default `ip`). */
  ip?: string;
  /** Time limit for `ip` in milliseconds (default 30000); it is killed after that. */
  timeout?: number;
}

/** `/run/netns/NAME`, after checking NAME. Throws NetnsNameError. */
export function netnsPath(name: string): string {
  return `${NETNS_RUN_DIR}/${validateNetnsName(name)}`;
}

