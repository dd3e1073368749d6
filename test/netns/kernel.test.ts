/**
 * Namespaces against the real kernel, as root: namespaces made with a
 * unique prefix and deleted in afterAll (also when an assertion fails),
 * helpers dumping and changing links inside them, helper death, and what
 * iproute2 reads back. Nothing in the root namespace is changed.
 *
 * Skipped, with the reason in the suite name, unless root with `ip` and a
 * built helper (`npx tsc -p .`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, fstatSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { NLMSG_ERROR } from '../../src/core/constants.js';
import { HelperPort, isHelperError, type HelperError } from '../../src/netns/helper-port.js';
import { addNetns, closeNetnsFd, deleteNetns, isNetnsError, listNetns, type NetnsError, openNetnsFd } from '../../src/netns/registry.js';
import { IFF_UP, RTM } from '../../src/rtnl/constants.js';
import { rtnetlink } from '../../src/families/registry.js';
import { Connection } from '../../src/transport/connection.js';
import { exchange, exited, helperChildren, kernelSkipReason, linkDump, linkNames, setLinkFlags, until } from './support.js';

if (kernelSkipReason !== undefined) console.warn(`test/netns/kernel.test.ts: ${kernelSkipReason}`);

const prefix = `tsnl-t-netns-${process.pid}-`;
/** Every name this file may have created, for afterAll. */
const made = new Set<string>();
const ports: HelperPort[] = [];

async function make(name: string): Promise<string> {
  made.add(name);
  await addNetns(name);
  return name;
}

function port(name: string): HelperPort {
  const p = new HelperPort(name);
  ports.push(p);
  return p;
}

/** `ip -j -n NS ...` parsed. */
function ipJson(ns: string, args: string[]): any[] {
  return JSON.parse(execFileSync('ip', ['-j', '-n', ns, ...args], { encoding: 'utf8' }));
}

/** The root namespace's links (name, flags, mtu), to check nothing changed there. */
function rootLinks(): string {
  const links = JSON.parse(execFileSync('ip', ['-j', 'link', 'show'], { encoding: 'utf8' })) as any[];
  return JSON.stringify(links.map((l) => [l.ifindex, l.ifname, l.flags, l.mtu, l.address]));
}
const rootBefore = kernelSkipReason === undefined ? rootLinks() : '';

afterAll(async () => {
  await Promise.all(ports.map((p) => p.stop()));
  const names = new Set([...made, ...(await listNetns()).filter((n) => n.startsWith(prefix))]);
  for (const n of names) {
    if (existsSync(`/run/netns/${n}`)) await deleteNetns(n).catch(() => {});
  }
  const left = (await listNetns()).filter((n) => n.startsWith(prefix) || made.has(n));
  expect(left).toEqual([]);
  if (kernelSkipReason === undefined) expect(rootLinks()).toBe(rootBefore);
});

describe.skipIf(kernelSkipReason !== undefined)(`namespaces in the kernel${kernelSkipReason ? ` (${kernelSkipReason})` : ''}`, () => {
  it('adds namespaces that listNetns sees, refuses a second add and a second delete in ip\'s words', async () => {
    const a = await make(`${prefix}list-a`);
    const b = await make(`${prefix}list-b`);
    const names = await listNetns();
    expect(names).toContain(a);
    expect(names).toContain(b);

    const again = (await addNetns(a).catch((e: unknown) => e)) as NetnsError;
    expect(isNetnsError(again)).toBe(true);
    expect(again.message).toBe(`Cannot create namespace file "/run/netns/${a}": File exists`);
    expect(again.code).toBe('EEXIST');
    expect(again.op).toBe('add');

    await deleteNetns(b);
    expect(await listNetns()).not.toContain(b);
    const gone = (await deleteNetns(b).catch((e: unknown) => e)) as NetnsError;
    expect(gone.message).toBe(`Cannot remove namespace file "/run/netns/${b}": No such file or directory`);
    expect(gone.code).toBe('ENOENT');
  });

  it('passes names with shell characters, a leading dash and 255 bytes through argv untouched', async () => {
    // Were a shell ever involved, this would create the canary in the cwd.
    const canary = `tsnl-t-canary-${process.pid}`;
    const names = [
      `${prefix}$(touch ${canary});\`touch ${canary}\` 'q' "d" * & | > <`,
      `-${prefix}dash`,
      prefix + 'x'.repeat(255 - prefix.length),
    ];
    for (const n of names) await make(n);
    const listed = await listNetns();
    for (const n of names) expect(listed).toContain(n);
    expect(existsSync(canary)).toBe(false);
    // A helper inside the first: `ip netns exec NAME node ...` by argv too.
    const p = port(names[0]!);
    expect(linkNames(await exchange(p, linkDump, 1))).toEqual(['lo']);
    await p.stop();
    expect(existsSync(canary)).toBe(false);
    for (const n of names) await deleteNetns(n);
    const after = await listNetns();
    for (const n of names) expect(after).not.toContain(n);
  });

  it('dumps only lo in a new namespace through a helper, brings lo up, and ip -j agrees', async () => {
    const ns = await make(`${prefix}lo`);
    const p = port(ns);
    const before = await exchange(p, linkDump, 100);
    expect(before[before.length - 1]!.type).toBe(3); // NLMSG_DONE
    const links = before.filter((m) => m.type === RTM.RTM_NEWLINK);
    expect(links.map((m) => [m.header!.index, m.attrs!.ifname])).toEqual([[1, 'lo']]);
    expect(links[0]!.header!.flags & IFF_UP).toBe(0);
    expect(ipJson(ns, ['link', 'show', 'lo'])[0].flags).not.toContain('UP');

    const ack = await exchange(p, setLinkFlags(1, IFF_UP, IFF_UP), 101);
    expect(ack.map((m) => [m.type, m.error])).toEqual([[NLMSG_ERROR, 0]]);
    expect(ipJson(ns, ['link', 'show', 'lo'])[0].flags).toContain('UP');
    const after = (await exchange(p, linkDump, 102)).filter((m) => m.type === RTM.RTM_NEWLINK);
    expect(after[0]!.header!.flags & IFF_UP).toBe(IFF_UP);
    // The root namespace's view is another: its links are not these.
    expect(p.localPort()).toBeGreaterThan(0);
    await p.stop();
  });

  it('serves the request engine inside a namespace: an address in 198.18.0.0/15 on lo, read back by ip', async () => {
    const ns = await make(`${prefix}conn`);
    const p = port(ns);
    await p.start();
    const conn = new Connection(p, rtnetlink);
    try {
      await conn.request({ type: RTM.RTM_NEWADDR, flags: 0x400 | 0x200 | 0x4, seq: 0, pid: 0, header: { family: 2, prefixlen: 15, index: 1 }, attrs: { local: '198.18.0.1', address: '198.18.0.1' } });
      const addrs = ipJson(ns, ['addr', 'show', 'dev', 'lo']);
      expect(addrs[0].addr_info.map((a: any) => `${a.local}/${a.prefixlen}`)).toContain('198.18.0.1/15');
      const links = await conn.dump({ type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: { family: 0 } });
      expect(links.map((m) => m.attrs?.ifname)).toEqual(['lo']);
    } finally {
      conn.close();
      await p.stop();
    }
  });

  it('moves a link between two namespaces with an fd the helper opened (IFLA_NET_NS_FD)', async () => {
    const a = await make(`${prefix}move-a`);
    const b = await make(`${prefix}move-b`);
    execFileSync('ip', ['-n', a, 'link', 'add', 'tsnlv0', 'type', 'veth', 'peer', 'name', 'tsnlv1']);
    const index = ipJson(a, ['link', 'show', 'tsnlv1'])[0].ifindex as number;
    const p = port(a);
    const fd = await p.openNetnsFd(b);
    expect(fd).toBeGreaterThan(2);
    const ack = await exchange(p, { type: RTM.RTM_NEWLINK, flags: 0x5, seq: 0, pid: 0, header: { family: 0, index }, attrs: { netNsFd: fd } }, 200);
    expect(ack.map((m) => m.error)).toEqual([0]);
    p.closeNetnsFd(fd);
    expect(ipJson(b, ['link']).map((l: any) => l.ifname)).toContain('tsnlv1');
    expect(ipJson(a, ['link']).map((l: any) => l.ifname)).not.toContain('tsnlv1');
    await p.stop();
  });

  it('reports a killed helper once; a new HelperPort into the same namespace works', async () => {
    const ns = await make(`${prefix}kill`);
    const p = port(ns);
    await p.start();
    const pid = p.pid!;
    const errors: Error[] = [];
    p.onError((e) => errors.push(e));
    process.kill(pid, 'SIGKILL');
    expect(await until(() => errors.length > 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(errors.length).toBe(1);
    const err = errors[0] as HelperError;
    expect(isHelperError(err)).toBe(true);
    expect(err.message).toBe(`helper for netns "${ns}" was killed by SIGKILL`);
    expect(err.netns).toBe(ns);
    await p.stop();
    expect(exited(pid)).toBe(true);
    const q = port(ns);
    expect(linkNames(await exchange(q, linkDump, 300))).toEqual(['lo']);
    await q.stop();
  });

  it("reports a helper into a missing namespace with ip's message", async () => {
    const ns = `${prefix}missing`;
    const p = port(ns);
    const errors: Error[] = [];
    p.onError((e) => errors.push(e));
    const started = await p.start().catch((e: unknown) => e as HelperError);
    const words = `Cannot open network namespace "${ns}": No such file or directory`;
    expect((started as HelperError).message).toBe(words);
    expect(errors.map((e) => e.message)).toEqual([words]);
    expect((started as HelperError).exitCode).toBe(255);
    await p.stop();
  });

  it('opens a descriptor of a namespace; a missing one is a NetnsError', async () => {
    const ns = await make(`${prefix}fd`);
    const fd = openNetnsFd(ns);
    try {
      expect(fstatSync(fd).ino).toBe(statSync(`/run/netns/${ns}`).ino);
    } finally {
      closeNetnsFd(fd);
    }
    let e: unknown;
    try {
      openNetnsFd(`${prefix}nope`);
    } catch (x) {
      e = x;
    }
    expect(isNetnsError(e)).toBe(true);
    expect((e as Error).message).toBe(`Cannot open network namespace "${prefix}nope": No such file or directory`);
  });

  it('measures helper start-up (spawn to ready) over 10 runs', async () => {
    const ns = await make(`${prefix}timing`);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const p = port(ns);
      await p.start();
      times.push(p.startupMs!);
      await p.stop();
    }
    times.sort((x, y) => x - y);
    const median = (times[4]! + times[5]!) / 2;
    console.log(`helper start-up (ip netns exec + node + socket), 10 runs: median ${median.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times[9]!.toFixed(1)} ms`);
    expect(times.length).toBe(10);
  });

  it('leaves no helper process behind after close', async () => {
    await Promise.all(ports.map((p) => p.stop()));
    expect(await until(() => helperChildren().length === 0)).toBe(true);
  });
});
