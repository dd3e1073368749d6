/** The link family (RTM_*LINK, `ip link`): its unit, for the registry. */
import { AF_BRIDGE, RTM, RTNLGRP } from '../../rtnl/constants.js';
import { defineFamily, rtMessage } from '../unit.js';
import { LinkFacet } from './api.js';
import { linkAttrs } from './attrs.js';
import { ifinfomsg } from './header.js';
import { LINK_KINDS } from './spec.js';
import * as requests from './requests.js';
import { linkSummary } from './summary.js';
import { toLink } from './view.js';

export default defineFamily({
  name: 'link',
  messages: [
    rtMessage('RTM_NEWLINK', 'new', ifinfomsg, linkAttrs),
    rtMessage('RTM_DELLINK', 'del', ifinfomsg, linkAttrs),
    rtMessage('RTM_GETLINK', 'get', ifinfomsg, linkAttrs),
    rtMessage('RTM_SETLINK', 'new', ifinfomsg, linkAttrs),
    // Alternative names (`ip link property add/del`): ifinfomsg and IFLA_PROP_LIST.
    rtMessage('RTM_NEWLINKPROP', 'new', ifinfomsg, linkAttrs),
    rtMessage('RTM_DELLINKPROP', 'del', ifinfomsg, linkAttrs),
    rtMessage('RTM_GETLINKPROP', 'get', ifinfomsg, linkAttrs),
  ],
  facet: { name: 'links', make: (ctx) => new LinkFacet(ctx) },
  monitor: {
    object: 'link',
    key: 'link',
    plural: 'links',
    groups: [RTNLGRP.RTNLGRP_LINK],
    types: { new: RTM.RTM_NEWLINK, del: RTM.RTM_DELLINK },
    // An AF_BRIDGE RTM_DELLINK is a port leaving its bridge: the link stays.
    action: (m) => (m.type === RTM.RTM_DELLINK && m.header?.family !== AF_BRIDGE ? 'del' : 'new'),
    view: toLink,
    resync: (f: LinkFacet) => f.list(),
  },
  cli: { object: 'link', load: () => import('./cli.js') },
  fuzz: {
    ops: 'link',
    sends: ['RTM_NEWLINK', 'RTM_DELLINK', 'RTM_GETLINK', 'RTM_SETLINK'],
    // Attributes that name another namespace.
    forbidden: ['IFLA_NET_NS_FD', 'IFLA_NET_NS_PID', 'IFLA_TARGET_NETNSID', 'IFLA_LINK_NETNSID', 'IFLA_NEW_NETNSID'],
    indexAttrs: ['IFLA_MASTER', 'IFLA_LINK', 'IFLA_VXLAN_LINK'],
    // Kinds built into the kernel here: any other name may make it load a module.
    values: { IFLA_INFO_KIND: LINK_KINDS, IFLA_INFO_SLAVE_KIND: LINK_KINDS.map((k) => `${k}_slave`) },
    load: () => import('./fuzz.js'),
  },
  summary: linkSummary,
  requests,
});
