/**
 * veth attributes: IFLA_INFO_DATA of kind `veth` (`enum { VETH_INFO_* }`
 * in `linux/veth.h`, Linux 6.18 / iproute2's include/uapi as fetched).
 *
 * VETH_INFO_PEER only appears in RTM_NEWLINK requests: it carries a whole
 * `struct ifinfomsg` followed by IFLA_* attributes describing the peer
 * (its name, address, namespace...). The kernel does not report
 * IFLA_INFO_DATA for veth links in dumps; the peer is found through
 * IFLA_LINK (and IFLA_LINK_NETNSID when it lives in another namespace).
 */
import { attrSet, headed, type AttrSet } from '../../schema/attr-set.js';
import { ifinfomsg } from './header.js';
import { linkAttrs } from './attrs.js';

/** `VETH_INFO_*`: IFLA_INFO_DATA of a `veth` link. */
export const vethAttrs = attrSet('VETH_INFO', 'VETH_INFO_', () => [
  [1, 'VETH_INFO_PEER', headed(ifinfomsg, () => linkAttrs, 'VETH_INFO_PEER')],
]);
