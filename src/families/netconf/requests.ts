/**
 * Builders of netconf (RTM_GETNETCONF) requests. Pure: they return
 * {@link Message}s and send nothing. As `ip netconf show`: a dump of one
 * family (or all, AF_UNSPEC), or one interface's settings with
 * NETCONFA_IFINDEX.
 */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';

/** RTM_GETNETCONF dump of `family` (AF_UNSPEC: every family). */
export function netconfDump(family: number): Message {
  return { type: RTM.RTM_GETNETCONF, flags: 0, seq: 0, pid: 0, header: { family }, attrs: {} };
}

/** RTM_GETNETCONF of one interface (an ifindex, or NETCONFA_IFINDEX_ALL / _DEFAULT). */
export function netconfGet(family: number, ifindex: number): Message {
  return { type: RTM.RTM_GETNETCONF, flags: 0, seq: 0, pid: 0, header: { family }, attrs: { ifindex } };
}
