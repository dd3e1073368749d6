/**
 * Generic netlink against the kernel, with iproute2's `genl` as the
 * oracle: `tsip genl ctrl` prints what `genl ctrl` prints (list, get by
 * name and id, policies, errors and exit codes); `handle.genl` lists the
 * families genl lists, in setns and helper modes, caches ids per socket;
 * `--pcap` writes NETLINK_GENERIC packets tshark dissects by family;
 * `tsip decode --protocol generic` names what an strace of genl shows.
 * Namespaces `tsnl-t-genl-<pid>-...`, deleted in afterAll.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Handle } from '../../src/index.js';
import { GenlFamilyNotFoundError } from '../../src/transport/genl-client.js';
import { readPcap } from '../../src/pcap/reader.js';
import { ip, kernelSkipReason, Namespaces, rootLinkKeys, skipNote, until } from '../support/kernel.js';
import { hasStrace, tsip } from '../support/oracle.js';

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-genl-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-genl-')) : tmpdir();
const handles: Handle[] = [];
const hasTshark = spawnSync('tshark', ['-v']).status === 0;
const selfNs = () => statSync('/proc/self/ns/net').ino;

function genl(ns: string, args: string[]) {
  return spawnSync('ip', ['netns', 'exec', ns, 'genl', ...args], { encoding: 'utf8' });
}

/** `genl ctrl list` as (name, id) pairs. */
function genlFamilies(ns: string): [string, number][] {
  return [...genl(ns, ['ctrl', 'list']).stdout.matchAll(/^Name: (\S+)\n\tID: 0x([0-9a-f]+)/gm)].map((m) => [m[1]!, parseInt(m[2]!, 16)]);
}

describe.skipIf(!run)(`generic netlink against the kernel${skipNote()}`, () => {
  let A: string;

  beforeAll(() => {
    A = nss.add('a');
    ip(['-n', A, 'link', 'add', 'g0', 'type', 'veth', 'peer', 'name', 'g1']);
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('tsip genl ctrl prints what genl ctrl prints, with its errors and exit codes', () => {
    const cmds = [
      ['ctrl', 'list'], ['ctrl', 'show'], ['ctrl', 'get', 'name', 'nlctrl'], ['ctrl', 'get', 'name', 'ethtool'], ['ctrl', 'get', 'id', '0x10'], ['ctrl', 'get', 'id', '16'],
      ['ctrl', 'policy', 'name', 'nlctrl'], ['ctrl', 'policy', 'name', 'ethtool'], ['ctrl', 'policy', 'name', 'mptcp_pm'],
      ['ctrl', 'get', 'name', 'nosuch'], ['ctrl', 'get', 'id', '0x3ff'], ['ctrl', 'get'], ['ctrl', 'get', 'name'], ['ctrl', 'get', 'frob', 'x'], ['ctrl', 'get', 'id', 'x'], ['ctrl', 'frob'], ['ctrl'],
    ];
    for (const c of cmds) {
      const theirs = genl(A, c);
      const ours = tsip(['-n', A, 'genl', ...c]);
      expect({ c, out: ours.stdout, err: ours.stderr, status: ours.status }).toEqual({ c, out: theirs.stdout, err: theirs.stderr, status: theirs.status });
    }
    expect(genl(A, ['ctrl', 'list']).stdout).toMatch(/Name: ethtool/);
  }, 60_000);

  it.each(['setns', 'helper'] as const)('handle.genl lists the families genl lists (%s mode), and the thread stays in its namespace', async (mode) => {
    const before = selfNs();
    const h = open({ netns: A, netnsMode: mode });
    handles.push(h);
    const fams = await h.genl.families();
    expect(fams.map((f) => [f.name, f.id]).sort()).toEqual(genlFamilies(A).sort());
    const nl = await h.genl.family('nlctrl');
    expect(nl).toMatchObject({ name: 'nlctrl', id: 0x10, version: 2, groups: [{ name: 'notify', id: 0x10 }] });
    expect(nl.ops.map((o) => o.id)).toEqual([3, 10]);
    const eth = await h.genl.family({ id: fams.find((f) => f.name === 'ethtool')!.id });
    expect(eth.name).toBe('ethtool');
    expect(eth.groups.map((g) => g.name)).toEqual(['monitor']);
    await expect(h.genl.family('nosuch')).rejects.toBeInstanceOf(GenlFamilyNotFoundError);
    const pol = await h.genl.policies('nlctrl');
    expect(pol.ops[3]).toEqual({ do: 0, dump: 0 });
    expect(pol.policies[0]![2]).toMatchObject({ type: 12, maxLength: 15 });
    expect(selfNs()).toBe(before);
    await h.close();
  }, 30_000);

  it('family ids are asked once per socket, however many callers wait', async () => {
    let sent = 0;
    const h = open({ netns: A, tap: (dir) => void (dir === 'out' && sent++) });
    handles.push(h);
    const genl = (h as unknown as { genlSocket(): import('../../src/transport/genl-client.js').GenlClient }).genlSocket();
    const ids = await Promise.all([genl.familyId('ethtool'), genl.familyId('ethtool'), genl.familyId('ethtool')]);
    expect(new Set(ids).size).toBe(1);
    expect(sent).toBe(1);
    await genl.familyId('ethtool');
    expect(sent).toBe(1);
    expect(ids[0]).toBe(genlFamilies(A).find(([n]) => n === 'ethtool')![1]);
    await h.close();
  });

  it('the generic socket is let go when idle, and follows a namespace re-created under its name', async () => {
    const client = (h: Handle) => (h as unknown as { genlClient?: { conn: { closed: boolean } } }).genlClient;
    const idle = open({ netns: A, idleMs: 50 });
    handles.push(idle);
    await idle.genl.family('nlctrl');
    expect(client(idle)?.conn.closed).toBe(false);
    expect(await until(() => client(idle) === undefined, 3000)).toBe(true);
    await idle.close();
    // Never idle: only the name check can move the socket to the new namespace.
    const B = nss.add('b');
    const h = open({ netns: B, idleMs: 0 });
    handles.push(h);
    await h.genl.family('nlctrl');
    const first = client(h);
    ip(['netns', 'del', B]);
    ip(['netns', 'add', B]);
    ip(['-n', B, 'link', 'add', 'gb0', 'type', 'veth', 'peer', 'name', 'gb1']);
    await new Promise((r) => setTimeout(r, 150));
    expect((await h.ethtool.linkInfo('gb0')).port).toBeDefined();
    expect(client(h)).not.toBe(first);
    await h.close();
    expect(client(h)).toBeUndefined();
  });

  it('--pcap writes NETLINK_GENERIC packets (protocol 16) that tshark dissects by family', () => {
    const file = join(work, 'genl.pcap');
    expect(tsip(['-n', A, '--pcap', file, 'genl', 'ctrl', 'get', 'name', 'ethtool']).status).toBe(0);
    const { packets } = readPcap(new Uint8Array(readFileSync(file)));
    expect(packets.length).toBeGreaterThanOrEqual(2);
    expect(packets.every((p) => p.protocol === 16)).toBe(true);
    // tsip reads it back by the packets' own protocol.
    const decoded = JSON.parse(tsip(['decode', '--json', '--pcap', file]).stdout);
    expect(decoded[1].messages[0]).toMatchObject({ nlmsg_type: 'nlctrl', genlmsghdr: { cmd: 'CTRL_CMD_NEWFAMILY' }, attributes: { CTRL_ATTR_FAMILY_NAME: 'ethtool' } });
    if (hasTshark) {
      const t = spawnSync('tshark', ['-r', file, '-V'], { encoding: 'utf8' });
      expect(t.stdout).toMatch(/Family ID: 0x10 \(nlctrl\)/);
      expect(t.stdout).toMatch(/Command: CTRL_CMD_GETFAMILY \(3\)/);
      expect(t.stdout).toMatch(/Family Name: ethtool/);
    }
  });

  it.skipIf(!hasStrace)('tsip decode --protocol generic names what an strace of genl shows; --live learns ids from the kernel', () => {
    const trace = join(work, 'genl.strace');
    spawnSync('ip', ['netns', 'exec', A, 'strace', '-f', '-yy', '-xx', '-s', '0', '-e', 'trace=sendmsg,recvmsg,sendto,recvfrom', '-e', 'write=all', '-e', 'read=all', '-o', trace, 'genl', 'ctrl', 'get', 'name', 'nlctrl']);
    const out = JSON.parse(tsip(['decode', '--protocol', 'generic', '--json', '--strace', trace]).stdout);
    const msgs = out.flatMap((d: { messages: unknown[] }) => d.messages);
    expect(msgs.map((m: { nlmsg_type: string }) => m.nlmsg_type)).toEqual(['nlctrl', 'nlctrl']);
    expect(msgs[1].attributes.CTRL_ATTR_OPS[1]).toEqual({ CTRL_ATTR_OP_ID: 3, CTRL_ATTR_OP_FLAGS: ['GENL_CMD_CAP_DO', 'GENL_CMD_CAP_DUMP', 'GENL_CMD_CAP_HASPOL'] });
    // Without --protocol, the generic socket's datagrams are not NETLINK_ROUTE's: none found.
    expect(tsip(['decode', '--json', '--strace', trace]).status).toBe(1);
    // A hex message of a family whose id only the kernel knows.
    const id = genlFamilies(A).find(([n]) => n === 'ethtool')![1];
    const hex = Buffer.from([20, 0, 0, 0, id & 0xff, id >> 8, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0]).toString('hex');
    expect(JSON.parse(tsip(['decode', '--protocol', 'generic', '--json', hex]).stdout)[0].nlmsg_type).toBe(`type ${id}`);
    expect(JSON.parse(tsip(['decode', '--protocol', 'generic', '--live', '--json', hex]).stdout)[0].nlmsg_type).toBe('ethtool');
  });
});
