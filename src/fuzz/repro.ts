/**
 * Reproducers: for each property violation, two files in the reproducer
 * directory,
 * - `NAME.hex`: the (shrunk) message bytes as plain hex, 16 bytes a line,
 *   which `tsip decode - < NAME.hex` (or `tsip decode --json`) reads;
 * - `NAME.json`: the seed and operation that produced it, the property
 *   and what broke, the hex before and after shrinking, the decoded JSON
 *   with kernel names (or the decode error), and the request that caused
 *   the reply, when there was one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '../bytes/hex.js';
import { jsonReplacer, messageToJSON } from '../netlink/json.js';
import { decodeMessages } from '../netlink/message.js';
import type { Protocol } from '../netlink/protocol.js';

/** What a reproducer records. */
export interface ReproInput {
  seed: number;
  /** Index of the operation in the run, when one is concerned. */
  op?: number;
  /** Label of that operation (`newlink:veth`). */
  label?: string;
  property: string;
  detail: string;
  /** The bytes that break the property (shrunk). */
  bytes: Uint8Array;
  /** The bytes before shrinking, when different. */
  original?: Uint8Array;
  /** The request that caused these bytes (a reply or notification), when known. */
  request?: Uint8Array;
  /** Anything else worth keeping (the kernel version, the namespace). */
  context?: Record<string, unknown>;
  /** The command that ran the fuzzer (default `tsip fuzz`), for the line that reruns it. */
  command?: string;
}

/** Hex of `b`, 16 bytes a line (what `tsip decode` reads). */
export function hexLines(b: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < b.length; i += 16) lines.push(toHex(b.subarray(i, i + 16), ' '));
  return lines.join('\n') + '\n';
}

function decoded(b: Uint8Array, proto: Protocol): unknown {
  try {
    return decodeMessages(b, proto).map((m) => messageToJSON(m, proto));
  } catch (e) {
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Writes the two files of a reproducer into `dir`; returns the path of the `.hex` file. */
export function writeRepro(dir: string, name: string, r: ReproInput, proto: Protocol): string {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, name.replace(/[^A-Za-z0-9._-]/g, '_'));
  writeFileSync(`${base}.hex`, hexLines(r.bytes));
  const doc = {
    seed: r.seed,
    op: r.op,
    label: r.label,
    property: r.property,
    detail: r.detail,
    replay: `tsip decode${proto.name === 'NETLINK_GENERIC' ? ' --protocol generic' : ''} - < ${base}.hex   (or with --json)`,
    rerun: r.op === undefined ? undefined : `${r.command ?? 'tsip fuzz'} --seed ${r.seed} --runs ${r.op + 1}`,
    hex: toHex(r.bytes),
    length: r.bytes.length,
    shrunkFrom: r.original && r.original.length !== r.bytes.length ? { length: r.original.length, hex: toHex(r.original) } : undefined,
    decoded: decoded(r.bytes, proto),
    request: r.request ? { hex: toHex(r.request), decoded: decoded(r.request, proto) } : undefined,
    context: r.context,
  };
  writeFileSync(`${base}.json`, JSON.stringify(doc, jsonReplacer, 2) + '\n');
  return `${base}.hex`;
}
