/**
 * The kernel fuzzer's parts without a kernel (safety, model, shrinking,
 * reproducers, seeds, the command line), and one short run against the
 * real kernel in its own throwaway namespace (root only; skipped with the
 * reason otherwise).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageArbitrary } from '../../src/arbitraries/index.js';
import { parseHex } from '../../src/bytes/hex.js';
import { runFuzz } from '../../src/cli/fuzz.js';
import { BIN } from '../support/oracle.js';
import { OP_FAMILIES } from '../../src/fuzz/safety.js';
import type { GlobalOptions } from '../../src/cli/options.js';
import { decodeMessages, encodeMessage, type Message } from '../../src/netlink/message.js';
import { runKernelFuzzer } from '../../src/fuzz/kernel-fuzzer.js';
import { maskAddress, Model } from '../../src/fuzz/model.js';
import { OpGenerator } from '../../src/fuzz/ops.js';
import { checkKernelDatagram } from '../../src/fuzz/properties.js';
import { writeRepro } from '../../src/fuzz/repro.js';
import { opSeed, Rng } from '../../src/fuzz/rng.js';
import { stripForbidden, unsafeBytes, unsafeReason } from '../../src/fuzz/safety.js';
import { removeSpan, shrinkBytes } from '../../src/fuzz/shrink.js';
import { lengthFields } from '../../src/fuzz/mutate.js';
import { RTM } from '../../src/rtnl/constants.js';
import { rtnetlink } from '../../src/families/registry.js';
import { kernelSkipReason } from '../netns/support.js';
import { cleanFuzzRun } from '../support/fuzz-run.js';

const G: GlobalOptions = { json: false, pretty: false, details: false, explain: false, force: false };

function newlink(attrs: Record<string, unknown>): Message {
  return { type: RTM.RTM_NEWLINK, flags: 0, seq: 0, pid: 0, header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs };
}

describe('safety', () => {
  it('strips namespace-pointing attributes at any depth, the veth peer included', () => {
    const m = newlink({ ifname: 'a', netNsFd: 3, targetNetnsid: 1, linkinfo: { kind: 'veth', data: { peer: { header: {}, attrs: { ifname: 'b', netNsPid: 1, linkNetnsid: 0 } } } } });
    expect(stripForbidden(m, rtnetlink)).toBe(4);
    expect(m.attrs).toEqual({ ifname: 'a', linkinfo: { kind: 'veth', data: { peer: { header: {}, attrs: { ifname: 'b' } } } } });
    expect(unsafeReason(m, rtnetlink)).toBeUndefined();
  });

  it('refuses what the generator should never produce', () => {
    expect(unsafeReason(newlink({ netNsFd: 3 }), rtnetlink)).toMatch(/IFLA_NET_NS_FD/);
    expect(unsafeReason(newlink({ linkinfo: { kind: 'bond' } }), rtnetlink)).toMatch(/IFLA_INFO_KIND "bond" is not one of veth, bridge, macvlan, vxlan, ifb/);
    expect(unsafeReason(newlink({ linkinfo: { kind: 'vxlan', data: { group: '8.8.8.8' } } }), rtnetlink)).toMatch(/outside 198.18.0.0\/15/);
    const addr = (prefixlen: number, local: string): Message => ({ type: RTM.RTM_NEWADDR, flags: 0, seq: 0, pid: 0, header: { family: 2, prefixlen, flags: 0, scope: 0, index: 1 }, attrs: { local } });
    expect(unsafeReason(addr(24, '198.18.0.1'), rtnetlink)).toBeUndefined();
    expect(unsafeReason(addr(24, '10.0.0.1'), rtnetlink)).toMatch(/outside/);
    expect(unsafeReason(addr(8, '198.18.0.1'), rtnetlink)).toMatch(/wider than the documentation ranges/);
    const route = (dst: string | undefined, dstLen: number): Message => ({ type: RTM.RTM_NEWROUTE, flags: 0, seq: 0, pid: 0, header: { family: 10, dstLen, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0 }, attrs: dst ? { dst } : {} });
    expect(unsafeReason(route('2001:db8:1::', 48), rtnetlink)).toBeUndefined();
    expect(unsafeReason(route(undefined, 0), rtnetlink)).toMatch(/wider/);
    expect(unsafeReason(route('2001:db8::', 16), rtnetlink)).toMatch(/wider/);
    expect(unsafeReason({ type: RTM.RTM_NEWNSID, flags: 0, seq: 0, pid: 0, header: { family: 0 }, attrs: { fd: 3 } }, rtnetlink)).toMatch(/not one the fuzzer sends/);
    expect(unsafeBytes(encodeMessage(newlink({ ifname: 'x', netNsPid: 1 }), rtnetlink), rtnetlink)).toMatch(/IFLA_NET_NS_PID/);
  });

  it('every generated operation passes the safety check once stripped', async () => {
    const gen = await OpGenerator.create(['link', 'addr', 'route']);
    const model = new Model();
    for (const name of ['fz1', 'fz2', 'fz3']) model.addLink(name, 'veth');
    model.learnIndex('fz1', 2);
    model.learnIndex('fz2', 3);
    let unsafe = 0;
    for (let i = 0; i < 600; i++) {
      const op = gen.next(i, new Rng(opSeed(5, i)), model);
      stripForbidden(op.msg, rtnetlink);
      if (unsafeReason(op.msg, rtnetlink) !== undefined) unsafe++;
      // Whatever the generator makes, the codec can encode.
      expect(() => encodeMessage({ ...op.msg, flags: op.msg.flags | 5 }, rtnetlink)).not.toThrow();
    }
    expect(unsafe).toBe(0);
  });
});

describe('seeds', () => {
  it('operation i of seed s is the same whatever ran before it', async () => {
    const gen = await OpGenerator.create(['link', 'addr', 'route']);
    const a = gen.next(17, new Rng(opSeed(42, 17)), new Model());
    const b = (await OpGenerator.create(['link', 'addr', 'route'])).next(17, new Rng(opSeed(42, 17)), new Model());
    expect(encodeMessage(a.msg, rtnetlink)).toEqual(encodeMessage(b.msg, rtnetlink));
    expect(opSeed(42, 17)).not.toBe(opSeed(42, 18));
    expect(opSeed(42, 17)).not.toBe(opSeed(43, 17));
  });
});

describe('model', () => {
  const link = (index: number, ifname: string, kind?: string, lower?: number): Message => ({
    type: RTM.RTM_NEWLINK,
    flags: 0,
    seq: 0,
    pid: 0,
    header: { family: 0, type: 1, index, flags: 0, change: 0 },
    attrs: { ifname, ...(lower !== undefined ? { link: lower } : {}), ...(kind ? { linkinfo: { kind } } : {}) },
  });

  it('a veth deleted takes its peer, a macvlan goes with its lower device: explained, not anomalies', () => {
    const m = new Model();
    m.addLink('a', 'veth', ['b']);
    m.addLink('b', 'veth', ['a']);
    m.addLink('c', 'macvlan', ['b']);
    m.addLink('d', 'bridge');
    m.deleteLink('a');
    const r = m.check([link(1, 'lo'), link(5, 'd', 'bridge')], [], []);
    expect(r.discrepancies).toEqual([]);
    expect([...m.links.keys()]).toEqual(['d']);
  });

  it('a link that vanished for no reason is a discrepancy', () => {
    const m = new Model();
    m.addLink('a', 'bridge');
    expect(m.check([link(1, 'lo')], [], []).discrepancies.map((d) => d.kind)).toEqual(['link-missing']);
  });

  it('addresses go with their link changes; routes with any change; dependencies come from the dumps', () => {
    const m = new Model();
    m.check([link(1, 'lo'), link(2, 'x', 'veth', 3), link(3, 'y', 'veth', 2)], [], []);
    expect([...m.links.get('x')!.deps]).toEqual(['y']);
    m.addAddr({ link: 'x', family: 6, local: '2001:db8::1', prefixlen: 64, expiring: false });
    m.addRoute({ family: 6, table: 254, dst: '2001:db8:1::', dstLen: 48, expiring: false });
    m.touch('x'); // e.g. set down: IPv6 addresses and routes may go
    expect(m.check([link(1, 'lo'), link(2, 'x', 'veth', 3), link(3, 'y', 'veth', 2)], [], []).discrepancies).toEqual([]);
    m.addAddr({ link: 'x', family: 4, local: '198.18.0.1', prefixlen: 24, expiring: false });
    expect(m.check([link(1, 'lo'), link(2, 'x', 'veth', 3), link(3, 'y', 'veth', 2)], [], []).discrepancies.map((d) => d.kind)).toEqual(['addr-missing']);
  });

  it('maskAddress keeps the network part', () => {
    expect(maskAddress('198.18.77.5', 16)).toBe('198.18.0.0');
    expect(maskAddress('2001:db8:1:2::5', 48)).toBe('2001:db8:1::');
    expect(maskAddress('198.18.0.1', 0)).toBe('');
  });
});

describe('shrinking and reproducers', () => {
  it('removeSpan fixes every enclosing length; shrinkBytes keeps the failing part only', () => {
    const m = encodeMessage(newlink({ ifname: 'keep', mtu: 1500, txqlen: 7, linkinfo: { kind: 'veth', data: { peer: { header: {}, attrs: { ifname: 'p', mtu: 9000 } } } } }), rtnetlink);
    // "Fails" while the peer's IFLA_MTU 9000 is there.
    const fails = (b: Uint8Array) => {
      const [d] = decodeMessages(b, rtnetlink);
      return d?.attrs?.linkinfo?.data?.peer?.attrs?.mtu === 9000;
    };
    const small = shrinkBytes(m, rtnetlink, fails);
    expect(fails(small)).toBe(true);
    expect(small.length).toBeLessThan(m.length);
    const [d] = decodeMessages(small, rtnetlink);
    expect(d!.attrs).toEqual({ linkinfo: { kind: 'veth', data: { peer: { header: expect.any(Object), attrs: { mtu: 9000 } } } } });
    expect(checkKernelDatagram(small, rtnetlink)).toBeUndefined();
    const f = lengthFields(m, rtnetlink).find((x) => x.path === 'IFLA_MTU')!;
    expect(() => decodeMessages(removeSpan(m, { start: f.offset, end: f.offset + 8 }, lengthFields(m, rtnetlink)), rtnetlink)).not.toThrow();
  });

  it('a reproducer is plain hex that tsip decode reads, with a JSON twin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsnl-repro-'));
    try {
      const bytes = encodeMessage(newlink({ ifname: 'x' }), rtnetlink);
      const path = writeRepro(dir, 'case-1', { seed: 7, op: 3, label: 'newlink:veth', property: 'kernel-reencode', detail: 'test', bytes, request: bytes }, rtnetlink);
      expect(parseHex(readFileSync(path, 'utf8'))).toEqual(bytes);
      const doc = JSON.parse(readFileSync(path.replace(/\.hex$/, '.json'), 'utf8'));
      expect(doc).toMatchObject({ seed: 7, op: 3, property: 'kernel-reencode', rerun: 'tsip fuzz --seed 7 --runs 4' });
      expect(doc.decoded[0].attributes.IFLA_IFNAME).toBe('x');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tsip fuzz', () => {
  it('usage errors', async () => {
    await expect(runFuzz(['--runs', 'x'], G)).rejects.toThrow(/--runs expects an integer/);
    // The list is the registry's, in its order.
    await expect(runFuzz(['--ops', 'link,bogus'], G)).rejects.toThrow(`--ops expects a list of ${OP_FAMILIES.join(', ')}, got "link,bogus"`);
    expect(OP_FAMILIES.slice(0, 4)).toEqual(['link', 'addr', 'route', 'neigh']);
    await expect(runFuzz(['--frobnicate'], G)).rejects.toThrow(/unknown argument/);
    await expect(runFuzz([], { ...G, netns: 'x' })).rejects.toThrow(/makes its own namespace/);
  });

  it('--offline runs the codec properties', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsnl-off-'));
    try {
      // Only the categories no known bug reaches (see docs/fuzz-findings.md).
      const { runOfflineFuzz } = await import('../../src/fuzz/offline.js');
      const r = await runOfflineFuzz({ cases: 700, seed: 3, reproDir: dir, only: ['round-trip', 'refuse-out-of-range', 'datagram-groupings'] });
      expect(r.cases).toBe(700);
      expect(r.violations).toEqual([]);
      // The command itself, as a user runs it (it writes to fd 1).
      const cmd = spawnSync(process.execPath, [BIN, 'fuzz', '--offline', '--runs', '50', '--seed', '1', '--out', dir], { encoding: 'utf8', timeout: 30_000 });
      expect(cmd.stdout).toMatch(/offline fuzz, seed 1: 50 cases/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe.skipIf(kernelSkipReason !== undefined)(`against the kernel${kernelSkipReason ? ` (${kernelSkipReason})` : ''}`, () => {
  it('300 operations: every answer decodes and re-encodes, one final per request, the model holds, nothing left behind', async () => {
    const r = await cleanFuzzRun(runKernelFuzzer, { runs: 300, seed: 20261129, checkEvery: 100, netns: `tsnl-t-fuzz-${process.pid}` });
    expect(r.stats.acks).toBeGreaterThan(50);
    expect(r.stats.errors).toBeGreaterThan(10);
    expect(r.stats.notifications).toBeGreaterThan(50);
    expect(r.stats.modelChecks).toBeGreaterThanOrEqual(3);
  }, 60_000);
});

describe('generated requests encode, for the fuzzer as for users', () => {
  it('messageArbitrary with the fuzzer options', () => {
    fc.assert(
      fc.property(messageArbitrary(rtnetlink, 'RTM_NEWLINK', { kernelValid: true, maxAttrs: 3, selectors: { IFLA_INFO_KIND: 'veth' }, require: ['IFLA_LINKINFO', 'VETH_INFO_PEER'], exclude: ['IFLA_NET_NS_FD'] }), (m) => {
        expect(() => encodeMessage(m, rtnetlink)).not.toThrow();
      }),
      { numRuns: 30 },
    );
  });
});
