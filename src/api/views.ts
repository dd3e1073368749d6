/**
 * Friendly views of decoded rtnetlink messages, as the API returns them.
 * Each keeps the full decoded message in `message` for anything not lifted.
 */
import type { Message } from '../netlink/message.js';
import { AF_INET6, IFF_UP } from '../rtnl/constants.js';

/** A network interface. */
export interface Link {
  index: number;
  name: string;
  /** IFF_* flags. */
  flags: number;
  /** Administratively up (IFF_UP). */
  up: boolean;
  mtu?: number;
  /** MAC address. */
  address?: string;
  broadcast?: string;
  /** IF_OPER_* value. */
  operstate?: number;
  txqlen?: number;
  qdisc?: string;
  /** IFLA_INFO_KIND: veth, bridge, macvlan, vxlan, ifb... */
  kind?: string;
  /** ifindex of the master (bridge), if enslaved. */
  master?: number;
  /** ifindex of the peer or lower device (IFLA_LINK). */
  link?: number;
  /** NSID of the namespace `link` lives in, when another one. */
  linkNetnsid?: number;
  /** The whole decoded RTM_NEWLINK. */
  message: Message;
}

/** An interface address. */
export interface Address {
  /** ifindex of the link it is on. */
  index: number;
  family: 4 | 6;
  /** The address itself (IFA_LOCAL, or IFA_ADDRESS for IPv6). */
  address: string;
  prefixlen: number;
  /** Peer address (IFA_ADDRESS) when it differs, on point-to-point links. */
  peer?: string;
  broadcast?: string;
  label?: string;
  /** RT_SCOPE_* value. */
  scope: number;
  /** IFA_F_* flags (IFA_FLAGS when present, else ifa_flags). */
  flags: number;
  /** Seconds; 0xffffffff means forever. */
  validLifetime?: number;
  preferredLifetime?: number;
  message: Message;
}

/** A route. */
export interface Route {
  family: 4 | 6;
  /** `default` or `PREFIX/LEN`. */
  dst: string;
  gateway?: string;
  /** ifindex of the output device. */
  oif?: number;
  metric?: number;
  table: number;
  protocol: number;
  scope: number;
  /** RTN_* value. */
  type: number;
  prefsrc?: string;
  message: Message;
}

export function toLink(m: Message): Link {
  const a = m.attrs ?? {};
  const h = m.header!;
  return {
    index: h.index,
    name: a.ifname,
    flags: h.flags,
    up: (h.flags & IFF_UP) !== 0,
    mtu: a.mtu,
    address: a.address,
    broadcast: a.broadcast,
    operstate: a.operstate,
    txqlen: a.txqlen,
    qdisc: a.qdisc,
    kind: a.linkinfo?.kind,
    master: a.master,
    link: a.link,
    linkNetnsid: a.linkNetnsid,
    message: m,
  };
}

export function toAddress(m: Message): Address {
  const a = m.attrs ?? {};
  const h = m.header!;
  const local = a.local ?? a.address;
  return {
    index: h.index,
    family: h.family === AF_INET6 ? 6 : 4,
    address: local,
    prefixlen: h.prefixlen,
    peer: a.local !== undefined && a.address !== undefined && a.address !== a.local ? a.address : undefined,
    broadcast: a.broadcast,
    label: a.label,
    scope: h.scope,
    flags: a.flags ?? h.flags,
    validLifetime: a.cacheinfo?.valid,
    preferredLifetime: a.cacheinfo?.prefered,
    message: m,
  };
}

export function toRoute(m: Message): Route {
  const a = m.attrs ?? {};
  const h = m.header!;
  return {
    family: h.family === AF_INET6 ? 6 : 4,
    dst: a.dst === undefined ? 'default' : `${a.dst}/${h.dstLen}`,
    gateway: a.gateway,
    oif: a.oif,
    metric: a.priority,
    table: a.table ?? h.table,
    protocol: h.protocol,
    scope: h.scope,
    type: h.type,
    prefsrc: a.prefsrc,
    message: m,
  };
}
