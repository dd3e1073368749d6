/**
 * A {@link NetlinkPort} over a raw AF_NETLINK socket in this process, made
 * by the npm `netlink` package's native binding (`netlink-binding.ts`).
 *
 * How the socket is set up, and why:
 * - No message peeking. By default the binding sizes each read with a
 *   1-byte `MSG_PEEK`; the kernel sizes later dump datagrams by the largest
 *   read it has seen, so peeking keeps them at one page (~3 KB). Reading
 *   straight into a 32 KiB buffer lets dump datagrams grow to ~31 KB
 *   (measured: 2,001 links in 97 datagrams instead of 1,002, and a 1.6x
 *   faster dump). 64 KiB buys nothing: the kernel caps its dump
 *   allocations near 32 KiB (`SKB_WITH_OVERHEAD(32768)`).
 * - A datagram larger than the read buffer arrives truncated; it is passed
 *   on with {@link DatagramInfo.truncated} set, never dropped, so the
 *   engine can fail the request it belonged to.
 * - SO_RCVBUF of 4 MiB is requested (the kernel caps it at
 *   `net.core.rmem_max`, then doubles it). When the receive queue
 *   overflows the kernel drops replies and the next read fails with
 *   ENOBUFS, on which the binding aborts the whole process; the engine
 *   therefore bounds its requests in flight by {@link SocketPort.receiveBuffer}.
 * - The binding has no setsockopt for netlink options and no way to make
 *   a socket in another namespace; both go through FFI (`src/sys`): the
 *   main thread enters the namespace around the binding's constructor
 *   (which calls socket(2) synchronously), and NETLINK_EXT_ACK (the
 *   kernel's own error messages and offsets) and NETLINK_GET_STRICT_CHK
 *   (dumps the kernel filters) are set on the socket's fd. Without FFI
 *   the socket lives in this process's namespace and has neither.
 *
 * The native binding is loaded on first construction, not on import.
 */
import { closeSync, openSync } from 'node:fs';
import { NETLINK_OPT, NETLINK_ROUTE, SO_OPT, SOL_NETLINK, SOL_SOCKET } from '../core/constants.js';
import { ffiAvailable } from '../sys/ffi.js';
import { currentNetnsInode, inNetns, type NetnsTarget } from '../sys/netns-thread.js';
import { findNetlinkFd, getSockMeminfo, ifindexOf, setIntOption, SK_MEMINFO_DROPS } from '../sys/sockopt.js';
import { TransportError } from './errors.js';
import { loadRawSocket, type RawSocket, type RawSocketCtor } from './netlink-binding.js';
import type { DatagramInfo, NetlinkPort } from './port.js';

/** The binding's socket class, loaded on first construction. */
let rawSocketCtor: RawSocketCtor | undefined;

/** Options of a {@link SocketPort}. */
export interface SocketPortOptions {
  /** Netlink protocol (default NETLINK_ROUTE, 0). */
  protocol?: number;
  /** Size of the buffer each datagram is read into, in bytes (default 32768). */
  readBufferSize?: number;
  /** SO_RCVBUF to request, in bytes (default 4 MiB; the kernel caps it at `net.core.rmem_max`). */
  receiveBufferSize?: number;
  /** SO_SNDBUF to request, in bytes (default: the kernel's default, about 208 KiB). */
  sendBufferSize?: number;
  /**
   * The network namespace the socket belongs to (entered with setns(2) just
   * for its creation; needs FFI); omitted: this process's own.
   */
  netns?: NetnsTarget;
  /** Use FFI for socket options when it loads (default true); false: a plain binding socket. */
  ffi?: boolean;
  /**
   * This process's own namespace only: datagrams that need none of the
   * netlink options (their answers carry no extended-ACK message and need
   * no strict checking). FFI is loaded and the options set just before the
   * first datagram for which this returns false, not at construction: a
   * program whose first requests are all such loads no FFI until it needs
   * it (the handle passes the plain link reads, `isPlainLinkRead`; about
   * 2 ms of tsip's start-up). Ignored with `groups`, `noEnobufs` or
   * `forceReceiveBuffer`. Until then `fd` is undefined and `features` all
   * false.
   */
  deferOptions?: (datagram: Uint8Array) => boolean;
  /** NETLINK_EXT_ACK: errors carry the kernel's message and offset (default true; needs FFI). */
  extAck?: boolean;
  /** NETLINK_GET_STRICT_CHK: dump requests are checked strictly and their filters applied by the kernel (default true; needs FFI). */
  strictCheck?: boolean;
  /** NETLINK_CAP_ACK: error replies echo only the request's header, not its payload (default false; needs FFI). */
  capAck?: boolean;
  /** NETLINK_NO_ENOBUFS: a full receive queue drops multicast messages silently instead of failing the next read (default false; needs FFI). */
  noEnobufs?: boolean;
  /** Multicast groups (RTNLGRP_* numbers) to join. */
  groups?: readonly number[];
  /**
   * Set the receive buffer with SO_RCVBUFFORCE, past `net.core.rmem_max`
   * (needs CAP_NET_ADMIN and FFI; without them SO_RCVBUF's cap applies).
   */
  forceReceiveBuffer?: boolean;
}

/** Which netlink socket options a {@link SocketPort} has set. */
export interface SocketPortFeatures {
  extAck: boolean;
  strictCheck: boolean;
  capAck: boolean;
  noEnobufs: boolean;
}

/** Default read buffer: the largest dump datagram the kernel builds fits. */
export const DEFAULT_READ_BUFFER = 32768;
/** Default SO_RCVBUF request. */
export const DEFAULT_RECEIVE_BUFFER = 4 * 1024 * 1024;

/** The lowest fd number free now (the kernel hands out the lowest free one). */
function lowestFreeFd(): number {
  const fd = openSync('/dev/null', 'r');
  closeSync(fd);
  return fd;
}

/** A netlink socket in this process, in its own network namespace or another one. */
export class SocketPort implements NetlinkPort {
  /** SO_RCVBUF as the kernel reports it after setup (twice the capped request), in bytes. */
  readonly receiveBuffer: number;
  /** The read buffer size, in bytes. */
  readonly readBufferSize: number;
  /** The socket's file descriptor, when FFI found it (undefined without FFI, when it could not be told apart, or while the options are deferred). */
  get fd(): number | undefined {
    return this.sockFd;
  }
  private sockFd: number | undefined;
  /** The option setup left for later, and the datagrams that may go before it (see {@link SocketPortOptions.deferOptions}). */
  private deferred: (() => void) | undefined;
  private readonly mayPrecedeOptions: ((datagram: Uint8Array) => boolean) | undefined;
  /** The netlink options set on the socket (all false while they are deferred, see {@link SocketPortOptions.deferOptions}). */
  readonly features: SocketPortFeatures;
  private readonly sock: RawSocket;
  private readonly port: number;
  private closed = false;
  private messageCb: ((datagram: Uint8Array, info: DatagramInfo) => void) | undefined;
  private errorCb: ((err: Error) => void) | undefined;

  /**
   * Opens and binds the socket, in `options.netns` when given. Throws the
   * binding's error (an `Error` with `code`, e.g. `EPROTONOSUPPORT`) when
   * that fails, a SyscallError when the namespace cannot be opened or
   * entered, and FfiUnavailableError when a namespace is asked for without
   * FFI.
   */
  constructor(options: SocketPortOptions = {}) {
    rawSocketCtor ??= loadRawSocket();
    const RawNetlinkSocket = rawSocketCtor;
    this.readBufferSize = options.readBufferSize ?? DEFAULT_READ_BUFFER;
    // Not for a socket that joins groups or wants NO_ENOBUFS / SO_RCVBUFFORCE:
    // those matter from the first multicast message, before any send.
    const defer =
      options.deferOptions !== undefined &&
      options.netns === undefined &&
      options.ffi !== false &&
      !options.groups?.length &&
      !options.noEnobufs &&
      !options.forceReceiveBuffer;
    this.mayPrecedeOptions = defer ? options.deferOptions : undefined;
    const useFfi = options.netns !== undefined || (options.ffi !== false && (defer || ffiAvailable()));
    let hint: number | undefined;
    let netnsIno = 0;
    const make = () => {
      // The lowest free fd right before socket(2) is, almost always, the
      // socket's fd (checked with getsockname, SO_PROTOCOL and the socket's
      // namespace; else every fd is asked).
      if (useFfi) {
        try {
          hint = lowestFreeFd();
          netnsIno = currentNetnsInode();
        } catch {
          // No /dev/null or /proc: the socket goes without options.
        }
      }
      return new RawNetlinkSocket(options.protocol ?? NETLINK_ROUTE, {
        messagePeeking: false,
        msgBufferSize: this.readBufferSize,
        recvBufferSize: options.receiveBufferSize ?? DEFAULT_RECEIVE_BUFFER,
        // 0 leaves the kernel's default in place.
        sendBufferSize: options.sendBufferSize ?? 0,
      });
    };
    this.sock = options.netns === undefined ? make() : inNetns(options.netns, make);
    this.port = this.sock.address().port;
    this.features = { extAck: false, strictCheck: false, capAck: false, noEnobufs: false };
    try {
      const setUp = () => this.setOptions(options, useFfi && ffiAvailable() ? findNetlinkFd(this.port, { protocol: options.protocol ?? NETLINK_ROUTE, netnsIno }, hint) : undefined);
      if (defer) this.deferred = setUp;
      else setUp();
      for (const g of options.groups ?? []) this.sock.addMembership(g);
    } catch (e) {
      this.sock.close();
      throw e;
    }
    this.receiveBuffer = this.sock.getRecvBufferSize();
    this.sock.on('message', (msg, rinfo) => {
      if (!this.closed) this.messageCb?.(msg, { port: rinfo.port });
    });
    this.sock.on('truncatedMessage', (msg, rinfo) => {
      if (!this.closed) this.messageCb?.(msg, { port: rinfo.port, truncated: rinfo.truncated ?? msg.length });
    });
    this.sock.on('error', (err) => {
      // Send errors go to the per-datagram callback; what reaches here is a
      // failure of the socket itself, after which the binding closes it.
      if (this.closed) return;
      const cb = this.errorCb;
      this.close();
      cb?.(new TransportError(`netlink socket failed: ${err.message}`, 'socket', { cause: err }));
    });
  }

  /** Keeps `fd` (found through FFI) and sets the netlink options on it; undefined: the socket goes without them. */
  private setOptions(options: SocketPortOptions, fd: number | undefined): void {
    this.sockFd = fd;
    if (fd === undefined) return;
    const want: [keyof SocketPortFeatures, number, boolean][] = [
      ['extAck', NETLINK_OPT.NETLINK_EXT_ACK, options.extAck ?? true],
      ['strictCheck', NETLINK_OPT.NETLINK_GET_STRICT_CHK, options.strictCheck ?? true],
      ['capAck', NETLINK_OPT.NETLINK_CAP_ACK, options.capAck ?? false],
      ['noEnobufs', NETLINK_OPT.NETLINK_NO_ENOBUFS, options.noEnobufs ?? false],
    ];
    for (const [key, opt, on] of want) {
      if (!on) continue;
      try {
        setIntOption(fd, SOL_NETLINK, opt, 1, key);
        this.features[key] = true;
      } catch {
        // An older kernel without the option (ENOPROTOOPT): the socket
        // works without it, and `features` says so.
      }
    }
    if (options.forceReceiveBuffer) {
      try {
        setIntOption(fd, SOL_SOCKET, SO_OPT.SO_RCVBUFFORCE, options.receiveBufferSize ?? DEFAULT_RECEIVE_BUFFER, 'SO_RCVBUFFORCE');
      } catch {
        // EPERM without CAP_NET_ADMIN: SO_RCVBUF's capped size stays.
      }
    }
  }

  /** Sets the deferred options now, if any are waiting (a failure leaves the socket without them, as at construction without /proc). */
  private settle(): void {
    const d = this.deferred;
    this.deferred = undefined;
    try {
      d?.();
    } catch {
      // The socket works without its options; `features` says which are set.
    }
  }

  /**
   * Datagrams the kernel dropped because the receive queue was full
   * (SO_MEMINFO's SK_MEMINFO_DROPS: multicast messages lost to an
   * overrun), or undefined without FFI.
   */
  drops(): number | undefined {
    if (this.fd === undefined || this.closed) return undefined;
    return getSockMeminfo(this.fd)[SK_MEMINFO_DROPS];
  }

  /**
   * The ifindex of link `name` in the socket's namespace (ioctl
   * SIOCGIFINDEX; no netlink message), undefined when there is none;
   * null when this socket cannot ask (no FFI), so the caller sends an
   * RTM_GETLINK instead.
   */
  ifindex(name: string): number | undefined | null {
    // Options not set yet: a netlink lookup costs less than loading FFI for it.
    if (this.fd === undefined || this.closed || this.deferred !== undefined) return null;
    return ifindexOf(this.fd, name);
  }

  /** Sends one datagram to the kernel; `sent` gets the sendmsg error, if any. */
  send(datagram: Uint8Array, sent?: (err?: Error) => void): void {
    if (this.closed) {
      sent?.(new TransportError('netlink socket is closed', 'closed'));
      return;
    }
    if (this.deferred !== undefined && !this.mayPrecedeOptions!(datagram)) this.settle();
    this.sock.send(datagram, { port: 0 }, (err) => {
      if (err === undefined || err === null) sent?.();
      else sent?.(new TransportError(`sendmsg failed: ${err.message}`, 'socket', { cause: err }));
    });
  }

  /** Sets the callback for every datagram received (replacing any earlier one). */
  onMessage(cb: (datagram: Uint8Array, info: DatagramInfo) => void): void {
    this.messageCb = cb;
  }

  /** Sets the callback for a failure of the socket (replacing any earlier one). */
  onError(cb: (err: Error) => void): void {
    this.errorCb = cb;
  }

  /** The port id the socket is bound to. */
  localPort(): number {
    return this.port;
  }

  /** Keeps (true) or stops keeping (false) the event loop alive. */
  ref(on: boolean): void {
    if (this.closed) return;
    if (on) this.sock.ref();
    else this.sock.unref();
  }

  /** Closes the socket; idempotent. No callbacks after this. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.messageCb = undefined;
    this.errorCb = undefined;
    this.sock.close();
  }
}
