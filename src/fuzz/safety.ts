/**
 * What the kernel fuzzer may send. Everything goes to a throwaway
 * namespace through a helper inside it, and each message is checked
 * twice: attributes that name another namespace are stripped from the
 * value at any depth, and the encoded bytes are decoded again and walked,
 * so nothing the encoder adds or an attribute hides gets past:
 *
 * - no attribute that points outside the namespace (IFLA_NET_NS_FD,
 *   IFLA_NET_NS_PID, IFLA_TARGET_NETNSID, IFLA_LINK_NETNSID,
 *   IFLA_NEW_NETNSID, IFA_TARGET_NETNSID), and no NSID message;
 * - every IP address in 198.18.0.0/15 or 2001:db8::/32, and no opaque
 *   attribute that could carry other addresses (RTA_ENCAP, RTA_NEWDST,
 *   RTA_VIA, RTA_MULTIPATH);
 * - link kinds only from those the kernel here offers (veth, bridge,
 *   macvlan, vxlan, ifb), and congestion-control names only built-in
 *   ones, so the kernel never tries to load a module;
 * - only link, address and route message types.
 */
import { LINK_KINDS as API_LINK_KINDS } from '../api/link-spec.js';
import { inDocRange } from '../arbitraries/domains.js';
import { decodeMessage, type Message } from '../netlink/message.js';
import type { Protocol } from '../netlink/protocol.js';
import { RTM } from '../rtnl/constants.js';
import { walkValues } from './walk.js';

/** Attributes never sent, at any depth. */
export const FORBIDDEN_ATTRS: readonly string[] = [
  'IFLA_NET_NS_FD',
  'IFLA_NET_NS_PID',
  'IFLA_TARGET_NETNSID',
  'IFLA_LINK_NETNSID',
  'IFLA_NEW_NETNSID',
  'IFA_TARGET_NETNSID',
  // Opaque or custom payloads that can hold addresses outside the ranges,
  // or select a lightweight-tunnel module by number.
  'RTA_ENCAP',
  'RTA_ENCAP_TYPE',
  'RTA_NEWDST',
  'RTA_VIA',
  'RTA_MULTIPATH',
];

/** Link kinds the fuzzer creates: the library's (built into the kernel here; any other name may make it load a module). */
export const LINK_KINDS: readonly string[] = API_LINK_KINDS;

/** Congestion-control algorithms that are always built in (RTAX_CC_ALGO). */
export const CC_ALGOS: readonly string[] = ['reno', 'cubic'];

/** Message types the fuzzer sends. */
export const ALLOWED_TYPES: ReadonlySet<number> = new Set([
  RTM.RTM_NEWLINK,
  RTM.RTM_DELLINK,
  RTM.RTM_GETLINK,
  RTM.RTM_SETLINK,
  RTM.RTM_NEWADDR,
  RTM.RTM_DELADDR,
  RTM.RTM_GETADDR,
  RTM.RTM_NEWROUTE,
  RTM.RTM_DELROUTE,
  RTM.RTM_GETROUTE,
]);

const forbidden = new Set(FORBIDDEN_ATTRS);

/** Removes forbidden attributes from `msg`, at any depth, in place; returns how many. */
export function stripForbidden(msg: Message, proto: Protocol): number {
  let n = 0;
  // Collect first: deleting while walking would skip siblings.
  const doomed: { parent: Record<string, unknown> | unknown[]; at: string | number }[] = [];
  walkValues(msg, proto, (v) => {
    if (forbidden.has(v.names[v.names.length - 1]!)) doomed.push({ parent: v.parent, at: v.at });
  });
  for (const d of doomed) {
    if (Array.isArray(d.parent)) continue; // a forbidden attribute is never a repeated one
    delete d.parent[d.at as string];
    n++;
  }
  return n;
}

/** Why `msg` must not be sent, or undefined when it may. */
export function unsafeReason(msg: Message, proto: Protocol): string | undefined {
  if (!ALLOWED_TYPES.has(msg.type)) return `message type ${msg.type} is not one the fuzzer sends`;
  const prefix = prefixReason(msg);
  if (prefix !== undefined) return prefix;
  let why: string | undefined;
  walkValues(msg, proto, (v) => {
    if (why !== undefined) return;
    const name = v.names[v.names.length - 1]!;
    if (forbidden.has(name)) why = `${v.names.join(' > ')} points outside the namespace or is opaque`;
    else if (v.kind?.spec.t === 'ip' && !inDocRange(v.value)) why = `${v.names.join(' > ')} = ${String(v.value)} is outside 198.18.0.0/15 and 2001:db8::/32`;
    else if ((name === 'IFLA_INFO_KIND' || name === 'IFLA_INFO_SLAVE_KIND') && !LINK_KINDS.includes(String(v.value).replace(/_slave$/, ''))) why = `${name} "${String(v.value)}" is not a kind offered here`;
    else if (name === 'RTAX_CC_ALGO' && !CC_ALGOS.includes(String(v.value))) why = `RTAX_CC_ALGO "${String(v.value)}" is not built in`;
  });
  return why;
}

/** Shortest prefixes inside the documentation ranges. */
const MIN_PREFIX = { 4: 15, 6: 32 } as const;

/**
 * Prefixes made by the request must lie inside the ranges too: a route's
 * destination (and source) prefix, and an address's prefix (the kernel
 * adds a route for it), must be at least /15 (IPv4) or /32 (IPv6).
 */
function prefixReason(msg: Message): string | undefined {
  const fam = msg.header?.family === 2 ? 4 : msg.header?.family === 10 ? 6 : undefined;
  const min = fam === undefined ? 0 : MIN_PREFIX[fam];
  if (msg.type === RTM.RTM_NEWROUTE || msg.type === RTM.RTM_DELROUTE) {
    if (msg.attrs?.dst === undefined || (msg.header?.dstLen ?? 0) < min) return `route prefix ${String(msg.attrs?.dst ?? 'default')}/${String(msg.header?.dstLen)} is wider than the documentation ranges`;
    if ((msg.header?.srcLen ?? 0) > 0 && (msg.attrs?.src === undefined || msg.header!.srcLen < min)) return `route source prefix /${String(msg.header!.srcLen)} is wider than the documentation ranges`;
  }
  if (msg.type === RTM.RTM_NEWADDR && (msg.header?.prefixlen ?? 0) < min) return `address prefix /${String(msg.header?.prefixlen)} is wider than the documentation ranges`;
  return undefined;
}

/**
 * The check on the wire: `bytes` (one encoded request) decode, and the
 * decoded message is safe. Returns why not, or undefined.
 */
export function unsafeBytes(bytes: Uint8Array, proto: Protocol): string | undefined {
  let m: Message;
  try {
    m = decodeMessage(bytes, proto);
  } catch (e) {
    return `the request does not decode: ${(e as Error).message}`;
  }
  return unsafeReason(m, proto);
}
