/**
 * Sockets inside other network namespaces, for handles in setns mode:
 * where a namespace given by name, path, pid or fd is, and a
 * {@link SocketPort} made inside it, with failures in iproute2's words.
 */
import { closeSync, fstatSync, statSync } from 'node:fs';
import { errnoName, strerror } from '../core/errno.js';
import { NetnsError, netnsPath, openNetnsAt } from '../netns/registry.js';
import { isSyscallError } from '../sys/netns-thread.js';
import { SocketPort, type SocketPortOptions } from '../transport/socket-port.js';
import { InvalidArgumentError } from './errors.js';

/** A network namespace: a name under /run/netns, an nsfs path, a process's, or an open fd. */
export type NetnsSpec = string | { path: string } | { pid: number } | { fd: number };

/** Identity of a namespace: the device and inode of its nsfs file. */
export interface NetnsIdentity {
  dev: number;
  ino: number;
}

/** A {@link NetnsSpec} resolved: where it is and what to call it. */
export interface ResolvedNetns {
  /** The /run/netns name, when given by name. */
  name?: string;
  /** How messages name it: `"red"`, `/proc/42/ns/net`, `fd 7`. */
  label: string;
  /** The nsfs path to open, or the fd given. */
  path?: string;
  fd?: number;
  /** True when the path still names the namespace `id` (always true for an fd). */
  sameAs(id: NetnsIdentity): boolean;
}

/** Checks a {@link NetnsSpec} (InvalidArgumentError or NetnsNameError when bad). */
export function resolveNetns(spec: NetnsSpec): ResolvedNetns {
  if (typeof spec === 'string') {
    const path = netnsPath(spec);
    return { name: spec, label: `"${spec}"`, path, sameAs: (id) => pathIs(path, id) };
  }
  if (spec && typeof spec === 'object') {
    if ('path' in spec && typeof spec.path === 'string' && spec.path !== '') {
      const path = spec.path;
      return { label: `"${path}"`, path, sameAs: (id) => pathIs(path, id) };
    }
    if ('pid' in spec && Number.isInteger(spec.pid) && spec.pid > 0) {
      // Bound to the namespace found at first use: a pid can be reused by
      // a process elsewhere, so the path is not followed (the socket keeps
      // the namespace alive; after an idle close the pid is asked again).
      const path = `/proc/${spec.pid}/ns/net`;
      return { label: `"${path}"`, path, sameAs: () => true };
    }
    if ('fd' in spec && Number.isInteger(spec.fd) && spec.fd >= 0) {
      return { label: `fd ${spec.fd}`, fd: spec.fd, sameAs: () => true };
    }
  }
  throw new InvalidArgumentError(`a namespace is a name, { path }, { pid } or { fd }, not ${JSON.stringify(spec)}`);
}

function pathIs(path: string, id: NetnsIdentity): boolean {
  try {
    const st = statSync(path);
    return st.ino === id.ino && st.dev === id.dev;
  } catch {
    return false;
  }
}

/**
 * A socket made inside `where`, and the identity of the namespace it
 * belongs to. NetnsError in iproute2's words when the namespace cannot be
 * opened (`Cannot open network namespace "x": No such file or directory`)
 * or entered (`setting the network namespace "x" failed: Operation not
 * permitted`).
 */
export function netnsSocketPort(where: ResolvedNetns, options: SocketPortOptions = {}): { port: SocketPort; identity: NetnsIdentity } {
  const netns = where.name ?? where.label;
  const enterFailed = (errno: number, cause: unknown) =>
    new NetnsError(`setting the network namespace ${where.label} failed: ${strerror(errno)}`, { netns, op: 'enter', code: errnoName(errno) ?? `E${errno}`, cause });
  const fd = where.fd ?? openNetnsAt(where.path!, where.label, netns);
  try {
    let st: NetnsIdentity;
    try {
      st = fstatSync(fd);
    } catch (e) {
      throw enterFailed((e as NodeJS.ErrnoException).errno ?? 9, e);
    }
    try {
      return { port: new SocketPort({ ...options, netns: { fd } }), identity: { dev: st.dev, ino: st.ino } };
    } catch (e) {
      if (isSyscallError(e) && e.syscall === 'setns') throw enterFailed(e.errno, e);
      throw e;
    }
  } finally {
    if (where.fd === undefined) closeSync(fd);
  }
}
