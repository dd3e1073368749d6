/**
 * The kernel fuzzer's surroundings: the multicast groups it watches, the
 * socket (or, without FFI, helper) it reaches its namespace through, and
 * what it checks before and after a run (the root namespace's links, its
 * own helper processes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { HelperPort } from '../netns/helper-port.js';
import { netnsPath } from '../netns/registry.js';
import { UNITS } from '../families/registry.js';
import { RTNLGRP } from '../rtnl/constants.js';
import { ffiAvailable } from '../sys/ffi.js';
import { SocketPort } from '../transport/socket-port.js';

/** Multicast groups the notification socket joins: every family's monitor groups, and those of the kinds they touch (RTNLGRP_NOTIFY, IPv6 link info). */
export const GROUPS = [...new Set([RTNLGRP.RTNLGRP_LINK, RTNLGRP.RTNLGRP_NOTIFY, RTNLGRP.RTNLGRP_IPV6_IFINFO, ...UNITS.flatMap((u) => u.monitor?.groups ?? [])])];

/**
 * The root namespace's link names (/sys/class/net), for the check that
 * the run added none. A failure to read them is an error, not "none":
 * the check would otherwise pass without looking.
 */
export function rootLinks(): string[] {
  try {
    return readdirSync('/sys/class/net').sort();
  } catch (e) {
    throw new Error(`cannot read the root namespace's links from /sys/class/net (${(e as Error).message}); the fuzzer needs them to check that it added none`, { cause: e });
  }
}

/** Pids of this process's children that run the namespace helper. */
export function helperProcesses(): number[] {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('helper-main')) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The fuzzer's way into its namespace: a socket made inside it (FFI), or a helper process there. */
export type FuzzPort = HelperPort | SocketPort;

/**
 * A socket of netlink protocol `protocol` (default NETLINK_ROUTE) in
 * `netns`: made inside it where FFI loads (with extended ACKs, so the
 * records carry the kernel's messages; a notification socket, one with
 * `groups`, also gets NETLINK_NO_ENOBUFS, its drops counted at the end),
 * else a helper.
 */
export function fuzzPort(netns: string, o: { groups?: readonly number[]; protocol?: number } = {}): FuzzPort {
  const { groups, protocol } = o;
  if (!ffiAvailable()) return new HelperPort({ netns, groups, protocol });
  const target = { path: netnsPath(netns) };
  return groups
    ? new SocketPort({ netns: target, protocol, groups, noEnobufs: true, receiveBufferSize: 32 << 20, forceReceiveBuffer: true })
    : new SocketPort({ netns: target, protocol });
}
