/**
 * A generic netlink family's declaration: its name (as the controller
 * knows it), version, commands and multicast groups. One declaration
 * drives decoding, encoding, explain rows, JSON names and arbitraries, as
 * for rtnetlink; the family's nlmsg_type is its id, which the kernel gives
 * out at registration (see `protocol.ts` for how ids are bound).
 *
 * One command number can mean different messages: ethtool numbers its
 * requests (ETHTOOL_MSG_LINKINFO_GET = 2) and its replies
 * (ETHTOOL_MSG_LINKINFO_GET_REPLY = 2) in two enums; mptcp_pm numbers its
 * events (MPTCP_EVENT_CREATED = 1) apart from its commands
 * (MPTCP_PM_CMD_ADD_ADDR = 1). A command says which messages it is:
 * requests (NLM_F_REQUEST set), replies and notifications (not set), or
 * both; an event is a notification (not a request, sent to port 0).
 */
import type { MessageDef, MessageOp, MessageVariant } from '../netlink/protocol.js';
import { NLM_F_REQUEST } from '../core/constants.js';
import { attrSet, type AttrSet } from '../schema/attr-set.js';
import { genlmsghdr, namedGenlHeader, type GenlHeader } from './header.js';

/** Which messages carry a command number with this meaning. */
export type GenlDirection = 'request' | 'reply' | 'both' | 'event';

export interface GenlCommand {
  readonly cmd: number;
  /** Kernel name (`ETHTOOL_MSG_LINKINFO_GET`, `CTRL_CMD_GETFAMILY`). */
  readonly name: string;
  readonly attrs: AttrSet;
  /** Default `both`. */
  readonly dir?: GenlDirection;
  /** What bits 8-11 of nlmsg_flags mean (default: `get` for a name with `GET`, else `other`). */
  readonly op?: MessageOp;
}

export interface GenlFamilyDef {
  /** The controller's name for the family (CTRL_ATTR_FAMILY_NAME): `nlctrl`, `ethtool`, `mptcp_pm`. */
  readonly name: string;
  /** The interface version requests carry in genlmsghdr. */
  readonly version: number;
  /** A fixed id (nlctrl's GENL_ID_CTRL); others are looked up by name. */
  readonly id?: number;
  readonly commands: readonly GenlCommand[];
  /** Multicast group names (CTRL_ATTR_MCAST_GRP_NAME). */
  readonly groups?: readonly string[];
  /** The attribute set of a command the declaration does not know (kept raw). */
  readonly fallback?: AttrSet;
}

/**
 * Declares a generic netlink family. `commands` may be a getter (a long
 * table built from enums): it is then built, checked and kept on first
 * read rather than at declaration.
 */
export function genlFamily<const D extends GenlFamilyDef>(def: D): D {
  const build = Object.getOwnPropertyDescriptor(def, 'commands')?.get;
  if (build === undefined) {
    checkCommands(def.name, def.commands);
    return def;
  }
  let commands: readonly GenlCommand[] | undefined;
  Object.defineProperty(def, 'commands', {
    enumerable: true,
    configurable: true,
    get: () => (commands ??= checkCommands(def.name, build.call(def) as readonly GenlCommand[])),
  });
  return def;
}

/** `commands`, after checking that no two share a number in one direction. */
function checkCommands(family: string, commands: readonly GenlCommand[]): readonly GenlCommand[] {
  // One map per direction, by command number (a u8).
  const seen: Record<GenlDirection, (string | undefined)[]> = { request: [], reply: [], event: [], both: [] };
  for (const c of commands) {
    const dir = c.dir ?? 'both';
    if (dir === 'both') {
      claim(family, seen.request, c, 'request');
      claim(family, seen.reply, c, 'reply');
    } else claim(family, seen[dir], c, dir);
  }
  return commands;
}

function claim(family: string, byCmd: (string | undefined)[], c: GenlCommand, dir: GenlDirection): void {
  const other = byCmd[c.cmd];
  if (other !== undefined) throw new Error(`genl family ${family}: ${c.name} and ${other} are both command ${c.cmd} in the ${dir} direction`);
  byCmd[c.cmd] = c.name;
}

function expand(dir: GenlDirection): readonly GenlDirection[] {
  return dir === 'both' ? ['request', 'reply'] : [dir];
}

/**
 * What a message is, by its flags and port: a request (NLM_F_REQUEST), a
 * notification (from the kernel to port 0: multicast; its sequence number
 * may be the family's own count, as ethtool's is), or a reply (to the
 * requester's port; iproute2 asks with sequence number 0 at times, so that
 * says nothing). A notification may be of a command that has no event
 * meaning, and the reverse: the other is tried next.
 */
function directionsOf(m: { flags: number; seq: number; pid?: number }): readonly GenlDirection[] {
  if ((m.flags & NLM_F_REQUEST) !== 0) return ['request'];
  return (m.pid ?? 0) === 0 ? ['event', 'reply'] : ['reply', 'event'];
}

/** What bits 8-11 of a command's nlmsg_flags mean: as declared, else `get` for a name with GET. */
export function commandOp(c: Pick<GenlCommand, 'name' | 'op'>): MessageOp {
  return c.op ?? (/GET/.test(c.name) ? 'get' : 'other');
}

const empty = attrSet('genl', '', []);

/**
 * The message definition of family `def` under id `type`: genlmsghdr,
 * then the attributes of the command its header and flags select.
 */
export function genlMessageDef(def: GenlFamilyDef, type: number): MessageDef<number, string, GenlHeader> {
  // One named header per direction (the names of a direction's commands).
  const byDir = new Map<GenlDirection, Map<number, MessageVariant>>();
  const headers = new Map<GenlDirection, ReturnType<typeof namedGenlHeader>>();
  for (const dir of ['request', 'reply', 'event'] as const) {
    const cmds = def.commands.filter((c) => expand(c.dir ?? 'both').includes(dir));
    if (cmds.length === 0) continue;
    const header = namedGenlHeader(Object.fromEntries(cmds.map((c) => [c.name, c.cmd])));
    headers.set(dir, header);
    byDir.set(dir, new Map(cmds.map((c) => [c.cmd, { name: c.name, op: commandOp(c), header, attrs: c.attrs }])));
  }
  const fallback = def.fallback ?? empty;
  return {
    type,
    name: def.name,
    op: 'other',
    header: genlmsghdr,
    attrs: fallback,
    select(h, m) {
      for (const dir of directionsOf(m)) {
        const v = byDir.get(dir)?.get(h.cmd);
        if (v !== undefined) return v;
      }
      return undefined;
    },
  };
}

/** The command number of `name` in family `def` (Error when it has none). */
export function commandOf(def: GenlFamilyDef, name: string): number {
  const c = def.commands.find((x) => x.name === name);
  if (c === undefined) throw new Error(`genl family ${def.name} has no command ${name}`);
  return c.cmd;
}
