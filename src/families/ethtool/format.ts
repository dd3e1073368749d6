/**
 * ethtool's text (ethtool 6.1, netlink mode) from decoded replies, as pure
 * functions: the `ethtool DEV` summary (link modes, link info, Wake-on-LAN,
 * message level, link state), `ethtool -k` (features, grouped under the
 * legacy offload names first), `ethtool -l` (channels) and `ethtool -T`
 * (time stamping).
 */
import type { Message } from '../../netlink/message.js';
import { bitsOf, type Bit, type BitsetAttrs } from './bitset.js';
import { DUPLEX, ETH_TP_MDI, PORT, SPEED_UNKNOWN, XCVR } from './constants.js';

type Attrs = Record<string, any>;

const attrsOf = (m: Message | undefined): Attrs => (m?.attrs ?? {}) as Attrs;

/** Link mode bits that are not speeds (`ETHTOOL_LINK_MODE_*_BIT`): ports, pause, autoneg, FEC. */
const LM_AUTONEG = 6;
const LM_PORTS = new Set([7, 8, 9, 10, 11, 16]); // TP, AUI, MII, FIBRE, BNC, Backplane
const LM_PAUSE = 13;
const LM_ASYM_PAUSE = 14;
const LM_FEC = new Set([49, 50, 51, 74]); // FEC_NONE, FEC_RS, FEC_BASER, FEC_LLRS

type LmClass = 'real' | 'port' | 'fec' | 'other';

function lmClass(index: number): LmClass {
  if (LM_PORTS.has(index)) return 'port';
  if (LM_FEC.has(index)) return 'fec';
  if (index === LM_AUTONEG || index === LM_PAUSE || index === LM_ASYM_PAUSE) return 'other';
  return 'real';
}

/**
 * One line of link modes, as ethtool's dump_link_modes writes it: `before`,
 * the modes of `cls` (the mask's with `mask`, else the value's), separated
 * by `between` or, without it, one per line under the first; a half-duplex
 * mode and the next one share a line.
 */
function linkModes(bs: BitsetAttrs | undefined, mask: boolean, cls: LmClass, before: string, between: string | undefined, after: string, ifNone: string | undefined): string {
  let s = `\t${before}`;
  let first = true;
  let prev: Bit | undefined;
  for (const b of bitsOf(bs)) {
    if (!mask && !b.value) continue;
    if (lmClass(b.index) !== cls) continue;
    const name = b.name ?? `BIT${b.index}`;
    if (!first) {
      if (cls === 'real' && prev !== undefined && b.index === prev.index + 1 && (prev.name ?? '').endsWith('/Half')) s += ' ';
      else s += between ?? `\n\t${' '.repeat(before.length)}`;
    }
    first = false;
    s += name;
    prev = b;
  }
  if (first && ifNone !== undefined) s += ifNone;
  return s + after;
}

function pauseLine(bs: BitsetAttrs | undefined, mask: boolean, label: string): string {
  const has = (i: number) => bitsOf(bs).some((b) => b.index === i && (mask || b.value));
  const pause = has(LM_PAUSE);
  const asym = has(LM_ASYM_PAUSE);
  return `\t${label}${pause ? (asym ? 'Symmetric Receive-only' : 'Symmetric') : asym ? 'Transmit-only' : 'No'}\n`;
}

function autonegBit(bs: BitsetAttrs | undefined, mask: boolean): boolean {
  return bitsOf(bs).some((b) => b.index === LM_AUTONEG && (mask || b.value));
}

/** ethtool's print_enum: the name, or `Unknown! (N)`. */
function enumLine(label: string, names: Readonly<Record<number, string>>, v: number): string {
  return `\t${label}: ${names[v] ?? `Unknown! (${v})`}\n`;
}

const DUPLEX_WORDS: Record<number, string> = { [DUPLEX.DUPLEX_HALF]: 'Half', [DUPLEX.DUPLEX_FULL]: 'Full' };
const PORT_WORDS: Record<number, string> = {
  [PORT.PORT_TP]: 'Twisted Pair',
  [PORT.PORT_AUI]: 'AUI',
  [PORT.PORT_BNC]: 'BNC',
  [PORT.PORT_MII]: 'MII',
  [PORT.PORT_FIBRE]: 'FIBRE',
  [PORT.PORT_DA]: 'Direct Attach Copper',
  [PORT.PORT_NONE]: 'None',
  [PORT.PORT_OTHER]: 'Other',
};
const XCVR_WORDS: Record<number, string> = { [XCVR.XCVR_INTERNAL]: 'internal', [XCVR.XCVR_EXTERNAL]: 'external' };
const MS_CFG_WORDS: Record<number, string> = { 1: 'Unknown', 2: 'preferred master', 3: 'preferred slave', 4: 'forced master', 5: 'forced slave' };
const MS_STATE_WORDS: Record<number, string> = { 1: 'Unknown', 2: 'master', 3: 'slave', 4: 'resolution error' };

function linkModesText(a: Attrs): string {
  let s = '';
  if (a.ours !== undefined) {
    const o = a.ours as BitsetAttrs;
    s += linkModes(o, true, 'port', 'Supported ports: [ ', ' ', ' ]\n', undefined);
    s += linkModes(o, true, 'real', 'Supported link modes:   ', undefined, '\n', 'Not reported');
    s += pauseLine(o, true, 'Supported pause frame use: ');
    s += `\tSupports auto-negotiation: ${autonegBit(o, true) ? 'Yes' : 'No'}\n`;
    s += linkModes(o, true, 'fec', 'Supported FEC modes: ', ' ', '\n', 'Not reported');
    s += linkModes(o, false, 'real', 'Advertised link modes:  ', undefined, '\n', 'Not reported');
    s += pauseLine(o, false, 'Advertised pause frame use: ');
    s += `\tAdvertised auto-negotiation: ${autonegBit(o, false) ? 'Yes' : 'No'}\n`;
    s += linkModes(o, false, 'fec', 'Advertised FEC modes: ', ' ', '\n', 'Not reported');
  }
  if (a.peer !== undefined) {
    const p = a.peer as BitsetAttrs;
    s += linkModes(p, false, 'real', 'Link partner advertised link modes:  ', undefined, '\n', 'Not reported');
    s += pauseLine(p, false, 'Link partner advertised pause frame use: ');
    s += `\tLink partner advertised auto-negotiation: ${autonegBit(p, false) ? 'Yes' : 'No'}\n`;
    s += linkModes(p, false, 'fec', 'Link partner advertised FEC modes: ', ' ', '\n', 'Not reported');
  }
  if (a.speed !== undefined) {
    const v = a.speed as number;
    s += v === 0 || v === 0xffff || v === SPEED_UNKNOWN ? '\tSpeed: Unknown!\n' : `\tSpeed: ${v}Mb/s\n`;
  }
  if (a.lanes !== undefined) s += `\tLanes: ${a.lanes}\n`;
  if (a.duplex !== undefined) s += enumLine('Duplex', DUPLEX_WORDS, a.duplex);
  if (a.autoneg !== undefined) s += `\tAuto-negotiation: ${a.autoneg === 0 ? 'off' : 'on'}\n`;
  if (a.masterSlaveCfg !== undefined) s += enumLine('master-slave cfg', MS_CFG_WORDS, a.masterSlaveCfg);
  if (a.masterSlaveState !== undefined) s += enumLine('master-slave status', MS_STATE_WORDS, a.masterSlaveState);
  return s;
}

function mdixLine(mdix: number, ctrl: number): string {
  if (ctrl === ETH_TP_MDI.ETH_TP_MDI) return '\tMDI-X: off (forced)\n';
  if (ctrl === ETH_TP_MDI.ETH_TP_MDI_X) return '\tMDI-X: on (forced)\n';
  const state = mdix === ETH_TP_MDI.ETH_TP_MDI ? 'off' : mdix === ETH_TP_MDI.ETH_TP_MDI_X ? 'on' : 'Unknown';
  return `\tMDI-X: ${state}${ctrl === ETH_TP_MDI.ETH_TP_MDI_AUTO ? ' (auto)' : ''}\n`;
}

function linkInfoText(a: Attrs): string {
  let s = '';
  if (a.port !== undefined) s += enumLine('Port', PORT_WORDS, a.port);
  if (a.phyaddr !== undefined) s += `\tPHYAD: ${a.phyaddr}\n`;
  if (a.transceiver !== undefined) s += enumLine('Transceiver', XCVR_WORDS, a.transceiver);
  if (a.tpMdix !== undefined && a.tpMdixCtrl !== undefined && a.port === PORT.PORT_TP) s += mdixLine(a.tpMdix, a.tpMdixCtrl);
  return s;
}

/** Wake-on-LAN mode letters, by bit (ETH_SS_WOL_MODES order: phy, ucast, mcast, bcast, arp, magic, magicsecure, filter). */
const WOL_LETTERS = 'pumbagsf';

function wolLetters(bits: readonly Bit[]): string {
  const s = bits.map((b) => WOL_LETTERS[b.index] ?? '').join('');
  return s === '' ? 'd' : s;
}

function wolText(a: Attrs): string {
  if (a.modes === undefined) return '';
  const modes = bitsOf(a.modes as BitsetAttrs);
  let s = `\tSupports Wake-on: ${wolLetters(modes)}\n\tWake-on: ${wolLetters(modes.filter((b) => b.value))}\n`;
  if (a.sopass instanceof Uint8Array && modes.some((b) => b.index === 6 && b.value)) {
    s += `\tSecureOn password: ${[...a.sopass].map((x) => x.toString(16).padStart(2, '0')).join(':')}\n`;
  }
  return s;
}

function debugText(a: Attrs): string {
  if (a.msgmask === undefined) return '';
  const set = bitsOf(a.msgmask as BitsetAttrs).filter((b) => b.value);
  const mask = set.reduce((n, b) => (n | (b.index < 32 ? 1 << b.index : 0)) >>> 0, 0);
  return `\tCurrent message level: 0x${mask.toString(16).padStart(8, '0')} (${mask})\n\t\t\t       ${set.map((b) => b.name ?? `bit${b.index}`).join(' ')}\n`;
}

function linkStateText(a: Attrs): string {
  let s = '';
  if (a.link !== undefined) s += `\tLink detected: ${a.link ? 'yes' : 'no'}\n`;
  if (a.sqi !== undefined) s += `\tSQI: ${a.sqi}${a.sqiMax !== undefined ? `/${a.sqiMax}` : ''}\n`;
  return s;
}

/** The replies `ethtool DEV` prints, in its order; a missing one (refused) prints nothing. */
export interface SettingsReplies {
  linkModes?: Message;
  linkInfo?: Message;
  wol?: Message;
  debug?: Message;
  linkState?: Message;
}

/** `ethtool DEV`: `Settings for DEV:` and the lines each reply gives; '' when none gives any (ethtool then says `No data available`). */
export function settingsText(dev: string, r: SettingsReplies): string {
  const body =
    linkModesText(attrsOf(r.linkModes)) + linkInfoText(attrsOf(r.linkInfo)) + wolText(attrsOf(r.wol)) + debugText(attrsOf(r.debug)) + linkStateText(attrsOf(r.linkState));
  return body === '' ? '' : `Settings for ${dev}:\n${body}`;
}

/**
 * The legacy offload names ethtool groups features under (`off_flag_def`):
 * long name and the pattern of feature names it covers (one `*` matching
 * any run of characters). udp-fragmentation-offload is left out, as
 * ethtool does for kernels with the netlink interface.
 */
const LEGACY: readonly (readonly [string, string])[] = [
  ['rx-checksumming', 'rx-checksum'],
  ['tx-checksumming', 'tx-checksum-*'],
  ['scatter-gather', 'tx-scatter-gather*'],
  ['tcp-segmentation-offload', 'tx-tcp*-segmentation'],
  ['generic-segmentation-offload', 'tx-generic-segmentation'],
  ['generic-receive-offload', 'rx-gro'],
  ['large-receive-offload', 'rx-lro'],
  ['rx-vlan-offload', 'rx-vlan-hw-parse'],
  ['tx-vlan-offload', 'tx-vlan-hw-insert'],
  ['ntuple-filters', 'rx-ntuple-filter'],
  ['receive-hashing', 'rx-hashing'],
];

function matches(name: string, pattern: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return name === pattern;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return name.length >= pattern.length - 1 && name.startsWith(head) && name.endsWith(tail);
}

/** `ethtool -k DEV` from an ETHTOOL_MSG_FEATURES_GET_REPLY and the ETH_SS_FEATURES names. */
export function featuresText(dev: string, m: Message, names: readonly string[]): string {
  const a = attrsOf(m);
  const on = (bs: unknown) => new Set(bitsOf(bs as BitsetAttrs | undefined).filter((b) => b.value).map((b) => b.index));
  const active = on(a.active);
  const wanted = on(a.wanted);
  const hw = on(a.hw);
  const nochange = on(a.nochange);
  const count = (a.hw as BitsetAttrs | undefined)?.size ?? names.length;
  const legacyOf: (number | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const n = names[i];
    if (n) legacyOf[i] = LEGACY.findIndex(([, p]) => matches(n, p));
    if (legacyOf[i] === -1) legacyOf[i] = undefined;
  }
  const line = (i: number, label: string, prefix: string): string => {
    let suffix = '';
    if (!hw.has(i) || nochange.has(i)) suffix = ' [fixed]';
    else if (active.has(i) !== wanted.has(i)) suffix = wanted.has(i) ? ' [requested on]' : ' [requested off]';
    return `${prefix}${label}: ${active.has(i) ? 'on' : 'off'}${suffix}\n`;
  };
  let s = `Features for ${dev}:\n`;
  LEGACY.forEach(([long], g) => {
    const members = [...Array(count).keys()].filter((i) => legacyOf[i] === g);
    if (members.length !== 1) s += `${long}: ${members.some((i) => active.has(i)) ? 'on' : 'off'}\n`;
    if (members.length === 1) s += line(members[0]!, long, '');
    else for (const i of members) s += line(i, names[i]!, '\t');
  });
  for (let i = 0; i < count; i++) if (names[i] && legacyOf[i] === undefined) s += line(i, names[i]!, '');
  return s;
}

/** `ethtool -l DEV` from an ETHTOOL_MSG_CHANNELS_GET_REPLY. */
export function channelsText(dev: string, m: Message): string {
  const a = attrsOf(m);
  const v = (x: unknown) => (x === undefined ? 'n/a' : String(x));
  return (
    `Channel parameters for ${dev}:\nPre-set maximums:\n` +
    `RX:\t\t${v(a.rxMax)}\nTX:\t\t${v(a.txMax)}\nOther:\t\t${v(a.otherMax)}\nCombined:\t${v(a.combinedMax)}\n` +
    `Current hardware settings:\n` +
    `RX:\t\t${v(a.rxCount)}\nTX:\t\t${v(a.txCount)}\nOther:\t\t${v(a.otherCount)}\nCombined:\t${v(a.combinedCount)}\n`
  );
}

function tsList(label: string, bs: BitsetAttrs | undefined, ifEmpty: string): string {
  const set = bitsOf(bs).filter((b) => b.value);
  if (set.length === 0) return `${label}:${ifEmpty}\n`;
  return `${label}:\n${set.map((b) => `\t${b.name ?? `bit${b.index}`}\n`).join('')}`;
}

/** `ethtool -T DEV` from an ETHTOOL_MSG_TSINFO_GET_REPLY (verbose bitsets). */
export function tsinfoText(dev: string, m: Message): string {
  const a = attrsOf(m);
  return (
    `Time stamping parameters for ${dev}:\n` +
    tsList('Capabilities', a.timestamping, '') +
    `PTP Hardware Clock: ${a.phcIndex === undefined ? 'none' : String(a.phcIndex | 0)}\n` +
    tsList('Hardware Transmit Timestamp Modes', a.txTypes, ' none') +
    tsList('Hardware Receive Filter Modes', a.rxFilters, ' none')
  );
}
