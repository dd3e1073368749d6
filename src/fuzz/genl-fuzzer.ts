/**
 * The generic netlink kernel fuzzer behind `tsip fuzz --protocol generic`:
 * requests to every registered generic family (ethtool, netdev, mptcp_pm,
 * tcp_metrics, nlctrl... see genl-ops.ts) against the real kernel, in a
 * throwaway namespace (`tsnl-gfuzz-<pid>`), every answer checked by the
 * shared run (kernel-fuzzer-run.ts) as the rtnetlink fuzzer's are.
 *
 * - The namespace gets devices for the requests to name: lo, a veth pair
 *   (one end in a bridge), a bridge, a macvlan on the other end and a
 *   VXLAN, up, with addresses from 198.18.0.0/15 and 2001:db8::/32; made
 *   through the library's own handle on the namespace.
 * - The requests go through a NETLINK_GENERIC socket made inside it; the
 *   families' ids are resolved on that socket with the controller's
 *   answers (a CTRL_CMD_GETFAMILY dump, checked like every answer), and a
 *   second socket joins every multicast group of the fuzzed families, so
 *   their notifications are checked too.
 * - The policies the kernel checks each command's do and dump with
 *   (CTRL_CMD_GETPOLICY) are read at setup: valid requests keep to them.
 * - The periodic check: the families' ids are the same (a dump of the
 *   controller again), and the namespace's devices are all there.
 */
import { open, type Handle } from '../api/handle.js';
import { genericProtocol } from '../families/registry.js';
import { GENL_OP_FLAGS } from '../families/nlctrl/attrs.js';
import { nlctrlFamily } from '../families/nlctrl/family.js';
import { GenlClient, familyInfo, type GenlFamilyInfo } from '../transport/genl-client.js';
import { GENL_ID_CTRL, NETLINK_GENERIC } from '../genl/constants.js';
import { encodeMessage, type Message } from '../netlink/message.js';
import { NLM_F_ACK, NLM_F_REQUEST } from '../core/constants.js';
import type { FuzzResult } from './kernel-fuzzer-report.js';
import { runFuzzTarget, type FuzzRunOptions, type FuzzTarget, type RunEnv } from './kernel-fuzzer-run.js';
import { GENL_OP_FAMILIES, GenlOpGenerator, loadGenlFamilies, type GenlFuzzFamily, type GenlWorld, type KernelFamily } from './genl-ops.js';
import { GenlSafety } from './genl-safety.js';
import type { Op } from './ops.js';
import type { Rng } from './rng.js';

/** Options of {@link runGenlFuzzer}. */
export interface GenlFuzzOptions extends FuzzRunOptions {
  /** Generic families to send to, by controller name (default every registered one: {@link GENL_OP_FAMILIES}). */
  ops?: readonly string[];
}

/** The devices made in the namespace (besides lo). */
export const GENL_FUZZ_DEVICES = ['gfz0', 'gfz1', 'gfzbr0', 'gfzmv0', 'gfzvx0'] as const;

type Policies = NonNullable<KernelFamily['policies']>;

/**
 * The policies of family `f`'s commands (CTRL_CMD_GETPOLICY). The kernel
 * lists a dump-only command's policy under command 0 (it names the op by
 * its do handler's command, zero when there is none: `genl ctrl policy`
 * prints "op 0" too), so each such command is asked for alone, and its
 * policies added after the family's with their indexes moved.
 */
async function kernelPolicies(h: Handle, f: GenlFamilyInfo, note: (s: string) => void): Promise<Policies> {
  const all = await h.genl.policies(f.name);
  const policies: Record<number, Policies['policies'][number]> = { ...all.policies };
  const ops: Record<number, { do?: number; dump?: number }> = { ...all.ops };
  if (ops[0] !== undefined && !f.ops.some((o) => o.id === 0)) {
    note(`kernel: CTRL_CMD_GETPOLICY lists ${f.name}'s dump-only commands' policies under command 0, which it does not have`);
    delete ops[0];
  }
  for (const op of f.ops) {
    if (ops[op.id] !== undefined || (op.flags & GENL_OP_FLAGS.GENL_CMD_CAP_DUMP) === 0) continue;
    const one = await h.genl.policies(f.name, op.id);
    const base = Math.max(-1, ...Object.keys(policies).map(Number)) + 1;
    for (const [i, p] of Object.entries(one.policies)) {
      policies[base + Number(i)] = Object.fromEntries(Object.entries(p).map(([t, pol]) => [t, typeof pol.policyIdx === 'number' ? { ...pol, policyIdx: base + pol.policyIdx } : pol]));
    }
    const dump = Object.values(one.ops)[0]?.dump;
    if (dump !== undefined) ops[op.id] = { dump: base + dump };
  }
  return { policies, ops };
}

/** Generic netlink's operations and checks, for the shared run. */
class GenericTarget implements FuzzTarget {
  readonly protocol = genericProtocol();
  readonly socketProtocol = NETLINK_GENERIC;
  readonly netnsPrefix = 'tsnl-gfuzz';
  readonly command = 'tsip fuzz --protocol generic';
  private families: GenlFuzzFamily[] = [];
  private gen?: GenlOpGenerator;
  private safety?: GenlSafety;
  private handle?: Handle;
  /** Family ids as the setup found them. */
  private readonly ids = new Map<string, number>();

  constructor(private readonly names: readonly string[]) {}

  async prepare(): Promise<void> {
    this.families = await loadGenlFamilies(this.names);
  }

  async setup(env: RunEnv): Promise<readonly number[]> {
    const h = (this.handle = open({ netns: env.netns }));
    const [veth0, veth1, bridge, macvlan, vxlan] = GENL_FUZZ_DEVICES;
    await h.links.set('lo', { up: true });
    await h.links.add({ kind: 'bridge', name: bridge, up: true });
    await h.links.add({ kind: 'veth', name: veth0, peer: { name: veth1 }, master: bridge, up: true });
    await h.links.set(veth1, { up: true });
    await h.links.add({ kind: 'macvlan', name: macvlan, link: veth1, mode: 'bridge', up: true });
    await h.links.add({ kind: 'vxlan', name: vxlan, vxlan: { id: 42, port: 4789, local: '198.18.0.1' }, up: true });
    await h.addresses.add('198.18.0.1/24', veth1);
    await h.addresses.add('198.18.1.1/24', bridge);
    await h.addresses.add('2001:db8::1/64', bridge, { nodad: true });
    const devices = (await h.links.list()).map((l) => ({ index: l.index, name: l.name }));

    const infos = await this.kernelFamilies(env);
    const known = new Set(infos.map((f) => f.name));
    for (const f of this.families) if (!known.has(f.def.name)) env.log(`generic family ${f.def.name} is not in this kernel; not fuzzed`);
    const fuzzed = this.families.filter((f) => known.has(f.def.name));
    const families: KernelFamily[] = [];
    for (const f of infos) {
      if (!fuzzed.some((x) => x.def.name === f.name)) {
        families.push({ name: f.name, id: f.id, ops: f.ops });
        continue;
      }
      this.ids.set(f.name, f.id);
      // What the kernel accepts in each command's do and dump: valid requests keep to it.
      const policies = await kernelPolicies(h, f, (s) => env.report.note(s)).catch((e) => env.log(`no policies for ${f.name}: ${(e as Error).message}`));
      families.push({ name: f.name, id: f.id, ops: f.ops, ...(policies ? { policies } : {}) });
    }
    const world: GenlWorld = { proto: this.protocol, devices, families };
    this.gen = new GenlOpGenerator(fuzzed, world);
    this.safety = new GenlSafety(this.protocol, fuzzed, world);
    env.log(`fuzzing ${fuzzed.map((f) => `${f.def.name} (id ${f.def.name === 'nlctrl' ? GENL_ID_CTRL : this.ids.get(f.def.name)}, ${f.commands.length} commands)`).join(', ')} against ${devices.length} devices`);
    // Every multicast group of the fuzzed families.
    const groups = infos.filter((f) => this.ids.has(f.name)).flatMap((f) => f.groups.map((g) => g.id));
    return groups;
  }

  /** The controller's families (a dump through the watched socket), ids learned. */
  private async kernelFamilies(env: RunEnv): Promise<GenlFamilyInfo[]> {
    const msg = await new GenlClient(env.conn, this.protocol).message(nlctrlFamily, 'CTRL_CMD_GETFAMILY');
    const replies = await env.dumpAll(msg, 'ctrl:families');
    return replies.filter((m) => m.type === GENL_ID_CTRL).map((m) => (this.protocol.learn(m), familyInfo(m)));
  }

  next(id: number, rng: Rng): Op {
    return this.gen!.next(id, rng);
  }

  screen(op: Op): string | undefined {
    const safety = this.safety!;
    if (op.msg.payload === undefined) {
      safety.strip(op.msg);
      const why = safety.reason(op.msg);
      if (why !== undefined) return why;
    }
    return safety.bytesReason(encodeMessage({ ...op.msg, flags: op.msg.flags | NLM_F_REQUEST | NLM_F_ACK }, this.protocol));
  }

  notified(m: Message): void {
    // A family that goes or comes back: its id as the controller says.
    this.protocol.learn(m);
  }

  async check(env: RunEnv): Promise<void> {
    const { report } = env;
    for (const f of await this.kernelFamilies(env)) {
      const was = this.ids.get(f.name);
      if (was !== undefined && was !== f.id) report.anomaly('family-id-changed', `after op ${report.stats.ops}: ${f.name} is id ${f.id}, was ${was}`);
    }
    const names = new Set((await this.handle!.links.list()).map((l) => l.name));
    for (const d of GENL_FUZZ_DEVICES) if (!names.has(d)) report.anomaly('link-missing', `after op ${report.stats.ops}: device ${d} is gone`);
  }

  async teardown(): Promise<void> {
    await this.handle?.close();
  }
}

/** Runs the generic netlink kernel fuzzer; see the module comment. Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN). */
export async function runGenlFuzzer(o: GenlFuzzOptions = {}): Promise<FuzzResult> {
  return runFuzzTarget(new GenericTarget(o.ops && o.ops.length ? o.ops : GENL_OP_FAMILIES), o);
}
