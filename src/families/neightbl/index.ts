/**
 * The neighbour table family (RTM_*NEIGHTBL, `ip ntable`): its unit, for
 * the registry: the tables as a facet, and `tsip ntable`.
 */
import { defineFamily, rtMessage } from '../unit.js';
import { NeighbourTableFacet } from './api.js';
import * as requests from './requests.js';
import { ndtAttrs } from './attrs.js';
import { ndtmsg } from './header.js';

export default defineFamily({
  name: 'neightbl',
  messages: [
    rtMessage('RTM_NEWNEIGHTBL', 'new', ndtmsg, ndtAttrs),
    rtMessage('RTM_GETNEIGHTBL', 'get', ndtmsg, ndtAttrs),
    rtMessage('RTM_SETNEIGHTBL', 'new', ndtmsg, ndtAttrs),
  ],
  facet: { name: 'neighbourTables', make: (ctx) => new NeighbourTableFacet(ctx) },
  cli: { object: 'ntable', load: () => import('./cli.js') },
  requests,
});
