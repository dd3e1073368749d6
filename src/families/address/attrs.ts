/**
 * Address attributes (`IFA_*`, `linux/if_addr.h`, Linux 6.18: IFA_UNSPEC
 * to IFA_PROTO = 11).
 */
import { ip, ipv4 } from '../../schema/addresses.js';
import { attrSet } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { s32, string, u32, u8 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { IFA_F } from './header.js';

/** Address origin (`IFAPROT_*`). */
export const IFAPROT = {
  IFAPROT_UNSPEC: 0,
  IFAPROT_KERNEL_LO: 1,
  IFAPROT_KERNEL_RA: 2,
  IFAPROT_KERNEL_LL: 3,
} as const;

/**
 * `struct ifa_cacheinfo`: lifetimes in seconds (0xffffffff = forever),
 * timestamps in hundredths of a second since boot.
 */
export const ifaCacheinfo = struct('ifa_cacheinfo', 'ifa_', [
  ['ifa_prefered', u32],
  ['ifa_valid', u32],
  ['cstamp', u32],
  ['tstamp', u32],
]);

export const addressAttrs = attrSet('IFA', 'IFA_', () => [
  [1, 'IFA_ADDRESS', ip],
  [2, 'IFA_LOCAL', ip],
  [3, 'IFA_LABEL', string(16)],
  [4, 'IFA_BROADCAST', ipv4],
  [5, 'IFA_ANYCAST', ip],
  [6, 'IFA_CACHEINFO', ifaCacheinfo],
  [7, 'IFA_MULTICAST', ip],
  [8, 'IFA_FLAGS', flagsOf(u32, IFA_F)],
  [9, 'IFA_RT_PRIORITY', u32, { unit: 'metric (lower wins)' }],
  [10, 'IFA_TARGET_NETNSID', s32],
  [11, 'IFA_PROTO', enumOf(u8, IFAPROT)],
]);
