/**
 * Named network namespaces, as iproute2 keeps them: one file per namespace
 * in `/run/netns`, a bind mount of the namespace's nsfs inode.
 *
 * - Listing reads the directory.
 * - Adding and deleting are done as `ip netns add/del NAME` does them
 *   (unshare, then a bind mount in a shared mount of `/run/netns`;
 *   unmount and unlink), in this process where FFI loads (`mount.ts`),
 *   else by forking `ip` with arguments as an array (`execFile`), never
 *   through a shell.
 * - A file descriptor on `/run/netns/NAME` names the namespace to the
 *   kernel in IFLA_NET_NS_FD and NETNSA_FD; the kernel resolves it in the
 *   sending process, so it must be opened here, by the process that owns
 *   the netlink socket.
 */
import { closeSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { errnoName, strerror } from '../core/errno.js';
import { validateNetnsName } from './names.js';
import { ffiAvailable } from '../sys/ffi.js';
import { addNetnsInProcess, deleteNetnsInProcess } from './mount.js';
import { fsFailure, NETNS_RUN_DIR, NetnsError, netnsPath, openNetnsAt, type IpOptions, type NetnsOp } from './registry-base.js';

export { checkNetnsOpens, hasNetns, NETNS_RUN_DIR, NetnsError, isNetnsError, netnsPath, openNetnsAt, type IpOptions, type NetnsOp } from './registry-base.js';

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
    throw fsFailure(`Cannot open netns runtime directory "${NETNS_RUN_DIR}"`, e, { netns: '', op: 'list' });
  }
  return names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** How a namespace is added or deleted: in this process (FFI) or by forking `ip netns`. */
export type NetnsMethod = 'in-process' | 'ip';

/** Options of {@link addNetns} and {@link deleteNetns}. */
export interface NetnsChangeOptions extends IpOptions {
  /**
   * `in-process` (default where FFI loads: unshare and a bind mount, as
   * `ip netns add` does: 0.55 ms here against 4.7 ms for forking it) or `ip`
   * (fork `ip netns add/del NAME`).
   */
  method?: NetnsMethod;
}

function methodOf(options: NetnsChangeOptions): NetnsMethod {
  return options.method ?? (ffiAvailable() ? 'in-process' : 'ip');
}

/**
 * Creates the namespace NAME (`ip netns add NAME`). Rejects with
 * NetnsNameError for a bad name (nothing is done), and {@link NetnsError}
 * in ip's words when it fails, e.g.
 * `Cannot create namespace file "/run/netns/x": File exists`.
 */
export async function addNetns(name: string, options: NetnsChangeOptions = {}): Promise<void> {
  validateNetnsName(name);
  if (methodOf(options) === 'in-process') return addNetnsInProcess(name);
  return runIp(['netns', 'add', name], name, 'add', options);
}

/**
 * Deletes the namespace NAME (`ip netns del NAME`: unmounts and removes
 * `/run/netns/NAME`; the namespace itself goes away once no process and no
 * file descriptor holds it). Rejects with NetnsNameError for a bad name and
 * {@link NetnsError} in ip's words, e.g.
 * `Cannot remove namespace file "/run/netns/x": No such file or directory`.
 */
export async function deleteNetns(name: string, options: NetnsChangeOptions = {}): Promise<void> {
  validateNetnsName(name);
  if (methodOf(options) === 'in-process') return deleteNetnsInProcess(name);
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
  return openNetnsAt(netnsPath(name), `"${name}"`, name);
}

/** Closes a descriptor from {@link openNetnsFd}. */
export function closeNetnsFd(fd: number): void {
  closeSync(fd);
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
        reject(fsFailure(`Cannot run "${ip}"`, err, { netns: name, op }));
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
