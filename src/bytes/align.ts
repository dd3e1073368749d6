/**
 * Netlink alignment. Messages (NLMSG_ALIGNTO) and attributes (NLA_ALIGNTO)
 * both align to 4 bytes (`linux/netlink.h`).
 */

/** NLMSG_ALIGNTO and NLA_ALIGNTO: 4 bytes. */
export const ALIGNTO = 4;

/** Rounds `len` up to the next multiple of 4 (NLMSG_ALIGN / NLA_ALIGN). */
export function align4(len: number): number {
  return (len + 3) & ~3;
}

/** Number of padding bytes that follow `len` bytes to reach 4-byte alignment. */
export function padding4(len: number): number {
  return (4 - (len & 3)) & 3;
}
