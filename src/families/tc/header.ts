/**
 * Traffic control (RTM_*QDISC, RTM_*TCLASS, RTM_*TFILTER, RTM_*CHAIN and
 * RTM_*ACTION, `linux/rtnetlink.h`, Linux 6.18): the `tcmsg` header of
 * qdiscs, classes, filters and chains, the `tcamsg` header of actions,
 * and the handle words (`TC_H_*`, `linux/pkt_sched.h`).
 *
 * ```
 * struct tcmsg {                   0        1        2        3
 *   unsigned char  tcm_family;     +--------+--------+-----------------+
 *   unsigned char  tcm__pad1;      | family | (pad1) |     (pad2)      |
 *   unsigned short tcm__pad2;      +--------+--------+-----------------+
 *   int            tcm_ifindex;    |            tcm_ifindex            |
 *   __u32          tcm_handle;     +-----------------------------------+
 *   __u32          tcm_parent;     |            tcm_handle             |
 *   __u32          tcm_info;       +-----------------------------------+
 * };                               |            tcm_parent             |
 *                                  +-----------------------------------+
 *                                  |             tcm_info              |
 *                                  +-----------------------------------+
 *
 * struct tcamsg {                  +--------+--------+-----------------+
 *   unsigned char  tca_family;     | family | (pad1) |     (pad2)      |
 *   unsigned char  tca__pad1;      +--------+--------+-----------------+
 *   unsigned short tca__pad2;
 * };
 * ```
 * 20 and 4 bytes, host byte order. A handle is major:minor, 16 bits each
 * (`1:10` is 0x00010010). tcm_info is the qdisc's reference count in a
 * qdisc dump, and (priority << 16) | protocol (network byte order) for a
 * filter. With tcm_ifindex TCM_IFINDEX_MAGIC_BLOCK, tcm_parent is a
 * shared block's index.
 */
import { enumOf, flagsOf } from '../../schema/enums.js';
import type { Kind } from '../../schema/kind.js';
import { s32, u8, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';

/** Handle values with a meaning of their own (`TC_H_*`, `linux/pkt_sched.h`). */
export const TC_H = {
  TC_H_UNSPEC: 0,
  TC_H_ROOT: 0xffffffff,
  TC_H_INGRESS: 0xfffffff1,
  TC_H_MIN_PRIORITY: 0xffe0,
  TC_H_MIN_INGRESS: 0xfff2,
  TC_H_MIN_EGRESS: 0xfff3,
} as const;

/** tcm_ifindex of a request for a shared block (`TCM_IFINDEX_MAGIC_BLOCK`). */
export const TCM_IFINDEX_MAGIC_BLOCK = 0xffffffff;

/** A handle as tc prints it: `1:10`, `1:` (minor 0), `root`, `ffff:fff1`. */
export function formatHandle(h: number): string {
  if (h === TC_H.TC_H_ROOT) return 'root';
  if (h === TC_H.TC_H_UNSPEC) return '0:';
  const maj = h >>> 16;
  const min = h & 0xffff;
  return `${maj.toString(16)}:${min ? min.toString(16) : ''}`;
}

/** A u32 handle (tcm_handle, tcm_parent, a classid): a number, explained as major:minor. */
export const tcHandle: Kind<number> = { ...u32, format: (v) => `${v} (${formatHandle(v)})` };

export const tcmsg = struct('tcmsg', 'tcm_', [
  ['tcm_family', enumOf(u8, AF)],
  3,
  ['tcm_ifindex', s32],
  ['tcm_handle', tcHandle],
  ['tcm_parent', tcHandle],
  ['tcm_info', u32],
]);

export const tcamsg = struct('tcamsg', 'tca_', [['tca_family', enumOf(u8, AF)], 3]);

/**
 * `struct nla_bitfield32 { __u32 value; __u32 selector; }`: the bits of
 * `selector` are the ones the sender sets, to the values in `value`.
 * Named by `table`, the flags it carries.
 */
export function bitfield32(table: Readonly<Record<string, number>>): Kind {
  const bits = flagsOf(u32, table);
  return struct('nla_bitfield32', '', [
    ['value', bits],
    ['selector', bits],
  ]);
}

/** TCA_DUMP_FLAGS bits (`linux/rtnetlink.h`). */
export const TCA_DUMP_FLAGS = {
  TCA_DUMP_FLAGS_TERSE: 1 << 0,
} as const;

/** TCA_ROOT_FLAGS bits of an action dump request (`linux/rtnetlink.h`). */
export const TCA_ROOT_FLAGS = {
  TCA_ACT_FLAG_LARGE_DUMP_ON: 1 << 0,
  TCA_ACT_FLAG_TERSE_DUMP: 1 << 1,
} as const;
