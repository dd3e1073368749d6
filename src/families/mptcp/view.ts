/**
 * What the MPTCP facet returns: endpoints and limits lifted out of the
 * kernel's answers, the whole message kept in `message`.
 */
import type { Message } from '../../netlink/message.js';
import { kernelWords } from '../../schema/enums.js';
import { MPTCP_PM_ADDR_FLAG } from './attrs.js';

/** An endpoint flag's word: `signal`, `subflow`, `backup`, `fullmesh`, `implicit`, `laminar`. */
export type MptcpFlag = 'signal' | 'subflow' | 'backup' | 'fullmesh' | 'implicit' | 'laminar';

/** Flags a request may set (`implicit` is the kernel's own mark for endpoints it made). */
export const MPTCP_REQUEST_FLAGS = ['signal', 'subflow', 'backup', 'fullmesh', 'laminar'] as const;

const FLAG_WORDS = kernelWords(MPTCP_PM_ADDR_FLAG, 'MPTCP_PM_ADDR_FLAG_');

/** The MPTCP_PM_ADDR_FLAG_* bit of a flag's word, undefined for no flag. */
export function flagBit(word: string): number | undefined {
  const bit = Object.entries(FLAG_WORDS).find(([, x]) => x === word)?.[0];
  return bit === undefined ? undefined : Number(bit);
}

/** The words of the bits of `flags` the kernel names (the others are in `MptcpEndpoint.rawFlags` only). */
export function flagWords(flags: number): MptcpFlag[] {
  const out: MptcpFlag[] = [];
  for (let i = 0; i < 32; i++) {
    const bit = 2 ** i;
    if ((flags >>> i) & 1 && FLAG_WORDS[bit] !== undefined) out.push(FLAG_WORDS[bit] as MptcpFlag);
  }
  return out;
}

/** One MPTCP endpoint (a local address the path manager may use). */
export interface MptcpEndpoint {
  /** The endpoint's id (1 to 255; 0 is the initial subflow's address). */
  id: number;
  /** IPv4 or IPv6 address. */
  address: string;
  family: 4 | 6;
  /** The port announced with the address (signal endpoints), when one was set. */
  port?: number;
  /** The flags' words, in bit order. */
  flags: MptcpFlag[];
  /** MPTCP_PM_ADDR_ATTR_FLAGS as the kernel sent it. */
  rawFlags: number;
  /** The device subflows from this address are bound to (0 or absent: none). */
  ifindex?: number;
  /** Its name, when the handle could resolve it. */
  dev?: string;
  message: Message;
}

/** The endpoint in one MPTCP_PM_CMD_GET_ADDR answer, `names` naming ifindexes. */
export function endpointOf(m: Message, names?: ReadonlyMap<number, string>): MptcpEndpoint {
  const a = (m.attrs?.addr ?? {}) as Record<string, any>;
  const v6 = a.addr6 !== undefined && a.addr4 === undefined;
  const e: MptcpEndpoint = {
    id: a.id ?? 0,
    address: (v6 ? a.addr6 : a.addr4) ?? '',
    family: v6 ? 6 : 4,
    flags: flagWords(a.flags ?? 0),
    rawFlags: a.flags ?? 0,
    message: m,
  };
  if (a.port !== undefined && a.port !== 0) e.port = a.port;
  if (a.ifIdx !== undefined && a.ifIdx !== 0) {
    e.ifindex = a.ifIdx;
    const n = names?.get(a.ifIdx);
    if (n !== undefined) e.dev = n;
  }
  return e;
}

/** The namespace's MPTCP limits. */
export interface MptcpLimits {
  /** Extra subflows each connection may open (MPTCP_PM_ATTR_SUBFLOWS). */
  subflows: number;
  /** ADD_ADDR announcements accepted per connection (MPTCP_PM_ATTR_RCV_ADD_ADDRS). */
  addAddrAccepted: number;
}

/** The limits in an MPTCP_PM_CMD_GET_LIMITS answer. */
export function limitsOf(m: Message): MptcpLimits {
  return { subflows: m.attrs?.subflows ?? 0, addAddrAccepted: m.attrs?.rcvAddAddrs ?? 0 };
}
