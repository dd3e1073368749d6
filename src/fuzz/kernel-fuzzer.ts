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
import { statSync } from 'node:fs';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST } from '../core/constants.js';
import { errnoName } from '../core/errno.js';
import { DecodeError } from '../core/errors.js';
import { linkChange, linkDump } from '../families/link/requests.js';
import { addressDump } from '../families/address/requests.js';
import { routeDump } from '../families/route/requests.js';
import { encodeMessage, type Message } from '../netlink/message.js';
import { HelperPort } from '../netns/helper-port.js';
import { liveHelpers } from '../netns/reaper.js';
import { addNetns, deleteNetns, listNetns, netnsPath } from '../netns/registry.js';
import { rtnetlink } from '../families/registry.js';
import { Connection } from '../transport/connection.js';
import { DumpInterruptedError, KernelError, TimeoutError } from '../transport/errors.js';
import { SocketPort } from '../transport/socket-port.js';
import { fuzzPort, GROUPS, helperProcesses, rootLinks, type FuzzPort } from './kernel-fuzzer-env.js';
import { describeError, FuzzReport, type FuzzResult, type FuzzStats } from './kernel-fuzzer-report.js';
import { DatagramWatch, withoutSeq } from './kernel-fuzzer-watch.js';
import { Model } from './model.js';
import { OP_FAMILIES, OpGenerator, type Op, type OpFamily } from './ops.js';
import { opSeed, Rng } from './rng.js';
import { stripForbidden, unsafeBytes, unsafeReason } from './safety.js';

export type { FuzzResult, FuzzStats } from './kernel-fuzzer-report.js';
export { helperProcesses } from './kernel-fuzzer-env.js';

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

/** Runs the kernel fuzzer; see the module comment. Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN). */
export async function runKernelFuzzer(o: KernelFuzzOptions = {}): Promise<FuzzResult> {
  const seed = (o.seed ?? Math.floor(Math.random() * 0x7fffffff)) | 0;
  const netns = o.netns ?? `tsnl-fuzz-${process.pid}`;
  const runs = o.runs ?? 1000;
  const families = o.ops && o.ops.length ? o.ops : OP_FAMILIES;
  const checkEvery = Math.max(1, o.checkEvery ?? 200);
  const batchSize = Math.max(1, o.batch ?? 8);
  const log = o.log ?? (() => {});
  const started = performance.now();
  const report = new FuzzReport(seed, netns, { reproDir: o.reproDir ?? 'fuzz-repro', maxRepros: o.maxRepros ?? 60, log });
  const { stats } = report;
  const watch = new DatagramWatch(report);

  // ---- setup (operations loaded first: a failure leaves nothing behind)
  const gen = await OpGenerator.create(families);
  const before = rootLinks();
  if ((await listNetns()).includes(netns)) throw new Error(`namespace "${netns}" exists already; the fuzzer makes its own and deletes it`);
  await addNetns(netns);
  log(`namespace ${netns} created (seed ${seed})`);
  const model = new Model();
  let main: { port: FuzzPort; conn: Connection } | undefined;
  let monitor: { port: FuzzPort; conn: Connection } | undefined;
  let fatal: string | undefined;
  let progressTimer: ReturnType<typeof setInterval> | undefined;

  const startMonitor = async () => {
    const port = fuzzPort(netns, GROUPS);
    const conn = new Connection(port, rtnetlink, {
      tap: (dir, d, info) => {
        if (dir === 'in') watch.tapIn('notification', d, info);
      },
      onUnsolicited: (m) => {
        stats.notifications++;
        // (Not used to learn ifindexes: notifications arrive when they do, and
        // the run must depend only on the seed and the kernel's answers.)
        report.bump(stats.notificationTypes, rtnetlink.messages.get(m.type)?.name ?? `type ${m.type}`);
      },
      onDrop: (d) => {
        if (d.reason !== 'unknown-seq') report.bump(stats.anomalies, `monitor-${d.reason}`);
      },
    });
    // The Connection unreferences an idle port: hold the loop open until the helper is ready.
    port.ref(true);
    if (port instanceof HelperPort) await port.start();
    port.ref(false);
    port.onError((e) => {
      // An overrun (ENOBUFS) or a dead helper: count it and join again.
      report.bump(stats.anomalies, 'monitor-lost');
      report.note(`monitor helper lost: ${describeError(e)}`);
      conn.close();
      if (!stopped) void startMonitor().then((m) => (monitor = m)).catch((err) => report.note(`monitor restart failed: ${describeError(err)}`));
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
      tap: (dir, d, info) => (dir === 'out' ? watch.tapOut(d) : watch.tapIn('reply', d, info)),
      onDrop: (d) => {
        if (d.reason === 'garbage') report.anomaly('decode-error', `a reply did not decode: ${d.error ? describeError(d.error) : ''}`, { bytes: d.bytes });
        else if (d.reason !== 'unknown-seq' && d.reason !== 'late' && d.reason !== 'truncated') report.bump(stats.anomalies, d.reason);
      },
    });
    main = { port, conn };
    port.ref(true);
    if (port instanceof HelperPort) await port.start();
    port.ref(false);
    if (o.onProgress) {
      progressTimer = setInterval(() => o.onProgress!(report.snapshot()), o.progressMs ?? 500);
      progressTimer.unref();
    }

    /** Sends operations (already safe) together and waits for all; updates counters, model and anomalies. */
    const send = async (batch: Op[]): Promise<void> => {
      const promises = batch.map((op) => {
        const flags = (op.msg.flags ?? 0) | NLM_F_REQUEST | (op.dump ? NLM_F_DUMP : NLM_F_ACK);
        const key = withoutSeq(encodeMessage({ ...op.msg, flags, seq: 0, pid: main!.port.localPort() }, rtnetlink));
        watch.submitted.push({ op, label: op.label, key, dump: op.dump });
        const c = (stats.byOp[op.label] ??= { sent: 0, ack: 0, err: 0 });
        c.sent++;
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
            op.onAck?.(model, r.value);
          } catch (e) {
            report.note(`model update of op ${op.id} threw ${describeError(e)}`);
          }
        } else {
          const e = r.reason;
          if (e instanceof KernelError) {
            stats.errors++;
            c.err++;
            const code = e.code ?? errnoName(e.errno) ?? String(e.errno);
            report.bump(stats.errnos, code);
            try {
              op.onError?.(model, code);
            } catch (err) {
              report.note(`model update of op ${op.id} threw ${describeError(err)}`);
            }
          } else if (e instanceof TimeoutError) {
            report.anomaly('timeout', `op ${op.id} ${op.label}: ${e.message}`, { op, bytes: encodeMessage({ ...op.msg, flags: op.msg.flags | NLM_F_REQUEST | (op.dump ? NLM_F_DUMP : NLM_F_ACK) }, rtnetlink) });
          } else if (e instanceof DumpInterruptedError) {
            stats.dumpsInterrupted++;
          } else if (e instanceof DecodeError) {
            report.anomaly('decode-error', `op ${op.id} ${op.label}: ${e.message}`);
          } else {
            throw e;
          }
        }
      });
      watch.settle(batch, results);
    };

    const check = async (): Promise<void> => {
      const dumpAll = async (msg: Message, label: string): Promise<Message[]> => {
        for (let attempt = 0; ; attempt++) {
          watch.submitted.push({ op: undefined, label, key: withoutSeq(encodeMessage({ ...msg, flags: NLM_F_REQUEST | NLM_F_DUMP, seq: 0, pid: main!.port.localPort() }, rtnetlink)), dump: true });
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
      const links = await dumpAll(linkDump(), 'check:links');
      const addrs = await dumpAll(addressDump(), 'check:addrs');
      const routes = await dumpAll(routeDump(), 'check:routes');
      stats.modelChecks++;
      const r = model.check(links, addrs, routes);
      stats.modelExplained += r.explained;
      stats.modelExtra += r.extra;
      for (const d of r.discrepancies) report.anomaly(`model-${d.kind}`, `after op ${stats.ops}: ${d.what}`);
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
          if (report.skipped.length < 10) report.skipped.push(`op ${id} ${op.label} not sent: ${why}`);
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
  if (monitorDrops) report.bump(stats.anomalies, 'monitor-dropped', monitorDrops);
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
  const result: FuzzResult = { stats: report.snapshot(), repros: report.repros, notes: [...report.notes, ...report.skipped], cleanup };
  if (fatal !== undefined) result.fatal = fatal;
  return result;
}
