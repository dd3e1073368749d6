/**
 * Generic netlink notifications: an async iterator of one family's
 * multicast messages (ethtool's `monitor` group, mptcp_pm's
 * `mptcp_pm_events`, nlctrl's `notify`), decoded with the family's
 * declaration.
 *
 * Group ids are the controller's to give: they are asked for by name
 * first (through a handle on the same namespace), then a NETLINK_GENERIC
 * socket inside the namespace joins them. As for rtnetlink's monitor, the
 * in-process socket has NETLINK_NO_ENOBUFS and a large receive buffer,
 * and notifications lost to a full queue are told as an `overrun` event
 * (there is no state to resynchronise: a generic family's notifications
 * are events, not objects); helper mode (a supervised child) is the
 * fallback where FFI does not load.
 */
import type { Message } from '../netlink/message.js';
import { decodeMessages } from '../netlink/message.js';
import { resolveMessage } from '../netlink/protocol.js';
import { genericProtocol } from '../families/registry.js';
import { NETLINK_GENERIC } from '../genl/constants.js';
import { HelperPort } from '../netns/helper-port.js';
import { validateNetnsName } from '../netns/names.js';
import { SocketPort } from '../transport/socket-port.js';
import { InvalidArgumentError } from './errors.js';
import { GenlGroupNotFoundError } from '../transport/genl-client.js';
import { EventQueue } from './event-queue.js';
import { defaultNetnsMode, open, type NetnsMode } from './handle.js';
import { netnsSocketPort, resolveNetns } from './netns-socket.js';

export interface GenlMonitorOptions {
  /** The family (`ethtool`, `mptcp_pm`, `nlctrl`...). */
  family: string;
  /** Its groups to join (default: all it has). */
  groups?: readonly string[];
  /** Namespace to watch (default: this process's). */
  netns?: string;
  /** `setns` (in process, default where FFI loads) or `helper` (a supervised child). */
  netnsMode?: NetnsMode;
  /** In process: the receive buffer in bytes (default 8 MiB, forced past rmem_max when allowed). */
  receiveBufferSize?: number;
}

/** One notification: the family, the command's kernel name, its decoded attributes and the message. */
export interface GenlEvent {
  type: 'genl';
  family: string;
  /** `ETHTOOL_MSG_FEATURES_NTF`, `MPTCP_EVENT_CREATED`... (the number, as text, when undeclared). */
  command: string;
  attrs: Record<string, any>;
  message: Message;
}

/** What a {@link GenlMonitor} yields. */
export type GenlMonitorEvent = GenlEvent | { type: 'overrun'; reason: string };

const RCVBUF = 8 * 1024 * 1024;

/** A running subscription to a generic family's groups; iterate with `for await`, stop with {@link GenlMonitor.close}. */
export class GenlMonitor implements AsyncIterableIterator<GenlMonitorEvent> {
  private readonly events = new EventQueue<GenlMonitorEvent>(() => this.port?.close());
  private port?: SocketPort | HelperPort;
  private readonly proto = genericProtocol();
  private drops = 0;
  readonly mode: NetnsMode;
  /** Resolves once the groups are joined (notifications from then on are seen); rejects when the family or a group does not exist. */
  readonly ready: Promise<void>;

  constructor(private readonly options: GenlMonitorOptions) {
    if (options.netns !== undefined) validateNetnsName(options.netns);
    if (typeof options.family !== 'string' || options.family === '') throw new InvalidArgumentError('a generic netlink monitor needs a family name');
    this.mode = options.netnsMode === 'helper' ? 'helper' : defaultNetnsMode();
    this.ready = this.subscribe();
    this.ready.catch((e: unknown) => this.events.fail(e instanceof Error ? e : new Error(String(e))));
  }

  private async subscribe(): Promise<void> {
    const h = open({ netns: this.options.netns, netnsMode: this.mode });
    let ids: number[];
    try {
      const info = await h.genl.family(this.options.family);
      this.proto.bind(info.name, info.id);
      const wanted = this.options.groups ?? info.groups.map((g) => g.name);
      // A family without groups (tcp_metrics) has nothing to tell: say so rather than wait forever.
      if (wanted.length === 0) throw new GenlGroupNotFoundError(info, '(any)');
      ids = wanted.map((name) => {
        const g = info.groups.find((x) => x.name === name);
        if (g === undefined) throw new GenlGroupNotFoundError(info, name);
        return g.id;
      });
    } finally {
      await h.close();
    }
    if (this.events.closed) return;
    if (this.mode === 'helper') {
      const port = new HelperPort({ netns: this.options.netns, protocol: NETLINK_GENERIC, groups: ids });
      this.listen(port);
      await port.start();
      return;
    }
    const options = { protocol: NETLINK_GENERIC, groups: ids, noEnobufs: true, receiveBufferSize: this.options.receiveBufferSize ?? RCVBUF, forceReceiveBuffer: true };
    const port = this.options.netns === undefined ? new SocketPort(options) : netnsSocketPort(resolveNetns(this.options.netns), options).port;
    this.listen(port);
    port.ref(true);
  }

  private listen(port: SocketPort | HelperPort): void {
    this.port = port;
    port.onMessage((d, info) => {
      if (info.port === 0) this.receive(d);
      if (port instanceof SocketPort) this.checkDrops(port);
    });
    port.onError((err) => {
      // The subscription is gone (a dead helper, a socket error): the iteration ends with the error.
      this.events.fail(err);
      port.close();
    });
  }

  private checkDrops(port: SocketPort): void {
    let now: number | undefined;
    try {
      now = port.drops();
    } catch {
      return;
    }
    if (now !== undefined && now > this.drops) {
      const lost = now - this.drops;
      this.drops = now;
      this.events.push({ type: 'overrun', reason: `${lost} notification${lost === 1 ? '' : 's'} dropped: the receive queue was full` });
    }
  }

  private receive(d: Uint8Array): void {
    let msgs: Message[];
    try {
      msgs = decodeMessages(d, this.proto);
    } catch (e) {
      this.events.push({ type: 'overrun', reason: `undecodable notification: ${(e as Error).message}` });
      return;
    }
    for (const m of msgs) {
      this.proto.learn(m);
      const r = resolveMessage(this.proto, m);
      const family = this.proto.nameOf(m.type) ?? `type ${m.type}`;
      const command = r?.command ?? String(m.header?.cmd ?? '');
      this.events.push({ type: 'genl', family, command, attrs: m.attrs ?? {}, message: m });
    }
  }

  next(): Promise<IteratorResult<GenlMonitorEvent>> {
    return this.events.next();
  }

  return(): Promise<IteratorResult<GenlMonitorEvent>> {
    return this.events.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Stops the subscription; the iterator ends. */
  close(): void {
    this.events.close();
  }
}

/** Starts watching a generic netlink family's groups; see {@link GenlMonitor}. */
export function monitorGeneric(options: GenlMonitorOptions): GenlMonitor {
  return new GenlMonitor(options);
}
