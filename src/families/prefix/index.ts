/**
 * The prefix family (RTM_NEWPREFIX, RTNLGRP_IPV6_PREFIX notifications):
 * its unit, for the registry. Decode-only.
 */
import { defineFamily, rtMessage } from '../unit.js';
import { prefixAttrs } from './attrs.js';
import { prefixmsg } from './header.js';

export default defineFamily({
  name: 'prefix',
  messages: [rtMessage('RTM_NEWPREFIX', 'new', prefixmsg, prefixAttrs)],
});
