/**
 * The kernel fuzzer's operations: structure-aware requests built from a
 * skeleton that makes sense for the current model (a free name and a kind
 * for NEWLINK, an existing link's index for NEWADDR, a documentation
 * prefix for NEWROUTE) plus a random subset of attributes drawn from the
 * declarations' own arbitraries (kernel-valid values, sparse sets). Every
 * ifindex-valued attribute (IFLA_MASTER, IFLA_LINK, RTA_OIF...) is then
 * pointed at a link of the namespace, most of the time.
 *
 * Each family's operations are in its folder (`fuzz.ts`), loaded through
 * the registry; this file holds what they share ({@link OpKit}) and the
 * generator that picks among them. Each operation says what the model
 * learns from its ACK.
 */
import * as fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { DOC_IPV4, DOC_IPV6 } from '../arbitraries/doc-range.js';
import type { ArbitraryOptions } from '../arbitraries/index.js';
import { NLM_F_APPEND, NLM_F_CREATE, NLM_F_ECHO, NLM_F_EXCL, NLM_F_REPLACE } from '../core/constants.js';
import { UNITS } from '../families/registry.js';
import type { Message } from '../netlink/message.js';
import { formatIPv4, formatIPv6 } from '../schema/addresses.js';
import type { AttrSet } from '../schema/attr-set.js';
import type { Model } from './model.js';
import type { Rng } from './rng.js';
import { FORBIDDEN_ATTRS, INDEX_ATTRS, OP_FAMILIES } from './safety.js';
import { walkSet } from './walk.js';

/** A family's operations (`--ops`): its name in the registry's fuzz part. */
export type OpFamily = string;

export { OP_FAMILIES };

/** One operation: a request or a dump, and what its success means for the model. */
export interface Op {
  /** Index in the run. */
  id: number;
  /** Short name (`newlink:veth`, `setlink`, `dump:route`). */
  label: string;
  family: OpFamily;
  /** Sent with NLM_F_DUMP (answered by parts and NLMSG_DONE). */
  dump: boolean;
  /** Data replies allowed before the ACK: none (most), one (a GET), any (NLM_F_ECHO, dumps). */
  replies: 'none' | 'one' | 'any';
  msg: Message;
  /**
   * How it was made, when the family says (generic: `valid`, `wild`,
   * `mutated`). A `mutated` one carries mutated bytes as its payload, and
   * it and its answers are held to the hostile-input property.
   */
  variant?: string;
  /** Updates the model after the kernel's ACK. */
  onAck?: (model: Model, replies: Message[]) => void;
  /**
   * Updates the model after a refusal. A link change the kernel refuses
   * may still have been partly applied (do_setlink() applies attributes
   * one by one and does not undo them: a rename, then EOPNOTSUPP).
   */
  onError?: (model: Model, errno: string) => void;
}

/** Draws one operation of a family. */
export type NextOp = (id: number, rng: Rng, model: Model) => Op;

/** What a family's `fuzz.ts` exports as `operations`: given the kit, its operation drawer (arbitraries built once per run). */
export type FamilyOperations = (kit: OpKit) => NextOp;

/** Placeholder ifindexes, resolved against the model after sampling. */
const indexPlaceholder = fc.integer({ min: 0, max: 999 });

/** Names links get: a small pool, so requests often meet existing links. */
export function namePool(size = 48): string[] {
  return Array.from({ length: size }, (_, i) => `fz${i}`);
}

/** What every family's operations share: the name pool, arbitrary options, drawing and picking against the model. */
export class OpKit {
  readonly pool: string[];

  constructor(poolSize = 48) {
    this.pool = namePool(poolSize);
  }

  /** Arbitrary options for the fuzzer: kernel-valid, sparse, nothing forbidden, ifindexes as placeholders. */
  options(extra: ArbitraryOptions = {}): ArbitraryOptions {
    return {
      kernelValid: true,
      maxAttrs: 3,
      maxDepth: 3,
      unknown: false,
      fullStructs: true,
      ...extra,
      exclude: [...FORBIDDEN_ATTRS, ...(extra.exclude ?? [])],
      overrides: {
        ...Object.fromEntries([...INDEX_ATTRS].map((a) => [a, indexPlaceholder])),
        ...extra.overrides,
      },
    };
  }

  /** A value of `arb` (attributes of `set`), its placeholder ifindexes pointed at links of the model. */
  draw(arb: Arbitrary<Record<string, unknown>>, set: AttrSet, rng: Rng, model: Model): Record<string, unknown> {
    const v = rng.sample(arb);
    this.resolveIndexes(v, set, rng, model);
    return v;
  }

  /** Points placeholder ifindexes at links of the model (9 times in 10). */
  private resolveIndexes(obj: Record<string, unknown>, set: AttrSet, rng: Rng, model: Model): void {
    const links = model.indexed();
    walkSet(set, obj, [], (v) => {
      const name = v.names[v.names.length - 1]!;
      if (!INDEX_ATTRS.has(name) || typeof v.value !== 'number') return;
      let idx = v.value;
      if (links.length && rng.chance(0.9)) idx = links[v.value % links.length]!.index!;
      else if (rng.chance(0.5)) idx = 0;
      (v.parent as Record<string, unknown>)[v.at as string] = idx;
    });
  }

  /** A name of the pool no link of the model has (most often). */
  freeName(rng: Rng, model: Model): string {
    for (let i = 0; i < 8; i++) {
      const n = rng.pick(this.pool);
      if (!model.links.has(n)) return n;
    }
    return rng.pick(this.pool);
  }

  pickLink(rng: Rng, model: Model, filter?: (kind: string | undefined) => boolean): { name: string; index?: number; kind?: string } | undefined {
    const ls = [...model.links.values()].filter((l) => !filter || filter(l.kind));
    return ls.length ? rng.pick(ls) : undefined;
  }

  /** nlmsg_flags of a NEW request: CREATE|EXCL mostly, sometimes REPLACE, APPEND or ECHO. */
  newFlags(rng: Rng, create: boolean): number {
    let f = create ? rng.weighted([[8, NLM_F_CREATE | NLM_F_EXCL], [1, NLM_F_CREATE], [1, NLM_F_CREATE | NLM_F_REPLACE]]) : 0;
    if (rng.chance(0.05)) f |= NLM_F_APPEND;
    if (rng.chance(0.05)) f |= NLM_F_ECHO;
    return f;
  }

  /** An address inside 198.18.0.0/15 or 2001:db8::/32, from few distinct /64s so routes and addresses meet. */
  docAddress(rng: Rng, family: 4 | 6): string {
    if (family === 4) return formatIPv4(new Uint8Array([DOC_IPV4.prefix[0], DOC_IPV4.prefix[1] + rng.below(2), rng.below(256), rng.below(256)]), 0);
    const b = new Uint8Array(16);
    b.set(DOC_IPV6.prefix);
    b[7] = rng.below(8);
    for (let i = 8; i < 16; i++) b[i] = rng.chance(0.5) ? 0 : rng.below(256);
    b[15] = rng.below(256);
    return formatIPv6(b, 0);
  }
}

/** Builds operations against a model; one instance per run (the arbitraries are built once). */
export class OpGenerator {
  private constructor(
    private readonly families: readonly OpFamily[],
    private readonly drawers: ReadonlyMap<OpFamily, NextOp>,
  ) {}

  /** Loads the operations of `families` (names from {@link OP_FAMILIES}) through the registry. */
  static async create(families: readonly OpFamily[] = OP_FAMILIES, poolSize = 48): Promise<OpGenerator> {
    const kit = new OpKit(poolSize);
    const drawers = new Map<OpFamily, NextOp>();
    for (const name of families) {
      const part = UNITS.find((f) => f.fuzz?.ops === name)?.fuzz;
      if (part === undefined) throw new Error(`no operations for "${name}" (${OP_FAMILIES.join(', ')})`);
      const { operations } = (await part.load()) as { operations: FamilyOperations };
      drawers.set(name, operations(kit));
    }
    return new OpGenerator(families, drawers);
  }

  /** The next operation, drawn with `rng` against `model`. */
  next(id: number, rng: Rng, model: Model): Op {
    // Links first: the others need some.
    let family = rng.pick(this.families);
    if (model.links.size < 2 && this.drawers.has('link')) family = 'link';
    return this.drawers.get(family)!(id, rng, model);
  }
}
