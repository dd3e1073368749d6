/**
 * IPv6 tunnel attributes: IFLA_INFO_DATA of kind `ip6tnl`
 * (`enum { IFLA_IPTUN_* }` in `linux/if_tunnel.h`, IP6_TNL_F_* in
 * `linux/ip6_tunnel.h`, Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * The enum of ipip and sit (iptun.ts), with 16-byte IPv6 endpoints. TTL is
 * the hop limit, PROTO the inner protocol (`mode ip6ip6 | ipip6 | any`:
 * IPPROTO_IPV6, IPPROTO_IPIP, 0), FLOWINFO the traffic class and flow
 * label (__be32), FLAGS a host-order u32 of IP6_TNL_F_* bits. The 6RD_*
 * attributes are sit's and unused here.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { ipv4, ipv6 } from '../../../schema/addresses.js';
import { enumOf, flagsOf } from '../../../schema/enums.js';
import { flag, u16, u16be, u32, u32be, u8 } from '../../../schema/scalars.js';
import { IPPROTO } from '../../../rtnl/constants.js';
import { IP6_TNL_F, TUNNEL_ENCAP, TUNNEL_ENCAP_FLAG } from './tunnel.js';

/** `IFLA_IPTUN_*` with IPv6 endpoints: IFLA_INFO_DATA of `ip6tnl`. */
export const ip6tnlAttrs = attrSet('IFLA_IPTUN', 'IFLA_IPTUN_', [
  [1, 'IFLA_IPTUN_LINK', u32],
  [2, 'IFLA_IPTUN_LOCAL', ipv6],
  [3, 'IFLA_IPTUN_REMOTE', ipv6],
  [4, 'IFLA_IPTUN_TTL', u8], // hop limit
  [5, 'IFLA_IPTUN_TOS', u8],
  [6, 'IFLA_IPTUN_ENCAP_LIMIT', u8],
  [7, 'IFLA_IPTUN_FLOWINFO', u32be],
  [8, 'IFLA_IPTUN_FLAGS', flagsOf(u32, IP6_TNL_F)],
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
  [19, 'IFLA_IPTUN_COLLECT_METADATA', flag],
  [20, 'IFLA_IPTUN_FWMARK', u32],
]);
