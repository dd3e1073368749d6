/** Generic netlink numbers (`linux/netlink.h`, `linux/genetlink.h`). */

/** The socket protocol of generic netlink. */
export const NETLINK_GENERIC = 16;

/** The controller's fixed family id (nlctrl). */
export const GENL_ID_CTRL = 0x10;

/** Bytes of `genlmsghdr`. */
export const GENL_HDRLEN = 4;
