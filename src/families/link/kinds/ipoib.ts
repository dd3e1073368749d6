/**
 * IP-over-InfiniBand attributes: IFLA_INFO_DATA of kind `ipoib` (`enum {
 * IFLA_IPOIB_* }` and IPOIB_MODE_* in `linux/if_link.h`, Linux 6.18 /
 * iproute2's include/uapi as fetched). All three are host-order u16.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { enumOf } from '../../../schema/enums.js';
import { u16 } from '../../../schema/scalars.js';

/** IFLA_IPOIB_MODE values (`IPOIB_MODE_*`). */
export const IPOIB_MODE = {
  IPOIB_MODE_DATAGRAM: 0,
  IPOIB_MODE_CONNECTED: 1,
} as const;

/** `IFLA_IPOIB_*`: IFLA_INFO_DATA of an `ipoib` link. */
export const ipoibAttrs = attrSet('IFLA_IPOIB', 'IFLA_IPOIB_', () => [
  [1, 'IFLA_IPOIB_PKEY', u16], // partition key
  [2, 'IFLA_IPOIB_MODE', enumOf(u16, IPOIB_MODE)],
  [3, 'IFLA_IPOIB_UMCAST', u16], // 0/1: allow user multicast
]);
