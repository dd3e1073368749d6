/**
 * The namespace registry without privileges: paths, names refused before
 * anything is forked, a missing `ip`, and descriptors of missing
 * namespaces. Creating and deleting for real is in kernel.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isNetnsNameError } from '../../src/netns/names.js';
import { addNetns, closeNetnsFd, deleteNetns, isNetnsError, listNetns, NETNS_RUN_DIR, NetnsError, netnsPath, openNetnsFd } from '../../src/netns/registry.js';

describe('netnsPath', () => {
  it('is /run/netns/NAME, for any valid name', () => {
    expect(NETNS_RUN_DIR).toBe('/run/netns');
    expect(netnsPath('blue')).toBe('/run/netns/blue');
    expect(netnsPath('$(x);`y`')).toBe('/run/netns/$(x);`y`');
  });

  it('refuses names iproute2 refuses', () => {
    for (const bad of ['', '.', '..', 'a/b', 'x'.repeat(256)]) expect(() => netnsPath(bad)).toThrow(/^Invalid netns name "/);
  });
});

describe('listNetns', () => {
  it('returns the names in /run/netns, sorted', async () => {
    const names = await listNetns();
    expect(Array.isArray(names)).toBe(true);
    expect([...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))).toEqual(names);
  });
});

describe('addNetns / deleteNetns', () => {
  it('refuse a bad name without forking ip', async () => {
    // With a missing ip, a fork would fail differently ("Cannot run").
    for (const f of [addNetns, deleteNetns]) {
      const e = await f('a/b', { ip: '/nonexistent/ip', method: 'ip' }).catch((x: unknown) => x);
      expect(isNetnsNameError(e)).toBe(true);
      expect((e as Error).message).toBe('Invalid netns name "a/b": it contains "/"');
    }
  });

  it('report a missing ip as a NetnsError', async () => {
    const e = await addNetns('tsnl-t-registry', { ip: '/nonexistent/ip', method: 'ip' }).catch((x: unknown) => x);
    expect(isNetnsError(e)).toBe(true);
    expect(e).toBeInstanceOf(NetnsError);
    expect((e as NetnsError).message).toBe('Cannot run "/nonexistent/ip": No such file or directory');
    expect((e as NetnsError).code).toBe('ENOENT');
    expect((e as NetnsError).op).toBe('add');
    expect((e as NetnsError).netns).toBe('tsnl-t-registry');
  });

  it("report ip's last stderr line and exit code when ip fails", async () => {
    // `false` stands in for an ip that fails without a word; `sh -c` is not used.
    const e = (await deleteNetns('tsnl-t-registry', { ip: 'false', method: 'ip' }).catch((x: unknown) => x)) as NetnsError;
    expect(isNetnsError(e)).toBe(true);
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe('"false netns del tsnl-t-registry" failed with exit code 1');
  });
});

describe('openNetnsFd', () => {
  it("refuses a missing namespace in iproute2's words", () => {
    let e: unknown;
    try {
      openNetnsFd('tsnl-t-no-such-netns');
    } catch (x) {
      e = x;
    }
    expect(isNetnsError(e)).toBe(true);
    expect((e as NetnsError).message).toBe('Cannot open network namespace "tsnl-t-no-such-netns": No such file or directory');
    expect((e as NetnsError).code).toBe('ENOENT');
    expect((e as NetnsError).op).toBe('open');
  });

  it('refuses a bad name before touching the file system', () => {
    expect(() => openNetnsFd('..')).toThrow('Invalid netns name "..": ".." names a directory, not a namespace');
  });

  it('closeNetnsFd closes a descriptor', async () => {
    const { openSync } = await import('node:fs');
    const fd = openSync('/proc/self/ns/net', 'r');
    closeNetnsFd(fd);
    expect(() => closeNetnsFd(fd)).toThrow(/EBADF/);
  });
});
