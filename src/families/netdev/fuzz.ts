/**
 * The generic fuzzer's rules for netdev (`tsip fuzz --protocol generic`):
 * every request but the dmabuf bindings (they take a file descriptor of
 * this process), device indexes pointed at the fuzzer's namespace. NAPI
 * and page pool ids are looked up within the socket's namespace by the
 * kernel.
 */
import type { GenlFuzzRules } from '../unit.js';

export const rules: GenlFuzzRules = {
  forbiddenCommands: ['NETDEV_CMD_BIND_RX', 'NETDEV_CMD_BIND_TX'],
  forbidden: ['NETDEV_A_DMABUF_FD'],
  pin: {
    NETDEV_A_DEV_IFINDEX: 'ifindex',
    NETDEV_A_PAGE_POOL_IFINDEX: 'ifindex',
    NETDEV_A_NAPI_IFINDEX: 'ifindex',
    NETDEV_A_QUEUE_IFINDEX: 'ifindex',
    NETDEV_A_QSTATS_IFINDEX: 'ifindex',
  },
};
