/**
 * Builders of NSID (RTM_*NSID) requests from checked, resolved arguments (names
 * already turned into indexes, namespaces into fds or NSIDs). Pure: they
 * return {@link Message}s and send nothing. The flags they set are the ones
 * iproute2 sets for the same command (see fixtures/); the connection adds
 * NLM_F_REQUEST and NLM_F_ACK or NLM_F_DUMP.
 */
import type { Message } from '../../netlink/message.js';
import { AF_UNSPEC, RTM } from '../../rtnl/constants.js';

export function nsidSet(fd: number, nsid: number): Message {
  return { type: RTM.RTM_NEWNSID, flags: 0, seq: 0, pid: 0, header: { family: AF_UNSPEC }, attrs: { fd, nsid } };
}

/** RTM_GETNSID of the namespace of `fd`, as seen from here or from the namespace with NSID `targetNsid`. */
export function nsidGet(fd: number, targetNsid?: number): Message {
  const attrs: Record<string, unknown> = { fd };
  if (targetNsid !== undefined) attrs.targetNsid = targetNsid;
  return { type: RTM.RTM_GETNSID, flags: 0, seq: 0, pid: 0, header: { family: AF_UNSPEC }, attrs };
}

/** RTM_GETNSID dump. */
export function nsidDump(): Message {
  return { type: RTM.RTM_GETNSID, flags: 0, seq: 0, pid: 0, header: { family: AF_UNSPEC }, attrs: {} };
}
