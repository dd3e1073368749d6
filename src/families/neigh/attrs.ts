/**
 * Neighbour attributes (`NDA_*`, `linux/neighbour.h`, Linux 6.18: NDA_UNSPEC
 * to NDA_NDM_FLAGS_MASK = 17) and the FDB extension set (`NFEA_*`).
 */
import { ip, lladdr } from '../../schema/addresses.js';
import { attrSet, nested } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { flag, s32, u8, u16, u16be, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { NLA_F_NESTED } from '../../core/constants.js';
import { RTPROT } from '../../rtnl/constants.js';
import { NTF, NTF_EXT, NUD } from './header.js';

/** FDB activity notification bits (NFEA_ACTIVITY_NOTIFY). */
export const FDB_NOTIFY = {
  FDB_NOTIFY_BIT: 0x1,
  FDB_NOTIFY_INACTIVE_BIT: 0x2,
} as const;

/**
 * `struct nda_cacheinfo`: times since the entry was last confirmed, used
 * and updated, in USER_HZ ticks (iproute2 divides by 100 to print
 * seconds), and its reference count.
 */
export const ndaCacheinfo = struct('nda_cacheinfo', 'ndm_', [
  ['ndm_confirmed', u32],
  ['ndm_used', u32],
  ['ndm_updated', u32],
  ['ndm_refcnt', u32],
]);

/** `NFEA_*`: NDA_FDB_EXT_ATTRS of a bridge FDB entry. */
export const fdbExtAttrs = attrSet('NFEA', 'NFEA_', () => [
  [1, 'NFEA_ACTIVITY_NOTIFY', flagsOf(u8, FDB_NOTIFY)],
  [2, 'NFEA_DONT_REFRESH', flag],
]);

export const neighAttrs = attrSet('NDA', 'NDA_', () => [
  // An IPv4 or IPv6 address (an FDB entry's: the VXLAN remote).
  [1, 'NDA_DST', ip],
  [2, 'NDA_LLADDR', lladdr],
  [3, 'NDA_CACHEINFO', ndaCacheinfo],
  [4, 'NDA_PROBES', u32],
  [5, 'NDA_VLAN', u16],
  [6, 'NDA_PORT', u16be],
  [7, 'NDA_VNI', u32],
  [8, 'NDA_IFINDEX', u32],
  [9, 'NDA_MASTER', u32],
  [10, 'NDA_LINK_NETNSID', s32],
  [11, 'NDA_SRC_VNI', u32],
  [12, 'NDA_PROTOCOL', enumOf(u8, RTPROT)],
  [13, 'NDA_NH_ID', u32],
  [14, 'NDA_FDB_EXT_ATTRS', nested(() => fdbExtAttrs), { flags: NLA_F_NESTED }],
  [15, 'NDA_FLAGS_EXT', flagsOf(u32, NTF_EXT)],
  // Dump filters and masks of the state and flags a request changes.
  [16, 'NDA_NDM_STATE_MASK', flagsOf(u16, NUD)],
  [17, 'NDA_NDM_FLAGS_MASK', flagsOf(u8, NTF)],
]);
