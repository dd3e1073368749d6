/**
 * What the netdev facet returns: devices, queues, NAPI instances, page
 * pools and statistics lifted out of the kernel's answers (kernel words
 * for enums and flags, u64 counters as numbers while safe, else bigints),
 * the whole message kept in `message`.
 */
import type { Message } from '../../netlink/message.js';
import { kernelWords } from '../../schema/enums.js';
import type { U64 } from '../../schema/scalars.js';
import { NETDEV_NAPI_THREADED, NETDEV_QUEUE_TYPE, NETDEV_XDP_ACT, NETDEV_XDP_RX_METADATA, NETDEV_XSK_FLAGS } from './attrs.js';

/** The words of the named bits of a 64-bit mask (unnamed bits are left out; the message has them). */
function words(v: U64 | undefined, table: Readonly<Record<string, number>>, prefix: string): string[] {
  if (v === undefined) return [];
  const names = kernelWords(table, prefix);
  const big = BigInt(v);
  return Object.keys(names)
    .map(Number)
    .sort((a, b) => a - b)
    .filter((bit) => (big & BigInt(bit)) !== 0n)
    .map((bit) => names[bit]!);
}

/** One device's XDP and AF_XDP capabilities (NETDEV_CMD_DEV_GET). */
export interface NetdevDevice {
  ifindex: number;
  /** XDP actions and abilities, as the kernel names them: `basic`, `redirect`, `ndo_xmit`, `xsk_zerocopy`... */
  xdpFeatures: string[];
  /** Fragments a zero-copy AF_XDP frame may have (zero-copy devices only). */
  xdpZcMaxSegs?: number;
  /** Receive metadata XDP programs can read: `timestamp`, `hash`, `vlan_tag`. */
  xdpRxMetadataFeatures: string[];
  /** AF_XDP transmit offloads: `tx_timestamp`, `tx_checksum`, `tx_launch_time_fifo`. */
  xskFeatures: string[];
  message: Message;
}

export function deviceOf(m: Message): NetdevDevice {
  const a = m.attrs ?? {};
  const d: NetdevDevice = {
    ifindex: a.ifindex ?? 0,
    xdpFeatures: words(a.xdpFeatures, NETDEV_XDP_ACT, 'NETDEV_XDP_ACT_'),
    xdpRxMetadataFeatures: words(a.xdpRxMetadataFeatures, NETDEV_XDP_RX_METADATA, 'NETDEV_XDP_RX_METADATA_'),
    xskFeatures: words(a.xskFeatures, NETDEV_XSK_FLAGS, 'NETDEV_XSK_FLAGS_'),
    message: m,
  };
  if (a.xdpZcMaxSegs !== undefined) d.xdpZcMaxSegs = a.xdpZcMaxSegs;
  return d;
}

/** One queue (NETDEV_CMD_QUEUE_GET). */
export interface NetdevQueue {
  ifindex: number;
  type: 'rx' | 'tx' | `${number}`;
  /** Index among the device's queues of that type. */
  id: number;
  napiId?: number;
  /** The dmabuf binding this queue receives into. */
  dmabuf?: number;
  /** An io_uring zero-copy receive area / an AF_XDP socket is attached. */
  ioUring?: boolean;
  xsk?: boolean;
  message: Message;
}

export function queueOf(m: Message): NetdevQueue {
  const a = m.attrs ?? {};
  const q: NetdevQueue = {
    ifindex: a.ifindex ?? 0,
    type: (kernelWords(NETDEV_QUEUE_TYPE, 'NETDEV_QUEUE_TYPE_')[a.type] ?? `${a.type}`) as NetdevQueue['type'],
    id: a.id ?? 0,
    message: m,
  };
  if (a.napiId !== undefined) q.napiId = a.napiId;
  if (a.dmabuf !== undefined) q.dmabuf = a.dmabuf;
  if (a.ioUring !== undefined) q.ioUring = true;
  if (a.xsk !== undefined) q.xsk = true;
  return q;
}

/** One NAPI instance (NETDEV_CMD_NAPI_GET). */
export interface NetdevNapi {
  id: number;
  ifindex: number;
  irq?: number;
  /** The NAPI kthread (threaded mode). */
  pid?: number;
  deferHardIrqs?: number;
  /** Nanoseconds. */
  groFlushTimeout?: U64;
  irqSuspendTimeout?: U64;
  threaded?: 'disabled' | 'enabled' | `${number}`;
  message: Message;
}

export function napiOf(m: Message): NetdevNapi {
  const a = m.attrs ?? {};
  const n: NetdevNapi = { id: a.id ?? 0, ifindex: a.ifindex ?? 0, message: m };
  if (a.irq !== undefined) n.irq = a.irq;
  if (a.pid !== undefined) n.pid = a.pid;
  if (a.deferHardIrqs !== undefined) n.deferHardIrqs = a.deferHardIrqs;
  if (a.groFlushTimeout !== undefined) n.groFlushTimeout = a.groFlushTimeout;
  if (a.irqSuspendTimeout !== undefined) n.irqSuspendTimeout = a.irqSuspendTimeout;
  if (a.threaded !== undefined) n.threaded = (kernelWords(NETDEV_NAPI_THREADED, 'NETDEV_NAPI_THREADED_')[a.threaded] ?? `${a.threaded}`) as NetdevNapi['threaded'];
  return n;
}

/** One page pool (NETDEV_CMD_PAGE_POOL_GET). */
export interface NetdevPagePool {
  id: U64;
  /** Absent or 0 once its device is gone. */
  ifindex?: number;
  napiId?: U64;
  inflight?: U64;
  inflightMem?: U64;
  /** CLOCK_BOOTTIME seconds when the driver released it. */
  detachTime?: U64;
  dmabuf?: number;
  message: Message;
}

export function pagePoolOf(m: Message): NetdevPagePool {
  const a = m.attrs ?? {};
  const p: NetdevPagePool = { id: a.id ?? 0, message: m };
  if (a.ifindex !== undefined) p.ifindex = a.ifindex;
  if (a.napiId !== undefined) p.napiId = a.napiId;
  if (a.inflight !== undefined) p.inflight = a.inflight;
  if (a.inflightMem !== undefined) p.inflightMem = a.inflightMem;
  if (a.detachTime !== undefined) p.detachTime = a.detachTime;
  if (a.dmabuf !== undefined) p.dmabuf = a.dmabuf;
  return p;
}

/** A message's attributes, without the parts views lift out (statistics are plain counters). */
export interface NetdevStats {
  /** Counter name (camelCase of the kernel's) -> value. */
  [counter: string]: unknown;
  message: Message;
}

/** Queue or device statistics (NETDEV_CMD_QSTATS_GET): ifindex, and queue type and id when per queue. */
export interface NetdevQstats extends NetdevStats {
  ifindex: number;
  queueType?: 'rx' | 'tx' | `${number}`;
  queueId?: number;
}

export function qstatsOf(m: Message): NetdevQstats {
  const a = { ...(m.attrs ?? {}) };
  const out: NetdevQstats = { ...a, ifindex: a.ifindex ?? 0, message: m };
  if (a.queueType !== undefined) out.queueType = (kernelWords(NETDEV_QUEUE_TYPE, 'NETDEV_QUEUE_TYPE_')[a.queueType] ?? `${a.queueType}`) as NetdevQstats['queueType'];
  return out;
}

/** A page pool's counters (NETDEV_CMD_PAGE_POOL_STATS_GET): the pool's id and ifindex, then `allocFast`... */
export interface NetdevPagePoolStats extends NetdevStats {
  id: U64;
  ifindex?: number;
}

export function pagePoolStatsOf(m: Message): NetdevPagePoolStats {
  const { info, ...counters } = (m.attrs ?? {}) as Record<string, any>;
  const out: NetdevPagePoolStats = { ...counters, id: info?.id ?? 0, message: m };
  if (info?.ifindex !== undefined) out.ifindex = info.ifindex;
  return out;
}
