/**
 * The statistics family (RTM_*STATS, `ip stats`): its unit, for the
 * registry. Decode-only: no facet, command or fuzz operations yet.
 * Requests (GET, SET) and replies (NEW) number their attributes
 * differently, hence two attribute sets.
 */
import { defineFamily, rtMessage } from '../unit.js';
import { statsAttrs, statsGetSetAttrs } from './attrs.js';
import { ifStatsMsg } from './header.js';

export default defineFamily({
  name: 'stats',
  messages: [
    rtMessage('RTM_NEWSTATS', 'new', ifStatsMsg, statsAttrs),
    rtMessage('RTM_GETSTATS', 'get', ifStatsMsg, statsGetSetAttrs),
    rtMessage('RTM_SETSTATS', 'new', ifStatsMsg, statsGetSetAttrs),
  ],
});
