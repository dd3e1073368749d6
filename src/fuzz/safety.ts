/**
 * What the kernel fuzzer may send. Everything goes to a throwaway
 * namespace through a helper inside it, and each message is checked
 * twice: attributes that name another namespace are stripped from the
 * value at any depth, and the encoded bytes are decoded again and walked,
 * so nothing the encoder adds or an attribute hides gets past. The rules
 * come from each family's unit (`fuzz` in `src/families/<family>/index.ts`):
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
 * - only the message types families list in `fuzz.sends` (link, address
 *   and route ones today), and each family's own checks (prefixes no
 *   wider than the documentation ranges).
 */
import { inDocRange } from '../arbitraries/doc-range.js';
import { GENERIC_UNITS, UNITS } from '../families/registry.js';
import { decodeMessage, type Message } from '../netlink/message.js';
import type { Protocol } from '../netlink/protocol.js';
import { RTM } from '../rtnl/constants.js';
import { walkValues, type Visit } from './walk.js';

const FUZZED = UNITS.flatMap((f) => (f.fuzz ? [f.fuzz] : []));

/** The families that have operations (`tsip fuzz --ops`), in registry order. */
export const OP_FAMILIES: readonly string[] = FUZZED.map((f) => f.ops);

/** The generic families that have operations (`tsip fuzz --protocol generic --ops`): every registered one, by its controller name. */
export const GENL_OP_FAMILIES: readonly string[] = GENERIC_UNITS.map((u) => u.genl.name);

/** Attributes never sent, at any depth: every family's `fuzz.forbidden`. */
export const FORBIDDEN_ATTRS: readonly string[] = FUZZED.flatMap((f) => f.forbidden ?? []);

/** Attributes whose values are ifindexes of the namespace: every family's `fuzz.indexAttrs`. */
export const INDEX_ATTRS: ReadonlySet<string> = new Set(FUZZED.flatMap((f) => f.indexAttrs ?? []));

/** String attributes limited to some values (link kinds offered here, built-in algorithms): every family's `fuzz.values`. */
export const LIMITED_VALUES: ReadonlyMap<string, readonly string[]> = new Map(FUZZED.flatMap((f) => Object.entries(f.values ?? {})));

/** Message types the fuzzer sends: every family's `fuzz.sends`. */
export const ALLOWED_TYPES: ReadonlySet<number> = new Set(FUZZED.flatMap((f) => f.sends.map((n) => RTM[n])));

const forbidden = new Set(FORBIDDEN_ATTRS);

/** Removes attributes named in `names` (default: every family's forbidden ones) from `msg`, at any depth, in place; returns how many. */
export function stripForbidden(msg: Message, proto: Protocol, names: (name: string) => boolean = (n) => forbidden.has(n)): number {
  let n = 0;
  // Collect first: deleting while walking would skip siblings.
  const doomed: { parent: Record<string, unknown> | unknown[]; at: string | number }[] = [];
  walkValues(msg, proto, (v) => {
    if (names(v.names[v.names.length - 1]!)) doomed.push({ parent: v.parent, at: v.at });
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
  for (const f of FUZZED) {
    const why = f.check?.(msg);
    if (why !== undefined) return why;
  }
  return unsafeValue(msg, proto, (n) => forbidden.has(n), LIMITED_VALUES);
}

/**
 * The first value of `msg` that must not be sent, said in words: an
 * attribute `isForbidden` names, an IP address outside the documentation
 * ranges, a value of a `limited` attribute not in its list, or what
 * `extra` refuses. Undefined when every value may be sent.
 */
export function unsafeValue(
  msg: Message,
  proto: Protocol,
  isForbidden: (name: string) => boolean,
  limited: ReadonlyMap<string, readonly unknown[]>,
  extra?: (v: Visit) => string | undefined,
): string | undefined {
  let why: string | undefined;
  walkValues(msg, proto, (v) => {
    if (why !== undefined) return;
    const name = v.names[v.names.length - 1]!;
    const allowed = limited.get(name);
    if (isForbidden(name)) why = `${v.names.join(' > ')} points outside the namespace or is opaque`;
    else if (v.kind?.spec.t === 'ip' && !inDocRange(v.value)) why = `${v.names.join(' > ')} = ${String(v.value)} is outside 198.18.0.0/15 and 2001:db8::/32`;
    else if (allowed !== undefined && !allowed.some((x) => String(x) === String(v.value))) why = `${name} "${String(v.value)}" is not one of ${allowed.join(', ')} (offered here, no module to load)`;
    else why = extra?.(v);
  });
  return why;
}

/**
 * The check on the wire: `bytes` (one encoded request) decode, and the
 * decoded message is safe by `reason` (default {@link unsafeReason}).
 * Returns why not, or undefined.
 */
export function unsafeBytes(bytes: Uint8Array, proto: Protocol, reason: (m: Message, proto: Protocol) => string | undefined = unsafeReason): string | undefined {
  let m: Message;
  try {
    m = decodeMessage(bytes, proto);
  } catch (e) {
    return `the request does not decode: ${(e as Error).message}`;
  }
  return reason(m, proto);
}
