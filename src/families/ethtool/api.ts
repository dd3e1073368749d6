/**
 * `handle.ethtool`: a device's link settings, features, rings, channels,
 * coalescing, pause, EEE, time stamping, private flags, statistics and
 * string sets, through the ethtool generic netlink family of the handle's
 * namespace, as `ethtool` asks for them.
 *
 * A device that does not implement an operation makes the kernel answer
 * EOPNOTSUPP: the call rejects with that KernelError (a veth has no rings,
 * pause, coalescing, EEE, FEC or private flags). A name no device has
 * rejects with DeviceNotFoundError.
 */
import { TransportError } from '../../transport/errors.js';
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError, notFound } from '../../api/errors.js';
import { checkIndex, checkUint } from '../../api/validate.js';
import type { Message } from '../../netlink/message.js';
import { kernelWords } from '../../schema/enums.js';
import { bitsOf, compactList, namedBits, setBitNames, type BitsetAttrs } from './bitset.js';
import { ETH_SS, ETHTOOL_FLAG, ETHTOOL_MSG_USER, ETHTOOL_STATS } from './constants.js';
import { ethtoolFamily } from './family.js';
import {
  featureChangesView,
  featuresView,
  linkInfoView,
  linkModesView,
  linkStateView,
  paramsView,
  privateFlagsView,
  statsView,
  stringsView,
  tsInfoView,
  type Feature,
  type FeatureChanges,
  type LinkInfo,
  type LinkModes,
  type LinkState,
  type Params,
  type Stats,
  type TsInfo,
} from './view.js';

export type { Feature, FeatureChanges, LinkInfo, LinkModes, LinkState, Params, Stats, StatsGroup, TsInfo } from './view.js';

/** A device: its name (or altname), or its ifindex. */
export type EthtoolDev = string | number;

/** A string set: its ETH_SS_* number, or the word (`features`, `link_modes`, `priv_flags`...). */
export type StringSet = number | string;

/** Channel counts (ETHTOOL_A_CHANNELS_*_COUNT) to set; at least one. */
export interface ChannelCounts {
  rx?: number;
  tx?: number;
  other?: number;
  combined?: number;
}

/** Ring parameters (ETHTOOL_A_RINGS_*) to set; at least one. */
export interface RingSizes {
  rx?: number;
  rxMini?: number;
  rxJumbo?: number;
  tx?: number;
  rxBufLen?: number;
  cqeSize?: number;
  txPush?: number;
  rxPush?: number;
  txPushBufLen?: number;
  hdsThresh?: number;
  tcpDataSplit?: number;
}

/** EEE settings, bitsets named (link modes). */
export interface Eee extends Params {
  supported: string[];
  advertised: string[];
  partner: string[];
}

/** Wake-on-LAN: modes supported and enabled (ETH_SS_WOL_MODES words). */
export interface Wol extends Params {
  supported: string[];
  enabled: string[];
}

/** The driver's message level (ETH_SS_MSG_CLASSES). */
export interface Debug extends Params {
  /** NETIF_MSG_* bits set, as a number. */
  msglvl: number;
  /** Their names (`drv`, `probe`, `link`...). */
  classes: string[];
}

const RING_KEYS: readonly (keyof RingSizes)[] = ['rx', 'rxMini', 'rxJumbo', 'tx', 'rxBufLen', 'cqeSize', 'txPush', 'rxPush', 'txPushBufLen', 'hdsThresh', 'tcpDataSplit'];
const U8_RING_KEYS = new Set<keyof RingSizes>(['txPush', 'rxPush', 'tcpDataSplit']);

function checkDev(dev: unknown): EthtoolDev {
  if (typeof dev === 'number') return checkIndex(dev);
  if (typeof dev !== 'string' || dev === '' || Buffer.byteLength(dev) > 127 || dev.includes('\0')) {
    throw new InvalidArgumentError(`a device is a name of 1 to 127 bytes or an ifindex, not ${JSON.stringify(dev)}`, String(dev));
  }
  return dev;
}

function headerOf(dev: EthtoolDev | undefined, flags: number): Record<string, unknown> {
  const h: Record<string, unknown> = {};
  if (typeof dev === 'string') h.devName = dev;
  else if (typeof dev === 'number') h.devIndex = dev;
  if (flags !== 0) h.flags = flags;
  return h;
}

function stringSetId(set: unknown): number {
  if (typeof set === 'number' && Number.isInteger(set) && set >= 0 && set <= 0xffffffff) return set;
  if (typeof set === 'string') {
    const word = set.toLowerCase().replace(/^eth_ss_/, '').replace(/-/g, '_');
    for (const [v, w] of Object.entries(kernelWords(ETH_SS, 'ETH_SS_'))) if (w === word) return Number(v);
  }
  throw new InvalidArgumentError(`unknown string set ${JSON.stringify(set)} (ETH_SS_* number or word: ${Object.values(kernelWords(ETH_SS, 'ETH_SS_')).join(', ')})`, String(set));
}

export class EthtoolFacet {
  constructor(private readonly ctx: HandleContext) {}

  /**
   * Sends request `cmd` (`ETHTOOL_MSG_RINGS_GET`...) about `dev` (none:
   * a global question) with header flags `flags` (ETHTOOL_FLAG_*) and
   * further attributes `attrs` (friendly keys); resolves with the kernel's
   * reply, if it sent one. A refusal rejects with the KernelError as the
   * kernel sent it (ENODEV for an unknown device included).
   */
  async request(cmd: keyof typeof ETHTOOL_MSG_USER, dev?: EthtoolDev, attrs: Record<string, unknown> = {}, flags = 0): Promise<Message | undefined> {
    const d = dev === undefined ? undefined : checkDev(dev);
    const replies = await this.ctx.genl().request(ethtoolFamily, cmd, { header: headerOf(d, flags), ...attrs });
    return replies[0];
  }

  /** {@link request}, an unknown device name rejecting with DeviceNotFoundError. */
  private ask(cmd: keyof typeof ETHTOOL_MSG_USER, dev: EthtoolDev | undefined, attrs: Record<string, unknown> = {}, flags = 0): Promise<Message | undefined> {
    return this.request(cmd, dev, attrs, flags).catch((e) => notFound(e, typeof dev === 'string' ? dev : undefined));
  }

  private async get(cmd: keyof typeof ETHTOOL_MSG_USER, dev: unknown, flags = 0, attrs: Record<string, unknown> = {}): Promise<Message> {
    const m = await this.ask(cmd, checkDev(dev), attrs, flags);
    if (m === undefined) throw new TransportError(`the kernel answered ethtool ${cmd} with no message`, 'no-reply');
    return m;
  }

  /** Port, PHY address, MDI-X and transceiver (`ethtool DEV`'s lower half). */
  async linkInfo(dev: EthtoolDev): Promise<LinkInfo> {
    return linkInfoView(await this.get('ETHTOOL_MSG_LINKINFO_GET', dev));
  }

  /** Speed, duplex, autonegotiation and link modes (`ethtool DEV`'s upper half). */
  async linkModes(dev: EthtoolDev): Promise<LinkModes> {
    return linkModesView(await this.get('ETHTOOL_MSG_LINKMODES_GET', dev));
  }

  /** Whether a link is detected, and the signal quality where the PHY tells. */
  async linkState(dev: EthtoolDev): Promise<LinkState> {
    return linkStateView(await this.get('ETHTOOL_MSG_LINKSTATE_GET', dev));
  }

  /** Wake-on-LAN modes. */
  async wol(dev: EthtoolDev): Promise<Wol> {
    const m = await this.get('ETHTOOL_MSG_WOL_GET', dev);
    const modes = bitsOf(m.attrs?.modes as BitsetAttrs | undefined);
    return { ...paramsView(m), supported: modes.map((b) => b.name ?? `bit${b.index}`), enabled: modes.filter((b) => b.value).map((b) => b.name ?? `bit${b.index}`) };
  }

  /** The driver's message level. */
  async debug(dev: EthtoolDev): Promise<Debug> {
    const m = await this.get('ETHTOOL_MSG_DEBUG_GET', dev);
    const set = bitsOf(m.attrs?.msgmask as BitsetAttrs | undefined).filter((b) => b.value);
    return { ...paramsView(m), msglvl: set.reduce((n, b) => (n | (b.index < 32 ? 1 << b.index : 0)) >>> 0, 0), classes: set.map((b) => b.name ?? `bit${b.index}`) };
  }

  /**
   * String set `set` (`features`, `link_modes`, ETH_SS_* number): the
   * device's own (statistics, private flags) or, without `dev`, the
   * kernel's global one; by index (an unnamed index is `''`).
   */
  async strings(dev: EthtoolDev | undefined, set: StringSet): Promise<string[]> {
    const id = stringSetId(set);
    const m = await this.ask('ETHTOOL_MSG_STRSET_GET', dev === undefined ? undefined : checkDev(dev), { stringsets: { stringset: [{ id }] } });
    return m === undefined ? [] : stringsView(m);
  }

  /** Every named feature with its state, as `ethtool -k` shows them (ETH_SS_FEATURES order). */
  async features(dev: EthtoolDev): Promise<Feature[]> {
    const [m, names] = await Promise.all([this.get('ETHTOOL_MSG_FEATURES_GET', dev, ETHTOOL_FLAG.ETHTOOL_FLAG_COMPACT_BITSETS), this.strings(undefined, ETH_SS.ETH_SS_FEATURES)]);
    return featuresView(m, names);
  }

  /**
   * Turns features on (`true`) or off (`false`) by name (`ethtool -K`);
   * resolves with what changed and what the device did not follow.
   */
  async setFeatures(dev: EthtoolDev, changes: Readonly<Record<string, boolean>>): Promise<FeatureChanges> {
    const d = checkDev(dev);
    if (changes === null || typeof changes !== 'object' || Object.keys(changes).length === 0) throw new InvalidArgumentError('setFeatures: give at least one feature name -> boolean');
    for (const [k, v] of Object.entries(changes)) if (typeof v !== 'boolean' || k === '') throw new InvalidArgumentError(`setFeatures: ${JSON.stringify(k)} must map to true or false`, k);
    const [m, names] = await Promise.all([
      this.ask('ETHTOOL_MSG_FEATURES_SET', d, { wanted: namedBits(changes) }, ETHTOOL_FLAG.ETHTOOL_FLAG_COMPACT_BITSETS),
      this.strings(undefined, ETH_SS.ETH_SS_FEATURES),
    ]);
    return featureChangesView(m, names);
  }

  /** Private flags: name -> set (`ethtool --show-priv-flags`). */
  async privateFlags(dev: EthtoolDev): Promise<Record<string, boolean>> {
    return privateFlagsView(await this.get('ETHTOOL_MSG_PRIVFLAGS_GET', dev));
  }

  /** Ring sizes and their maximums (`ethtool -g`). */
  async rings(dev: EthtoolDev): Promise<Params> {
    return paramsView(await this.get('ETHTOOL_MSG_RINGS_GET', dev));
  }

  /** Changes ring sizes (`ethtool -G`). */
  async setRings(dev: EthtoolDev, sizes: RingSizes): Promise<void> {
    const d = checkDev(dev);
    const attrs: Record<string, number> = {};
    for (const k of RING_KEYS) if (sizes?.[k] !== undefined) attrs[k] = checkUint(sizes[k], k, U8_RING_KEYS.has(k) ? 0xff : 0xffffffff);
    if (Object.keys(attrs).length === 0) throw new InvalidArgumentError(`setRings: give at least one of ${RING_KEYS.join(', ')}`);
    await this.ask('ETHTOOL_MSG_RINGS_SET', d, attrs);
  }

  /** Channel counts and their maximums (`ethtool -l`). */
  async channels(dev: EthtoolDev): Promise<Params> {
    return paramsView(await this.get('ETHTOOL_MSG_CHANNELS_GET', dev));
  }

  /** Changes channel counts (`ethtool -L`). */
  async setChannels(dev: EthtoolDev, counts: ChannelCounts): Promise<void> {
    const d = checkDev(dev);
    const attrs: Record<string, number> = {};
    for (const k of ['rx', 'tx', 'other', 'combined'] as const) if (counts?.[k] !== undefined) attrs[`${k}Count`] = checkUint(counts[k], k);
    if (Object.keys(attrs).length === 0) throw new InvalidArgumentError('setChannels: give at least one of rx, tx, other, combined');
    await this.ask('ETHTOOL_MSG_CHANNELS_SET', d, attrs);
  }

  /** Interrupt coalescing (`ethtool -c`). */
  async coalesce(dev: EthtoolDev): Promise<Params> {
    return paramsView(await this.get('ETHTOOL_MSG_COALESCE_GET', dev));
  }

  /** Pause frame settings (`ethtool -a`); with `stats`, the pause frame counters too. */
  async pause(dev: EthtoolDev, options: { stats?: boolean } = {}): Promise<Params> {
    return paramsView(await this.get('ETHTOOL_MSG_PAUSE_GET', dev, options.stats ? ETHTOOL_FLAG.ETHTOOL_FLAG_STATS : 0));
  }

  /** Energy-efficient Ethernet (`ethtool --show-eee`). */
  async eee(dev: EthtoolDev): Promise<Eee> {
    const m = await this.get('ETHTOOL_MSG_EEE_GET', dev);
    const ours = bitsOf(m.attrs?.modesOurs as BitsetAttrs | undefined);
    return {
      ...paramsView(m),
      supported: ours.map((b) => b.name ?? `bit${b.index}`),
      advertised: ours.filter((b) => b.value).map((b) => b.name ?? `bit${b.index}`),
      partner: setBitNames(m.attrs?.modesPeer as BitsetAttrs | undefined),
    };
  }

  /** Time stamping capabilities and PTP clock (`ethtool -T`). */
  async tsinfo(dev: EthtoolDev): Promise<TsInfo> {
    return tsInfoView(await this.get('ETHTOOL_MSG_TSINFO_GET', dev));
  }

  /** Standard statistics of every group (`ethtool -S DEV --all-groups`): the groups the driver reports counters for. */
  async stats(dev: EthtoolDev): Promise<Stats> {
    const all = Object.values(ETHTOOL_STATS);
    return statsView(await this.get('ETHTOOL_MSG_STATS_GET', dev, 0, { groups: compactList(all.length, all) }));
  }
}
