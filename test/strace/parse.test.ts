/**
 * strace dumps into datagrams: hand-written lines for each form strace
 * prints, then real captures of `ip` in a throwaway namespace, decoded with
 * `tsip decode --strace` (requests paired with replies, errors traced).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { decodeMessages } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';
import { parseStrace, StraceError } from '../../src/strace/parse.js';
import { fixture } from '../support/fixtures.js';

/** strace's hex dump of `bytes` (` | 00000  xx xx ...  ascii |`). */
function dump(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const chunk = bytes.subarray(i, i + 16);
    const hex = [...chunk].map((b) => b.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = [...chunk].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    out.push(` | ${i.toString(16).padStart(5, '0')}  ${(left + (right ? '  ' + right : '')).padEnd(48)}  ${ascii.padEnd(16)} |`);
  }
  return out;
}

const veth = fixture('link/add-veth').datagrams.map((d) => d.bytes);
const MSG = '{msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base=[...], iov_len=100}], msg_iovlen=1, msg_controllen=0, msg_flags=0}';

describe('parseStrace', () => {
  it('reads sendmsg/recvmsg dumps, skips MSG_PEEK reads', () => {
    const text = [
      `sendto(3, [{nlmsg_len=32, ...}, "..."], 32, 0, NULL, 0) = 32`,
      ...dump(veth[0]!),
      `recvmsg(3, ${MSG}, 0) = 52`,
      ` * 52 bytes in buffer 0`,
      ...dump(veth[1]!),
      `sendmsg(3, ${MSG}, 0) = 100`,
      ` * 100 bytes in buffer 0`,
      ...dump(veth[2]!),
      `recvmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base=NULL, iov_len=0}], msg_iovlen=1, msg_controllen=0, msg_flags=MSG_TRUNC}, MSG_PEEK|MSG_TRUNC) = 36`,
      `recvmsg(3, ${MSG}, 0) = 36`,
      ` * 36 bytes in buffer 0`,
      ...dump(veth[3]!),
      `+++ exited with 0 +++`,
    ].join('\n');
    const { datagrams, skipped } = parseStrace(text);
    expect(datagrams.map((d) => [d.call, d.dir, d.fd, d.line])).toEqual([
      ['sendto', 'send', 3, 1],
      ['recvmsg', 'recv', 3, 4],
      ['sendmsg', 'send', 3, 10],
      ['recvmsg', 'recv', 3, 20],
    ]);
    expect(datagrams.map((d) => toHex(d.bytes))).toEqual(veth.map((b) => toHex(b)));
    expect(skipped).toEqual({ peek: 1, failed: 0, otherSocket: 0, noData: 0 });
  });
  it('follows -f pid prefixes, timestamps, -T, and unfinished calls resumed later', () => {
    const text = [
      `4711  12:00:00.000001 sendmsg(3<NETLINK:[ROUTE:4711]>, ${MSG}, 0 <unfinished ...>`,
      `4712  12:00:00.000002 --- SIGCHLD {si_signo=SIGCHLD} ---`,
      `4711  12:00:00.000003 <... sendmsg resumed>) = 100 <0.000010>`,
      ` * 100 bytes in buffer 0`,
      ...dump(veth[2]!),
      `[pid  4711] recvmsg(3<NETLINK:[ROUTE:4711]>, ${MSG}, 0) = 36`,
      ` * 36 bytes in buffer 0`,
      ...dump(veth[3]!),
      `4713  sendmsg(5<NETLINK:[GENERIC:4713]>, ${MSG}, 0) = 100`,
      ` * 100 bytes in buffer 0`,
      ...dump(veth[2]!),
      `4711  recvmsg(3<NETLINK:[ROUTE:4711]>, ${MSG}, 0) = -1 EAGAIN (Resource temporarily unavailable)`,
    ].join('\n');
    const { datagrams, skipped } = parseStrace(text);
    expect(datagrams.map((d) => [d.call, d.pid, d.bytes.length])).toEqual([
      ['sendmsg', 4711, 100],
      ['recvmsg', 4711, 36],
    ]);
    expect(skipped).toEqual({ peek: 0, failed: 1, otherSocket: 1, noData: 0 });
  });
  it('knows sockets from traced socket() calls', () => {
    const text = [
      `socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_GENERIC) = 4`,
      `socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3`,
      `sendmsg(4, ${MSG}, 0) = 100`,
      ...dump(veth[2]!),
      `sendmsg(3, ${MSG}, 0) = 100`,
      ...dump(veth[2]!),
    ].join('\n');
    const { datagrams, skipped } = parseStrace(text);
    expect(datagrams.map((d) => d.fd)).toEqual([3]);
    expect(skipped.otherSocket).toBe(1);
  });
  it('falls back to whole inline strings (-xx), and counts calls without data', () => {
    const esc = (b: Uint8Array) => [...b].map((x) => '\\x' + x.toString(16).padStart(2, '0')).join('');
    const text = [
      `sendto(3, "${esc(veth[0]!)}", 32, 0, NULL, 0) = 32`,
      `recvmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base="${esc(veth[1]!.subarray(0, 20))}", iov_len=20}, {iov_base="${esc(veth[1]!.subarray(20))}", iov_len=16364}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 52`,
      `sendmsg(3, {msg_name={sa_family=AF_NETLINK}, msg_iov=[{iov_base="\\x64\\x00\\x00\\x00"..., iov_len=100}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 100`,
      `recvmsg(3, {msg_name={sa_family=AF_NETLINK}, msg_iov=[{iov_base=[{nlmsg_len=36, nlmsg_type=NLMSG_ERROR}], iov_len=32768}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 36`,
    ].join('\n');
    const { datagrams, skipped } = parseStrace(text);
    expect(datagrams.map((d) => toHex(d.bytes))).toEqual([toHex(veth[0]!), toHex(veth[1]!)]);
    expect(skipped.noData).toBe(2);
  });
  it('refuses an inconsistent dump, naming the line', () => {
    const short = [`sendmsg(3, ${MSG}, 0) = 100`, ` * 100 bytes in buffer 0`, ...dump(veth[2]!).slice(0, 3)].join('\n');
    expect(() => parseStrace(short)).toThrow(StraceError);
    expect(() => parseStrace(short)).toThrow('line 1: the hex dump of sendmsg has 48 of 100 bytes');
    const skip = [`sendmsg(3, ${MSG}, 0) = 100`, ...dump(veth[2]!).filter((_, i) => i !== 1)].join('\n');
    expect(() => parseStrace(skip)).toThrow('line 3: hex dump offset 00020 where 00010 was expected');
  });
});

// ---------------------------------------------------------------------------------------------
// Real captures: strace of ip in a throwaway namespace.

const BIN = new URL('../../bin/tsip.cjs', import.meta.url).pathname;
const tsip = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const run = (argv: string[]) => spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
const canRun = process.getuid?.() === 0 && run(['strace', '-V']).status === 0 && run(['ip', '-V']).status === 0;
const NS = `tsnl-t-teach-${process.pid}`;

describe.skipIf(!canRun)(`tsip decode --strace on real captures of ip (root, strace)${canRun ? '' : ' (skipped: needs root and strace)'}`, () => {
  let dir = '';
  const traced = (name: string, flags: string[], cmd: string[]) => {
    const file = join(dir, name);
    const r = run(['strace', ...flags, '-e', 'write=all', '-e', 'read=all', '-o', file, 'ip', '-n', NS, ...cmd]);
    return { file, status: r.status, stderr: r.stderr };
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsnl-t-teach-'));
    expect(run(['ip', 'netns', 'add', NS]).status).toBe(0);
  });
  afterAll(() => {
    run(['ip', 'netns', 'del', NS]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ip link add ... type veth: requests paired with their replies, every datagram decodes', () => {
    const t = traced('veth.strace', ['-e', 'trace=sendmsg,recvmsg'], ['link', 'add', 'veth-t1', 'type', 'veth', 'peer', 'name', 'veth-t2']);
    expect(t.status).toBe(0);
    const { datagrams, skipped } = parseStrace(readFileSync(t.file, 'utf8'));
    expect(skipped.peek).toBeGreaterThan(0);
    for (const d of datagrams) expect(() => decodeMessages(d.bytes, rtnetlink)).not.toThrow();
    const r = tsip(['decode', '--json', '--strace', t.file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const req = out.find((d: any) => d.dir === 'send' && d.messages[0].attributes?.IFLA_IFNAME === 'veth-t1');
    expect(req.messages[0].attributes.IFLA_LINKINFO.IFLA_INFO_DATA.VETH_INFO_PEER.attributes.IFLA_IFNAME).toBe('veth-t2');
    const ack = out.find((d: any) => d.reply_to === req.datagram);
    expect(ack.messages[0]).toMatchObject({ nlmsg_type: 'NLMSG_ERROR', error: 0, nlmsg_seq: req.messages[0].nlmsg_seq });
    const text = tsip(['decode', '--strace', t.file]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^#${ack.datagram} recvmsg fd \\d+ \\(line \\d+\\): kernel -> user, 36 bytes, seq \\d+, reply to #${req.datagram}$`, 'm'));
    expect(text.stdout).toMatch(/"veth" \(no NUL: iproute2 sends the bare string\)/);
  });
  it('ip addr add (with -f -yy -xx, sendto and recvfrom traced too)', () => {
    const t = traced('addr.strace', ['-f', '-yy', '-xx', '-e', 'trace=sendmsg,recvmsg,sendto,recvfrom'], ['addr', 'add', '198.18.0.1/24', 'dev', 'veth-t1']);
    expect(t.status).toBe(0);
    const out = JSON.parse(tsip(['decode', '--json', '--strace', t.file]).stdout);
    const req = out.find((d: any) => d.messages?.[0]?.nlmsg_type === 'RTM_NEWADDR');
    expect(req.messages[0].attributes.IFA_LOCAL).toBe('198.18.0.1');
    expect(out.some((d: any) => d.reply_to === req.datagram && d.messages[0].error === 0)).toBe(true);
  });
  it('errors: EEXIST, and an ext-ack message traced', () => {
    const again = traced('eexist.strace', ['-e', 'trace=sendmsg,recvmsg'], ['link', 'add', 'veth-t1', 'type', 'veth', 'peer', 'name', 'veth-t2']);
    expect(again.status).toBe(2);
    const e1 = tsip(['decode', '--strace', again.file]);
    expect(e1.status).toBe(0);
    expect(e1.stdout).toMatch(/^Error: File exists \(-17 EEXIST\)$/m);
    const mtu = traced('mtu.strace', ['-e', 'trace=sendmsg,recvmsg'], ['link', 'set', 'dev', 'veth-t1', 'mtu', '70000']);
    expect(mtu.status).toBe(2);
    const e2 = JSON.parse(tsip(['decode', '--json', '--strace', mtu.file]).stdout);
    const err = e2.flatMap((d: any) => d.errors ?? []).find((x: any) => x.errno === 'EINVAL');
    expect(err.text).toBe('Error: mtu greater than device maximum (-22 EINVAL)');
  });
  it('bad input: one line, exit 1', () => {
    const r = tsip(['decode', '--strace', join(dir, 'nosuch.strace')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Error: cannot read ".*nosuch\.strace": ENOENT\n$/);
  });
});
