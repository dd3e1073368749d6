/**
 * Actions (`linux/pkt_cls.h`, `linux/tc_act/tc_gact.h`,
 * `linux/tc_act/tc_mirred.h`, `linux/rtnetlink.h`, Linux 6.18): `TCA_ACT_*`,
 * the attributes of one action, and the action lists that carry them
 * (TCA_ROOT_TAB of RTM_*ACTION, a classifier's TCA_U32_ACT or TCA_BPF_ACT).
 *
 * An action list is a nest whose attribute types are the actions' order
 * (1, 2, ... up to TCA_ACT_MAX_PRIO = 32), each a nest of `TCA_ACT_*`.
 * TCA_ACT_OPTIONS is typed by the sibling TCA_ACT_KIND: gact, mirred and
 * police are declared. The kernel these fixtures come from has mirred but
 * neither gact nor police; those two are declared from the headers.
 *
 * ```
 * struct tc_gact {                 struct tc_mirred {
 *    0  __u32 index;                  0  __u32 index;
 *    4  __u32 capab;                  4  __u32 capab;
 *    8  int   action;  (TC_ACT_*)     8  int   action;  (TC_ACT_*)
 *   12  int   refcnt;                12  int   refcnt;
 *   16  int   bindcnt;               16  int   bindcnt;
 * };                                 20  int   eaction; (TCA_EGRESS_REDIR...)
 *                                    24  __u32 ifindex; (the target device)
 * struct tc_gact_p {               };
 *    0  __u16 ptype;  (PGACT_*)
 *    2  __u16 pval;   (1 in pval+1 packets, or the probability out of 10000)
 *    4  int   paction;
 * };
 * ```
 * The first five fields are the kernel's `tc_gen`, common to every action.
 */
import { align4 } from '../../bytes/align.js';
import { NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_TYPE_MASK } from '../../core/constants.js';
import { DecodeError, EncodeError } from '../../core/errors.js';
import { slots } from '../../schema/nest-slots.js';
import { attrSet, dependent, flagText, nested, type AttrSet } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import type { Kind } from '../../schema/kind.js';
import { binary, bytes, s32, string, u16, u32 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { bitfield32, TCA_ROOT_FLAGS } from './header.js';
import { policeAttrs, tcActVerdict, tcfT } from './police.js';
import { genericStatsAttrs } from './stats.js';

/** TCA_ACT_FLAGS bits (`TCA_ACT_FLAGS_*`). */
export const TCA_ACT_FLAGS = {
  TCA_ACT_FLAGS_NO_PERCPU_STATS: 1 << 0,
  TCA_ACT_FLAGS_SKIP_HW: 1 << 1,
  TCA_ACT_FLAGS_SKIP_SW: 1 << 2,
} as const;

/** TCA_ACT_HW_STATS and TCA_ACT_USED_HW_STATS bits (`TCA_ACT_HW_STATS_*`). */
export const TCA_ACT_HW_STATS = {
  TCA_ACT_HW_STATS_IMMEDIATE: 1 << 0,
  TCA_ACT_HW_STATS_DELAYED: 1 << 1,
} as const;

/** Most actions in one list (`TCA_ACT_MAX_PRIO`). */
export const TCA_ACT_MAX_PRIO = 32;

/** gact's random modes (`PGACT_*`, tc_gact_p.ptype). */
export const PGACT = {
  PGACT_NONE: 0,
  PGACT_NETRAND: 1,
  PGACT_DETERM: 2,
} as const;

/** mirred's modes (tc_mirred.eaction). */
export const TCA_MIRRED_EACTION = {
  TCA_EGRESS_REDIR: 1,
  TCA_EGRESS_MIRROR: 2,
  TCA_INGRESS_REDIR: 3,
  TCA_INGRESS_MIRROR: 4,
} as const;

export const tcGact = struct('tc_gact', '', [
  ['index', u32],
  ['capab', u32],
  ['action', tcActVerdict],
  ['refcnt', s32],
  ['bindcnt', s32],
]);

export const tcGactP = struct('tc_gact_p', '', [
  ['ptype', enumOf(u16, PGACT)],
  ['pval', u16],
  ['paction', tcActVerdict],
]);

export const tcMirred = struct('tc_mirred', '', [
  ['index', u32],
  ['capab', u32],
  ['action', tcActVerdict],
  ['refcnt', s32],
  ['bindcnt', s32],
  ['eaction', enumOf(s32, TCA_MIRRED_EACTION)],
  ['ifindex', u32],
]);

/** `TCA_GACT_*`: TCA_ACT_OPTIONS of kind "gact". */
export const gactAttrs = attrSet('TCA_GACT', 'TCA_GACT_', () => [
  [1, 'TCA_GACT_TM', tcfT],
  [2, 'TCA_GACT_PARMS', tcGact],
  [3, 'TCA_GACT_PROB', tcGactP],
  // Aligns TCA_GACT_TM's u64s; no payload of its own.
  [4, 'TCA_GACT_PAD', binary()],
]);

/** `TCA_MIRRED_*`: TCA_ACT_OPTIONS of kind "mirred". */
export const mirredAttrs = attrSet('TCA_MIRRED', 'TCA_MIRRED_', () => [
  [1, 'TCA_MIRRED_TM', tcfT],
  [2, 'TCA_MIRRED_PARMS', tcMirred],
  // Aligns TCA_MIRRED_TM's u64s; no payload of its own.
  [3, 'TCA_MIRRED_PAD', binary()],
  // A shared block to mirror or redirect to, instead of a device.
  [4, 'TCA_MIRRED_BLOCKID', u32],
]);

/** TCA_ACT_OPTIONS kinds by TCA_ACT_KIND. */
export const actOptionKinds = (): Readonly<Record<string, Kind>> => ({
  gact: nested(() => gactAttrs),
  mirred: nested(() => mirredAttrs),
  police: nested(() => policeAttrs),
});

/** `TCA_ACT_*`: one action. */
export const actAttrs = attrSet('TCA_ACT', 'TCA_ACT_', () => [
  [1, 'TCA_ACT_KIND', string()],
  [2, 'TCA_ACT_OPTIONS', dependent('kind', actOptionKinds, bytes, 'TCA_ACT_OPTIONS')],
  [3, 'TCA_ACT_INDEX', u32],
  [4, 'TCA_ACT_STATS', nested(() => genericStatsAttrs)],
  // Aligns the u64s of TCA_ACT_STATS; no payload of its own.
  [5, 'TCA_ACT_PAD', binary()],
  // Opaque to the kernel, at most TC_COOKIE_MAX_SIZE (16) bytes: the user's own tag. In the reply to an
  // action flush the kernel puts TCA_FCNT, the number of actions deleted, under this same type.
  [6, 'TCA_ACT_COOKIE', binary()],
  [7, 'TCA_ACT_FLAGS', bitfield32(TCA_ACT_FLAGS)],
  [8, 'TCA_ACT_HW_STATS', bitfield32(TCA_ACT_HW_STATS)],
  [9, 'TCA_ACT_USED_HW_STATS', bitfield32(TCA_ACT_HW_STATS)],
  [10, 'TCA_ACT_IN_HW_COUNT', u32],
]);

/** One action of a list: its order (the attribute type), its TCA_ACT_* attributes, and NLA_F_* bits when set. */
export interface TcAction {
  order: number;
  flags?: number;
  attrs: Record<string, any>;
}

/**
 * An action list (TCA_ROOT_TAB, TCA_U32_ACT, TCA_BPF_ACT...): decoded as
 * `[{order, attrs}]` in wire order; JSON `[{order, attributes}]` with the
 * kernel's TCA_ACT_* names.
 */
export const actionList: Kind<TcAction[]> = {
  label: 'tc actions',
  spec: { t: 'custom', label: 'tc actions', ts: '{ order: number; flags?: number; attrs: Record<string, any> }[]' },
  arrayValued: true,
  decode(src, off, len) {
    return slots(src, off, len, 'tc actions').map((sl) => {
      const a: TcAction = { order: sl.rawType & NLA_TYPE_MASK, attrs: {} };
      if (sl.rawType & ~NLA_TYPE_MASK) a.flags = sl.rawType & ~NLA_TYPE_MASK;
      try {
        a.attrs = actAttrs.decode(src, sl.at, sl.len);
      } catch (e) {
        if (e instanceof DecodeError) throw e.within(`[${a.order}]`);
        throw e;
      }
      return a;
    });
  },
  encode(w, v) {
    if (!Array.isArray(v)) throw new EncodeError('tc actions: expected an array of {order, attrs}');
    for (const a of v) {
      if (a === null || typeof a !== 'object') throw new EncodeError('tc actions: each action must be an object {order, attrs}');
      const order = a.order;
      if (!Number.isInteger(order) || order < 0 || order > NLA_TYPE_MASK) throw new EncodeError(`tc actions: order ${String(order)} is not from 0 to ${NLA_TYPE_MASK}`);
      const flags = a.flags ?? 0;
      if (!Number.isInteger(flags) || (flags & ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)) !== 0) throw new EncodeError(`tc actions: flags ${String(flags)} are not NLA_F_* bits`);
      const start = w.length;
      w.u16(0);
      w.u16(order | flags);
      try {
        actAttrs.encode(w, a.attrs ?? {});
      } catch (e) {
        if (e instanceof EncodeError) throw e.within(`[${order}]`);
        throw e;
      }
      const alen = w.length - start;
      if (alen > 0xffff) throw new EncodeError(`tc actions: action ${order} is ${alen} bytes, more than 65535`);
      w.patchU16(start, alen);
      w.align();
    }
  },
  size: (v) => v.reduce((n, a) => n + align4(4 + actAttrs.size(a.attrs ?? {})), 0),
  format: (v) => `${v.length} action(s)`,
  json: (v) =>
    v.map((a) => ({
      order: a.order,
      ...(a.flags ? { flags: flagText(a.flags) } : {}),
      attributes: actAttrs.json(a.attrs),
    })),
  explain(src, off, len, ctx) {
    // Bytes that do not decode are refused the same way (slots throws).
    for (const sl of slots(src, off, len, 'tc actions')) {
      const order = sl.rawType & NLA_TYPE_MASK;
      const ft = flagText(sl.rawType & ~NLA_TYPE_MASK);
      const path = [...ctx.path, `[${order}]`];
      const p = sl.at - 4;
      ctx.rows.push({ offset: p, length: 4, depth: ctx.depth, role: 'attr', path, name: `[${order}]`, value: `len ${sl.len + 4}, type ${order}${ft ? ' ' + ft : ''} (action order ${order})` });
      if (sl.len > 0) actAttrs.explain(src, sl.at, sl.len, { rows: ctx.rows, path, depth: ctx.depth + 1 });
      if (sl.next > sl.at + sl.len) ctx.rows.push({ offset: sl.at + sl.len, length: sl.next - sl.at - sl.len, depth: ctx.depth + 1, role: 'pad', path: [...path, 'padding'], name: 'padding', value: `(${sl.next - sl.at - sl.len})` });
    }
  },
  arbitrary: (fc) =>
    fc.array(
      fc.record({
        order: fc.integer({ min: 1, max: TCA_ACT_MAX_PRIO }),
        attrs: fc.record({ kind: fc.constantFrom('gact', 'mirred', 'police'), index: fc.integer({ min: 0, max: 0xffffffff }) }, { requiredKeys: ['kind'] }),
      }),
      { maxLength: 3 },
    ),
};

/** `TCA_ROOT_*`: the attributes of RTM_NEWACTION, RTM_DELACTION and RTM_GETACTION. */
export const rootAttrs: AttrSet = attrSet('TCA_ROOT', 'TCA_ROOT_', () => [
  // TCA_ACT_TAB in older headers.
  [1, 'TCA_ROOT_TAB', actionList],
  [2, 'TCA_ROOT_FLAGS', bitfield32(TCA_ROOT_FLAGS)],
  // Actions in this reply (a large dump's).
  [3, 'TCA_ROOT_COUNT', u32],
  // Dump only actions used within this many milliseconds.
  [4, 'TCA_ROOT_TIME_DELTA', u32],
  [5, 'TCA_ROOT_EXT_WARN_MSG', string()],
]);
