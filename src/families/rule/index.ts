/** The rule family (RTM_*RULE, `ip rule`): its unit, for the registry. */
import { RTM, RTNLGRP } from '../../rtnl/constants.js';
import { defineFamily, rtMessage } from '../unit.js';
import { RuleFacet } from './api.js';
import { ruleAttrs } from './attrs.js';
import { fibRuleHdr } from './header.js';
import * as requests from './requests.js';
import { toRule } from './view.js';

export default defineFamily({
  name: 'rule',
  messages: [
    rtMessage('RTM_NEWRULE', 'new', fibRuleHdr, ruleAttrs),
    rtMessage('RTM_DELRULE', 'del', fibRuleHdr, ruleAttrs),
    rtMessage('RTM_GETRULE', 'get', fibRuleHdr, ruleAttrs),
  ],
  facet: { name: 'rules', make: (ctx) => new RuleFacet(ctx) },
  monitor: {
    object: 'rule',
    key: 'rule',
    plural: 'rules',
    groups: [RTNLGRP.RTNLGRP_IPV4_RULE, RTNLGRP.RTNLGRP_IPV6_RULE],
    types: { new: RTM.RTM_NEWRULE, del: RTM.RTM_DELRULE },
    view: toRule,
    resync: async (f: RuleFacet) => [...(await f.list({ family: 4 })), ...(await f.list({ family: 6 }))],
  },
  cli: { object: 'rule', load: () => import('./cli.js') },
  fuzz: {
    ops: 'rule',
    sends: ['RTM_NEWRULE', 'RTM_DELRULE', 'RTM_GETRULE'],
    load: () => import('./fuzz.js'),
  },
  requests,
});
