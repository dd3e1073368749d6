/**
 * The netdev family's attributes (`linux/netdev.h`, Linux 6.18): devices
 * (NETDEV_A_DEV_*, to XSK_FEATURES = 6), page pools (NETDEV_A_PAGE_POOL_*,
 * to IO_URING = 8) and their statistics (NETDEV_A_PAGE_POOL_STATS_*: INFO
 * = 1, then ALLOC_FAST = 8 to RECYCLE_RELEASED_REFCNT = 18), NAPI
 * instances (NETDEV_A_NAPI_*, to THREADED = 8), queues (NETDEV_A_QUEUE_*,
 * to XSK = 7), queue statistics (NETDEV_A_QSTATS_*: SCOPE = 4, then
 * RX_PACKETS = 8 to TX_WAKE = 34), dmabuf bindings (NETDEV_A_DMABUF_*, to
 * ID = 4), and the two attribute-less nests a queue or pool may carry
 * (io_uring memory provider, AF_XDP socket). The numbers the enums skip
 * (2 to 7 in the pool statistics, 5 to 7 in the queue statistics) are no
 * attributes.
 *
 * Integers are host order. `uint` attributes (NLA_UINT) are 4 or 8 bytes,
 * see {@link uint}. Nests carry NLA_F_NESTED, as the kernel writes them.
 */
import { attrSet, nested } from '../../schema/attr-set.js';
import { enumOf } from '../../schema/enums.js';
import { binary, u32, u64 } from '../../schema/scalars.js';
import { NLA_F_NESTED } from '../../core/constants.js';
import { uint } from '../../schema/uint.js';
import { flagsOf64 } from './kinds.js';

/** XDP actions and abilities a device supports (NETDEV_A_DEV_XDP_FEATURES). */
export const NETDEV_XDP_ACT = {
  NETDEV_XDP_ACT_BASIC: 1,
  NETDEV_XDP_ACT_REDIRECT: 2,
  NETDEV_XDP_ACT_NDO_XMIT: 4,
  NETDEV_XDP_ACT_XSK_ZEROCOPY: 8,
  NETDEV_XDP_ACT_HW_OFFLOAD: 16,
  NETDEV_XDP_ACT_RX_SG: 32,
  NETDEV_XDP_ACT_NDO_XMIT_SG: 64,
} as const;

/** Receive metadata an XDP program can read (NETDEV_A_DEV_XDP_RX_METADATA_FEATURES). */
export const NETDEV_XDP_RX_METADATA = {
  NETDEV_XDP_RX_METADATA_TIMESTAMP: 1,
  NETDEV_XDP_RX_METADATA_HASH: 2,
  NETDEV_XDP_RX_METADATA_VLAN_TAG: 4,
} as const;

/** AF_XDP transmit offloads (NETDEV_A_DEV_XSK_FEATURES; LAUNCH_TIME_FIFO since Linux 6.15). */
export const NETDEV_XSK_FLAGS = {
  NETDEV_XSK_FLAGS_TX_TIMESTAMP: 1,
  NETDEV_XSK_FLAGS_TX_CHECKSUM: 2,
  NETDEV_XSK_FLAGS_TX_LAUNCH_TIME_FIFO: 4,
} as const;

export const NETDEV_QUEUE_TYPE = {
  NETDEV_QUEUE_TYPE_RX: 0,
  NETDEV_QUEUE_TYPE_TX: 1,
} as const;

/** What queue statistics are aggregated over (no bit: the whole device). */
export const NETDEV_QSTATS_SCOPE = {
  NETDEV_QSTATS_SCOPE_QUEUE: 1,
} as const;

/** A NAPI instance's polling mode (NETDEV_A_NAPI_THREADED, Linux 6.17). */
export const NETDEV_NAPI_THREADED = {
  NETDEV_NAPI_THREADED_DISABLED: 0,
  NETDEV_NAPI_THREADED_ENABLED: 1,
} as const;

const NESTED = { flags: NLA_F_NESTED } as const;

export const devAttrs = attrSet('NETDEV_A_DEV', 'NETDEV_A_DEV_', () => [
  [1, 'NETDEV_A_DEV_IFINDEX', u32],
  // Alignment of the 64-bit masks.
  [2, 'NETDEV_A_DEV_PAD', binary()],
  [3, 'NETDEV_A_DEV_XDP_FEATURES', flagsOf64(u64, NETDEV_XDP_ACT)],
  // Fragments a zero-copy AF_XDP frame may have.
  [4, 'NETDEV_A_DEV_XDP_ZC_MAX_SEGS', u32],
  [5, 'NETDEV_A_DEV_XDP_RX_METADATA_FEATURES', flagsOf64(u64, NETDEV_XDP_RX_METADATA)],
  [6, 'NETDEV_A_DEV_XSK_FEATURES', flagsOf64(u64, NETDEV_XSK_FLAGS)],
]);

/** io_uring memory provider information: no attributes yet. */
export const ioUringProviderInfoAttrs = attrSet('NETDEV_A_IO_URING_PROVIDER_INFO', 'NETDEV_A_IO_URING_PROVIDER_INFO_', []);

/** AF_XDP socket information: no attributes yet. */
export const xskInfoAttrs = attrSet('NETDEV_A_XSK_INFO', 'NETDEV_A_XSK_INFO_', []);

export const pagePoolAttrs = attrSet('NETDEV_A_PAGE_POOL', 'NETDEV_A_PAGE_POOL_', () => [
  [1, 'NETDEV_A_PAGE_POOL_ID', uint],
  // 0 once the device is gone (a pool outlives it while its pages are in flight).
  [2, 'NETDEV_A_PAGE_POOL_IFINDEX', u32],
  [3, 'NETDEV_A_PAGE_POOL_NAPI_ID', uint],
  // Pages allocated and not yet returned, and their bytes.
  [4, 'NETDEV_A_PAGE_POOL_INFLIGHT', uint],
  [5, 'NETDEV_A_PAGE_POOL_INFLIGHT_MEM', uint],
  // CLOCK_BOOTTIME seconds when the driver let go of the pool; absent while in use.
  [6, 'NETDEV_A_PAGE_POOL_DETACH_TIME', uint],
  [7, 'NETDEV_A_PAGE_POOL_DMABUF', u32],
  [8, 'NETDEV_A_PAGE_POOL_IO_URING', nested(() => ioUringProviderInfoAttrs), NESTED],
]);

/** Counters of `struct page_pool_stats`; INFO names the pool (its id and ifindex, NETDEV_A_PAGE_POOL_*). */
export const pagePoolStatsAttrs = attrSet('NETDEV_A_PAGE_POOL_STATS', 'NETDEV_A_PAGE_POOL_STATS_', () => [
  [1, 'NETDEV_A_PAGE_POOL_STATS_INFO', nested(() => pagePoolAttrs), NESTED],
  [8, 'NETDEV_A_PAGE_POOL_STATS_ALLOC_FAST', uint],
  [9, 'NETDEV_A_PAGE_POOL_STATS_ALLOC_SLOW', uint],
  [10, 'NETDEV_A_PAGE_POOL_STATS_ALLOC_SLOW_HIGH_ORDER', uint],
  [11, 'NETDEV_A_PAGE_POOL_STATS_ALLOC_EMPTY', uint],
  [12, 'NETDEV_A_PAGE_POOL_STATS_ALLOC_REFILL', uint],
  [13, 'NETDEV_A_PAGE_POOL_STATS_ALLOC_WAIVE', uint],
  [14, 'NETDEV_A_PAGE_POOL_STATS_RECYCLE_CACHED', uint],
  [15, 'NETDEV_A_PAGE_POOL_STATS_RECYCLE_CACHE_FULL', uint],
  [16, 'NETDEV_A_PAGE_POOL_STATS_RECYCLE_RING', uint],
  [17, 'NETDEV_A_PAGE_POOL_STATS_RECYCLE_RING_FULL', uint],
  [18, 'NETDEV_A_PAGE_POOL_STATS_RECYCLE_RELEASED_REFCNT', uint],
]);

export const napiAttrs = attrSet('NETDEV_A_NAPI', 'NETDEV_A_NAPI_', () => [
  [1, 'NETDEV_A_NAPI_IFINDEX', u32],
  [2, 'NETDEV_A_NAPI_ID', u32],
  [3, 'NETDEV_A_NAPI_IRQ', u32],
  // The NAPI kthread, in threaded mode only.
  [4, 'NETDEV_A_NAPI_PID', u32],
  [5, 'NETDEV_A_NAPI_DEFER_HARD_IRQS', u32],
  // Nanoseconds.
  [6, 'NETDEV_A_NAPI_GRO_FLUSH_TIMEOUT', uint],
  [7, 'NETDEV_A_NAPI_IRQ_SUSPEND_TIMEOUT', uint],
  [8, 'NETDEV_A_NAPI_THREADED', enumOf(u32, NETDEV_NAPI_THREADED)],
]);

export const queueAttrs = attrSet('NETDEV_A_QUEUE', 'NETDEV_A_QUEUE_', () => [
  // Index within the device and the queue type.
  [1, 'NETDEV_A_QUEUE_ID', u32],
  [2, 'NETDEV_A_QUEUE_IFINDEX', u32],
  [3, 'NETDEV_A_QUEUE_TYPE', enumOf(u32, NETDEV_QUEUE_TYPE)],
  [4, 'NETDEV_A_QUEUE_NAPI_ID', u32],
  [5, 'NETDEV_A_QUEUE_DMABUF', u32],
  [6, 'NETDEV_A_QUEUE_IO_URING', nested(() => ioUringProviderInfoAttrs), NESTED],
  [7, 'NETDEV_A_QUEUE_XSK', nested(() => xskInfoAttrs), NESTED],
]);

export const qstatsAttrs = attrSet('NETDEV_A_QSTATS', 'NETDEV_A_QSTATS_', () => [
  [1, 'NETDEV_A_QSTATS_IFINDEX', u32],
  [2, 'NETDEV_A_QSTATS_QUEUE_TYPE', enumOf(u32, NETDEV_QUEUE_TYPE)],
  [3, 'NETDEV_A_QSTATS_QUEUE_ID', u32],
  [4, 'NETDEV_A_QSTATS_SCOPE', flagsOf64(uint, NETDEV_QSTATS_SCOPE)],
  [8, 'NETDEV_A_QSTATS_RX_PACKETS', uint],
  [9, 'NETDEV_A_QSTATS_RX_BYTES', uint],
  [10, 'NETDEV_A_QSTATS_TX_PACKETS', uint],
  [11, 'NETDEV_A_QSTATS_TX_BYTES', uint],
  [12, 'NETDEV_A_QSTATS_RX_ALLOC_FAIL', uint],
  [13, 'NETDEV_A_QSTATS_RX_HW_DROPS', uint],
  [14, 'NETDEV_A_QSTATS_RX_HW_DROP_OVERRUNS', uint],
  [15, 'NETDEV_A_QSTATS_RX_CSUM_COMPLETE', uint],
  [16, 'NETDEV_A_QSTATS_RX_CSUM_UNNECESSARY', uint],
  [17, 'NETDEV_A_QSTATS_RX_CSUM_NONE', uint],
  [18, 'NETDEV_A_QSTATS_RX_CSUM_BAD', uint],
  [19, 'NETDEV_A_QSTATS_RX_HW_GRO_PACKETS', uint],
  [20, 'NETDEV_A_QSTATS_RX_HW_GRO_BYTES', uint],
  [21, 'NETDEV_A_QSTATS_RX_HW_GRO_WIRE_PACKETS', uint],
  [22, 'NETDEV_A_QSTATS_RX_HW_GRO_WIRE_BYTES', uint],
  [23, 'NETDEV_A_QSTATS_RX_HW_DROP_RATELIMITS', uint],
  [24, 'NETDEV_A_QSTATS_TX_HW_DROPS', uint],
  [25, 'NETDEV_A_QSTATS_TX_HW_DROP_ERRORS', uint],
  [26, 'NETDEV_A_QSTATS_TX_CSUM_NONE', uint],
  [27, 'NETDEV_A_QSTATS_TX_NEEDS_CSUM', uint],
  [28, 'NETDEV_A_QSTATS_TX_HW_GSO_PACKETS', uint],
  [29, 'NETDEV_A_QSTATS_TX_HW_GSO_BYTES', uint],
  [30, 'NETDEV_A_QSTATS_TX_HW_GSO_WIRE_PACKETS', uint],
  [31, 'NETDEV_A_QSTATS_TX_HW_GSO_WIRE_BYTES', uint],
  [32, 'NETDEV_A_QSTATS_TX_HW_DROP_RATELIMITS', uint],
  [33, 'NETDEV_A_QSTATS_TX_STOP', uint],
  [34, 'NETDEV_A_QSTATS_TX_WAKE', uint],
]);

/** A dmabuf binding (bind-rx, bind-tx): the queues are NETDEV_A_QUEUE_ID and _TYPE, one nest each. */
export const dmabufAttrs = attrSet('NETDEV_A_DMABUF', 'NETDEV_A_DMABUF_', () => [
  [1, 'NETDEV_A_DMABUF_IFINDEX', u32],
  [2, 'NETDEV_A_DMABUF_QUEUES', nested(() => queueAttrs), { multi: true, flags: NLA_F_NESTED }],
  [3, 'NETDEV_A_DMABUF_FD', u32],
  [4, 'NETDEV_A_DMABUF_ID', u32],
]);
