/**
 * The netdev family (generic netlink `netdev`): devices' XDP features,
 * queues, NAPI instances, page pools, statistics (`handle.netdev`).
 */
import { defineGenericFamily } from '../unit.js';
import { NetdevFacet } from './api.js';
import { netdevFamily } from './family.js';

export default defineGenericFamily({
  name: 'netdev',
  genl: netdevFamily,
  fuzz: { load: () => import('./fuzz.js') },
  facet: { name: 'netdev', make: (ctx) => new NetdevFacet(ctx) },
});
