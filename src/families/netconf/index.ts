/**
 * The netconf family (RTM_*NETCONF, `ip netconf`): its unit, for the
 * registry: the settings as a facet, `tsip netconf` and monitor events.
 */
import { RTM, RTNLGRP } from '../../rtnl/constants.js';
import { defineFamily, rtMessage } from '../unit.js';
import { NetconfFacet } from './api.js';
import * as requests from './requests.js';
import { toNetconf } from './view.js';
import { netconfAttrs } from './attrs.js';
import { netconfmsg } from './header.js';

export default defineFamily({
  name: 'netconf',
  messages: [
    rtMessage('RTM_NEWNETCONF', 'new', netconfmsg, netconfAttrs),
    rtMessage('RTM_DELNETCONF', 'del', netconfmsg, netconfAttrs),
    rtMessage('RTM_GETNETCONF', 'get', netconfmsg, netconfAttrs),
  ],
  facet: { name: 'netconf', make: (ctx) => new NetconfFacet(ctx) },
  monitor: {
    object: 'netconf',
    key: 'netconf',
    plural: 'netconfs',
    groups: [RTNLGRP.RTNLGRP_IPV4_NETCONF, RTNLGRP.RTNLGRP_IPV6_NETCONF, RTNLGRP.RTNLGRP_MPLS_NETCONF],
    types: { new: RTM.RTM_NEWNETCONF, del: RTM.RTM_DELNETCONF },
    view: toNetconf,
    resync: (f: NetconfFacet) => f.list(),
  },
  cli: { object: 'netconf', load: () => import('./cli.js') },
  requests,
});
