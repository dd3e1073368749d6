/**
 * `handle.netdev`: the netdev family of the handle's namespace: devices'
 * XDP and AF_XDP features, queues, NAPI instances, page pools and
 * statistics. What a device reports depends on its driver: a veth or a
 * loopback has no page pools and answers no statistics, and the kernel
 * then answers an empty dump (or, for one device asked by index,
 * EOPNOTSUPP, passed on as the KernelError).
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIndex } from '../../api/validate.js';
import type { Message } from '../../netlink/message.js';
import { netdevFamily, NETDEV_CMD } from './family.js';
import {
  deviceOf,
  napiOf,
  pagePoolOf,
  pagePoolStatsOf,
  qstatsOf,
  queueOf,
  type NetdevDevice,
  type NetdevNapi,
  type NetdevPagePool,
  type NetdevPagePoolStats,
  type NetdevQstats,
  type NetdevQueue,
} from './view.js';
import { NETDEV_QSTATS_SCOPE } from './attrs.js';

export type { NetdevDevice, NetdevNapi, NetdevPagePool, NetdevPagePoolStats, NetdevQstats, NetdevQueue } from './view.js';

export class NetdevFacet {
  constructor(private readonly ctx: HandleContext) {}

  private async dump(cmd: keyof typeof NETDEV_CMD, attrs: Record<string, unknown> = {}): Promise<Message[]> {
    const replies = await this.ctx.genl().dump(netdevFamily, cmd, attrs);
    return replies.filter((m) => m.header?.cmd === NETDEV_CMD[cmd]);
  }

  /** Every device of the namespace (a NETDEV_CMD_DEV_GET dump). */
  async devices(): Promise<NetdevDevice[]> {
    return (await this.dump('NETDEV_CMD_DEV_GET')).map(deviceOf);
  }

  /** One device by index (KernelError ENODEV when there is none). */
  async device(ifindex: number): Promise<NetdevDevice> {
    const m = await this.ctx.genl().requestOne(netdevFamily, 'NETDEV_CMD_DEV_GET', { ifindex: checkIndex(ifindex) });
    return deviceOf(m);
  }

  /** The queues of every device, or of one. */
  async queues(ifindex?: number): Promise<NetdevQueue[]> {
    return (await this.dump('NETDEV_CMD_QUEUE_GET', filter(ifindex))).map(queueOf);
  }

  /** The NAPI instances of every device, or of one. */
  async napis(ifindex?: number): Promise<NetdevNapi[]> {
    return (await this.dump('NETDEV_CMD_NAPI_GET', filter(ifindex))).map(napiOf);
  }

  /** Every page pool of the namespace's devices. */
  async pagePools(): Promise<NetdevPagePool[]> {
    return (await this.dump('NETDEV_CMD_PAGE_POOL_GET')).map(pagePoolOf);
  }

  /** Every page pool's counters (kernels built with CONFIG_PAGE_POOL_STATS). */
  async pagePoolStats(): Promise<NetdevPagePoolStats[]> {
    return (await this.dump('NETDEV_CMD_PAGE_POOL_STATS_GET')).map(pagePoolStatsOf);
  }

  /**
   * Queue statistics of devices whose drivers keep them: per device
   * (default) or per queue (`scope: 'queue'`), of every device or one.
   */
  async qstats(opts: { ifindex?: number; scope?: 'device' | 'queue' } = {}): Promise<NetdevQstats[]> {
    if (opts === null || typeof opts !== 'object') throw new InvalidArgumentError('qstats takes { ifindex?, scope? }');
    const attrs = filter(opts.ifindex);
    if (opts.scope === 'queue') attrs.scope = NETDEV_QSTATS_SCOPE.NETDEV_QSTATS_SCOPE_QUEUE;
    else if (opts.scope !== undefined && opts.scope !== 'device') throw new InvalidArgumentError(`scope is "device" or "queue", not ${String(opts.scope)}`);
    return (await this.dump('NETDEV_CMD_QSTATS_GET', attrs)).map(qstatsOf);
  }
}

function filter(ifindex: number | undefined): Record<string, unknown> {
  return ifindex === undefined ? {} : { ifindex: checkIndex(ifindex) };
}
