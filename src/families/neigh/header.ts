/**
 * Neighbour messages (RTM_NEWNEIGH/DELNEIGH/GETNEIGH, `linux/neighbour.h`,
 * Linux 6.18): the `ndmsg` header, the neighbour states (NUD_*) and flags
 * (NTF_*). A neighbour is an ARP or NDISC cache entry (family AF_INET or
 * AF_INET6), a proxy entry (NTF_PROXY), or a bridge forwarding database
 * entry (family AF_BRIDGE, `bridge fdb`).
 *
 * ```
 * struct ndmsg {                   0        1        2        3
 *   __u8   ndm_family;             +--------+--------+-----------------+
 *   __u8   ndm_pad1;               | family | (pad)  |     (pad)       |
 *   __u16  ndm_pad2;               +--------+--------+-----------------+
 *   __s32  ndm_ifindex;            |            ifindex                |
 *   __u16  ndm_state;              +-----------------+--------+--------+
 *   __u8   ndm_flags;              |  state (NUD_*)  | flags  |  type  |
 *   __u8   ndm_type;               +-----------------+--------+--------+
 * };
 * ```
 * 12 bytes, host byte order. ndm_type is an RTN_* value.
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import { s32, u8, u16 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF, RTN } from '../../rtnl/constants.js';

/** Neighbour states (`NUD_*`); NUD_NOARP and NUD_PERMANENT are pseudo-states that never change. */
export const NUD = {
  NUD_NONE: 0x00,
  NUD_INCOMPLETE: 0x01,
  NUD_REACHABLE: 0x02,
  NUD_STALE: 0x04,
  NUD_DELAY: 0x08,
  NUD_PROBE: 0x10,
  NUD_FAILED: 0x20,
  NUD_NOARP: 0x40,
  NUD_PERMANENT: 0x80,
} as const;

/** Neighbour flags (`NTF_*`, ndm_flags). */
export const NTF = {
  NTF_USE: 0x01,
  NTF_SELF: 0x02,
  NTF_MASTER: 0x04,
  NTF_PROXY: 0x08,
  NTF_EXT_LEARNED: 0x10,
  NTF_OFFLOADED: 0x20,
  NTF_STICKY: 0x40,
  NTF_ROUTER: 0x80,
} as const;

/** Extended neighbour flags (`NTF_EXT_*`, in NDA_FLAGS_EXT). */
export const NTF_EXT = {
  NTF_EXT_MANAGED: 0x1,
  NTF_EXT_LOCKED: 0x2,
  NTF_EXT_EXT_VALIDATED: 0x4,
} as const;

/** The NUD_* bits set in `state`, lowest first (NUD_NONE sets none). */
export function nudBits(state: number): number[] {
  return Object.values(NUD)
    .filter((bit) => bit !== 0 && (state & bit) !== 0)
    .sort((a, b) => a - b);
}

/** A state by its word (`reachable`, `permanent`, `none`..., any case), or undefined. */
export function nudValue(word: string): number | undefined {
  const key = `NUD_${String(word).toUpperCase()}`;
  return key in NUD ? NUD[key as keyof typeof NUD] : undefined;
}

export const ndmsg = struct('ndmsg', 'ndm_', [
  ['ndm_family', enumOf(u8, AF)],
  3,
  ['ndm_ifindex', s32, { unit: 'ifindex' }],
  ['ndm_state', flagsOf(u16, NUD)],
  ['ndm_flags', flagsOf(u8, NTF)],
  ['ndm_type', enumOf(u8, RTN)],
]);
