/** Loads the captured iproute2 <-> kernel exchanges in fixtures/. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHex } from '../../src/bytes/hex.js';
import { decodeMessages, type Message } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';

export const FIXTURES_DIR = new URL('../../fixtures/', import.meta.url).pathname;

export interface Datagram {
  dir: 'send' | 'recv';
  bytes: Uint8Array;
}

export interface Fixture {
  /** `group/name`, e.g. `link/add-veth`. */
  id: string;
  command: string[];
  kernel: string;
  iproute2: string;
  exitCode: number;
  stderr: string;
  stdout: string;
  state?: { command: string[]; json: any };
  extraStates?: { command: string[]; json: any }[];
  datagrams: Datagram[];
}

/** Every fixture, sorted by id. */
export function loadFixtures(): Fixture[] {
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
        datagrams: raw.datagrams.map((d: { dir: 'send' | 'recv'; hex: string }) => ({ dir: d.dir, bytes: parseHex(d.hex) })),
      });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** One fixture by id. */
export function fixture(id: string): Fixture {
  const f = loadFixtures().find((x) => x.id === id);
  if (!f) throw new Error(`no fixture ${id}`);
  return f;
}

/** All messages of a fixture, with the direction of the datagram they came in. */
export function messagesOf(f: Fixture): (Message & { dir: 'send' | 'recv' })[] {
  return f.datagrams.flatMap((d) => decodeMessages(d.bytes, rtnetlink).map((m) => ({ ...m, dir: d.dir })));
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
