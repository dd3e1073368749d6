/**
 * macvlan (and macvtap, which shares the netlink code) attributes:
 * IFLA_INFO_DATA of kind `macvlan` / `macvtap` (`enum { IFLA_MACVLAN_* }`,
 * `enum macvlan_mode`, `enum macvlan_macaddr_mode` and MACVLAN_FLAG_* in
 * `linux/if_link.h`, Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * In `source` mode the kernel lists the allowed source MACs in
 * IFLA_MACVLAN_MACADDR_DATA, a nest (without NLA_F_NESTED) of repeated
 * IFLA_MACVLAN_MACADDR attributes, and their number in
 * IFLA_MACVLAN_MACADDR_COUNT.
 */
import { attrSet, nested, type AttrSet } from '../../schema/attr-set.js';
import { lladdr } from '../../schema/addresses.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { s32, u16, u32 } from '../../schema/scalars.js';

/** IFLA_MACVLAN_MODE values (`enum macvlan_mode`; one mode at a time, though the values are bits). */
export const MACVLAN_MODE = {
  MACVLAN_MODE_PRIVATE: 1,
  MACVLAN_MODE_VEPA: 2,
  MACVLAN_MODE_BRIDGE: 4,
  MACVLAN_MODE_PASSTHRU: 8,
  MACVLAN_MODE_SOURCE: 16,
} as const;

/** IFLA_MACVLAN_MACADDR_MODE values (`enum macvlan_macaddr_mode`), request only. */
export const MACVLAN_MACADDR = {
  MACVLAN_MACADDR_ADD: 0,
  MACVLAN_MACADDR_DEL: 1,
  MACVLAN_MACADDR_FLUSH: 2,
  MACVLAN_MACADDR_SET: 3,
} as const;

/** IFLA_MACVLAN_FLAGS bits (`MACVLAN_FLAG_*`). */
export const MACVLAN_FLAG = {
  MACVLAN_FLAG_NOPROMISC: 1,
  MACVLAN_FLAG_NODST: 2,
} as const;

/** Content of IFLA_MACVLAN_MACADDR_DATA: the source MAC list. */
export const macvlanMacaddrAttrs = attrSet('IFLA_MACVLAN_MACADDR_DATA', 'IFLA_MACVLAN_', () => [
  [4, 'IFLA_MACVLAN_MACADDR', lladdr, { multi: true }],
]);

/** `IFLA_MACVLAN_*`: IFLA_INFO_DATA of a `macvlan` or `macvtap` link. */
export const macvlanAttrs = attrSet('IFLA_MACVLAN', 'IFLA_MACVLAN_', () => [
  [1, 'IFLA_MACVLAN_MODE', enumOf(u32, MACVLAN_MODE)],
  [2, 'IFLA_MACVLAN_FLAGS', flagsOf(u16, MACVLAN_FLAG)],
  [3, 'IFLA_MACVLAN_MACADDR_MODE', enumOf(u32, MACVLAN_MACADDR)],
  [4, 'IFLA_MACVLAN_MACADDR', lladdr], // request: the MAC to add or delete
  [5, 'IFLA_MACVLAN_MACADDR_DATA', nested(() => macvlanMacaddrAttrs)],
  [6, 'IFLA_MACVLAN_MACADDR_COUNT', u32],
  [7, 'IFLA_MACVLAN_BC_QUEUE_LEN', u32], // requested broadcast queue length
  [8, 'IFLA_MACVLAN_BC_QUEUE_LEN_USED', u32], // in effect (largest on the lower device)
  [9, 'IFLA_MACVLAN_BC_CUTOFF', s32], // sent only when not the default 1
]);
