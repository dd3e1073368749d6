/**
 * SocketPort against the real kernel, read only: dumps and GETs in the
 * namespace this process runs in; nothing is changed anywhere.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/netlink/message.js';
import { protocol, type Protocol } from '../../src/netlink/protocol.js';
import { RTM } from '../../src/rtnl/constants.js';
import { Connection } from '../../src/transport/connection.js';
import { KernelError, TransportError } from '../../src/transport/errors.js';
import { SocketPort } from '../../src/transport/socket-port.js';

const root = process.getuid?.() === 0;
const needsRoot = root ? '' : ' (skipped: not root; CI runs these as root)';

/** The full rtnetlink declarations when they load, else a protocol that keeps every payload raw. */
async function loadProtocol(): Promise<{ proto: Protocol; typed: boolean }> {
  try {
    const { rtnetlink } = await import('../../src/families/registry.js');
    return { proto: rtnetlink, typed: true };
  } catch {
    return { proto: protocol('NETLINK_ROUTE (raw)', []), typed: false };
  }
}

/** ifi_index and IFLA_IFNAME of an RTM_NEWLINK, typed or raw. */
function linkOf(m: Message, typed: boolean): { index: number; name: string | undefined } {
  if (typed) return { index: m.header!.index as number, name: m.attrs!.ifname as string | undefined };
  const p = m.payload!;
  const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
  let name: string | undefined;
  for (let off = 16; off + 4 <= p.length; ) {
    const len = dv.getUint16(off, true);
    if (len < 4) break;
    if ((dv.getUint16(off + 2, true) & 0x3fff) === 3) name = new TextDecoder().decode(p.subarray(off + 4, off + len)).replace(/\0+$/, '');
    off += (len + 3) & ~3;
  }
  return { index: dv.getInt32(4, true), name };
}

function getLink(index: number, typed: boolean): Message {
  const m: Message = { type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0 };
  if (typed) m.header = { index };
  else {
    m.payload = new Uint8Array(16);
    new DataView(m.payload.buffer).setInt32(4, index, true);
  }
  return m;
}

describe('SocketPort', () => {
  it('does not load the native binding until a port is opened', () => {
    const cache = createRequire(import.meta.url).cache;
    // Either the binding's prebuilt binary (loaded directly) or its own module.
    const loaded = () => Object.keys(cache).some((k) => /\/node_modules\/netlink\/(dist\/raw\.js|prebuilds\/.*\.node)$/.test(k));
    expect(loaded()).toBe(false);
    const port = new SocketPort();
    expect(loaded()).toBe(true);
    expect(port.localPort()).toBeGreaterThan(0);
    port.close();
    port.close();
  });

  it.skipIf(!root)(`dumps the links of this namespace and finds lo at ifindex 1${needsRoot}`, async () => {
    const { proto, typed } = await loadProtocol();
    const port = new SocketPort();
    const rmemMax = Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));
    expect(port.receiveBuffer).toBeGreaterThanOrEqual(Math.min(8 * 1024 * 1024, 2 * rmemMax));
    const conn = new Connection(port, proto);
    try {
      const links = await conn.dump(getLink(0, typed));
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((m) => m.type === RTM.RTM_NEWLINK && m.seq !== 0)).toBe(true);
      const lo = links.map((m) => linkOf(m, typed)).find((l) => l.name === 'lo');
      expect(lo).toEqual({ index: 1, name: 'lo' });

      // A GET by index answers with the link, then the ACK.
      const [one] = await conn.request(getLink(1, typed));
      expect(linkOf(one!, typed)).toEqual({ index: 1, name: 'lo' });
    } finally {
      conn.close();
    }
  });

  it.skipIf(!root)(`reports the kernel's refusal as iproute2 does${needsRoot}`, async () => {
    const { proto, typed } = await loadProtocol();
    const conn = new Connection(new SocketPort(), proto);
    try {
      const e = await conn.request(getLink(0x7ffffff0, typed)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(KernelError);
      expect((e as KernelError).code).toBe('ENODEV');
      expect((e as KernelError).message).toBe('RTNETLINK answers: No such device');
    } finally {
      conn.close();
    }
  });

  it.skipIf(!root)(`pipelines 500 GETs on one socket within the window${needsRoot}`, async () => {
    const { proto, typed } = await loadProtocol();
    const conn = new Connection(new SocketPort(), proto);
    try {
      const all = await Promise.all(Array.from({ length: 500 }, () => conn.request(getLink(1, typed))));
      expect(all.every((r) => r.length === 1 && linkOf(r[0]!, typed).index === 1)).toBe(true);
      expect(conn.stats.maxInFlight).toBe(conn.window);
      expect(conn.stats.unknownSeq + conn.stats.garbage + conn.stats.truncated).toBe(0);
    } finally {
      conn.close();
    }
  });

  it.skipIf(!root)(`reports datagrams larger than the read buffer as truncated${needsRoot}`, async () => {
    const { proto, typed } = await loadProtocol();
    const conn = new Connection(new SocketPort({ readBufferSize: 256 }), proto);
    try {
      const e = await conn.dump(getLink(0, typed)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TransportError);
      expect((e as TransportError).reason).toBe('truncated');
      expect(conn.stats.truncated).toBeGreaterThan(0);
      // NLMSG_DONE (20 bytes) still fit, so the dump ended cleanly and the socket is usable.
      const e2 = await conn.request(getLink(0x7ffffff0, typed)).catch((x: unknown) => x);
      expect((e2 as KernelError).code).toBe('ENODEV');
    } finally {
      conn.close();
    }
  });
});
