/**
 * Talking to generic netlink families over one NETLINK_GENERIC connection:
 * family ids looked up by name through the controller and cached on the
 * connection's {@link GenericProtocol} (forgotten when the controller
 * announces the family's removal, which the socket hears on nlctrl's
 * `notify` group), and requests built from a family's declaration.
 */
import type { Message } from '../netlink/message.js';
import type { Connection } from './connection.js';
import { KernelError, TransportError } from './errors.js';
import type { RequestOptions } from './options.js';
import { commandOf, type GenlFamilyDef } from '../genl/family.js';
import { CTRL_CMD, CTRL_VERSION, GENL_ID_CTRL } from '../genl/constants.js';
import type { GenericProtocol } from '../genl/protocol.js';

const { CTRL_CMD_GETFAMILY, CTRL_CMD_GETPOLICY } = CTRL_CMD;

/** The kernel has no family of that name (ENOENT from the controller). */
export class GenlFamilyNotFoundError extends Error {
  override readonly name = 'GenlFamilyNotFoundError';
  constructor(
    readonly family: string,
    /** The controller's refusal, when it answered ENOENT. */
    override readonly cause?: KernelError,
  ) {
    super(`generic netlink family "${family}" not found`);
  }
}

/** The family has no multicast group of that name (or none at all). */
export class GenlGroupNotFoundError extends Error {
  override readonly name = 'GenlGroupNotFoundError';
  constructor(
    family: GenlFamilyInfo,
    readonly group: string,
  ) {
    super(`generic netlink family "${family.name}" has no multicast group "${group}" (${family.groups.map((x) => x.name).join(', ') || 'none'})`);
  }
}

/** A family as the controller describes it. */
export interface GenlFamilyInfo {
  name: string;
  id: number;
  version: number;
  hdrsize: number;
  maxattr: number;
  /** Operations: command number and GENL_* flags. */
  ops: { id: number; flags: number }[];
  /** Multicast groups: name and id. */
  groups: { name: string; id: number }[];
  /** The controller's message it was read from. */
  message: Message;
}

/** The {@link GenlFamilyInfo} of a CTRL_CMD_NEWFAMILY message. */
export function familyInfo(m: Message): GenlFamilyInfo {
  const a = m.attrs ?? {};
  return {
    name: a.familyName,
    id: a.familyId,
    version: a.version ?? 0,
    hdrsize: a.hdrsize ?? 0,
    maxattr: a.maxattr ?? 0,
    ops: Object.values((a.ops ?? {}) as Record<number, { id?: number; flags?: number }>).map((o) => ({ id: o.id ?? 0, flags: o.flags ?? 0 })),
    groups: Object.values((a.mcastGroups ?? {}) as Record<number, { name?: string; id?: number }>).map((g) => ({ name: g.name ?? '', id: g.id ?? 0 })),
    message: m,
  };
}

/** Requests to generic netlink families over `conn`, whose protocol is `proto`. */
export class GenlClient {
  private readonly lookups = new Map<string, Promise<GenlFamilyInfo>>();

  constructor(
    readonly conn: Connection,
    readonly proto: GenericProtocol,
  ) {}

  /** A controller message of command `cmd`. */
  private ctrl(cmd: number, attrs: Record<string, unknown>): Message {
    return { type: GENL_ID_CTRL, flags: 0, seq: 0, pid: 0, header: { cmd, version: CTRL_VERSION, reserved: 0 }, attrs };
  }

  /** The controller's description of family `name`, or of the family with id `{ id }` (GenlFamilyNotFoundError when the kernel has none). */
  async family(which: string | { id: number }): Promise<GenlFamilyInfo> {
    const label = typeof which === 'string' ? which : `id 0x${which.id.toString(16)}`;
    const replies = await this.conn.request(this.ctrl(CTRL_CMD_GETFAMILY, typeof which === 'string' ? { familyName: which } : { familyId: which.id })).catch((e) => {
      if (e instanceof KernelError && e.code === 'ENOENT') throw new GenlFamilyNotFoundError(label, e);
      throw e;
    });
    const m = replies.find((r) => r.type === GENL_ID_CTRL);
    if (m === undefined) throw new GenlFamilyNotFoundError(label);
    this.proto.learn(m);
    return familyInfo(m);
  }

  /** The CTRL_CMD_GETPOLICY answers for family `which` (and one command, if given). */
  async policies(which: string | { id: number }, op?: number): Promise<Message[]> {
    const attrs: Record<string, unknown> = typeof which === 'string' ? { familyName: which } : { familyId: which.id };
    if (op !== undefined) attrs.op = op;
    return this.conn.dump(this.ctrl(CTRL_CMD_GETPOLICY, attrs));
  }

  /** Every family the kernel has (a CTRL_CMD_GETFAMILY dump), ids learned on the way. */
  async families(): Promise<GenlFamilyInfo[]> {
    const replies = await this.conn.dump(this.ctrl(CTRL_CMD_GETFAMILY, {}));
    return replies.filter((m) => m.type === GENL_ID_CTRL).map((m) => (this.proto.learn(m), familyInfo(m)));
  }

  /** The id of family `name`: cached, else asked once however many callers wait. */
  async familyId(name: string): Promise<number> {
    const known = this.proto.idOf(name);
    if (known !== undefined) return known;
    let p = this.lookups.get(name);
    if (p === undefined) {
      p = this.family(name).finally(() => this.lookups.delete(name));
      this.lookups.set(name, p);
    }
    return (await p).id;
  }

  /** The ids of multicast groups `groups` of family `name` (default: all it has); GenlFamilyNotFoundError, or GenlGroupNotFoundError when it lacks one. */
  async groupIds(name: string, groups?: readonly string[]): Promise<{ family: GenlFamilyInfo; ids: number[] }> {
    const family = await this.family(name);
    const wanted = groups ?? family.groups.map((g) => g.name);
    const ids = wanted.map((group) => {
      const g = family.groups.find((x) => x.name === group);
      if (g === undefined) throw new GenlGroupNotFoundError(family, group);
      return g.id;
    });
    return { family, ids };
  }

  /** The message for command `cmd` of `family` with `attrs` (family id resolved). */
  async message(family: GenlFamilyDef, cmd: string, attrs: Record<string, unknown> = {}, flags = 0): Promise<Message> {
    return { type: await this.familyId(family.name), flags, seq: 0, pid: 0, header: { cmd: commandOf(family, cmd), version: family.version, reserved: 0 }, attrs };
  }

  /** A do request: resolves with the replies before the ACK. */
  async request(family: GenlFamilyDef, cmd: string, attrs: Record<string, unknown> = {}, options: RequestOptions & { flags?: number } = {}): Promise<Message[]> {
    return this.conn.request(await this.message(family, cmd, attrs, options.flags ?? 0), options);
  }

  /** A do request whose answer is one message: resolves with it (TransportError `no-reply` when the kernel sent none). */
  async requestOne(family: GenlFamilyDef, cmd: string, attrs: Record<string, unknown> = {}, options: RequestOptions & { flags?: number } = {}): Promise<Message> {
    const [m] = await this.request(family, cmd, attrs, options);
    if (m === undefined) throw new TransportError(`the kernel answered ${family.name} ${cmd} with no message`, 'no-reply');
    return m;
  }

  /** A dump request: resolves with every reply. */
  async dump(family: GenlFamilyDef, cmd: string, attrs: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<Message[]> {
    return this.conn.dump(await this.message(family, cmd, attrs), options);
  }
}
