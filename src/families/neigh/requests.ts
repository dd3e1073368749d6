/**
 * Builders of neighbour (RTM_*NEIGH) requests from checked, resolved
 * arguments. Pure: they return {@link Message}s and send nothing. The
 * flags are iproute2's for the same command (`ip neigh add` CREATE|EXCL,
 * `replace` CREATE|REPLACE, `change` REPLACE); the connection adds
 * NLM_F_REQUEST and NLM_F_ACK or NLM_F_DUMP.
 */
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RTM } from '../../rtnl/constants.js';
import { NTF, NUD } from './header.js';

/** How a neighbour request treats an existing entry: `ip neigh add`, `replace` or `change`. */
export type NeighOp = 'add' | 'replace' | 'change';

const OP_FLAGS: Readonly<Record<NeighOp, number>> = {
  add: NLM_F_CREATE | NLM_F_EXCL,
  replace: NLM_F_CREATE | NLM_F_REPLACE,
  change: NLM_F_REPLACE,
};

/** Resolved arguments of a neighbour entry. */
export interface NeighSpec {
  family: 4 | 6;
  /** The IP address (NDA_DST). */
  address: string;
  index: number;
  lladdr?: string;
  /** NUD_* state (default NUD_PERMANENT, as iproute2's). */
  state?: number;
  /** NTF_* flags (NTF_PROXY for a proxy entry, NTF_ROUTER...). */
  flags?: number;
  /** RTPROT_* originator (NDA_PROTOCOL). */
  protocol?: number;
}

function header(s: { family: 4 | 6; index: number; state?: number; flags?: number }): Record<string, unknown> {
  return { family: s.family === 6 ? AF_INET6 : AF_INET, ifindex: s.index, state: s.state ?? 0, flags: s.flags ?? 0, type: 0 };
}

/** RTM_NEWNEIGH: add, replace or change an entry. */
export function neighChange(op: NeighOp, s: NeighSpec): Message {
  // In iproute2's order: NDA_PROTOCOL first.
  const attrs: Record<string, unknown> = s.protocol === undefined ? {} : { protocol: s.protocol };
  attrs.dst = s.address;
  if (s.lladdr !== undefined) attrs.lladdr = s.lladdr;
  return { type: RTM.RTM_NEWNEIGH, flags: OP_FLAGS[op], seq: 0, pid: 0, header: header({ ...s, state: s.state ?? NUD.NUD_PERMANENT }), attrs };
}

/** RTM_DELNEIGH of one entry (`proxy`: the proxy entry of that address); the state is iproute2's default, NUD_PERMANENT (the kernel ignores it). */
export function neighDelete(s: { family: 4 | 6; address: string; index: number; proxy?: boolean }): Message {
  return { type: RTM.RTM_DELNEIGH, flags: 0, seq: 0, pid: 0, header: header({ ...s, state: NUD.NUD_PERMANENT, flags: s.proxy ? NTF.NTF_PROXY : 0 }), attrs: { dst: s.address } };
}

/** RTM_GETNEIGH of one entry (`ip neigh get`): answered by the entry, no ACK. */
export function neighGet(s: { family: 4 | 6; address: string; index: number; proxy?: boolean }): Message {
  return { type: RTM.RTM_GETNEIGH, flags: 0, seq: 0, pid: 0, header: header({ ...s, flags: s.proxy ? NTF.NTF_PROXY : 0 }), attrs: { dst: s.address } };
}

/**
 * RTM_GETNEIGH dump of one family or all; `index` (NDA_IFINDEX) and
 * `master` (NDA_MASTER) filter in the kernel, `proxy` asks for the proxy
 * entries instead of the cache.
 */
export function neighDump(opts: { family?: number; index?: number; master?: number; proxy?: boolean } = {}): Message {
  const attrs: Record<string, unknown> = {};
  if (opts.index !== undefined) attrs.ifindex = opts.index;
  if (opts.master !== undefined) attrs.master = opts.master;
  return { type: RTM.RTM_GETNEIGH, flags: 0, seq: 0, pid: 0, header: { family: opts.family ?? AF_UNSPEC, ifindex: 0, state: 0, flags: opts.proxy ? NTF.NTF_PROXY : 0, type: 0 }, attrs };
}
