/**
 * Per-interface forwarding settings (RTM_NEWNETCONF/DELNETCONF/GETNETCONF,
 * `linux/netconf.h`, Linux 6.18): the `netconfmsg` header.
 *
 * ```
 * struct netconfmsg {              0        1        2        3
 *   __u8 ncm_family;               +--------+--------------------------+
 * };                               | family |  (padding to 4 bytes)    |
 *                                  +--------+--------------------------+
 * ```
 * One byte in C; the kernel and iproute2 align it to 4 (NLMSG_ALIGN).
 * ncm_family is AF_INET, AF_INET6 or AF_MPLS (AF_UNSPEC in a dump request: all).
 */
import { enumOf } from '../../schema/enums.js';
import { u8 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

export const netconfmsg = struct('netconfmsg', 'ncm_', [['ncm_family', enumOf(u8, AF)], 3]);
