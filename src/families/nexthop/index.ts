/** The next hop family (RTM_*NEXTHOP, RTM_*NEXTHOPBUCKET, `ip nexthop`): its unit, for the registry. */
import { RTM, RTNLGRP } from '../../rtnl/constants.js';
import { defineFamily, rtMessage } from '../unit.js';
import { NexthopFacet } from './api.js';
import { nexthopAttrs } from './attrs.js';
import { nhmsg } from './header.js';
import * as requests from './requests.js';
import { toNexthop } from './view.js';

export default defineFamily({
  name: 'nexthop',
  messages: [
    rtMessage('RTM_NEWNEXTHOP', 'new', nhmsg, nexthopAttrs),
    rtMessage('RTM_DELNEXTHOP', 'del', nhmsg, nexthopAttrs),
    rtMessage('RTM_GETNEXTHOP', 'get', nhmsg, nexthopAttrs),
    rtMessage('RTM_NEWNEXTHOPBUCKET', 'new', nhmsg, nexthopAttrs),
    rtMessage('RTM_DELNEXTHOPBUCKET', 'del', nhmsg, nexthopAttrs),
    rtMessage('RTM_GETNEXTHOPBUCKET', 'get', nhmsg, nexthopAttrs),
  ],
  facet: { name: 'nexthops', make: (ctx) => new NexthopFacet(ctx) },
  monitor: {
    object: 'nexthop',
    key: 'nexthop',
    plural: 'nexthops',
    groups: [RTNLGRP.RTNLGRP_NEXTHOP],
    types: { new: RTM.RTM_NEWNEXTHOP, del: RTM.RTM_DELNEXTHOP },
    view: toNexthop,
    resync: (f: NexthopFacet) => f.list(),
  },
  cli: { object: 'nexthop', load: () => import('./cli.js') },
  fuzz: {
    ops: 'nexthop',
    sends: ['RTM_NEWNEXTHOP', 'RTM_DELNEXTHOP', 'RTM_GETNEXTHOP', 'RTM_GETNEXTHOPBUCKET'],
    // Light-weight tunnel encapsulations are opaque here and may load modules (MPLS...).
    forbidden: ['NHA_ENCAP', 'NHA_ENCAP_TYPE'],
    indexAttrs: ['NHA_OIF', 'NHA_MASTER'],
    load: () => import('./fuzz.js'),
  },
  requests,
});
