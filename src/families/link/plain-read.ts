/**
 * Which link requests may go out before a socket's netlink options are
 * set (see SocketPortOptions.deferOptions): plain link reads.
 */
import { NLA_HDRLEN, NLA_TYPE_MASK, NLMSG_HDRLEN } from '../../core/constants.js';
import { RTM } from '../../rtnl/constants.js';
import { linkAttrs } from './attrs.js';
import { ifinfomsg } from './header.js';

/**
 * True for an RTM_GETLINK request (lookup or dump) carrying only
 * IFLA_IFNAME and IFLA_EXT_MASK: the kernel answers it the same with or
 * without NETLINK_EXT_ACK and NETLINK_GET_STRICT_CHK, so a handle's socket
 * may send it before its options are set (SocketPortOptions.deferOptions).
 */
export function isPlainLinkRead(d: Uint8Array): boolean {
  if (d.length < NLMSG_HDRLEN + ifinfomsg.structSize) return false;
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  if (dv.getUint16(4, true) !== RTM.RTM_GETLINK) return false;
  const plain = (PLAIN_LINK_ATTRS ??= new Set(['ifname', 'extMask'].map((k) => linkAttrs.byKey.get(k)!.type)));
  const end = Math.min(d.length, dv.getUint32(0, true));
  for (let p = NLMSG_HDRLEN + ifinfomsg.structSize; p + NLA_HDRLEN <= end; ) {
    const len = dv.getUint16(p, true);
    if (len < NLA_HDRLEN || !plain.has(dv.getUint16(p + 2, true) & NLA_TYPE_MASK)) return false;
    p += (len + 3) & ~3;
  }
  return true;
}

/** The types of IFLA_IFNAME and IFLA_EXT_MASK, read from the declarations on first use. */
let PLAIN_LINK_ATTRS: Set<number> | undefined;
