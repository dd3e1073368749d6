/**
 * HelperPort without privileges: helpers in this process's own namespace
 * (no `ip`), and fake helper programs that misbehave on purpose. The
 * helper is run from dist/ (build first: `npx tsc -p .`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NLMSG_ERROR } from '../../src/core/constants.js';
import { encodeMessage } from '../../src/netlink/message.js';
import { helperMainPath, HelperPort, isHelperError, type HelperError } from '../../src/netns/helper-port.js';
import { liveHelpers } from '../../src/netns/reaper.js';
import { isNetnsError } from '../../src/netns/registry.js';
import { rtnetlink } from '../../src/families/registry.js';
import { Connection } from '../../src/transport/connection.js';
import { isTransportError } from '../../src/transport/errors.js';
import { alive, exchange, exited, hasHelper, helperChildren, linkDump, linkNames, until } from './support.js';

const noHelper = hasHelper ? '' : ` (skipped: ${helperMainPath()} is missing; run "npx tsc -p ." first)`;
const tmp = mkdtempSync(join(tmpdir(), 'tsnl-helper-'));
const signalListeners = () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'uncaughtExceptionMonitor'].map((s) => process.listenerCount(s));
const listenersBefore = signalListeners();
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a fake helper program; returns its path. */
function fakeHelper(name: string, source: string): string {
  const path = join(tmp, `${name}.mjs`);
  writeFileSync(path, source);
  return path;
}

/** A port's first error, or undefined after `ms`. */
function firstError(port: HelperPort, ms = 5000): Promise<Error | undefined> & { count: () => number } {
  let n = 0;
  const p = new Promise<Error | undefined>((resolve) => {
    port.onError((e) => {
      n++;
      resolve(e);
    });
    setTimeout(() => resolve(undefined), ms).unref();
  });
  return Object.assign(p, { count: () => n });
}

describe.skipIf(!hasHelper)(`HelperPort in this namespace${noHelper}`, () => {
  it('dumps the links of this namespace through the helper, lo at index 1', async () => {
    const port = new HelperPort();
    try {
      const msgs = await exchange(port, linkDump, 1);
      const names = linkNames(msgs);
      expect(names).toContain('lo');
      const lo = msgs.find((m) => m.attrs?.ifname === 'lo')!;
      expect(lo.header!.index).toBe(1);
      expect(lo.pid).toBe(port.localPort());
    } finally {
      await port.stop();
    }
  });

  it('starts lazily on the first send, or eagerly with start(); then knows its port and buffer', async () => {
    const port = new HelperPort();
    try {
      expect(port.pid).toBeUndefined();
      expect(port.localPort()).toBe(0);
      expect(port.receiveBuffer).toBeUndefined();
      const p1 = port.start();
      const p2 = port.start();
      const pid = port.pid;
      expect(pid).toBeGreaterThan(0);
      expect(signalListeners()[1]).toBe(listenersBefore[1]! + 1); // the reaper's SIGTERM handler
      await Promise.all([p1, p2]);
      expect(port.pid).toBe(pid);
      expect(port.localPort()).toBeGreaterThan(0);
      expect(port.receiveBuffer).toBeGreaterThan(0);
      expect(port.startupMs).toBeGreaterThan(0);
      await port.start();
      expect(port.pid).toBe(pid);
    } finally {
      await port.stop();
    }
  });

  it('passes datagrams sent before the helper is ready, in order, and calls every sent callback', async () => {
    const port = new HelperPort();
    try {
      const seqs: number[] = [];
      const sentCalls: (Error | undefined)[] = [];
      const done = new Promise<void>((resolve) => {
        port.onMessage((d) => {
          const seq = Buffer.from(d).readUInt32LE(8);
          if (Buffer.from(d).readUInt16LE(4) === NLMSG_ERROR) seqs.push(seq);
          if (seqs.length === 20) resolve();
        });
      });
      // GETLINK of lo with an ACK: one reply each.
      for (let i = 1; i <= 20; i++) {
        const msg = encodeMessage({ type: 18, flags: 0x5, seq: i, pid: 0, header: { family: 0, index: 1 } }, rtnetlink);
        port.send(msg, (err) => sentCalls.push(err));
      }
      await done;
      await until(() => sentCalls.length === 20);
      expect(sentCalls).toEqual(Array(20).fill(undefined));
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    } finally {
      await port.stop();
    }
  });

  it('reports a datagram the kernel refuses to take (EMSGSIZE) to its sent callback only', async () => {
    const port = new HelperPort({ sendBufferSize: 65536 });
    try {
      await port.start();
      // 4 MiB: more than any SO_SNDBUF the kernel grants here.
      const big = new Uint8Array(4 << 20);
      big.set(encodeMessage({ type: 18, flags: 0x1, seq: 9, pid: 0, header: { family: 0, index: 1 } }, rtnetlink));
      const err = await new Promise<Error | undefined>((resolve) => port.send(big, resolve));
      expect(isTransportError(err)).toBe(true);
      expect(err!.message).toMatch(/^sendmsg failed: /);
      expect((err!.cause as { code?: string }).code).toBe('EMSGSIZE');
      // The port did not fail (exchange rejects on a port error).
      expect(linkNames(await exchange(port, linkDump, 10))).toContain('lo');
    } finally {
      await port.stop();
    }
  });

  it('reports the helper killed by a signal once; later sends and start() fail; a new port works', async () => {
    const port = new HelperPort();
    const errors = firstError(port);
    await port.start();
    const pid = port.pid!;
    process.kill(pid, 'SIGKILL');
    const err = (await errors) as HelperError;
    expect(isHelperError(err)).toBe(true);
    expect(err.reason).toBe('helper');
    expect(err.signal).toBe('SIGKILL');
    expect(err.message).toBe('helper for this namespace was killed by SIGKILL');
    const sendErr = await new Promise<Error | undefined>((resolve) => port.send(new Uint8Array(16), resolve));
    expect(sendErr).toBe(err);
    await expect(port.start()).rejects.toBe(err);
    await new Promise((r) => setTimeout(r, 50));
    expect(errors.count()).toBe(1);
    await port.stop();
    expect(exited(pid)).toBe(true);

    const again = new HelperPort();
    try {
      expect(linkNames(await exchange(again, linkDump, 2))).toContain('lo');
    } finally {
      await again.stop();
    }
  });

  it('close(): no callbacks after it, the helper exits and is reaped, start() waiting rejects', async () => {
    const port = new HelperPort();
    let calls = 0;
    port.onError(() => calls++);
    port.onMessage(() => calls++);
    const starting = port.start();
    const pid = port.pid!;
    port.send(encodeMessage({ ...linkDump, seq: 3 }, rtnetlink));
    port.close();
    await expect(starting).rejects.toThrow('helper port is closed');
    await port.stop();
    expect(exited(pid)).toBe(true);
    expect(helperChildren()).not.toContain(pid);
    expect(calls).toBe(0);
    const err = await new Promise<Error | undefined>((resolve) => port.send(new Uint8Array(16), resolve));
    expect(err?.message).toBe('helper port is closed');
    port.close(); // idempotent
  });

  it('kills a helper that does not exit on end of stdin after closeTimeout', async () => {
    const stubborn = fakeHelper(
      'stubborn',
      `const h = Buffer.alloc(16); h.writeUInt32LE(16, 0); h.writeUInt32LE(4, 8);
       process.stdout.write(h); process.stdin.resume(); process.stdin.on('end', () => {}); setInterval(() => {}, 1000);`,
    );
    const port = new HelperPort({ helperPath: stubborn, closeTimeout: 200 });
    await port.start();
    const pid = port.pid!;
    const t0 = Date.now();
    await port.stop();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(exited(pid)).toBe(true);
  });

  it('stops an idle helper quietly and starts a new one on the next send', async () => {
    const port = new HelperPort({ idleTimeout: 150 });
    try {
      expect(linkNames(await exchange(port, linkDump, 4))).toContain('lo');
      const pid = port.pid!;
      expect(await until(() => port.pid === undefined && exited(pid), 3000)).toBe(true);
      expect(port.localPort()).toBe(0);
      expect(port.receiveBuffer).toBeGreaterThan(0); // remembered
      expect(linkNames(await exchange(port, linkDump, 5))).toContain('lo');
      expect(port.pid).not.toBe(pid);
    } finally {
      await port.stop();
    }
  });

  it('works under the request engine (Connection)', async () => {
    const port = new HelperPort();
    await port.start();
    const conn = new Connection(port, rtnetlink);
    try {
      const links = await conn.dump({ type: 18, flags: 0, seq: 0, pid: 0, header: { family: 0 } });
      expect(links.map((m) => m.attrs?.ifname)).toContain('lo');
    } finally {
      conn.close();
      await port.stop();
    }
  });

  it('opens namespace descriptors inside the helper; a missing one is a NetnsError in iproute2 words', async () => {
    const port = new HelperPort();
    try {
      const err = await port.openNetnsFd('tsnl-t-no-such-netns').catch((e: unknown) => e);
      expect(isNetnsError(err)).toBe(true);
      expect((err as Error).message).toBe('Cannot open network namespace "tsnl-t-no-such-netns": No such file or directory');
      expect((err as { code?: string }).code).toBe('ENOENT');
      await expect(port.openNetnsFd('a/b')).rejects.toThrow('Invalid netns name "a/b"');
      port.closeNetnsFd(0); // not one it opened: ignored by the helper
      expect(linkNames(await exchange(port, linkDump, 6))).toContain('lo');
    } finally {
      await port.stop();
    }
  });
});

describe.skipIf(!hasHelper)(`HelperPort failures${noHelper}`, () => {
  it('reports a missing ip once, with the spawn error', async () => {
    const port = new HelperPort('tsnl-t-x', { ip: '/nonexistent/ip' });
    const errors = firstError(port);
    await expect(port.start()).rejects.toThrow('cannot start the helper for netns "tsnl-t-x": spawn /nonexistent/ip ENOENT');
    expect((await errors)?.message).toBe('cannot start the helper for netns "tsnl-t-x": spawn /nonexistent/ip ENOENT');
    expect(errors.count()).toBe(1);
    await port.stop();
  });

  it('reports a missing helper program before spawning anything', async () => {
    const port = new HelperPort({ helperPath: join(tmp, 'nothing.js') });
    const errors = firstError(port);
    const sent = await new Promise<Error | undefined>((resolve) => port.send(new Uint8Array(16), resolve));
    expect(sent?.message).toMatch(/the namespace helper is not built: .*nothing\.js is missing/);
    expect(await errors).toBe(sent);
    await port.stop();
  });

  it('reports what a program that dies before ready printed last (ip\'s words, e.g.)', async () => {
    const dies = fakeHelper('dies', `process.stderr.write('Cannot open network namespace "zz": No such file or directory\\n'); process.exit(255);`);
    const port = new HelperPort({ helperPath: dies });
    const errors = firstError(port);
    await expect(port.start()).rejects.toThrow('Cannot open network namespace "zz": No such file or directory');
    const err = (await errors) as HelperError;
    expect(err.exitCode).toBe(255);
    expect(err.stderr).toMatch(/Cannot open network namespace/);
    await port.stop();
  });

  it('reports an ERROR frame with the socket error', async () => {
    const errs = fakeHelper(
      'error-frame',
      `const p = Buffer.from(JSON.stringify({ message: 'recvmsg: No buffer space available', code: 'ENOBUFS', errno: 105 }));
       const h = Buffer.alloc(16); h.writeUInt32LE(16, 0); h.writeUInt32LE(4, 8);
       const e = Buffer.alloc(16); e.writeUInt32LE(16 + p.length, 0); e.writeUInt32LE(2, 8);
       process.stdout.write(Buffer.concat([h, e, p])); process.exit(1);`,
    );
    const port = new HelperPort({ helperPath: errs });
    const errors = firstError(port);
    port.send(new Uint8Array(16));
    const err = (await errors) as HelperError;
    expect(err.message).toBe('netlink socket in this namespace failed: recvmsg: No buffer space available');
    expect(err.code).toBe('ENOBUFS');
    await port.stop();
    expect(errors.count()).toBe(1);
  });

  it('reports broken framing and kills the helper', async () => {
    const garbage = fakeHelper('garbage', `process.stdout.write(Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])); setInterval(() => {}, 1000);`);
    const port = new HelperPort({ helperPath: garbage });
    const errors = firstError(port);
    await expect(port.start()).rejects.toThrow(/broke its framing: bad frame length 1 from the helper/);
    const err = (await errors) as HelperError;
    expect(err.message).toMatch(/broke its framing/);
    await port.stop();
    expect(exited(err.pid!)).toBe(true);
  });
});

/** Runs a script (ESM, importing dist/) in a child node; resolves with its end and the helper pid it printed. */
function runScript(source: string, signalAfterReady?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; helperPid: number; stdout: string; stderr: string }> {
  const index = new URL('../../dist/netns/index.js', import.meta.url).href;
  const path = join(tmp, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(path, `import { HelperPort, liveHelpers } from ${JSON.stringify(index)};\n${source}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let helperPid = 0;
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      const m = /helper (\d+)/.exec(stdout);
      if (m && helperPid === 0) {
        helperPid = Number(m[1]);
        if (signalAfterReady) child.kill(signalAfterReady);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, helperPid, stdout, stderr }));
  });
}

describe.skipIf(!hasHelper)(`helpers are reaped when this process ends${noHelper}`, () => {
  const start = `const port = new HelperPort(); await port.start(); console.log('helper ' + port.pid);`;

  it('on SIGTERM, and the process still dies of SIGTERM', async () => {
    const r = await runScript(`${start} setInterval(() => {}, 1000);`, 'SIGTERM');
    expect(r.signal).toBe('SIGTERM');
    expect(await until(() => exited(r.helperPid))).toBe(true);
  });

  it('on SIGINT, and the process still dies of SIGINT', async () => {
    const r = await runScript(`${start} setInterval(() => {}, 1000);`, 'SIGINT');
    expect(r.signal).toBe('SIGINT');
    expect(await until(() => exited(r.helperPid))).toBe(true);
  });

  it('on an uncaught exception, which still ends the process with code 1', async () => {
    const r = await runScript(`${start} setTimeout(() => { throw new Error('boom'); }, 10);`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Error: boom/);
    expect(await until(() => exited(r.helperPid))).toBe(true);
  });

  it('on process.exit()', async () => {
    const r = await runScript(`${start} setTimeout(() => process.exit(7), 10);`);
    expect(r.code).toBe(7);
    expect(await until(() => exited(r.helperPid))).toBe(true);
  });

  it('when the event loop empties: an unref()ed port does not hold the process', async () => {
    const t0 = Date.now();
    const r = await runScript(`${start} port.ref(false);`);
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await until(() => exited(r.helperPid))).toBe(true);
  });

  it('leaves SIGINT to an application that handles it, helpers still usable in its handler', async () => {
    const r = await runScript(
      `${start}
       process.on('SIGINT', async () => {
         console.log('live ' + liveHelpers());
         await port.stop();
         console.log('live ' + liveHelpers());
         process.exit(0);
       });
       setInterval(() => {}, 1000);`,
      'SIGINT',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/live 1\nlive 0\n/);
    expect(exited(r.helperPid)).toBe(true);
  });

  it('leaves no helper child of this process behind, nor signal handlers', async () => {
    expect(await until(() => helperChildren().length === 0)).toBe(true);
    expect(liveHelpers()).toBe(0);
    // The reaper's handlers went with the last helper.
    expect(signalListeners()).toEqual(listenersBefore);
    expect(alive(process.pid)).toBe(true);
  });
});
