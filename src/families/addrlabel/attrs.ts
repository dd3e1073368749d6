/**
 * Address label attributes (`IFAL_*`, `linux/if_addrlabel.h`, Linux 6.18:
 * IFAL_ADDRESS = 1 and IFAL_LABEL = 2; the enum has no UNSPEC).
 */
import { ip } from '../../schema/addresses.js';
import { attrSet } from '../../schema/attr-set.js';
import { u32 } from '../../schema/scalars.js';

export const addrlabelAttrs = attrSet('IFAL', 'IFAL_', () => [
  [1, 'IFAL_ADDRESS', ip], // the prefix (an in6_addr; its length is ifal_prefixlen)
  [2, 'IFAL_LABEL', u32],
]);
