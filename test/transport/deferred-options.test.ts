/**
 * Deferred socket options (SocketPortOptions.deferOptions with isPlainLinkRead, used for a
 * handle on this process's own namespace): a plain link read goes out on
 * a socket without FFI; anything else first loads FFI and sets
 * NETLINK_EXT_ACK and NETLINK_GET_STRICT_CHK, so the kernel's own error
 * messages still arrive. Changes happen only in a throwaway namespace.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rtnetlink } from '../../src/families/registry.js';
import { encodeMessage } from '../../src/netlink/message.js';
import { RTM } from '../../src/rtnl/constants.js';
import { Connection } from '../../src/transport/connection.js';
import { isPlainLinkRead } from '../../src/families/link/plain-read.js';
import { SocketPort } from '../../src/transport/socket-port.js';
import { ip, kernelSkipReason, Namespaces, skipNote } from '../support/kernel.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const nss = new Namespaces(`tsnl-t-defer-${process.pid}-`);
afterAll(() => {
  nss.cleanup();
});

const getLink = (attrs: Record<string, unknown>) => encodeMessage({ type: RTM.RTM_GETLINK, flags: 1, seq: 1, pid: 0, header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs }, rtnetlink);

describe('which requests wait for the socket options', () => {
  it('a link lookup or dump with IFLA_IFNAME and IFLA_EXT_MASK only is a plain link read; anything else is not', () => {
    expect(isPlainLinkRead(getLink({}))).toBe(true);
    expect(isPlainLinkRead(getLink({ ifname: 'lo', extMask: 9 }))).toBe(true);
    expect(isPlainLinkRead(getLink({ extMask: 1, master: 3 }))).toBe(false);
    expect(isPlainLinkRead(getLink({ linkinfo: { kind: 'veth' } }))).toBe(false);
    const addrDump = encodeMessage({ type: RTM.RTM_GETADDR, flags: 0x301, seq: 1, pid: 0, header: { family: 0, prefixlen: 0, flags: 0, scope: 0, index: 0 } }, rtnetlink);
    expect(isPlainLinkRead(addrDump)).toBe(false);
    expect(isPlainLinkRead(new Uint8Array(16))).toBe(false);
  });
});

describe.skipIf(kernelSkipReason !== undefined)(`deferred socket options against the kernel${skipNote()}`, () => {
  it('the options are set before the first request that is not a plain link read, not before', async () => {
    const port = new SocketPort({ deferOptions: isPlainLinkRead });
    const conn = new Connection(port, rtnetlink);
    try {
      await conn.request({ type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs: { ifname: 'lo' } });
      expect(port.features).toEqual({ extAck: false, strictCheck: false, capAck: false, noEnobufs: false });
      expect(port.fd).toBeUndefined();
      expect(port.ifindex('lo')).toBeNull();
      await conn.dump({ type: RTM.RTM_GETADDR, flags: 0, seq: 0, pid: 0, header: { family: 0, prefixlen: 0, flags: 0, scope: 0, index: 0 } });
      expect(port.features).toMatchObject({ extAck: true, strictCheck: true });
      expect(port.fd).toBeTypeOf('number');
      expect(port.ifindex('lo')).toBe(1);
    } finally {
      conn.close();
    }
  });

  it("a handle on its own namespace: a link read loads no FFI; a refused change still gets the kernel's words", () => {
    const ns = nss.add('a');
    ip(['-n', ns, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1']);
    const script = `
      const { open } = await import(${JSON.stringify(DIST + 'api/handle.js')});
      const { ffiLoader } = await import(${JSON.stringify(DIST + 'sys/ffi.js')});
      const h = open();
      const lo = await h.links.get('lo');
      const afterRead = String(ffiLoader());
      const e = await h.links.set('d0', { mtu: 70000 }).catch((x) => x);
      console.log(JSON.stringify({ lo: lo.index, afterRead, afterChange: String(ffiLoader()), error: e.message }));
      await h.close();`;
    const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ lo: 1, afterRead: 'undefined', afterChange: 'prebuilt', error: 'Error: mtu greater than device maximum.' });
  }, 30_000);
});

describe.skipIf(kernelSkipReason !== undefined)(`options that matter before any send are never deferred${skipNote()}`, () => {
  it('a socket joining groups, or asking NO_ENOBUFS, sets its options at once', () => {
    for (const o of [{ groups: [1] }, { noEnobufs: true }]) {
      const port = new SocketPort({ deferOptions: isPlainLinkRead, ...o });
      try {
        expect(port.features.extAck, JSON.stringify(o)).toBe(true);
        expect(port.fd).toBeTypeOf('number');
      } finally {
        port.close();
      }
    }
  });
});
