/**
 * A {@link NetlinkPort} inside another network namespace, through a helper
 * process started there.
 *
 * The `netlink` binding cannot setns(2), and Node cannot move its own
 * threads between namespaces; so a small program (`helper-main.ts`) is
 * started inside the namespace with `ip netns exec NAME node helper-main.js`
 * (an argv array, never a shell), opens the netlink socket there, and
 * relays datagrams over its stdio in length-prefixed frames (`frames.ts`).
 * `ip netns exec` replaces itself with node, so the child's pid is the
 * helper's.
 *
 * Life of a port:
 * - The helper is started on the first {@link HelperPort.send} (sends are
 *   piped to it at once and wait in the pipe until its socket is open), or
 *   ahead of time with {@link HelperPort.start}, which resolves once the
 *   helper reports ready (then {@link HelperPort.localPort} and
 *   {@link HelperPort.receiveBuffer} are known).
 * - When the helper dies (exit, signal, socket error, or it could not start,
 *   e.g. `Cannot open network namespace "x": No such file or directory` from
 *   ip) the error callback runs exactly once with a {@link HelperError}, and
 *   the port is dead: later sends fail. Open a new port to go on.
 * - {@link HelperPort.close} ends the helper's stdin (it exits on end of
 *   file) and kills it if it has not exited within `closeTimeout`;
 *   {@link HelperPort.stop} does the same and resolves once it is reaped.
 * - Helpers still alive when this process exits, or dies of SIGINT,
 *   SIGTERM, SIGHUP or an uncaught exception, are killed (`reaper.ts`).
 * - With `idleTimeout`, a helper that relayed nothing for that long, with
 *   no send outstanding, is stopped quietly and started again by the next
 *   send. The port cannot tell a slow kernel from an idle one: keep the
 *   timeout well above the longest request.
 */
import { IdleTimer } from '../transport/idle.js';
import { ffiAvailable } from '../sys/ffi.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NETLINK_ROUTE } from '../core/constants.js';
import { strerror } from '../core/errno.js';
import { TransportError } from '../transport/errors.js';
import type { DatagramInfo, NetlinkPort } from '../transport/port.js';
import {
  controlReply,
  FRAME_ERROR,
  FRAME_READY,
  FRAME_REPLY,
  FRAME_SEND_FAILED,
  FRAME_SENT,
  FRAME_TRUNCATED,
  frameErrorInfo,
  type OutFrame,
} from './frames.js';
import { Helper } from './helper-process.js';
import { validateNetnsName } from './names.js';
import { NetnsError, netnsPath } from './registry.js';

/** Options of a {@link HelperPort}. */
export interface HelperPortOptions {
  /** The namespace (a name in `/run/netns`). Undefined: this process's own namespace, without `ip`. */
  netns?: string;
  /** The `ip` program (default `ip`, looked up in PATH). */
  ip?: string;
  /** The node program (default `process.execPath`). */
  node?: string;
  /** The helper program (default {@link helperMainPath}()). */
  helperPath?: string;
  /** Netlink protocol (default NETLINK_ROUTE, 0). */
  protocol?: number;
  /** Size of the buffer each datagram is read into, in bytes (default 32768). */
  readBufferSize?: number;
  /** SO_RCVBUF to request, in bytes (default 4 MiB; the kernel caps it at `net.core.rmem_max`). */
  receiveBufferSize?: number;
  /** SO_SNDBUF to request, in bytes (default 1 MiB). */
  sendBufferSize?: number;
  /** Milliseconds {@link HelperPort.close} waits for the helper to exit before SIGKILL (default 1000). */
  closeTimeout?: number;
  /** Milliseconds without traffic after which the helper is stopped until the next send (default 0: never). */
  idleTimeout?: number;
  /** Multicast groups (RTNLGRP_* numbers) the helper's socket joins, for monitoring. */
  groups?: readonly number[];
}

/**
 * The helper died or could not start. `message` is ip's own words when ip
 * failed before starting the helper (`Cannot open network namespace "x":
 * No such file or directory`), the helper's socket error when that failed,
 * else how the process ended.
 */
export class HelperError extends TransportError {
  /** The namespace, or undefined for this process's own. */
  readonly netns: string | undefined;
  /** The helper's pid, when it was started. */
  readonly pid: number | undefined;
  /** Exit code, when the helper exited. */
  readonly exitCode: number | null;
  /** Signal that killed the helper, when one did. */
  readonly signal: NodeJS.Signals | null;
  /** The last few KB the helper (or ip) wrote to stderr. */
  readonly stderr: string;
  /** errno name from the helper's socket error (FRAME_ERROR), when there was one. */
  readonly code: string | undefined;

  constructor(
    message: string,
    init: { netns?: string; pid?: number; exitCode?: number | null; signal?: NodeJS.Signals | null; stderr?: string; code?: string; cause?: unknown },
  ) {
    super(message, 'helper', init.cause === undefined ? undefined : { cause: init.cause });
    this.netns = init.netns;
    this.pid = init.pid;
    this.exitCode = init.exitCode ?? null;
    this.signal = init.signal ?? null;
    this.stderr = init.stderr ?? '';
    this.code = init.code;
  }
}

/** True when `e` is a {@link HelperError}. */
export function isHelperError(e: unknown): e is HelperError {
  return e instanceof HelperError;
}

/**
 * Path of the compiled helper program: `helper-main.js` next to this
 * module. When this module runs from TypeScript sources (`src/…/*.ts`, as
 * under vitest), the compiled copy in `dist/` is meant, since the helper is
 * started with plain node.
 */
export function helperMainPath(): string {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) {
    // Next to this module, or (from the bundled dist/tsip.cjs) in dist/netns/.
    const beside = fileURLToPath(new URL('./helper-main.js', import.meta.url));
    return existsSync(beside) ? beside : fileURLToPath(new URL('./netns/helper-main.js', import.meta.url));
  }
  const i = here.lastIndexOf('/src/');
  if (i < 0) return here.replace(/[^/]*$/, 'helper-main.js');
  return `${here.slice(0, i)}/dist/${here.slice(i + 5).replace(/[^/]*$/, 'helper-main.js')}`;
}

type State = 'open' | 'failed' | 'closed';

/** A netlink socket in another network namespace, held by a helper process there. */
export class HelperPort implements NetlinkPort {
  /** The namespace, or undefined for this process's own. */
  readonly netns: string | undefined;
  private readonly options: HelperPortOptions;
  private state: State = 'open';
  private helper: Helper | undefined;
  /** Helpers stopped but not yet reaped (idle stops, close). */
  private readonly retired = new Set<Helper>();
  private failure: Error | undefined;
  private messageCb: ((datagram: Uint8Array, info: DatagramInfo) => void) | undefined;
  private errorCb: ((err: Error) => void) | undefined;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private refed = true;
  private lastReceiveBuffer: number | undefined;
  private idleTimer?: IdleTimer;
  private spawnedAt = 0;
  private startup: number | undefined;

  /** `netns` may be given as a name, or within the options. A bad name throws NetnsNameError. */
  constructor(netns?: string | HelperPortOptions, options: HelperPortOptions = {}) {
    this.options = typeof netns === 'object' ? { ...netns } : { ...options, netns };
    if (this.options.netns !== undefined) validateNetnsName(this.options.netns);
    this.netns = this.options.netns;
  }

  /** SO_RCVBUF of the helper's socket as the kernel reports it, once the helper is ready. */
  get receiveBuffer(): number | undefined {
    return this.helper?.receiveBuffer ?? this.lastReceiveBuffer;
  }

  /** Milliseconds from spawning the current helper to its READY frame, once it is ready. */
  get startupMs(): number | undefined {
    return this.startup;
  }

  /** The current helper's pid, while one runs. */
  get pid(): number | undefined {
    return this.helper?.proc.pid;
  }

  /**
   * Starts the helper now, if it is not running, and resolves once its
   * socket is open. Rejects with the {@link HelperError} that the error
   * callback also gets, or a TransportError when the port is closed first.
   */
  start(): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new TransportError('helper port is closed', 'closed'));
    if (this.state === 'failed') return Promise.reject(this.failure!);
    const h = this.helper ?? this.spawn();
    if (h?.ready) return Promise.resolve();
    if (this.state !== 'open') return Promise.reject(this.failure ?? new TransportError('helper port is closed', 'closed'));
    // Whoever awaits the start keeps the process alive until it is done,
    // even when a connection has unref'd the port while idle.
    h?.setRef(true);
    const settle = () => {
      if (!this.refed && this.helper === h) h?.setRef(false);
    };
    return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject })).then(
      () => settle(),
      (e) => {
        settle();
        throw e;
      },
    );
  }

  /** Sends one datagram to the kernel in the namespace, starting the helper if needed. */
  send(datagram: Uint8Array, sent?: (err?: Error) => void): void {
    if (this.state !== 'open') {
      sent?.(this.state === 'closed' ? new TransportError('helper port is closed', 'closed') : this.failure!);
      return;
    }
    const h = this.helper ?? this.spawn();
    if (h === undefined || this.state !== 'open') {
      sent?.(this.failure ?? new TransportError('helper port is closed', 'closed'));
      return;
    }
    this.touch();
    h.write(datagram, sent);
  }

  /** Sets the callback for every datagram received (replacing any earlier one). */
  onMessage(cb: (datagram: Uint8Array, info: DatagramInfo) => void): void {
    this.messageCb = cb;
  }

  /** Sets the callback for the helper's death (replacing any earlier one); called at most once. */
  onError(cb: (err: Error) => void): void {
    this.errorCb = cb;
  }

  /** The helper's socket port id, once it reported ready; else 0. */
  localPort(): number {
    return this.helper?.ready ? this.helper.port : 0;
  }

  /** Keeps (true) or stops keeping (false) the event loop alive for the helper. */
  ref(on: boolean): void {
    this.refed = on;
    this.helper?.setRef(on);
  }

  /**
   * Opens `/run/netns/NAME` inside the helper and resolves with the helper's
   * file descriptor number, for IFLA_NET_NS_FD or NETNSA_FD in requests sent
   * through this port (the kernel resolves the fd in the process that sends,
   * here the helper). Close it with {@link closeNetnsFd} once the request is
   * answered; the helper closes any left at exit. Starts the helper if
   * needed. Rejects with NetnsNameError, {@link NetnsError} in iproute2's
   * words (`Cannot open network namespace "x": No such file or directory`),
   * or the port's error.
   */
  async openNetnsFd(name: string): Promise<number> {
    const path = netnsPath(name);
    const h = this.liveHelper();
    // Keep the event loop alive while the reply is awaited, whatever the connection asked.
    h.setRef(true);
    let reply;
    try {
      reply = await h.control({ op: 'open', path });
    } finally {
      if (!this.refed) h.setRef(false);
    }
    if (reply.fd !== undefined) {
      h.openFds++;
      return reply.fd;
    }
    const e = reply.error ?? { message: 'no descriptor in the reply' };
    const text = e.errno !== undefined ? strerror(e.errno) : e.message;
    throw new NetnsError(`Cannot open network namespace "${name}": ${text}`, { netns: name, op: 'open', ...(e.code === undefined ? {} : { code: e.code }) });
  }

  /**
   * Closes a descriptor from {@link openNetnsFd} in the helper (only those;
   * other numbers are ignored). Fire and forget: handled after every
   * datagram sent before it. Does nothing when the helper is gone (its
   * descriptors went with it).
   */
  closeNetnsFd(fd: number): void {
    const h = this.helper;
    if (this.state !== 'open' || h === undefined || h.gone) return;
    h.openFds = Math.max(0, h.openFds - 1);
    h.control({ op: 'close', fd }).catch(() => {});
  }

  /** Stops the helper (end of stdin, SIGKILL after `closeTimeout`); idempotent. No callbacks after this. */
  close(): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.messageCb = undefined;
    this.errorCb = undefined;
    this.clearIdle();
    const closedErr = new TransportError('helper port is closed', 'closed');
    if (this.helper !== undefined) {
      this.helper.takeCallbacks();
      this.helper.failControls(closedErr);
      this.retire(this.helper);
    }
    if (wasOpen) this.rejectWaiters(closedErr);
  }

  /** {@link close}, then resolves once every helper of this port has exited and been reaped. */
  async stop(): Promise<void> {
    const all = [...this.retired, ...(this.helper ? [this.helper] : [])];
    this.close();
    await Promise.all(all.map((h) => h.exited));
  }

  /** The running helper, started if needed; throws the port's error when it is dead or closed. */
  private liveHelper(): Helper {
    if (this.state === 'closed') throw new TransportError('helper port is closed', 'closed');
    if (this.state === 'failed') throw this.failure!;
    const h = this.helper ?? this.spawn();
    if (h === undefined || this.state !== 'open') throw this.failure ?? new TransportError('helper port is closed', 'closed');
    this.touch();
    return h;
  }

  private spawn(): Helper | undefined {
    const o = this.options;
    const helperPath = o.helperPath ?? helperMainPath();
    if (!existsSync(helperPath)) {
      this.fail(new HelperError(`the namespace helper is not built: ${helperPath} is missing (run "npm run build")`, optsNetns(this.netns)), true);
      return undefined;
    }
    const node = o.node ?? process.execPath;
    const args = [
      helperPath,
      `--protocol=${o.protocol ?? NETLINK_ROUTE}`,
      `--read-buffer=${o.readBufferSize ?? 32768}`,
      `--recv-buffer=${o.receiveBufferSize ?? 4 << 20}`,
      ...(o.groups && o.groups.length ? [`--groups=${o.groups.join(',')}`] : []),
      // The helper sets NETLINK_EXT_ACK and NETLINK_GET_STRICT_CHK through
      // FFI when it loads here (it then loads there too).
      ...(ffiAvailable() ? ['--netlink-options'] : []),
      `--send-buffer=${o.sendBufferSize ?? 1 << 20}`,
    ];
    const [file, argv] = this.netns === undefined ? [node, args] : [o.ip ?? 'ip', ['netns', 'exec', this.netns, node, ...args]];
    this.spawnedAt = performance.now();
    this.startup = undefined;
    const h = new Helper(file, argv, {
      frame: (helper, f) => this.frame(helper, f),
      broken: (helper, err) => {
        if (helper === this.helper) this.fail(new HelperError(`helper for ${where(this.netns)} broke its framing: ${err.message}`, { ...optsNetns(this.netns), ...pidOf(helper), cause: err }));
      },
      ended: (helper, code, signal, spawnError) => this.ended(helper, code, signal, spawnError),
    });
    this.helper = h;
    if (!this.refed) h.setRef(false);
    return h;
  }

  private frame(h: Helper, f: OutFrame): void {
    if (f.flags === 0 || f.flags === FRAME_TRUNCATED) {
      if (this.state !== 'open') return;
      this.touch();
      const info: DatagramInfo = f.flags === 0 ? { port: f.port } : { port: f.port, truncated: f.aux };
      this.messageCb?.(f.payload, info);
    } else if (f.flags === FRAME_SENT) {
      h.complete(f.aux);
    } else if (f.flags === FRAME_SEND_FAILED) {
      const info = frameErrorInfo(f.payload);
      const cause = Object.assign(new Error(info.message), info.code === undefined ? {} : { code: info.code }, info.errno === undefined ? {} : { errno: info.errno });
      h.complete(f.aux, f.aux, new TransportError(`sendmsg failed: ${info.message}`, 'socket', { cause }));
    } else if (f.flags === FRAME_READY) {
      h.ready = true;
      h.port = f.port;
      h.receiveBuffer = f.aux;
      this.lastReceiveBuffer = f.aux;
      if (h === this.helper) {
        this.startup = performance.now() - this.spawnedAt;
        const w = this.waiters;
        this.waiters = [];
        for (const x of w) x.resolve();
        this.touch();
      }
    } else if (f.flags === FRAME_REPLY) {
      const c = h.controls.get(f.aux);
      if (c !== undefined) {
        h.controls.delete(f.aux);
        c.resolve(controlReply(f.payload));
      }
    } else if (f.flags === FRAME_ERROR) {
      const info = frameErrorInfo(f.payload);
      h.errorInfo = info;
      if (h === this.helper) {
        const init = { ...optsNetns(this.netns), ...pidOf(h) };
        this.fail(new HelperError(`netlink socket in ${where(this.netns)} failed: ${info.message}`, info.code === undefined ? init : { ...init, code: info.code }));
      }
    }
    // Unknown flags: a newer helper; ignore.
  }

  private ended(h: Helper, code: number | null, signal: NodeJS.Signals | null, spawnError: Error | undefined): void {
    this.retired.delete(h);
    // An idle-stopped helper cannot have any (idle means none outstanding); be safe.
    if (h !== this.helper) h.failControls(new TransportError('helper exited', 'helper'));
    if (h !== this.helper) return;
    this.helper = undefined;
    if (h.retiring || this.state !== 'open') return;
    const init = { ...optsNetns(this.netns), ...pidOf(h), exitCode: code, signal, stderr: h.stderr };
    let message: string;
    if (spawnError !== undefined) {
      message = `cannot start the helper for ${where(this.netns)}: ${spawnError.message}`;
      this.fail(new HelperError(message, { ...init, cause: spawnError }));
      return;
    }
    if (h.errorInfo !== undefined) message = `netlink socket in ${where(this.netns)} failed: ${h.errorInfo.message}`;
    else if (!h.ready && lastLine(h.stderr) !== undefined) message = lastLine(h.stderr)!; // ip's words
    else if (signal !== null) message = `helper for ${where(this.netns)} was killed by ${signal}`;
    else message = `helper for ${where(this.netns)} exited with code ${String(code)}`;
    this.fail(new HelperError(message, init));
  }

  /** The port is dead: fails what waits, reports once, stops the helper. */
  private fail(err: Error, deferred = false): void {
    if (this.state !== 'open') return;
    this.state = 'failed';
    this.failure = err;
    this.clearIdle();
    const h = this.helper;
    if (h !== undefined) {
      // Send callbacks are for failures of one datagram; the port's failure
      // is reported once, below, and whoever waits learns it there.
      h.takeCallbacks();
      this.retire(h);
      h.kill();
    }
    const report = (): void => {
      h?.failControls(err);
      this.rejectWaiters(err);
      const cb = this.errorCb;
      this.errorCb = undefined;
      this.messageCb = undefined;
      cb?.(err);
    };
    // From inside send(), report after it returns.
    if (deferred) process.nextTick(report);
    else report();
  }

  private retire(h: Helper): void {
    if (h === this.helper) this.helper = undefined;
    if (!h.gone) this.retired.add(h);
    h.retire(this.options.closeTimeout ?? 1000);
  }

  private rejectWaiters(err: Error): void {
    const w = this.waiters;
    this.waiters = [];
    for (const x of w) x.reject(err);
  }

  /** Notes traffic, for the idle timeout. */
  private touch(): void {
    this.idle.touch();
  }

  /** Retires a helper that relayed nothing for `idleTimeout` ms, unless something still depends on it. */
  private get idle(): IdleTimer {
    return (this.idleTimer ??= new IdleTimer(
      this.options.idleTimeout ?? 0,
      () => {
        const h = this.helper;
        if (this.state !== 'open' || h === undefined) return 'gone';
        // Not while a send, a control request or an open descriptor depends on this helper.
        return h.ready && h.outstanding() === 0 && h.controls.size === 0 && h.openFds === 0;
      },
      () => {
        if (this.helper !== undefined) this.retire(this.helper);
      },
    ));
  }

  private clearIdle(): void {
    this.idleTimer?.stop();
  }

}

function where(netns: string | undefined): string {
  return netns === undefined ? 'this namespace' : `netns "${netns}"`;
}

function optsNetns(netns: string | undefined): { netns?: string } {
  return netns === undefined ? {} : { netns };
}

function pidOf(h: Helper): { pid?: number } {
  return h.proc.pid === undefined ? {} : { pid: h.proc.pid };
}

function lastLine(s: string): string | undefined {
  const lines = s.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1];
}
