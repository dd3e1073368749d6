/**
 * What the generic message codec needs to know about a netlink family:
 * for each message type, its name, its fixed header and its attribute set.
 * rtnetlink fills this in (`src/families/registry.ts`); another family could too.
 */
import type { AttrSet } from '../schema/attr-set.js';
import type { StructKind } from '../schema/struct.js';

/** Which meaning bits 8-11 of nlmsg_flags have for this message type. */
export type MessageOp = 'get' | 'new' | 'del' | 'other';

/** One message type: its number and name, fixed header and attribute set (`H`, `A`: their decoded forms). */
export interface MessageDef<Ty extends number = number, N extends string = string, H = any, A = any> {
  readonly type: Ty;
  /** Kernel name, e.g. `RTM_NEWLINK`. */
  readonly name: N;
  readonly op: MessageOp;
  /** Fixed header after nlmsghdr (`ifinfomsg`). */
  readonly header: StructKind<H>;
  readonly attrs: AttrSet<A>;
  /**
   * A multiplexed type (a generic netlink family: one nlmsg_type, many
   * commands): the command's own name, flag meaning, header and attributes,
   * chosen from the header decoded with {@link header} and the message's
   * flags and port (a request, a reply or a notification may give one
   * command number different meanings). Undefined: the type's own.
   */
  readonly select?: (header: H, m: MessageContext) => MessageVariant | undefined;
}

/** What {@link MessageDef.select} may look at besides the header. */
export interface MessageContext {
  readonly flags: number;
  readonly seq: number;
  /** The sender's port for a request, the receiver's for a reply; 0 in a multicast notification. */
  readonly pid?: number;
}

/** One command of a multiplexed type. */
export interface MessageVariant {
  /** Kernel name of the command (`ETHTOOL_MSG_LINKINFO_GET_REPLY`). */
  readonly name: string;
  readonly op: MessageOp;
  readonly header: StructKind;
  readonly attrs: AttrSet;
}

/** A message's name, flag meaning, header and attributes: its type's, or its command's for a multiplexed type. */
export interface Resolved {
  readonly def: MessageDef;
  /** The type's name, and the command's after a space for a multiplexed type (`ethtool ETHTOOL_MSG_LINKINFO_GET`). */
  readonly name: string;
  /** A multiplexed type's command name (`ETHTOOL_MSG_LINKINFO_GET`), when one was selected. */
  readonly command?: string;
  readonly op: MessageOp;
  readonly header: StructKind;
  readonly attrs: AttrSet;
}

/**
 * What a message of `def` is, given its decoded (or to-be-encoded) header
 * and its flags: the type itself, or the command {@link MessageDef.select}
 * picks.
 */
export function resolve(def: MessageDef, header: unknown, m: MessageContext): Resolved {
  const v = def.select !== undefined && header != null && typeof header === 'object' ? def.select(header, m) : undefined;
  if (v === undefined) return plain(def);
  return { def, name: `${def.name} ${v.name}`, command: v.name, op: v.op, header: v.header, attrs: v.attrs };
}

/** A type as itself: made once per definition (decoding a dump resolves every message). */
const plainOf = new WeakMap<MessageDef, Resolved>();
function plain(def: MessageDef): Resolved {
  let r = plainOf.get(def);
  if (r === undefined) plainOf.set(def, (r = { def, name: def.name, op: def.op, header: def.header, attrs: def.attrs }));
  return r;
}

/** A netlink family's messages; `M` is the union of its definitions, which types what decoding returns. */
export interface Protocol<M extends MessageDef = MessageDef> {
  readonly name: string;
  /** Message definitions by nlmsg_type. */
  readonly messages: ReadonlyMap<number, M>;
  /** Names and flag meanings of the family's types that no definition declares yet (explained by name, payload raw). */
  readonly undeclared?: ReadonlyMap<number, { readonly name: string; readonly op: MessageOp }>;
}

/** Builds a {@link Protocol} from a list of definitions, and the names of the family's other types (`NAME: type`). */
export function protocol<const M extends MessageDef>(name: string, defs: readonly M[], otherTypes: Readonly<Record<string, number>> = {}): Protocol<M> {
  const messages = new Map(defs.map((d) => [d.type, d]));
  const undeclared = new Map<number, { name: string; op: MessageOp }>();
  for (const [n, type] of Object.entries(otherTypes)) if (!messages.has(type) && !undeclared.has(type)) undeclared.set(type, { name: n, op: opOfName(n) });
  return { name, messages, undeclared };
}

/** What a type's flags mean, by its kernel name: `..._NEW...` new, `_DEL` del, `_GET` get, `_SET` new. */
function opOfName(name: string): MessageOp {
  const m = /_(NEW|DEL|GET|SET)/.exec(name);
  return m === null ? 'other' : m[1] === 'DEL' ? 'del' : m[1] === 'GET' ? 'get' : 'new';
}

/** The kernel name of a type of `proto` (declared or not), or undefined. */
export function typeNameOf(proto: Protocol, type: number): string | undefined {
  return proto.messages.get(type)?.name ?? proto.undeclared?.get(type)?.name;
}

/** What bits 8-11 of the flags of a type of `proto` mean, or undefined when the family does not know the type. */
export function opOf(proto: Protocol, type: number): MessageOp | undefined {
  return proto.messages.get(type)?.op ?? proto.undeclared?.get(type)?.op;
}

/** What the message `m` of `proto` is, when its type is declared and its header decoded (or given). */
export function resolveMessage(proto: Protocol, m: { type: number; flags: number; seq: number; pid?: number; header?: unknown }): Resolved | undefined {
  const def = proto.messages.get(m.type);
  return def === undefined ? undefined : resolve(def, m.header, m);
}
