/**
 * `ip mptcp` output (iproute2 6.1, the tool here): an endpoint per line,
 * `ADDRESS [port N ]id N [FLAG ]...[rawflags XX ][dev NAME ]`, the limits
 * as `add_addr_accepted N subflows N `, `-j` with the same keys, and
 * `ip mptcp monitor`'s line per event.
 * iproute2 6.1 names four flags; the kernel's others print as
 * `rawflags` with the leftover bits in hex.
 */
import type { Message } from '../../netlink/message.js';
import type { MptcpEndpoint, MptcpLimits } from './view.js';

/** The flags `ip mptcp` 6.1 names, with their bits, in the order it prints them. */
const IP_FLAGS = [
  ['signal', 1],
  ['subflow', 2],
  ['backup', 4],
  ['fullmesh', 8],
] as const;

/** The device name ip prints: the link's name, or `if<N>` for an index it cannot name. */
function devName(e: MptcpEndpoint): string | undefined {
  if (e.ifindex === undefined) return undefined;
  return e.dev ?? `if${e.ifindex}`;
}

/** One line of `ip mptcp endpoint show`, newline included. */
export function endpointText(e: MptcpEndpoint): string {
  let s = `${e.address} `;
  if (e.port !== undefined) s += `port ${e.port} `;
  s += `id ${e.id} `;
  let rest = e.rawFlags >>> 0;
  for (const [w, bit] of IP_FLAGS) {
    if (rest & bit) s += `${w} `;
    rest &= ~bit;
  }
  if (rest) s += `rawflags ${rest.toString(16).padStart(2, '0')} `;
  const dev = devName(e);
  if (dev !== undefined) s += `dev ${dev} `;
  return s + '\n';
}

/** One object of `ip -j mptcp endpoint show`. */
export function endpointJSON(e: MptcpEndpoint): Record<string, unknown> {
  const o: Record<string, unknown> = { address: e.address };
  if (e.port !== undefined) o.port = e.port;
  o.id = e.id;
  let rest = e.rawFlags >>> 0;
  for (const [w, bit] of IP_FLAGS) {
    if (rest & bit) o[w] = true;
    rest &= ~bit;
  }
  if (rest) o.rawflags = rest.toString(16).padStart(2, '0');
  const dev = devName(e);
  if (dev !== undefined) o.dev = dev;
  return o;
}

/** `ip mptcp limits show`, newline included. */
export function limitsText(l: MptcpLimits): string {
  return `add_addr_accepted ${l.addAddrAccepted} subflows ${l.subflows} \n`;
}

/** The limits as JSON, with ip's keys. */
export function limitsJSON(l: MptcpLimits): Record<string, number> {
  return { add_addr_accepted: l.addAddrAccepted, subflows: l.subflows };
}

/** The names `ip mptcp monitor` 6.1 gives events (the others print as `[UNKNOWN N]`). */
const IP_EVENTS: Readonly<Record<number, string>> = {
  1: 'CREATED',
  2: 'ESTABLISHED',
  3: 'CLOSED',
  6: 'ANNOUNCED',
  7: 'REMOVED',
  10: 'SF_ESTABLISHED',
  11: 'SF_CLOSED',
  13: 'SF_PRIO',
};

const hex = (v: number) => (v >>> 0).toString(16);

/** One line of `ip mptcp monitor` for an event (MPTCP_EVENT_* with MPTCP_ATTR_*), newline included. */
export function eventText(m: Message): string {
  const cmd = m.header?.cmd ?? 0;
  const name = IP_EVENTS[cmd];
  if (name === undefined) return `[UNKNOWN ${cmd}]\n`;
  const a = (m.attrs ?? {}) as Record<string, any>;
  let s = `[${name.padStart(14)}] token=${hex(a.token ?? 0).padStart(8, '0')}`;
  if (a.remId !== undefined) s += ` remid=${a.remId}`;
  if (a.locId !== undefined) s += ` locid=${a.locId}`;
  if (a.saddr4 !== undefined) s += ` saddr4=${a.saddr4}`;
  if (a.daddr4 !== undefined) s += ` daddr4=${a.daddr4}`;
  if (a.saddr6 !== undefined) s += ` saddr6=${a.saddr6}`;
  if (a.daddr6 !== undefined) s += ` daddr6=${a.daddr6}`;
  if (a.sport !== undefined) s += ` sport=${a.sport}`;
  if (a.dport !== undefined) s += ` dport=${a.dport}`;
  if (a.backup !== undefined) s += ` backup=${a.backup}`;
  if (a.error !== undefined) s += ` error=${a.error}`;
  if (a.flags !== undefined) s += ` flags=${hex(a.flags)}`;
  if (a.timeout !== undefined) s += ` timeout=${a.timeout}`;
  if (a.ifIdx !== undefined) s += ` ifindex=${a.ifIdx}`;
  if (a.resetReason !== undefined) s += ` reset_reason=${a.resetReason}`;
  if (a.resetFlags !== undefined) s += ` reset_flags=0x${hex(a.resetFlags)}`;
  return s + '\n';
}
