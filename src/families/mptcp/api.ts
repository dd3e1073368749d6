/**
 * `handle.mptcp`: the namespace's MPTCP endpoints and limits, through the
 * in-kernel path manager (generic netlink family `mptcp_pm`). Requests
 * carry their attributes in the order `ip mptcp` sends them.
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkUint, parseAddress } from '../../api/validate.js';
import { AF } from '../../rtnl/constants.js';
import { mptcpFamily, MPTCP_PM_CMD } from './family.js';
import { endpointOf, flagBit, limitsOf, MPTCP_REQUEST_FLAGS, type MptcpEndpoint, type MptcpFlag, type MptcpLimits } from './view.js';

export type { MptcpEndpoint, MptcpFlag, MptcpLimits } from './view.js';

/** What `addEndpoint` takes (`ip mptcp endpoint add ADDRESS [ dev NAME ] [ id ID ] [ port NR ] [ FLAG-LIST ]`). */
export interface MptcpEndpointOptions {
  address: string;
  /** 1 to 255; the kernel picks one when left out. */
  id?: number;
  /** Bind subflows from this address to a device, by name... */
  dev?: string;
  /** ...or by index. */
  ifindex?: number;
  /** Announce this port with the address (needs the `signal` flag). */
  port?: number;
  flags?: readonly Exclude<MptcpFlag, 'implicit'>[];
}

/** An endpoint as commands name it: its id, its address, or both (id 0 needs the address). */
export type MptcpEndpointRef = number | string | { id?: number; address?: string; port?: number };

export class MptcpFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** Every endpoint (an MPTCP_PM_CMD_GET_ADDR dump), devices named. */
  async endpoints(): Promise<MptcpEndpoint[]> {
    const replies = await this.ctx.genl().dump(mptcpFamily, 'MPTCP_PM_CMD_GET_ADDR');
    const msgs = replies.filter((m) => m.header?.cmd === MPTCP_PM_CMD.MPTCP_PM_CMD_GET_ADDR);
    const names = msgs.some((m) => m.attrs?.addr?.ifIdx) ? await this.ctx.linkNames() : undefined;
    return msgs.map((m) => endpointOf(m, names));
  }

  /** The endpoint with id `id` (KernelError `address not found` when there is none). */
  async endpoint(id: number): Promise<MptcpEndpoint> {
    const m = await this.ctx.genl().requestOne(mptcpFamily, 'MPTCP_PM_CMD_GET_ADDR', { addr: { id: checkId(id) } });
    return endpointOf(m, m.attrs?.addr?.ifIdx ? await this.ctx.linkNames() : undefined);
  }

  /** Adds an endpoint (every argument checked before anything is sent). */
  async addEndpoint(opts: MptcpEndpointOptions): Promise<void> {
    if (opts === null || typeof opts !== 'object') throw new InvalidArgumentError('addEndpoint takes an object with at least an address');
    const { family, address } = parseAddress(opts.address);
    const addr: Record<string, unknown> = {};
    if (opts.id !== undefined) addr.id = checkId(opts.id);
    let flags = 0;
    if (opts.flags !== undefined && !Array.isArray(opts.flags)) throw new InvalidArgumentError(`flags is a list of ${MPTCP_REQUEST_FLAGS.join(', ')}`);
    for (const w of opts.flags ?? []) {
      const bit = (MPTCP_REQUEST_FLAGS as readonly string[]).includes(w) ? flagBit(w) : undefined;
      if (bit === undefined) throw new InvalidArgumentError(`unknown MPTCP endpoint flag "${String(w)}" (${MPTCP_REQUEST_FLAGS.join(', ')})`, String(w));
      flags |= bit;
    }
    if (flags) addr.flags = flags;
    const port = opts.port === undefined ? 0 : checkUint(opts.port, 'port', 0xffff);
    let ifindex = opts.ifindex === undefined ? 0 : checkUint(opts.ifindex, 'ifindex', 0x7fffffff);
    if (opts.dev !== undefined) ifindex = await this.ctx.indexOf(opts.dev);
    if (ifindex) addr.ifIdx = ifindex;
    if (port) addr.port = port;
    addAddress(addr, family, address);
    await this.ctx.genl().request(mptcpFamily, 'MPTCP_PM_CMD_ADD_ADDR', { addr });
  }

  /**
   * Deletes an endpoint: by id, or by address (the endpoint with that
   * address is looked up; InvalidArgumentError when none has it), or
   * `{ id: 0, address }` for the initial subflows' address, as
   * `ip mptcp endpoint delete id 0 ADDRESS` does.
   */
  async deleteEndpoint(ref: MptcpEndpointRef): Promise<void> {
    await this.ctx.genl().request(mptcpFamily, 'MPTCP_PM_CMD_DEL_ADDR', { addr: await this.resolve(ref, true) });
  }

  /** Deletes every endpoint. */
  async flushEndpoints(): Promise<void> {
    await this.ctx.genl().request(mptcpFamily, 'MPTCP_PM_CMD_FLUSH_ADDRS');
  }

  /**
   * Sets an endpoint's `backup` and `fullmesh` flags to exactly `flags`
   * (a flag left out is cleared), as `ip mptcp endpoint change` does.
   */
  async setEndpointFlags(ref: MptcpEndpointRef, flags: readonly ('backup' | 'fullmesh')[]): Promise<void> {
    let bits = 0;
    for (const w of flags) {
      if (w !== 'backup' && w !== 'fullmesh') throw new InvalidArgumentError(`only the backup and fullmesh flags can change, not "${String(w)}"`, String(w));
      bits |= flagBit(w)!;
    }
    const addr = await this.resolve(ref, false);
    const out: Record<string, unknown> = {};
    if (addr.id !== undefined) out.id = addr.id;
    if (bits) out.flags = bits;
    for (const [k, v] of Object.entries(addr)) if (k !== 'id') out[k] = v;
    await this.ctx.genl().request(mptcpFamily, 'MPTCP_PM_CMD_SET_FLAGS', { addr: out });
  }

  /** The namespace's limits. */
  async limits(): Promise<MptcpLimits> {
    const m = await this.ctx.genl().requestOne(mptcpFamily, 'MPTCP_PM_CMD_GET_LIMITS');
    return limitsOf(m);
  }

  /** Sets the limits given (each 0 to 8 in Linux 6.18; the kernel says so when more). */
  async setLimits(limits: Partial<MptcpLimits>): Promise<void> {
    if (limits === null || typeof limits !== 'object') throw new InvalidArgumentError('setLimits takes { subflows?, addAddrAccepted? }');
    const attrs: Record<string, unknown> = {};
    if (limits.addAddrAccepted !== undefined) attrs.rcvAddAddrs = checkUint(limits.addAddrAccepted, 'addAddrAccepted');
    if (limits.subflows !== undefined) attrs.subflows = checkUint(limits.subflows, 'subflows');
    await this.ctx.genl().request(mptcpFamily, 'MPTCP_PM_CMD_SET_LIMITS', attrs);
  }

  /**
   * The MPTCP_PM_ADDR_ATTR_* naming an endpoint. `lookUp`: an address
   * without an id is looked up among the endpoints (delete needs the id);
   * otherwise it is sent as it is (the kernel looks it up).
   */
  private async resolve(ref: MptcpEndpointRef, lookUp: boolean): Promise<Record<string, unknown>> {
    const r = typeof ref === 'number' ? { id: ref } : typeof ref === 'string' ? { address: ref } : ref;
    if (r === null || typeof r !== 'object' || (r.id === undefined && r.address === undefined)) {
      throw new InvalidArgumentError('an endpoint is named by its id, its address, or both');
    }
    const id = r.id === undefined ? undefined : checkId(r.id);
    if (r.address === undefined) return { id };
    const { family, address } = parseAddress(r.address);
    if (lookUp && id === undefined) {
      const found = (await this.endpoints()).find((e) => e.address === address && (r.port === undefined || e.port === r.port));
      if (found === undefined) throw new InvalidArgumentError(`no MPTCP endpoint has address ${address}`, r.address);
      return { id: found.id };
    }
    const out: Record<string, unknown> = {};
    if (id !== undefined) out.id = id;
    if (r.port !== undefined && r.port !== 0) out.port = checkUint(r.port, 'port', 0xffff);
    addAddress(out, family, address);
    return out;
  }
}

function checkId(id: unknown): number {
  return checkUint(id, 'endpoint id', 255);
}

/** MPTCP_PM_ADDR_ATTR_FAMILY and the address, as ip puts them last. */
function addAddress(addr: Record<string, unknown>, family: 4 | 6, address: string): void {
  addr.family = family === 4 ? AF.AF_INET : AF.AF_INET6;
  if (family === 4) addr.addr4 = address;
  else addr.addr6 = address;
}
