/** The route family (RTM_*ROUTE, `ip route`): its unit, for the registry. */
import { RTM, RTNLGRP } from '../../rtnl/constants.js';
import { defineFamily, rtMessage } from '../unit.js';
import { RouteFacet } from './api.js';
import { routeAttrs } from './attrs.js';
import { rtmsg } from './header.js';
import { CC_ALGOS, routePrefixReason } from './safety.js';
import * as requests from './requests.js';
import { routeSummary } from './summary.js';
import { toRoute } from './view.js';

export default defineFamily({
  name: 'route',
  messages: [
    rtMessage('RTM_NEWROUTE', 'new', rtmsg, routeAttrs),
    rtMessage('RTM_DELROUTE', 'del', rtmsg, routeAttrs),
    rtMessage('RTM_GETROUTE', 'get', rtmsg, routeAttrs),
  ],
  facet: { name: 'routes', make: (ctx) => new RouteFacet(ctx) },
  monitor: {
    object: 'route',
    key: 'route',
    plural: 'routes',
    groups: [RTNLGRP.RTNLGRP_IPV4_ROUTE, RTNLGRP.RTNLGRP_IPV6_ROUTE],
    types: { new: RTM.RTM_NEWROUTE, del: RTM.RTM_DELROUTE },
    view: toRoute,
    resync: (f: RouteFacet) => f.list({ table: 'all' }),
  },
  cli: { object: 'route', aliases: ['r'], load: () => import('./cli.js') },
  fuzz: {
    ops: 'route',
    sends: ['RTM_NEWROUTE', 'RTM_DELROUTE', 'RTM_GETROUTE'],
    // Opaque or custom payloads that can hold addresses outside the
    // documentation ranges, or select a lightweight-tunnel module by number.
    forbidden: ['RTA_ENCAP', 'RTA_ENCAP_TYPE', 'RTA_NEWDST', 'RTA_VIA', 'RTA_MULTIPATH'],
    indexAttrs: ['RTA_OIF', 'RTA_IIF'],
    values: { RTAX_CC_ALGO: CC_ALGOS },
    check: routePrefixReason,
    load: () => import('./fuzz.js'),
  },
  summary: routeSummary,
  requests,
});
