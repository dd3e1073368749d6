/**
 * The rtnetlink kernel fuzzer behind `tsip fuzz`: structure-aware
 * rtnetlink requests against the real kernel, in a throwaway namespace
 * (`tsnl-fuzz-<pid>`), with every answer checked by the shared run
 * (kernel-fuzzer-run.ts).
 *
 * - A second socket joins the link, address and route multicast groups.
 * - Operations (see ops.ts) are drawn per seed and operation index,
 *   stripped of anything pointing outside the namespace, checked again
 *   on the encoded bytes (safety.ts), and sent a few at a time.
 * - Every K operations links, addresses and routes are dumped and
 *   compared with the model (model.ts).
 */
import { NETLINK_ROUTE, NLM_F_ACK, NLM_F_REQUEST } from '../core/constants.js';
import { linkChange, linkDump } from '../families/link/requests.js';
import { addressDump } from '../families/address/requests.js';
import { routeDump } from '../families/route/requests.js';
import { encodeMessage } from '../netlink/message.js';
import { rtnetlink } from '../families/registry.js';
import { GROUPS } from './kernel-fuzzer-env.js';
import type { FuzzResult } from './kernel-fuzzer-report.js';
import { runFuzzTarget, type FuzzRunOptions, type FuzzTarget, type RunEnv } from './kernel-fuzzer-run.js';
import { Model } from './model.js';
import { OP_FAMILIES, OpGenerator, type Op, type OpFamily } from './ops.js';
import type { Rng } from './rng.js';
import { stripForbidden, unsafeBytes, unsafeReason } from './safety.js';

export type { FuzzResult, FuzzStats } from './kernel-fuzzer-report.js';
export type { FuzzRunOptions } from './kernel-fuzzer-run.js';
export { helperProcesses } from './kernel-fuzzer-env.js';

/** Options of {@link runKernelFuzzer}. */
export interface KernelFuzzOptions extends FuzzRunOptions {
  /** Families of operations (default all: link, addr, route...). */
  ops?: readonly OpFamily[];
}

/** rtnetlink's operations, model and checks, for the shared run. */
class RtnetlinkTarget implements FuzzTarget {
  readonly protocol = rtnetlink;
  readonly socketProtocol = NETLINK_ROUTE;
  readonly netnsPrefix = 'tsnl-fuzz';
  readonly command = 'tsip fuzz';
  private readonly model = new Model();
  private gen?: OpGenerator;

  constructor(private readonly families: readonly OpFamily[]) {}

  async prepare(): Promise<void> {
    this.gen = await OpGenerator.create(this.families);
  }

  async setup(env: RunEnv): Promise<readonly number[]> {
    // lo up, as a real namespace has it (routes to local addresses need it).
    await env.send([{ id: -1, label: 'setup:lo-up', family: 'link', dump: false, replies: 'none', msg: linkChange(1, { up: true }) }]);
    return GROUPS;
  }

  next(id: number, rng: Rng): Op {
    return this.gen!.next(id, rng, this.model);
  }

  screen(op: Op): string | undefined {
    stripForbidden(op.msg, rtnetlink);
    return unsafeReason(op.msg, rtnetlink) ?? unsafeBytes(encodeMessage({ ...op.msg, flags: op.msg.flags | NLM_F_REQUEST | NLM_F_ACK }, rtnetlink), rtnetlink);
  }

  acked(op: Op, replies: Parameters<NonNullable<Op['onAck']>>[1]): void {
    op.onAck?.(this.model, replies);
  }

  refused(op: Op, code: string): void {
    op.onError?.(this.model, code);
  }

  async check(env: RunEnv): Promise<void> {
    const links = await env.dumpAll(linkDump(), 'check:links');
    const addrs = await env.dumpAll(addressDump(), 'check:addrs');
    const routes = await env.dumpAll(routeDump(), 'check:routes');
    const { stats } = env.report;
    const r = this.model.check(links, addrs, routes);
    stats.modelExplained += r.explained;
    stats.modelExtra += r.extra;
    for (const d of r.discrepancies) env.report.anomaly(`model-${d.kind}`, `after op ${stats.ops}: ${d.what}`);
  }
}

/** Runs the rtnetlink kernel fuzzer; see the module comment. Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN). */
export async function runKernelFuzzer(o: KernelFuzzOptions = {}): Promise<FuzzResult> {
  return runFuzzTarget(new RtnetlinkTarget(o.ops && o.ops.length ? o.ops : OP_FAMILIES), o);
}
