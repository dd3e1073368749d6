/**
 * Running a few synchronous lines of JavaScript with the main thread in
 * another network namespace, and nothing else.
 *
 * setns(2) with CLONE_NEWNET moves the calling thread only: libuv's pool
 * and V8's helper threads stay where they are. A socket belongs to the
 * namespace its creating thread was in when socket(2) ran, for life; so
 * the main thread enters, creates the socket, and comes back at once, in a
 * `finally`. Coming back is checked (the inode of
 * `/proc/thread-self/ns/net` must be the one it had before); if the thread
 * cannot return, the process stops at once with the reason on stderr,
 * since every later socket, file and child would otherwise land in the
 * wrong namespace.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { errnoName, strerror } from '../core/errno.js';
import { libc, type Libc } from './ffi.js';

/** CLONE_NEWNET, for setns(2) and unshare(2). */
export const CLONE_NEWNET = 0x40000000;

/** The calling thread's own network namespace, as procfs names it. */
export const THREAD_NETNS_PATH = '/proc/thread-self/ns/net';

/** A network namespace to enter: a path to its nsfs file (`/run/netns/NAME`, `/proc/PID/ns/net`) or an open fd on one. */
export type NetnsTarget = { path: string } | { fd: number };

/** A system call failed: which one, on what, and the errno. */
export class SyscallError extends Error {
  override readonly name = 'SyscallError';
  /** errno name (`EPERM`). */
  readonly code: string;

  constructor(
    /** The call (`setns`, `open`, `unshare`, `mount`...). */
    readonly syscall: string,
    /** The errno, positive. */
    readonly errno: number,
    /** What it was called on (a path or `fd N`). */
    readonly subject: string,
  ) {
    super(`${syscall} ${subject}: ${strerror(errno)}`);
    this.code = errnoName(errno) ?? `E${errno}`;
  }
}

/** True when `e` is a {@link SyscallError} (optionally with the given code). */
export function isSyscallError(e: unknown, code?: string): e is SyscallError {
  return e instanceof SyscallError && (code === undefined || e.code === code);
}

interface Home {
  fd: number;
  ino: number;
  dev: number;
}

let home: Home | undefined;
/** True while the main thread is in another namespace (inside inNetns or inNewNetns). */
let away = false;

/** The main thread's own namespace: an fd kept open for the life of the process, and its inode. */
function ownNetns(): Home {
  if (home === undefined) {
    const st = statSync(THREAD_NETNS_PATH);
    home = { fd: openSync(THREAD_NETNS_PATH, 'r'), ino: st.ino, dev: st.dev };
  }
  return home;
}

/** Inode of the network namespace the calling (main) thread is in now. */
export function currentNetnsInode(): number {
  return statSync(THREAD_NETNS_PATH).ino;
}

/** Inode of the main thread's own network namespace (the one it always returns to). */
export function ownNetnsInode(): number {
  return ownNetns().ino;
}

function fatal(reason: string): never {
  try {
    writeSync(2, `tsnetlink: fatal: the main thread could not return to its own network namespace (${reason}); stopping the process so that nothing more is done in the wrong one\n`);
  } finally {
    process.abort();
  }
}

/** setns back to the own namespace, checked; fatal when it fails. */
function returnHome(lc: Libc, own: Home): void {
  let err = 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (lc.setns(own.fd, CLONE_NEWNET) === 0) {
      err = 0;
      break;
    }
    err = lc.errno();
  }
  if (err !== 0) fatal(`setns: ${strerror(err)}`);
  let ino: number;
  try {
    ino = currentNetnsInode();
  } catch (e) {
    fatal(`cannot read ${THREAD_NETNS_PATH}: ${(e as Error).message}`);
  }
  if (ino !== own.ino) fatal(`${THREAD_NETNS_PATH} is inode ${ino}, expected ${own.ino}`);
}

function describe(target: NetnsTarget): string {
  return 'path' in target ? target.path : `fd ${target.fd}`;
}

/** Opens a namespace file read-only; SyscallError('open') when that fails. */
function openTarget(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (e) {
    const errno = -((e as NodeJS.ErrnoException).errno ?? -2);
    throw new SyscallError('open', errno, path);
  }
}

/**
 * Runs `fn` (synchronous) with the main thread in `target`'s network
 * namespace, and returns the thread to its own namespace before returning
 * or throwing. Throws {@link SyscallError} when the namespace cannot be
 * opened or entered (`fn` is then not run), and FfiUnavailableError when
 * FFI cannot load. Never call anything asynchronous from `fn`.
 */
export function inNetns<T>(target: NetnsTarget, fn: () => T): T {
  const lc = libc();
  const own = ownNetns();
  // Coming back means coming home: a call inside `fn` would return the
  // thread home while the outer one still runs there.
  if (away) throw new Error('inNetns cannot be nested: the thread returns to its own namespace, not the outer one');
  const fd = 'fd' in target ? target.fd : openTarget(target.path);
  try {
    if (lc.setns(fd, CLONE_NEWNET) !== 0) throw new SyscallError('setns', lc.errno(), describe(target));
    return awayAndBack(lc, own, fn);
  } finally {
    if (!('fd' in target)) closeSync(fd);
  }
}

/**
 * Runs `fn` with the main thread in a brand-new network namespace
 * (unshare(2)), then returns it to its own. Whatever `fn` does to pin the
 * new namespace (a bind mount of {@link THREAD_NETNS_PATH}, a socket) is
 * what keeps it alive afterwards.
 */
export function inNewNetns<T>(fn: () => T): T {
  const lc = libc();
  const own = ownNetns();
  if (away) throw new Error('inNewNetns cannot run inside inNetns');
  if (lc.unshare(CLONE_NEWNET) !== 0) throw new SyscallError('unshare', lc.errno(), 'CLONE_NEWNET');
  return awayAndBack(lc, own, fn);
}

/** Runs `fn` with the thread already moved away, and brings it home whatever happens. */
function awayAndBack<T>(lc: Libc, own: Home, fn: () => T): T {
  away = true;
  try {
    return fn();
  } finally {
    away = false;
    returnHome(lc, own);
  }
}
