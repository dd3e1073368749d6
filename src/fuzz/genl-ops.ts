/**
 * The generic netlink fuzzer's operations, taken from whatever generic
 * families the registry declares (`GENERIC_UNITS`), so the fuzzer grows
 * with them. A family's requests are its commands of direction `request`
 * or `both` (those its fuzz rules name, when they do; its GET commands
 * alone when it has no rules), less the forbidden ones.
 *
 * Operation `i` of seed `s` is, drawn from its own stream: a family (by
 * the square root of its number of commands), one of its commands, do or dump (as the kernel offers them: a command it
 * answers both ways is dumped 4 times in 10, one way 3 times in 100 the
 * other), and one of three variants:
 * - `valid` (8 in 10): attributes drawn from the command's attribute set
 *   by the declarations' arbitraries with kernel-valid values, sparse
 *   (at most 3 per set), only those the kernel's policy for that do or
 *   dump accepts (CTRL_CMD_GETPOLICY), the family's required attributes
 *   always (the request header nest), pinned attributes pointed at the
 *   namespace's own devices or the kernel's families (one device per
 *   request, so an index and a name agree);
 * - `wild` (1 in 10): any attribute of the set, with any value the
 *   encoder takes (enum values unnamed, boundary numbers, unknown
 *   attribute types 0 and one past the last), and odd genlmsghdr versions;
 * - `mutated` (1 in 10): a valid request's bytes mutated (bit flips,
 *   truncation, lying lengths... see mutate.ts) and sent as the payload.
 * IP addresses are always from the documentation ranges.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { bodyArbitrary } from '../arbitraries/derive.js';
import { inDocRange, type ArbitraryOptions } from '../arbitraries/index.js';
import { NLM_F_REQUEST, NLMSG_HDRLEN } from '../core/constants.js';
import { GENERIC_UNITS } from '../families/registry.js';
import type { GenericUnit, GenlFuzzRules, GenlFuzzSource } from '../families/unit.js';
import { commandOp, type GenlCommand, type GenlFamilyDef } from '../genl/family.js';
import { GENL_OP_FLAGS } from '../families/nlctrl/attrs.js';
import { genlmsghdr } from '../genl/header.js';
import type { GenericProtocol } from '../genl/protocol.js';
import { encodeMessage, type Message } from '../netlink/message.js';
import type { AttrSet } from '../schema/attr-set.js';
import { reachable } from '../schema/walk.js';
import { applyMutations, mutationArbitrary } from './mutate.js';
import { OpKit, type Op } from './ops.js';
import type { Rng } from './rng.js';
import { GENL_OP_FAMILIES } from './safety.js';
import { walkSet } from './walk.js';

export { GENL_OP_FAMILIES };


/** Attribute names that reach outside the namespace in any family: file descriptors, pids, namespace ids. */
export const OUTSIDE_NAME = /(_FD|_PID|NETNSID|NETNS_ID)$/;

/** A family as the fuzzer sends to it: its declaration, rules, and what follows from them. */
export interface GenlFuzzFamily {
  readonly def: GenlFamilyDef;
  readonly rules: GenlFuzzRules;
  /** The commands sent. */
  readonly commands: readonly GenlCommand[];
  /** Attributes never sent: the rules' and, among those the commands reach, any named like an fd, a pid or a namespace id. */
  readonly forbidden: ReadonlySet<string>;
  /** The rules' limited values. */
  readonly limited: ReadonlyMap<string, readonly (string | number)[]>;
  /** Pinned attributes whose values must come from their source. */
  readonly known: ReadonlySet<string>;
}

/** True when the command's flags mean get (its dumps are NLM_F_DUMP). */
function isGet(c: GenlCommand): boolean {
  return commandOp(c) === 'get';
}

/** The rules of `unit` (loaded), or none. */
async function rulesOf(unit: GenericUnit): Promise<GenlFuzzRules | undefined> {
  return unit.fuzz === undefined ? undefined : (await unit.fuzz.load()).rules;
}

/** Builds the fuzzer's view of a family from its declaration and rules (undefined: it has no rules, so only its GET commands). */
export function genlFuzzFamily(def: GenlFamilyDef, rules: GenlFuzzRules | undefined): GenlFuzzFamily {
  const r = rules ?? {};
  const requests = def.commands.filter((c) => (c.dir ?? 'both') === 'request' || (c.dir ?? 'both') === 'both');
  for (const n of [...(r.commands ?? []), ...(r.forbiddenCommands ?? [])]) {
    if (!def.commands.some((c) => c.name === n)) throw new Error(`fuzz rules of ${def.name}: no command ${n}`);
  }
  const never = new Set(r.forbiddenCommands ?? []);
  const named = r.commands ? requests.filter((c) => r.commands!.includes(c.name)) : rules ? requests : requests.filter(isGet);
  const commands = named.filter((c) => !never.has(c.name));
  const forbidden = new Set(r.forbidden ?? []);
  for (const s of reachable(commands.map((c) => c.attrs)).sets) for (const d of s.defs) if (OUTSIDE_NAME.test(d.name)) forbidden.add(d.name);
  for (const n of r.known ?? []) if (r.pin?.[n] === undefined) throw new Error(`fuzz rules of ${def.name}: ${n} is known-only but not pinned`);
  return { def, rules: r, commands, forbidden, limited: new Map(Object.entries(r.values ?? {})), known: new Set(r.known ?? []) };
}

/** Loads the rules of the registered families named `names` (default all) and builds their views. */
export async function loadGenlFamilies(names: readonly string[] = GENL_OP_FAMILIES): Promise<GenlFuzzFamily[]> {
  const out: GenlFuzzFamily[] = [];
  for (const name of names) {
    const unit = GENERIC_UNITS.find((u) => u.genl.name === name);
    if (unit === undefined) throw new Error(`no generic family "${name}" (${GENL_OP_FAMILIES.join(', ')})`);
    out.push(genlFuzzFamily(unit.genl, await rulesOf(unit)));
  }
  return out;
}

/** One attribute's policy as CTRL_CMD_GETPOLICY gives it (friendly keys: `type`, `policyIdx`...). */
type AttrPolicy = Record<string, unknown>;

/** A family as this kernel has it: its operations (CTRL_ATTR_OPS) and the policies of their do and dump (CTRL_CMD_GETPOLICY). */
export interface KernelFamily {
  readonly name: string;
  readonly id: number;
  /** Command number and GENL_* flags (GENL_CMD_CAP_DO 0x2, GENL_CMD_CAP_DUMP 0x4). */
  readonly ops?: readonly { readonly id: number; readonly flags: number }[];
  /** Policy index -> attribute type -> policy, and the policies of each command's do and dump. */
  readonly policies?: { readonly policies: Readonly<Record<number, Readonly<Record<number, AttrPolicy>>>>; readonly ops: Readonly<Record<number, { do?: number; dump?: number }>> };
}

/** What the requests point at: the namespace's devices and the kernel's families, whose ids `proto` has bound. */
export interface GenlWorld {
  readonly proto: GenericProtocol;
  readonly devices: readonly { readonly index: number; readonly name: string }[];
  readonly families: readonly KernelFamily[];
}

const { GENL_CMD_CAP_DO, GENL_CMD_CAP_DUMP } = GENL_OP_FLAGS;

/**
 * Kernel names of the attributes of `set` (and the sets it nests) that
 * policy `idx` accepts, following nested policies; undefined when the
 * kernel gave no policy for it. A policy dump leaves out the attributes
 * it has no words for (NLA_UNSPEC ones, some byte-order types) as well as
 * rejected ones, so in a nested set, whose policy's largest type the
 * dump gives, every declared attribute up to it counts as accepted; and
 * a nest listed without a policy of its own (parsed later by the
 * command's handler) is accepted whole.
 */
export function acceptedNames(set: AttrSet, pols: KernelFamily['policies'], idx: number | undefined): Set<string> | undefined {
  if (pols === undefined || idx === undefined || pols.policies[idx] === undefined) return undefined;
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (s: AttrSet, i: number, maxtype: number): void => {
    if (seen.has(`${s.name}|${i}`)) return;
    seen.add(`${s.name}|${i}`);
    for (const d of s.defs) if (d.type <= maxtype) out.add(d.name);
    for (const [t, pol] of Object.entries(pols.policies[i] ?? {})) {
      const d = s.byType[Number(t)];
      if (d === undefined) continue;
      out.add(d.name);
      const spec = d.kind.spec;
      if (spec.t !== 'nested') continue;
      if (typeof pol.policyIdx === 'number') walk(spec.set(), pol.policyIdx, typeof pol.policyMaxtype === 'number' ? pol.policyMaxtype : 0);
      // A nest the kernel parses later with a policy of its own (an ethtool bitset): all of it.
      else for (const r of reachable([spec.set()]).sets) for (const x of r.defs) out.add(x.name);
    }
  };
  walk(set, idx, 0);
  return out;
}

/** Every value each source has in `world` (what a known-only attribute may be). */
export function sourceValues(world: GenlWorld): Record<GenlFuzzSource, ReadonlySet<string | number>> {
  return {
    ifindex: new Set(world.devices.map((d) => d.index)),
    ifname: new Set(world.devices.map((d) => d.name)),
    'genl-family-name': new Set(world.families.map((f) => f.name)),
    'genl-family-id': new Set(world.families.map((f) => f.id)),
    'genl-op': new Set(world.families.flatMap((f) => (f.ops ?? []).map((o) => o.id))),
  };
}

type Body = { header: Record<string, unknown>; attrs: Record<string, unknown> };

/** Draws operations over the families whose ids `world.proto` knows; one instance per run (arbitraries built once, on first use). */
export class GenlOpGenerator {
  private readonly arbs = new Map<string, Arbitrary<Body>>();
  private readonly mutations = fc.array(mutationArbitrary(), { minLength: 1, maxLength: 3 });
  private readonly kit = new OpKit();
  private readonly live: readonly GenlFuzzFamily[];
  private readonly weights: readonly (readonly [number, GenlFuzzFamily])[];

  constructor(
    families: readonly GenlFuzzFamily[],
    private readonly world: GenlWorld,
  ) {
    this.live = families.filter((f) => world.proto.idOf(f.def.name) !== undefined && f.commands.length > 0);
    if (this.live.length === 0) throw new Error(`none of ${families.map((f) => f.def.name).join(', ')} is known to this kernel with commands to send`);
    // A family with more commands gets more operations, though not in proportion (ethtool's 49 would crowd out the rest).
    this.weights = this.live.map((f) => [Math.round(10 * Math.sqrt(f.commands.length)), f] as const);
  }

  /** Operation `id`, drawn with `rng`. */
  next(id: number, rng: Rng): Op {
    const fam = rng.weighted(this.weights);
    const cmd = rng.pick(fam.commands);
    const kernel = this.world.families.find((f) => f.name === fam.def.name);
    const flags = kernel?.ops?.find((o) => o.id === cmd.cmd)?.flags;
    const canDo = flags === undefined || (flags & GENL_CMD_CAP_DO) !== 0;
    const canDump = flags === undefined ? isGet(cmd) : (flags & GENL_CMD_CAP_DUMP) !== 0;
    const dump = rng.chance(canDo && canDump ? 0.4 : canDump ? 0.97 : 0.03);
    const variant = rng.weighted<'valid' | 'wild' | 'mutated'>([[8, 'valid'], [1, 'wild'], [1, 'mutated']]);
    const body = rng.sample(this.arbitrary(fam, cmd, variant === 'wild', dump, kernel));
    const attrs = body.attrs;
    this.resolve(fam, cmd, attrs, rng);
    const header = { cmd: cmd.cmd, version: fam.def.version, reserved: 0 };
    if (variant === 'wild' && rng.chance(0.2)) header.version = rng.below(256);
    if (variant === 'wild' && rng.chance(0.1)) header.reserved = rng.below(0x10000);
    let msg: Message = { type: this.world.proto.idOf(fam.def.name)!, flags: NLM_F_REQUEST, seq: 0, pid: 0, header, attrs };
    if (variant === 'mutated') {
      const bytes = applyMutations(encodeMessage(msg, this.world.proto), rng.sample(this.mutations), this.world.proto);
      msg = { type: msg.type, flags: NLM_F_REQUEST, seq: 0, pid: 0, payload: bytes.slice(Math.min(NLMSG_HDRLEN, bytes.length)) };
    }
    return { id, label: `${cmd.name}${dump ? ' dump' : ''}`, family: fam.def.name, dump, replies: dump ? 'any' : 'one', variant, msg };
  }

  /** The command's body arbitrary (built once per command, variant, and do or dump). */
  private arbitrary(fam: GenlFuzzFamily, cmd: GenlCommand, wild: boolean, dump: boolean, kernel: KernelFamily | undefined): Arbitrary<Body> {
    const key = `${fam.def.name}|${cmd.name}|${wild}|${dump}`;
    let arb = this.arbs.get(key);
    if (arb === undefined) {
      const exclude = [...fam.forbidden, ...(wild ? [] : (fam.rules.avoid ?? []))];
      const pol = kernel?.policies?.ops[cmd.cmd];
      const accepted = wild ? undefined : acceptedNames(cmd.attrs, kernel?.policies, dump ? pol?.dump : pol?.do);
      // Valid requests carry only what the kernel's policy for this do or dump accepts.
      if (accepted !== undefined) for (const s of reachable([cmd.attrs]).sets) for (const d of s.defs) if (!accepted.has(d.name)) exclude.push(d.name);
      const opts: ArbitraryOptions = {
        kernelValid: !wild,
        boundaries: wild,
        unknown: wild,
        maxAttrs: 3,
        maxDepth: 3,
        fullStructs: true,
        exclude,
        require: fam.rules.require ?? [],
        overrides: Object.fromEntries([...fam.limited].map(([n, vs]) => [n, fc.constantFrom(...vs)])),
      };
      arb = bodyArbitrary({ type: 0, name: `${fam.def.name} ${cmd.name}`, op: isGet(cmd) ? 'get' : 'other', header: genlmsghdr, attrs: cmd.attrs }, opts) as Arbitrary<Body>;
      this.arbs.set(key, arb);
    }
    return arb;
  }

  /** Points pinned attributes at the namespace's devices or the kernel's families (9 times in 10), and addresses into the documentation ranges. */
  private resolve(fam: GenlFuzzFamily, cmd: GenlCommand, attrs: Record<string, unknown>, rng: Rng): void {
    const dev = rng.pick(this.world.devices);
    const other: KernelFamily = this.world.families.length ? rng.pick(this.world.families) : { name: fam.def.name, id: this.world.proto.idOf(fam.def.name)! };
    const op = other.ops?.length ? rng.pick(other.ops).id : rng.below(32);
    const value: Record<GenlFuzzSource, string | number> = { ifindex: dev.index, ifname: dev.name, 'genl-family-name': other.name, 'genl-family-id': other.id, 'genl-op': op };
    walkSet(cmd.attrs, attrs, [], (v) => {
      const name = v.names[v.names.length - 1]!;
      const src = fam.rules.pin?.[name];
      let x: unknown = v.value;
      if (src !== undefined && (fam.known.has(name) || rng.chance(0.9))) x = value[src];
      else if (v.kind?.spec.t === 'ip' && typeof v.value === 'string' && !inDocRange(v.value)) x = this.kit.docAddress(rng, v.value.includes(':') ? 6 : 4);
      if (x !== v.value) (v.parent as Record<string | number, unknown>)[v.at] = x;
    });
  }
}
