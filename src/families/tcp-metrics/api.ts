/**
 * `handle.tcpMetrics`: the TCP metrics the namespace caches per
 * destination (generic netlink family `tcp_metrics`): list them, read
 * one, delete one, flush all or those of a prefix, as `ip tcp_metrics`
 * does.
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { inPrefix, parseAddress, parseCidr, type Cidr } from '../../api/validate.js';
import { tcpMetricsFamily, TCP_METRICS_CMD } from './family.js';
import { tcpMetricOf, type TcpMetric } from './view.js';

export type { TcpMetric } from './view.js';

/** Which entries: destinations in `address` (an address or a prefix), sources in `source`. */
export interface TcpMetricsSelector {
  address?: string;
  source?: string;
}

export class TcpMetricsFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** Every entry (a TCP_METRICS_CMD_GET dump), or those the selector takes. */
  async list(sel: TcpMetricsSelector = {}): Promise<TcpMetric[]> {
    const dst = cidrOf(sel.address, 'address');
    const src = cidrOf(sel.source, 'source');
    const replies = await this.ctx.genl().dump(tcpMetricsFamily, 'TCP_METRICS_CMD_GET');
    return replies
      .filter((m) => m.header?.cmd === TCP_METRICS_CMD.TCP_METRICS_CMD_GET)
      .map(tcpMetricOf)
      .filter((t) => t.dst !== '' && (dst === undefined || inPrefix(t.dst, dst)) && (src === undefined || (t.src !== undefined && inPrefix(t.src, src))));
  }

  /** The entry of destination `address` (and source `source`); KernelError ESRCH when there is none. */
  async get(address: string, source?: string): Promise<TcpMetric> {
    const m = await this.ctx.genl().requestOne(tcpMetricsFamily, 'TCP_METRICS_CMD_GET', exact(address, source));
    return tcpMetricOf(m);
  }

  /** Deletes the entry of destination `address` (and source `source`); KernelError ESRCH when there is none. */
  async delete(address: string, source?: string): Promise<void> {
    await this.ctx.genl().request(tcpMetricsFamily, 'TCP_METRICS_CMD_DEL', exact(address, source));
  }

  /**
   * Deletes entries: every one (no selector: one request without an
   * address), the one of an exact destination (and source), or each of
   * a prefix (listed, then deleted one by one, as `ip tcp_metrics flush
   * PREFIX` does).
   */
  async flush(sel: TcpMetricsSelector = {}): Promise<void> {
    const dst = cidrOf(sel.address, 'address');
    const src = cidrOf(sel.source, 'source');
    if (dst === undefined && src === undefined) {
      await this.ctx.genl().request(tcpMetricsFamily, 'TCP_METRICS_CMD_DEL');
      return;
    }
    if (dst !== undefined && isHost(dst) && (src === undefined || isHost(src))) {
      await this.delete(dst.address, src?.address);
      return;
    }
    for (const t of await this.list(sel)) await this.delete(t.dst, t.src);
  }
}

function isHost(c: Cidr): boolean {
  return c.prefixlen === (c.family === 4 ? 32 : 128);
}

function cidrOf(v: string | undefined, what: string): Cidr | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new InvalidArgumentError(`${what} must be an address or a prefix, not ${String(v)}`);
  return parseCidr(v);
}

/** TCP_METRICS_ATTR_ADDR_* (and SADDR_*) of one entry. */
function exact(address: string, source?: string): Record<string, unknown> {
  const d = parseAddress(address);
  const attrs: Record<string, unknown> = d.family === 4 ? { addrIpv4: d.address } : { addrIpv6: d.address };
  if (source !== undefined) {
    const s = parseAddress(source);
    if (s.family === 4) attrs.saddrIpv4 = s.address;
    else attrs.saddrIpv6 = s.address;
  }
  return attrs;
}
