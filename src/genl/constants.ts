/** Generic netlink numbers (`linux/netlink.h`, `linux/genetlink.h`). */

/** The socket protocol of generic netlink. */
export const NETLINK_GENERIC = 16;

/** The controller's fixed family id (nlctrl). */
export const GENL_ID_CTRL = 0x10;

/** Bytes of `genlmsghdr`. */
export const GENL_HDRLEN = 4;

/** The controller's commands (`linux/genetlink.h`). */
export const CTRL_CMD = {
  CTRL_CMD_UNSPEC: 0,
  CTRL_CMD_NEWFAMILY: 1,
  CTRL_CMD_DELFAMILY: 2,
  CTRL_CMD_GETFAMILY: 3,
  CTRL_CMD_NEWOPS: 4,
  CTRL_CMD_DELOPS: 5,
  CTRL_CMD_GETOPS: 6,
  CTRL_CMD_NEWMCAST_GRP: 7,
  CTRL_CMD_DELMCAST_GRP: 8,
  CTRL_CMD_GETMCAST_GRP: 9,
  CTRL_CMD_GETPOLICY: 10,
} as const;

/** The controller's interface version (genlmsghdr.version of its messages). */
export const CTRL_VERSION = 2;
