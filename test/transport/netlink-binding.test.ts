/**
 * The `netlink` package's socket as socket-port.ts gets it: the prebuilt
 * binary loaded directly where node-gyp-build would pick it for certain,
 * else the package's RawNetlinkSocket; both must talk to the kernel alike.
 * Read only: one RTM_GETLINK of lo in this namespace.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadRawSocket, prebuiltPath, rawSocketLoader, type RawSocketCtor } from '../../src/transport/netlink-binding.js';

const root = process.getuid?.() === 0;
const needsRoot = root ? '' : ' (skipped: not root; CI runs these as root)';

/** RTM_GETLINK (18) of ifindex 1, NLM_F_REQUEST|NLM_F_ACK: nlmsghdr (16) + ifinfomsg (16). */
function getLo(seq: number): Uint8Array {
  const b = new Uint8Array(32);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 32, true); // nlmsg_len
  dv.setUint16(4, 18, true); // nlmsg_type: RTM_GETLINK
  dv.setUint16(6, 0x1 | 0x4, true); // nlmsg_flags: NLM_F_REQUEST | NLM_F_ACK
  dv.setUint32(8, seq, true); // nlmsg_seq
  dv.setInt32(20, 1, true); // ifi_index: lo
  return b;
}

/** The types of the messages in a datagram. */
function types(d: Uint8Array): number[] {
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const out: number[] = [];
  for (let off = 0; off + 16 <= d.length; ) {
    const len = dv.getUint32(off, true);
    out.push(dv.getUint16(off + 4, true));
    if (len < 16) break;
    off += (len + 3) & ~3;
  }
  return out;
}

/** Sends the GET with `Ctor`; resolves to the socket's port and the message types received until the ACK. */
function askLo(Ctor: RawSocketCtor): Promise<{ port: number; got: number[] }> {
  const sock = new Ctor(0, { messagePeeking: false, msgBufferSize: 32768, recvBufferSize: 1 << 20, sendBufferSize: 0 });
  const port = sock.address().port;
  return new Promise((resolve, reject) => {
    const got: number[] = [];
    sock.on('error', reject);
    sock.on('message', (msg, rinfo) => {
      expect(rinfo.port).toBe(0);
      got.push(...types(msg));
      // NLMSG_ERROR (2) with error 0 is the ACK, after the RTM_NEWLINK (16).
      if (got.includes(2)) {
        sock.close();
        resolve({ port, got });
      }
    });
    sock.send(getLo(1), { port: 0 }, (err) => {
      if (err) reject(err);
    });
  });
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('the netlink binding', () => {
  it('is loaded from its prebuilt binary on this machine (glibc Linux, package as published)', () => {
    expect(prebuiltPath()).toMatch(/\/netlink\/prebuilds\/linux-[a-z0-9]+\/node\.napi\.node$/);
    loadRawSocket();
    expect(rawSocketLoader()).toBe('prebuilt');
  });

  it("leaves the choice to the package's loader when the environment could steer node-gyp-build elsewhere", () => {
    const path = prebuiltPath()!;
    process.env.npm_config_arch = process.arch;
    expect(prebuiltPath()).toBeUndefined();
    delete process.env.npm_config_arch;
    // The package's folder itself, so that node-gyp-build finds the same binary.
    process.env.NETLINK_PREBUILD = path.replace(/\/prebuilds\/.*$/, '');
    expect(prebuiltPath()).toBeUndefined();
    loadRawSocket();
    expect(rawSocketLoader()).toBe('package');
  });

  it.skipIf(!root)(`answers a GET of lo the same through either loader${needsRoot}`, async () => {
    const direct = loadRawSocket();
    expect(rawSocketLoader()).toBe('prebuilt');
    process.env.PREBUILDS_ONLY = '1';
    const viaPackage = loadRawSocket();
    expect(rawSocketLoader()).toBe('package');
    expect(viaPackage).not.toBe(direct);
    for (const Ctor of [direct, viaPackage]) {
      const { port, got } = await askLo(Ctor);
      expect(port).toBeGreaterThan(0);
      expect(got).toEqual([16, 2]);
    }
  });
});
