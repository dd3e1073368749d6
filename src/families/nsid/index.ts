/**
 * The NSID family (RTM_*NSID, `ip netns set / list-id`): its unit, for the
 * registry. The fuzzer sends none of it (an NSID names another namespace).
 */
import { defineFamily, rtMessage } from '../unit.js';
import { NsidFacet } from './api.js';
import { nsidAttrs, rtgenmsg } from './attrs.js';
import * as requests from './requests.js';

export default defineFamily({
  name: 'nsid',
  messages: [
    rtMessage('RTM_NEWNSID', 'new', rtgenmsg, nsidAttrs),
    rtMessage('RTM_DELNSID', 'del', rtgenmsg, nsidAttrs),
    rtMessage('RTM_GETNSID', 'get', rtgenmsg, nsidAttrs),
  ],
  facet: { name: 'nsids', make: (ctx) => new NsidFacet(ctx) },
  cli: { object: 'netns', load: () => import('./cli.js') },
  requests,
});
