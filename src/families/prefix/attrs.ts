/**
 * Prefix attributes (`PREFIX_*`, `linux/rtnetlink.h`, Linux 6.18:
 * PREFIX_UNSPEC to PREFIX_CACHEINFO = 2) and `struct prefix_cacheinfo`.
 */
import { ipv6 } from '../../schema/addresses.js';
import { attrSet } from '../../schema/attr-set.js';
import { u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';

/**
 * `struct prefix_cacheinfo { __u32 preferred_time; __u32 valid_time; }`:
 * the option's lifetimes in seconds (0xffffffff: infinite).
 */
export const prefixCacheinfo = struct('prefix_cacheinfo', '', [
  ['preferred_time', u32],
  ['valid_time', u32],
]);

export const prefixAttrs = attrSet('PREFIX', 'PREFIX_', () => [
  [1, 'PREFIX_ADDRESS', ipv6],
  [2, 'PREFIX_CACHEINFO', prefixCacheinfo],
]);
