/**
 * Named namespaces made and removed in this process, the way `ip netns
 * add/del` does it, without forking `ip`:
 *
 * add NAME:
 * 1. `/run/netns` exists and is a shared mount point (a bind mount of
 *    itself the first time), so that the namespace files propagate to
 *    other mount namespaces;
 * 2. `/run/netns/NAME` is created empty (O_EXCL: an existing one is
 *    refused);
 * 3. the main thread moves to a new network namespace (unshare(2)),
 *    bind-mounts `/proc/thread-self/ns/net` onto the file, and returns to
 *    its own namespace (checked, see `sys/netns-thread.ts`);
 * 4. on failure the file is removed again.
 *
 * del NAME: unmount (lazily, MNT_DETACH) and unlink. The namespace itself
 * lives on while a process or an open fd (a socket made in it) holds it.
 *
 * Errors are {@link NetnsError}s in ip's words.
 */
import { closeSync, constants, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { errnoName, strerror } from '../core/errno.js';
import { libc } from '../sys/ffi.js';
import { inNewNetns, SyscallError, THREAD_NETNS_PATH } from '../sys/netns-thread.js';
import { fsFailure, NETNS_RUN_DIR, NetnsError, netnsPath } from './registry-base.js';

// mount(2) flags (linux/mount.h).
const MS_BIND = 0x1000;
const MS_REC = 0x4000;
const MS_SHARED = 1 << 20;
const MNT_DETACH = 2;

let runDirShared = false;

/** Makes NETNS_RUN_DIR a shared mount point, as iproute2 does before its first bind mount there. */
function shareRunDir(name: string): void {
  if (runDirShared) return;
  const lc = libc();
  try {
    mkdirSync(NETNS_RUN_DIR, { recursive: true, mode: 0o755 });
  } catch (e) {
    throw fsFailure(`mkdir ${NETNS_RUN_DIR} failed`, e, { netns: name, op: 'add' });
  }
  let bound = false;
  for (;;) {
    if (lc.mount('none', NETNS_RUN_DIR, 'none', MS_SHARED | MS_REC, null) === 0) break;
    const errno = lc.errno();
    // EINVAL: not a mount point yet; make it one (once), then try again.
    if (errno !== 22 || bound) throw new NetnsError(`"mount --make-shared ${NETNS_RUN_DIR}" failed: ${strerror(errno)}`, { netns: name, op: 'add', code: errnoName(errno) ?? `E${errno}` });
    if (lc.mount(NETNS_RUN_DIR, NETNS_RUN_DIR, 'none', MS_BIND | MS_REC, null) !== 0) {
      const e2 = lc.errno();
      throw new NetnsError(`"mount --bind ${NETNS_RUN_DIR} ${NETNS_RUN_DIR}" failed: ${strerror(e2)}`, { netns: name, op: 'add', code: errnoName(e2) ?? `E${e2}` });
    }
    bound = true;
  }
  runDirShared = true;
}

/**
 * Creates the named namespace NAME in this process (see above). Throws
 * NetnsNameError for a bad name, NetnsError with ip's words when it
 * cannot (`Cannot create namespace file "/run/netns/x": File exists`),
 * and FfiUnavailableError without FFI.
 */
export function addNetnsInProcess(name: string): void {
  const path = netnsPath(name);
  const lc = libc();
  shareRunDir(name);
  let fd: number;
  try {
    // Read-only, as iproute2 opens it: closing a file opened for writing
    // costs ten times more here (0.35 ms against 0.035).
    fd = openSync(path, constants.O_RDONLY | constants.O_CREAT | constants.O_EXCL, 0);
  } catch (e) {
    throw fsFailure(`Cannot create namespace file "${path}"`, e, { netns: name, op: 'add' });
  }
  closeSync(fd);
  try {
    inNewNetns(() => {
      if (lc.mount(THREAD_NETNS_PATH, path, 'none', MS_BIND, null) !== 0) throw new SyscallError('mount', lc.errno(), path);
    });
  } catch (e) {
    try {
      unlinkSync(path);
    } catch {
      // Nothing more to undo.
    }
    if (e instanceof SyscallError) {
      const what = e.syscall === 'unshare' ? 'Failed to create a new network namespace' : `Bind ${THREAD_NETNS_PATH} -> ${path} failed`;
      throw new NetnsError(`${what} "${name}": ${strerror(e.errno)}`, { netns: name, op: 'add', code: e.code, cause: e });
    }
    throw e;
  }
}

/**
 * Removes the named namespace NAME (unmount, unlink) in this process.
 * NetnsError in ip's words when the file cannot be removed
 * (`Cannot remove namespace file "/run/netns/x": No such file or directory`).
 */
export function deleteNetnsInProcess(name: string): void {
  const path = netnsPath(name);
  // As ip: an unmount failure (not mounted) is not an error by itself.
  libc().umount2(path, MNT_DETACH);
  try {
    unlinkSync(path);
  } catch (e) {
    throw fsFailure(`Cannot remove namespace file "${path}"`, e, { netns: name, op: 'delete' });
  }
}
