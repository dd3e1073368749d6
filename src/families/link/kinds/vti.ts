/**
 * VTI attributes: IFLA_INFO_DATA of kinds `vti` (IPv4) and `vti6` (IPv6)
 * (`enum { IFLA_VTI_* }` in `linux/if_tunnel.h`, Linux 6.18 / iproute2's
 * include/uapi as fetched).
 *
 * IKEY / OKEY are the keys (marks) matched against xfrm policies, __be32
 * as iproute2 sends them; LOCAL / REMOTE are 4 bytes for `vti`, 16 for
 * `vti6`.
 */
import { attrSet, type AttrSet } from '../../../schema/attr-set.js';
import { ipv4, ipv6 } from '../../../schema/addresses.js';
import type { Kind } from '../../../schema/kind.js';
import { u32, u32be } from '../../../schema/scalars.js';

function vtiSet(addr: Kind<string>): AttrSet {
  return attrSet('IFLA_VTI', 'IFLA_VTI_', () => [
    [1, 'IFLA_VTI_LINK', u32],
    [2, 'IFLA_VTI_IKEY', u32be],
    [3, 'IFLA_VTI_OKEY', u32be],
    [4, 'IFLA_VTI_LOCAL', addr],
    [5, 'IFLA_VTI_REMOTE', addr],
    [6, 'IFLA_VTI_FWMARK', u32],
  ]);
}

/** `IFLA_VTI_*` with IPv4 endpoints: IFLA_INFO_DATA of `vti`. */
export const vtiAttrs = vtiSet(ipv4);

/** `IFLA_VTI_*` with IPv6 endpoints: IFLA_INFO_DATA of `vti6`. */
export const vti6Attrs = vtiSet(ipv6);
