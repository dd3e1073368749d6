/**
 * What the named-namespace modules share: where iproute2 keeps named
 * namespaces, their paths, and the error for a namespace operation that
 * failed.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { errnoName, strerror } from '../core/errno.js';
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

/**
 * A failed file operation as a NetnsError in ip's words: `message` then
 * glibc's text for the errno (`Cannot open network namespace "x": No such
 * file or directory`), with the errno's name as `code`.
 */
export function fsFailure(message: string, e: unknown, init: { netns: string; op: NetnsOp }): NetnsError {
  const err = e as NodeJS.ErrnoException;
  const text = typeof err.errno === 'number' ? strerror(err.errno) : err.message;
  const code = err.code ?? (typeof err.errno === 'number' ? errnoName(err.errno) : undefined);
  return new NetnsError(`${message}: ${text}`, { ...init, ...(code === undefined ? {} : { code }), cause: e });
}

/**
 * Opens a namespace file read-only (close-on-exec) and returns the fd;
 * NetnsError `Cannot open network namespace LABEL: ...` when that fails.
 * `label` is how the message names it (`"red"`, `"/proc/42/ns/net"`).
 */
export function openNetnsAt(path: string, label: string, netns: string): number {
  try {
    return openSync(path, 'r');
  } catch (e) {
    throw fsFailure(`Cannot open network namespace ${label}`, e, { netns, op: 'open' });
  }
}

/**
 * Proves that namespace NAME can be opened, as `ip -n NAME` would find out
 * first: NetnsError in ip's words when it cannot.
 */
export function checkNetnsOpens(name: string): void {
  closeSync(openNetnsAt(netnsPath(name), `"${name}"`, name));
}

/** True when /run/netns/NAME exists (NAME checked first). */
export function hasNetns(name: string): boolean {
  return existsSync(netnsPath(name));
}
