/**
 * `TCA_*` (`linux/rtnetlink.h`, Linux 6.18: TCA_UNSPEC to TCA_EXT_WARN_MSG
 * = 16), the attributes of qdiscs, classes, filters and chains, and the
 * kinds they depend on.
 *
 * TCA_OPTIONS, TCA_XSTATS and TCA_STATS2's TCA_STATS_APP are typed by the
 * sibling TCA_KIND (the qdisc's, class's or filter's kind; for a chain,
 * the kind of its filter template). Any other kind decodes to opaque
 * bytes and re-encodes unchanged.
 */
import { attrSet, dependent, nested } from '../../schema/attr-set.js';
import type { Kind } from '../../schema/kind.js';
import { binary, bytes, flag, string, u8, u32 } from '../../schema/scalars.js';
import { bpfAttrs } from './bpf.js';
import { noOptionAttrs, prioOptions, tcFifoQopt } from './fifo.js';
import { fqCodelAttrs } from './fq-codel.js';
import { bitfield32, TCA_DUMP_FLAGS } from './header.js';
import { htbAttrs, tcHtbXstats } from './htb.js';
import { genericStatsAttrs, stabAttrs, stats2, tcEstimator, tcStats } from './stats.js';
import { tbfAttrs } from './tbf.js';
import { u32Attrs } from './u32.js';

/** Qdisc kinds whose TCA_OPTIONS is declared (mq sends none; others decode as bytes). */
export const QDISC_KIND_NAMES = ['htb', 'tbf', 'pfifo', 'bfifo', 'pfifo_head_drop', 'pfifo_fast', 'prio', 'ingress', 'clsact', 'fq_codel'] as const;

/** Classifier kinds whose TCA_OPTIONS is declared. */
export const FILTER_KIND_NAMES = ['u32', 'bpf'] as const;

/** TCA_OPTIONS kinds by TCA_KIND, qdiscs (and their classes) and classifiers alike: the kernel's names do not overlap. */
export const optionKinds = (): Readonly<Record<string, Kind>> => ({
  htb: nested(() => htbAttrs),
  tbf: nested(() => tbfAttrs),
  pfifo: tcFifoQopt,
  bfifo: tcFifoQopt,
  pfifo_head_drop: tcFifoQopt,
  pfifo_fast: prioOptions,
  prio: prioOptions,
  ingress: nested(() => noOptionAttrs),
  clsact: nested(() => noOptionAttrs),
  fq_codel: nested(() => fqCodelAttrs),
  u32: nested(() => u32Attrs),
  bpf: nested(() => bpfAttrs),
});

/** TCA_XSTATS (and TCA_STATS_APP) kinds by TCA_KIND: htb's classes. fq_codel's is a union, left opaque. */
export const xstatsKinds = (): Readonly<Record<string, Kind>> => ({
  htb: tcHtbXstats,
});

/** TCA_STATS2 by TCA_KIND: the TCA_STATS_* set whose TCA_STATS_APP is the kind's. */
export const stats2Kinds = (): Readonly<Record<string, Kind>> => Object.fromEntries(Object.entries(xstatsKinds()).map(([k, app]) => [k, stats2(app)]));

export const tcAttrs = attrSet('TCA', 'TCA_', () => [
  [1, 'TCA_KIND', string()],
  [2, 'TCA_OPTIONS', dependent('kind', optionKinds, bytes, 'TCA_OPTIONS')],
  [3, 'TCA_STATS', tcStats],
  [4, 'TCA_XSTATS', dependent('kind', xstatsKinds, bytes, 'TCA_XSTATS')],
  [5, 'TCA_RATE', tcEstimator],
  // A count: the kernel sends it only in an action flush's reply (see TCA_ACT_COOKIE), not for qdiscs, classes or filters.
  [6, 'TCA_FCNT', u32],
  [7, 'TCA_STATS2', dependent('kind', stats2Kinds, nested(() => genericStatsAttrs), 'TCA_STATS2')],
  [8, 'TCA_STAB', nested(() => stabAttrs)],
  // Aligns the u64s of the stats; no payload of its own.
  [9, 'TCA_PAD', binary()],
  // In a dump request: include qdiscs the kernel does not list by default.
  [10, 'TCA_DUMP_INVISIBLE', flag],
  [11, 'TCA_CHAIN', u32],
  // 1 when the qdisc or filter is offloaded to hardware.
  [12, 'TCA_HW_OFFLOAD', u8],
  [13, 'TCA_INGRESS_BLOCK', u32],
  [14, 'TCA_EGRESS_BLOCK', u32],
  [15, 'TCA_DUMP_FLAGS', bitfield32(TCA_DUMP_FLAGS)],
  // A warning the kernel adds to a notification (e.g. a qdisc replaced in offload).
  [16, 'TCA_EXT_WARN_MSG', string()],
]);
