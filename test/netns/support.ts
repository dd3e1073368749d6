/**
 * Shared by the namespace tests: privilege checks, the helper processes
 * this process has, and a small netlink exchange over any NetlinkPort.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR } from '../../src/core/constants.js';
import { decodeMessages, encodeMessage, type Message } from '../../src/netlink/message.js';
import { helperMainPath } from '../../src/netns/helper-port.js';
import { RTM } from '../../src/rtnl/constants.js';
import { rtnetlink } from '../../src/families/registry.js';
import type { DatagramInfo, NetlinkPort } from '../../src/transport/port.js';

export const isRoot = process.getuid?.() === 0;

function which(cmd: string): boolean {
  try {
    execFileSync(cmd, ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasIp = which('ip');
export const hasHelper = existsSync(helperMainPath());

/** Why the kernel tests cannot run here, or undefined when they can. */
export const kernelSkipReason: string | undefined = !isRoot
  ? 'skipped: not root (needs CAP_NET_ADMIN and CAP_SYS_ADMIN to add namespaces)'
  : !hasIp
    ? 'skipped: iproute2 `ip` not found'
    : !hasHelper
      ? `skipped: ${helperMainPath()} is missing; run "npx tsc -p ." first`
      : undefined;

/** Pids of this process's children that run helper-main.js (from /proc). */
export function helperChildren(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // Field 4 (ppid) follows "pid (comm) state"; comm may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes('helper-main.js')) out.push(Number(d));
    } catch {
      // Exited meanwhile.
    }
  }
  return out;
}

/** True while `pid` exists (as a process not yet reaped, zombies included). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `cond()` holds, up to `ms`. */
export async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return cond();
}

/**
 * Sends `msg` (seq set here) over `port` and collects the reply messages
 * with that seq until NLMSG_DONE or NLMSG_ERROR; rejects on port errors.
 */
export function exchange(port: NetlinkPort, msg: Message, seq: number): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const got: Message[] = [];
    port.onError(reject);
    port.onMessage((d: Uint8Array, info: DatagramInfo) => {
      if (info.port !== 0) return;
      for (const m of decodeMessages(d, rtnetlink)) {
        if (m.seq !== seq) continue;
        got.push(m);
        if (m.type === NLMSG_DONE || m.type === NLMSG_ERROR) resolve(got);
      }
    });
    port.send(encodeMessage({ ...msg, seq, pid: port.localPort() }, rtnetlink), (err) => err && reject(err));
  });
}

/** RTM_GETLINK dump request. */
export const linkDump: Message = { type: RTM.RTM_GETLINK, flags: NLM_F_REQUEST | NLM_F_DUMP, seq: 0, pid: 0, header: { family: 0 } };

/** Link names in dump replies. */
export function linkNames(msgs: Message[]): string[] {
  return msgs.filter((m) => m.type === RTM.RTM_NEWLINK).map((m) => m.attrs!.ifname as string);
}

/** RTM_NEWLINK changing flags of link `index`, with an ACK asked for. */
export function setLinkFlags(index: number, flags: number, change: number): Message {
  return { type: RTM.RTM_NEWLINK, flags: NLM_F_REQUEST | NLM_F_ACK, seq: 0, pid: 0, header: { family: 0, index, flags, change } };
}

/** True once `pid` has exited (gone, or a zombie nobody reaped yet). */
export function exited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
  } catch {
    return true;
  }
}
