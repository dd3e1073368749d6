/** Builders of neighbour table (RTM_GETNEIGHTBL) requests. Pure: they return {@link Message}s and send nothing. */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';

/** RTM_GETNEIGHTBL dump of `family` (AF_UNSPEC: every table), as `ip ntable show`. */
export function neightblDump(family: number): Message {
  return { type: RTM.RTM_GETNEIGHTBL, flags: 0, seq: 0, pid: 0, header: { family, pad1: 0, pad2: 0 }, attrs: {} };
}
