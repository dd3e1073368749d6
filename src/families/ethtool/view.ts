/**
 * What `handle.ethtool` answers: each kernel reply lifted into a plain
 * object (the whole decoded message kept under `message`), words taken
 * from the declared enums, bitsets resolved to names.
 */
import type { Message } from '../../netlink/message.js';
import { kernelWord } from '../../schema/enums.js';
import { bitsOf, setBitNames, type BitsetAttrs } from './bitset.js';
import { DUPLEX, ETHTOOL_STATS, MASTER_SLAVE_CFG, MASTER_SLAVE_STATE, PORT, RATE_MATCH, SPEED_UNKNOWN, XCVR } from './constants.js';

type Attrs = Record<string, any>;

/** The device a reply is about. */
export interface EthtoolDevice {
  ifindex: number;
  ifname: string;
}

function deviceOf(m: Message): EthtoolDevice {
  const h = (m.attrs?.header ?? {}) as Attrs;
  return { ifindex: h.devIndex ?? 0, ifname: h.devName ?? '' };
}

/** The reply's attributes without the header, as decoded (camelCase keys). */
function body(m: Message): Attrs {
  const { header: _header, ...rest } = (m.attrs ?? {}) as Attrs;
  return rest;
}

/** ETHTOOL_MSG_LINKINFO_GET_REPLY. */
export interface LinkInfo extends EthtoolDevice {
  /** PORT_* value and word (`tp`, `fibre`, `other`...). */
  port?: number;
  portName?: string;
  phyaddr?: number;
  /** ETH_TP_MDI* value of the MDI-X state and of its control. */
  tpMdix?: number;
  tpMdixCtrl?: number;
  /** XCVR_* value and word (`internal`, `external`). */
  transceiver?: number;
  transceiverName?: string;
  message: Message;
}

export function linkInfoView(m: Message): LinkInfo {
  const a = body(m);
  const out: LinkInfo = { ...deviceOf(m), message: m };
  if (a.port !== undefined) Object.assign(out, { port: a.port, portName: kernelWord(PORT, 'PORT_', a.port) });
  if (a.phyaddr !== undefined) out.phyaddr = a.phyaddr;
  if (a.tpMdix !== undefined) out.tpMdix = a.tpMdix;
  if (a.tpMdixCtrl !== undefined) out.tpMdixCtrl = a.tpMdixCtrl;
  if (a.transceiver !== undefined) Object.assign(out, { transceiver: a.transceiver, transceiverName: kernelWord(XCVR, 'XCVR_', a.transceiver) });
  return out;
}

/** ETHTOOL_MSG_LINKMODES_GET_REPLY, bitsets named (ETH_SS_LINK_MODES). */
export interface LinkModes extends EthtoolDevice {
  autoneg?: boolean;
  /** Mb/s; undefined when the driver does not know (SPEED_UNKNOWN). */
  speed?: number;
  /** `half`, `full`, `unknown` (DUPLEX_*); the number for another value. */
  duplex?: string;
  lanes?: number;
  masterSlaveCfg?: string;
  masterSlaveState?: string;
  rateMatching?: string;
  /** Link modes the device supports (the mask of ETHTOOL_A_LINKMODES_OURS). */
  supported: string[];
  /** Link modes it advertises (the value). */
  advertised: string[];
  /** Link modes the partner advertises, when known. */
  partner?: string[];
  message: Message;
}

export function linkModesView(m: Message): LinkModes {
  const a = body(m);
  const ours = bitsOf(a.ours as BitsetAttrs | undefined);
  const out: LinkModes = {
    ...deviceOf(m),
    supported: ours.map((b) => b.name ?? `bit${b.index}`),
    advertised: ours.filter((b) => b.value).map((b) => b.name ?? `bit${b.index}`),
    message: m,
  };
  if (a.autoneg !== undefined) out.autoneg = a.autoneg !== 0;
  if (a.speed !== undefined && a.speed !== SPEED_UNKNOWN) out.speed = a.speed;
  if (a.duplex !== undefined) out.duplex = kernelWord(DUPLEX, 'DUPLEX_', a.duplex);
  if (a.lanes !== undefined) out.lanes = a.lanes;
  if (a.masterSlaveCfg !== undefined) out.masterSlaveCfg = kernelWord(MASTER_SLAVE_CFG, 'MASTER_SLAVE_CFG_', a.masterSlaveCfg);
  if (a.masterSlaveState !== undefined) out.masterSlaveState = kernelWord(MASTER_SLAVE_STATE, 'MASTER_SLAVE_STATE_', a.masterSlaveState);
  if (a.rateMatching !== undefined) out.rateMatching = kernelWord(RATE_MATCH, 'RATE_MATCH_', a.rateMatching);
  if (a.peer !== undefined) out.partner = setBitNames(a.peer as BitsetAttrs);
  return out;
}

/** ETHTOOL_MSG_LINKSTATE_GET_REPLY. */
export interface LinkState extends EthtoolDevice {
  link?: boolean;
  sqi?: number;
  sqiMax?: number;
  extState?: number;
  extSubstate?: number;
  extDownCount?: number;
  message: Message;
}

export function linkStateView(m: Message): LinkState {
  const a = body(m);
  const out: LinkState = { ...deviceOf(m), message: m };
  if (a.link !== undefined) out.link = a.link !== 0;
  if (a.sqi !== undefined) out.sqi = a.sqi;
  if (a.sqiMax !== undefined) out.sqiMax = a.sqiMax;
  if (a.extState !== undefined) out.extState = a.extState;
  if (a.extSubstate !== undefined) out.extSubstate = a.extSubstate;
  if (a.extDownCnt !== undefined) out.extDownCount = a.extDownCnt;
  return out;
}

/** One feature (offload) of a device, as `ethtool -k` shows it. */
export interface Feature {
  /** Its name in ETH_SS_FEATURES (`tx-tcp-segmentation`). */
  name: string;
  index: number;
  /** In effect (`on`/`off`). */
  active: boolean;
  /** Asked for; differs from `active` when ethtool shows `[requested on]`/`[requested off]`. */
  wanted: boolean;
  /** The user may change it (in the device's hw_features). */
  hardware: boolean;
  /** It can never change. */
  nochange: boolean;
  /** `!hardware || nochange`: ethtool's `[fixed]`. */
  fixed: boolean;
}

/** The four feature bitsets of an ETHTOOL_MSG_FEATURES_GET_REPLY, named by `names` (ETH_SS_FEATURES). */
export function featuresView(m: Message, names: readonly string[]): Feature[] {
  const a = body(m);
  const on = (bs: unknown) => new Set(bitsOf(bs as BitsetAttrs | undefined).filter((b) => b.value).map((b) => b.index));
  const active = on(a.active);
  const wanted = on(a.wanted);
  const hw = on(a.hw);
  const nochange = on(a.nochange);
  const size = (a.active as BitsetAttrs | undefined)?.size ?? names.length;
  const out: Feature[] = [];
  for (let i = 0; i < size; i++) {
    const name = names[i];
    if (name === undefined || name === '') continue;
    const hardware = hw.has(i);
    out.push({ name, index: i, active: active.has(i), wanted: wanted.has(i), hardware, nochange: nochange.has(i), fixed: !hardware || nochange.has(i) });
  }
  return out;
}

/** What a FEATURES_SET changed, from its reply: features now on or off, and requests the device did not follow. */
export interface FeatureChanges {
  /** Features whose state changed: name -> now active. */
  changed: Record<string, boolean>;
  /** Features wanted but not in effect: name -> wanted. */
  notApplied: Record<string, boolean>;
}

export function featureChangesView(m: Message | undefined, names: readonly string[]): FeatureChanges {
  const a = m === undefined ? {} : body(m);
  const pairs = (bs: unknown) => Object.fromEntries(bitsOf(bs as BitsetAttrs | undefined, names).map((b) => [b.name ?? `bit${b.index}`, b.value]));
  return { changed: pairs(a.active), notApplied: pairs(a.wanted) };
}

/** A parameter reply as decoded, header dropped: rings, channels, coalesce, pause, EEE... (keys as in the declarations). */
export type Params = EthtoolDevice & Attrs & { message: Message };

export function paramsView(m: Message): Params {
  return { ...body(m), ...deviceOf(m), message: m };
}

/** ETHTOOL_MSG_TSINFO_GET_REPLY, bitsets named. */
export interface TsInfo extends EthtoolDevice {
  /** SOF_TIMESTAMPING_* capabilities (`software-transmit`...). */
  timestamping: string[];
  /** Hardware transmit modes (HWTSTAMP_TX_*: `off`, `on`...). */
  txTypes: string[];
  /** Hardware receive filters (HWTSTAMP_FILTER_*: `none`, `all`...). */
  rxFilters: string[];
  /** The PTP hardware clock's index; undefined without one. */
  phcIndex?: number;
  stats?: Attrs;
  message: Message;
}

export function tsInfoView(m: Message): TsInfo {
  const a = body(m);
  const out: TsInfo = {
    ...deviceOf(m),
    timestamping: setBitNames(a.timestamping),
    txTypes: setBitNames(a.txTypes),
    rxFilters: setBitNames(a.rxFilters),
    message: m,
  };
  if (a.phcIndex !== undefined) out.phcIndex = a.phcIndex;
  if (a.stats !== undefined) out.stats = a.stats;
  return out;
}

/** Private flags: name -> set. */
export function privateFlagsView(m: Message): Record<string, boolean> {
  return Object.fromEntries(bitsOf(body(m).flags as BitsetAttrs | undefined).map((b) => [b.name ?? `bit${b.index}`, b.value]));
}

/** One standard statistics group of an ETHTOOL_MSG_STATS_GET_REPLY. */
export interface StatsGroup {
  /** `eth_phy`, `eth_mac`, `eth_ctrl`, `rmon`, `phy` (ETHTOOL_STATS_*). */
  group: string;
  id: number;
  /** The counters the driver reported (`txPkt: 42`...). */
  counters: Record<string, number | bigint>;
  histRx?: Attrs[];
  histTx?: Attrs[];
}

export interface Stats extends EthtoolDevice {
  /** ETHTOOL_MAC_STATS_SRC_* of the counters. */
  src?: number;
  groups: StatsGroup[];
  message: Message;
}

export function statsView(m: Message): Stats {
  const a = body(m);
  const groups = ((a.grp ?? []) as Attrs[]).map((g) => {
    const counters: Record<string, number | bigint> = {};
    for (const s of (g.stat ?? []) as Attrs[]) for (const [k, v] of Object.entries(s)) if (typeof v === 'number' || typeof v === 'bigint') counters[k] = v;
    const out: StatsGroup = { group: kernelWord(ETHTOOL_STATS, 'ETHTOOL_STATS_', g.id ?? -1), id: g.id, counters };
    if (g.histRx !== undefined) out.histRx = g.histRx;
    if (g.histTx !== undefined) out.histTx = g.histTx;
    return out;
  });
  const out: Stats = { ...deviceOf(m), groups, message: m };
  if (a.src !== undefined) out.src = a.src;
  return out;
}

/** The strings of the first string set of an ETHTOOL_MSG_STRSET_GET_REPLY, by index. */
export function stringsView(m: Message): string[] {
  const set = (m.attrs?.stringsets?.stringset ?? [])[0] as Attrs | undefined;
  const out: string[] = new Array(set?.count ?? 0).fill('');
  for (const strings of (set?.strings ?? []) as Attrs[]) for (const s of (strings.string ?? []) as Attrs[]) out[s.index] = s.value ?? '';
  return out;
}
