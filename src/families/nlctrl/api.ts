/**
 * `handle.genl`: the generic netlink families of the handle's namespace,
 * as the controller describes them.
 */
import type { HandleContext } from '../../api/context.js';
import type { GenlFamilyInfo } from '../../transport/genl-client.js';
import type { Message } from '../../netlink/message.js';

export type { GenlFamilyInfo } from '../../transport/genl-client.js';

/** One attribute's policy in a CTRL_CMD_GETPOLICY answer (NL_POLICY_TYPE_ATTR_*, friendly keys). */
export type AttrPolicy = Record<string, unknown> & { type?: number };

/** A family's policies: policy index -> attribute type -> policy, and which policies each command's do and dump use. */
export interface GenlPolicies {
  policies: Record<number, Record<number, AttrPolicy>>;
  ops: Record<number, { do?: number; dump?: number }>;
}

export class GenlFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** Every family the kernel has: name, id, version, operations and multicast groups. */
  families(): Promise<GenlFamilyInfo[]> {
    return this.ctx.genl().families();
  }

  /** One family by name, or by `{ id }` (GenlFamilyNotFoundError when the kernel has none). */
  family(which: string | { id: number }): Promise<GenlFamilyInfo> {
    return this.ctx.genl().family(which);
  }

  /** The policies the kernel checks a family's requests with (all commands, or `op`'s), with the controller's messages. */
  async policies(which: string | { id: number }, op?: number): Promise<GenlPolicies & { messages: Message[] }> {
    const messages = await this.ctx.genl().policies(which, op);
    const out: GenlPolicies = { policies: {}, ops: {} };
    for (const m of messages) merge(out, m);
    return { ...out, messages };
  }
}

function merge(out: GenlPolicies, m: Message): void {
  const a = m.attrs ?? {};
  for (const [idx, attrs] of Object.entries((a.policy ?? {}) as Record<string, Record<string, AttrPolicy>>)) {
    const p = (out.policies[Number(idx)] ??= {});
    for (const [t, pol] of Object.entries(attrs)) p[Number(t)] = pol;
  }
  for (const [cmd, pol] of Object.entries((a.opPolicy ?? {}) as Record<string, { do?: number; dump?: number }>)) out.ops[Number(cmd)] = { ...out.ops[Number(cmd)], ...pol };
}
