/**
 * The kernel fuzzer behind `tsip fuzz`: structure-aware rtnetlink requests
 * against the real kernel, in a throwaway namespace, with every answer
 * checked.
 *
 * - A namespace `tsnl-fuzz-<pid>` is made (as `ip netns add` does), and
 *   checked not to be this process's own; every request goes through a
 *   socket made inside it (or, without FFI, a helper process there),
 *   never to the root namespace. A second socket joins the link, address
 *   and route multicast groups.
 * - Operations (see ops.ts) are drawn per seed and operation index,
 *   stripped of anything pointing outside the namespace, checked again
 *   on the encoded bytes (safety.ts), and sent a few at a time.
 * - Every request must get exactly one final answer (ACK, error or
 *   NLMSG_DONE) with its seq; data replies only where the request asks
 *   for them. Timeouts, undecodable replies, stray seqs and replies are
 *   counted as anomalies.
 * - Every datagram in (replies and notifications) must decode and each
 *   message re-encode to exactly its bytes; every request out must too.
 * - Every K operations links, addresses and routes are dumped and
 *   compared with the model (model.ts).
 * - Property violations and anomalies leave reproducers (repro.ts),
 *   shrunk where the property can be checked offline.
 * - At the end the namespace is deleted, and the run checks that no
 *   namespace, helper process or root-namespace link of its own is left.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { release } from 'node:os';
import { toHex } from '../bytes/hex.js';
import { NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLMSG_MIN_TYPE, NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST } from '../core/constants.js';
import { errnoName } from '../core/errno.js';
import { DecodeError } from '../core/errors.js';
import { addressDump, linkChange, linkDump, routeDump } from '../api/requests.js';
import { encodeMessage, type Message } from '../netlink/message.js';
import { HelperPort } from '../netns/helper-port.js';
import { ffiAvailable } from '../sys/ffi.js';
import { SocketPort } from '../transport/socket-port.js';
import { liveHelpers } from '../netns/reaper.js';
import { addNetns, deleteNetns, listNetns, netnsPath } from '../netns/registry.js';
import { RTNLGRP } from '../rtnl/constants.js';
import { rtnetlink } from '../rtnl/messages.js';
import { Connection } from '../transport/connection.js';
import { DumpInterruptedError, KernelError, TimeoutError } from '../transport/errors.js';
import type { DatagramInfo } from '../transport/port.js';
import { Model } from './model.js';
import { OP_FAMILIES, OpGenerator, type Op, type OpFamily } from './ops.js';
import { checkKernelDatagram, type Violation } from './properties.js';
import { writeRepro } from './repro.js';
import { opSeed, Rng } from './rng.js';
import { stripForbidden, unsafeBytes, unsafeReason } from './safety.js';
import { shrinkBytes } from './shrink.js';
import { copyBytes } from './equal.js';

/** Options of {@link runKernelFuzzer}. */
export interface KernelFuzzOptions {
  /** Operations to run (default 1000). */
  runs?: number;
  /** Seed (default: random); the same seed gives the same operations for the same kernel answers. */
  seed?: number;
  /** Families of operations (default all: link, addr, route). */
  ops?: readonly OpFamily[];
  /** Stop after this many seconds, whatever `runs` says. */
  timeSeconds?: number;
  /** Check the model against dumps every this many operations (default 200). */
  checkEvery?: number;
  /** Operations sent before waiting for their answers (default 8). */
  batch?: number;
  /** Namespace name (default `tsnl-fuzz-<pid>`); it must not exist. */
  netns?: string;
  /** Where reproducers go (default `fuzz-repro`). */
  reproDir?: string;
  /** Time limit per request, in ms (default 10000). */
  timeoutMs?: number;
  /** Most reproducer files written (default 60; at most 3 per kind of problem). */
  maxRepros?: number;
  /** Called about every `progressMs` with the counters so far. */
  onProgress?: (s: FuzzStats) => void;
  progressMs?: number;
  /** Lines worth telling (setup, cleanup, reproducers written). */
  log?: (line: string) => void;
  /** Stops the run at the next operation boundary when aborted. */
  signal?: AbortSignal;
  /**
   * Sees every operation and its outcome (`ack`, an errno name, or the
   * error's text), with the kernel's extended-ACK message when it sent one.
   */
  onOp?: (op: Op, outcome: string, extAck?: string) => void;
}

/** Counters of a run. */
export interface FuzzStats {
  seed: number;
  netns: string;
  ops: number;
  /** Requests and dumps sent (operations, model checks, setup). */
  sent: number;
  acks: number;
  /** Kernel refusals by errno name. */
  errnos: Record<string, number>;
  errors: number;
  /** Per operation label: sent, acknowledged, refused. */
  byOp: Record<string, { sent: number; ack: number; err: number }>;
  dumps: number;
  dumpMessages: number;
  notifications: number;
  notificationTypes: Record<string, number>;
  datagramsIn: number;
  bytesIn: number;
  /** Anomalies by kind (timeouts, decode errors, missing or extra finals, stray replies, model discrepancies...). */
  anomalies: Record<string, number>;
  /** Property violations by property. */
  violations: Record<string, number>;
  modelChecks: number;
  /** Objects the dumps lacked for a reason the model accepts. */
  modelExplained: number;
  /** Links and addresses the dumps had that the model did not expect. */
  modelExtra: number;
  unsafeSkipped: number;
  dumpsInterrupted: number;
  elapsedMs: number;
  /** Operations per second so far. */
  rate: number;
}

/** What a run ends with. */
export interface FuzzResult {
  stats: FuzzStats;
  /** Reproducer `.hex` files written. */
  repros: string[];
  /** First few anomalies and violations, described. */
  notes: string[];
  cleanup: { netnsLeft: boolean; helpersLeft: number; helperProcesses: number[]; rootLinksAdded: string[] };
  /** Set when the run stopped on a fatal error (helper death...). */
  fatal?: string;
}

interface SeqRecord {
  op: Op | undefined;
  label: string;
  bytes: Uint8Array;
  finals: number;
  data: number;
  dump: boolean;
}

const GROUPS = [
  RTNLGRP.RTNLGRP_LINK,
  RTNLGRP.RTNLGRP_NOTIFY,
  RTNLGRP.RTNLGRP_NEIGH,
  RTNLGRP.RTNLGRP_IPV4_IFADDR,
  RTNLGRP.RTNLGRP_IPV4_ROUTE,
  RTNLGRP.RTNLGRP_IPV6_IFADDR,
  RTNLGRP.RTNLGRP_IPV6_ROUTE,
  RTNLGRP.RTNLGRP_IPV6_IFINFO,
];

/**
 * The root namespace's link names (/sys/class/net), for the check that
 * the run added none. A failure to read them is an error, not "none":
 * the check would otherwise pass without looking.
 */
function rootLinks(): string[] {
  try {
    return readdirSync('/sys/class/net').sort();
  } catch (e) {
    throw new Error(`cannot read the root namespace's links from /sys/class/net (${(e as Error).message}); the fuzzer needs them to check that it added none`, { cause: e });
  }
}

/** Pids of this process's children that run the namespace helper. */
export function helperProcesses(): number[] {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('helper-main')) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Headers (len, type, seq) of the messages of a datagram, as far as they can be read. */
function headers(d: Uint8Array): { type: number; seq: number; flags: number }[] {
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const out: { type: number; seq: number; flags: number }[] = [];
  for (let off = 0; off + NLMSG_HDRLEN <= d.length; ) {
    const len = dv.getUint32(off, true);
    if (len < NLMSG_HDRLEN) break;
    out.push({ type: dv.getUint16(off + 4, true), flags: dv.getUint16(off + 6, true), seq: dv.getUint32(off + 8, true) });
    off += (len + 3) & ~3;
  }
  return out;
}

/** The datagram without its seq field (to recognise a dump sent again with a new seq). */
function withoutSeq(b: Uint8Array): string {
  const c = copyBytes(b);
  c.fill(0, 8, 12);
  return toHex(c);
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Runs the kernel fuzzer; see the module comment. Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN). */
/** The fuzzer's way into its namespace: a socket made inside it (FFI), or a helper process there. */
type FuzzPort = HelperPort | SocketPort;

/**
 * A socket in `netns`: made inside it where FFI loads (with extended ACKs,
 * so the records carry the kernel's messages; a notification socket also
 * gets NETLINK_NO_ENOBUFS, its drops counted at the end), else a helper.
 */
function fuzzPort(netns: string, groups?: readonly number[]): FuzzPort {
  if (!ffiAvailable()) return groups ? new HelperPort({ netns, groups }) : new HelperPort(netns);
  const target = { path: netnsPath(netns) };
  return groups ? new SocketPort({ netns: target, groups, noEnobufs: true, receiveBufferSize: 32 << 20, forceReceiveBuffer: true }) : new SocketPort({ netns: target });
}

export async function runKernelFuzzer(o: KernelFuzzOptions = {}): Promise<FuzzResult> {
  const seed = (o.seed ?? Math.floor(Math.random() * 0x7fffffff)) | 0;
  const netns = o.netns ?? `tsnl-fuzz-${process.pid}`;
  const runs = o.runs ?? 1000;
  const families = o.ops && o.ops.length ? o.ops : OP_FAMILIES;
  const checkEvery = Math.max(1, o.checkEvery ?? 200);
  const batchSize = Math.max(1, o.batch ?? 8);
  const reproDir = o.reproDir ?? 'fuzz-repro';
  const maxRepros = o.maxRepros ?? 60;
  const log = o.log ?? (() => {});
  const started = performance.now();

  const stats: FuzzStats = {
    seed,
    netns,
    ops: 0,
    sent: 0,
    acks: 0,
    errnos: {},
    errors: 0,
    byOp: {},
    dumps: 0,
    dumpMessages: 0,
    notifications: 0,
    notificationTypes: {},
    datagramsIn: 0,
    bytesIn: 0,
    anomalies: {},
    violations: {},
    modelChecks: 0,
    modelExplained: 0,
    modelExtra: 0,
    unsafeSkipped: 0,
    dumpsInterrupted: 0,
    elapsedMs: 0,
    rate: 0,
  };
  const repros: string[] = [];
  const notes: string[] = [];
  const perSignature = new Map<string, number>();
  const bump = (rec: Record<string, number>, k: string, n = 1) => (rec[k] = (rec[k] ?? 0) + n);
  const skipped: string[] = [];
  const note = (s: string) => {
    if (notes.length < 40) notes.push(s);
  };
  const context = { netns, kernel: release() };

  /** Writes a reproducer unless there are enough of this kind already. */
  const repro = (sig: string, r: Parameters<typeof writeRepro>[2]) => {
    const key = sig.replace(/\d+/g, 'N');
    const n = perSignature.get(key) ?? 0;
    perSignature.set(key, n + 1);
    if (n >= 3 || repros.length >= maxRepros) return;
    try {
      const path = writeRepro(reproDir, `${r.property}-${seed}-${r.op ?? 'x'}-${repros.length}`, r, rtnetlink);
      repros.push(path);
      log(`reproducer: ${path}`);
    } catch (e) {
      log(`could not write a reproducer: ${describeError(e)}`);
    }
  };

  const violation = (v: Violation, origin: { op?: Op; request?: Uint8Array; where: string }) => {
    bump(stats.violations, v.property);
    note(`${origin.where}: [${v.property}] ${v.detail}`);
    let bytes = v.bytes ?? new Uint8Array(0);
    const original = bytes;
    if (bytes.length) {
      // Shrink while the same property still fails offline.
      bytes = shrinkBytes(bytes, rtnetlink, (b) => checkKernelDatagram(b, rtnetlink)?.property === v.property, 1500);
    }
    repro(`${v.property} ${v.detail}`, { seed, op: origin.op?.id, label: origin.op?.label, property: v.property, detail: `${origin.where}: ${v.detail}`, bytes, original, request: origin.request, context });
  };

  const anomaly = (kind: string, detail: string, rec?: { op?: Op; bytes?: Uint8Array }) => {
    bump(stats.anomalies, kind);
    note(`${kind}: ${detail}`);
    if (rec?.bytes) repro(`${kind} ${rec.op?.label ?? ''}`, { seed, op: rec.op?.id, label: rec.op?.label, property: kind, detail, bytes: rec.bytes, context });
  };

  // ---- setup
  const before = rootLinks();
  if ((await listNetns()).includes(netns)) throw new Error(`namespace "${netns}" exists already; the fuzzer makes its own and deletes it`);
  await addNetns(netns);
  log(`namespace ${netns} created (seed ${seed})`);
  const model = new Model();
  const gen = new OpGenerator(families);
  const inflight = new Map<number, SeqRecord>();
  const late = new Set<number>();
  let submitted: { op: Op | undefined; label: string; key: string; dump: boolean }[] = [];
  const recentRequests = new Map<number, Uint8Array>();
  let main: { port: FuzzPort; conn: Connection } | undefined;
  let monitor: { port: FuzzPort; conn: Connection } | undefined;
  let fatal: string | undefined;
  let progressTimer: ReturnType<typeof setInterval> | undefined;

  const tapIn = (where: 'reply' | 'notification') => (d: Uint8Array, info?: DatagramInfo) => {
    stats.datagramsIn++;
    stats.bytesIn += d.length;
    if (info?.truncated !== undefined) {
      anomaly('truncated', `${where} datagram of ${info.truncated} bytes did not fit the read buffer`);
      return;
    }
    let rec: SeqRecord | undefined;
    for (const h of headers(d)) {
      if (where === 'notification') continue;
      const r = inflight.get(h.seq);
      if (r === undefined) {
        if (late.has(h.seq)) bump(stats.anomalies, 'late-reply');
        else if (h.seq !== 0) anomaly('unexpected-seq', `reply with seq ${h.seq} (type ${h.type}) matches no request`, { bytes: d });
        continue;
      }
      rec = r;
      if (h.type === NLMSG_ERROR || h.type === NLMSG_DONE) r.finals++;
      else if (h.type >= NLMSG_MIN_TYPE) {
        r.data++;
        if (r.dump) stats.dumpMessages++;
      }
    }
    const v = checkKernelDatagram(d, rtnetlink);
    if (v !== undefined) violation(v, { op: rec?.op, request: rec?.bytes, where: `${where} to ${rec?.label ?? 'nothing'}` });
  };

  const tapOut = (d: Uint8Array) => {
    const key = withoutSeq(d);
    const seq = new DataView(d.buffer, d.byteOffset, d.byteLength).getUint32(8, true);
    let s = submitted.findIndex((x) => x.key === key);
    let entry = s >= 0 ? submitted[s] : undefined;
    if (entry !== undefined) submitted.splice(s, 1);
    else {
      // A dump sent again after NLM_F_DUMP_INTR: same bytes, new seq.
      for (const r of inflight.values()) if (r.dump && withoutSeq(r.bytes) === key) entry = { op: r.op, label: r.label, key, dump: true };
    }
    inflight.set(seq, { op: entry?.op, label: entry?.label ?? 'unknown', bytes: copyBytes(d), finals: 0, data: 0, dump: entry?.dump ?? false });
    stats.sent++;
    // Our own requests: they must decode and re-encode to the same bytes.
    const v = checkKernelDatagram(d, rtnetlink);
    if (v !== undefined) violation({ ...v, property: v.property.replace(/^kernel-/, 'request-') }, { op: entry?.op, where: `request ${entry?.label ?? ''}` });
  };

  const startMonitor = async () => {
    const port = fuzzPort(netns, GROUPS);
    const conn = new Connection(port, rtnetlink, {
      tap: (dir, d, info) => {
        if (dir === 'in') tapIn('notification')(d, info);
      },
      onUnsolicited: (m) => {
        stats.notifications++;
        // (Not used to learn ifindexes: notifications arrive when they do, and
        // the run must depend only on the seed and the kernel's answers.)
        bump(stats.notificationTypes, rtnetlink.messages.get(m.type)?.name ?? `type ${m.type}`);
      },
      onDrop: (d) => {
        if (d.reason !== 'unknown-seq') bump(stats.anomalies, `monitor-${d.reason}`);
      },
    });
    // The Connection unreferences an idle port: hold the loop open until the helper is ready.
    port.ref(true);
    if (port instanceof HelperPort) await port.start();
    port.ref(false);
    port.onError((e) => {
      // An overrun (ENOBUFS) or a dead helper: count it and join again.
      bump(stats.anomalies, 'monitor-lost');
      note(`monitor helper lost: ${describeError(e)}`);
      conn.close();
      if (!stopped) void startMonitor().then((m) => (monitor = m)).catch((err) => note(`monitor restart failed: ${describeError(err)}`));
    });
    return { port, conn };
  };

  let stopped = false;
  try {
    // Isolation: the namespace must not be this process's own.
    const nsIno = statSync(netnsPath(netns)).ino;
    const selfIno = statSync('/proc/self/ns/net').ino;
    if (nsIno === selfIno) throw new Error(`namespace "${netns}" is this process's own; refusing to fuzz it`);
    monitor = await startMonitor();
    const port = fuzzPort(netns);
    const conn = new Connection(port, rtnetlink, {
      timeout: o.timeoutMs ?? 10_000,
      tap: (dir, d, info) => (dir === 'out' ? tapOut(d) : tapIn('reply')(d, info)),
      onDrop: (d) => {
        if (d.reason === 'garbage') anomaly('decode-error', `a reply did not decode: ${d.error ? describeError(d.error) : ''}`, { bytes: d.bytes });
        else if (d.reason !== 'unknown-seq' && d.reason !== 'late' && d.reason !== 'truncated') bump(stats.anomalies, d.reason);
      },
    });
    main = { port, conn };
    port.ref(true);
    if (port instanceof HelperPort) await port.start();
    port.ref(false);
    if (o.onProgress) {
      progressTimer = setInterval(() => o.onProgress!(snapshot()), o.progressMs ?? 500);
      progressTimer.unref();
    }

    /** Sends operations (already safe) together and waits for all; updates counters, model and anomalies. */
    const send = async (batch: Op[]): Promise<void> => {
      const promises = batch.map((op) => {
        const flags = (op.msg.flags ?? 0) | NLM_F_REQUEST | (op.dump ? NLM_F_DUMP : NLM_F_ACK);
        const key = withoutSeq(encodeMessage({ ...op.msg, flags, seq: 0, pid: main!.port.localPort() }, rtnetlink));
        submitted.push({ op, label: op.label, key, dump: op.dump });
        const c = (stats.byOp[op.label] ??= { sent: 0, ack: 0, err: 0 });
        c.sent++;
        if (op.dump) stats.dumps++;
        return op.dump ? main!.conn.dump(op.msg) : main!.conn.request(op.msg);
      });
      const results = await Promise.allSettled(promises);
      submitted = [];
      results.forEach((r, i) => {
        const op = batch[i]!;
        const c = stats.byOp[op.label]!;
        o.onOp?.(op, r.status === 'fulfilled' ? 'ack' : r.reason instanceof KernelError ? r.reason.code : describeError(r.reason), r.status === 'rejected' && r.reason instanceof KernelError ? r.reason.ext?.msg : undefined);
        if (r.status === 'fulfilled') {
          stats.acks++;
          c.ack++;
          try {
            op.onAck?.(model, r.value);
          } catch (e) {
            note(`model update of op ${op.id} threw ${describeError(e)}`);
          }
        } else {
          const e = r.reason;
          if (e instanceof KernelError) {
            stats.errors++;
            c.err++;
            const code = e.code ?? errnoName(e.errno) ?? String(e.errno);
            bump(stats.errnos, code);
            try {
              op.onError?.(model, code);
            } catch (err) {
              note(`model update of op ${op.id} threw ${describeError(err)}`);
            }
          } else if (e instanceof TimeoutError) {
            anomaly('timeout', `op ${op.id} ${op.label}: ${e.message}`, { op, bytes: encodeMessage({ ...op.msg, flags: op.msg.flags | NLM_F_REQUEST | (op.dump ? NLM_F_DUMP : NLM_F_ACK) }, rtnetlink) });
          } else if (e instanceof DumpInterruptedError) {
            stats.dumpsInterrupted++;
          } else if (e instanceof DecodeError) {
            anomaly('decode-error', `op ${op.id} ${op.label}: ${e.message}`);
          } else {
            throw e;
          }
        }
      });
      // Exactly one final answer per request; data only where asked for.
      for (const [seq, rec] of inflight) {
        const timedOut = rec.finals === 0 && results.some((r, i) => r.status === 'rejected' && r.reason instanceof TimeoutError && batch[i] === rec.op);
        if (timedOut) late.add(seq);
        else if (rec.finals !== 1) anomaly(rec.finals === 0 ? 'no-final' : 'extra-final', `${rec.label} (seq ${seq}) got ${rec.finals} final answers`, { op: rec.op, bytes: rec.bytes });
        else if (rec.op !== undefined && ((rec.op.replies === 'none' && rec.data > 0) || (rec.op.replies === 'one' && rec.data > 1))) {
          anomaly('unexpected-replies', `${rec.label} (seq ${seq}) got ${rec.data} data messages before its answer`, { op: rec.op, bytes: rec.bytes });
        }
        if (rec.op) recentRequests.set(rec.op.id, rec.bytes);
      }
      inflight.clear();
      if (recentRequests.size > 4096) for (const k of [...recentRequests.keys()].slice(0, 1024)) recentRequests.delete(k);
    };

    const check = async (): Promise<void> => {
      const dumpAll = async (msg: Message, label: string): Promise<Message[]> => {
        for (let attempt = 0; ; attempt++) {
          submitted.push({ op: undefined, label, key: withoutSeq(encodeMessage({ ...msg, flags: NLM_F_REQUEST | NLM_F_DUMP, seq: 0, pid: main!.port.localPort() }, rtnetlink)), dump: true });
          stats.dumps++;
          try {
            return await main!.conn.dump(msg);
          } catch (e) {
            if (e instanceof DumpInterruptedError && attempt < 3) continue;
            throw e;
          } finally {
            submitted = [];
            for (const [seq, rec] of inflight) if (rec.finals !== 1) anomaly(rec.finals === 0 ? 'no-final' : 'extra-final', `${label} (seq ${seq}) got ${rec.finals} final answers`);
            inflight.clear();
          }
        }
      };
      const links = await dumpAll(linkDump(), 'check:links');
      const addrs = await dumpAll(addressDump(), 'check:addrs');
      const routes = await dumpAll(routeDump(), 'check:routes');
      stats.modelChecks++;
      const r = model.check(links, addrs, routes);
      stats.modelExplained += r.explained;
      stats.modelExtra += r.extra;
      for (const d of r.discrepancies) anomaly(`model-${d.kind}`, `after op ${stats.ops}: ${d.what}`);
    };

    // lo up, as a real namespace has it (routes to local addresses need it).
    await send([{ id: -1, label: 'setup:lo-up', family: 'link', dump: false, replies: 'none', msg: linkChange(1, { up: true }) }]);

    const deadline = o.timeSeconds !== undefined ? started + o.timeSeconds * 1000 : Infinity;
    let sinceCheck = 0;
    while (stats.ops < runs && performance.now() < deadline && !o.signal?.aborted) {
      const batch: Op[] = [];
      const n = Math.min(batchSize, runs - stats.ops);
      for (let i = 0; i < n; i++) {
        const id = stats.ops++;
        const op = gen.next(id, new Rng(opSeed(seed, id)), model);
        stripForbidden(op.msg, rtnetlink);
        const why = unsafeReason(op.msg, rtnetlink) ?? unsafeBytes(encodeMessage({ ...op.msg, flags: op.msg.flags | NLM_F_REQUEST | NLM_F_ACK }, rtnetlink), rtnetlink);
        if (why !== undefined) {
          stats.unsafeSkipped++;
          if (skipped.length < 10) skipped.push(`op ${id} ${op.label} not sent: ${why}`);
          continue;
        }
        batch.push(op);
      }
      if (batch.length) await send(batch);
      sinceCheck += n;
      if (sinceCheck >= checkEvery) {
        sinceCheck = 0;
        await check();
      }
    }
    await check();
  } catch (e) {
    fatal = describeError(e);
    log(`stopped: ${fatal}`);
  } finally {
    stopped = true;
    if (progressTimer !== undefined) clearInterval(progressTimer);
  }

  // ---- cleanup
  // Stopped helpers are unreferenced: hold the loop open until they are reaped and the namespace is gone.
  const keepAlive = setInterval(() => {}, 1000);
  const monitorDrops = monitor?.port instanceof SocketPort ? monitor.port.drops() : undefined;
  if (monitorDrops) stats.anomalies['monitor-dropped'] = (stats.anomalies['monitor-dropped'] ?? 0) + monitorDrops;
  const ports = [main?.port, monitor?.port].filter((p): p is HelperPort => p instanceof HelperPort);
  main?.conn.close();
  monitor?.conn.close();
  await Promise.all(ports.map((p) => p.stop().catch(() => {})));
  try {
    await deleteNetns(netns);
    log(`namespace ${netns} deleted`);
  } catch (e) {
    log(`could not delete namespace ${netns}: ${describeError(e)}`);
  }
  const netnsLeft = (await listNetns()).includes(netns);
  const after = rootLinks();
  const cleanup = {
    netnsLeft,
    helpersLeft: liveHelpers(),
    helperProcesses: helperProcesses(),
    rootLinksAdded: after.filter((n) => !before.includes(n)),
  };
  clearInterval(keepAlive);
  const result: FuzzResult = { stats: snapshot(), repros, notes: [...notes, ...skipped], cleanup };
  if (fatal !== undefined) result.fatal = fatal;
  return result;

  function snapshot(): FuzzStats {
    const elapsedMs = performance.now() - started;
    return { ...stats, errnos: { ...stats.errnos }, anomalies: { ...stats.anomalies }, violations: { ...stats.violations }, byOp: structuredClone(stats.byOp), notificationTypes: { ...stats.notificationTypes }, elapsedMs, rate: stats.ops / (elapsedMs / 1000) };
  }
}
