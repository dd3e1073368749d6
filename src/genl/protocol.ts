/**
 * Generic netlink as a {@link Protocol}: message types are family ids,
 * which the kernel gives out when a family registers. A protocol object
 * knows the declared families by name and binds each to its id once
 * learned: from the controller's answers on a live socket (see
 * `transport/genl-client.ts`), or from the CTRL_CMD_NEWFAMILY messages of a capture, as
 * Wireshark does. nlctrl itself is always bound (GENL_ID_CTRL).
 *
 * A family the kernel names but we do not declare is still named (its
 * payload stays raw); a family whose id was never seen is `type N`.
 */
import { decodeMessages, type Message } from '../netlink/message.js';
import type { MessageDef, MessageOp, Protocol } from '../netlink/protocol.js';
import { genlMessageDef, type GenlFamilyDef } from './family.js';
import { CTRL_CMD, GENL_ID_CTRL } from './constants.js';


export class GenericProtocol implements Protocol {
  readonly name = 'NETLINK_GENERIC';
  readonly messages = new Map<number, MessageDef>();
  readonly undeclared = new Map<number, { readonly name: string; readonly op: MessageOp }>();
  private readonly declared: ReadonlyMap<string, GenlFamilyDef>;
  private readonly ids = new Map<string, number>();

  constructor(families: readonly GenlFamilyDef[]) {
    this.declared = new Map(families.map((f) => [f.name, f]));
    this.bind('nlctrl', GENL_ID_CTRL);
    for (const f of families) if (f.id !== undefined) this.bind(f.name, f.id);
  }

  /** The declaration of family `name`, if declared. */
  family(name: string): GenlFamilyDef | undefined {
    return this.declared.get(name);
  }

  /** Every declared family. */
  get families(): readonly GenlFamilyDef[] {
    return [...this.declared.values()];
  }

  /** The id family `name` is bound to, if known. */
  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** The name of the family bound to `id`, if known. */
  nameOf(id: number): string | undefined {
    return this.messages.get(id)?.name ?? this.undeclared.get(id)?.name;
  }

  /**
   * Binds family `name` to `id` (replacing an earlier binding of either).
   * Ids below GENL_ID_CTRL are netlink's own control types and GENL_ID_CTRL
   * is nlctrl's: binding another name there is refused (false), so that a
   * crafted controller message in a capture cannot take them over.
   */
  bind(name: string, id: number): boolean {
    if (!Number.isInteger(id) || id < GENL_ID_CTRL || id > 0xffff || (id === GENL_ID_CTRL) !== (name === 'nlctrl')) return false;
    if (this.ids.get(name) === id) return true;
    this.unbind(name);
    const prev = this.nameOf(id);
    if (prev !== undefined) this.unbind(prev);
    this.ids.set(name, id);
    const def = this.declared.get(name);
    if (def !== undefined) this.messages.set(id, genlMessageDef(def, id));
    else this.undeclared.set(id, { name, op: 'other' });
    return true;
  }

  /** Forgets family `name`'s id (it unregistered). */
  unbind(name: string): void {
    const id = this.ids.get(name);
    if (id === undefined || id === GENL_ID_CTRL) return;
    this.ids.delete(name);
    this.messages.delete(id);
    this.undeclared.delete(id);
  }

  /**
   * Learns from one decoded message: a controller's CTRL_CMD_NEWFAMILY
   * (an answer or a notification) binds its family, a CTRL_CMD_DELFAMILY
   * unbinds it. Returns true when it changed a binding.
   */
  learn(m: Message): boolean {
    if (m.type !== GENL_ID_CTRL || m.header === undefined || m.attrs === undefined) return false;
    const name = m.attrs.familyName;
    const id = m.attrs.familyId;
    if (typeof name !== 'string') return false;
    if (m.header.cmd === CTRL_CMD.CTRL_CMD_NEWFAMILY && typeof id === 'number') {
      const had = this.ids.get(name);
      return this.bind(name, id) && had !== id;
    }
    if (m.header.cmd === CTRL_CMD.CTRL_CMD_DELFAMILY && this.ids.has(name)) {
      this.unbind(name);
      return true;
    }
    return false;
  }

  /**
   * Learns family ids from the controller's messages among `datagrams` (a
   * capture), as Wireshark does: a datagram that does not decode is
   * skipped. Call before decoding the capture.
   */
  learnFrom(datagrams: Iterable<Uint8Array>): void {
    for (const d of datagrams) {
      let msgs: Message[];
      try {
        msgs = decodeMessages(d, this);
      } catch {
        continue;
      }
      for (const m of msgs) this.learn(m);
    }
  }
}
