/**
 * The MPTCP path manager's attributes (`linux/mptcp_pm.h`, `linux/mptcp.h`,
 * Linux 6.18): the commands' MPTCP_PM_ATTR_* (to MPTCP_PM_ATTR_ADDR_REMOTE
 * = 6), the endpoint commands' MPTCP_PM_ENDPOINT_* (one attribute, the
 * same number as MPTCP_PM_ATTR_ADDR), an address MPTCP_PM_ADDR_ATTR_* (to
 * MPTCP_PM_ADDR_ATTR_IF_IDX = 7), the events' MPTCP_ATTR_* (to
 * MPTCP_ATTR_SERVER_SIDE = 18) and MPTCP_SUBFLOW_ATTR_* (to
 * MPTCP_SUBFLOW_ATTR_PAD = 11; no message of the family carries it today).
 *
 * Byte order as the kernel reads and writes them: an endpoint's port
 * (MPTCP_PM_ADDR_ATTR_PORT) is host order, an event's ports
 * (MPTCP_ATTR_SPORT/DPORT) network order; IPv4 addresses are the four
 * address bytes.
 */
import { ipv4, ipv6 } from '../../schema/addresses.js';
import { attrSet, nested } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { binary, s32, u8, u16, u16be, u32, u64 } from '../../schema/scalars.js';
import { AF } from '../../rtnl/constants.js';
import { NLA_F_NESTED } from '../../core/constants.js';

/** An endpoint's flags (MPTCP_PM_ADDR_FLAG_*; LAMINAR is new in Linux 6.18). */
export const MPTCP_PM_ADDR_FLAG = {
  MPTCP_PM_ADDR_FLAG_SIGNAL: 1 << 0,
  MPTCP_PM_ADDR_FLAG_SUBFLOW: 1 << 1,
  MPTCP_PM_ADDR_FLAG_BACKUP: 1 << 2,
  MPTCP_PM_ADDR_FLAG_FULLMESH: 1 << 3,
  MPTCP_PM_ADDR_FLAG_IMPLICIT: 1 << 4,
  MPTCP_PM_ADDR_FLAG_LAMINAR: 1 << 5,
} as const;

/** An event's MPTCP_ATTR_FLAGS (MPTCP_PM_EV_FLAG_*). */
export const MPTCP_PM_EV_FLAG = {
  MPTCP_PM_EV_FLAG_DENY_JOIN_ID0: 1 << 0,
  MPTCP_PM_EV_FLAG_SERVER_SIDE: 1 << 1,
} as const;

/** A subflow's MPTCP_SUBFLOW_ATTR_FLAGS (MPTCP_SUBFLOW_FLAG_*). */
export const MPTCP_SUBFLOW_FLAG = {
  MPTCP_SUBFLOW_FLAG_MCAP_REM: 1 << 0,
  MPTCP_SUBFLOW_FLAG_MCAP_LOC: 1 << 1,
  MPTCP_SUBFLOW_FLAG_JOIN_REM: 1 << 2,
  MPTCP_SUBFLOW_FLAG_JOIN_LOC: 1 << 3,
  MPTCP_SUBFLOW_FLAG_BKUP_REM: 1 << 4,
  MPTCP_SUBFLOW_FLAG_BKUP_LOC: 1 << 5,
  MPTCP_SUBFLOW_FLAG_FULLY_ESTABLISHED: 1 << 6,
  MPTCP_SUBFLOW_FLAG_CONNECTED: 1 << 7,
  MPTCP_SUBFLOW_FLAG_MAPVALID: 1 << 8,
} as const;

/** MPTCP reset reasons (RFC 8684), in MPTCP_ATTR_RESET_REASON. */
export const MPTCP_RST = {
  MPTCP_RST_EUNSPEC: 0,
  MPTCP_RST_EMPTCP: 1,
  MPTCP_RST_ERESOURCE: 2,
  MPTCP_RST_EPROHIBIT: 3,
  MPTCP_RST_EWQ2BIG: 4,
  MPTCP_RST_EBADPERF: 5,
  MPTCP_RST_EMIDDLEBOX: 6,
} as const;

/** The address families an endpoint may have. */
const FAMILY = { AF_UNSPEC: AF.AF_UNSPEC, AF_INET: AF.AF_INET, AF_INET6: AF.AF_INET6 } as const;

/** One address: an endpoint, or a connection's local or remote address. */
export const mptcpPmAddrAttrs = attrSet('MPTCP_PM_ADDR_ATTR', 'MPTCP_PM_ADDR_ATTR_', () => [
  [1, 'MPTCP_PM_ADDR_ATTR_FAMILY', enumOf(u16, FAMILY)],
  [2, 'MPTCP_PM_ADDR_ATTR_ID', u8],
  [3, 'MPTCP_PM_ADDR_ATTR_ADDR4', ipv4],
  [4, 'MPTCP_PM_ADDR_ATTR_ADDR6', ipv6],
  [5, 'MPTCP_PM_ADDR_ATTR_PORT', u16],
  [6, 'MPTCP_PM_ADDR_ATTR_FLAGS', flagsOf(u32, MPTCP_PM_ADDR_FLAG)],
  [7, 'MPTCP_PM_ADDR_ATTR_IF_IDX', s32],
]);

/** The endpoint commands' set (add, delete, flush): the address alone. */
export const mptcpPmEndpointAttrs = attrSet('MPTCP_PM_ENDPOINT', 'MPTCP_PM_ENDPOINT_', () => [
  [1, 'MPTCP_PM_ENDPOINT_ADDR', nested(() => mptcpPmAddrAttrs), { flags: NLA_F_NESTED }],
]);

/** The other commands' set (and every reply's). */
export const mptcpPmAttrs = attrSet('MPTCP_PM_ATTR', 'MPTCP_PM_ATTR_', () => [
  [1, 'MPTCP_PM_ATTR_ADDR', nested(() => mptcpPmAddrAttrs), { flags: NLA_F_NESTED }],
  // The limit the command line calls add_addr_accepted.
  [2, 'MPTCP_PM_ATTR_RCV_ADD_ADDRS', u32],
  [3, 'MPTCP_PM_ATTR_SUBFLOWS', u32],
  [4, 'MPTCP_PM_ATTR_TOKEN', u32],
  [5, 'MPTCP_PM_ATTR_LOC_ID', u8],
  [6, 'MPTCP_PM_ATTR_ADDR_REMOTE', nested(() => mptcpPmAddrAttrs), { flags: NLA_F_NESTED }],
]);

/** An event's attributes (`enum mptcp_event_attr`). */
export const mptcpEventAttrs = attrSet('MPTCP_ATTR', 'MPTCP_ATTR_', () => [
  [1, 'MPTCP_ATTR_TOKEN', u32],
  [2, 'MPTCP_ATTR_FAMILY', enumOf(u16, FAMILY)],
  [3, 'MPTCP_ATTR_LOC_ID', u8],
  [4, 'MPTCP_ATTR_REM_ID', u8],
  [5, 'MPTCP_ATTR_SADDR4', ipv4],
  [6, 'MPTCP_ATTR_SADDR6', ipv6],
  [7, 'MPTCP_ATTR_DADDR4', ipv4],
  [8, 'MPTCP_ATTR_DADDR6', ipv6],
  [9, 'MPTCP_ATTR_SPORT', u16be],
  [10, 'MPTCP_ATTR_DPORT', u16be],
  [11, 'MPTCP_ATTR_BACKUP', u8],
  // A copy of the subflow socket's sk_err.
  [12, 'MPTCP_ATTR_ERROR', u8],
  [13, 'MPTCP_ATTR_FLAGS', flagsOf(u16, MPTCP_PM_EV_FLAG)],
  [14, 'MPTCP_ATTR_TIMEOUT', u32],
  [15, 'MPTCP_ATTR_IF_IDX', s32],
  [16, 'MPTCP_ATTR_RESET_REASON', enumOf(u32, MPTCP_RST)],
  [17, 'MPTCP_ATTR_RESET_FLAGS', u32],
  [18, 'MPTCP_ATTR_SERVER_SIDE', u8],
]);

/** A subflow's state (`MPTCP_SUBFLOW_ATTR_*`, as `ss` reads it from inet_diag's MPTCP ULP info). */
export const mptcpSubflowAttrs = attrSet('MPTCP_SUBFLOW_ATTR', 'MPTCP_SUBFLOW_ATTR_', () => [
  [1, 'MPTCP_SUBFLOW_ATTR_TOKEN_REM', u32],
  [2, 'MPTCP_SUBFLOW_ATTR_TOKEN_LOC', u32],
  [3, 'MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ', u32],
  [4, 'MPTCP_SUBFLOW_ATTR_MAP_SEQ', u64],
  [5, 'MPTCP_SUBFLOW_ATTR_MAP_SFSEQ', u32],
  [6, 'MPTCP_SUBFLOW_ATTR_SSN_OFFSET', u32],
  [7, 'MPTCP_SUBFLOW_ATTR_MAP_DATALEN', u16],
  [8, 'MPTCP_SUBFLOW_ATTR_FLAGS', flagsOf(u32, MPTCP_SUBFLOW_FLAG)],
  [9, 'MPTCP_SUBFLOW_ATTR_ID_REM', u8],
  [10, 'MPTCP_SUBFLOW_ATTR_ID_LOC', u8],
  // Alignment of the 64-bit MAP_SEQ.
  [11, 'MPTCP_SUBFLOW_ATTR_PAD', binary()],
]);
