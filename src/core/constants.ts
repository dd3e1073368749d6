/**
 * Netlink core constants, spelled as in `linux/netlink.h`
 * (matches the kernel UAPI as of Linux 6.18 / iproute2 6.16+ headers).
 */

/** Control message types (`NLMSG_*`). Types below NLMSG_MIN_TYPE are reserved. */
export const NLMSG = {
  NLMSG_NOOP: 0x1,
  NLMSG_ERROR: 0x2,
  NLMSG_DONE: 0x3,
  NLMSG_OVERRUN: 0x4,
} as const;
export const NLMSG_NOOP = 0x1;
export const NLMSG_ERROR = 0x2;
export const NLMSG_DONE = 0x3;
export const NLMSG_OVERRUN = 0x4;
export const NLMSG_MIN_TYPE = 0x10;

/** sizeof(struct nlmsghdr). */
export const NLMSG_HDRLEN = 16;
/** sizeof(struct nlattr). */
export const NLA_HDRLEN = 4;

/** Flags valid on every message. */
export const NLM_F = {
  NLM_F_REQUEST: 0x01,
  NLM_F_MULTI: 0x02,
  NLM_F_ACK: 0x04,
  NLM_F_ECHO: 0x08,
  NLM_F_DUMP_INTR: 0x10,
  NLM_F_DUMP_FILTERED: 0x20,
} as const;

/** Modifiers of GET requests (bits 8-11 mean different things per request kind). */
export const NLM_F_GET = {
  NLM_F_ROOT: 0x100,
  NLM_F_MATCH: 0x200,
  NLM_F_ATOMIC: 0x400,
} as const;
/** NLM_F_ROOT | NLM_F_MATCH. */
export const NLM_F_DUMP = 0x300;

/** Modifiers of NEW requests. */
export const NLM_F_NEW = {
  NLM_F_REPLACE: 0x100,
  NLM_F_EXCL: 0x200,
  NLM_F_CREATE: 0x400,
  NLM_F_APPEND: 0x800,
} as const;

/** Modifiers of DELETE requests. */
export const NLM_F_DEL = {
  NLM_F_NONREC: 0x100,
  NLM_F_BULK: 0x200,
} as const;

/** Flags of ACK (NLMSG_ERROR) messages. */
export const NLM_F_ACKFLAGS = {
  NLM_F_CAPPED: 0x100,
  NLM_F_ACK_TLVS: 0x200,
} as const;

export const NLM_F_REQUEST = 0x01;
export const NLM_F_MULTI = 0x02;
export const NLM_F_ACK = 0x04;
export const NLM_F_ECHO = 0x08;
export const NLM_F_DUMP_INTR = 0x10;
export const NLM_F_REPLACE = 0x100;
export const NLM_F_EXCL = 0x200;
export const NLM_F_CREATE = 0x400;
export const NLM_F_APPEND = 0x800;
export const NLM_F_CAPPED = 0x100;
export const NLM_F_ACK_TLVS = 0x200;

/** Attribute type flags (`struct nlattr` nla_type high bits). */
export const NLA_F_NESTED = 1 << 15;
export const NLA_F_NET_BYTEORDER = 1 << 14;
export const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

/** SOL_SOCKET options used on netlink sockets (asm-generic/socket.h). */
export const SOL_SOCKET = 1;
export const SO_OPT = {
  SO_RCVBUFFORCE: 33,
  SO_PROTOCOL: 38,
  SO_MEMINFO: 55,
} as const;

/** Socket options at SOL_NETLINK (270). */
export const SOL_NETLINK = 270;
export const NETLINK_OPT = {
  NETLINK_ADD_MEMBERSHIP: 1,
  NETLINK_DROP_MEMBERSHIP: 2,
  NETLINK_PKTINFO: 3,
  NETLINK_BROADCAST_ERROR: 4,
  NETLINK_NO_ENOBUFS: 5,
  NETLINK_LISTEN_ALL_NSID: 8,
  NETLINK_LIST_MEMBERSHIPS: 9,
  NETLINK_CAP_ACK: 10,
  NETLINK_EXT_ACK: 11,
  NETLINK_GET_STRICT_CHK: 12,
} as const;

/** Netlink protocol numbers (socket(AF_NETLINK, SOCK_RAW, protocol)). */
export const NETLINK_ROUTE = 0;
