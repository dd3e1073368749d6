/**
 * HSR / PRP attributes: IFLA_INFO_DATA of kind `hsr` (`enum { IFLA_HSR_* }`
 * and HSR_PROTOCOL_* in `linux/if_link.h`, Linux 6.18 / iproute2's
 * include/uapi as fetched).
 *
 * SLAVE1, SLAVE2 and INTERLINK are ifindexes. MULTICAST_SPEC (request) is
 * the last byte of the supervision address; the kernel reports the whole
 * address in SUPERVISION_ADDR, and the next sequence number in SEQ_NR.
 */
import { attrSet } from '../../../schema/attr-set.js';
import { lladdr } from '../../../schema/addresses.js';
import { enumOf } from '../../../schema/enums.js';
import { u16, u32, u8 } from '../../../schema/scalars.js';

/** IFLA_HSR_PROTOCOL values (`HSR_PROTOCOL_*`). */
export const HSR_PROTOCOL = {
  HSR_PROTOCOL_HSR: 0,
  HSR_PROTOCOL_PRP: 1,
} as const;

/** `IFLA_HSR_*`: IFLA_INFO_DATA of an `hsr` link. */
export const hsrAttrs = attrSet('IFLA_HSR', 'IFLA_HSR_', () => [
  [1, 'IFLA_HSR_SLAVE1', u32],
  [2, 'IFLA_HSR_SLAVE2', u32],
  [3, 'IFLA_HSR_MULTICAST_SPEC', u8],
  [4, 'IFLA_HSR_SUPERVISION_ADDR', lladdr],
  [5, 'IFLA_HSR_SEQ_NR', u16],
  [6, 'IFLA_HSR_VERSION', u8], // 0 or 1
  [7, 'IFLA_HSR_PROTOCOL', enumOf(u8, HSR_PROTOCOL)],
  [8, 'IFLA_HSR_INTERLINK', u32],
]);
