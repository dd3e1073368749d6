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
}

/** A netlink family's messages; `M` is the union of its definitions, which types what decoding returns. */
export interface Protocol<M extends MessageDef = MessageDef> {
  readonly name: string;
  /** Message definitions by nlmsg_type. */
  readonly messages: ReadonlyMap<number, M>;
}

/** Builds a {@link Protocol} from a list of definitions. */
export function protocol<const M extends MessageDef>(name: string, defs: readonly M[]): Protocol<M> {
  return { name, messages: new Map(defs.map((d) => [d.type, d])) };
}
