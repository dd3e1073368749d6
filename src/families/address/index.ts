/** The address family (RTM_*ADDR, `ip address`): its unit, for the registry. */
import { RTM, RTNLGRP } from '../../rtnl/constants.js';
import { defineFamily, rtMessage } from '../unit.js';
import { AddressFacet } from './api.js';
import { addressAttrs } from './attrs.js';
import { ifaddrmsg } from './header.js';
import { addressPrefixReason } from './safety.js';
import * as requests from './requests.js';
import { addressSummary } from './summary.js';
import { toAddress } from './view.js';

export default defineFamily({
  name: 'address',
  messages: [
    rtMessage('RTM_NEWADDR', 'new', ifaddrmsg, addressAttrs),
    rtMessage('RTM_DELADDR', 'del', ifaddrmsg, addressAttrs),
    rtMessage('RTM_GETADDR', 'get', ifaddrmsg, addressAttrs),
  ],
  facet: { name: 'addresses', make: (ctx) => new AddressFacet(ctx) },
  monitor: {
    object: 'address',
    key: 'address',
    plural: 'addresses',
    groups: [RTNLGRP.RTNLGRP_IPV4_IFADDR, RTNLGRP.RTNLGRP_IPV6_IFADDR],
    types: { new: RTM.RTM_NEWADDR, del: RTM.RTM_DELADDR },
    view: toAddress,
    resync: (f: AddressFacet) => f.list(),
  },
  cli: { object: 'address', aliases: ['a'], load: () => import('./cli.js') },
  fuzz: {
    ops: 'addr',
    sends: ['RTM_NEWADDR', 'RTM_DELADDR', 'RTM_GETADDR'],
    forbidden: ['IFA_TARGET_NETNSID'],
    check: addressPrefixReason,
    load: () => import('./fuzz.js'),
  },
  summary: addressSummary,
  requests,
});
