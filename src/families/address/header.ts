/**
 * The address message header.
 *
 * ```
 * struct ifaddrmsg {            0         1           2         3
 *   __u8  ifa_family;           +---------+-----------+---------+---------+
 *   __u8  ifa_prefixlen;        | family  | prefixlen | flags   | scope   |
 *   __u8  ifa_flags;            +---------+-----------+---------+---------+
 *   __u8  ifa_scope;            |              ifa_index                  |
 *   __u32 ifa_index;            +-----------------------------------------+
 * };
 * ```
 * 8 bytes. ifa_flags holds only the low 8 IFA_F_* bits; the full set
 * travels in IFA_FLAGS.
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import { u8, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF, RT_SCOPE } from '../../rtnl/constants.js';

/** Address flags (`IFA_F_*`, `linux/if_addr.h`). IFA_F_TEMPORARY shares 0x01 with IFA_F_SECONDARY. */
export const IFA_F = {
  IFA_F_SECONDARY: 0x01,
  IFA_F_NODAD: 0x02,
  IFA_F_OPTIMISTIC: 0x04,
  IFA_F_DADFAILED: 0x08,
  IFA_F_HOMEADDRESS: 0x10,
  IFA_F_DEPRECATED: 0x20,
  IFA_F_TENTATIVE: 0x40,
  IFA_F_PERMANENT: 0x80,
  IFA_F_MANAGETEMPADDR: 0x100,
  IFA_F_NOPREFIXROUTE: 0x200,
  IFA_F_MCAUTOJOIN: 0x400,
  IFA_F_STABLE_PRIVACY: 0x800,
} as const;

export const ifaddrmsg = struct('ifaddrmsg', 'ifa_', [
  ['ifa_family', enumOf(u8, AF)],
  ['ifa_prefixlen', u8, { unit: 'bits' }],
  ['ifa_flags', flagsOf(u8, IFA_F)],
  ['ifa_scope', enumOf(u8, RT_SCOPE)],
  ['ifa_index', u32, { unit: 'ifindex' }],
]);

/** Decoded `ifaddrmsg`. */
export type { Ifaddrmsg as IfAddrMsg } from '../message-types.js';
