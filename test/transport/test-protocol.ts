/**
 * A small slice of NETLINK_ROUTE for the transport tests: the link
 * messages with `ifinfomsg` and two attributes. The engine is generic over
 * its Protocol; a small one keeps these tests independent of the full
 * rtnetlink declarations.
 */
import { protocol, type MessageDef } from '../../src/netlink/protocol.js';
import { RTM } from '../../src/rtnl/constants.js';
import { ifinfomsg } from '../../src/families/link/header.js';
import { attrSet, nested } from '../../src/schema/attr-set.js';
import { string, u32 } from '../../src/schema/scalars.js';

const linkInfoAttrs = attrSet('IFLA_INFO', 'IFLA_INFO_', [[1, 'IFLA_INFO_KIND', string()]]);

/** IFLA_IFNAME (3), IFLA_MTU (4) and IFLA_LINKINFO (18) > IFLA_INFO_KIND (1). */
export const testLinkAttrs = attrSet('IFLA', 'IFLA_', [
  [3, 'IFLA_IFNAME', string()],
  [4, 'IFLA_MTU', u32],
  [18, 'IFLA_LINKINFO', nested(() => linkInfoAttrs)],
]);

function def(name: 'RTM_NEWLINK' | 'RTM_DELLINK' | 'RTM_GETLINK', op: MessageDef['op']): MessageDef {
  return { type: RTM[name], name, op, header: ifinfomsg, attrs: testLinkAttrs };
}

/** RTM_NEWLINK, RTM_DELLINK and RTM_GETLINK with {@link testLinkAttrs}. */
export const testProto = protocol('TEST_ROUTE', [def('RTM_NEWLINK', 'new'), def('RTM_DELLINK', 'del'), def('RTM_GETLINK', 'get')]);

export const { RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK } = RTM;
