/**
 * IFLA_XDP: the XDP program attached to a link (`enum { IFLA_XDP_* }`,
 * XDP_FLAGS_* and XDP_ATTACHED_* from `linux/if_link.h`, Linux 6.18 /
 * iproute2's include/uapi as fetched).
 *
 * The kernel reports IFLA_XDP_ATTACHED (and the program ids when one is
 * attached) in every link dump; requests carry IFLA_XDP_FD, IFLA_XDP_FLAGS
 * and IFLA_XDP_EXPECTED_FD. The nest is sent without NLA_F_NESTED.
 */
import { attrSet, type AttrSet } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { s32, u32, u8 } from '../../schema/scalars.js';

/** IFLA_XDP_FLAGS bits (`XDP_FLAGS_*`). */
export const XDP_FLAGS = {
  XDP_FLAGS_UPDATE_IF_NOEXIST: 1 << 0,
  XDP_FLAGS_SKB_MODE: 1 << 1,
  XDP_FLAGS_DRV_MODE: 1 << 2,
  XDP_FLAGS_HW_MODE: 1 << 3,
  XDP_FLAGS_REPLACE: 1 << 4,
} as const;

/** IFLA_XDP_ATTACHED values (`XDP_ATTACHED_*`). */
export const XDP_ATTACHED = {
  XDP_ATTACHED_NONE: 0,
  XDP_ATTACHED_DRV: 1,
  XDP_ATTACHED_SKB: 2,
  XDP_ATTACHED_HW: 3,
  XDP_ATTACHED_MULTI: 4,
} as const;

/** `IFLA_XDP_*`, nested in IFLA_XDP. */
export const xdpAttrs = attrSet('IFLA_XDP', 'IFLA_XDP_', () => [
  [1, 'IFLA_XDP_FD', s32], // a BPF program fd (request), -1 detaches
  [2, 'IFLA_XDP_ATTACHED', enumOf(u8, XDP_ATTACHED)],
  [3, 'IFLA_XDP_FLAGS', flagsOf(u32, XDP_FLAGS)],
  [4, 'IFLA_XDP_PROG_ID', u32],
  [5, 'IFLA_XDP_DRV_PROG_ID', u32],
  [6, 'IFLA_XDP_SKB_PROG_ID', u32],
  [7, 'IFLA_XDP_HW_PROG_ID', u32],
  [8, 'IFLA_XDP_EXPECTED_FD', s32],
]);
