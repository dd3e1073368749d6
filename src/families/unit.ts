/**
 * What a family is: one folder under `src/families/` and one line in
 * `registry.ts`. Its unit (the folder's `index.ts`) says what every layer
 * needs to know of it:
 * - `messages`: its message types, each with its fixed header and
 *   attribute set (decode, encode, explain, JSON names, arbitraries);
 * - `facet`: its part of the typed API, as `handle[facet.name]`;
 * - `monitor`: its multicast groups and the event its notifications make;
 * - `cli`: its `tsip` object, loaded only when run;
 * - `fuzz`: what the kernel fuzzer must never send of it, and its
 *   operations, loaded only when fuzzing;
 * - `summary`: the key facts of one of its messages, for the one-line
 *   summaries of `tsip -x` and the explorer's message list.
 * The upper parts (command, fuzz operations) are loaded on demand, so
 * that the registry, which the codec and the API read, never loads the
 * command line or fast-check; their exact types are the cli's and the
 * fuzzer's business (see `cli/main.ts`, `fuzz/ops.ts`).
 */
import type { HandleContext } from '../api/context.js';
import type { Message } from '../netlink/message.js';
import type { MessageDef, MessageOp } from '../netlink/protocol.js';
import { RTM } from '../rtnl/constants.js';
import type { AttrSet } from '../schema/attr-set.js';
import type { GenlFamilyDef } from '../genl/family.js';
import type { StructKind } from '../schema/struct.js';

/** An rtnetlink message type: RTM_* name, what bits 8-11 of its flags mean, header, attributes. */
export function rtMessage(name: keyof typeof RTM, op: MessageOp, header: StructKind, attrs: AttrSet): MessageDef {
  return { type: RTM[name], name, op, header, attrs };
}

/** The family's part of the typed API: `handle[name]`, made once per handle. */
export interface FacetPart<N extends string = string, F = unknown> {
  readonly name: N;
  readonly make: (ctx: HandleContext) => F;
}

/** What `monitor()` needs: groups to join, and the event a notification makes. */
export interface MonitorPart<O extends string = string, K extends string = string, P extends string = string, V = unknown> {
  /** `MonitorEvent.type` and the word of `tsip monitor OBJECT`. */
  readonly object: O;
  /** The event's property holding the view (`link`), and the resync event's holding them all (`links`). */
  readonly key: K;
  readonly plural: P;
  /** RTNLGRP_* groups to join. */
  readonly groups: readonly number[];
  /** The notification types: created or changed, deleted (several, for a family of several objects: tc's qdiscs, classes, filters). */
  readonly types: { readonly new: number | readonly number[]; readonly del: number | readonly number[] };
  /** Whether a notification of those types is a creation or change, or a deletion, when its type alone does not say (default: by type). */
  readonly action?: (m: Message) => 'new' | 'del';
  /** The API's view of one notification. */
  readonly view: (m: Message) => V;
  /** The current state, from the family's facet, for the resync after lost events. */
  readonly resync: (facet: never) => Promise<readonly V[]>;
}

/** The family's `tsip` object. */
export interface CliPart {
  /** `tsip OBJECT`; any prefix is accepted, as ip does. */
  readonly object: string;
  /** Further short forms ip accepts (`a` for address). */
  readonly aliases?: readonly string[];
  /** One line of `tsip help`'s OBJECT list, when it is not the object itself. */
  readonly usage?: string;
  /** Loads the command: `run(args, session)` resolves to the exit code. */
  readonly load: () => Promise<{ readonly run: (args: string[], session: never) => Promise<number> }>;
}

/**
 * The key facts of one of the family's decoded messages, as words for its
 * one-line summary (`veth-red`, `type`, `veth`); `request` when it carries
 * NLM_F_REQUEST. Given only messages whose header decoded; it may throw on
 * odd values (the summary then leaves the facts out).
 */
export type SummaryPart = (m: Message, request: boolean) => string[];

/** The kernel fuzzer's view of the family: what it may send, and its operations. */
export interface FuzzPart {
  /** The name `tsip fuzz --ops` takes. */
  readonly ops: string;
  /** Message types the fuzzer may send (the family's others are never sent). */
  readonly sends: readonly (keyof typeof RTM)[];
  /** Attributes never sent, at any depth: those that reach outside the fuzzer's namespace or are opaque. */
  readonly forbidden?: readonly string[];
  /** Attributes whose values are ifindexes of the namespace (pointed at its links). */
  readonly indexAttrs?: readonly string[];
  /** String attributes limited to these values (any other may make the kernel load a module). */
  readonly values?: Readonly<Record<string, readonly string[]>>;
  /** Further reasons a decoded request must not be sent (a prefix wider than the documentation ranges...). */
  readonly check?: (msg: Message) => string | undefined;
  /** Loads the operations (they need fast-check). */
  readonly load: () => Promise<{ readonly operations: unknown }>;
}

export interface FamilyUnit {
  /** Short name: `link`, `address`... */
  readonly name: string;
  readonly messages: readonly MessageDef[];
  readonly facet?: FacetPart;
  readonly monitor?: MonitorPart;
  readonly cli?: CliPart;
  readonly fuzz?: FuzzPart;
  /** Key facts of its messages for one-line summaries (without it: a generic guess). */
  readonly summary?: SummaryPart;
  /** The request builders, for `tsnetlink/testing`. */
  readonly requests?: Readonly<Record<string, (...args: never[]) => Message>>;
}

/**
 * A generic netlink family's unit: its declaration (name, version,
 * commands, groups; ids are looked up by name at run time), and the same
 * optional parts as an rtnetlink family's, reaching the kernel through
 * the handle's NETLINK_GENERIC socket (`HandleContext.genl`).
 */
export interface GenericUnit {
  readonly name: string;
  readonly genl: GenlFamilyDef;
  readonly facet?: FacetPart;
  readonly cli?: CliPart;
  /** `tsip fuzz --protocol generic`: the rules the fuzzer sends the family's requests by (without them: its GET commands only). */
  readonly fuzz?: GenericFuzzPart;
  /** Key facts of its messages for one-line summaries (without it: a generic guess). */
  readonly summary?: SummaryPart;
}

/** Where the generic fuzzer takes a value from: the namespace's own devices, or the kernel's generic families (a name, an id, a command number of one). */
export type GenlFuzzSource = 'ifindex' | 'ifname' | 'genl-family-name' | 'genl-family-id' | 'genl-op';

/**
 * What the generic netlink fuzzer may send of a family, and how it biases
 * the requests to ones the kernel acts on. Every name is a kernel name.
 */
export interface GenlFuzzRules {
  /** Commands to send. Default: every command of direction `request` or `both`. */
  readonly commands?: readonly string[];
  /** Commands never sent, even when a mutation turns another into one (firmware flash, dmabuf binding). */
  readonly forbiddenCommands?: readonly string[];
  /** Attributes never sent, at any depth: those that reach outside the namespace (an fd, a netns id) or do harm. */
  readonly forbidden?: readonly string[];
  /** Attributes generated whenever their set is (the request header nest naming a device). */
  readonly require?: readonly string[];
  /** Attributes valid requests leave out, though the kernel takes them (the wild and mutated ones still send them). */
  readonly avoid?: readonly string[];
  /** Attributes whose values come from the namespace or the kernel, 9 times in 10 (a device's ifindex or name). */
  readonly pin?: Readonly<Record<string, GenlFuzzSource>>;
  /**
   * Pinned attributes whose values must be ones their source has, always
   * (refused otherwise): a family name the controller does not know makes
   * it ask for a module to load, outside any namespace.
   */
  readonly known?: readonly string[];
  /** Attributes limited to these values (generated from them, refused otherwise). */
  readonly values?: Readonly<Record<string, readonly (string | number)[]>>;
  /** Further reasons a decoded request must not be sent. */
  readonly check?: (msg: Message) => string | undefined;
}

/** A generic family's fuzz part: its rules, loaded when fuzzing (the folder's `fuzz.ts` exports `rules`). */
export interface GenericFuzzPart {
  readonly load: () => Promise<{ readonly rules: GenlFuzzRules }>;
}

/** Declares a generic netlink family's unit, keeping every literal type. */
export function defineGenericFamily<const U extends GenericUnit>(unit: U): U {
  return unit;
}

/** Declares a family's unit, keeping every literal type (for the handle's facets and the monitor's events). */
export function defineFamily<const U extends FamilyUnit>(unit: U): U {
  return unit;
}

/** `A | B` -> `A & B`: what several families contribute to one object (the monitor's resync state, the request builders). */
export type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
