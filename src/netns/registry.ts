/**
 * Named network namespaces, as iproute2 keeps them: one file per namespace
 * in `/run/netns`, a bind mount of the namespace's nsfs inode.
 *
 * - Listing reads the directory.
 * - Adding and deleting fork `ip netns add NAME` / `ip netns del NAME`:
 *   creating a namespace (unshare, then a bind mount in a shared mount of
 *   `/run/netns`) and unmounting it are not netlink, and iproute2's way of
 *   doing it is what every other tool expects. Arguments go as an array
 *   (`execFile`), never through a shell.
 * - A file descriptor on `/run/netns/NAME` names the namespace to the
 *   kernel in IFLA_NET_NS_FD and NETNSA_FD; the kernel resolves it in the
 *   sending process, so it must be opened here, by the process that owns
 *   the netlink socket.
 */
import { closeSync, openSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
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
 * Names of the namespaces in `/run/netns`, sorted (byte order of their
 * UTF-8). A missing directory means none: `[]`. Other failures (EACCES...)
 * throw {@link NetnsError}.
 */
export async function listNetns(): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(NETNS_RUN_DIR);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return [];
    throw new NetnsError(`Cannot open netns runtime directory "${NETNS_RUN_DIR}": ${errText(err)}`, {
      netns: '',
      op: 'list',
      ...codeOf(err),
      cause: e,
    });
  }
  return names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/**
 * Creates the namespace NAME with `ip netns add NAME`. Rejects with
 * NetnsNameError for a bad name (without forking), and {@link NetnsError}
 * with ip's message when ip fails, e.g.
 * `Cannot create namespace file "/run/netns/x": File exists`.
 */
export async function addNetns(name: string, options: IpOptions = {}): Promise<void> {
  validateNetnsName(name);
  return runIp(['netns', 'add', name], name, 'add', options);
}

/**
 * Deletes the namespace NAME with `ip netns del NAME` (unmounts and removes
 * `/run/netns/NAME`; the namespace itself goes away once no process and no
 * file descriptor holds it). Rejects with NetnsNameError for a bad name and
 * {@link NetnsError} with ip's message, e.g.
 * `Cannot remove namespace file "/run/netns/x": No such file or directory`.
 */
export async function deleteNetns(name: string, options: IpOptions = {}): Promise<void> {
  validateNetnsName(name);
  return runIp(['netns', 'del', name], name, 'delete', options);
}

/**
 * Opens `/run/netns/NAME` read-only (close-on-exec) and returns the file
 * descriptor, for IFLA_NET_NS_FD or NETNSA_FD. Close it with
 * {@link closeNetnsFd} once the request is answered. Throws
 * NetnsNameError for a bad name and {@link NetnsError} when the file
 * cannot be opened, in iproute2's words:
 * `Cannot open network namespace "x": No such file or directory`.
 */
export function openNetnsFd(name: string): number {
  const path = netnsPath(name);
  try {
    return openSync(path, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new NetnsError(`Cannot open network namespace "${name}": ${errText(err)}`, {
      netns: name,
      op: 'open',
      ...codeOf(err),
      cause: e,
    });
  }
}

/** Closes a descriptor from {@link openNetnsFd}. */
export function closeNetnsFd(fd: number): void {
  closeSync(fd);
}

/** glibc's words for a Node fs error. */
function errText(err: NodeJS.ErrnoException): string {
  if (typeof err.errno === 'number') return strerror(err.errno);
  return err.message;
}

function codeOf(err: NodeJS.ErrnoException): { code?: string } {
  const code = err.code ?? (typeof err.errno === 'number' ? errnoName(err.errno) : undefined);
  return code === undefined ? {} : { code };
}

/** errno name for the strerror text at the end of one of ip's messages (`...: File exists`). */
function codeFromText(line: string): string | undefined {
  const i = line.lastIndexOf(': ');
  if (i < 0) return undefined;
  const text = line.slice(i + 2);
  for (let e = 1; e < 134; e++) if (strerror(e) === text) return errnoName(e);
  return undefined;
}

/** Runs `ip ARGS...`; rejects with a NetnsError carrying ip's last stderr line. */
async function runIp(args: string[], name: string, op: NetnsOp, options: IpOptions): Promise<void> {
  const ip = options.ip ?? 'ip';
  // Loaded on demand: most commands never fork.
  const { execFile } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(ip, args, { encoding: 'utf8', timeout: options.timeout ?? 30_000, killSignal: 'SIGKILL' }, (error, _stdout, stderr) => {
      if (error === null) {
        resolve();
        return;
      }
      const err = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean; signal?: string | null };
      if (typeof err.code === 'string') {
        // ip could not be started at all (ENOENT, EACCES).
        reject(new NetnsError(`Cannot run "${ip}": ${errText(err)}`, { netns: name, op, code: err.code, cause: error }));
        return;
      }
      const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      const last = lines[lines.length - 1];
      let message: string;
      if (last !== undefined) message = last;
      else if (err.signal) message = `"${ip} ${args.join(' ')}" was killed by ${err.signal}${err.killed ? ' (time limit)' : ''}`;
      else message = `"${ip} ${args.join(' ')}" failed with exit code ${String(err.code)}`;
      const init: ConstructorParameters<typeof NetnsError>[1] = { netns: name, op, stderr, cause: error };
      const code = last === undefined ? undefined : codeFromText(last);
      if (code !== undefined) init.code = code;
      if (typeof err.code === 'number') init.exitCode = err.code;
      reject(new NetnsError(message, init));
    });
  });
}
