/**
 * What `tsip decode --json` leaves unnamed in a capture: messages whose type
 * no declaration names (`"nlmsg_type": "type 28"`, a raw `payload`) and
 * attributes no declaration knows (`IFLA_99: { type, flags, hex }`), each
 * as a path. A family's declarations are complete for a capture when this
 * is empty.
 */
import { messageToJSON } from '../../src/netlink/json.js';
import type { Message } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';
import type { Protocol } from '../../src/netlink/protocol.js';
import { messagesOf, protocolOf, type Fixture } from './fixtures.js';

/** The JSON of every message of a capture, as `tsip decode --json` prints it. */
export function jsonOf(f: Fixture): Record<string, unknown>[] {
  const proto = protocolOf(f);
  return messagesOf(f, proto).map((m) => messageToJSON(m, proto));
}

/** Paths of everything unnamed in the capture's JSON (empty: all named). */
export function unnamed(f: Fixture): string[] {
  return unnamedJSON(jsonOf(f));
}

/** The same for decoded messages that are not a fixture (a live strace, bytes built by hand). */
export function unnamedIn(msgs: readonly Message[], proto: Protocol = rtnetlink): string[] {
  return unnamedJSON(msgs.map((m) => messageToJSON(m, proto)));
}

/** The same for messages as `tsip decode --json` prints them (a generic message's command must be named too). */
export function unnamedJSON(msgs: readonly Record<string, unknown>[]): string[] {
  const out: string[] = [];
  msgs.forEach((m, i) => {
    const type = String(m.nlmsg_type);
    if (/^type \d+$/.test(type)) out.push(`#${i} ${type}`);
    else if (m.payload !== undefined) out.push(`#${i} ${type}: raw payload`);
    const g = m.genlmsghdr as { cmd?: unknown } | undefined;
    if (g !== undefined && typeof g.cmd !== 'string') out.push(`#${i} ${type}: command ${String(g.cmd)}`);
    walk(m, `#${i} ${type}`, out);
  });
  return out;
}

function walk(v: unknown, path: string, out: string[]): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => walk(x, `${path}[${i}]`, out));
    return;
  }
  if (v === null || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) {
    const isUnknown = (y: unknown): boolean => y !== null && typeof y === 'object' && 'hex' in y && 'type' in y && /\d$/.test(k);
    if (isUnknown(x) || (Array.isArray(x) && x.some(isUnknown))) out.push(`${path} ${k}`);
    else walk(x, `${path} ${k}`, out);
  }
}

/** Every value the capture's JSON holds under attribute or field `name`, at any depth. */
export function valuesOf(f: Fixture, name: string): unknown[] {
  const found: unknown[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === name) found.push(x);
        visit(x);
      }
    }
  };
  jsonOf(f).forEach(visit);
  return found;
}
