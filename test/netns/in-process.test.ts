/**
 * Namespaces from inside the process (setns through FFI), against the real
 * kernel, as root:
 * - the main thread always comes back to its own namespace (checked after
 *   every test), also when entering fails;
 * - sockets made inside a namespace carry NETLINK_EXT_ACK and
 *   NETLINK_GET_STRICT_CHK, and list that namespace's links;
 * - namespaces added and deleted in process are what `ip netns` sees, and
 *   failures use ip's words;
 * - no side effects: no NSID assigned anywhere, no process forked
 *   (strace), for tsip and for a library script;
 * - faults: a namespace deleted (and re-created) under an open handle, a
 *   namespace fd closed, setns refused (no CAP_SYS_ADMIN, through
 *   setpriv), FFI switched off, a process killed mid-request;
 * - bounded: handles opened and closed on 1,000 namespaces leave no fd.
 *
 * Namespaces are named `tsnl-t-inproc-<pid>-...` and deleted in afterAll.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_HELPERS, open, setMaxHelpers } from '../../src/api/handle.js';
import { monitor } from '../../src/api/monitor.js';
import { addNetns, deleteNetns } from '../../src/netns/registry.js';
import { ffiAvailable, ffiLoader } from '../../src/sys/ffi.js';
import { currentNetnsInode, inNetns, isSyscallError, ownNetnsInode } from '../../src/sys/netns-thread.js';
import { SocketPort } from '../../src/transport/socket-port.js';
import { Connection } from '../../src/transport/connection.js';
import { rtnetlink } from '../../src/families/registry.js';
import { linkDump } from '../../src/families/link/requests.js';
import { ip, kernelSkipReason, linkNames, Namespaces, rootLinkKeys, skipNote, until } from '../support/kernel.js';

const run = kernelSkipReason === undefined && ffiAvailable();
const nss = new Namespaces(`tsnl-t-inproc-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const BIN = fileURLToPath(new URL('../../bin/tsip.cjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const hasStrace = spawnSync('strace', ['-V']).status === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

/** NSIDs `ip netns list-id` shows, in the caller's namespace or in NS. */
function listIds(ns?: string): string {
  return ip([...(ns ? ['-n', ns] : []), 'netns', 'list-id']);
}

/** Open file descriptors of this process. */
function fdCount(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Runs a node script (ESM, the built library at DIST) in a child; resolves with its output. */
function node(script: string, opts: { env?: NodeJS.ProcessEnv; prefix?: string[] } = {}): { status: number | null; stdout: string; stderr: string } {
  const argv = [...(opts.prefix ?? []), process.execPath, '--input-type=module', '-e', script];
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env: { ...process.env, ...opts.env }, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterEach(() => {
  if (run) expect(currentNetnsInode(), 'the main thread is back in its own namespace').toBe(ownNetnsInode());
});

afterAll(() => {
  if (!run) return;
  expect(nss.cleanup(), 'namespaces left behind').toEqual([]);
  expect(rootLinkKeys(), 'root namespace links').toEqual(rootBefore);
}, 60_000);

describe.skipIf(!run)(`namespaces in process (setns through FFI)${skipNote()}${ffiAvailable() ? '' : ' (skipped: FFI unavailable)'}`, () => {
  it("FFI loads koffi's prebuilt binary for this platform directly (koffi's own loader first reads the node binary's ELF header: ~7 ms of every start)", () => {
    // This machine is glibc Linux, where koffi installs its platform package.
    expect(ffiLoader()).toBe('prebuilt');
  });

  it('inNetns runs code inside and always returns; a missing or non-namespace path is a SyscallError and nothing runs', () => {
    const A = nss.add('a');
    const own = ownNetnsInode();
    let inside = 0;
    inNetns({ path: `/run/netns/${A}` }, () => {
      inside = currentNetnsInode();
    });
    expect(inside).not.toBe(own);
    expect(currentNetnsInode()).toBe(own);
    expect(() =>
      inNetns({ path: `/run/netns/${A}` }, () => {
        throw new Error('thrown inside');
      }),
    ).toThrow('thrown inside');
    expect(currentNetnsInode()).toBe(own);
    let ran = false;
    const missing = (() => {
      try {
        inNetns({ path: `/run/netns/${nss.prefix}missing` }, () => (ran = true));
      } catch (e) {
        return e;
      }
    })();
    expect(isSyscallError(missing, 'ENOENT')).toBe(true);
    const notNs = (() => {
      try {
        inNetns({ path: '/proc/self/status' }, () => (ran = true));
      } catch (e) {
        return e;
      }
    })();
    expect(isSyscallError(notNs, 'EINVAL')).toBe(true);
    expect(ran).toBe(false);
  });

  it('inNetns cannot be nested (the thread would come home while the outer call still runs there)', () => {
    const N = nss.add('nest');
    const path = `/run/netns/${N}`;
    expect(() => inNetns({ path }, () => inNetns({ path }, () => 1))).toThrow(/cannot be nested/);
    expect(currentNetnsInode()).toBe(ownNetnsInode());
  });

  it('a monitor on a missing namespace ends with its error instead of waiting forever', async () => {
    const mon = monitor({ netns: `${nss.prefix}absent` });
    await expect(mon.ready).rejects.toMatchObject({ name: 'NetnsError' });
    await expect(mon.next()).rejects.toMatchObject({ name: 'NetnsError' });
    mon.close();
  });

  it('helper mode: a missing namespace is a NetnsError in ip\'s words; concurrent calls take one pool slot', async () => {
    const missing = open({ netns: `${nss.prefix}absent`, netnsMode: 'helper' });
    await expect(missing.addresses.list()).rejects.toMatchObject({ name: 'NetnsError', message: `Cannot open network namespace "${nss.prefix}absent": No such file or directory` });
    await missing.close();
    const P = nss.add('pool');
    setMaxHelpers(1);
    try {
      const a = open({ netns: P, netnsMode: 'helper', idleMs: 0 });
      await Promise.all([a.addresses.list(), a.routes.list(), a.links.set('lo', { up: true })]);
      await a.close();
      // The one slot is free again: another handle gets it at once.
      const b = open({ netns: P, netnsMode: 'helper', idleMs: 0 });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([b.addresses.list(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('blocked: a pool slot leaked')), 5000)))]);
      clearTimeout(timer);
      await b.close();
    } finally {
      setMaxHelpers(DEFAULT_MAX_HELPERS);
    }
  }, 20_000);

  it('a socket made inside a namespace has extended ACKs and strict checking, and dumps that namespace', async () => {
    const B = nss.add('b');
    ip(['-n', B, 'link', 'add', 'q0', 'type', 'veth', 'peer', 'name', 'q1']);
    const port = new SocketPort({ netns: { path: `/run/netns/${B}` } });
    expect(port.features).toEqual({ extAck: true, strictCheck: true, capAck: false, noEnobufs: false });
    expect(port.fd).toBeGreaterThan(2);
    const conn = new Connection(port, rtnetlink);
    try {
      const names = (await conn.dump(linkDump())).map((m) => m.attrs!.ifname).sort();
      expect(names).toEqual(linkNames(B).sort());
    } finally {
      conn.close();
    }
  });

  it('addNetns/deleteNetns in process: ip sees them, and failures are in ip\'s words', async () => {
    const N = nss.track(`${nss.prefix}made`);
    await addNetns(N, { method: 'in-process' });
    expect(ip(['netns', 'list'])).toContain(N);
    expect(linkNames(N)).toEqual(['lo']);
    const again = spawnSync('ip', ['netns', 'add', N], { encoding: 'utf8' }).stderr.trim();
    await expect(addNetns(N, { method: 'in-process' })).rejects.toThrow(again);
    await deleteNetns(N, { method: 'in-process' });
    expect(ip(['netns', 'list'])).not.toContain(N);
    const gone = spawnSync('ip', ['netns', 'del', N], { encoding: 'utf8' }).stderr.trim();
    await expect(deleteNetns(N, { method: 'in-process' })).rejects.toThrow(gone);
  });

  it('tsip -n X link|addr|route and a library script leave no NSID anywhere and fork nothing', async () => {
    const X = nss.add('x');
    ip(['-n', X, 'link', 'add', 'w0', 'type', 'veth', 'peer', 'name', 'w1']);
    const before = { caller: listIds(), inside: listIds(X) };
    for (const args of [['link'], ['addr'], ['route'], ['-d', 'link', 'show', 'dev', 'w0']]) {
      const r = spawnSync(process.execPath, [BIN, '-n', X, ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    expect({ caller: listIds(), inside: listIds(X) }).toEqual(before);
    expect(ip(['netns', 'list']).split('\n')).toContain(X);
    if (!hasStrace) return;
    const execs = (argv: string[]) => {
      const r = spawnSync('strace', ['-f', '-qq', '-e', 'trace=execve', '-e', 'signal=none', ...argv], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stderr.split('\n').filter((l) => /execve\(/.test(l) && !/ENOENT/.test(l));
    };
    for (const args of [
      ['link', 'set', 'lo', 'up'],
      ['addr', 'add', '198.18.90.1/24', 'dev', 'w0'],
      ['link', 'set', 'w0', 'up'],
      ['route', 'add', '198.18.91.0/24', 'via', '198.18.90.2'],
    ]) {
      expect(execs([process.execPath, BIN, '-n', X, ...args]), args.join(' ')).toHaveLength(1);
    }
    const script = `import { open } from ${JSON.stringify(DIST)};
      const h = open({ netns: ${JSON.stringify(X)} });
      await h.links.set('w1', { up: true, mtu: 1400 });
      await h.addresses.add('198.18.92.1/24', 'w1');
      await h.routes.add({ dst: '198.18.93.0/24', via: '198.18.92.2' });
      h.close();`;
    expect(execs([process.execPath, '--input-type=module', '-e', script])).toHaveLength(1);
    expect(ip(['-n', X, 'route', 'show', '198.18.93.0/24'])).toContain('via 198.18.92.2');
    expect({ caller: listIds(), inside: listIds(X) }).toEqual(before);
  }, 30_000);

  it('a namespace deleted under an open handle: NetnsError; re-created under the same name: the new one is used', async () => {
    const D = nss.add('d');
    const h = open({ netns: D });
    try {
      expect((await h.links.list()).map((l) => l.name)).toEqual(['lo']);
      ip(['netns', 'del', D]);
      await new Promise((r) => setTimeout(r, 150));
      await expect(h.links.list()).rejects.toMatchObject({ name: 'NetnsError', message: `Cannot open network namespace "${D}": No such file or directory` });
      nss.add('d');
      ip(['-n', D, 'link', 'add', 'fresh0', 'type', 'ifb']);
      await new Promise((r) => setTimeout(r, 150));
      expect((await h.links.list()).map((l) => l.name).sort()).toEqual(['fresh0', 'lo']);
    } finally {
      h.close();
    }
  });

  it('a namespace given by fd: used while open; once closed, a NetnsError (EBADF) and nothing else changes', async () => {
    const F = nss.add('f');
    const fd = openSync(`/run/netns/${F}`, 'r');
    const h = open({ netns: { fd } });
    await h.links.set('lo', { up: true });
    h.close();
    closeSync(fd);
    const h2 = open({ netns: { fd } });
    await expect(h2.links.list()).rejects.toMatchObject({ name: 'NetnsError', message: `setting the network namespace fd ${fd} failed: Bad file descriptor` });
    h2.close();
    expect(ip(['-n', F, 'link', 'show', 'lo'])).toContain('UP');
  });

  it.skipIf(!hasSetpriv)(`without CAP_SYS_ADMIN (setpriv): setns is refused with a NetnsError, the thread stays home${hasSetpriv ? '' : ' (skipped: setpriv not installed)'}`, () => {
    const S = nss.add('s');
    const script = `import { open } from ${JSON.stringify(DIST)};
      import { currentNetnsInode, ownNetnsInode } from ${JSON.stringify(DIST.replace('index.js', 'sys/netns-thread.js'))};
      const h = open({ netns: ${JSON.stringify(S)} });
      try { await h.links.list(); console.log('listed'); }
      catch (e) { console.log(e.name + ': ' + e.message); }
      console.log(currentNetnsInode() === ownNetnsInode() ? 'home' : 'AWAY');
      h.close();`;
    const r = node(script, { prefix: ['setpriv', '--inh-caps=-sys_admin', '--bounding-set=-sys_admin'] });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual([`NetnsError: setting the network namespace "${S}" failed: Operation not permitted`, 'home']);
  });

  it('FFI switched off (TSNETLINK_FFI=0): helpers do the work, with strerror\'s words', () => {
    const H = nss.add('h');
    ip(['-n', H, 'link', 'add', 'z0', 'type', 'veth', 'peer', 'name', 'z1']);
    const script = `import { open } from ${JSON.stringify(DIST)};
      const h = open({ netns: ${JSON.stringify(H)} });
      console.log(h.mode);
      await h.links.set('z0', { up: true });
      try { await h.links.set('z0', { mtu: 70000 }); } catch (e) { console.log(e.message); }
      console.log(h.helperStarted);
      h.close();`;
    const r = node(script, { env: { TSNETLINK_FFI: '0' } });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['helper', 'RTNETLINK answers: Invalid argument', 'true']);
    expect(ip(['-n', H, 'link', 'show', 'z0'])).toContain('UP');
  });

  it('a process killed in the middle of 300 creations: nothing keeps running, the namespace deletes cleanly', async () => {
    const K = nss.add('k');
    const script = `import { open } from ${JSON.stringify(DIST)};
      const h = open({ netns: ${JSON.stringify(K)} });
      console.log('start');
      await h.links.addMany(Array.from({ length: 300 }, (_, i) => ({ name: 'k' + i, kind: 'veth', peer: { name: 'l' + i } })));
      console.log('done');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await until(() => linkNames(K).length > 3, 5000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const made = linkNames(K).length;
    expect(made).toBeGreaterThan(3);
    expect(made).toBeLessThan(601);
    // Nothing of the child lives on in the namespace, and it goes away with ip.
    const pids = spawnSync('ip', ['netns', 'pids', K], { encoding: 'utf8' }).stdout.trim();
    expect(pids).toBe('');
    ip(['netns', 'del', K]);
    expect(ip(['netns', 'list'])).not.toContain(K);
  }, 30_000);

  it('handles opened and closed on 1,000 namespaces leave no fd behind', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => nss.track(`${nss.prefix}m${i}`));
    for (const n of names) await addNetns(n);
    try {
      // Warm up (FFI, the own-namespace fd kept for the life of the process).
      const w = open({ netns: names[0]! });
      await w.links.list();
      w.close();
      const before = fdCount();
      for (const n of names) {
        const h = open({ netns: n });
        await h.links.set('lo', { up: true });
        h.close();
      }
      expect(fdCount()).toBe(before);
      // Handles left open but idle give their sockets back too.
      // (idleMs long enough that none goes idle while the 50 are listed, even on a loaded machine.)
      const idle = names.slice(0, 50).map((n) => open({ netns: n, idleMs: 1500 }));
      for (const h of idle) await h.links.list();
      expect(fdCount()).toBe(before + 50);
      await until(() => fdCount() === before, 6000);
      expect(fdCount()).toBe(before);
      for (const h of idle) h.close();
    } finally {
      for (const n of names) await deleteNetns(n).catch(() => {});
    }
  }, 60_000);
});
