/**
 * What a kernel fuzzing run counts and keeps: the counters, the first
 * notes, and reproducers for violations and anomalies (at most 3 per kind,
 * shrunk where the property can be checked offline).
 */
import { release } from 'node:os';
import type { Protocol } from '../netlink/protocol.js';
import type { Op } from './ops.js';
import { checkKernelDatagram, type Violation } from './properties.js';
import { writeRepro } from './repro.js';
import { shrinkBytes } from './shrink.js';

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
  /** Operations by how they were made (generic: `valid`, `wild`, `mutated`). */
  opKinds: Record<string, number>;
  /** The kernel's extended-ACK messages (NLMSGERR_ATTR_MSG), by text. */
  extAcks: Record<string, number>;
  /** Refusals whose extended-ACK offset points at no attribute start of the request as we decode it (the kernel parsed it otherwise). */
  extAckOffAttr: number;
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

/** An error as one line. */
export function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The counters, notes and reproducers of one run. */
export class FuzzReport {
  readonly stats: FuzzStats;
  readonly repros: string[] = [];
  readonly notes: string[] = [];
  /** Operations not sent, and why (the first few). */
  readonly skipped: string[] = [];
  private readonly perSignature = new Map<string, number>();
  private readonly context: { netns: string; kernel: string };
  private readonly started = performance.now();

  constructor(
    readonly seed: number,
    netns: string,
    private readonly opts: {
      reproDir: string;
      maxRepros: number;
      log: (line: string) => void;
      /** The protocol the datagrams are decoded with. */
      proto: Protocol;
      /** The command that runs this fuzzer again (`tsip fuzz --protocol generic`), for the reproducers. */
      command: string;
    },
  ) {
    this.context = { netns, kernel: release() };
    this.stats = {
      seed,
      netns,
      ops: 0,
      sent: 0,
      acks: 0,
      errnos: {},
      errors: 0,
      byOp: {},
      opKinds: {},
      extAcks: {},
      extAckOffAttr: 0,
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
  }

  /** The protocol the run decodes with. */
  get proto(): Protocol {
    return this.opts.proto;
  }

  /** Adds `n` to counter `k` of `rec`. */
  bump(rec: Record<string, number>, k: string, n = 1): void {
    rec[k] = (rec[k] ?? 0) + n;
  }

  /** Keeps a line for the result (the first 40). */
  note(s: string): void {
    if (this.notes.length < 40) this.notes.push(s);
  }

  /** Writes a reproducer unless there are enough of this kind already. */
  repro(sig: string, r: Parameters<typeof writeRepro>[2]): void {
    const key = sig.replace(/\d+/g, 'N');
    const n = this.perSignature.get(key) ?? 0;
    this.perSignature.set(key, n + 1);
    if (n >= 3 || this.repros.length >= this.opts.maxRepros) return;
    try {
      const path = writeRepro(this.opts.reproDir, `${r.property}-${this.seed}-${r.op ?? 'x'}-${this.repros.length}`, { command: this.opts.command, ...r }, this.opts.proto);
      this.repros.push(path);
      this.opts.log(`reproducer: ${path}`);
    } catch (e) {
      this.opts.log(`could not write a reproducer: ${describeError(e)}`);
    }
  }

  /**
   * A property of a datagram failed: count it, note it, keep a reproducer
   * shrunk while `recheck` (the property's check, offline) fails the same way.
   */
  violation(v: Violation, origin: { op?: Op; request?: Uint8Array; where: string }, recheck: (b: Uint8Array, proto: Protocol) => Violation | undefined = checkKernelDatagram): void {
    this.bump(this.stats.violations, v.property);
    this.note(`${origin.where}: [${v.property}] ${v.detail}`);
    let bytes = v.bytes ?? new Uint8Array(0);
    const original = bytes;
    if (bytes.length) {
      // Shrink while the same property still fails offline.
      bytes = shrinkBytes(bytes, this.opts.proto, (b) => recheck(b, this.opts.proto)?.property === v.property, 1500);
    }
    this.repro(`${v.property} ${v.detail}`, { seed: this.seed, op: origin.op?.id, label: origin.op?.label, property: v.property, detail: `${origin.where}: ${v.detail}`, bytes, original, request: origin.request, context: this.context });
  }

  /** Something odd but not a property failure (a timeout, a stray reply...): count, note, keep the bytes. */
  anomaly(kind: string, detail: string, rec?: { op?: Op; bytes?: Uint8Array }): void {
    this.bump(this.stats.anomalies, kind);
    this.note(`${kind}: ${detail}`);
    if (rec?.bytes) this.repro(`${kind} ${rec.op?.label ?? ''}`, { seed: this.seed, op: rec.op?.id, label: rec.op?.label, property: kind, detail, bytes: rec.bytes, context: this.context });
  }

  /** The counters now (copies), with the time so far and the rate. */
  snapshot(): FuzzStats {
    const stats = this.stats;
    const elapsedMs = performance.now() - this.started;
    return { ...stats, errnos: { ...stats.errnos }, opKinds: { ...stats.opKinds }, extAcks: { ...stats.extAcks }, anomalies: { ...stats.anomalies }, violations: { ...stats.violations }, byOp: structuredClone(stats.byOp), notificationTypes: { ...stats.notificationTypes }, elapsedMs, rate: stats.ops / (elapsedMs / 1000) };
  }
}
