/**
 * The traffic control family (RTM_*QDISC, RTM_*TCLASS, RTM_*TFILTER,
 * RTM_*CHAIN, RTM_*ACTION; `tc qdisc`, `tc class`, `tc filter`, `tc chain`,
 * `tc actions`): its unit, for the registry. The facet lists qdiscs, classes
 * and filters and builds qdiscs and htb classes; there is no `tsip tc` command
 * and no fuzz operations yet.
 */
import { RTM, RTNLGRP } from '../../rtnl/constants.js';
import { defineFamily, rtMessage } from '../unit.js';
import { toTcObject } from './view.js';
import { TcFacet } from './api.js';
import * as requests from './requests.js';
import { rootAttrs } from './actions.js';
import { tcAttrs } from './attrs.js';
import { tcamsg, tcmsg } from './header.js';

export default defineFamily({
  name: 'tc',
  messages: [
    rtMessage('RTM_NEWQDISC', 'new', tcmsg, tcAttrs),
    rtMessage('RTM_DELQDISC', 'del', tcmsg, tcAttrs),
    rtMessage('RTM_GETQDISC', 'get', tcmsg, tcAttrs),
    rtMessage('RTM_NEWTCLASS', 'new', tcmsg, tcAttrs),
    rtMessage('RTM_DELTCLASS', 'del', tcmsg, tcAttrs),
    rtMessage('RTM_GETTCLASS', 'get', tcmsg, tcAttrs),
    rtMessage('RTM_NEWTFILTER', 'new', tcmsg, tcAttrs),
    rtMessage('RTM_DELTFILTER', 'del', tcmsg, tcAttrs),
    rtMessage('RTM_GETTFILTER', 'get', tcmsg, tcAttrs),
    rtMessage('RTM_NEWCHAIN', 'new', tcmsg, tcAttrs),
    rtMessage('RTM_DELCHAIN', 'del', tcmsg, tcAttrs),
    rtMessage('RTM_GETCHAIN', 'get', tcmsg, tcAttrs),
    rtMessage('RTM_NEWACTION', 'new', tcamsg, rootAttrs),
    rtMessage('RTM_DELACTION', 'del', tcamsg, rootAttrs),
    rtMessage('RTM_GETACTION', 'get', tcamsg, rootAttrs),
  ],
  facet: { name: 'tc', make: (ctx) => new TcFacet(ctx) },
  monitor: {
    object: 'tc',
    key: 'tc',
    plural: 'tc',
    groups: [RTNLGRP.RTNLGRP_TC],
    types: { new: [RTM.RTM_NEWQDISC, RTM.RTM_NEWTCLASS, RTM.RTM_NEWTFILTER, RTM.RTM_NEWCHAIN], del: [RTM.RTM_DELQDISC, RTM.RTM_DELTCLASS, RTM.RTM_DELTFILTER, RTM.RTM_DELCHAIN] },
    view: (m) => toTcObject(m, m.type === RTM.RTM_NEWTFILTER || m.type === RTM.RTM_DELTFILTER),
    resync: (f: TcFacet) => f.snapshot(),
  },
  requests: { qdiscChange: requests.qdiscChange, qdiscDelete: requests.qdiscDelete, classChange: requests.classChange, classDelete: requests.classDelete, qdiscDump: requests.qdiscDump, classDump: requests.classDump, filterDump: requests.filterDump },
});
