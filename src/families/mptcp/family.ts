/**
 * mptcp_pm, the in-kernel MPTCP path manager (`linux/mptcp_pm.h`): version
 * 1; endpoints (the local addresses MPTCP may announce or open subflows
 * from), the per-namespace limits, and the user-space path manager's
 * commands (announce, remove, subflow create and destroy, by connection
 * token). Connection and subflow events (MPTCP_EVENT_*) go to the
 * `mptcp_pm_events` group, numbered apart from the commands: a command's
 * number means something else in an event.
 *
 * The endpoint commands (add, delete, flush) take the MPTCP_PM_ENDPOINT_*
 * set, the others MPTCP_PM_ATTR_*; both carry the address as attribute 1,
 * so requests and replies have the same friendly key, `addr`.
 */
import { genlFamily, type GenlCommand } from '../../genl/family.js';
import { mptcpEventAttrs, mptcpPmAttrs, mptcpPmEndpointAttrs } from './attrs.js';

export const MPTCP_PM_NAME = 'mptcp_pm';
export const MPTCP_PM_VER = 1;

/** Commands (and their replies). */
export const MPTCP_PM_CMD = {
  MPTCP_PM_CMD_ADD_ADDR: 1,
  MPTCP_PM_CMD_DEL_ADDR: 2,
  MPTCP_PM_CMD_GET_ADDR: 3,
  MPTCP_PM_CMD_FLUSH_ADDRS: 4,
  MPTCP_PM_CMD_SET_LIMITS: 5,
  MPTCP_PM_CMD_GET_LIMITS: 6,
  MPTCP_PM_CMD_SET_FLAGS: 7,
  MPTCP_PM_CMD_ANNOUNCE: 8,
  MPTCP_PM_CMD_REMOVE: 9,
  MPTCP_PM_CMD_SUBFLOW_CREATE: 10,
  MPTCP_PM_CMD_SUBFLOW_DESTROY: 11,
} as const;

/** Events (`enum mptcp_event_type`); 4, 5, 8, 9, 12 and 14 are unused. */
export const MPTCP_EVENT = {
  MPTCP_EVENT_CREATED: 1,
  MPTCP_EVENT_ESTABLISHED: 2,
  MPTCP_EVENT_CLOSED: 3,
  MPTCP_EVENT_ANNOUNCED: 6,
  MPTCP_EVENT_REMOVED: 7,
  MPTCP_EVENT_SUB_ESTABLISHED: 10,
  MPTCP_EVENT_SUB_CLOSED: 11,
  MPTCP_EVENT_SUB_PRIORITY: 13,
  MPTCP_EVENT_LISTENER_CREATED: 15,
  MPTCP_EVENT_LISTENER_CLOSED: 16,
} as const;

/** Multicast groups (`linux/mptcp.h`): the events', and one for commands the kernel registers but never sends to. */
export const MPTCP_PM_CMD_GRP_NAME = 'mptcp_pm_cmds';
export const MPTCP_PM_EV_GRP_NAME = 'mptcp_pm_events';

/** Endpoint commands: they carry MPTCP_PM_ENDPOINT_*. */
const ENDPOINT_CMDS: ReadonlySet<number> = new Set([MPTCP_PM_CMD.MPTCP_PM_CMD_ADD_ADDR, MPTCP_PM_CMD.MPTCP_PM_CMD_DEL_ADDR, MPTCP_PM_CMD.MPTCP_PM_CMD_FLUSH_ADDRS]);

function commands(): GenlCommand[] {
  const out: GenlCommand[] = [];
  for (const [name, cmd] of Object.entries(MPTCP_PM_CMD)) {
    // The kernel answers no endpoint command (a dump of endpoints comes as MPTCP_PM_CMD_GET_ADDR).
    if (ENDPOINT_CMDS.has(cmd)) out.push({ cmd, name, attrs: mptcpPmEndpointAttrs, dir: 'request' });
    else out.push({ cmd, name, attrs: mptcpPmAttrs });
  }
  for (const [name, cmd] of Object.entries(MPTCP_EVENT)) out.push({ cmd, name, attrs: mptcpEventAttrs, dir: 'event', op: 'other' });
  return out;
}

export const mptcpFamily = genlFamily({
  name: MPTCP_PM_NAME,
  version: MPTCP_PM_VER,
  groups: [MPTCP_PM_CMD_GRP_NAME, MPTCP_PM_EV_GRP_NAME],
  commands: commands(),
});
