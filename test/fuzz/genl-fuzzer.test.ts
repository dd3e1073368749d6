/**
 * The generic netlink fuzzer's parts without a kernel (the families it
 * takes from the registry, the safety check, the operations, the kernel
 * policies it keeps to, the command line), and one short run against the
 * real kernel in its own throwaway namespace (root only; skipped with the
 * reason otherwise).
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../src/cli/fuzz.js';
import type { GlobalOptions } from '../../src/cli/options.js';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../src/core/constants.js';
import { ethtoolFamily } from '../../src/families/ethtool/family.js';
import { GENERIC_UNITS, genericProtocol } from '../../src/families/registry.js';
import { runGenlFuzzer } from '../../src/fuzz/genl-fuzzer.js';
import { acceptedNames, GENL_OP_FAMILIES, GenlOpGenerator, loadGenlFamilies, type GenlWorld } from '../../src/fuzz/genl-ops.js';
import { GenlSafety } from '../../src/fuzz/genl-safety.js';
import { opSeed, Rng } from '../../src/fuzz/rng.js';
import { commandOf } from '../../src/genl/family.js';
import { encodeMessage, type Message } from '../../src/netlink/message.js';
import { kernelSkipReason } from '../netns/support.js';
import { cleanFuzzRun } from '../support/fuzz-run.js';

const G: GlobalOptions = { json: false, pretty: false, details: false, explain: false, force: false };

/** A world without a kernel: ids bound by hand, three devices, the families the controller would list. */
function fakeWorld(): GenlWorld {
  const proto = genericProtocol();
  const ids: Record<string, number> = { ethtool: 0x14, netdev: 0x15, mptcp_pm: 0x16, tcp_metrics: 0x17 };
  for (const [name, id] of Object.entries(ids)) proto.bind(name, id);
  return {
    proto,
    devices: [
      { index: 1, name: 'lo' },
      { index: 2, name: 'gfz0' },
      { index: 3, name: 'gfz1' },
    ],
    families: [{ name: 'nlctrl', id: 0x10, ops: [{ id: 3, flags: 0xe }, { id: 10, flags: 0xc }] }, ...Object.entries(ids).map(([name, id]) => ({ name, id }))],
  };
}

function request(world: GenlWorld, family: string, cmd: string, attrs: Record<string, unknown>): Message {
  const def = GENERIC_UNITS.find((u) => u.genl.name === family)!.genl;
  return { type: world.proto.idOf(family)!, flags: NLM_F_REQUEST, seq: 0, pid: 0, header: { cmd: commandOf(def, cmd), version: def.version, reserved: 0 }, attrs };
}

describe('families', () => {
  it('are every registered generic family, each with its request commands less the forbidden ones', async () => {
    expect(GENL_OP_FAMILIES).toEqual(GENERIC_UNITS.map((u) => u.genl.name));
    expect(GENL_OP_FAMILIES).toEqual(expect.arrayContaining(['nlctrl', 'ethtool', 'netdev', 'mptcp_pm']));
    const fams = await loadGenlFamilies();
    const by = (n: string) => fams.find((f) => f.def.name === n)!;
    expect(by('nlctrl').commands.map((c) => c.name)).toEqual(['CTRL_CMD_GETFAMILY', 'CTRL_CMD_GETPOLICY']);
    const ethtool = by('ethtool').commands.map((c) => c.name);
    expect(ethtool).toContain('ETHTOOL_MSG_FEATURES_SET');
    expect(ethtool).not.toContain('ETHTOOL_MSG_MODULE_FW_FLASH_ACT');
    expect(ethtool).not.toContain('ETHTOOL_MSG_FEATURES_GET_REPLY');
    expect(by('netdev').commands.map((c) => c.name)).not.toEqual(expect.arrayContaining(['NETDEV_CMD_BIND_RX']));
    // Named like an fd, a pid or a namespace id: never sent, whatever the rules say.
    expect([...by('netdev').forbidden]).toEqual(expect.arrayContaining(['NETDEV_A_NAPI_PID']));
    await expect(loadGenlFamilies(['nl80211-not-here'])).rejects.toThrow(/no generic family "nl80211-not-here"/);
  });
});

describe('safety', () => {
  it('refuses what reaches outside the namespace, checked on the message and on its bytes', async () => {
    const world = fakeWorld();
    const safety = new GenlSafety(world.proto, await loadGenlFamilies(), world);
    const fw = request(world, 'ethtool', 'ETHTOOL_MSG_MODULE_FW_FLASH_ACT', { header: { devIndex: 2 }, fileName: 'x.bin' });
    expect(safety.reason(fw)).toMatch(/command 44 of ethtool is not one the fuzzer sends/);
    expect(safety.bytesReason(encodeMessage(fw, world.proto))).toMatch(/not one the fuzzer sends/);
    const bind = request(world, 'netdev', 'NETDEV_CMD_BIND_RX', { ifindex: 2, fd: 3 });
    expect(safety.reason(bind)).toMatch(/command 13 of netdev/);
    // A mutation that turns an allowed command into the firmware flash is seen on the bytes.
    const ok = request(world, 'ethtool', 'ETHTOOL_MSG_LINKINFO_GET', { header: { devIndex: 2 } });
    expect(safety.reason(ok)).toBeUndefined();
    const bytes = encodeMessage({ ...ok, flags: NLM_F_REQUEST | NLM_F_ACK }, world.proto);
    bytes[16] = commandOf(ethtoolFamily, 'ETHTOOL_MSG_MODULE_FW_FLASH_ACT');
    expect(safety.bytesReason(bytes)).toMatch(/command 44 of ethtool/);
    // A family name the kernel lacks would make the controller ask for a module.
    expect(safety.reason(request(world, 'nlctrl', 'CTRL_CMD_GETFAMILY', { familyName: 'ethtool' }))).toBeUndefined();
    expect(safety.reason(request(world, 'nlctrl', 'CTRL_CMD_GETFAMILY', { familyName: 'nl80211' }))).toMatch(/CTRL_ATTR_FAMILY_NAME = nl80211 is not a genl-family-name/);
    // Addresses from the documentation ranges only.
    expect(safety.reason(request(world, 'tcp_metrics', 'TCP_METRICS_CMD_DEL', { addrIpv4: '198.18.0.9' }))).toBeUndefined();
    expect(safety.reason(request(world, 'tcp_metrics', 'TCP_METRICS_CMD_DEL', { addrIpv4: '10.0.0.1' }))).toMatch(/outside 198.18.0.0\/15/);
    // Unknown attribute types only up to one past the set's last.
    expect(safety.reason(request(world, 'tcp_metrics', 'TCP_METRICS_CMD_GET', { '#14': { type: 14, flags: 0, bytes: new Uint8Array(4) } }))).toBeUndefined();
    expect(safety.reason(request(world, 'tcp_metrics', 'TCP_METRICS_CMD_GET', { '#99': { type: 99, flags: 0, bytes: new Uint8Array(4) } }))).toMatch(/type 99 is unknown and past/);
    // Not a fuzzed family at all.
    expect(safety.reason({ ...ok, type: 0x99 })).toMatch(/not a family the fuzzer sends to/);
    // Stripping takes the forbidden attributes out.
    const strip = request(world, 'netdev', 'NETDEV_CMD_NAPI_GET', { ifindex: 2, pid: 1 });
    expect(safety.strip(strip)).toBe(1);
    expect(strip.attrs).toEqual({ ifindex: 2 });
  });
});

describe('operations', () => {
  it('are the same for the same seed and index, encode, and pass the safety check or say why not', async () => {
    const world = fakeWorld();
    const fams = await loadGenlFamilies();
    const gen = new GenlOpGenerator(fams, world);
    const safety = new GenlSafety(world.proto, fams, world);
    const seen = new Set<string>();
    const variants: Record<string, number> = {};
    let sent = 0;
    for (let i = 0; i < 600; i++) {
      const op = gen.next(i, new Rng(opSeed(9, i)));
      seen.add(op.family);
      variants[op.variant!] = (variants[op.variant!] ?? 0) + 1;
      const bytes = encodeMessage({ ...op.msg, flags: op.msg.flags | NLM_F_ACK }, world.proto);
      if (op.msg.payload === undefined) {
        safety.strip(op.msg);
        if (safety.reason(op.msg) === undefined && safety.bytesReason(bytes) === undefined) sent++;
      } else if (safety.bytesReason(bytes) === undefined) sent++;
    }
    expect([...seen].sort()).toEqual(['ethtool', 'mptcp_pm', 'netdev', 'nlctrl', 'tcp_metrics']);
    expect(variants.valid).toBeGreaterThan(400);
    expect(variants.wild).toBeGreaterThan(20);
    expect(variants.mutated).toBeGreaterThan(20);
    expect(sent).toBeGreaterThan(540);
    const again = new GenlOpGenerator(fams, world).next(77, new Rng(opSeed(9, 77)));
    expect(encodeMessage(again.msg, world.proto)).toEqual(encodeMessage(new GenlOpGenerator(fams, world).next(77, new Rng(opSeed(9, 77))).msg, world.proto));
  });

  it('valid requests keep to the kernel policy of their do or dump', () => {
    const features = ethtoolFamily.commands.find((c) => c.name === 'ETHTOOL_MSG_FEATURES_SET')!;
    // As the kernel dumps FEATURES_SET's: the header nest (policy 1, up to type 3), and WANTED, a nest parsed later.
    const pols = { policies: { 0: { 1: { type: 13, policyIdx: 1, policyMaxtype: 3 }, 3: { type: 13 } }, 1: { 1: { type: 4 }, 2: { type: 12 } } }, ops: { 12: { do: 0 } } };
    const ok = acceptedNames(features.attrs, pols, 0)!;
    expect([...ok]).toEqual(expect.arrayContaining(['ETHTOOL_A_FEATURES_HEADER', 'ETHTOOL_A_HEADER_DEV_INDEX', 'ETHTOOL_A_HEADER_FLAGS', 'ETHTOOL_A_FEATURES_WANTED', 'ETHTOOL_A_BITSET_BIT_NAME']));
    expect(ok.has('ETHTOOL_A_FEATURES_HW')).toBe(false);
    expect(ok.has('ETHTOOL_A_HEADER_PHY_INDEX')).toBe(false);
    expect(acceptedNames(features.attrs, pols, 5)).toBeUndefined();
  });
});

describe('tsip fuzz --protocol generic', () => {
  it('usage errors name the generic families', async () => {
    await expect(runFuzz(['--protocol', 'generic', '--ops', 'ethtool,bogus'], G)).rejects.toThrow(`--ops expects a list of ${GENL_OP_FAMILIES.join(', ')}, got "ethtool,bogus"`);
    await expect(runFuzz(['--ops', 'ethtool', '--protocol', 'route'], G)).rejects.toThrow(/--ops expects a list of link, addr/);
    await expect(runFuzz(['--protocol', 'xfrm'], G)).rejects.toThrow(/--protocol expects route or generic, got "xfrm"/);
  });
});

describe.skipIf(kernelSkipReason !== undefined)(`against the kernel${kernelSkipReason ? ` (${kernelSkipReason})` : ''}`, () => {
  it('400 operations to every generic family: every answer decodes and re-encodes, one final per request, nothing left behind', async () => {
    const r = await cleanFuzzRun(runGenlFuzzer, { runs: 400, seed: 20261203, checkEvery: 150, netns: `tsnl-t-gfuzz-${process.pid}` });
    expect(r.stats.acks).toBeGreaterThan(60);
    expect(r.stats.errors).toBeGreaterThan(60);
    expect(Object.keys(r.stats.extAcks).length).toBeGreaterThan(5);
    expect(r.stats.opKinds.mutated).toBeGreaterThan(5);
    // Every family got requests, and some of each were answered.
    const labels = Object.entries(r.stats.byOp);
    for (const prefix of ['CTRL_CMD_', 'ETHTOOL_MSG_', 'NETDEV_CMD_', 'MPTCP_PM_CMD_', 'TCP_METRICS_CMD_']) {
      expect(labels.filter(([k, v]) => k.startsWith(prefix) && v.ack > 0).length, prefix).toBeGreaterThan(0);
    }
    expect(r.stats.modelChecks).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
