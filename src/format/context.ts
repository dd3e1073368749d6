/**
 * What a formatter needs to know beyond the message it prints: the names
 * and flags of other links (iproute2 prints `master br0`, `veth1@veth0`,
 * `dev veth0` from its cache of the links it has seen) and the names of
 * namespaces by nsid (`link-netns NAME`, `ip netns list-id`).
 */
import type { Message } from '../netlink/message.js';
import { RTM } from '../rtnl/constants.js';

/** Lookups a formatter makes; every one may answer `undefined` (unknown). */
export interface FormatContext {
  /** The name of the link with this ifindex in the same namespace. */
  nameOf(ifindex: number): string | undefined;
  /** The `ifi_flags` (IFF_*) of the link with this ifindex; used for `M-DOWN`. */
  flagsOf?(ifindex: number): number | undefined;
  /** The `/run/netns` name of the namespace this namespace knows as `nsid`. */
  netnsName?(nsid: number): string | undefined;
  /**
   * The transmit queue length of a link, for link messages that lack
   * IFLA_TXQLEN (the AF_INET6 link dump behind `ip -6 addr` has none;
   * iproute2 then asks with the SIOCGIFTXQLEN ioctl).
   */
  txqlenOf?(ifindex: number): number | undefined;
}

/** The name iproute2 falls back to for an ifindex it cannot resolve (`if5`). */
export function ifName(ctx: FormatContext, ifindex: number): string {
  if (ifindex === 0) return '*';
  return ctx.nameOf(ifindex) ?? `if${ifindex >>> 0}`;
}

/**
 * A context from link messages (RTM_NEWLINK, e.g. a dump's replies and any
 * single-link lookups); a later message for the same ifindex wins, an
 * RTM_DELLINK forgets it (a queue length seen earlier is kept when a
 * later message has none). `nsidNames` maps nsid to namespace name.
 */
export function linkContext(messages: Iterable<Message>, nsidNames?: ReadonlyMap<number, string>): FormatContext {
  const links = new Map<number, { name: string | undefined; flags: number; txqlen: number | undefined }>();
  for (const m of messages) {
    if (!m.header) continue;
    const index: number = m.header.index;
    if (m.type === RTM.RTM_NEWLINK) {
      const txqlen: number | undefined = m.attrs?.txqlen ?? links.get(index)?.txqlen;
      links.set(index, { name: m.attrs?.ifname, flags: m.header.flags, txqlen });
    } else if (m.type === RTM.RTM_DELLINK) links.delete(index);
  }
  return {
    nameOf: (i) => links.get(i)?.name,
    flagsOf: (i) => links.get(i)?.flags,
    netnsName: (id) => nsidNames?.get(id),
    txqlenOf: (i) => links.get(i)?.txqlen,
  };
}
