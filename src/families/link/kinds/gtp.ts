/**
 * GTP attributes: IFLA_INFO_DATA of kind `gtp` (`enum { IFLA_GTP_* }` and
 * `enum ifla_gtp_role` in `linux/if_link.h`, Linux 6.18 / iproute2's
 * include/uapi as fetched).
 *
 * FD0 / FD1 are the file descriptors of the GTPv0 / GTPv1-U UDP sockets the
 * caller passes in; with CREATE_SOCKETS (u8, what iproute2 sends) the
 * kernel makes them itself, bound to LOCAL / LOCAL6.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { ipv4, ipv6 } from '../../../schema/addresses.js';
import { enumOf } from '../../../schema/enums.js';
import { u32, u8 } from '../../../schema/scalars.js';

/** IFLA_GTP_ROLE values (`enum ifla_gtp_role`). */
export const GTP_ROLE = {
  GTP_ROLE_GGSN: 0,
  GTP_ROLE_SGSN: 1,
} as const;

/** `IFLA_GTP_*`: IFLA_INFO_DATA of a `gtp` link. */
export const gtpAttrs = attrSet('IFLA_GTP', 'IFLA_GTP_', () => [
  [1, 'IFLA_GTP_FD0', u32],
  [2, 'IFLA_GTP_FD1', u32],
  [3, 'IFLA_GTP_PDP_HASHSIZE', u32],
  [4, 'IFLA_GTP_ROLE', enumOf(u32, GTP_ROLE)],
  [5, 'IFLA_GTP_CREATE_SOCKETS', u8],
  [6, 'IFLA_GTP_RESTART_COUNT', u8],
  [7, 'IFLA_GTP_LOCAL', ipv4],
  [8, 'IFLA_GTP_LOCAL6', ipv6],
]);
