/**
 * iproute2 as the oracle for a generic netlink family: the requests a
 * command sent to one family, read from an strace of it, and the requests
 * the API sent, read from a handle's tap, decoded the same way (family
 * ids learned from the controller's answers in the same exchange) and
 * given as JSON strings that can be compared.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { genericProtocol } from '../../src/families/registry.js';
import { jsonReplacer, messageToJSON } from '../../src/netlink/json.js';
import { decodeMessages } from '../../src/netlink/message.js';
import { parseStrace } from '../../src/strace/parse.js';

/** One datagram of an exchange. */
export interface Exchanged {
  dir: 'send' | 'recv';
  bytes: Uint8Array;
}

/** Options of {@link genlRequests}. */
export interface GenlRequestOptions {
  /** Leave NLM_F_ACK out of every request (iproute2 asks for none on its gets, tsnetlink always does). */
  noAck?: boolean;
  /** Sort the attributes of each nest by name (iproute2 sends some in the order of its arguments). */
  anyOrder?: boolean;
}

/**
 * The requests to generic netlink family `family` among `datagrams`, as
 * JSON strings without seq and pid (`tsip decode --json`'s form). Ids
 * are learned from `learn` (default: the same datagrams; a handle asks
 * the controller once, so later requests need its earlier answers).
 */
export function genlRequests(datagrams: readonly Exchanged[], family: string, opts: GenlRequestOptions = {}, learn: readonly Exchanged[] = datagrams): string[] {
  const proto = genericProtocol();
  proto.learnFrom(learn.map((d) => d.bytes));
  const id = proto.idOf(family);
  if (id === undefined) throw new Error(`the exchange never learned the id of ${family}`);
  return datagrams
    .filter((d) => d.dir === 'send')
    .flatMap((d) => decodeMessages(d.bytes, proto))
    .filter((m) => m.type === id)
    .map((m) => {
      const { nlmsg_seq: _s, nlmsg_pid: _p, nlmsg_flags, attributes, ...rest } = messageToJSON(m, proto);
      const flags = (nlmsg_flags as string[]).filter((f) => !(opts.noAck && f === 'NLM_F_ACK'));
      return JSON.stringify({ ...rest, nlmsg_flags: flags, attributes: opts.anyOrder ? sorted(attributes) : attributes }, jsonReplacer);
    });
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)]));
}

/** What a command sent and received on its NETLINK_GENERIC sockets, traced with strace, and its exit status and output. */
export function straceGeneric(cmd: string[], dir: string, tag: string): { datagrams: Exchanged[]; status: number | null; stdout: string; stderr: string } {
  const trace = join(dir, `${tag}.strace`);
  const r = spawnSync('strace', ['-f', '-yy', '-xx', '-e', 'trace=socket,sendmsg,recvmsg,sendto,recvfrom', '-e', 'write=all', '-e', 'read=all', '-o', trace, ...cmd], { encoding: 'utf8' });
  const { datagrams } = parseStrace(readFileSync(trace, 'utf8'), 'GENERIC');
  return { datagrams: datagrams.map((d) => ({ dir: d.dir, bytes: d.bytes })), status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The requests to `family` that `cmd` sent (see {@link genlRequests}). */
export function genlRequestsOf(cmd: string[], family: string, dir: string, tag: string, opts: GenlRequestOptions = {}): string[] {
  return genlRequests(straceGeneric(cmd, dir, tag).datagrams, family, opts);
}

/**
 * A tap for `open({ tap })` that keeps the NETLINK_GENERIC datagrams a
 * handle exchanges (its NETLINK_ROUTE ones are left out); `requests`
 * gives the requests to `family` sent since its last call.
 */
export function genericTap(): {
  tap: (dir: 'out' | 'in', d: Uint8Array, info?: { protocol?: number }) => void;
  requests: (family: string, opts?: GenlRequestOptions) => string[];
} {
  const all: Exchanged[] = [];
  let seen = 0;
  return {
    tap: (dir, d, info) => {
      if (info?.protocol === 16) all.push({ dir: dir === 'out' ? 'send' : 'recv', bytes: Uint8Array.from(d) });
    },
    requests: (family, opts = {}) => {
      const fresh = all.slice(seen);
      seen = all.length;
      return genlRequests(fresh, family, opts, all);
    },
  };
}
