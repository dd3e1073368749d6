/**
 * TCP metrics cache (generic netlink `tcp_metrics`):
 * `handle.tcpMetrics`, `tsip tcp_metrics`.
 */
import { defineGenericFamily } from '../unit.js';
import { TcpMetricsFacet } from './api.js';
import { tcpMetricsFamily } from './family.js';

export default defineGenericFamily({
  name: 'tcp_metrics',
  genl: tcpMetricsFamily,
  fuzz: { load: () => import('./fuzz.js') },
  facet: { name: 'tcpMetrics', make: (ctx) => new TcpMetricsFacet(ctx) },
  cli: { object: 'tcp_metrics', aliases: ['tcpmetrics'], load: () => import('./cli.js') },
});
