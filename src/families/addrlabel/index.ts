/**
 * The address label family (RTM_*ADDRLABEL, `ip addrlabel`): its unit, for
 * the registry. Decode-only: no facet, command or fuzz operations yet.
 */
import { defineFamily, rtMessage } from '../unit.js';
import { addrlabelAttrs } from './attrs.js';
import { ifaddrlblmsg } from './header.js';

export default defineFamily({
  name: 'addrlabel',
  messages: [
    rtMessage('RTM_NEWADDRLABEL', 'new', ifaddrlblmsg, addrlabelAttrs),
    rtMessage('RTM_DELADDRLABEL', 'del', ifaddrlblmsg, addrlabelAttrs),
    rtMessage('RTM_GETADDRLABEL', 'get', ifaddrlblmsg, addrlabelAttrs),
  ],
});
