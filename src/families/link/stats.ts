/**
 * Link statistics and the legacy device map, as carried in IFLA_STATS,
 * IFLA_STATS64 and IFLA_MAP. Field order from `linux/if_link.h` of
 * Linux 6.18 (iproute2's include/uapi, as fetched).
 *
 * ```
 * struct rtnl_link_stats64 {        offset
 *   __u64 rx_packets;                  0
 *   __u64 tx_packets;                  8
 *   ...                                   one __u64 per counter, 25 in all
 *   __u64 rx_nohandler;              184
 *   __u64 rx_otherhost_dropped;      192   (added in 5.19)
 * };                                 200 bytes
 *
 * struct rtnl_link_stats: the same first 24 counters as __u32 (96 bytes).
 *
 * struct rtnl_link_ifmap {          0       8       16      24  26  27  28      32
 *   __u64 mem_start;                +-------+-------+-------+---+---+---+-------+
 *   __u64 mem_end;                  |mem_start mem_end base_addr irq dma port pad|
 *   __u64 base_addr;                +-------+-------+-------+---+---+---+-------+
 *   __u16 irq; __u8 dma; __u8 port;
 * };  28 bytes of fields, padded to 32 (8-byte alignment of the u64s)
 * ```
 *
 * The stats structs have grown over the years, so they are open: a
 * shorter payload from an older kernel decodes to fewer counters, and a
 * longer one from a newer kernel keeps the extra bytes in `_tail`.
 */
import type { Kind } from '../../schema/kind.js';
import { u16, u32, u64, u8 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';

/** Counter names shared by both stats structs, in kernel order. */
const COUNTERS = [
  'rx_packets',
  'tx_packets',
  'rx_bytes',
  'tx_bytes',
  'rx_errors',
  'tx_errors',
  'rx_dropped',
  'tx_dropped',
  'multicast',
  'collisions',
  'rx_length_errors',
  'rx_over_errors',
  'rx_crc_errors',
  'rx_frame_errors',
  'rx_fifo_errors',
  'rx_missed_errors',
  'tx_aborted_errors',
  'tx_carrier_errors',
  'tx_fifo_errors',
  'tx_heartbeat_errors',
  'tx_window_errors',
  'rx_compressed',
  'tx_compressed',
  'rx_nohandler',
] as const;

function counters(kind: Kind, names: readonly string[]) {
  return names.map((n) => [n, kind] as const);
}

/**
 * `struct rtnl_link_stats` (IFLA_STATS): 24 u32 counters, 96 bytes. The
 * kernel fills it from the 64-bit counters, truncated.
 */
export const rtnlLinkStats = struct('rtnl_link_stats', '', counters(u32, COUNTERS), { open: true });

/** `struct rtnl_link_stats64` (IFLA_STATS64): 25 u64 counters, 200 bytes. */
export const rtnlLinkStats64 = struct('rtnl_link_stats64', '', counters(u64, [...COUNTERS, 'rx_otherhost_dropped']), { open: true });

/**
 * `struct rtnl_link_ifmap` (IFLA_MAP): the ISA-era I/O map of a device
 * (`ifconfig`'s `irq`, `base_addr`...). Zero on virtual devices.
 * sizeof is 32: 28 bytes of fields plus 4 bytes of tail padding.
 */
export const rtnlLinkIfmap = struct('rtnl_link_ifmap', '', [
  ['mem_start', u64],
  ['mem_end', u64],
  ['base_addr', u64],
  ['irq', u16],
  ['dma', u8],
  ['port', u8],
  4,
]);
