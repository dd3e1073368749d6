/**
 * xfrm interface attributes: IFLA_INFO_DATA of kind `xfrm`
 * (`enum { IFLA_XFRM_* }` in `linux/if_link.h`, Linux 6.18 / iproute2's
 * include/uapi as fetched).
 */
import { attrSet } from '../../../schema/attr-set.js';
import { flag, u32 } from '../../../schema/scalars.js';

/** `IFLA_XFRM_*`: IFLA_INFO_DATA of an `xfrm` link. */
export const xfrmAttrs = attrSet('IFLA_XFRM', 'IFLA_XFRM_', () => [
  [1, 'IFLA_XFRM_LINK', u32], // ifindex of the underlay device
  [2, 'IFLA_XFRM_IF_ID', u32], // matched against the xfrm states' if_id
  [3, 'IFLA_XFRM_COLLECT_METADATA', flag], // `external`
]);
