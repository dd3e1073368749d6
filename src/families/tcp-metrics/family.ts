/**
 * tcp_metrics (`linux/tcp_metrics.h`): version 1. The metrics TCP caches
 * per destination (and source) address: RTT, congestion window, slow
 * start threshold, TCP Fast Open state. TCP_METRICS_CMD_GET answers one
 * entry or dumps them all; TCP_METRICS_CMD_DEL deletes one, or every entry
 * of the namespace when sent without an address. No multicast groups.
 */
import { genlFamily } from '../../genl/family.js';
import { tcpMetricsAttrs } from './attrs.js';

export const TCP_METRICS_GENL_NAME = 'tcp_metrics';
export const TCP_METRICS_GENL_VERSION = 1;

export const TCP_METRICS_CMD = {
  TCP_METRICS_CMD_GET: 1,
  TCP_METRICS_CMD_DEL: 2,
} as const;

export const tcpMetricsFamily = genlFamily({
  name: TCP_METRICS_GENL_NAME,
  version: TCP_METRICS_GENL_VERSION,
  commands: [
    { cmd: TCP_METRICS_CMD.TCP_METRICS_CMD_GET, name: 'TCP_METRICS_CMD_GET', attrs: tcpMetricsAttrs },
    { cmd: TCP_METRICS_CMD.TCP_METRICS_CMD_DEL, name: 'TCP_METRICS_CMD_DEL', attrs: tcpMetricsAttrs, dir: 'request' },
  ],
});
