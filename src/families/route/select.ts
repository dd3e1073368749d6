/**
 * Which routes `ip route show` / `ip route flush` take: iproute2 6.1's
 * selector (its `filter` and `filter_nlmsg()`), applied to decoded
 * RTM_NEWROUTE messages. The kernel applies part of it itself when the
 * socket checks dumps strictly (protocol, table, output device, cloned;
 * see {@link dumpFilterOf}); the rest is always applied here, as ip
 * applies all of it in user space too, whatever the kernel did.
 *
 * Prefix selectors follow ip's `inet_prefix`: `root P` takes routes inside
 * P (at least as long, same leading bits), `match P` routes that contain
 * P (at most as long), `exact P` (or a bare P) both, so only P itself.
 */
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, RT_TABLE, RTM, RTM_F, RTN } from '../../rtnl/constants.js';
import { parseIPv6 } from '../../schema/addresses.js';

/**
 * A prefix selector as ip parses it (`get_prefix`): the address family
 * (0 when unknown, for `default` without -4/-6), the bits compared, the
 * address, and whether a length was written (`/24`, or `default`).
 */
export interface PrefixSelector {
  family: number;
  bits: number;
  bytes: Uint8Array;
  lengthGiven: boolean;
}

/** What ip's `filter` holds for `route show` and `route flush`; absent fields select everything. */
export interface RouteSelector {
  /** rtm_family to keep (0: any). */
  family: number;
  /** The table (0: every table, `table all`); ip's default is RT_TABLE_MAIN. */
  table: number;
  /** Cloned (cache) routes: `exclude` (ip's default), `only` (`cached`), `any` (`route get`). */
  cloned: 'exclude' | 'only' | 'any';
  protocol?: number;
  scope?: number;
  /** One RTN_* type (ip keeps only the last `type` given). */
  type?: number;
  tos?: number;
  /** `root`, `match`, `exact` destination prefixes (`exact` sets both). */
  rootDst?: PrefixSelector;
  matchDst?: PrefixSelector;
  /** The same for the source prefix (`from root|match|exact P`). */
  rootSrc?: PrefixSelector;
  matchSrc?: PrefixSelector;
  /** Gateway (RTA_GATEWAY or RTA_VIA) inside this prefix. */
  via?: PrefixSelector;
  /** Preferred source address (RTA_PREFSRC) inside this prefix. */
  prefsrc?: PrefixSelector;
  /** RTA_FLOW realms, compared under `mask` (from << 16 | to). */
  realms?: { value: number; mask: number };
  /** ifindexes of RTA_IIF and RTA_OIF (a route without one has 0). */
  iif?: number;
  oif?: number;
  mark?: number;
  metric?: number;
}

/** What one pass over a dump remembers, as ip's filter does (its static `ip6_multiple_tables`). */
export interface SelectState {
  ip6MultipleTables: boolean;
}

/** The selector of plain `ip route show`: the main table, no cloned routes. */
export function defaultSelector(family = 0): RouteSelector {
  return { family, table: RT_TABLE.RT_TABLE_MAIN, cloned: 'exclude' };
}

/** Bits in an address of `family` (ip's `af_bit_len`): 32, 128, 20 for MPLS, else 0. */
export function hostBits(family: number): number {
  return family === AF_INET6 ? 128 : family === AF_INET ? 32 : family === 28 ? 20 : 0;
}

/** The table of a route message: RTA_TABLE when present, else rtm_table. */
export function tableOf(msg: Message): number {
  return Number(msg.attrs?.table ?? msg.header?.table ?? 0);
}

/** Address text of a decoded attribute to bytes (IPv4 or IPv6), or undefined. */
function addressBytes(v: unknown): Uint8Array | undefined {
  if (typeof v !== 'string') return undefined;
  if (v.includes(':')) return parseIPv6(v);
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(v);
  return m ? Uint8Array.from(m.slice(1), Number) : undefined;
}

/** ip's `inet_addr_match`: equal in the first `bits` bits (both zero-padded to 16 bytes). */
export function bitsEqual(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((a[i] ?? 0) ^ (b[i] ?? 0)) & mask) return false;
  }
  return true;
}

/** The first `len` bits' bytes of an address, the rest zero, as ip copies RTA_DST/RTA_SRC. */
function leading(v: unknown, len: number): Uint8Array {
  const b = addressBytes(v);
  const out = new Uint8Array(16);
  if (b) out.set(b.subarray(0, Math.min(b.length, (len + 7) >> 3)));
  return out;
}

/** ip's root test: the route's prefix is at least as long as `p` (and, when `p` has a family, of that family). */
function rootFails(p: PrefixSelector | undefined, family: number, len: number): boolean {
  if (p === undefined) return false;
  if (p.family) return family !== p.family || p.bits > len;
  return p.lengthGiven && p.bits > len;
}

/** ip's match test: the route's prefix is at most as long as `p`. */
function matchFails(p: PrefixSelector | undefined, family: number, len: number): boolean {
  if (p === undefined) return false;
  if (p.family) return family !== p.family || (p.bits >= 0 && p.bits < len);
  return p.lengthGiven && p.bits >= 0 && p.bits < len;
}

/** Whether a prefix selector takes part in the address comparison (ip: a family, or a length written). */
function compares(p: PrefixSelector | undefined): p is PrefixSelector {
  return p !== undefined && (p.family !== 0 || p.lengthGiven);
}

/**
 * Whether `ip route show` (or, with `flush`, `ip route flush`) with this
 * selector takes the route in `msg`: ip's `filter_nlmsg()`. `state` is
 * shared by the messages of one dump.
 */
export function selectRoute(msg: Message, sel: RouteSelector, state: SelectState, flush = false): boolean {
  if ((msg.type !== RTM.RTM_NEWROUTE && msg.type !== RTM.RTM_DELROUTE) || !msg.header) return false;
  if (flush && msg.type !== RTM.RTM_NEWROUTE) return false;
  const h = msg.header;
  const a = msg.attrs ?? {};
  const family = Number(h.family);
  const table = tableOf(msg);
  const flags = Number(h.flags) >>> 0;
  const type = Number(h.type);
  const dstLen = Number(h.dstLen);
  const srcLen = Number(h.srcLen);
  if (sel.family && family !== sel.family) return false;
  if (family === AF_INET6 && table !== RT_TABLE.RT_TABLE_MAIN) state.ip6MultipleTables = true;
  const cloned = (flags & RTM_F.RTM_F_CLONED) !== 0;
  if ((sel.cloned === 'exclude' && cloned) || (sel.cloned === 'only' && !cloned)) return false;
  if (family === AF_INET6 && !state.ip6MultipleTables) {
    // A kernel without IPv6 policy routing keeps local routes in the main table.
    if (sel.table) {
      if (sel.table === RT_TABLE.RT_TABLE_LOCAL) {
        if (type !== RTN.RTN_LOCAL) return false;
      } else if (sel.table === RT_TABLE.RT_TABLE_MAIN) {
        if (type === RTN.RTN_LOCAL) return false;
      } else return false;
    }
  } else if (sel.table > 0 && sel.table !== table) return false;
  if (sel.protocol !== undefined && sel.protocol !== Number(h.protocol)) return false;
  if (sel.scope !== undefined && sel.scope !== Number(h.scope)) return false;
  if (sel.type !== undefined && sel.type !== type) return false;
  if (sel.tos !== undefined && sel.tos !== Number(h.tos)) return false;
  if (rootFails(sel.rootDst, family, dstLen) || matchFails(sel.matchDst, family, dstLen)) return false;
  if (rootFails(sel.rootSrc, family, srcLen) || matchFails(sel.matchSrc, family, srcLen)) return false;
  if (sel.via?.family) {
    const viaFamily = a.via !== undefined ? Number(a.via.family) : family;
    if (viaFamily !== sel.via.family) return false;
  }
  if (sel.prefsrc?.family && family !== sel.prefsrc.family) return false;
  const dst = leading(a.dst, dstLen);
  if (compares(sel.rootDst) && !bitsEqual(dst, sel.rootDst.bytes, sel.rootDst.bits)) return false;
  if (compares(sel.matchDst) && !bitsEqual(dst, sel.matchDst.bytes, dstLen)) return false;
  if (compares(sel.rootSrc) || compares(sel.matchSrc)) {
    const src = leading(a.src, srcLen);
    if (compares(sel.rootSrc) && !bitsEqual(src, sel.rootSrc.bytes, sel.rootSrc.bits)) return false;
    if (compares(sel.matchSrc) && sel.matchSrc.bits >= 0 && !bitsEqual(src, sel.matchSrc.bytes, srcLen)) return false;
  }
  if (sel.via?.family) {
    // Only a gateway of the route itself counts, not those of its next hops.
    let via: Uint8Array = new Uint8Array(16);
    if (sel.via.bits > 0) {
      if (a.gateway !== undefined) via = leading(a.gateway, 128);
      if (a.via !== undefined) via = leading(a.via.addr, 128);
    }
    if (!bitsEqual(via, sel.via.bytes, sel.via.bits)) return false;
  }
  if (sel.prefsrc?.family) {
    const p: Uint8Array = sel.prefsrc.bits > 0 && a.prefsrc !== undefined ? leading(a.prefsrc, 128) : new Uint8Array(16);
    if (!bitsEqual(p, sel.prefsrc.bytes, sel.prefsrc.bits)) return false;
  }
  if (sel.realms !== undefined && ((Number(a.flow ?? 0) ^ sel.realms.value) & sel.realms.mask) !== 0) return false;
  if (sel.iif !== undefined && Number(a.iif ?? 0) !== sel.iif) return false;
  if (sel.oif !== undefined && Number(a.oif ?? 0) !== sel.oif) return false;
  if (sel.mark !== undefined && Number(a.mark ?? 0) >>> 0 !== sel.mark >>> 0) return false;
  if (sel.metric !== undefined && Number(a.priority ?? 0) >>> 0 !== sel.metric >>> 0) return false;
  // ip never flushes the kernel's IPv6 catch-all (unreachable ::/0, metric 2^32-1).
  if (flush && family === AF_INET6 && dstLen === 0 && type === RTN.RTN_UNREACHABLE && a.priority !== undefined && Number(a.priority) >>> 0 === 0xffffffff) return false;
  return true;
}

/**
 * The part of a selector ip puts in its dump request, for the kernel to
 * apply when the socket checks dumps strictly: rtm_protocol, RTM_F_CLONED,
 * RTA_TABLE and RTA_OIF.
 */
export function dumpFilterOf(sel: RouteSelector): { protocol: number; cloned: boolean; table?: number; oif?: number } {
  const f: { protocol: number; cloned: boolean; table?: number; oif?: number } = { protocol: sel.protocol ?? 0, cloned: sel.cloned === 'only' };
  if (sel.table) f.table = sel.table;
  if (sel.oif) f.oif = sel.oif;
  return f;
}
