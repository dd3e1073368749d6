/**
 * The friendly view of a decoded RTM_NEWADDR, as the API returns it; the full
 * decoded message stays in `message` for anything not lifted.
 */
import type { Message } from '../../netlink/message.js';
import { AF_INET6, RT_SCOPE } from '../../rtnl/constants.js';
import type { ScopeName } from '../../rtnl/words.js';
import { kernelWord } from '../../schema/enums.js';

export interface Address {
  /** ifindex of the link it is on. */
  index: number;
  /** Name of that link (`addresses.list({ names: true })`, or the `dev` asked for). */
  dev?: string;
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
