/**
 * netdev (`linux/netdev.h`): version 1. What the core knows of each
 * device beyond rtnetlink: XDP and AF_XDP features, page pools and their
 * statistics, NAPI instances and their settings, queues, per-queue
 * statistics, and dmabuf bindings for device memory TCP. Changes are
 * announced on two groups: devices on `mgmt`, page pools on `page-pool`
 * (the *_NTF commands, notifications only).
 */
import { genlFamily } from '../../genl/family.js';
import { devAttrs, dmabufAttrs, napiAttrs, pagePoolAttrs, pagePoolStatsAttrs, qstatsAttrs, queueAttrs } from './attrs.js';

export const NETDEV_FAMILY_NAME = 'netdev';
export const NETDEV_FAMILY_VERSION = 1;

export const NETDEV_CMD = {
  NETDEV_CMD_DEV_GET: 1,
  NETDEV_CMD_DEV_ADD_NTF: 2,
  NETDEV_CMD_DEV_DEL_NTF: 3,
  NETDEV_CMD_DEV_CHANGE_NTF: 4,
  NETDEV_CMD_PAGE_POOL_GET: 5,
  NETDEV_CMD_PAGE_POOL_ADD_NTF: 6,
  NETDEV_CMD_PAGE_POOL_DEL_NTF: 7,
  NETDEV_CMD_PAGE_POOL_CHANGE_NTF: 8,
  NETDEV_CMD_PAGE_POOL_STATS_GET: 9,
  NETDEV_CMD_QUEUE_GET: 10,
  NETDEV_CMD_NAPI_GET: 11,
  NETDEV_CMD_QSTATS_GET: 12,
  NETDEV_CMD_BIND_RX: 13,
  // Linux 6.13 and 6.15.
  NETDEV_CMD_NAPI_SET: 14,
  NETDEV_CMD_BIND_TX: 15,
} as const;

export const NETDEV_MCGRP_MGMT = 'mgmt';
export const NETDEV_MCGRP_PAGE_POOL = 'page-pool';

const C = NETDEV_CMD;

export const netdevFamily = genlFamily({
  name: NETDEV_FAMILY_NAME,
  version: NETDEV_FAMILY_VERSION,
  groups: [NETDEV_MCGRP_MGMT, NETDEV_MCGRP_PAGE_POOL],
  commands: [
    { cmd: C.NETDEV_CMD_DEV_GET, name: 'NETDEV_CMD_DEV_GET', attrs: devAttrs },
    { cmd: C.NETDEV_CMD_DEV_ADD_NTF, name: 'NETDEV_CMD_DEV_ADD_NTF', attrs: devAttrs, dir: 'event', op: 'other' },
    { cmd: C.NETDEV_CMD_DEV_DEL_NTF, name: 'NETDEV_CMD_DEV_DEL_NTF', attrs: devAttrs, dir: 'event', op: 'other' },
    { cmd: C.NETDEV_CMD_DEV_CHANGE_NTF, name: 'NETDEV_CMD_DEV_CHANGE_NTF', attrs: devAttrs, dir: 'event', op: 'other' },
    { cmd: C.NETDEV_CMD_PAGE_POOL_GET, name: 'NETDEV_CMD_PAGE_POOL_GET', attrs: pagePoolAttrs },
    { cmd: C.NETDEV_CMD_PAGE_POOL_ADD_NTF, name: 'NETDEV_CMD_PAGE_POOL_ADD_NTF', attrs: pagePoolAttrs, dir: 'event', op: 'other' },
    { cmd: C.NETDEV_CMD_PAGE_POOL_DEL_NTF, name: 'NETDEV_CMD_PAGE_POOL_DEL_NTF', attrs: pagePoolAttrs, dir: 'event', op: 'other' },
    { cmd: C.NETDEV_CMD_PAGE_POOL_CHANGE_NTF, name: 'NETDEV_CMD_PAGE_POOL_CHANGE_NTF', attrs: pagePoolAttrs, dir: 'event', op: 'other' },
    { cmd: C.NETDEV_CMD_PAGE_POOL_STATS_GET, name: 'NETDEV_CMD_PAGE_POOL_STATS_GET', attrs: pagePoolStatsAttrs },
    { cmd: C.NETDEV_CMD_QUEUE_GET, name: 'NETDEV_CMD_QUEUE_GET', attrs: queueAttrs },
    { cmd: C.NETDEV_CMD_NAPI_GET, name: 'NETDEV_CMD_NAPI_GET', attrs: napiAttrs },
    { cmd: C.NETDEV_CMD_QSTATS_GET, name: 'NETDEV_CMD_QSTATS_GET', attrs: qstatsAttrs },
    { cmd: C.NETDEV_CMD_BIND_RX, name: 'NETDEV_CMD_BIND_RX', attrs: dmabufAttrs, op: 'other' },
    // Answered with an ACK only.
    { cmd: C.NETDEV_CMD_NAPI_SET, name: 'NETDEV_CMD_NAPI_SET', attrs: napiAttrs, dir: 'request', op: 'other' },
    { cmd: C.NETDEV_CMD_BIND_TX, name: 'NETDEV_CMD_BIND_TX', attrs: dmabufAttrs, op: 'other' },
  ],
});
