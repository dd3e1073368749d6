/**
 * Socket options on netlink sockets made by the `netlink` binding, which
 * keeps its file descriptor to itself: the descriptor is found by asking
 * getsockname(2) which fd is an AF_NETLINK socket bound to the port id the
 * binding reports, then set with setsockopt(2).
 */
import { closeSync, fstatSync, readdirSync } from 'node:fs';
import { SO_OPT, SOL_SOCKET } from '../core/constants.js';
import { libc } from './ffi.js';
import { SyscallError } from './netns-thread.js';

/** AF_NETLINK. */
const AF_NETLINK = 16;

/** The netlink port id (nl_pid) `fd` is bound to, or undefined when `fd` is not a netlink socket. */
export function netlinkPortOf(fd: number): number | undefined {
  const lc = libc();
  // struct sockaddr_nl { u16 nl_family; u16 nl_pad; u32 nl_pid; u32 nl_groups; }
  const addr = Buffer.alloc(12);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(12);
  if (lc.getsockname(fd, addr, len) !== 0) return undefined;
  if (len.readUInt32LE() < 8 || addr.readUInt16LE(0) !== AF_NETLINK) return undefined;
  return addr.readUInt32LE(4);
}

/** What else identifies the socket being looked for, besides its port id. */
export interface NetlinkSocketIdentity {
  /** Its netlink protocol (SO_PROTOCOL). */
  protocol: number;
  /** Inode of the network namespace it belongs to (port ids are unique only per namespace and protocol). */
  netnsIno: number;
}

/** SIOCGSKNS (linux/sockios.h): an fd on the socket's network namespace. */
const SIOCGSKNS = 0x894c;

/** True when `fd` is a socket of netlink protocol `protocol` in the namespace with inode `netnsIno`. */
function isSocketOf(fd: number, id: NetlinkSocketIdentity): boolean {
  let proto: number;
  try {
    proto = getIntOption(fd, SOL_SOCKET, SO_OPT.SO_PROTOCOL, 'SO_PROTOCOL');
  } catch {
    return false;
  }
  if (proto !== id.protocol) return false;
  const lc = libc();
  const nsFd = lc.ioctl(fd, SIOCGSKNS, 'void *', null);
  if (nsFd < 0) return false;
  try {
    return fstatSync(nsFd).ino === id.netnsIno;
  } finally {
    closeSync(nsFd);
  }
}

/**
 * The fd of this process's netlink socket bound to `port`, of protocol and
 * namespace `id`. `hint` is checked first (the lowest free fd just before
 * the socket was made, which it almost always is); otherwise every fd in
 * /proc/self/fd is asked. Undefined when no fd (or more than one) matches:
 * the caller then goes without socket options rather than touch another
 * socket.
 */
export function findNetlinkFd(port: number, id: NetlinkSocketIdentity, hint?: number): number | undefined {
  if (hint !== undefined && netlinkPortOf(hint) === port && isSocketOf(hint, id)) return hint;
  let names: string[];
  try {
    names = readdirSync('/proc/self/fd');
  } catch {
    return undefined;
  }
  const found: number[] = [];
  for (const name of names) {
    const fd = Number(name);
    if (netlinkPortOf(fd) === port && isSocketOf(fd, id)) found.push(fd);
  }
  return found.length === 1 ? found[0] : undefined;
}

/** setsockopt(fd, level, name, &value, 4) for an int option; SyscallError when refused. */
export function setIntOption(fd: number, level: number, name: number, value: number, label = `option ${level}/${name}`): void {
  const lc = libc();
  const buf = Buffer.alloc(4);
  buf.writeInt32LE(value);
  if (lc.setsockopt(fd, level, name, buf, 4) !== 0) throw new SyscallError('setsockopt', lc.errno(), label);
}

/** getsockopt(fd, level, name) of an int option; SyscallError when refused. */
export function getIntOption(fd: number, level: number, name: number, label = `option ${level}/${name}`): number {
  const lc = libc();
  const buf = Buffer.alloc(4);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(4);
  if (lc.getsockopt(fd, level, name, buf, len) !== 0) throw new SyscallError('getsockopt', lc.errno(), label);
  return buf.readInt32LE();
}

/** The length of SO_MEMINFO's answer (SK_MEMINFO_VARS u32s, linux/sock_diag.h). */
const SK_MEMINFO_VARS = 9;
/** Index of the drop counter in SO_MEMINFO's answer (linux/sock_diag.h). */
export const SK_MEMINFO_DROPS = 8;

/** getsockopt(SO_MEMINFO): the socket's memory counters (SK_MEMINFO_*), drops last. */
export function getSockMeminfo(fd: number): number[] {
  const lc = libc();
  const buf = Buffer.alloc(4 * SK_MEMINFO_VARS);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(buf.length);
  if (lc.getsockopt(fd, SOL_SOCKET, SO_OPT.SO_MEMINFO, buf, len) !== 0) throw new SyscallError('getsockopt', lc.errno(), 'SO_MEMINFO');
  const n = Math.min(SK_MEMINFO_VARS, len.readUInt32LE() >>> 2);
  return Array.from({ length: n }, (_, i) => buf.readUInt32LE(4 * i));
}

/** SIOCGIFINDEX (linux/sockios.h) and the size of struct ifreq. */
const SIOCGIFINDEX = 0x8933;
const IFREQ_SIZE = 40;

/**
 * The ifindex of link `name` in the namespace of socket `fd`
 * (ioctl SIOCGIFINDEX, what if_nametoindex(3) does), or undefined when
 * there is no such link (ENODEV). The kernel answers from the socket's
 * namespace, without building a link message: a few microseconds, against
 * tens for an RTM_GETLINK round trip. `name` must already be a valid
 * interface name (at most 15 bytes).
 */
export function ifindexOf(fd: number, name: string): number | undefined {
  const lc = libc();
  // struct ifreq { char ifr_name[16]; union { int ifr_ifindex; ... }; }
  const req = Buffer.alloc(IFREQ_SIZE);
  req.write(name, 0, 15, 'utf8');
  if (lc.ioctl(fd, SIOCGIFINDEX, 'void *', req) !== 0) {
    const errno = lc.errno();
    if (errno === 19) return undefined; // ENODEV
    throw new SyscallError('ioctl', errno, `SIOCGIFINDEX ${name}`);
  }
  return req.readInt32LE(16);
}
