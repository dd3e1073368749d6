/**
 * `tsip -x` and `tsip -xx` against the real kernel, in a throwaway
 * namespace: one line per message with its socket's namespace, then every
 * byte; and `-xx` output pasted into `tsip decode` prints the same rows.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGlobal } from '../../src/cli/options.js';
import { kernelSkipReason, linkNames, Namespaces, skipNote } from '../support/kernel.js';

const BIN = new URL('../../bin/tsip.cjs', import.meta.url).pathname;
const tsip = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 30_000 });
const nss = new Namespaces(`tsnl-t-xlev-${process.pid}-`);

/** Row lines with a name or value, as `offset text` (the hex cell, elided or not, left out). */
function rowTexts(text: string): string[] {
  return text.split('\n').filter((l) => /^[0-9a-f]{4} {2}/.test(l) && l.length > 34).map((l) => `${l.slice(0, 4)} ${l.slice(34)}`);
}

/** Every row line, hex cell included (tsip decode of pasted rows prints every byte, as -xx did). */
const rowLines = (text: string): string[] => text.split('\n').filter((l) => /^[0-9a-f]{4} {2}/.test(l));

afterAll(() => {
  expect(nss.cleanup()).toEqual([]);
});

describe('the explain level', () => {
  it('is 1 for -x or --explain, 2 for -xx or -x -x, off otherwise', () => {
    const level = (...argv: string[]) => parseGlobal([...argv, 'link']).opts.explain;
    expect([level(), level('-x'), level('--explain'), level('-xx'), level('-x', '-x'), level('-x', '-xx')]).toEqual([false, 1, 1, 2, 2, 2]);
  });
});

describe('tsip decode of pasted rows', () => {
  it('takes rows without a header as the --protocol asked for', () => {
    // nlctrl CTRL_CMD_GETFAMILY "nlctrl": short enough that tsip decode prints every byte.
    const hex = '20000000100005002986116b00000000030000000b0002006e6c6374726c0000';
    const rows = tsip(['decode', '--protocol', 'generic', hex]);
    expect(rows.status).toBe(0);
    expect(rows.stdout).toMatch(/CTRL_CMD_GETFAMILY/);
    const again = tsip(['decode', '--protocol', 'generic', '-'], rows.stdout);
    expect(again.stderr).toBe('');
    expect(rowLines(again.stdout)).toEqual(rowLines(rows.stdout));
  });
});

describe.skipIf(kernelSkipReason !== undefined)(`tsip -x / -xx${skipNote()}`, () => {
  it('-x: one line per message, its direction, summary and namespace', () => {
    const X = nss.add('x');
    const r = tsip(['-n', X, '-x', 'link', 'add', 'veth-red', 'type', 'veth', 'peer', 'name', 'veth-blue']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(linkNames(X)).toEqual(expect.arrayContaining(['veth-red', 'veth-blue']));
    expect(r.stderr).toBe(`-> RTM_NEWLINK veth-red type veth peer veth-blue (create, excl, 100 bytes) [netns ${X}]\n<- ACK (36 bytes) [netns ${X}]\n`);
    const again = tsip(['-n', X, '-x', 'link', 'add', 'veth-red', 'type', 'veth', 'peer', 'name', 'veth-blue']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(new RegExp(`^<- NLMSG_ERROR -17 EEXIST File exists \\(\\d+ bytes\\) \\[netns ${X}\\]\nRTNETLINK answers: File exists\n$`, 'm'));
    const dump = tsip(['-n', X, '-x', 'link', 'show']);
    expect(dump.stderr.split('\n').filter((l) => l.startsWith('<- RTM_NEWLINK')).length).toBe(3);
    expect(dump.stderr).toMatch(/^<- RTM_NEWLINK 1: lo \(multi, \d+ bytes\)/m);
    expect(dump.stderr).toMatch(/^<- NLMSG_DONE \(multi, 20 bytes\)/m);
  });

  it('-x: generic netlink too, labelled with the same namespace', () => {
    const X = nss.add('g');
    const r = tsip(['-n', X, '-x', 'mptcp', 'endpoint', 'show']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^-> nlctrl CTRL_CMD_GETFAMILY mptcp_pm \\(36 bytes\\) \\[netns ${X}\\]$`, 'm'));
    expect(r.stderr).toMatch(new RegExp(`^-> mptcp_pm MPTCP_PM_CMD_GET_ADDR \\(dump, 20 bytes\\) \\[netns ${X}\\]$`, 'm'));
  });

  it('-xx: every byte, and pasted into tsip decode the same rows', () => {
    const X = nss.add('xx');
    const r = tsip(['-n', X, '-xx', 'link', 'add', 'veth-red', 'type', 'veth', 'peer', 'name', 'veth-blue']);
    expect(r.status).toBe(0);
    const xx = r.stderr;
    expect(xx).toMatch(new RegExp(`^-> sent 100 bytes \\[netns ${X}\\]$`, 'm'));
    expect(xx).toMatch(new RegExp(`^<- received 36 bytes \\[netns ${X}\\]$`, 'm'));
    expect(xx).toMatch(/^0024 {2}76 65 74 68 2d 72 65 64 +"veth-red"$/m);
    expect(xx).toMatch(/> > > IFLA_IFNAME/);
    expect(xx).not.toMatch(/\.\.\. \(\d+/);
    const d = tsip(['decode'], xx);
    expect(d.stderr).toBe('');
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(new RegExp(`^#1 line 1: user -> kernel, 100 bytes, seq \\d+, netns ${X}$`, 'm'));
    expect(d.stdout).toMatch(/^#2 line \d+: kernel -> user, 36 bytes, seq \d+, reply to #1/m);
    expect(rowTexts(d.stdout)).toEqual(rowTexts(xx));
    expect(rowLines(d.stdout)).toEqual(rowLines(xx));
    expect(rowTexts(xx).length).toBeGreaterThan(30);
    // The same through the argument, and for a dump of several messages per datagram, with a genl exchange.
    const show = tsip(['-n', X, '-xx', 'link', 'show']).stderr;
    expect(rowLines(tsip(['decode', show]).stdout)).toEqual(rowLines(show));
    expect(rowTexts(show).length).toBeGreaterThan(100);
    const genl = tsip(['-n', X, '-xx', 'mptcp', 'endpoint', 'show']).stderr;
    expect(genl).toMatch(/^-> sent 36 bytes, NETLINK_GENERIC \[netns /m);
    const g = tsip(['decode', genl]);
    expect(g.stdout).toMatch(/CTRL_CMD_GETFAMILY/);
    expect(rowTexts(g.stdout)).toEqual(rowTexts(genl));
    expect(rowTexts(genl).length).toBeGreaterThan(20);
  });

  it('decode names the line where pasted rows lose a byte', () => {
    const X = nss.add('bad');
    const xx = tsip(['-n', X, '-xx', 'link', 'show', 'lo']).stderr.split('\n');
    const i = xx.findIndex((l) => l.startsWith('0008'));
    const r = tsip(['decode'], [...xx.slice(0, i), ...xx.slice(i + 1)].join('\n'));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`Error: line ${i + 1}: offset 000c where 0008 was expected (a line is missing before it)\n`);
  });
});
