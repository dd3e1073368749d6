/**
 * Rates as the shaping qdiscs (htb, tbf) and the police action carry them
 * (`linux/pkt_sched.h`): `struct tc_ratespec` and the rate tables that go
 * with it.
 *
 * ```
 * struct tc_ratespec {             0        1        2        3
 *   unsigned char  cell_log;       +--------+--------+-----------------+
 *   __u8           linklayer;      |cell_log|linklayer|    overhead    |
 *   unsigned short overhead;       +--------+--------+-----------------+
 *   short          cell_align;     |    cell_align   |       mpu       |
 *   unsigned short mpu;            +-----------------+-----------------+
 *   __u32          rate;           |               rate                |
 * };                               +-----------------------------------+
 * ```
 * 12 bytes. `rate` is in bytes per second (10mbit is 1250000); above 2^32-1
 * the 64-bit rate travels in its own attribute (TCA_HTB_RATE64...) and
 * `rate` holds ~0U. Only the low 4 bits of `linklayer` are the link layer.
 */
import { arrayOf } from '../../schema/array.js';
import { enumOf } from '../../schema/enums.js';
import { s16, u8, u16, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';

/** `enum tc_link_layer`. */
export const TC_LINKLAYER = {
  TC_LINKLAYER_UNAWARE: 0,
  TC_LINKLAYER_ETHERNET: 1,
  TC_LINKLAYER_ATM: 2,
} as const;

export const tcRatespec = struct('tc_ratespec', '', [
  ['cell_log', u8],
  ['linklayer', enumOf(u8, TC_LINKLAYER)],
  ['overhead', u16],
  ['cell_align', s16],
  ['mpu', u16],
  ['rate', u32],
]);

/**
 * A rate table (TCA_HTB_RTAB, TCA_TBF_RTAB, TCA_POLICE_RATE...): 256 u32,
 * the time to send a packet of each size cell (`TC_RTAB_SIZE` = 1024 bytes).
 */
export const rateTable = arrayOf(u32, 'u32[] (rate table)');
