/**
 * Loads the captured tool <-> kernel exchanges in fixtures/: NETLINK_ROUTE ones (iproute2's
 * ip, tc, bridge) and NETLINK_GENERIC ones (fixtures/genl: genl, ethtool, ip mptcp,
 * ip tcp_metrics), told apart by the file's `protocol` key (absent for route).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHex } from '../../src/bytes/hex.js';
import { decodeMessages, type Message } from '../../src/netlink/message.js';
import { genericProtocol, rtnetlink } from '../../src/families/registry.js';
import type { Protocol } from '../../src/netlink/protocol.js';

export const FIXTURES_DIR = new URL('../../fixtures/', import.meta.url).pathname;

export interface Datagram {
  dir: 'send' | 'recv';
  bytes: Uint8Array;
}

/** The netlink protocol of a capture's sockets. */
export type FixtureProtocol = 'route' | 'generic';

/** What a command printed after the capture: parsed JSON (`ip -j ...`), or the text of a tool without JSON output (ethtool). */
export interface FixtureState {
  command: string[];
  json?: any;
  text?: string;
}

export interface Fixture {
  /** `group/name`, e.g. `link/add-veth`. */
  id: string;
  /** `route` (NETLINK_ROUTE) unless the file says `"protocol": "generic"` (NETLINK_GENERIC). */
  protocol: FixtureProtocol;
  command: string[];
  kernel: string;
  iproute2: string;
  /** Version line of the captured tool where it is not ip (`genl -V`, `ethtool --version`). */
  tool?: string;
  exitCode: number;
  stderr: string;
  stdout: string;
  state?: FixtureState;
  extraStates?: FixtureState[];
  datagrams: Datagram[];
}

/** Every fixture of one protocol (route by default), sorted by id. */
export function loadFixtures(protocol: FixtureProtocol = 'route'): Fixture[] {
  return loadAllFixtures().filter((f) => f.protocol === protocol);
}

/** Every fixture of every protocol, sorted by id. */
export function loadAllFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const group of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const f of readdirSync(join(FIXTURES_DIR, group.name))) {
      if (!f.endsWith('.json')) continue;
      const raw = JSON.parse(readFileSync(join(FIXTURES_DIR, group.name, f), 'utf8'));
      // Not a capture (fixtures/uapi holds header facts).
      if (!Array.isArray(raw.datagrams)) continue;
      out.push({
        ...raw,
        id: `${group.name}/${f.slice(0, -5)}`,
        protocol: raw.protocol ?? 'route',
        datagrams: raw.datagrams.map((d: { dir: 'send' | 'recv'; hex: string }) => ({ dir: d.dir, bytes: parseHex(d.hex) })),
      });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** One fixture by id, of any protocol. */
export function fixture(id: string): Fixture {
  const f = loadAllFixtures().find((x) => x.id === id);
  if (!f) throw new Error(`no fixture ${id}`);
  return f;
}

/**
 * The protocol a fixture decodes with: rtnetlink, or for a generic
 * capture a generic netlink protocol that learned the family ids from the
 * capture's own controller answers (as `tsip decode --protocol generic` does).
 */
export function protocolOf(f: Fixture): Protocol {
  if (f.protocol === 'route') return rtnetlink;
  const p = genericProtocol();
  p.learnFrom(f.datagrams.map((d) => d.bytes));
  return p;
}

/** All messages of a fixture, with the direction of the datagram they came in. */
export function messagesOf(f: Fixture, proto: Protocol = protocolOf(f)): (Message & { dir: 'send' | 'recv' })[] {
  return f.datagrams.flatMap((d) => decodeMessages(d.bytes, proto).map((m) => ({ ...m, dir: d.dir })));
}

/** The bytes of each message in a datagram (split by nlmsg_len, zero tail dropped). */
export function splitMessages(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  while (off + 16 <= bytes.length) {
    const len = dv.getUint32(off, true);
    if (len === 0) break;
    out.push(bytes.subarray(off, off + len));
    off += (len + 3) & ~3;
  }
  return out;
}
