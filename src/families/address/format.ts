/**
 * Addresses as `ip [-d] [-4|-6] addr show` (iproute2 6.1) prints them:
 * each link (as `ip link` prints it, less the link mode, the addrgenmode
 * and the alias) followed by its addresses, `inet 198.18.0.1/24 brd ...
 * scope global veth0` and `valid_lft ... preferred_lft ...`; in JSON an
 * `addr_info` array on the link's object.
 */
import { IFA_F } from './header.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET6, RTM } from '../../rtnl/constants.js';
import type { FormatContext } from '../../format/context.js';
import { printLinkHead } from '../link/format-head.js';
import { ADDR_FLAG_ORDER } from './names.js';
import { familyName, scopeName } from '../../format/names.js';
import { Out, num, type Json, type JsonObject } from '../../format/printer.js';

/** Options of {@link addrJSON} and {@link addrText}. */
export interface AddrFormatOptions {
  /** `-d`: the link's details too. */
  details?: boolean;
  /** `-4` / `-6`: only addresses of this family (AF_INET, AF_INET6); 0 or absent for all. */
  family?: number;
}

/** `ifa_cacheinfo` lifetimes of 0xffffffff mean "forever". */
const INFINITY_LIFE_TIME = 0xffffffff;
const { IFA_F_SECONDARY, IFA_F_DEPRECATED, IFA_F_PERMANENT } = IFA_F;

/** The address flags in effect: IFA_FLAGS when present (all 32 bits), else `ifa_flags`. */
export function addrFlags(msg: Message): number {
  return num(msg.attrs?.flags ?? msg.header?.flags ?? 0) >>> 0;
}

function printFlags(o: Out, family: number, flags: number): void {
  let rest = flags;
  for (const [name, mask] of ADDR_FLAG_ORDER) {
    if (mask === IFA_F_PERMANENT) {
      if (!(rest & mask)) o.any('dynamic', true, 'dynamic ');
    } else if (rest & mask) {
      if (mask === IFA_F_SECONDARY && family === AF_INET6) o.any('temporary', true, 'temporary ');
      else o.any(name, true, `${name} `);
    }
    rest = (rest & ~mask) >>> 0;
  }
  if (rest) {
    const hex = rest.toString(16).padStart(2, '0');
    o.any('ifa_flags', hex, `flags ${hex} `);
  }
}

/** How {@link printAddr} prints an address. */
export interface AddrMode {
  /** `-br`: only `local[ peer address]/prefixlen[ metric N] `, no newline. */
  brief?: boolean;
  /** `-o` and flush: the link's name (`N: NAME` first; in JSON `index` and `dev`). */
  dev?: string;
}

/** Prints one address as iproute2's print_addrinfo does, through its final newline (none in brief mode). */
export function printAddr(o: Out, msg: Message, mode: AddrMode = {}): void {
  const h = msg.header ?? {};
  const a = msg.attrs ?? {};
  const family: number = h.family ?? 0;
  const flags = addrFlags(msg);
  if (msg.type === RTM.RTM_DELADDR) o.any('deleted', true, 'Deleted ');
  if (!mode.brief) {
    if (mode.dev !== undefined) {
      o.j('index', h.index ?? 0);
      o.j('dev', mode.dev);
      o.t(`${h.index ?? 0}: ${mode.dev}`);
    }
    const fam = familyName(family);
    if (fam !== '???') o.any('family', fam, `    ${fam} `);
    else o.any('family_index', family, `    family ${family} `);
  }

  const local: string | undefined = a.local ?? a.address;
  const address: string | undefined = a.address ?? a.local;
  if (local !== undefined) {
    o.any('local', local, local);
    if (address !== undefined && address !== local) {
      o.t(' peer ');
      o.any('address', address, address);
    }
    o.any('prefixlen', h.prefixlen ?? 0, `/${h.prefixlen ?? 0} `);
    if (a.rtPriority !== undefined) o.any('metric', num(a.rtPriority), `metric ${num(a.rtPriority)} `);
  }
  if (mode.brief) return;
  if (a.broadcast !== undefined) o.any('broadcast', a.broadcast, `brd ${a.broadcast} `);
  if (a.anycast !== undefined) o.any('anycast', a.anycast, `any ${a.anycast} `);
  o.any('scope', scopeName(h.scope ?? 0), `scope ${scopeName(h.scope ?? 0)} `);
  printFlags(o, family, flags);
  if (a.label !== undefined) o.any('label', a.label, a.label);
  const ci = a.cacheinfo;
  if (ci !== undefined) {
    o.t('\n       valid_lft ');
    const valid = num(ci.valid) >>> 0;
    if (valid === INFINITY_LIFE_TIME) {
      o.j('valid_life_time', INFINITY_LIFE_TIME);
      o.t('forever');
    } else o.any('valid_life_time', valid, `${valid}sec`);
    o.t(' preferred_lft ');
    const preferred = num(ci.prefered) >>> 0;
    if (preferred === INFINITY_LIFE_TIME) {
      o.j('preferred_life_time', INFINITY_LIFE_TIME);
      o.t('forever');
    } else {
      // A deprecated address's remaining preferred lifetime prints signed.
      const shown = flags & IFA_F_DEPRECATED ? preferred | 0 : preferred;
      o.any('preferred_life_time', shown, `${shown}sec`);
    }
  }
  o.t('\n');
}

/** The `addr_info` entry `ip -j addr show` prints for one RTM_NEWADDR message. */
export function addrInfoJSON(msg: Message): JsonObject {
  const o = new Out(true);
  printAddr(o, msg);
  return o.object();
}

/** The two lines `ip addr show` prints for one address (`    inet ...`, `       valid_lft ...`). */
export function addrInfoText(msg: Message): string[] {
  const o = new Out(false);
  printAddr(o, msg);
  return o.lines();
}

/** The addresses among `addrs` that `ip addr show` lists under `link`, in dump order. */
export function addrsOfLink(link: Message, addrs: readonly Message[], opts: AddrFormatOptions = {}): Message[] {
  const index = link.header?.index;
  return addrs.filter(
    (m) => m.type === RTM.RTM_NEWADDR && m.header?.index === index && (!opts.family || m.header?.family === opts.family),
  );
}

/**
 * Whether `ip addr show` lists `link` at all: a link with addresses is
 * listed when one of them passes the family filter; a link without any
 * address only when there is no family filter.
 */
export function isLinkShownByAddr(link: Message, addrs: readonly Message[], opts: AddrFormatOptions = {}): boolean {
  const own = addrs.filter((m) => m.type === RTM.RTM_NEWADDR && m.header?.index === link.header?.index);
  if (own.length === 0) return !opts.family;
  return own.some((m) => !opts.family || m.header?.family === opts.family);
}

/**
 * The object `ip -j addr show` prints for `link`: the link's keys, then
 * `addr_info` with the addresses among `addrs` (any address messages; only
 * those of this link, and of `opts.family` if given, are used).
 */
export function addrJSON(link: Message, addrs: readonly Message[], ctx: FormatContext, opts: AddrFormatOptions = {}): JsonObject {
  const o = new Out(true);
  printLinkHead(o, link, ctx, { details: !!opts.details, doLink: false, family: opts.family ?? 0 });
  const out = o.object();
  out.addr_info = addrsOfLink(link, addrs, opts).map((m) => addrInfoJSON(m) as Json);
  return out;
}

/** The lines `ip addr show` prints for `link` and its addresses among `addrs`. */
export function addrText(link: Message, addrs: readonly Message[], ctx: FormatContext, opts: AddrFormatOptions = {}): string[] {
  const o = new Out(false);
  printLinkHead(o, link, ctx, { details: !!opts.details, doLink: false, family: opts.family ?? 0 });
  return [...o.lines(), ...addrsOfLink(link, addrs, opts).flatMap((m) => addrInfoText(m))];
}
