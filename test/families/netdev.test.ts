/**
 * The netdev family against the kernel, in a throwaway namespace:
 * `handle.netdev.devices()` lists the namespace's links (ip -j link's
 * ifindexes), `queues()` the queues sysfs lists, `napis()` the NAPI
 * instances a veth gets with GRO on (and their threaded mode and kthread,
 * as /proc names it), page pools, page-pool statistics and queue
 * statistics as far as the kernel answers for veths (empty dumps, or
 * EOPNOTSUPP without CONFIG_PAGE_POOL_STATS), the `mgmt` group's
 * notifications for a link made and removed; every message exchanged is
 * named and re-encodes to its bytes. Offline: the NLA_UINT and 64-bit
 * flag kinds on hand-made bytes. Namespaces `tsnl-t-netdev-<pid>-...`,
 * deleted in afterAll.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { nextEvent } from '../support/events.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorGeneric, open, type Handle } from '../../src/index.js';
import type { GenlEvent, GenlMonitorEvent } from '../../src/index.js';
import { toHex } from '../../src/bytes/hex.js';
import { genericProtocol } from '../../src/families/registry.js';
import { messageToJSON } from '../../src/netlink/json.js';
import { decodeMessage, decodeMessages, encodeMessage } from '../../src/netlink/message.js';
import { isKernelError } from '../../src/transport/errors.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { genericTap } from '../support/genl-oracle.js';
import { splitMessages } from '../support/fixtures.js';
import { Writer } from '../../src/bytes/writer.js';
import { sourceOf } from '../../src/schema/kind.js';
import { devAttrs, qstatsAttrs } from '../../src/families/netdev/attrs.js';
import { unnamedJSON } from '../support/named.js';

/** An attribute set's encoding of `attrs`, and its decoding of `bytes`. */
function encode(set: typeof qstatsAttrs, attrs: Record<string, unknown>): string {
  const w = new Writer();
  set.encode(w, attrs);
  return toHex(w.buf.subarray(0, w.length));
}
const decode = (set: typeof qstatsAttrs, hex: string) => {
  const b = Uint8Array.from(hex.match(/../g)!.map((x) => parseInt(x, 16)));
  return set.decode(sourceOf(b), 0, b.length);
};

describe('netdev value kinds', () => {
  it('NLA_UINT: 4 bytes while the value fits, 8 above; 8-byte small values kept as sent', () => {
    // NETDEV_A_QSTATS_RX_PACKETS (8) = 5, then RX_BYTES (9) = 2^40.
    expect(encode(qstatsAttrs, { rxPackets: 5, rxBytes: 2 ** 40 })).toBe('08000800' + '05000000' + '0c000900' + '0000000000010000');
    expect(decode(qstatsAttrs, '08000800' + '05000000' + '0c000900' + '0000000000010000')).toMatchObject({ rxPackets: 5, rxBytes: 2 ** 40 });
    expect(decode(qstatsAttrs, '0c000a00' + 'ffffffffffffffff').txPackets).toBe(2n ** 64n - 1n);
    const odd = decode(qstatsAttrs, '0c000800' + '0500000000000000');
    expect(odd.rxPackets).toBe(5);
    expect(encode(qstatsAttrs, odd)).toBe('0c000800' + '0500000000000000');
    expect(() => decode(qstatsAttrs, '06000800' + '0500' + '0000')).toThrow(/expected 4 or 8 bytes for NLA_UINT, got 2/);
  });

  it('64-bit feature masks name their bits, also above 2^53', () => {
    // NETDEV_A_DEV_XDP_FEATURES (3) = basic|redirect|rx_sg, and one with bit 63 set.
    const set = devAttrs as typeof qstatsAttrs;
    expect(set.json(decode(set, '0c000300' + '2300000000000000'))).toEqual({ NETDEV_A_DEV_XDP_FEATURES: ['NETDEV_XDP_ACT_BASIC', 'NETDEV_XDP_ACT_REDIRECT', 'NETDEV_XDP_ACT_RX_SG'] });
    expect(set.json(decode(set, '0c000300' + '0100000000000080'))).toEqual({ NETDEV_A_DEV_XDP_FEATURES: ['NETDEV_XDP_ACT_BASIC', '0x8000000000000000'] });
  });
});

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-netdev-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const handles: Handle[] = [];

/** `ip netns exec NS CMD...`'s stdout (throws when it fails). */
function inNs(ns: string, cmd: string[]): string {
  const r = spawnSync('ip', ['netns', 'exec', ns, ...cmd], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}


describe.skipIf(!run)(`netdev against the kernel${skipNote()}`, () => {
  let A: string;
  let h: Handle;
  let tap: ReturnType<typeof genericTap> & { all: { dir: string; bytes: Uint8Array }[] };
  const index = (name: string) => Number(ipJson(A, ['link', 'show', name])[0].ifindex);

  beforeAll(() => {
    A = nss.add('a');
    ip(['-n', A, 'link', 'add', 'v0', 'numtxqueues', '3', 'numrxqueues', '2', 'type', 'veth', 'peer', 'name', 'v1']);
    // Left down.
    ip(['-n', A, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1']);
    for (const l of ['v0', 'v1', 'lo']) ip(['-n', A, 'link', 'set', l, 'up']);
    const all: { dir: string; bytes: Uint8Array }[] = [];
    const g = genericTap();
    tap = {
      ...g,
      all,
      tap: (dir, d, info) => {
        if (info?.protocol === 16) all.push({ dir, bytes: Uint8Array.from(d) });
        g.tap(dir, d, info);
      },
    };
    h = open({ netns: A, tap: tap.tap });
    handles.push(h);
  });

  afterAll(async () => {
    await Promise.all(handles.map((x) => x.close()));
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it("devices() lists the namespace's devices, as ip -j link has them", async () => {
    const devices = await h.netdev.devices();
    const links = ipJson(A, ['link', 'show']) as { ifindex: number; ifname: string }[];
    expect(devices.map((d) => d.ifindex).sort((a, b) => a - b)).toEqual(links.map((l) => l.ifindex).sort((a, b) => a - b));
    // A veth does XDP (basic, redirect, multi-buffer) and gives XDP programs receive timestamps, hashes and VLAN tags; loopback does none of it.
    const v0 = devices.find((d) => d.ifindex === index('v0'))!;
    expect(v0.xdpFeatures).toEqual(expect.arrayContaining(['basic', 'redirect', 'rx_sg']));
    expect(v0.xdpRxMetadataFeatures).toEqual(['timestamp', 'hash', 'vlan_tag']);
    const lo = devices.find((d) => d.ifindex === index('lo'))!;
    expect([lo.xdpFeatures, lo.xdpRxMetadataFeatures, lo.xskFeatures]).toEqual([[], [], []]);
    // One device by index; a missing one is the kernel's ENODEV.
    const one = await h.netdev.device(index('v0'));
    expect(one.xdpFeatures).toEqual(v0.xdpFeatures);
    await expect(h.netdev.device(9999)).rejects.toMatchObject({ name: 'KernelError', code: 'ENODEV' });
  });

  it('queues() lists the queues sysfs lists (of devices that are up)', async () => {
    const sysfs = (l: string) => inNs(A, ['ls', `/sys/class/net/${l}/queues`]).split('\n').filter((x) => x !== '').sort();
    for (const l of ['v0', 'v1']) {
      const qs = await h.netdev.queues(index(l));
      expect(qs.map((q) => `${q.type}-${q.id}`).sort()).toEqual(sysfs(l));
      expect(new Set(qs.map((q) => q.ifindex))).toEqual(new Set([index(l)]));
    }
    const all = await h.netdev.queues();
    expect(all.length).toBe(sysfs('v0').length + sysfs('v1').length + (await h.netdev.queues(index('lo'))).length);
    // d0 is down: no queues listed.
    expect(await h.netdev.queues(index('d0'))).toEqual([]);
  });

  it('napis(): a veth with GRO on has one NAPI per receive queue, threaded as sysfs says, its kthread named by /proc', async () => {
    expect(await h.netdev.napis(index('v0'))).toEqual([]);
    inNs(A, ['ethtool', '-K', 'v0', 'gro', 'on']);
    let napis = await h.netdev.napis(index('v0'));
    expect(napis.length).toBe(2);
    for (const n of napis) expect([n.ifindex, n.threaded, n.pid]).toEqual([index('v0'), 'disabled', undefined]);
    inNs(A, ['sh', '-c', 'echo 1 > /sys/class/net/v0/threaded']);
    napis = await h.netdev.napis(index('v0'));
    for (const n of napis) {
      expect(n.threaded).toBe('enabled');
      expect(n.pid).toBeGreaterThan(0);
      expect(readFileSync(`/proc/${n.pid}/comm`, 'utf8').trim()).toBe(`napi/v0-${n.id}`);
    }
    expect((await h.netdev.napis()).filter((n) => n.ifindex === index('v0')).map((n) => n.id).sort()).toEqual(napis.map((n) => n.id).sort());
  });

  it('page pools and statistics: what the kernel answers for these devices', async () => {
    const ifindexes = new Set((ipJson(A, ['link', 'show']) as { ifindex: number }[]).map((l) => l.ifindex));
    for (const p of await h.netdev.pagePools()) expect(p.ifindex === undefined || p.ifindex === 0 || ifindexes.has(p.ifindex)).toBe(true);
    for (const q of await h.netdev.qstats()) expect(ifindexes.has(q.ifindex)).toBe(true);
    // The whole dump leaves out devices without statistics; asked for one of them, the kernel says EOPNOTSUPP.
    const perQueue = await h.netdev.qstats({ scope: 'queue', ifindex: index('v0') }).catch((e: unknown) => e);
    if (Array.isArray(perQueue)) for (const q of perQueue) expect(q.ifindex).toBe(index('v0'));
    else expect(isKernelError(perQueue, 'EOPNOTSUPP')).toBe(true);
    // Pool statistics need CONFIG_PAGE_POOL_STATS; without it the kernel says EOPNOTSUPP.
    const stats = await h.netdev.pagePoolStats().catch((e: unknown) => e);
    if (!Array.isArray(stats)) expect(isKernelError(stats, 'EOPNOTSUPP')).toBe(true);
    await expect(h.netdev.qstats({ scope: 'bogus' as 'queue' })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
  });

  it('every message exchanged is named and re-encodes to its bytes', async () => {
    await h.netdev.devices();
    const proto = genericProtocol();
    proto.learnFrom(tap.all.map((d) => d.bytes));
    const netdev = proto.idOf('netdev');
    const json = tap.all.flatMap((d) => decodeMessages(d.bytes, proto)).filter((m) => m.type === netdev).map((m) => messageToJSON(m, proto));
    expect(json.length).toBeGreaterThan(10);
    expect(unnamedJSON(json)).toEqual([]);
    const names = new Set(json.map((m) => (m.genlmsghdr as { cmd: string }).cmd));
    expect([...names].sort()).toEqual(['NETDEV_CMD_DEV_GET', 'NETDEV_CMD_NAPI_GET', 'NETDEV_CMD_PAGE_POOL_GET', 'NETDEV_CMD_PAGE_POOL_STATS_GET', 'NETDEV_CMD_QSTATS_GET', 'NETDEV_CMD_QUEUE_GET']);
    for (const d of tap.all) for (const bytes of splitMessages(d.bytes)) expect(toHex(encodeMessage(decodeMessage(bytes, proto), proto))).toBe(toHex(bytes));
  });

  it("the mgmt group announces a device made and removed, with ip's ifindex", async () => {
    const mon = monitorGeneric({ netns: A, family: 'netdev' });
    try {
      await mon.ready;
      ip(['-n', A, 'link', 'add', 'm0', 'type', 'veth', 'peer', 'name', 'm1']);
      const d1 = index('m1');
      const add = (await nextEvent(mon, (e) => e.type === 'genl' && e.command === 'NETDEV_CMD_DEV_ADD_NTF' && e.attrs.ifindex === d1)) as GenlEvent;
      expect([add.family, add.message.pid, add.message.seq]).toEqual(['netdev', 0, 0]);
      ip(['-n', A, 'link', 'del', 'm0']);
      const del = (await nextEvent(mon, (e) => e.type === 'genl' && e.command === 'NETDEV_CMD_DEV_DEL_NTF' && e.attrs.ifindex === d1)) as GenlEvent;
      expect(del.message.pid).toBe(0);
    } finally {
      mon.close();
    }
  }, 20_000);
});
