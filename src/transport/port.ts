/**
 * The seam between the request engine and whatever carries datagrams to a
 * kernel: a raw AF_NETLINK socket in this process (`socket-port.ts`), a
 * helper process inside another network namespace relaying frames over its
 * stdio (`../netns/helper-port.ts`), or a fake kernel in tests
 * (`fake-kernel.ts`).
 */

/** The socket that carried a datagram, as its owner labels it for traces. */
export interface SocketLabel {
  /** The network namespace the socket was made in: its name, or the path or `fd N` it was given by; absent: this process's own. */
  netns?: string;
  /** True when a helper process's socket carried it (the namespace fallback without FFI). */
  helper?: boolean;
}

/** Where a received datagram came from. */
export interface DatagramInfo {
  /** Sender's netlink port id: 0 for the kernel. */
  port: number;
  /** Set when the datagram was truncated: its original length. */
  truncated?: number;
  /** Which socket carried it, for people reading a trace, when the owner labels it. */
  via?: SocketLabel;
  /** The socket's netlink protocol (NETLINK_GENERIC, 16), when its owner says and it is not NETLINK_ROUTE. */
  protocol?: number;
}

/** Something that sends and receives whole netlink datagrams. */
export interface NetlinkPort {
  /**
   * Sends one datagram (one or more messages) to the kernel (port 0).
   * `sent`, when given, is called once the datagram left (no argument) or
   * could not be sent (the error, e.g. EMSGSIZE): a failure that concerns
   * this datagram only, not the port. The caller never modifies `datagram`
   * after handing it over, so the port may send it later without a copy.
   */
  send(datagram: Uint8Array, sent?: (err?: Error) => void): void;
  /** Called for every datagram received. */
  onMessage(cb: (datagram: Uint8Array, info: DatagramInfo) => void): void;
  /** Called once when the port fails (socket error, helper died); pending requests must fail. */
  onError(cb: (err: Error) => void): void;
  /** The local port id messages are sent from (nlmsg_pid of requests), when known; else 0. */
  localPort(): number;
  /**
   * Bytes of replies the kernel queues for this port before it drops them
   * (SO_RCVBUF as the kernel reports it), when known. The engine sizes its
   * window of requests in flight from it, since an overflowing receive
   * queue loses replies (and the `netlink` binding aborts the process on
   * the ENOBUFS that follows).
   */
  readonly receiveBuffer?: number;
  /** Keeps (true) or stops keeping (false) the event loop alive while idle. */
  ref(on: boolean): void;
  /** Releases the socket or helper; no callbacks after this. */
  close(): void;
}
