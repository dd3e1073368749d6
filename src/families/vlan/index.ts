/**
 * The bridge VLAN family (RTM_*VLAN, the per-VLAN API of `bridge vlan`):
 * its unit, for the registry. Decode-only. RTM_GETVLAN is only ever a dump
 * request, with its own attribute set.
 */
import { defineFamily, rtMessage } from '../unit.js';
import { vlanAttrs, vlanDumpAttrs } from './attrs.js';
import { brVlanMsg } from './header.js';

export default defineFamily({
  name: 'vlan',
  messages: [
    rtMessage('RTM_NEWVLAN', 'new', brVlanMsg, vlanAttrs),
    rtMessage('RTM_DELVLAN', 'del', brVlanMsg, vlanAttrs),
    rtMessage('RTM_GETVLAN', 'get', brVlanMsg, vlanDumpAttrs),
  ],
});
