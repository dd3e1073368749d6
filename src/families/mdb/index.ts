/**
 * The multicast database family (RTM_*MDB, `bridge mdb`): its unit, for the
 * registry. Decode-only. Every type is declared with the attributes the
 * kernel sends (its dump replies are typed RTM_GETMDB); requests carry
 * other sets under the same numbers (see attrs.ts).
 */
import { defineFamily, rtMessage } from '../unit.js';
import { mdbAttrs } from './attrs.js';
import { brPortMsg } from './header.js';

export default defineFamily({
  name: 'mdb',
  messages: [
    rtMessage('RTM_NEWMDB', 'new', brPortMsg, mdbAttrs),
    rtMessage('RTM_DELMDB', 'del', brPortMsg, mdbAttrs),
    rtMessage('RTM_GETMDB', 'get', brPortMsg, mdbAttrs),
  ],
});
