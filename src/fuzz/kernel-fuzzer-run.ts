/**
 * The kernel fuzzers' shared run, whatever the netlink protocol: a
 * throwaway namespace, a socket made inside it for the requests and one
 * for notifications, operations drawn per seed and index from a
 * {@link FuzzTarget} (rtnetlink's in kernel-fuzzer.ts, generic netlink's in
 * genl-fuzzer.ts), screened before sending and sent a few at a time, every
 * datagram in and out watched (kernel-fuzzer-watch.ts), a periodic check of
 * the target's own, and the cleanup checked at the end.
 *
 * - The namespace is made as `ip netns add` does and checked not to be
 *   this process's own; every request goes through a socket made inside
 *   it (or, without FFI, a helper process there).
 * - Every request must get exactly one final answer (ACK, error or
 *   NLMSG_DONE) with its seq; data replies only where the request asks
 *   for them. Timeouts, undecodable replies, stray seqs and replies are
 *   counted as anomalies.
 * - At the end the namespace is deleted, and the run checks that no
 *   namespace, helper process or root-namespace link of its own is left.
 */
import { statSync } from 'node:fs';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST } from '../core/constants.js';
import { errnoName } from '../core/errno.js';
import { DecodeError } from '../core/errors.js';
import { encodeMessage, type Message } from '../netlink/message.js';
import { resolveMessage, typeNameOf, type Protocol } from '../netlink/protocol.js';
import { HelperPort } from '../netns/helper-port.js';
import { liveHelpers } from '../netns/reaper.js';
import { addNetns, deleteNetns, listNetns, netnsPath } from '../netns/registry.js';
import { Connection } from '../transport/connection.js';
import { DumpInterruptedError, KernelError, TimeoutError } from '../transport/errors.js';
import { SocketPort } from '../transport/socket-port.js';
import { fuzzPort, helperProcesses, rootLinks, type FuzzPort } from './kernel-fuzzer-env.js';
import { describeError, FuzzReport, type FuzzResult, type FuzzStats } from './kernel-fuzzer-report.js';
import { DatagramWatch, withoutSeq } from './kernel-fuzzer-watch.js';
import type { Op } from './ops.js';
import { opSeed, Rng } from './rng.js';

/** Options every kernel fuzzer takes. */
export interface FuzzRunOptions {
  /** Operations to run (default 1000). */
  runs?: number;
  /** Seed (default: random); the same seed gives the same operations for the same kernel answers. */
  seed?: number;
  /** Stop after this many seconds, whatever `runs` says. */
  timeSeconds?: number;
  /** Run the target's check every this many operations (default 200). */
  checkEvery?: number;
  /** Operations sent before waiting for their answers (default 8). */
  batch?: number;
  /** Namespace name (default the target's, with this process's pid); it must not exist. */
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

/** What a target's setup and checks may use of the run. */
export interface RunEnv {
  readonly netns: string;
  readonly report: FuzzReport;
  readonly log: (line: string) => void;
  /** The connection requests go through (a target's own lookups; they are watched, unlabelled). */
  readonly conn: Connection;
  /** Sends operations (already screened) together and waits for all; counts and checks their answers. */
  send(batch: Op[]): Promise<void>;
  /** A dump outside the operations (setup, checks), watched like them, retried when interrupted. */
  dumpAll(msg: Message, label: string): Promise<Message[]>;
}

/** What one netlink protocol's fuzzer brings to the shared run. */
export interface FuzzTarget {
  /** The protocol requests are encoded and answers decoded with. */
  readonly protocol: Protocol;
  /** The sockets' netlink protocol (NETLINK_ROUTE, NETLINK_GENERIC). */
  readonly socketProtocol: number;
  /** The namespace's name without a `-n` option: a prefix and this process's pid. */
  readonly netnsPrefix: string;
  /** The command that runs this fuzzer (`tsip fuzz --protocol generic`), for the reproducers' rerun line. */
  readonly command: string;
  /** Loads the operations before anything is made (a failure leaves nothing behind). */
  prepare(): Promise<void>;
  /** With the request socket open: sets the namespace up; resolves to the multicast groups to watch. */
  setup(env: RunEnv): Promise<readonly number[]>;
  /** Operation `id`, drawn with `rng` alone (and what the target learnt from answers). */
  next(id: number, rng: Rng): Op;
  /**
   * Takes out of `op` what must never be sent, then says why it must not
   * be sent at all (checked on the message and on its encoded bytes), or
   * undefined.
   */
  screen(op: Op): string | undefined;
  /** The kernel acknowledged `op` (with these replies). */
  acked?(op: Op, replies: Message[]): void;
  /** The kernel refused `op` with `code`. */
  refused?(op: Op, code: string): void;
  /** A notification arrived. */
  notified?(m: Message): void;
  /** The periodic check (dumps compared with what the target expects); anomalies go to the report. */
  check(env: RunEnv): Promise<void>;
  /** Before the namespace is deleted: closes what setup opened. */
  teardown?(): Promise<void>;
}

/** The name of a message's type (and command) for counters. */
function typeLabel(proto: Protocol, m: Message): string {
  return resolveMessage(proto, m)?.name ?? typeNameOf(proto, m.type) ?? `type ${m.type}`;
}

/** A port and its connection. */
interface Socket {
  port: FuzzPort;
  conn: Connection;
}

/** Waits for a helper port to be ready (the connection unreferences an idle port, so the loop is held open meanwhile). */
async function ready(port: FuzzPort): Promise<void> {
  port.ref(true);
  if (port instanceof HelperPort) await port.start();
  port.ref(false);
}

/** Runs `target`'s operations against the kernel; see the module comment. Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN). */
export async function runFuzzTarget(target: FuzzTarget, o: FuzzRunOptions = {}): Promise<FuzzResult> {
  const seed = (o.seed ?? Math.floor(Math.random() * 0x7fffffff)) | 0;
  const netns = o.netns ?? `${target.netnsPrefix}-${process.pid}`;
  const runs = o.runs ?? 1000;
  const checkEvery = Math.max(1, o.checkEvery ?? 200);
  const batchSize = Math.max(1, o.batch ?? 8);
  const log = o.log ?? (() => {});
  const proto = target.protocol;
  const started = performance.now();
  const report = new FuzzReport(seed, netns, { reproDir: o.reproDir ?? 'fuzz-repro', maxRepros: o.maxRepros ?? 60, log, proto, command: target.command });
  const { stats } = report;
  const watch = new DatagramWatch(report);

  // ---- setup (operations loaded first: a failure leaves nothing behind)
  await target.prepare();
  const before = rootLinks();
  if ((await listNetns()).includes(netns)) throw new Error(`namespace "${netns}" exists already; the fuzzer makes its own and deletes it`);
  await addNetns(netns);
  log(`namespace ${netns} created (seed ${seed})`);
  let main: Socket | undefined;
  let monitor: Socket | undefined;
  let fatal: string | undefined;
  let progressTimer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  const startMonitor = async (groups: readonly number[]): Promise<Socket> => {
    const port = fuzzPort(netns, { groups, protocol: target.socketProtocol });
    const conn = new Connection(port, proto, {
      lazy: false,
      tap: (dir, d, info) => {
        if (dir === 'in') watch.tapIn('notification', d, info);
      },
      onUnsolicited: (m) => {
        stats.notifications++;
        // (Not used to learn ifindexes: notifications arrive when they do, and
        // the run must depend only on the seed and the kernel's answers.)
        target.notified?.(m);
        report.bump(stats.notificationTypes, typeLabel(proto, m));
      },
      onDrop: (d) => {
        if (d.reason !== 'unknown-seq') report.bump(stats.anomalies, `monitor-${d.reason}`);
      },
    });
    await ready(port);
    port.onError((e) => {
      // An overrun (ENOBUFS) or a dead helper: count it and join again.
      report.bump(stats.anomalies, 'monitor-lost');
      report.note(`monitor helper lost: ${describeError(e)}`);
      conn.close();
      if (!stopped) void startMonitor(groups).then((m) => (monitor = m)).catch((err) => report.note(`monitor restart failed: ${describeError(err)}`));
    });
    return { port, conn };
  };

  const flagsOf = (op: Op) => (op.msg.flags ?? 0) | NLM_F_REQUEST | (op.dump ? NLM_F_DUMP : NLM_F_ACK);

  /** Sends operations (already safe) together and waits for all; updates counters and anomalies. */
  const send = async (batch: Op[]): Promise<void> => {
    const promises = batch.map((op) => {
      const key = withoutSeq(encodeMessage({ ...op.msg, flags: flagsOf(op), seq: 0, pid: main!.port.localPort() }, proto));
      watch.submitted.push({ op, label: op.label, key, dump: op.dump, mutated: op.variant === 'mutated' });
      const c = (stats.byOp[op.label] ??= { sent: 0, ack: 0, err: 0 });
      c.sent++;
      if (op.variant !== undefined) report.bump(stats.opKinds, op.variant);
      if (op.dump) stats.dumps++;
      return op.dump ? main!.conn.dump(op.msg) : main!.conn.request(op.msg);
    });
    const results = await Promise.allSettled(promises);
    watch.submitted = [];
    results.forEach((r, i) => {
      const op = batch[i]!;
      const c = stats.byOp[op.label]!;
      o.onOp?.(op, r.status === 'fulfilled' ? 'ack' : r.reason instanceof KernelError ? r.reason.code : describeError(r.reason), r.status === 'rejected' && r.reason instanceof KernelError ? r.reason.ext?.msg : undefined);
      if (r.status === 'fulfilled') {
        stats.acks++;
        c.ack++;
        try {
          target.acked?.(op, r.value);
        } catch (e) {
          report.note(`model update of op ${op.id} threw ${describeError(e)}`);
        }
        return;
      }
      const e = r.reason;
      if (e instanceof KernelError) {
        stats.errors++;
        c.err++;
        const code = e.code ?? errnoName(e.errno) ?? String(e.errno);
        report.bump(stats.errnos, code);
        try {
          target.refused?.(op, code);
        } catch (err) {
          report.note(`model update of op ${op.id} threw ${describeError(err)}`);
        }
      } else if (e instanceof TimeoutError) {
        report.anomaly('timeout', `op ${op.id} ${op.label}: ${e.message}`, { op, bytes: encodeMessage({ ...op.msg, flags: flagsOf(op) }, proto) });
      } else if (e instanceof DumpInterruptedError) {
        stats.dumpsInterrupted++;
      } else if (e instanceof DecodeError) {
        report.anomaly('decode-error', `op ${op.id} ${op.label}: ${e.message}`);
      } else {
        throw e;
      }
    });
    watch.settle(batch, results);
  };

  const dumpAll = async (msg: Message, label: string): Promise<Message[]> => {
    for (let attempt = 0; ; attempt++) {
      watch.submitted.push({ op: undefined, label, key: withoutSeq(encodeMessage({ ...msg, flags: NLM_F_REQUEST | NLM_F_DUMP, seq: 0, pid: main!.port.localPort() }, proto)), dump: true });
      stats.dumps++;
      try {
        return await main!.conn.dump(msg);
      } catch (e) {
        if (e instanceof DumpInterruptedError && attempt < 3) continue;
        throw e;
      } finally {
        watch.settleDump(label);
      }
    }
  };

  const env: RunEnv = {
    netns,
    report,
    log,
    get conn() {
      return main!.conn;
    },
    send,
    dumpAll,
  };
  try {
    // Isolation: the namespace must not be this process's own.
    const nsIno = statSync(netnsPath(netns)).ino;
    const selfIno = statSync('/proc/self/ns/net').ino;
    if (nsIno === selfIno) throw new Error(`namespace "${netns}" is this process's own; refusing to fuzz it`);
    const port = fuzzPort(netns, { protocol: target.socketProtocol });
    const conn = new Connection(port, proto, {
      // Every reply decoded whole as it arrives: a malformed nest is an anomaly now, not when read.
      lazy: false,
      timeout: o.timeoutMs ?? 10_000,
      tap: (dir, d, info) => (dir === 'out' ? watch.tapOut(d) : watch.tapIn('reply', d, info)),
      onDrop: (d) => {
        if (d.reason === 'garbage') report.anomaly('decode-error', `a reply did not decode: ${d.error ? describeError(d.error) : ''}`, { bytes: d.bytes });
        else if (d.reason !== 'unknown-seq' && d.reason !== 'late' && d.reason !== 'truncated') report.bump(stats.anomalies, d.reason);
      },
    });
    main = { port, conn };
    await ready(port);
    const groups = await target.setup(env);
    monitor = await startMonitor(groups);
    if (o.onProgress) {
      progressTimer = setInterval(() => o.onProgress!(report.snapshot()), o.progressMs ?? 500);
      progressTimer.unref();
    }

    const deadline = o.timeSeconds !== undefined ? started + o.timeSeconds * 1000 : Infinity;
    let sinceCheck = 0;
    while (stats.ops < runs && performance.now() < deadline && !o.signal?.aborted) {
      const batch: Op[] = [];
      const n = Math.min(batchSize, runs - stats.ops);
      for (let i = 0; i < n; i++) {
        const id = stats.ops++;
        const op = target.next(id, new Rng(opSeed(seed, id)));
        const why = target.screen(op);
        if (why !== undefined) {
          stats.unsafeSkipped++;
          if (report.skipped.length < 10) report.skipped.push(`op ${id} ${op.label} not sent: ${why}`);
          continue;
        }
        batch.push(op);
      }
      if (batch.length) await send(batch);
      sinceCheck += n;
      if (sinceCheck >= checkEvery) {
        sinceCheck = 0;
        await target.check(env);
        stats.modelChecks++;
      }
    }
    await target.check(env);
    stats.modelChecks++;
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
  // Nothing here may keep the namespace from being deleted below: a drop count that cannot be read is a note.
  try {
    const monitorDrops = monitor?.port instanceof SocketPort ? monitor.port.drops() : undefined;
    if (monitorDrops) report.bump(stats.anomalies, 'monitor-dropped', monitorDrops);
  } catch (e) {
    report.note(`monitor drop count unreadable: ${describeError(e)}`);
  }
  const ports = [main?.port, monitor?.port].filter((p): p is HelperPort => p instanceof HelperPort);
  main?.conn.close();
  monitor?.conn.close();
  await Promise.all(ports.map((p) => p.stop().catch(() => {})));
  await target.teardown?.().catch((e) => log(`teardown: ${describeError(e)}`));
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
  const result: FuzzResult = { stats: report.snapshot(), repros: report.repros, notes: [...report.notes, ...report.skipped], cleanup };
  if (fatal !== undefined) result.fatal = fatal;
  return result;
}
