/**
 * Builders of link (RTM_*LINK) requests from checked, resolved arguments (names
 * already turned into indexes, namespaces into fds or NSIDs). Pure: they
 * return {@link Message}s and send nothing. The flags they set are the ones
 * iproute2 sets for the same command (see fixtures/); the connection adds
 * NLM_F_REQUEST and NLM_F_ACK or NLM_F_DUMP.
 */
import { NLM_F_CREATE, NLM_F_EXCL } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET6, AF_UNSPEC, IFF, IFF_UP, RTM } from '../../rtnl/constants.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { bareString } from '../../schema/attr-set.js';
import { RTEXT_FILTER } from './attrs.js';
import type { LinkKind } from './spec.js';
import { markTemplated } from './create-template.js';

export interface NetnsRef {
  fd?: number;
  nsid?: number;
}

/** Resolved arguments of a link creation. */
export interface LinkCreate {
  name: string;
  kind: LinkKind;
  mtu?: number;
  address?: string;
  txqlen?: number;
  /** Create it administratively up (not possible for a veth peer). */
  up?: boolean;
  /** ifindex of the master (bridge) to enslave it to at creation. */
  master?: number;
  /** Create it in this namespace (top-level IFLA_NET_NS_FD). */
  netnsFd?: number;
  /** Create it in the namespace with this NSID (IFLA_TARGET_NETNSID). */
  targetNsid?: number;
  /** veth: the other end. */
  peer?: { name: string; netnsFd?: number; mtu?: number; address?: string };
  /** macvlan, vxlan: ifindex of the lower device. */
  link?: number;
  /** macvlan mode. */
  mode?: number;
  /** vxlan settings. */
  vxlan?: { id: number; port?: number; local?: string; remote?: string; ttl?: number; learning?: boolean };
}

function ifinfo(index = 0, flags = 0, change = 0) {
  return { family: AF_UNSPEC, type: 0, index, flags, change };
}

/**
 * RTM_NEWLINK creating a link (NLM_F_CREATE|NLM_F_EXCL), byte for byte as
 * iproute2 sends it. The common shapes can be written without the generic
 * encoder (see create-template.ts).
 */
export function linkCreate(c: LinkCreate): Message {
  const attrs: Record<string, unknown> = {};
  if (c.targetNsid !== undefined) attrs.targetNetnsid = c.targetNsid;
  attrs.ifname = c.name;
  if (c.mtu !== undefined) attrs.mtu = c.mtu;
  if (c.address !== undefined) attrs.address = c.address;
  if (c.txqlen !== undefined) attrs.txqlen = c.txqlen;
  if (c.master !== undefined) attrs.master = c.master;
  if (c.link !== undefined) attrs.link = c.link;
  if (c.netnsFd !== undefined) attrs.netNsFd = c.netnsFd;
  // The kind without its NUL, as iproute2 sends it.
  const info: Record<string, unknown> = {};
  bareString(info, 'kind', c.kind);
  if (c.kind === 'veth') {
    if (!c.peer) throw new InvalidArgumentError('a veth needs a peer name');
    const pa: Record<string, unknown> = { ifname: c.peer.name };
    if (c.peer.mtu !== undefined) pa.mtu = c.peer.mtu;
    if (c.peer.address !== undefined) pa.address = c.peer.address;
    if (c.peer.netnsFd !== undefined) pa.netNsFd = c.peer.netnsFd;
    info.data = { peer: { header: ifinfo(), attrs: pa } };
  } else if (c.kind === 'macvlan') {
    if (c.mode !== undefined) info.data = { mode: c.mode };
  } else if (c.kind === 'vxlan') {
    if (!c.vxlan) throw new InvalidArgumentError('a vxlan needs an id');
    const v = c.vxlan;
    const d: Record<string, unknown> = { id: v.id };
    if (v.remote !== undefined) d[v.remote.includes(':') ? 'group6' : 'group'] = v.remote;
    if (v.local !== undefined) d[v.local.includes(':') ? 'local6' : 'local'] = v.local;
    if (c.link !== undefined) d.link = c.link;
    if (v.ttl !== undefined) d.ttl = v.ttl;
    if (v.learning !== undefined) d.learning = v.learning ? 1 : 0;
    if (v.port !== undefined) d.port = v.port;
    info.data = d;
    delete attrs.link;
  }
  attrs.linkinfo = info;
  return markTemplated({
    type: RTM.RTM_NEWLINK,
    flags: NLM_F_CREATE | NLM_F_EXCL,
    seq: 0,
    pid: 0,
    header: ifinfo(0, c.up ? IFF_UP : 0, c.up ? IFF_UP : 0),
    attrs,
  });
}

/**
 * Changes to an existing link. The attributes are sent in the order of the
 * object's keys (iproute2 sends them in the order of its arguments).
 */
export interface LinkChange {
  up?: boolean;
  mtu?: number;
  address?: string;
  name?: string;
  /** ifindex of the new master; 0 removes the master (nomaster). */
  master?: number;
  /** Move it to the namespace of this fd. */
  netnsFd?: number;
  txqlen?: number;
  /** IFLA_GROUP: the link's group. */
  group?: number;
  /** IFF_PROMISC on or off. */
  promisc?: boolean;
  /** IFF_ALLMULTI on or off. */
  allmulticast?: boolean;
  /** ARP on (IFF_NOARP cleared) or off. */
  arp?: boolean;
  /** IFLA_IFALIAS, sent without a NUL as iproute2 sends it; "" removes the alias. */
  alias?: string;
}

/** Header flag changes of a {@link LinkChange}: [key, IFF bit, whether "on" sets the bit]. */
const FLAG_CHANGES = [
  ['up', IFF_UP, true],
  ['promisc', IFF.IFF_PROMISC, true],
  ['allmulticast', IFF.IFF_ALLMULTI, true],
  ['arp', IFF.IFF_NOARP, false],
] as const;

/** Attribute keys of a {@link LinkChange} by option. */
const CHANGE_ATTRS: Readonly<Record<string, string>> = { name: 'ifname', mtu: 'mtu', address: 'address', txqlen: 'txqlen', master: 'master', netnsFd: 'netNsFd', group: 'group', alias: 'ifalias' };

/** RTM_NEWLINK changing link `index` (as iproute2's `link set` sends it; index 0 with IFLA_GROUP: every link of the group). */
export function linkChange(index: number, ch: LinkChange): Message {
  const attrs: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(ch)) {
    const attr = CHANGE_ATTRS[key];
    if (attr === undefined || v === undefined) continue;
    if (key === 'alias') bareString(attrs, attr, v as string);
    else attrs[attr] = v;
  }
  let flags = 0;
  let change = 0;
  for (const [key, bit, onSets] of FLAG_CHANGES) {
    const on = ch[key];
    if (on === undefined) continue;
    change |= bit;
    if (on === onSets) flags |= bit;
  }
  return { type: RTM.RTM_NEWLINK, flags: 0, seq: 0, pid: 0, header: ifinfo(index, flags, change), attrs };
}

/** RTM_DELLINK of link `index` (optionally in the namespace with NSID `targetNsid`). */
export function linkDelete(index: number, targetNsid?: number): Message {
  return { type: RTM.RTM_DELLINK, flags: 0, seq: 0, pid: 0, header: ifinfo(index), attrs: targetNsid === undefined ? {} : { targetNetnsid: targetNsid } };
}

/** RTM_DELLINK of every link in group `group` (ifi_index 0, IFLA_GROUP): one unregister batch. */
export function groupDelete(group: number): Message {
  return { type: RTM.RTM_DELLINK, flags: 0, seq: 0, pid: 0, header: ifinfo(0), attrs: { group } };
}

/** RTM_GETLINK of one link by index or name (stats skipped, as iproute2 asks when it looks a name or an index up). */
export function linkGet(by: { index?: number; name?: string }, targetNsid?: number): Message {
  const attrs: Record<string, unknown> = { extMask: RTEXT_FILTER.RTEXT_FILTER_VF | RTEXT_FILTER.RTEXT_FILTER_SKIP_STATS };
  if (targetNsid !== undefined) attrs.targetNetnsid = targetNsid;
  if (by.name !== undefined) attrs.ifname = by.name;
  return { type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: ifinfo(by.index ?? 0), attrs };
}

/**
 * RTM_GETLINK dump request. With `family` AF_INET6 the kernel sends the
 * short per-family link records `ip -6 addr` shows.
 */
export function linkDump(targetNsid?: number, family = AF_UNSPEC, stats = false): Message {
  // Without the counters unless asked (IFLA_STATS/STATS64 are a third of each
  // message; `ip link show` asks for them always, see linkShowDump).
  // The IPv6 link dump takes no attributes: with NETLINK_GET_STRICT_CHK the
  // kernel refuses any ("ipv6: Invalid data after header"), and iproute2
  // sends the bare header.
  const attrs: Record<string, unknown> =
    family === AF_INET6 ? {} : { extMask: RTEXT_FILTER.RTEXT_FILTER_VF | (stats ? 0 : RTEXT_FILTER.RTEXT_FILTER_SKIP_STATS) };
  if (targetNsid !== undefined) attrs.targetNetnsid = targetNsid;
  return { type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: { ...ifinfo(), family }, attrs };
}

/** What `ip link show` / `ip addr show` ask the kernel for (see {@link linkShowDump}, {@link linkShowGet}). */
export interface LinkShowQuery {
  /** ifi_family: AF_PACKET for `ip link`, AF_UNSPEC, AF_INET or AF_INET6 for `ip [-4|-6] addr`. */
  family: number;
  /** Leave the counters out (RTEXT_FILTER_SKIP_STATS). */
  skipStats?: boolean;
  /** Only the ports of this master (ifindex), or -1: only links without one (the kernel filters). */
  master?: number;
  /** Only links of this kind (the kernel filters, for kinds it knows). */
  kind?: string;
}

/**
 * The link dump of `ip link show` / `ip addr show`, byte for byte: for
 * AF_UNSPEC and AF_PACKET an IFLA_EXT_MASK (VF, and SKIP_STATS only when
 * asked: ip's dumps carry the counters), then IFLA_MASTER and
 * IFLA_LINKINFO { IFLA_INFO_KIND without NUL } when filtering; for other
 * families the bare header.
 */
export function linkShowDump(q: LinkShowQuery): Message {
  const attrs: Record<string, unknown> = {};
  if (q.family === AF_UNSPEC || q.family === AF_PACKET) {
    attrs.extMask = RTEXT_FILTER.RTEXT_FILTER_VF | (q.skipStats ? RTEXT_FILTER.RTEXT_FILTER_SKIP_STATS : 0);
    if (q.master) attrs.master = q.master >>> 0;
    if (q.kind !== undefined) {
      const info: Record<string, unknown> = {};
      bareString(info, 'kind', q.kind);
      attrs.linkinfo = info;
    }
  }
  return { type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: { ...ifinfo(), family: q.family }, attrs };
}

/**
 * One link as `ip link show dev NAME` (IFLA_IFNAME, then IFLA_EXT_MASK VF)
 * or `ip addr show dev NAME` (by index, IFLA_EXT_MASK) ask for it.
 */
export function linkShowGet(by: { name: string } | { index: number }, q: LinkShowQuery): Message {
  const attrs: Record<string, unknown> = {};
  if ('name' in by) attrs.ifname = by.name;
  attrs.extMask = RTEXT_FILTER.RTEXT_FILTER_VF | (q.skipStats ? RTEXT_FILTER.RTEXT_FILTER_SKIP_STATS : 0);
  return { type: RTM.RTM_GETLINK, flags: 0, seq: 0, pid: 0, header: { ...ifinfo('index' in by ? by.index : 0), family: q.family }, attrs };
}

/** AF_PACKET, the family `ip link` asks with. */
const AF_PACKET = 17;
