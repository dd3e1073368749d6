/**
 * The friendly view of a decoded RTM_NEWNEIGH, as the API returns it; the
 * full decoded message stays in `message` for anything not lifted.
 */
import type { Message } from '../../netlink/message.js';
import { AF_BRIDGE, AF_INET6 } from '../../rtnl/constants.js';
import { kernelWord, type KernelWord } from '../../schema/enums.js';
import { NTF, NUD, nudBits } from './header.js';

/** A neighbour state by the kernel's word (`NUD_REACHABLE` is `reachable`). */
export type NudName = KernelWord<typeof NUD, 'NUD_'>;

/** An ARP or NDISC cache entry, a proxy entry, or a bridge FDB entry. */
export interface Neighbour {
  /** ifindex of the link it is on. */
  index: number;
  /** Name of that link, where the API resolved it. */
  dev?: string;
  /** IPv4, IPv6, or a bridge FDB entry. */
  family: 4 | 6 | 'bridge';
  /** The IP address (NDA_DST; absent on most FDB entries). */
  address?: string;
  /** The link-layer address (NDA_LLADDR). */
  lladdr?: string;
  /** NUD_* state bits, and the same by the kernel's words. */
  state: number;
  states: NudName[];
  /** NTF_* flags. */
  flags: number;
  /** NTF_ROUTER: the neighbour is an IPv6 router. */
  router: boolean;
  /** NTF_PROXY: a proxy entry (answered for), not a cache entry. */
  proxy: boolean;
  /** RTPROT_* originator of the entry (NDA_PROTOCOL), when set. */
  protocol?: number;
  /** The whole decoded RTM_NEWNEIGH. */
  message: Message;
}

export function toNeighbour(m: Message): Neighbour {
  const a = m.attrs ?? {};
  const h = m.header!;
  const n: Neighbour = {
    index: h.ifindex,
    family: h.family === AF_BRIDGE ? 'bridge' : h.family === AF_INET6 ? 6 : 4,
    state: h.state,
    states: nudBits(h.state).map((bit) => kernelWord(NUD, 'NUD_', bit) as NudName),
    flags: h.flags,
    router: (h.flags & NTF.NTF_ROUTER) !== 0,
    proxy: (h.flags & NTF.NTF_PROXY) !== 0,
    message: m,
  };
  if (a.dst !== undefined) n.address = a.dst;
  if (a.lladdr !== undefined) n.lladdr = a.lladdr;
  if (a.protocol !== undefined) n.protocol = a.protocol;
  return n;
}
