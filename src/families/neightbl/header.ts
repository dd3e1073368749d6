/**
 * Neighbour tables (RTM_NEWNEIGHTBL/GETNEIGHTBL/SETNEIGHTBL,
 * `linux/neighbour.h`, Linux 6.18): the `ndtmsg` header and the two
 * read-only structs a table reports, `ndt_config` and `ndt_stats`.
 *
 * ```
 * struct ndtmsg {                  0        1        2        3
 *   __u8  ndtm_family;             +--------+--------+-----------------+
 *   __u8  ndtm_pad1;               | family | (pad1) |     (pad2)      |
 *   __u16 ndtm_pad2;               +--------+--------+-----------------+
 * };
 * ```
 * 4 bytes. ndtm_family is AF_INET (arp_cache), AF_INET6 (ndisc_cache) or
 * AF_UNSPEC in a dump request.
 */
import { enumOf } from '../../schema/enums.js';
import { u8, u16, u32, u64 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

export const ndtmsg = struct('ndtmsg', 'ndtm_', [
  ['ndtm_family', enumOf(u8, AF)],
  ['ndtm_pad1', u8],
  ['ndtm_pad2', u16],
]);

/**
 * `struct ndt_config` (NDTA_CONFIG): the table's shape. Key and entry sizes
 * in bytes; last_flush and last_rand are milliseconds ago.
 *
 * ```
 *  0  key_len (u16)  entry_size (u16)     4  entries
 *  8  last_flush                          12 last_rand
 * 16  hash_rnd                            20 hash_mask
 * 24  hash_chain_gc                       28 proxy_qlen      (32 bytes)
 * ```
 */
export const ndtConfig = struct('ndt_config', 'ndtc_', [
  ['ndtc_key_len', u16],
  ['ndtc_entry_size', u16],
  ['ndtc_entries', u32],
  ['ndtc_last_flush', u32],
  ['ndtc_last_rand', u32],
  ['ndtc_hash_rnd', u32],
  ['ndtc_hash_mask', u32],
  ['ndtc_hash_chain_gc', u32],
  ['ndtc_proxy_qlen', u32],
]);

/**
 * `struct ndt_stats` (NDTA_STATS): eleven u64 counters, 88 bytes. Open, as
 * the kernel has grown it (ndts_table_fulls came last).
 */
export const ndtStats = struct('ndt_stats', 'ndts_', [
  ['ndts_allocs', u64],
  ['ndts_destroys', u64],
  ['ndts_hash_grows', u64],
  ['ndts_res_failed', u64],
  ['ndts_lookups', u64],
  ['ndts_hits', u64],
  ['ndts_rcv_probes_mcast', u64],
  ['ndts_rcv_probes_ucast', u64],
  ['ndts_periodic_gc_runs', u64],
  ['ndts_forced_gc_runs', u64],
  ['ndts_table_fulls', u64],
], { open: true });
