/**
 * The library's entry point: a handle on one network namespace (this
 * process's own, or another one) with links, addresses and routes as typed
 * promises.
 *
 * How a handle reaches another namespace (see the README, "How namespaces
 * are handled"):
 * - `setns` (the default where FFI loads): the handle's socket is made
 *   inside the namespace (the main thread enters it for the socket(2) call
 *   only) and everything goes through it, as if this process lived there.
 *   No helper, no NSID, no IFLA_TARGET_NETNSID. The socket is closed when
 *   the handle is, or after `idleMs` without requests, and reopened on the
 *   next; a handle on a name follows the name (a namespace deleted under it
 *   gives a NetnsError, one re-created under the same name is used).
 * - `helper` (where FFI cannot load, or when asked): listing, reading,
 *   creating and deleting links go through this process's socket with
 *   IFLA_TARGET_NETNSID (an NSID is assigned to the namespace first when it
 *   has none); a veth whose ends belong in other namespaces is created with
 *   IFLA_NET_NS_FD; the rest goes through a helper process started with
 *   `ip netns exec`, kept alive and reused until idle or closed.
 */
import { Connection, type ConnectionOptions } from '../transport/connection.js';
import type { SocketLabel } from '../transport/port.js';
import { SocketPort, type SocketPortOptions } from '../transport/socket-port.js';
import { IdleTimer } from '../transport/idle.js';
import { ffiUnavailableReason } from '../sys/ffi.js';
import { ALL_UNITS, genericProtocol, rtnetlink, type Family } from '../families/registry.js';
import { GenlClient } from '../transport/genl-client.js';
import { GENL_ID_CTRL, NETLINK_GENERIC } from '../genl/constants.js';
import { lookupLink } from '../families/link/lookup.js';
import { isPlainLinkRead } from '../families/link/plain-read.js';
import { linkDump } from '../families/link/requests.js';
import { ensureNsid } from '../families/nsid/translate.js';
import { checkNetnsOpens, closeNetnsFd, openNetnsFd } from '../netns/registry.js';
import { validateNetnsName } from '../netns/names.js';
import { HelperPort } from '../netns/helper-port.js';
import type { FdScope, HandleContext } from './context.js';
import { DeviceNotFoundError, InvalidArgumentError } from './errors.js';
import { helperPool } from './helper-pool.js';
import { netnsSocketPort, resolveNetns, type NetnsSpec, type ResolvedNetns } from './netns-socket.js';
import { checkIfname } from './validate.js';

/** How often (ms at most) a setns handle checks that its namespace's name still names its socket's namespace. */
const NAME_CHECK_MS = 100;

/** Milliseconds an idle namespace socket or helper lives before it is let go (reopened on the next request). */
export const DEFAULT_HELPER_IDLE_MS = 2000;

export { DEFAULT_MAX_HELPERS, setMaxHelpers } from './helper-pool.js';

/** How a handle reaches another namespace: its own socket made inside it (setns), or a helper process. */
export type NetnsMode = 'setns' | 'helper';

/** Environment variable choosing the namespace mode (`setns` or `helper`) for handles that do not choose. */
export const NETNS_MODE_ENV = 'TSNETLINK_NETNS_MODE';

/** Options of {@link open}. */
export interface OpenOptions extends ConnectionOptions {
  /**
   * The namespace: a name under /run/netns, `{ path }` of an nsfs file,
   * `{ pid }` (that process's `/proc/PID/ns/net`) or `{ fd }` of an open
   * namespace file (kept open by the caller while the handle lives);
   * omitted: this process's own.
   */
  netns?: NetnsSpec;
  /**
   * `setns` (default where FFI loads) or `helper` (the `ip netns exec`
   * helpers; names only). Default: the environment variable
   * {@link NETNS_MODE_ENV}, else `setns` when FFI loads, else `helper`.
   */
  netnsMode?: NetnsMode;
  /**
   * Milliseconds without requests after which the namespace's socket is
   * closed (setns) or its helper process exits (default
   * {@link DEFAULT_HELPER_IDLE_MS}; 0: never), so a process holding
   * handles on hundreds of namespaces keeps only the busy ones open. The
   * next request opens it again.
   */
  idleMs?: number;
  /** Former name of {@link idleMs}. */
  helperIdleMs?: number;
  /** Netlink socket options (extended ACK, strict checking...) of the handle's sockets. */
  socket?: Pick<SocketPortOptions, 'extAck' | 'strictCheck' | 'capAck' | 'receiveBufferSize' | 'readBufferSize'>;
}

/** The mode a handle on another namespace uses when not told. */
export function defaultNetnsMode(): NetnsMode {
  const ffi = ffiUnavailableReason() === undefined;
  const env = process.env[NETNS_MODE_ENV];
  // setns needs FFI: asking for it where FFI does not load changes nothing.
  if (env === 'helper' || !ffi) return 'helper';
  return 'setns';
}

/**
 * The facets every family adds to a handle (`links`, `addresses`,
 * `routes`, `nsids`...), by the name each declares in its unit.
 */
export type Facets = {
  readonly [F in Family as F extends { facet: { name: infer N extends string } } ? N : never]: F extends { facet: { make: (ctx: HandleContext) => infer T } } ? T : never;
};

/** A handle also carries each family's facet (see {@link Facets}). */
export interface Handle extends Facets {}

/** Opens a handle on this process's namespace or a named one. */
export function open(options: OpenOptions = {}): Handle {
  return new Handle(options);
}

/**
 * A handle on one network namespace: each family's facet (`links`,
 * `addresses`, `routes`, `nsids`, see {@link Facets}) sends its requests
 * through the handle's sockets, made inside the namespace (setns mode) or
 * relayed by a helper process (helper mode). Made by {@link open}; close it
 * with {@link Handle.close} or `await using`.
 */
export class Handle {
  /** The /run/netns name of the namespace, or undefined for this process's own (or one given by path, pid or fd: see {@link where}). */
  readonly netns: string | undefined;
  /** How the handle reaches its namespace (`setns` also for this process's own). */
  readonly mode: NetnsMode;
  /** Where the namespace is and what to call it in messages; undefined for this process's own. */
  readonly where: ResolvedNetns | undefined;
  private readonly options: OpenOptions;
  /** True when a helper process carries the requests that must come from inside. */
  private readonly viaHelper: boolean;
  private localConn?: Connection;
  /** The socket under {@link localConn}. */
  private localSock?: SocketPort;
  /** setns mode: the socket inside the namespace, and when it was checked against the name. */
  private nsIdentity?: { dev: number; ino: number; checked: number };
  private helperConn?: Connection;
  private helper?: HelperPort;
  private hasSlot = false;
  private slot?: Promise<void>;
  private startedHelper = false;
  private idleTimer?: IdleTimer;
  private nsidPromise?: Promise<number>;
  /** The NETLINK_GENERIC socket in the handle's namespace, made on first use. */
  private genlClient?: GenlClient;
  private genlHelper?: HelperPort;
  /** setns mode: the namespace the generic socket was made in, and when it was checked against the name. */
  private genlIdentity?: { dev: number; ino: number; checked: number };
  private isClosed = false;

  constructor(options: OpenOptions = {}) {
    for (const k of ['idleMs', 'helperIdleMs'] as const) {
      const v = options[k];
      if (v !== undefined && (typeof v !== 'number' || !(v >= 0))) throw new InvalidArgumentError(`${k} must be a number of milliseconds (0: never), not ${String(v)}`, String(v));
    }
    this.where = options.netns === undefined ? undefined : resolveNetns(options.netns);
    this.netns = this.where?.name;
    this.options = options;
    const mode = options.netnsMode ?? (this.where === undefined ? 'setns' : defaultNetnsMode());
    if (mode !== 'setns' && mode !== 'helper') throw new InvalidArgumentError(`unknown netnsMode "${String(mode)}" (setns, helper)`);
    if (this.where !== undefined && mode === 'setns') {
      const why = ffiUnavailableReason();
      if (why !== undefined) throw new InvalidArgumentError(`netnsMode "setns" needs FFI: ${why}`);
    }
    if (this.where !== undefined && mode === 'helper' && this.where.name === undefined) {
      throw new InvalidArgumentError(`namespace ${this.where.label} can only be reached with setns: helpers reach named namespaces only`);
    }
    this.mode = mode;
    this.viaHelper = this.where !== undefined && mode === 'helper';
    const context: HandleContext = {
      netns: this.netns,
      viaHelper: this.viaHelper,
      local: () => this.local(),
      inside: () => this.inside(),
      target: () => this.target(),
      indexOf: (name) => this.indexOf(name),
      linkNames: async () => new Map((await (await this.inside()).dump(linkDump())).map((m) => [m.header!.index as number, m.attrs?.ifname as string])),
      fdScope: (inside) => this.fdScope(inside),
      genl: () => this.genlSocket(),
    };
    for (const { facet } of ALL_UNITS) if (facet) Object.defineProperty(this, facet.name, { value: facet.make(context), enumerable: true });
  }

  /** Milliseconds of idleness after which the namespace's socket or helper is let go (0: never). */
  private get idleMs(): number {
    return this.options.idleMs ?? this.options.helperIdleMs ?? DEFAULT_HELPER_IDLE_MS;
  }

  /** True once a helper process serves this handle (for tests and diagnostics). */
  get helperStarted(): boolean {
    return this.startedHelper;
  }

  /**
   * The socket requests go through first: this process's own, or (setns
   * mode) the one inside the handle's namespace, reopened after idleness
   * and checked to still belong to the namespace's name.
   */
  private local(): Connection {
    this.checkOpen();
    if (this.where === undefined || this.viaHelper) {
      if (this.localConn === undefined) {
        // This process's own namespace: FFI only when a request needs the options.
        this.localSock = new SocketPort({ ...this.options.socket, deferOptions: this.where === undefined ? isPlainLinkRead : undefined });
        this.localConn = new Connection(this.localSock, rtnetlink, this.connectionOptions(this.where && {}));
      }
      return this.localConn;
    }
    const now = performance.now();
    if (this.movedAway(this.localConn, this.nsIdentity, now)) this.dropNetnsSocket();
    if (this.localConn === undefined || this.localConn.closed) {
      const { port, identity } = netnsSocketPort(this.where, this.options.socket);
      this.localSock = port;
      this.nsIdentity = { ...identity, checked: now };
      this.localConn = new Connection(port, rtnetlink, this.connectionOptions({ netns: traceName(this.where) }));
    }
    this.idle.touch();
    return this.localConn;
  }

  /**
   * setns mode: true when the handle's namespace name no longer names the
   * namespace `conn`'s socket was made in (deleted, or replaced under the
   * name). Checked at most every NAME_CHECK_MS, and only between requests:
   * those in flight finish on the socket they went out on (it keeps its
   * namespace alive).
   */
  private movedAway(conn: Connection | undefined, id: { dev: number; ino: number; checked: number } | undefined, now: number): boolean {
    if (conn === undefined || conn.closed || id === undefined || now - id.checked <= NAME_CHECK_MS) return false;
    const st = conn.stats;
    if (st.inFlight !== 0 || st.queued !== 0) return false;
    if (!this.where!.sameAs(id)) return true;
    id.checked = now;
    return false;
  }

  /** The handle's connection options, with datagrams passed to `tap` labelled with the socket that carried them. */
  private connectionOptions(via: SocketLabel | undefined): ConnectionOptions {
    const tap = this.options.tap;
    if (tap === undefined || via === undefined) return this.options;
    return { ...this.options, tap: (dir, d, info) => tap(dir, d, { port: 0, ...info, via }) };
  }

  private dropNetnsSocket(): void {
    this.idleTimer?.stop();
    this.localConn?.close();
    this.localConn = undefined;
    this.localSock = undefined;
    this.nsIdentity = undefined;
  }

  /**
   * The namespace's own socket: this process's, or a helper's inside it.
   * A helper takes a slot of the process-wide pool (see
   * {@link setMaxHelpers}); when every slot is taken this waits for one.
   * The handle gives its helper and slot back after `idleMs` without
   * requests, or at {@link close}.
   */
  private async inside(): Promise<Connection> {
    this.checkOpen();
    if (!this.viaHelper) return this.local();
    if (!this.hasSlot) {
      // One acquisition per handle, however many calls wait for it.
      await (this.slot ??= helperPool.acquire().then(() => {
        this.hasSlot = true;
      }));
      if (this.isClosed) {
        this.releaseHelper();
        this.checkOpen();
      }
    }
    if (this.helperConn === undefined || this.helperConn.closed) {
      // ip netns exec would fail with its own words and exit code; say it as ip -n does.
      checkNetnsOpens(this.netns!);
      const sock = this.options.socket;
      this.helper = new HelperPort({ netns: this.netns!, readBufferSize: sock?.readBufferSize, receiveBufferSize: sock?.receiveBufferSize });
      this.startedHelper = true;
      this.helperConn = new Connection(this.helper, rtnetlink, this.connectionOptions({ netns: traceName(this.where!), helper: true }));
    }
    this.idle.touch();
    return this.helperConn;
  }

  /** Lets the namespace's socket (setns) or helper go after `idleMs` without requests. */
  private get idle(): IdleTimer {
    return (this.idleTimer ??= new IdleTimer(
      this.idleMs,
      () => {
        const idle = (st: { inFlight: number; queued: number } | undefined) => st === undefined || (st.inFlight === 0 && st.queued === 0);
        return idle((this.viaHelper ? this.helperConn : this.localConn)?.stats) && idle(this.genlClient?.conn.stats);
      },
      () => {
        void this.dropGenl();
        if (this.viaHelper) this.releaseHelper();
        else this.dropNetnsSocket();
      },
    ));
  }

  /** Stops the helper (if any) and gives its pool slot back. */
  private releaseHelper(): void {
    this.idleTimer?.stop();
    this.helperConn?.close();
    this.helperConn = undefined;
    this.helper = undefined;
    if (this.hasSlot) {
      this.hasSlot = false;
      this.slot = undefined;
      helperPool.release();
    }
  }

  private checkOpen(): void {
    if (this.isClosed) throw new InvalidArgumentError('the handle is closed');
  }

  /**
   * The handle's generic netlink client: a NETLINK_GENERIC socket in the
   * handle's namespace (made inside it with setns, or a helper's in helper
   * mode), joined to nlctrl's `notify` group so that family ids it caches
   * are forgotten when a family goes away.
   */
  private genlSocket(): GenlClient {
    this.checkOpen();
    const c = this.genlClient;
    if (c !== undefined && !c.conn.closed) {
      if (this.movedAway(c.conn, this.genlIdentity, performance.now())) this.dropGenl();
      else {
        if (this.where !== undefined) this.idle.touch();
        return c;
      }
    }
    const proto = genericProtocol();
    // nlctrl's `notify` group (its id is GENL_ID_CTRL): family removals reach the id cache. Its
    // notifications come unasked, so a full queue must not fail the socket (NETLINK_NO_ENOBUFS).
    const notify = [GENL_ID_CTRL];
    const opts = { ...this.options.socket, protocol: NETLINK_GENERIC, groups: notify, noEnobufs: true };
    let port;
    if (this.viaHelper) {
      checkNetnsOpens(this.netns!);
      port = this.genlHelper = new HelperPort({ netns: this.netns!, protocol: NETLINK_GENERIC, groups: notify, readBufferSize: opts.readBufferSize, receiveBufferSize: opts.receiveBufferSize });
    } else if (this.where === undefined) port = new SocketPort(opts);
    else {
      const made = netnsSocketPort(this.where, opts);
      port = made.port;
      this.genlIdentity = { ...made.identity, checked: performance.now() };
    }
    const base = this.connectionOptions(this.where && { netns: traceName(this.where), helper: this.viaHelper });
    const tap = base.tap;
    const conn = new Connection(port, proto, {
      ...base,
      tap: tap && ((dir, d, info) => tap(dir, d, { port: 0, ...info, protocol: NETLINK_GENERIC })),
      // The controller's announcements are this socket's business, not the caller's rtnetlink handler's.
      onUnsolicited: (m) => void proto.learn(m),
    });
    if (this.where !== undefined) this.idle.touch();
    return (this.genlClient = new GenlClient(conn, proto));
  }

  /** Lets the generic netlink socket (and its helper) go; the next request makes another. */
  private dropGenl(): Promise<void> {
    this.genlClient?.conn.close();
    this.genlClient = undefined;
    this.genlIdentity = undefined;
    const helper = this.genlHelper;
    this.genlHelper = undefined;
    return helper === undefined ? Promise.resolve() : helper.stop();
  }

  /** Helper mode: NSID of the handle's namespace as this process's numbers it (assigned if it has none). */
  private nsid(): Promise<number> {
    return (this.nsidPromise ??= ensureNsid(this.local(), this.netns!).catch((e) => {
      this.nsidPromise = undefined;
      throw e;
    }));
  }

  /** Target NSID for link requests sent from this process's namespace (helper mode), else undefined. */
  private async target(): Promise<number | undefined> {
    return this.viaHelper ? this.nsid() : undefined;
  }

  /** ifindex of a link by name (DeviceNotFoundError when missing). */
  async indexOf(name: string): Promise<number> {
    const by = { name: checkIfname(name) };
    const conn = this.local();
    if (!this.viaHelper) {
      // The socket lives in the handle's namespace: ask it directly
      // (SIOCGIFINDEX), without a netlink round trip, where FFI allows.
      const index = this.localSock === undefined ? null : this.localSock.ifindex(by.name);
      if (index === undefined) throw new DeviceNotFoundError(by.name);
      if (index !== null) return index;
    }
    return (await lookupLink(conn, by, await this.target())).header!.index;
  }


  /** Namespace fds for one request: opened here, or inside the helper when it sends. */
  private fdScope(inside: boolean): FdScope {
    // One descriptor per namespace for as long as the scope lives.
    const opened = new Map<string, Promise<number>>();
    return {
      open: (name: string) => {
        validateNetnsName(name);
        let fd = opened.get(name);
        if (fd === undefined) {
          fd = inside ? this.helperPort().then((p) => p.openNetnsFd(name)) : Promise.resolve(openNetnsFd(name));
          opened.set(name, fd);
        }
        return fd;
      },
      close: () => {
        for (const p of opened.values()) {
          p.then(
            (fd) => (inside ? this.helper?.closeNetnsFd(fd) : closeNetnsFd(fd)),
            () => {},
          );
        }
        opened.clear();
      },
    };
  }

  private async helperPort(): Promise<HelperPort> {
    await this.inside();
    return this.helper!;
  }

  /**
   * Closes the handle's sockets and stops its helper, if any. Idempotent.
   * The sockets are closed at once; the promise resolves once the helper
   * process (helper mode) has exited. `await using h = open(...)` does
   * the same at the end of the block.
   */
  close(): Promise<void> {
    this.isClosed = true;
    const genlStopped = this.dropGenl();
    this.localConn?.close();
    this.localConn = undefined;
    this.localSock = undefined;
    const helper = this.helper;
    this.releaseHelper();
    return Promise.all([helper?.stop(), genlStopped]).then(() => undefined);
  }

  /** {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** How traces name a namespace: its name, else the path or `fd N` it was given by. */
function traceName(where: ResolvedNetns): string {
  return where.name ?? where.path ?? where.label;
}
