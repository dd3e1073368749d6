/** The neighbour family (RTM_*NEIGH, `ip neigh`): its unit, for the registry. */
import { RTM, RTNLGRP } from '../../rtnl/constants.js';
import { defineFamily, rtMessage } from '../unit.js';
import { NeighFacet } from './api.js';
import { neighAttrs } from './attrs.js';
import { ndmsg } from './header.js';
import * as requests from './requests.js';
import { neighSummary } from './summary.js';
import { toNeighbour } from './view.js';

export default defineFamily({
  name: 'neigh',
  messages: [
    rtMessage('RTM_NEWNEIGH', 'new', ndmsg, neighAttrs),
    rtMessage('RTM_DELNEIGH', 'del', ndmsg, neighAttrs),
    rtMessage('RTM_GETNEIGH', 'get', ndmsg, neighAttrs),
  ],
  facet: { name: 'neighbours', make: (ctx) => new NeighFacet(ctx) },
  monitor: {
    object: 'neigh',
    key: 'neighbour',
    plural: 'neighbours',
    groups: [RTNLGRP.RTNLGRP_NEIGH],
    types: { new: RTM.RTM_NEWNEIGH, del: RTM.RTM_DELNEIGH },
    view: toNeighbour,
    resync: (f: NeighFacet) => f.list(),
  },
  cli: { object: 'neighbour', aliases: ['neighbor'], load: () => import('./cli.js') },
  fuzz: {
    ops: 'neigh',
    sends: ['RTM_NEWNEIGH', 'RTM_DELNEIGH', 'RTM_GETNEIGH'],
    forbidden: ['NDA_LINK_NETNSID'],
    indexAttrs: ['NDA_IFINDEX', 'NDA_MASTER'],
    load: () => import('./fuzz.js'),
  },
  summary: neighSummary,
  requests,
});
