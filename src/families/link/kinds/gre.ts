/**
 * GRE attributes: IFLA_INFO_DATA of kinds `gre`, `gretap`, `erspan` (IPv4
 * outer header) and `ip6gre`, `ip6gretap`, `ip6erspan` (IPv6)
 * (`enum { IFLA_GRE_* }` in `linux/if_tunnel.h`, Linux 6.18 / iproute2's
 * include/uapi as fetched).
 *
 * One enum, two sets: LOCAL and REMOTE are 4-byte `__be32` for the IPv4
 * kinds and 16-byte `struct in6_addr` for the IPv6 ones. Byte order:
 * IFLAGS / OFLAGS are the GRE header's own flag bits (__be16), IKEY / OKEY
 * the keys as they appear in the header (__be32), FLOWINFO the IPv6
 * traffic class and flow label (__be32), ENCAP_SPORT / ENCAP_DPORT UDP
 * ports (__be16); everything else is host order. FLAGS carries IP6_TNL_F_*
 * (ip6gre only), ENCAP_LIMIT and FLOWINFO matter to the IPv6 kinds only.
 */
import { attrSet, type AttrSet } from '../../../schema/attr-set.js';
import { ipv4, ipv6 } from '../../../schema/addresses.js';
import { enumOf, flagsOf } from '../../../schema/enums.js';
import type { Kind } from '../../../schema/kind.js';
import { flag, u16, u16be, u32, u32be, u8 } from '../../../schema/scalars.js';
import { GRE_FLAG, IP6_TNL_F, TUNNEL_ENCAP, TUNNEL_ENCAP_FLAG } from './tunnel.js';

function greSet(addr: Kind<string>): AttrSet {
  return attrSet('IFLA_GRE', 'IFLA_GRE_', () => [
    [1, 'IFLA_GRE_LINK', u32], // ifindex of the underlay device
    [2, 'IFLA_GRE_IFLAGS', flagsOf(u16be, GRE_FLAG)],
    [3, 'IFLA_GRE_OFLAGS', flagsOf(u16be, GRE_FLAG)],
    [4, 'IFLA_GRE_IKEY', u32be],
    [5, 'IFLA_GRE_OKEY', u32be],
    [6, 'IFLA_GRE_LOCAL', addr],
    [7, 'IFLA_GRE_REMOTE', addr],
    [8, 'IFLA_GRE_TTL', u8], // hop limit for the IPv6 kinds; 0 = inherit
    [9, 'IFLA_GRE_TOS', u8], // 1 = inherit
    [10, 'IFLA_GRE_PMTUDISC', u8],
    [11, 'IFLA_GRE_ENCAP_LIMIT', u8],
    [12, 'IFLA_GRE_FLOWINFO', u32be],
    [13, 'IFLA_GRE_FLAGS', flagsOf(u32, IP6_TNL_F)],
    [14, 'IFLA_GRE_ENCAP_TYPE', enumOf(u16, TUNNEL_ENCAP)],
    [15, 'IFLA_GRE_ENCAP_FLAGS', flagsOf(u16, TUNNEL_ENCAP_FLAG)],
    [16, 'IFLA_GRE_ENCAP_SPORT', u16be],
    [17, 'IFLA_GRE_ENCAP_DPORT', u16be],
    [18, 'IFLA_GRE_COLLECT_METADATA', flag], // `external`
    [19, 'IFLA_GRE_IGNORE_DF', u8],
    [20, 'IFLA_GRE_FWMARK', u32],
    [21, 'IFLA_GRE_ERSPAN_INDEX', u32], // ERSPAN v1 session index (20 bits)
    [22, 'IFLA_GRE_ERSPAN_VER', u8], // 1 type II, 2 type III (0: type I, no ERSPAN header)
    [23, 'IFLA_GRE_ERSPAN_DIR', u8], // 0 ingress, 1 egress (no UAPI names)
    [24, 'IFLA_GRE_ERSPAN_HWID', u16], // ERSPAN v2 hardware id (6 bits)
  ]);
}

/** `IFLA_GRE_*` with IPv4 endpoints: IFLA_INFO_DATA of `gre`, `gretap`, `erspan`. */
export const greAttrs = greSet(ipv4);

/** `IFLA_GRE_*` with IPv6 endpoints: IFLA_INFO_DATA of `ip6gre`, `ip6gretap`, `ip6erspan`. */
export const ip6greAttrs = greSet(ipv6);
