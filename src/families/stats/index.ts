/**
 * The statistics family (RTM_*STATS, `ip stats`): its unit, for the
 * registry: statistics by group as a facet (`handle.stats`) and
 * `tsip stats`. Requests (GET, SET) and replies (NEW) number their
 * attributes differently, hence two attribute sets. No monitor part
 * (RTNLGRP_STATS notifications are not handled yet) and no fuzz operations.
 */
import { defineFamily, rtMessage } from '../unit.js';
import { StatsFacet } from './api.js';
import { statsAttrs, statsGetSetAttrs } from './attrs.js';
import { ifStatsMsg } from './header.js';
import * as requests from './requests.js';

export default defineFamily({
  name: 'stats',
  messages: [
    rtMessage('RTM_NEWSTATS', 'new', ifStatsMsg, statsAttrs),
    rtMessage('RTM_GETSTATS', 'get', ifStatsMsg, statsGetSetAttrs),
    rtMessage('RTM_SETSTATS', 'new', ifStatsMsg, statsGetSetAttrs),
  ],
  facet: { name: 'stats', make: (ctx) => new StatsFacet(ctx) },
  cli: { object: 'stats', load: () => import('./cli.js') },
  requests,
});
