/**
 * The drivers' extended statistics as `ip stats` (iproute2 6.1) prints
 * them: a bridge's or bridge port's multicast (IGMP/MLD) and STP counters
 * (BRIDGE_XSTATS_MCAST, BRIDGE_XSTATS_STP), and a bond's or bond port's
 * 802.3ad counters (BOND_XSTATS_3AD). Every text line is indented by 20
 * spaces (ip's `%-16s` of an empty name, then four) and ends with a newline:
 *
 * ```
 *                     STP BPDU:  RX: 0 TX: 0
 *                     STP TCN:   RX: 0 TX: 0
 *                     STP Transitions: Blocked: 0 Forwarding: 0
 * ```
 */
import type { Out } from '../../format/printer.js';
import type { BrMcastStats, BridgeStpXstats } from '../message-types.js';
import { u64Json } from './format-counters.js';
import type { Bond3adStats, Counter } from './view.js';

const INDENT = ' '.repeat(20);

type Counters = Readonly<Record<string, Counter | undefined>>;

function big(v: Counter | undefined): bigint {
  return typeof v === 'bigint' ? v : BigInt(v ?? 0);
}

/** One counter: `key: value` in JSON, `text` (with `%llu` for the value) in text. */
function put(o: Out, key: string, v: Counter | undefined, text: string): void {
  const b = big(v);
  o.any(key, u64Json(b), text.replace('%llu', b.toString()));
}

/** Counters of query or report messages by version, received and sent. */
function versions(o: Out, key: string, title: string, s: Counters, field: string, vs: readonly number[]): void {
  o.open(key);
  o.t(`${INDENT}${title}:\n`);
  for (const dir of ['rx', 'tx'] as const) {
    o.t(`${INDENT}  `);
    vs.forEach((v, i) => {
      const last = i === vs.length - 1;
      const head = i === 0 ? `${dir.toUpperCase()}: ` : '';
      put(o, `${dir}_v${v}`, s[`${field.replace('#', String(v))}${dir === 'rx' ? 'Rx' : 'Tx'}`], `${head}v${v} %llu${last ? '\n' : ' '}`);
    });
  }
  o.close();
}

function leaves(o: Out, key: string, title: string, s: Counters, field: string): void {
  o.open(key);
  o.t(`${INDENT}${title}: `);
  put(o, 'rx', s[`${field}Rx`], 'RX: %llu ');
  put(o, 'tx', s[`${field}Tx`], 'TX: %llu\n');
  o.close();
}

/** `struct br_mcast_stats` under `multicast`, as ip's bridge_print_stats_mcast. */
export function printBridgeMcast(o: Out, m: BrMcastStats | Counters): void {
  const s = m as Counters;
  o.open('multicast');
  versions(o, 'igmp_queries', 'IGMP queries', s, 'igmpV#queries', [1, 2, 3]);
  versions(o, 'igmp_reports', 'IGMP reports', s, 'igmpV#reports', [1, 2, 3]);
  leaves(o, 'igmp_leaves', 'IGMP leaves', s, 'igmpLeaves');
  o.t(`${INDENT}IGMP parse errors: `);
  put(o, 'igmp_parse_errors', s.igmpParseErrors, '%llu\n');
  versions(o, 'mld_queries', 'MLD queries', s, 'mldV#queries', [1, 2]);
  versions(o, 'mld_reports', 'MLD reports', s, 'mldV#reports', [1, 2]);
  leaves(o, 'mld_leaves', 'MLD leaves', s, 'mldLeaves');
  o.t(`${INDENT}MLD parse errors: `);
  put(o, 'mld_parse_errors', s.mldParseErrors, '%llu\n');
  o.close();
}

/** `struct bridge_stp_xstats` under `stp`, as ip's bridge_print_stats_stp. */
export function printBridgeStp(o: Out, st: BridgeStpXstats | Counters): void {
  const s = st as Counters;
  o.open('stp');
  o.t(`${INDENT}STP BPDU:  `);
  put(o, 'rx_bpdu', s.rxBpdu, 'RX: %llu ');
  put(o, 'tx_bpdu', s.txBpdu, 'TX: %llu\n');
  o.t(`${INDENT}STP TCN:   `);
  put(o, 'rx_tcn', s.rxTcn, 'RX: %llu ');
  put(o, 'tx_tcn', s.txTcn, 'TX: %llu\n');
  o.t(`${INDENT}STP Transitions: `);
  put(o, 'transition_blk', s.transitionBlk, 'Blocked: %llu ');
  put(o, 'transition_fwd', s.transitionFwd, 'Forwarding: %llu\n');
  o.close();
}

/** BOND_3AD_STAT_* in ip's order, with its JSON key and text. */
const BOND_LINES = [
  ['lacpduRx', 'lacpdu_rx', 'LACPDU Rx %llu'],
  ['lacpduTx', 'lacpdu_tx', 'LACPDU Tx %llu'],
  ['lacpduUnknownRx', 'lacpdu_unknown_rx', 'LACPDU Unknown type Rx %llu'],
  ['lacpduIllegalRx', 'lacpdu_illegal_rx', 'LACPDU Illegal Rx %llu'],
  ['markerRx', 'marker_rx', 'Marker Rx %llu'],
  ['markerTx', 'marker_tx', 'Marker Tx %llu'],
  ['markerRespRx', 'marker_response_rx', 'Marker response Rx %llu'],
  ['markerRespTx', 'marker_response_tx', 'Marker response Tx %llu'],
  ['markerUnknownRx', 'marker_unknown_rx', 'Marker unknown type Rx %llu'],
] as const;

/** The decoded BOND_XSTATS_3AD counters under `802.3ad`, as ip's bond_print_3ad_stats: one line per counter present. */
export function printBond3ad(o: Out, lacp: Bond3adStats): void {
  o.open('802.3ad');
  for (const [view, key, text] of BOND_LINES) {
    const v = lacp[view];
    if (v === undefined) continue;
    o.t(INDENT);
    put(o, key, v, `${text}\n`);
  }
  o.close();
}
