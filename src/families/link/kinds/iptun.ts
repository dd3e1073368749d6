/**
 * IP-in-IP attributes: IFLA_INFO_DATA of kinds `ipip` and `sit`
 * (`enum { IFLA_IPTUN_* }` and SIT_ISATAP in `linux/if_tunnel.h`, Linux
 * 6.18 / iproute2's include/uapi as fetched). `ip6tnl` uses the same enum
 * with IPv6 endpoints: see ip6tnl.ts.
 *
 * LOCAL and REMOTE are `__be32` IPv4 addresses. PROTO is the inner
 * protocol (`mode ipip | ip6ip | mplsip | any`: IPPROTO_IPIP, IPPROTO_IPV6,
 * IPPROTO_MPLS, 0). FLAGS is a u16 whose only bit is SIT_ISATAP, 6RD_* the
 * sit 6rd prefixes. ENCAP_SPORT / ENCAP_DPORT are __be16; FLOWINFO and
 * ENCAP_LIMIT are ip6tnl's and unused here.
 */
import { attrSet, type AttrSet } from '../../../schema/attr-set.js';
import type { Kind } from '../../../schema/kind.js';
import { ipv4, ipv6 } from '../../../schema/addresses.js';
import { enumOf, flagsOf } from '../../../schema/enums.js';
import { flag, u16, u16be, u32, u32be, u8 } from '../../../schema/scalars.js';
import { IPPROTO } from '../../../rtnl/constants.js';
import { TUNNEL_ENCAP, TUNNEL_ENCAP_FLAG } from './tunnel.js';

/** IFLA_IPTUN_FLAGS bits of a sit tunnel (`SIT_ISATAP`). */
export const SIT_FLAG = {
  SIT_ISATAP: 0x0001,
} as const;

/** `IFLA_IPTUN_*`, with the endpoints' address kind and the FLAGS kind of the tunnel type. */
export function iptunSet(endpoint: Kind, flags: Kind): AttrSet {
  return attrSet('IFLA_IPTUN', 'IFLA_IPTUN_', () => [
    [1, 'IFLA_IPTUN_LINK', u32], // ifindex of the underlay device
    [2, 'IFLA_IPTUN_LOCAL', endpoint],
    [3, 'IFLA_IPTUN_REMOTE', endpoint],
    [4, 'IFLA_IPTUN_TTL', u8], // 0 = inherit (ip6tnl: the hop limit)
    [5, 'IFLA_IPTUN_TOS', u8], // 1 = inherit
    [6, 'IFLA_IPTUN_ENCAP_LIMIT', u8],
    [7, 'IFLA_IPTUN_FLOWINFO', u32be],
    [8, 'IFLA_IPTUN_FLAGS', flags],
    [9, 'IFLA_IPTUN_PROTO', enumOf(u8, IPPROTO)],
    [10, 'IFLA_IPTUN_PMTUDISC', u8],
    [11, 'IFLA_IPTUN_6RD_PREFIX', ipv6],
    [12, 'IFLA_IPTUN_6RD_RELAY_PREFIX', ipv4],
    [13, 'IFLA_IPTUN_6RD_PREFIXLEN', u16],
    [14, 'IFLA_IPTUN_6RD_RELAY_PREFIXLEN', u16],
    [15, 'IFLA_IPTUN_ENCAP_TYPE', enumOf(u16, TUNNEL_ENCAP)],
    [16, 'IFLA_IPTUN_ENCAP_FLAGS', flagsOf(u16, TUNNEL_ENCAP_FLAG)],
    [17, 'IFLA_IPTUN_ENCAP_SPORT', u16be],
    [18, 'IFLA_IPTUN_ENCAP_DPORT', u16be],
    [19, 'IFLA_IPTUN_COLLECT_METADATA', flag], // `external`
    [20, 'IFLA_IPTUN_FWMARK', u32],
  ]);
}

/** `IFLA_IPTUN_*` with IPv4 endpoints: IFLA_INFO_DATA of `ipip` and `sit`. */
export const iptunAttrs = iptunSet(ipv4, flagsOf(u16, SIT_FLAG));
