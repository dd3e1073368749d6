/**
 * The friendly view of a decoded RTM_NEWNETCONF: one family's forwarding
 * settings for one interface (or for `all` / `default`), as the API
 * returns it; the full decoded message stays in `message`.
 */
import type { Message } from '../../netlink/message.js';
import { AF, AF_INET, AF_INET6 } from '../../rtnl/constants.js';
import { NETCONF_IFINDEX } from './attrs.js';

/** Settings of one interface for one family; a setting the kernel did not report is undefined. */
export interface Netconf {
  family: 4 | 6 | 'mpls' | number;
  /** ifindex, or `all` (NETCONFA_IFINDEX_ALL) and `default` (NETCONFA_IFINDEX_DEFAULT). */
  index: number | 'all' | 'default';
  /** Name of the link, where the API resolved it. */
  dev?: string;
  forwarding?: boolean;
  /** 0 off, 1 strict, 2 loose (IPv4). */
  rpFilter?: number;
  mcForwarding?: boolean;
  proxyNeigh?: boolean;
  ignoreRoutesWithLinkdown?: boolean;
  /** MPLS input. */
  input?: boolean;
  bcForwarding?: boolean;
  forceForwarding?: boolean;
  message: Message;
}

const BOOLS = ['forwarding', 'mcForwarding', 'proxyNeigh', 'ignoreRoutesWithLinkdown', 'input', 'bcForwarding', 'forceForwarding'] as const;

export function toNetconf(m: Message): Netconf {
  const a = m.attrs ?? {};
  const f = m.header?.family;
  const i = a.ifindex;
  const n: Netconf = {
    family: f === AF_INET ? 4 : f === AF_INET6 ? 6 : f === AF.AF_MPLS ? 'mpls' : f,
    index: i === NETCONF_IFINDEX.NETCONFA_IFINDEX_ALL ? 'all' : i === NETCONF_IFINDEX.NETCONFA_IFINDEX_DEFAULT ? 'default' : i,
    message: m,
  };
  for (const k of BOOLS) if (a[k] !== undefined) n[k] = a[k] !== 0;
  if (a.rpFilter !== undefined) n.rpFilter = a.rpFilter;
  return n;
}
