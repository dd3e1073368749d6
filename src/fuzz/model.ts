/**
 * What the kernel fuzzer believes exists in its namespace: the links,
 * addresses and routes it created and has not deleted, updated from the
 * kernel's ACKs, and checked every few operations against dumps.
 *
 * The kernel legitimately removes things on its own, so a missing object
 * is an anomaly only when nothing that could explain it happened since it
 * was made:
 * - a link goes with its veth peer, and a macvlan or vxlan with its lower
 *   device (dependencies learnt from IFLA_LINK in dumps and from requests);
 * - an address goes when its link changes (down drops IPv6 addresses, a
 *   primary IPv4 address takes its secondaries, an MTU below 1280 turns
 *   IPv6 off), when an address on the same link is deleted, or when its
 *   lifetime (IFA_CACHEINFO) ends;
 * - a route goes when any link or address changes, or when it expires.
 * Requests whose effect cannot be predicted (deleting a link group,
 * creating a veth without a peer name) make the next check lenient.
 * After each check the model is rebuilt from the dumps.
 */
import { inDocRange } from '../arbitraries/doc-range.js';
import { formatIPv4, formatIPv6, parseIP } from '../schema/addresses.js';
import type { Message } from '../netlink/message.js';
import { AF_INET, AF_INET6, RT_TABLE } from '../rtnl/constants.js';

/** A link as the model knows it. */
export interface MLink {
  name: string;
  /** ifindex, once learnt (from a dump or a notification). */
  index?: number;
  /** IFLA_INFO_KIND. */
  kind?: string;
  /** Names of links whose deletion deletes this one (veth peer, lower device). */
  deps: Set<string>;
}

/** An address the fuzzer added. */
export interface MAddr {
  /** Link name at the time it was added. */
  link: string;
  family: 4 | 6;
  local: string;
  prefixlen: number;
  /** Link changes counted when it was added (see {@link Model.touches}). */
  at: number;
  /** Added with a finite lifetime. */
  expiring: boolean;
}

/** A route the fuzzer added. */
export interface MRoute {
  family: 4 | 6;
  table: number;
  /** Destination, masked to its prefix ('' for a default route). */
  dst: string;
  dstLen: number;
  /** Disruptions counted when it was added. */
  at: number;
  expiring: boolean;
}

/** Something the dumps show that the model cannot explain. */
export interface Discrepancy {
  kind: 'link-missing' | 'addr-missing' | 'route-missing';
  what: string;
}

/** What a check found. */
export interface CheckResult {
  discrepancies: Discrepancy[];
  /** Objects missing for a reason the model accepts. */
  explained: number;
  /** Links and addresses in the dumps that the model did not expect (kernel-made ones excluded). */
  extra: number;
}

/** Masks `addr` to `len` bits and formats it back ('' when len is 0). */
export function maskAddress(addr: string, len: number): string {
  let b: Uint8Array;
  try {
    b = parseIP(addr);
  } catch {
    return addr;
  }
  const out = b.slice();
  for (let i = 0; i < out.length; i++) {
    const keep = Math.max(0, Math.min(8, len - i * 8));
    out[i]! &= (0xff << (8 - keep)) & 0xff;
  }
  if (len === 0) return '';
  return out.length === 4 ? formatIPv4(out, 0) : formatIPv6(out, 0);
}

function routeKey(r: { family: number; table: number; dst: string; dstLen: number }): string {
  return `${r.family}|${r.table}|${r.dst}/${r.dstLen}`;
}

function addrKey(a: { link: string; family: number; local: string; prefixlen: number }): string {
  return `${a.link}|${a.family}|${a.local}/${a.prefixlen}`;
}

/** The fuzzer's beliefs; see the module comment. */
export class Model {
  readonly links = new Map<string, MLink>();
  readonly addrs = new Map<string, MAddr>();
  readonly routes = new Map<string, MRoute>();
  /** Links that may have gone with another (a peer or lower device was deleted). */
  private readonly maybeGone = new Set<string>();
  /** Changes per link name since the last check. */
  private readonly touchCount = new Map<string, number>();
  /** Changes to links or addresses since the last check (routes depend on all of them). */
  disruptions = 0;
  /** The next link check cannot tell what should exist. */
  uncertainLinks = false;
  /** The next address check cannot tell. */
  uncertainAddrs = false;
  /** Addresses and routes in the documentation ranges from the last dumps: targets for deletion. */
  knownAddrs: { index: number; family: 4 | 6; local: string; prefixlen: number }[] = [];
  knownRoutes: MRoute[] = [];

  /** Changes to link `name` since the last check. */
  touches(name: string): number {
    return this.touchCount.get(name) ?? 0;
  }

  /** Records a change to link `name` (and, through it, to addresses and routes). */
  touch(name: string | undefined): void {
    this.disruptions++;
    if (name !== undefined) this.touchCount.set(name, this.touches(name) + 1);
  }

  /** Links with a known ifindex. */
  indexed(): MLink[] {
    return [...this.links.values()].filter((l) => l.index !== undefined);
  }

  /** The link with ifindex `index`, when known. */
  byIndex(index: number): MLink | undefined {
    for (const l of this.links.values()) if (l.index === index) return l;
    return undefined;
  }

  /** Learns an ifindex (from a notification). */
  learnIndex(name: string, index: number): void {
    const l = this.links.get(name);
    if (l !== undefined) l.index = index;
  }

  /** A link was created. */
  addLink(name: string, kind: string | undefined, deps: Iterable<string> = []): void {
    const existing = this.links.get(name);
    if (existing !== undefined) {
      this.touch(name);
      return;
    }
    this.links.set(name, { name, kind, deps: new Set(deps) });
    this.maybeGone.delete(name);
  }

  /** A link was renamed. */
  renameLink(from: string, to: string): void {
    const l = this.links.get(from);
    if (l === undefined) return;
    this.links.delete(from);
    l.name = to;
    this.links.set(to, l);
    for (const o of this.links.values()) if (o.deps.delete(from)) o.deps.add(to);
    this.touch(to);
    this.touchCount.set(from, this.touches(from) + 1);
    for (const [k, a] of this.addrs) if (a.link === from) {
      this.addrs.delete(k);
      a.link = to;
      this.addrs.set(addrKey(a), a);
    }
  }

  /** A link was deleted: it goes, and so may those depending on it. */
  deleteLink(name: string): void {
    this.touch(name);
    this.links.delete(name);
    const queue = [name];
    while (queue.length) {
      const gone = queue.pop()!;
      for (const l of [...this.links.values()]) {
        if (l.deps.has(gone)) {
          this.links.delete(l.name);
          this.maybeGone.add(l.name);
          this.touch(l.name);
          queue.push(l.name);
        }
      }
    }
  }

  /** An address was added. */
  addAddr(a: Omit<MAddr, 'at'>): void {
    this.addrs.set(addrKey({ ...a }), { ...a, at: this.touches(a.link) });
  }

  /** An address was deleted from link `link` (others on the link may go too). */
  deleteAddr(link: string, local: string | undefined): void {
    for (const [k, a] of this.addrs) if (a.link === link && (local === undefined || a.local === local)) this.addrs.delete(k);
    this.touch(link);
  }

  /** A route was added. */
  addRoute(r: Omit<MRoute, 'at'>): void {
    this.routes.set(routeKey(r), { ...r, at: this.disruptions });
  }

  /** A route was deleted. */
  deleteRoute(r: { family: 4 | 6; table: number; dst: string; dstLen: number }): void {
    this.routes.delete(routeKey(r));
    this.disruptions++;
  }

  /**
   * Compares the model with dumps of links, addresses and routes, then
   * rebuilds it from them. See the module comment for what counts as
   * explained.
   */
  check(links: readonly Message[], addrs: readonly Message[], routes: readonly Message[]): CheckResult {
    const out: CheckResult = { discrepancies: [], explained: 0, extra: 0 };
    // Links, by name.
    const dumped = new Map<string, Message>();
    for (const m of links) if (typeof m.attrs?.ifname === 'string') dumped.set(m.attrs.ifname, m);
    const nameOf = new Map<number, string>();
    for (const [n, m] of dumped) nameOf.set(m.header?.index as number, n);
    for (const l of this.links.values()) {
      if (dumped.has(l.name)) continue;
      if (this.uncertainLinks || this.maybeGone.has(l.name) || [...l.deps].some((d) => !dumped.has(d))) out.explained++;
      else out.discrepancies.push({ kind: 'link-missing', what: `link ${l.name} (${l.kind ?? '?'}) was created and not deleted, but the dump lacks it` });
    }
    for (const n of dumped.keys()) if (n !== 'lo' && !this.links.has(n)) out.extra++;
    // Addresses, by link name, family, local address and prefix.
    const have = new Set<string>();
    const known: Model['knownAddrs'] = [];
    for (const m of addrs) {
      const fam = m.header?.family === AF_INET6 ? 6 : m.header?.family === AF_INET ? 4 : undefined;
      const link = nameOf.get(m.header?.index as number);
      if (fam === undefined || link === undefined) continue;
      for (const a of [m.attrs?.local, m.attrs?.address]) {
        if (typeof a !== 'string') continue;
        have.add(addrKey({ link, family: fam, local: a, prefixlen: m.header!.prefixlen }));
        if (inDocRange(a)) known.push({ index: m.header!.index, family: fam, local: a, prefixlen: m.header!.prefixlen });
      }
    }
    for (const [k, a] of this.addrs) {
      if (have.has(k)) continue;
      if (this.uncertainAddrs || this.uncertainLinks || a.expiring || !dumped.has(a.link) || this.touches(a.link) !== a.at) out.explained++;
      else out.discrepancies.push({ kind: 'addr-missing', what: `address ${a.local}/${a.prefixlen} on ${a.link} was added and not deleted, and nothing changed on the link, but the dump lacks it` });
    }
    // Routes, by family, table, destination and prefix.
    const rhave = new Set<string>();
    const rknown: MRoute[] = [];
    for (const m of routes) {
      const fam = m.header?.family === AF_INET6 ? 6 : m.header?.family === AF_INET ? 4 : undefined;
      if (fam === undefined) continue;
      const table = (m.attrs?.table as number | undefined) ?? m.header!.table;
      const dstLen = m.header!.dstLen as number;
      const dst = typeof m.attrs?.dst === 'string' ? maskAddress(m.attrs.dst, dstLen) : '';
      const r: MRoute = { family: fam, table, dst, dstLen, at: 0, expiring: false };
      rhave.add(routeKey(r));
      if (dst === '' || (typeof m.attrs?.dst === 'string' && inDocRange(m.attrs.dst))) rknown.push(r);
    }
    for (const [k, r] of this.routes) {
      if (rhave.has(k)) continue;
      if (this.uncertainLinks || r.expiring || this.disruptions !== r.at) out.explained++;
      else out.discrepancies.push({ kind: 'route-missing', what: `route ${r.dst || 'default'}/${r.dstLen} table ${r.table} was added and not deleted, and nothing changed since, but the dump lacks it` });
    }
    // Rebuild from what the kernel says.
    const prev = new Map(this.links);
    this.links.clear();
    for (const [name, m] of dumped) {
      if (name === 'lo') continue;
      const info = m.attrs?.linkinfo as { kind?: unknown; data?: Record<string, unknown> } | undefined;
      const kind = typeof info?.kind === 'string' ? info.kind : prev.get(name)?.kind;
      const deps = new Set<string>();
      const lower = (m.attrs?.link as number | undefined) ?? (info?.data?.link as number | undefined);
      if (lower !== undefined && m.attrs?.linkNetnsid === undefined && nameOf.has(lower) && (kind === 'veth' || kind === 'macvlan' || kind === 'macvtap' || kind === 'vxlan')) deps.add(nameOf.get(lower)!);
      this.links.set(name, { name, index: m.header?.index as number, kind, deps });
    }
    for (const k of [...this.addrs.keys()]) if (!have.has(k)) this.addrs.delete(k);
    for (const a of this.addrs.values()) a.at = 0;
    for (const [k, r] of [...this.routes]) {
      if (!rhave.has(k)) this.routes.delete(k);
      else r.at = 0;
    }
    this.knownAddrs = known;
    this.knownRoutes = rknown;
    this.maybeGone.clear();
    this.touchCount.clear();
    this.disruptions = 0;
    this.uncertainLinks = false;
    this.uncertainAddrs = false;
    return out;
  }
}

/** The table a route request lands in: RTA_TABLE, else rtm_table, else main. */
export function tableOf(m: Message): number {
  const t = (m.attrs?.table as number | undefined) ?? (m.header?.table as number | undefined) ?? 0;
  return t === RT_TABLE.RT_TABLE_UNSPEC ? RT_TABLE.RT_TABLE_MAIN : t;
}
