/**
 * Notifications: an async iterator of typed link, address and route events
 * from a namespace.
 *
 * The socket binding aborts the whole process when the kernel overruns a
 * socket's receive queue (ENOBUFS), which is exactly what a busy multicast
 * subscription risks. So the subscription runs in a supervised child (the
 * namespace helper, joined to the multicast groups). When the child dies
 * or reports an error, the iterator yields an `overrun` event, starts a
 * new child, dumps the current state and yields it as a `resync` event,
 * then carries on.
 */
import { decodeMessages, type Message } from '../netlink/message.js';
import { rtnetlink } from '../rtnl/messages.js';
import { RTM, RTNLGRP } from '../rtnl/constants.js';
import { HelperPort } from '../netns/helper-port.js';
import { validateNetnsName } from '../netns/names.js';
import { open } from './handle.js';
import { toAddress, toLink, toRoute, type Address, type Link, type Route } from './views.js';

/** What to watch. */
export type MonitorObject = 'link' | 'address' | 'route';

export type MonitorEvent =
  | { type: 'link'; action: 'new' | 'del'; link: Link; message: Message }
  | { type: 'address'; action: 'new' | 'del'; address: Address; message: Message }
  | { type: 'route'; action: 'new' | 'del'; route: Route; message: Message }
  /** Events were lost: the subscription failed and was restarted. */
  | { type: 'overrun'; reason: string; restarts: number }
  /** The state after a restart, so the consumer can resynchronise. */
  | { type: 'resync'; links: Link[]; addresses: Address[]; routes: Route[] };

export interface MonitorOptions {
  /** Namespace to watch (default: this process's). */
  netns?: string;
  /** What to watch (default: all three). */
  objects?: readonly MonitorObject[];
  /** Most restarts before the iterator ends with an error (default 10). */
  maxRestarts?: number;
}

const GROUPS: Record<MonitorObject, number[]> = {
  link: [RTNLGRP.RTNLGRP_LINK],
  address: [RTNLGRP.RTNLGRP_IPV4_IFADDR, RTNLGRP.RTNLGRP_IPV6_IFADDR],
  route: [RTNLGRP.RTNLGRP_IPV4_ROUTE, RTNLGRP.RTNLGRP_IPV6_ROUTE],
};

/** Turns one notification into an event, or undefined for other types. */
export function toEvent(m: Message): MonitorEvent | undefined {
  switch (m.type) {
    case RTM.RTM_NEWLINK:
    case RTM.RTM_DELLINK:
      return { type: 'link', action: m.type === RTM.RTM_NEWLINK ? 'new' : 'del', link: toLink(m), message: m };
    case RTM.RTM_NEWADDR:
    case RTM.RTM_DELADDR:
      return { type: 'address', action: m.type === RTM.RTM_NEWADDR ? 'new' : 'del', address: toAddress(m), message: m };
    case RTM.RTM_NEWROUTE:
    case RTM.RTM_DELROUTE:
      return { type: 'route', action: m.type === RTM.RTM_NEWROUTE ? 'new' : 'del', route: toRoute(m), message: m };
  }
  return undefined;
}

/** A running subscription; iterate it with `for await`, stop it with {@link Monitor.close}. */
export class Monitor implements AsyncIterableIterator<MonitorEvent> {
  private readonly queue: MonitorEvent[] = [];
  private waiting?: { resolve: (r: IteratorResult<MonitorEvent>) => void; reject: (e: unknown) => void };
  private port?: HelperPort;
  private closed = false;
  private failure?: Error;
  private restarts = 0;
  private readonly objects: readonly MonitorObject[];
  /** Resolves once the first subscription is in place (events from then on are seen). */
  readonly ready: Promise<void>;

  constructor(private readonly options: MonitorOptions = {}) {
    if (options.netns !== undefined) validateNetnsName(options.netns);
    this.objects = options.objects?.length ? options.objects : ['link', 'address', 'route'];
    this.ready = this.subscribe();
  }

  private subscribe(): Promise<void> {
    const groups = this.objects.flatMap((o) => GROUPS[o]);
    const port = new HelperPort({ netns: this.options.netns, groups });
    this.port = port;
    port.onMessage((d, info) => {
      if (info.port !== 0 || this.closed) return;
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
    });
    port.onError((err) => {
      if (this.closed || this.port !== port) return;
      void this.restart(err.message);
    });
    return port.start();
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
      const h = open({ netns: this.options.netns });
      try {
        const [links, addresses, routes] = await Promise.all([
          this.objects.includes('link') ? h.links.list() : [],
          this.objects.includes('address') ? h.addresses.list() : [],
          this.objects.includes('route') ? h.routes.list({ table: 'all' }) : [],
        ]);
        this.push({ type: 'resync', links, addresses, routes });
      } finally {
        h.close();
      }
    } catch (e) {
      this.fail(e as Error);
    }
  }

  private push(ev: MonitorEvent): void {
    if (this.closed) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: ev, done: false });
    } else this.queue.push(ev);
  }

  private fail(e: Error): void {
    this.failure = e;
    this.port?.close();
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.reject(e);
    }
  }

  /** Simulates a lost subscription (for tests and for callers that detect staleness). */
  kill(): void {
    const pid = this.port?.pid;
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  }

  next(): Promise<IteratorResult<MonitorEvent>> {
    const ev = this.queue.shift();
    if (ev) return Promise.resolve({ value: ev, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<MonitorEvent>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Stops the subscription and its child; the iterator ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port?.close();
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: undefined, done: true });
    }
  }
}

/** Starts watching; see {@link Monitor}. */
export function monitor(options: MonitorOptions = {}): Monitor {
  return new Monitor(options);
}
