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
import { ipv6 } from '../../../schema/addresses.js';
import { flagsOf } from '../../../schema/enums.js';
import { u32 } from '../../../schema/scalars.js';
import { iptunSet } from './iptun.js';
import { IP6_TNL_F } from './tunnel.js';

/** `IFLA_IPTUN_*` with IPv6 endpoints: IFLA_INFO_DATA of `ip6tnl`. */
export const ip6tnlAttrs = iptunSet(ipv6, flagsOf(u32, IP6_TNL_F));
