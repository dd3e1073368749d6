/**
 * Netconf attributes (`NETCONFA_*`, `linux/netconf.h`, Linux 6.18:
 * NETCONFA_UNSPEC to NETCONFA_FORCE_FORWARDING = 9). The kernel puts every
 * value as a signed 32-bit integer (`nla_put_s32`), booleans as 0/1;
 * NETCONFA_RP_FILTER is 0 (off), 1 (strict) or 2 (loose).
 */
import { attrSet } from '../../schema/attr-set.js';
import { enumOf } from '../../schema/enums.js';
import { s32 } from '../../schema/scalars.js';

/** NETCONFA_IFINDEX values that are not interfaces: the `all` and `default` settings. */
export const NETCONF_IFINDEX = {
  NETCONFA_IFINDEX_ALL: -1,
  NETCONFA_IFINDEX_DEFAULT: -2,
} as const;

export const netconfAttrs = attrSet('NETCONFA', 'NETCONFA_', () => [
  [1, 'NETCONFA_IFINDEX', enumOf(s32, NETCONF_IFINDEX)],
  [2, 'NETCONFA_FORWARDING', s32],
  [3, 'NETCONFA_RP_FILTER', s32], // IPv4 only
  [4, 'NETCONFA_MC_FORWARDING', s32],
  [5, 'NETCONFA_PROXY_NEIGH', s32],
  [6, 'NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN', s32],
  [7, 'NETCONFA_INPUT', s32], // MPLS only
  [8, 'NETCONFA_BC_FORWARDING', s32], // IPv4 only
  [9, 'NETCONFA_FORCE_FORWARDING', s32], // IPv6 only
]);
