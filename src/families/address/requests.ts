/**
 * Builders of address (RTM_*ADDR) requests from checked, resolved arguments (names
 * already turned into indexes, namespaces into fds or NSIDs). Pure: they
 * return {@link Message}s and send nothing. The flags they set are the ones
 * iproute2 sets for the same command (see fixtures/); the connection adds
 * NLM_F_REQUEST and NLM_F_ACK or NLM_F_DUMP.
 */
import { NLM_F_CREATE, NLM_F_EXCL } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_SCOPE, RTM } from '../../rtnl/constants.js';
import type { Cidr } from '../../api/validate.js';

export function addressChange(add: boolean, index: number, c: Cidr, opts: { broadcast?: string; label?: string; scope?: number; flags?: number } = {}): Message {
  const attrs: Record<string, unknown> = { local: c.address, address: c.address };
  if (opts.broadcast !== undefined) attrs.broadcast = opts.broadcast;
  if (opts.label !== undefined) attrs.label = opts.label;
  return {
    type: add ? RTM.RTM_NEWADDR : RTM.RTM_DELADDR,
    flags: add ? NLM_F_CREATE | NLM_F_EXCL : 0,
    seq: 0,
    pid: 0,
    header: { family: c.family === 6 ? AF_INET6 : AF_INET, prefixlen: c.prefixlen, flags: opts.flags ?? 0, scope: opts.scope ?? RT_SCOPE.RT_SCOPE_UNIVERSE, index },
    attrs,
  };
}

/** RTM_GETADDR dump request for one family or all; `index` (not 0): one link's (the kernel filters, under NETLINK_GET_STRICT_CHK). */
export function addressDump(family = AF_UNSPEC, index = 0): Message {
  return { type: RTM.RTM_GETADDR, flags: 0, seq: 0, pid: 0, header: { family, prefixlen: 0, flags: 0, scope: 0, index }, attrs: {} };
}

/**
 * RTM_DELADDR of an address as the kernel listed it (header and
 * attributes as dumped), which is how `ip addr flush` deletes.
 */
export function addressDeleteAsDumped(m: Message): Message {
  return { type: RTM.RTM_DELADDR, flags: 0, seq: 0, pid: 0, header: m.header, attrs: m.attrs ?? {} };
}
