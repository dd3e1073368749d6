/**
 * The friendly view of a decoded RTM_NEWLINK, as the API returns it; the full
 * decoded message stays in `message` for anything not lifted.
 */
import type { Message } from '../../netlink/message.js';
import { IFF_UP } from '../../rtnl/constants.js';
import type { LinkKindName } from './linkinfo.js';

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
  /** Name of the master (set by `links.list()`, which has every link at hand). */
  masterName?: string;
  /** ifindex of the peer or lower device (IFLA_LINK). */
  link?: number;
  /** Name of the peer or lower device, when it is in the same namespace (set by `links.list()`). */
  linkName?: string;
  /** NSID of the namespace `link` lives in, when another one. */
  linkNetnsid?: number;
  /** The whole decoded RTM_NEWLINK. */
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

/** Fills `masterName` and `linkName` from the other links of the same dump. */
export function nameLinks(links: Link[]): Link[] {
  const byIndex = new Map(links.map((l) => [l.index, l.name]));
  for (const l of links) {
    if (l.master !== undefined) l.masterName = byIndex.get(l.master);
    if (l.link !== undefined && l.linkNetnsid === undefined) l.linkName = byIndex.get(l.link);
  }
  return links;
}
