/**
 * ethtool over generic netlink: link settings, features, rings, channels,
 * coalescing, pause, EEE, time stamping, statistics and string sets
 * (`handle.ethtool`, `tsip ethtool`).
 */
import { defineGenericFamily } from '../unit.js';
import { EthtoolFacet } from './api.js';
import { ethtoolFamily } from './family.js';

export default defineGenericFamily({
  name: 'ethtool',
  genl: ethtoolFamily,
  fuzz: { load: () => import('./fuzz.js') },
  facet: { name: 'ethtool', make: (ctx) => new EthtoolFacet(ctx) },
  cli: { object: 'ethtool', load: () => import('./cli.js') },
});
