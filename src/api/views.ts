/**
 * Friendly views of decoded rtnetlink messages, as the API returns them.
 * Each keeps the full decoded message in `message` for anything not lifted.
 */
import type { Message } from '../netlink/message.js';
import { AF_INET6, IFF_UP, RT_SCOPE, RTN, RTPROT } from '../rtnl/constants.js';
import type { LinkKindName } from '../families/link/linkinfo.js';
import { kernelWord, type KernelWord } from '../schema/enums.js';

/** A scope by the kernel's word (`RT_SCOPE_LINK` is `link`), or its number as a string when undeclared. */
export type ScopeName = KernelWord<typeof RT_SCOPE, 'RT_SCOPE_'> | `${number}`;
/** A route protocol by the kernel's word (`RTPROT_KERNEL` is `kernel`), or its number as a string. */
export type ProtocolName = KernelWord<typeof RTPROT, 'RTPROT_'> | `${number}`;
/** A route type by the kernel's word (`RTN_UNICAST` is `unicast`), or its number as a string. */
export type RouteTypeName = KernelWord<typeof RTN, 'RTN_'> | `${number}`;

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
  /** IFLA_INFO_KIND: veth, bridge, macvlan, vxlan, ifb... (a known kind, or an UnknownLinkKind string). */
  kind?: LinkKindName;
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
  /** The same by the kernel's word. */
  scopeName: ScopeName;
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
  /** RTPROT_* value, and by the kernel's word. */
  protocol: number;
  protocolName: ProtocolName;
  /** RT_SCOPE_* value, and by the kernel's word. */
  scope: number;
  scopeName: ScopeName;
  /** RTN_* value, and by the kernel's word. */
  type: number;
  typeName: RouteTypeName;
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
    scopeName: kernelWord(RT_SCOPE, 'RT_SCOPE_', h.scope),
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
    protocolName: kernelWord(RTPROT, 'RTPROT_', h.protocol),
    scope: h.scope,
    scopeName: kernelWord(RT_SCOPE, 'RT_SCOPE_', h.scope),
    type: h.type,
    typeName: kernelWord(RTN, 'RTN_', h.type),
    prefsrc: a.prefsrc,
    message: m,
  };
}
