/**
 * Notifications: an async iterator of typed link, address and route events
 * from a namespace.
 *
 * The socket binding aborts the whole process when a read fails with
 * ENOBUFS (the kernel overran the receive queue), which is exactly what a
 * busy multicast subscription risks. Two ways around it:
 * - in process (where FFI loads): the socket, made inside the namespace,
 *   has NETLINK_NO_ENOBUFS (no failing read, so no abort) and a receive
 *   buffer forced to 32 MiB (SO_RCVBUFFORCE); lost notifications are
 *   still seen, in the socket's drop counter (SO_MEMINFO), checked after
 *   every datagram and every 200 ms. Measured here: 300 veth pairs
 *   created while the event loop was blocked for 3 s: with the 8 MiB that
 *   SO_RCVBUF allows all 600 notifications arrived; with 128 KiB and
 *   NO_ENOBUFS 56 did and the rest showed up as drops; without NO_ENOBUFS
 *   the process aborted.
 * - in a supervised child (the namespace helper joined to the groups,
 *   where FFI does not load or when asked): a child that dies takes only
 *   itself down.
 * Either way, when notifications were lost the iterator yields an
 * `overrun` event, dumps the current state and yields it as a `resync`
 * event, then carries on.
 */
import { decodeMessages, type Message } from '../netlink/message.js';
import { UNITS, rtnetlink, type Family } from '../families/registry.js';
import type { Intersect, MonitorPart } from '../families/unit.js';
import { HelperPort } from '../netns/helper-port.js';
import { validateNetnsName } from '../netns/names.js';
import { SocketPort } from '../transport/socket-port.js';
import { defaultNetnsMode, open, type NetnsMode } from './handle.js';
import { netnsSocketPort, resolveNetns } from './netns-socket.js';
import { InvalidArgumentError } from './errors.js';
import { EventQueue } from './event-queue.js';

/** The monitor parts of the registered families, literal types and all. */
type Watched = Family extends infer F ? (F extends { monitor: infer M } ? M : never) : never;

/** What to watch: each family's object (`link`, `address`, `route`...). */
export type MonitorObject = Watched['object'];

/** An event of one family: `{ type: 'link', action, link, message }`. */
type FamilyEvent<M> = M extends { object: infer O; key: infer K extends string; view: (m: Message) => infer V }
  ? { type: O; action: 'new' | 'del'; message: Message } & { [P in K]: V }
  : never;

/** The resync event's state: every watched family's objects under its plural (`links`, `addresses`...). */
type ResyncState = Intersect<Watched extends infer M ? (M extends { plural: infer P extends string; view: (m: Message) => infer V } ? { [Q in P]: V[] } : never) : never>;

/**
 * What a {@link Monitor} yields: one event per notification of a watched
 * family (`{ type: 'link', action: 'new' | 'del', link, message }`, and the
 * same for every family with a monitor part), `overrun` when notifications
 * were lost, then `resync` with the current state.
 */
export type MonitorEvent =
  | FamilyEvent<Watched>
  /** Events were lost: the subscription failed and was restarted. */
  | { type: 'overrun'; reason: string; restarts: number }
  /** The state after a restart, so the consumer can resynchronise (families not watched: empty). */
  | ({ type: 'resync' } & ResyncState);

/** The families that have a monitor part. */
const WATCHED: readonly (MonitorPart & { facet: string })[] = UNITS.flatMap((f) => (f.monitor && f.facet ? [{ ...f.monitor, facet: f.facet.name }] : []));

export interface MonitorOptions {
  /** Namespace to watch (default: this process's). */
  netns?: string;
  /** What to watch (default: all three). */
  objects?: readonly MonitorObject[];
  /** Most restarts before the iterator ends with an error (default 10). */
  maxRestarts?: number;
  /** `setns` (in process, default where FFI loads) or `helper` (a supervised child). */
  netnsMode?: NetnsMode;
  /** In process: the receive buffer in bytes (default 32 MiB, forced past rmem_max when allowed). */
  receiveBufferSize?: number;
}

/** Receive buffer of an in-process subscription (forced past rmem_max when allowed). */
const MONITOR_RCVBUF = 32 * 1024 * 1024;
/** How often an in-process subscription checks its drop counter while idle, in ms. */
const DROP_CHECK_MS = 200;

/** Turns one notification into an event, or undefined for types no family watches. */
export function toEvent(m: Message): MonitorEvent | undefined {
  for (const w of WATCHED) {
    const isNew = m.type === w.types.new || (Array.isArray(w.types.new) && w.types.new.includes(m.type));
    if (isNew || m.type === w.types.del || (Array.isArray(w.types.del) && w.types.del.includes(m.type))) {
      const action = w.action?.(m) ?? (isNew ? 'new' : 'del');
      return { type: w.object, action, [w.key]: w.view(m), message: m } as MonitorEvent;
    }
  }
  return undefined;
}

/** A running subscription; iterate it with `for await`, stop it with {@link Monitor.close}. */
export class Monitor implements AsyncIterableIterator<MonitorEvent> {
  private readonly events = new EventQueue<MonitorEvent>(() => {
    clearInterval(this.dropTimer);
    this.port?.close();
  });
  private port?: HelperPort | SocketPort;
  private dropTimer?: NodeJS.Timeout;
  private drops = 0;
  private resyncing = false;
  private resyncAgain = false;
  /** `setns`: the subscription is a socket in this process; `helper`: a child. */
  readonly mode: NetnsMode;
  private restarts = 0;
  private readonly objects: readonly MonitorObject[];
  /** Resolves once the first subscription is in place (events from then on are seen). */
  readonly ready: Promise<void>;

  constructor(private readonly options: MonitorOptions = {}) {
    if (options.netns !== undefined) validateNetnsName(options.netns);
    this.mode = options.netnsMode === 'helper' ? 'helper' : defaultNetnsMode();
    const known = WATCHED.map((w) => w.object);
    for (const o of options.objects ?? []) if (!known.includes(o)) throw new InvalidArgumentError(`unknown monitor object "${String(o)}" (${known.join(', ')})`, String(o));
    this.objects = options.objects?.length ? options.objects : (known as MonitorObject[]);
    this.ready = this.subscribe();
    // A first subscription that fails ends the iteration with its error
    // (awaiting `ready` still sees it too).
    this.ready.catch((e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))));
  }

  private subscribe(): Promise<void> {
    const groups = WATCHED.filter((w) => this.objects.includes(w.object as MonitorObject)).flatMap((w) => w.groups);
    if (this.mode === 'setns') {
      try {
        this.subscribeInProcess(groups);
        return Promise.resolve();
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const port = new HelperPort({ netns: this.options.netns, groups });
    this.port = port;
    port.onMessage((d, info) => this.receive(d, info.port));
    port.onError((err) => {
      if (this.closed || this.port !== port) return;
      void this.restart(err.message);
    });
    return port.start();
  }

  private subscribeInProcess(groups: number[]): void {
    const options = { groups, noEnobufs: true, receiveBufferSize: this.options.receiveBufferSize ?? MONITOR_RCVBUF, forceReceiveBuffer: true };
    const port = this.options.netns === undefined ? new SocketPort(options) : netnsSocketPort(resolveNetns(this.options.netns), options).port;
    if (!port.features.noEnobufs) {
      // Without NETLINK_NO_ENOBUFS an overrun would abort the process (in
      // the binding): a supervised child is the safe way then.
      port.close();
      throw new Error('the monitor socket could not get NETLINK_NO_ENOBUFS; use netnsMode "helper"');
    }
    this.port = port;
    this.drops = this.readDrops(port) ?? 0;
    port.onMessage((d, info) => {
      this.receive(d, info.port);
      this.checkDrops(port);
    });
    port.onError((err) => {
      if (this.closed || this.port !== port) return;
      void this.restart(err.message);
    });
    port.ref(true);
    clearInterval(this.dropTimer);
    this.dropTimer = setInterval(() => this.checkDrops(port), DROP_CHECK_MS);
    this.dropTimer.unref();
  }

  /** The socket's drop counter; undefined when it cannot be read (never throws). */
  private readDrops(port: SocketPort): number | undefined {
    try {
      return port.drops();
    } catch {
      return undefined;
    }
  }

  /** Notifications lost to a full receive queue: say so and resynchronise (one resync at a time). */
  private checkDrops(port: SocketPort): void {
    if (this.closed || this.port !== port) return;
    const now = this.readDrops(port);
    if (now === undefined || now <= this.drops) return;
    const lost = now - this.drops;
    this.drops = now;
    this.push({ type: 'overrun', reason: `${lost} notification${lost === 1 ? '' : 's'} dropped: the receive queue was full`, restarts: this.restarts });
    if (this.resyncing) this.resyncAgain = true;
    else void this.resync();
  }

  private receive(d: Uint8Array, from: number): void {
    if (from !== 0 || this.closed) return;
    let msgs: Message[];
    try {
      msgs = decodeMessages(d, rtnetlink);
    } catch (e) {
      this.push({ type: 'overrun', reason: `undecodable notification: ${(e as Error).message}`, restarts: this.restarts });
      return;
    }
    for (const m of msgs) {
      const ev = toEvent(m);
      if (ev) this.push(ev);
    }
  }

  private async restart(reason: string): Promise<void> {
    this.restarts++;
    this.push({ type: 'overrun', reason, restarts: this.restarts });
    if (this.restarts > (this.options.maxRestarts ?? 10)) {
      this.fail(new Error(`monitor gave up after ${this.restarts - 1} restarts: ${reason}`));
      return;
    }
    try {
      await this.subscribe();
      await this.resync();
    } catch (e) {
      this.fail(e as Error);
    }
  }

  /** Dumps the current state and yields it as a `resync` event (again if more was lost meanwhile). */
  private async resync(): Promise<void> {
    this.resyncing = true;
    try {
      do {
        this.resyncAgain = false;
        await this.resyncOnce();
      } while (this.resyncAgain && !this.closed);
    } finally {
      this.resyncing = false;
    }
  }

  private async resyncOnce(): Promise<void> {
    try {
      const h = open({ netns: this.options.netns, netnsMode: this.mode });
      try {
        const lists = await Promise.all(
          WATCHED.map((w) => {
            if (!this.objects.includes(w.object as MonitorObject)) return [];
            const facet = (h as unknown as Record<string, unknown>)[w.facet];
            return (w.resync as (f: unknown) => Promise<unknown[]>)(facet);
          }),
        );
        this.push({ type: 'resync', ...Object.fromEntries(WATCHED.map((w, i) => [w.plural, lists[i]])) } as MonitorEvent);
      } finally {
        h.close();
      }
    } catch (e) {
      this.fail(e as Error);
    }
  }

  private push(ev: MonitorEvent): void {
    this.events.push(ev);
  }

  private fail(e: Error): void {
    clearInterval(this.dropTimer);
    this.port?.close();
    this.events.fail(e);
  }

  private get closed(): boolean {
    return this.events.closed;
  }

  /** Simulates a lost subscription (for tests and for callers that detect staleness): the child is killed, or the socket dropped. */
  kill(): void {
    const port = this.port;
    if (port instanceof HelperPort) {
      if (port.pid !== undefined) process.kill(port.pid, 'SIGKILL');
      return;
    }
    if (port === undefined || this.closed) return;
    port.close();
    void this.restart('the subscription was dropped');
  }

  next(): Promise<IteratorResult<MonitorEvent>> {
    return this.events.next();
  }

  return(): Promise<IteratorResult<MonitorEvent>> {
    return this.events.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Stops the subscription and its child; the iterator ends. */
  close(): void {
    this.events.close();
  }
}

/** Starts watching; see {@link Monitor}. */
export function monitor(options: MonitorOptions = {}): Monitor {
  return new Monitor(options);
}
