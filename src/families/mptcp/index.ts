/**
 * MPTCP endpoints and limits (generic netlink `mptcp_pm`):
 * `handle.mptcp`, `tsip mptcp`.
 */
import { defineGenericFamily } from '../unit.js';
import { MptcpFacet } from './api.js';
import { mptcpFamily } from './family.js';

export default defineGenericFamily({
  name: 'mptcp',
  genl: mptcpFamily,
  fuzz: { load: () => import('./fuzz.js') },
  facet: { name: 'mptcp', make: (ctx) => new MptcpFacet(ctx) },
  cli: { object: 'mptcp', load: () => import('./cli.js') },
});
