/**
 * What `ip link show` and `ip addr show` (iproute2 6.1, one listing for
 * both) leave out, decided from decoded messages the way ip decides it:
 *
 * - a link is left out for `up` (not IFF_UP), `group N`, `master DEV`,
 *   `type KIND` / `type KIND_slave` and a `dev` other than its own; with a
 *   `label` filter its own line is never printed, only its addresses;
 * - a link with addresses is listed by `ip addr` only when one of them
 *   passes the address filters (family, `scope`, flag words, `label`,
 *   `to PREFIX`); one without addresses only when no family is chosen;
 * - an address passes when its family, scope, flags, label and prefix do.
 *
 * Pure functions: link names for a label match come from the caller's
 * {@link FormatContext}.
 */
import type { Message } from '../../netlink/message.js';
import { IFF, RTM } from '../../rtnl/constants.js';
import type { Cidr } from '../../api/validate.js';
import { inPrefix } from '../../api/validate.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { addrFlags } from './format.js';
import { IFA_F } from './header.js';

/** AF_PACKET: `ip link` lists links only. */
const AF_PACKET = 17;

/** The selectors of `ip link show` / `ip addr show` (iproute2's `struct link_filter`). */
export interface ListFilter {
  /** 0 (any), AF_INET, AF_INET6, or AF_PACKET for `ip link`. */
  family: number;
  /** `dev NAME`, resolved. */
  ifindex?: number;
  /** `up`: administratively up links only. */
  up?: boolean;
  /** `group N`. */
  group?: number;
  /** `master DEV` (its ifindex); -1 for `nomaster`. */
  master?: number;
  /** `type KIND`. */
  kind?: string;
  /** `type KIND_slave`: the kind of the link's master. */
  slaveKind?: string;
  /** `scope S`: the scope wanted, under `scopemask` (0: any). */
  scope?: number;
  scopemask?: number;
  /** Flag words (`permanent`, `dynamic`, `-tentative`...): IFA_F_* bits wanted set, under `flagmask`. */
  flags?: number;
  flagmask?: number;
  /** `label PATTERN` (shell pattern, fnmatch without flags). */
  label?: string;
  /** `to PREFIX`. */
  prefix?: Cidr;
}

/**
 * What iproute2's print_linkinfo makes of a link under the filter: `skip`
 * (left out: in JSON an empty object stands in its place), `quiet`
 * (nothing printed for the link itself: a label filter), or `print`.
 */
export function linkVerdict(msg: Message, f: ListFilter): 'skip' | 'quiet' | 'print' {
  if (msg.type !== RTM.RTM_NEWLINK && msg.type !== RTM.RTM_DELLINK) return 'quiet';
  const h = msg.header ?? {};
  const a = msg.attrs ?? {};
  if (f.ifindex && h.index !== f.ifindex) return 'skip';
  if (f.up && !((h.flags ?? 0) & IFF.IFF_UP)) return 'skip';
  if (f.label !== undefined) return 'quiet';
  if (a.group !== undefined && f.group !== undefined && f.group !== -1 && a.group !== f.group) return 'skip';
  if (f.master !== undefined && f.master > 0 && a.master !== f.master) return 'skip';
  if (f.kind !== undefined && (a.linkinfo === undefined || (a.linkinfo.kind ?? '') !== f.kind)) return 'skip';
  if (f.slaveKind !== undefined && (a.linkinfo === undefined || (a.linkinfo.slaveKind ?? '') !== f.slaveKind)) return 'skip';
  return 'print';
}

/** True when the address passes the scope, flag, family, label and prefix filters (print_addrinfo). */
export function addrPasses(msg: Message, f: ListFilter, ctx: FormatContext): boolean {
  const h = msg.header ?? {};
  const a = msg.attrs ?? {};
  if (f.ifindex && f.ifindex !== h.index) return false;
  if (((f.scope ?? 0) ^ (h.scope ?? 0)) & (f.scopemask ?? 0)) return false;
  if (((f.flags ?? 0) ^ addrFlags(msg)) & (f.flagmask ?? 0)) return false;
  if (f.family && f.family !== h.family) return false;
  return labelMatches(msg, f, ctx) && prefixMatches(a.local ?? a.address, f);
}

const BY_INDEX = new WeakMap<readonly Message[], Map<number | undefined, Message[]>>();

/**
 * The messages of `addrs` by their header's ifindex, in dump order; made
 * once per list (a listing asks for each link's addresses: walking the
 * whole list each time is quadratic in links).
 */
export function addrsByIndex(addrs: readonly Message[]): Map<number | undefined, Message[]> {
  let m = BY_INDEX.get(addrs);
  if (m === undefined) {
    m = new Map();
    for (const a of addrs) {
      const k = a.header?.index as number | undefined;
      const list = m.get(k);
      if (list === undefined) m.set(k, [a]);
      else list.push(a);
    }
    BY_INDEX.set(addrs, m);
  }
  return m;
}

/**
 * Whether `ip addr` lists the link at all (iproute2's ipaddr_filter): one
 * of its addresses among `addrs` passes the filters (the link-level ones
 * aside), or it has none and no family is chosen.
 */
export function keptByAddrs(link: Message, addrs: readonly Message[], f: ListFilter, ctx: FormatContext): boolean {
  let any = false;
  for (const m of addrsByIndex(addrs).get(link.header?.index) ?? []) {
    any = true;
    const h = m.header ?? {};
    if (f.family && f.family !== h.family) continue;
    if (((f.scope ?? 0) ^ (h.scope ?? 0)) & (f.scopemask ?? 0)) continue;
    if (((f.flags ?? 0) ^ addrFlags(m)) & (f.flagmask ?? 0)) continue;
    if (!labelMatches(m, f, ctx)) continue;
    if (!prefixMatches(m.attrs?.local ?? m.attrs?.address, f)) continue;
    return true;
  }
  return !any && (!f.family || f.family === AF_PACKET);
}

/** The label filter: IFA_LABEL, or (IPv6 has none) the link's name, against the pattern. */
function labelMatches(m: Message, f: ListFilter, ctx: FormatContext): boolean {
  if (f.label === undefined) return true;
  const label: string = m.attrs?.label ?? ifName(ctx, m.header?.index ?? 0);
  return fnmatch(f.label, label);
}

/** `to PREFIX`: a prefix of length 0 takes every address, a prefix of the other family none. */
function prefixMatches(address: string | undefined, f: ListFilter): boolean {
  if (f.prefix === undefined || address === undefined || f.prefix.prefixlen === 0) return true;
  return inPrefix(address, f.prefix);
}

/** The flag words of `ip addr show` (`-WORD` inverts; `dynamic` and `primary` are the opposites of `permanent` and `secondary`). */
const FLAG_WORDS: Readonly<Record<string, number>> = {
  secondary: IFA_F.IFA_F_SECONDARY,
  temporary: IFA_F.IFA_F_SECONDARY,
  nodad: IFA_F.IFA_F_NODAD,
  optimistic: IFA_F.IFA_F_OPTIMISTIC,
  dadfailed: IFA_F.IFA_F_DADFAILED,
  home: IFA_F.IFA_F_HOMEADDRESS,
  deprecated: IFA_F.IFA_F_DEPRECATED,
  tentative: IFA_F.IFA_F_TENTATIVE,
  permanent: IFA_F.IFA_F_PERMANENT,
  mngtmpaddr: IFA_F.IFA_F_MANAGETEMPADDR,
  noprefixroute: IFA_F.IFA_F_NOPREFIXROUTE,
  autojoin: IFA_F.IFA_F_MCAUTOJOIN,
  'stable-privacy': IFA_F.IFA_F_STABLE_PRIVACY,
};

/** Adds a flag word to the filter (iproute2's get_filter); false when `word` is none. */
export function addFlagWord(f: ListFilter, word: string): boolean {
  let inv = word.startsWith('-');
  let w = inv ? word.slice(1) : word;
  if (w === 'dynamic') {
    inv = !inv;
    w = 'permanent';
  } else if (w === 'primary') {
    inv = !inv;
    w = 'secondary';
  }
  const mask = FLAG_WORDS[w];
  if (mask === undefined) return false;
  f.flags = inv ? (f.flags ?? 0) & ~mask : (f.flags ?? 0) | mask;
  f.flagmask = (f.flagmask ?? 0) | mask;
  return true;
}

/**
 * fnmatch(3) without flags: `*`, `?`, bracket expressions (`[a-z]`,
 * `[!x]`, `[^x]`) and backslash escapes; `/` and a leading `.` are
 * ordinary characters.
 */
export function fnmatch(pattern: string, text: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else if (ch === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]!);
    else if (ch === '[') {
      const close = bracketEnd(pattern, i);
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        const neg = body.startsWith('!') || body.startsWith('^');
        if (neg) body = body.slice(1);
        re += `[${neg ? '^' : ''}${body.replace(/[\\\]^]/g, (c) => '\\' + c)}]`;
        i = close;
      }
    } else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`).test(text);
}

/** Index of the `]` closing the bracket expression opened at `open`, or -1. */
function bracketEnd(p: string, open: number): number {
  let j = open + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) if (p[j] === ']') return j;
  return -1;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
