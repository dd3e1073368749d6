/**
 * The generic netlink controller: family ids, operations, groups and
 * policies by name (`tsip genl ctrl`, `handle.genl`).
 */
import { defineGenericFamily } from '../unit.js';
import { GenlFacet } from './api.js';
import { nlctrlFamily } from './family.js';

export default defineGenericFamily({
  name: 'nlctrl',
  genl: nlctrlFamily,
  fuzz: { load: () => import('./fuzz.js') },
  facet: { name: 'genl', make: (ctx) => new GenlFacet(ctx) },
  cli: { object: 'genl', load: () => import('./cli.js') },
});
