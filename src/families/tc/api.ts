/**
 * `handle.tc`: the traffic control of a handle's namespace (`tc qdisc`,
 * `tc class`, `tc filter show`): list qdiscs, classes and filters; add,
 * replace, change and delete qdiscs (htb, tbf, pfifo, bfifo,
 * pfifo_head_drop, pfifo_fast, mq, ingress, clsact) and htb classes, with
 * the same requests tc sends.
 */
import { readFileSync } from 'node:fs';
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { checkIfname, checkUint } from '../../api/validate.js';
import { TC_H } from './header.js';
import { parseRate, parseSize, pschedClock, type PschedClock } from './psched.js';
import * as req from './requests.js';
import { toTcObject, type TcObject } from './view.js';

/** A handle or parent: tc's words (`root`, `none`, `ingress`, `clsact`), `MAJ:MIN` in hex (`1:10`, `1:`), or the number. */
export type TcHandle = string | number;

/** A rate: bits per second, or tc's text (`10mbit`, `1.5Mbps`). */
export type TcRate = number | string;

/** A size: bytes, or tc's text (`32kbit`, `10kb`). */
export type TcSize = number | string;

interface Where {
  dev: string;
  /** Where it attaches (default `root`). */
  parent?: TcHandle;
  /** Its handle (`1:`); the kernel picks one when left out. */
  handle?: TcHandle;
}

/** A qdisc, by kind, with its options. */
export type QdiscSpec = Where &
  (
    | { kind: 'htb'; /** The minor of the class unclassified traffic goes to. */ default?: number; r2q?: number; directQlen?: number }
    | { kind: 'tbf'; rate: TcRate; burst: TcSize; /** Queue bound as the time a packet may wait, µs... */ latency?: number; /** ...or in bytes. */ limit?: TcSize }
    | { kind: 'pfifo' | 'pfifo_head_drop'; /** Packets. */ limit?: number }
    | { kind: 'bfifo'; /** Bytes. */ limit?: TcSize }
    | { kind: 'pfifo_fast' | 'mq' | 'ingress' | 'clsact' }
  );

/** An htb class. */
export interface HtbClassSpec {
  dev: string;
  parent: TcHandle;
  classid: TcHandle;
  rate: TcRate;
  /** Default: the rate. */
  ceil?: TcRate;
  burst?: TcSize;
  cburst?: TcSize;
  prio?: number;
  quantum?: number;
  mtu?: number;
}

/** The qdisc kinds the API builds. */
const QDISC_KINDS: readonly QdiscSpec['kind'][] = ['htb', 'tbf', 'pfifo', 'bfifo', 'pfifo_head_drop', 'pfifo_fast', 'mq', 'ingress', 'clsact'];

const WORDS: Readonly<Record<string, number>> = { root: TC_H.TC_H_ROOT, none: TC_H.TC_H_UNSPEC, ingress: TC_H.TC_H_INGRESS, clsact: TC_H.TC_H_INGRESS };

/** A handle as tc reads it (get_tc_classid), or an InvalidArgumentError. */
export function parseHandle(v: TcHandle, what = 'handle'): number {
  if (typeof v === 'number') return checkUint(v, what);
  const word = WORDS[v];
  if (word !== undefined) return word;
  const m = /^([0-9a-f]{1,4})?:([0-9a-f]{1,4})?$/i.exec(v);
  if (m === null || (m[1] === undefined && m[2] === undefined)) throw new InvalidArgumentError(`${what} "${v}" is not MAJ:MIN in hex (1:10, 1:), root, none, ingress or clsact`, v);
  return ((parseInt(m[1] ?? '0', 16) << 16) | parseInt(m[2] ?? '0', 16)) >>> 0;
}

function bytesPerSecond(v: TcRate, what: string): number {
  const r = typeof v === 'number' ? (Number.isFinite(v) && v > 0 ? Math.trunc(v / 8) : undefined) : parseRate(v);
  if (r === undefined || r <= 0) throw new InvalidArgumentError(`${what} must be a rate above 0 (bits per second, or as tc writes it: 10mbit)`, String(v));
  return r;
}

function bytes(v: TcSize, what: string): number {
  const b = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? v : undefined) : parseSize(v);
  if (b === undefined) throw new InvalidArgumentError(`${what} must be a size in bytes, or as tc writes it (32kbit, 10kb)`, String(v));
  return b;
}

/** Traffic control of the handle's namespace. */
export class TcFacet {
  private clock: PschedClock | undefined;

  constructor(private readonly ctx: HandleContext) {}

  /** The scheduler clock tc computes rate tables with (/proc/net/psched: the same in every namespace). */
  private psched(): PschedClock {
    return (this.clock ??= pschedClock(readFileSync('/proc/net/psched', 'utf8')));
  }

  /** Every qdisc, or one link's. */
  async qdiscs(filter: { dev?: string } = {}): Promise<TcObject[]> {
    const index = filter.dev === undefined ? 0 : await this.ctx.indexOf(checkIfname(filter.dev, 'dev'));
    const msgs = await (await this.ctx.inside()).dump(req.qdiscDump(index));
    return msgs.map((m) => toTcObject(m)).filter((q) => index === 0 || q.index === index);
  }

  /** A link's classes. */
  async classes(dev: string): Promise<TcObject[]> {
    const index = await this.ctx.indexOf(checkIfname(dev, 'dev'));
    return (await (await this.ctx.inside()).dump(req.classDump(index))).map((m) => toTcObject(m));
  }

  /** A link's filters at `parent` (a qdisc's handle, or clsact's `ingress` / `egress`). */
  async filters(dev: string, parent: TcHandle | 'egress'): Promise<TcObject[]> {
    const index = await this.ctx.indexOf(checkIfname(dev, 'dev'));
    // clsact's two hooks: ffff:fff2 and ffff:fff3.
    const p = parent === 'ingress' ? (TC_H.TC_H_INGRESS & 0xffff0000) | TC_H.TC_H_MIN_INGRESS : parent === 'egress' ? (TC_H.TC_H_INGRESS & 0xffff0000) | TC_H.TC_H_MIN_EGRESS : parseHandle(parent, 'parent');
    return (await (await this.ctx.inside()).dump(req.filterDump(index, p >>> 0))).map((m) => toTcObject(m, true));
  }

  /** Every qdisc, class and filter of the namespace (the monitor's resync): classes and filters dumped per link and per qdisc. */
  async snapshot(): Promise<TcObject[]> {
    const conn = await this.ctx.inside();
    const qdiscs = (await conn.dump(req.qdiscDump())).map((m) => toTcObject(m));
    const out = [...qdiscs];
    for (const index of new Set(qdiscs.map((q) => q.index))) {
      out.push(...(await conn.dump(req.classDump(index))).map((m) => toTcObject(m)));
      const hook = (min: number) => ((TC_H.TC_H_INGRESS & 0xffff0000) | min) >>> 0;
      const parents = qdiscs.filter((q) => q.index === index).flatMap((q) => (q.kind === 'clsact' ? [hook(TC_H.TC_H_MIN_INGRESS), hook(TC_H.TC_H_MIN_EGRESS)] : q.kind === 'ingress' ? [TC_H.TC_H_INGRESS] : [q.handleValue]));
      for (const p of parents) out.push(...(await conn.dump(req.filterDump(index, p))).map((m) => toTcObject(m, true)));
    }
    return out;
  }

  /** Adds a qdisc (`tc qdisc add`): EEXIST when one is there. */
  addQdisc(q: QdiscSpec): Promise<void> {
    return this.qdisc('add', q);
  }

  /** Adds or replaces the qdisc at its parent (`tc qdisc replace`). */
  replaceQdisc(q: QdiscSpec): Promise<void> {
    return this.qdisc('replace', q);
  }

  /** Changes the options of an existing qdisc (`tc qdisc change`). */
  changeQdisc(q: QdiscSpec): Promise<void> {
    return this.qdisc('change', q);
  }

  /** Deletes the qdisc at `parent` (default root), with its classes and filters; an ingress or clsact qdisc by its kind. */
  async deleteQdisc(q: { dev: string; parent?: TcHandle; handle?: TcHandle; kind?: QdiscSpec['kind'] }): Promise<void> {
    const ifindex = await this.ctx.indexOf(checkIfname(q.dev, 'dev'));
    if (q.kind !== undefined && !QDISC_KINDS.includes(q.kind)) throw new InvalidArgumentError(`qdisc kind "${String(q.kind)}" is not one the API builds (${QDISC_KINDS.join(', ')})`, String(q.kind));
    const special = q.kind === 'ingress' || q.kind === 'clsact';
    const parent = special ? TC_H.TC_H_INGRESS : parseHandle(q.parent ?? 'root', 'parent');
    const handle = special ? 0xffff0000 : q.handle === undefined ? 0 : parseHandle(q.handle);
    await (await this.ctx.inside()).request(req.qdiscDelete({ ifindex, handle, parent }, q.kind));
  }

  /** Adds an htb class (`tc class add ... htb rate R [ceil C]`). */
  addClass(c: HtbClassSpec): Promise<void> {
    return this.htbClass('add', c);
  }

  replaceClass(c: HtbClassSpec): Promise<void> {
    return this.htbClass('replace', c);
  }

  changeClass(c: HtbClassSpec): Promise<void> {
    return this.htbClass('change', c);
  }

  /** Deletes a class (it must have no children and no filters pointing at it). */
  async deleteClass(c: { dev: string; classid: TcHandle; parent?: TcHandle }): Promise<void> {
    const ifindex = await this.ctx.indexOf(checkIfname(c.dev, 'dev'));
    const handle = parseHandle(c.classid, 'classid');
    const parent = c.parent === undefined ? 0 : parseHandle(c.parent, 'parent');
    await (await this.ctx.inside()).request(req.classDelete({ ifindex, handle, parent }));
  }

  private async qdisc(op: req.TcOp, q: QdiscSpec): Promise<void> {
    const { options, target } = this.qdiscRequest(q);
    const ifindex = await this.ctx.indexOf(checkIfname(q.dev, 'dev'));
    await (await this.ctx.inside()).request(req.qdiscChange(op, { ...target, ifindex }, q.kind, options));
  }

  /** Checks a qdisc's arguments and builds its options, before anything is sent. */
  private qdiscRequest(q: QdiscSpec): { options: unknown; target: { handle: number; parent: number } } {
    if (q.kind === 'ingress' || q.kind === 'clsact') {
      // Both sit at ffff:fff1 with handle ffff: (tc's TC_H_INGRESS / TC_H_CLSACT).
      return { options: undefined, target: { handle: 0xffff0000, parent: TC_H.TC_H_INGRESS } };
    }
    const target = { handle: q.handle === undefined ? 0 : parseHandle(q.handle), parent: parseHandle(q.parent ?? 'root', 'parent') };
    switch (q.kind) {
      case 'htb':
        return {
          target,
          options: req.htbQdiscOptions({
            defcls: q.default === undefined ? undefined : checkUint(q.default, 'default', 0xffff),
            r2q: q.r2q === undefined ? undefined : checkUint(q.r2q, 'r2q'),
            directQlen: q.directQlen === undefined ? undefined : checkUint(q.directQlen, 'directQlen'),
          }),
        };
      case 'tbf': {
        if (q.latency === undefined && q.limit === undefined) throw new InvalidArgumentError('tbf needs a limit or a latency', 'tbf');
        const limit = q.limit === undefined ? undefined : bytes(q.limit, 'limit');
        const latency = q.latency === undefined ? undefined : checkUint(q.latency, 'latency');
        const rate = bytesPerSecond(q.rate, 'rate');
        const burst = bytes(q.burst, 'burst');
        // tc's limit from the latency: what the rate sends meanwhile, plus the burst; a u32 on the wire.
        if (limit === undefined && (rate * latency!) / 1_000_000 + burst > 0xffffffff) throw new InvalidArgumentError('rate × latency + burst is more than 4 GiB of queue: give a smaller latency or a limit', String(q.latency));
        return { target, options: req.tbfOptions(this.psched(), { rate, burst, limit, latency }) };
      }
      case 'pfifo':
      case 'pfifo_head_drop':
        return { target, options: q.limit === undefined ? undefined : { limit: checkUint(q.limit, 'limit') } };
      case 'bfifo':
        return { target, options: q.limit === undefined ? undefined : { limit: bytes(q.limit, 'limit') } };
      case 'pfifo_fast':
      case 'mq':
        return { target, options: undefined };
      default:
        throw new InvalidArgumentError(`qdisc kind "${String((q as { kind: unknown }).kind)}" is not one the API builds (htb, tbf, pfifo, bfifo, pfifo_head_drop, pfifo_fast, mq, ingress, clsact)`, String((q as { kind: unknown }).kind));
    }
  }

  private async htbClass(op: req.TcOp, c: HtbClassSpec): Promise<void> {
    const rate = bytesPerSecond(c.rate, 'rate');
    const spec: req.HtbClassSpec = { rate };
    if (c.ceil !== undefined) spec.ceil = bytesPerSecond(c.ceil, 'ceil');
    if (c.burst !== undefined) spec.burst = bytes(c.burst, 'burst');
    if (c.cburst !== undefined) spec.cburst = bytes(c.cburst, 'cburst');
    if (c.prio !== undefined) spec.prio = checkUint(c.prio, 'prio', 7);
    if (c.quantum !== undefined) spec.quantum = checkUint(c.quantum, 'quantum');
    if (c.mtu !== undefined) spec.mtu = checkUint(c.mtu, 'mtu');
    const target = { handle: parseHandle(c.classid, 'classid'), parent: parseHandle(c.parent, 'parent') };
    const options = req.htbClassOptions(this.psched(), spec);
    const ifindex = await this.ctx.indexOf(checkIfname(c.dev, 'dev'));
    await (await this.ctx.inside()).request(req.classChange(op, { ...target, ifindex }, 'htb', options));
  }
}
