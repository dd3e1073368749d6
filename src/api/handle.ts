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
import { isKernelError } from '../transport/errors.js';
import { SocketPort, type SocketPortOptions } from '../transport/socket-port.js';
import { ffiUnavailableReason } from '../sys/ffi.js';
import type { Message } from '../netlink/message.js';
import { rtnetlink } from '../families/registry.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_TABLE } from '../rtnl/constants.js';
import { IFA_F } from '../families/address/header.js';
import { checkNetnsOpens, closeNetnsFd, openNetnsFd } from '../netns/registry.js';
import { netnsSocketPort, resolveNetns, type NetnsSpec, type ResolvedNetns } from './netns-socket.js';
import { nsidNames, type NsidEntry } from './netns.js';
import { ensureNsid, relinkNetnsids } from './nsid-view.js';
import { validateNetnsName } from '../netns/names.js';
import { HelperPort } from '../netns/helper-port.js';
import { DeviceNotFoundError, InvalidArgumentError } from './errors.js';
import * as req from './requests.js';
import { checkIfname, checkIndex, checkLabel, checkMac, checkMtu, checkUint, networkOf, parseAddress, parseCidr } from './validate.js';
import { checkLinkSpec, type LinkAddOptions } from './link-spec.js';
import { helperPool } from './helper-pool.js';
import { addLinks, deleteLinks } from './bulk.js';
import { IdleTimer } from '../transport/idle.js';
import { toAddress, toLink, toRoute, type Address, type Link, type Route } from './views.js';

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

export type { LinkAddOptions, VethAddOptions, BridgeAddOptions, IfbAddOptions, MacvlanAddOptions, VxlanAddOptions, VxlanOptions, VethPeer, MacvlanMode, LinkKind } from './link-spec.js';

/** Changes to a link. */
export interface LinkSetOptions {
  up?: boolean;
  mtu?: number;
  address?: string;
  name?: string;
  /** Bridge to enslave it to; `null` removes it from its master. */
  master?: string | null;
  /** Namespace to move it to. */
  netns?: string;
  txqlen?: number;
}

/** Options of an address. */
export interface AddressOptions {
  broadcast?: string;
  label?: string;
  /** RT_SCOPE_* value. */
  scope?: number;
  /** IPv6: skip duplicate address detection. */
  nodad?: boolean;
}

/** A route to add or delete. */
export interface RouteOptions {
  /** `default`, or a prefix `198.18.1.0/24`. */
  dst: string;
  via?: string;
  dev?: string;
  metric?: number;
  table?: number;
  /** IPv4 or IPv6 when `dst` is `default` and there is no gateway (default 4). */
  family?: 4 | 6;
}

/** Rethrows `e`, as DeviceNotFoundError(`device`) when it is the kernel's ENODEV for that device. */
function notFound(e: unknown, device: string | undefined): never {
  if (device !== undefined && isKernelError(e, 'ENODEV')) throw new DeviceNotFoundError(device);
  throw e;
}

/** Opens a handle on this process's namespace or a named one. */
export function open(options: OpenOptions = {}): Handle {
  return new Handle(options);
}

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
  private isClosed = false;

  /** Links of the namespace. */
  readonly links = {
    /** All links; `stats: true` adds the counters (IFLA_STATS64), which iproute2 asks for only with -s. */
    list: (filter: { family?: 4 | 6; stats?: boolean } = {}) => this.listLinks(filter.family, filter.stats),
    get: (nameOrIndex: string | number) => this.getLink(nameOrIndex),
    add: (spec: LinkAddOptions) => this.addLink(spec),
    set: (nameOrIndex: string | number, changes: LinkSetOptions) => this.setLink(nameOrIndex, changes),
    delete: (nameOrIndex: string | number) => this.deleteLink(nameOrIndex),
    addMany: (specs: readonly LinkAddOptions[]) =>
      addLinks(specs, {
        insideFor: (spec) => this.createsInside(spec),
        scope: (inside) => this.fdScope(inside),
        prepare: (spec, fds, inside) => this.createMessage(spec, fds, inside),
        connection: async (inside) => (inside ? await this.inside() : this.local()),
      }),
    deleteMany: (names: readonly string[]) => deleteLinks(names, { list: () => this.listLinks(), connection: () => this.inside() }),
  };

  /**
   * Namespace ids (NSIDs) as the handle's namespace numbers other
   * namespaces (`ip [-n NS] netns list-id / set`). One API for this
   * process's namespace (`open()`) and any other.
   */
  readonly nsids = {
    /** Every NSID the namespace has assigned, with /run/netns names where known. */
    list: () => this.listNsids(),
    /**
     * The NSID of namespace `name` (-1 when it has none); assigns nothing to
     * it. (In helper mode the handle's own namespace gets an NSID in this
     * process's, as every helper-mode link request gives it one.)
     */
    get: (name: string) => this.getNsid(name),
    /** Gives namespace `name` the NSID `id` (-1: the kernel chooses). */
    set: (name: string, id: number) => this.setNsid(name, id),
    /** NSID -> /run/netns name, for the named namespaces that have one. */
    names: () => this.netnsNames(),
  };

  /** Addresses of the namespace. */
  readonly addresses = {
    list: (filter: { dev?: string; family?: 4 | 6 } = {}) => this.listAddresses(filter),
    add: (cidr: string, dev: string, opts: AddressOptions = {}) => this.changeAddress(true, cidr, dev, opts),
    delete: (cidr: string, dev: string) => this.changeAddress(false, cidr, dev, {}),
  };

  /** Routes of the namespace. */
  readonly routes = {
    list: (filter: { family?: 4 | 6; table?: number | 'all' } = {}) => this.listRoutes(filter),
    add: (r: RouteOptions) => this.changeRoute(true, r),
    delete: (r: RouteOptions) => this.changeRoute(false, r),
  };

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
        this.localSock = new SocketPort(this.options.socket);
        this.localConn = new Connection(this.localSock, rtnetlink, this.connectionOptions(this.where && 'this namespace'));
      }
      return this.localConn;
    }
    const now = performance.now();
    const conn = this.localConn;
    if (conn !== undefined && !conn.closed && this.nsIdentity !== undefined && now - this.nsIdentity.checked > NAME_CHECK_MS) {
      // Follow the name: a namespace deleted (or replaced) under the handle.
      // Only between requests: those in flight finish on the socket they
      // went out on (it keeps its namespace alive).
      const st = conn.stats;
      if (st.inFlight === 0 && st.queued === 0) {
        if (!this.where.sameAs(this.nsIdentity)) this.dropNetnsSocket();
        else this.nsIdentity.checked = now;
      }
    }
    if (this.localConn === undefined || this.localConn.closed) {
      const { port, identity } = netnsSocketPort(this.where, this.options.socket);
      this.localSock = port;
      this.nsIdentity = { ...identity, checked: now };
      this.localConn = new Connection(port, rtnetlink, this.connectionOptions(`netns ${this.where.label}`));
    }
    this.idle.touch();
    return this.localConn;
  }

  /** The handle's connection options, with datagrams passed to `tap` labelled with the socket that carried them. */
  private connectionOptions(via: string | undefined): ConnectionOptions {
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
      this.helperConn = new Connection(this.helper, rtnetlink, this.connectionOptions(`helper in netns ${this.where!.label}`));
    }
    this.idle.touch();
    return this.helperConn;
  }

  /** Lets the namespace's socket (setns) or helper go after `idleMs` without requests. */
  private get idle(): IdleTimer {
    return (this.idleTimer ??= new IdleTimer(
      this.idleMs,
      () => {
        const st = (this.viaHelper ? this.helperConn : this.localConn)?.stats;
        return st === undefined || (st.inFlight === 0 && st.queued === 0);
      },
      () => (this.viaHelper ? this.releaseHelper() : this.dropNetnsSocket()),
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

  private async listLinks(family?: 4 | 6, stats = false): Promise<Link[]> {
    const target = await this.target();
    const af = family === 4 ? AF_INET : family === 6 ? AF_INET6 : AF_UNSPEC;
    // The per-family link dumps ignore IFLA_TARGET_NETNSID (the kernel then
    // answers for the sender's namespace): ask from inside.
    if (target !== undefined && af !== AF_UNSPEC) return (await (await this.inside()).dump(req.linkDump(undefined, af, stats))).map(toLink);
    const links = (await this.local().dump(req.linkDump(target, af, stats))).map(toLink);
    if (target === undefined) return links;
    return (await this.relativeToHandle(links)) ?? (await (await this.inside()).dump(req.linkDump(undefined, af, stats))).map(toLink);
  }

  /** Helper mode: IFLA_LINK_NETNSID of links read with IFLA_TARGET_NETNSID, in the handle's numbering (see {@link relinkNetnsids}). */
  private async relativeToHandle(links: Link[]): Promise<Link[] | undefined> {
    if (!links.some((l) => l.linkNetnsid !== undefined && l.linkNetnsid >= 0)) return links;
    return relinkNetnsids(this.local(), links, await this.nsid());
  }

  /** RTM_GETLINK of one link (`by` already checked) on `conn`; ENODEV or no answer: DeviceNotFoundError. */
  private async lookup(conn: Connection, by: { index?: number; name?: string }, target?: number): Promise<Message> {
    const what = String(by.name ?? by.index);
    const [m] = await conn.request(req.linkGet(by, target)).catch((e) => notFound(e, what));
    if (!m) throw new DeviceNotFoundError(what);
    return m;
  }

  private async getLink(nameOrIndex: string | number): Promise<Link> {
    // Checked before anything is sent (target() may assign an NSID).
    const by = typeof nameOrIndex === 'number' ? { index: checkIndex(nameOrIndex) } : { name: checkIfname(nameOrIndex) };
    const target = await this.target();
    const link = toLink(await this.lookup(this.local(), by, target));
    if (target === undefined || link.linkNetnsid === undefined) return link;
    const fixed = await this.relativeToHandle([link]);
    if (fixed) return fixed[0]!;
    return toLink(await this.lookup(await this.inside(), by));
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
    return (await this.lookup(conn, by, await this.target())).header!.index;
  }

  /** Gives namespace `name` the NSID `id` in the handle's namespace (-1: let the kernel choose). */
  private async setNsid(name: string, id: number): Promise<void> {
    validateNetnsName(name);
    if (!Number.isInteger(id) || id < -1 || id > 0x7fffffff) throw new InvalidArgumentError(`Invalid "netnsid" value "${id}"`, String(id));
    if (!this.viaHelper) {
      const fd = openNetnsFd(name);
      try {
        await this.local().request(req.nsidSet(fd, id));
      } finally {
        closeNetnsFd(fd);
      }
      return;
    }
    const port = await this.helperPort();
    const fd = await port.openNetnsFd(name);
    try {
      await (await this.inside()).request(req.nsidSet(fd, id));
    } finally {
      port.closeNetnsFd(fd);
    }
  }

  /** The NSID the handle's namespace gives namespace `name` (-1: none). */
  private async getNsid(name: string): Promise<number> {
    validateNetnsName(name);
    const fd = openNetnsFd(name);
    try {
      // Helper mode asks from this process's namespace, about the handle's numbering.
      const [m] = await this.local().request(req.nsidGet(fd, await this.target()));
      return (m?.attrs?.nsid as number | undefined) ?? -1;
    } finally {
      closeNetnsFd(fd);
    }
  }

  /** Every NSID the handle's namespace has assigned, with /run/netns names where known (`ip netns list-id`). */
  private async listNsids(): Promise<NsidEntry[]> {
    const ids = (await (await this.inside()).dump(req.nsidDump())).map((m) => m.attrs?.nsid as number).filter((n) => n >= 0);
    const names = await this.netnsNames();
    return ids.map((nsid) => (names.has(nsid) ? { nsid, name: names.get(nsid)! } : { nsid }));
  }

  /**
   * NSIDs the handle's namespace has given to named namespaces (in
   * /run/netns), as `ip -n NS` resolves `link-netns NAME`.
   */
  private async netnsNames(): Promise<Map<number, string>> {
    return nsidNames(this.local(), {}, await this.target());
  }


  /**
   * Whether a creation must be sent from inside the handle's namespace: a
   * macvlan or vxlan is set up in the namespace of the socket that sends
   * (its lower device is looked up there, a vxlan opens its UDP socket
   * there), and IFLA_LINK_NETNSID cannot name the target itself.
   */
  private createsInside(spec: LinkAddOptions): boolean {
    return this.viaHelper && (spec?.kind === 'macvlan' || spec?.kind === 'vxlan');
  }

  /** Namespace fds for one request: opened here, or inside the helper when it sends. */
  private fdScope(inside: boolean): { open(name: string): Promise<number>; close(): void } {
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

  private async createMessage(spec: LinkAddOptions, fds: { open(name: string): Promise<number> }, inside: boolean): Promise<Message> {
    const c = checkLinkSpec(spec, this.netns);
    // Everything is checked: now the lookups and the fds.
    if ((spec.kind === 'macvlan' || spec.kind === 'vxlan') && spec.link !== undefined) c.link = await this.indexOf(spec.link);
    if (spec.master !== undefined) c.master = await this.indexOf(spec.master);
    if (c.peer && spec.kind === 'veth') {
      // The peer goes to the handle's namespace unless told otherwise; say so
      // explicitly, or the kernel would put it in the sender's.
      const peerNs = spec.peer.netns ?? this.netns;
      if (peerNs !== undefined && !((inside || !this.viaHelper) && peerNs === this.netns)) c.peer.netnsFd = await fds.open(peerNs);
    }
    if (spec.netns !== undefined && spec.netns !== this.netns) c.netnsFd = await fds.open(spec.netns);
    else if (this.viaHelper && !inside) c.targetNsid = await this.nsid();
    return req.linkCreate(c);
  }

  private async addLink(spec: LinkAddOptions): Promise<void> {
    const inside = this.createsInside(spec);
    const fds = this.fdScope(inside);
    try {
      const msg = await this.createMessage(spec, fds, inside);
      await (inside ? await this.inside() : this.local()).request(msg);
    } finally {
      fds.close();
    }
  }

  private async setLink(nameOrIndex: string | number, ch: LinkSetOptions): Promise<void> {
    const byIndex = typeof nameOrIndex === 'number';
    const name = byIndex ? String(checkIndex(nameOrIndex)) : checkIfname(nameOrIndex);
    const change: req.LinkChange = {};
    if (ch.up !== undefined) change.up = !!ch.up;
    if (ch.mtu !== undefined) change.mtu = checkMtu(ch.mtu);
    if (ch.address !== undefined) change.address = checkMac(ch.address);
    if (ch.name !== undefined) change.name = checkIfname(ch.name, 'new name');
    if (ch.txqlen !== undefined) change.txqlen = checkUint(ch.txqlen, 'txqlen');
    if (ch.netns !== undefined) validateNetnsName(ch.netns);
    if (ch.master !== undefined && ch.master !== null) checkIfname(ch.master, 'master');
    // Without a rename the link is named in the request itself (ifi_index 0,
    // IFLA_IFNAME), as the kernel allows: one round trip fewer than looking
    // its index up first. A rename needs the index (IFLA_IFNAME is then the new name).
    const index = byIndex ? (nameOrIndex as number) : change.name !== undefined ? await this.indexOf(name) : 0;
    if (index === 0) change.name = name;
    if (ch.master !== undefined) change.master = ch.master === null ? 0 : await this.indexOf(checkIfname(ch.master, 'master'));
    let fd: number | undefined;
    let helperFd: number | undefined;
    try {
      if (ch.netns !== undefined) {
        validateNetnsName(ch.netns);
        if (this.viaHelper) {
          // The fd must be valid in the process that sends: the helper opens its own.
          change.netnsFd = helperFd = await (await this.helperPort()).openNetnsFd(ch.netns);
        } else change.netnsFd = fd = openNetnsFd(ch.netns);
      }
      // Named in the request (or by the caller's index): ENODEV says the link is missing.
      await (await this.inside()).request(req.linkChange(index, change)).catch((e) => notFound(e, index === 0 || byIndex ? name : undefined));
    } finally {
      if (fd !== undefined) closeNetnsFd(fd);
      if (helperFd !== undefined) this.helper?.closeNetnsFd(helperFd);
    }
  }

  private async helperPort(): Promise<HelperPort> {
    await this.inside();
    return this.helper!;
  }

  private async deleteLink(nameOrIndex: string | number): Promise<void> {
    const index = typeof nameOrIndex === 'number' ? checkIndex(nameOrIndex) : await this.indexOf(checkIfname(nameOrIndex));
    await this.local().request(req.linkDelete(index, await this.target())).catch((e) => notFound(e, String(nameOrIndex)));
  }

  private async listAddresses(filter: { dev?: string; family?: 4 | 6 }): Promise<Address[]> {
    const family = filter.family === 4 ? AF_INET : filter.family === 6 ? AF_INET6 : AF_UNSPEC;
    const index = filter.dev === undefined ? undefined : await this.indexOf(filter.dev);
    const msgs = await (await this.inside()).dump(req.addressDump(family));
    return msgs.map(toAddress).filter((a) => index === undefined || a.index === index);
  }

  private async changeAddress(add: boolean, cidr: string, dev: string, opts: AddressOptions): Promise<void> {
    const c = parseCidr(cidr);
    checkIfname(dev, 'dev');
    const o: { broadcast?: string; label?: string; scope?: number; flags?: number } = {};
    if (opts.broadcast !== undefined) o.broadcast = parseAddress(opts.broadcast).address;
    // IFA_LABEL: at most 15 bytes, as an interface name (the kernel's policy).
    if (opts.label !== undefined) o.label = checkLabel(opts.label);
    if (opts.scope !== undefined) o.scope = checkUint(opts.scope, 'scope', 255);
    if (opts.nodad) o.flags = IFA_F.IFA_F_NODAD;
    const index = await this.indexOf(dev);
    await (await this.inside()).request(req.addressChange(add, index, c, o));
  }

  private async listRoutes(filter: { family?: 4 | 6; table?: number | 'all' }): Promise<Route[]> {
    const family = filter.family === 4 ? AF_INET : filter.family === 6 ? AF_INET6 : AF_UNSPEC;
    const table = filter.table ?? RT_TABLE.RT_TABLE_MAIN;
    const msgs = await (await this.inside()).dump(req.routeDump(family));
    return msgs.map(toRoute).filter((r) => table === 'all' || r.table === table);
  }

  private async changeRoute(add: boolean, r: RouteOptions): Promise<void> {
    if (r.family !== undefined && r.family !== 4 && r.family !== 6) throw new InvalidArgumentError(`family must be 4 or 6, not ${String(r.family)}`, String(r.family));
    const spec: req.RouteSpec = { family: r.family ?? 4, dstLen: 0 };
    if (r.dst !== 'default') {
      const c = parseCidr(r.dst);
      spec.family = c.family;
      spec.dst = networkOf(c);
      spec.dstLen = c.prefixlen;
    }
    if (r.via !== undefined) {
      const g = parseAddress(r.via);
      if (r.dst !== 'default' && g.family !== spec.family) throw new InvalidArgumentError(`gateway ${r.via} is not of the same family as ${r.dst}`);
      spec.family = g.family;
      spec.gateway = g.address;
    }
    if (r.metric !== undefined) spec.metric = checkUint(r.metric, 'metric');
    if (r.table !== undefined) spec.table = checkUint(r.table, 'table');
    if (r.dev !== undefined) checkIfname(r.dev, 'dev');
    if (add && spec.gateway === undefined && r.dev === undefined) throw new InvalidArgumentError('a route needs a gateway (via) or a device (dev)');
    // Everything is checked: now the lookup.
    if (r.dev !== undefined) spec.oif = await this.indexOf(r.dev);
    await (await this.inside()).request(req.routeChange(add, spec));
  }

  /**
   * Closes the handle's sockets and stops its helper, if any. Idempotent.
   * The sockets are closed at once; the promise resolves once the helper
   * process (helper mode) has exited. `await using h = open(...)` does
   * the same at the end of the block.
   */
  close(): Promise<void> {
    this.isClosed = true;
    this.localConn?.close();
    this.localConn = undefined;
    this.localSock = undefined;
    const helper = this.helper;
    this.releaseHelper();
    return helper === undefined ? Promise.resolve() : helper.stop();
  }

  /** {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
