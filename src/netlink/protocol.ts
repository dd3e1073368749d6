/**
 * What the generic message codec needs to know about a netlink family:
 * for each message type, its name, its fixed header and its attribute set.
 * rtnetlink fills this in (`src/families/registry.ts`); another family could too.
 */
import type { AttrSet } from '../schema/attr-set.js';
import type { StructKind } from '../schema/struct.js';

/** Which meaning bits 8-11 of nlmsg_flags have for this message type. */
export type MessageOp = 'get' | 'new' | 'del' | 'other';

export interface MessageDef {
  readonly type: number;
  /** Kernel name, e.g. `RTM_NEWLINK`. */
  readonly name: string;
  readonly op: MessageOp;
  /** Fixed header after nlmsghdr (`ifinfomsg`). */
  readonly header: StructKind;
  readonly attrs: AttrSet;
}

export interface Protocol {
  readonly name: string;
  /** Message definitions by nlmsg_type. */
  readonly messages: ReadonlyMap<number, MessageDef>;
}

/** Builds a {@link Protocol} from a list of definitions. */
export function protocol(name: string, defs: readonly MessageDef[]): Protocol {
  return { name, messages: new Map(defs.map((d) => [d.type, d])) };
}
