/**
 * Options, limits and counters of a {@link Connection}, and the defaults
 * the engine starts from.
 */
import type { Message } from '../netlink/message.js';
import type { DatagramInfo } from './port.js';

/** Default time limit of a request or dump, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default number of requests with the kernel at once. */
export const DEFAULT_WINDOW = 64;
/** Default number of times an interrupted dump is sent again. */
export const DEFAULT_DUMP_RETRIES = 3;
/** Receive-buffer bytes budgeted per request in flight when sizing the default window. */
export const WINDOW_BUDGET_BYTES = 16384;

/** Why the connection dropped something. */
export type DropReason =
  /** A datagram from a netlink port other than the kernel's (0). */
  | 'foreign-port'
  /** A message whose seq matches no request. */
  | 'unknown-seq'
  /** A message for a request that had already timed out. */
  | 'late'
  /** Bytes that do not decode. */
  | 'garbage'
  /** A datagram that was larger than the read buffer. */
  | 'truncated'
  /** A fire-and-forget message that could not be sent. */
  | 'send-failed';

/** Something the connection dropped, for diagnostics. */
export interface Drop {
  reason: DropReason;
  /** Sender port of the datagram (received drops). */
  port?: number;
  /** nlmsg_seq of the message, when its header was readable. */
  seq?: number;
  /** The datagram (received drops) or the encoded message (send-failed). */
  bytes: Uint8Array;
  /** Offset of the dropped message in `bytes`. */
  offset?: number;
  /** The decode or send error, when there was one. */
  error?: Error;
}

/** Counters of a connection; see `Connection.stats`. */
export interface ConnectionStats {
  /** Datagrams handed to the port (requests, retries, fire-and-forget). */
  sent: number;
  /** Datagrams received. */
  received: number;
  /** Requests with the kernel now. */
  inFlight: number;
  /** The most requests that were ever with the kernel at once. */
  maxInFlight: number;
  /** Requests waiting for a window slot now. */
  queued: number;
  /** Datagrams dropped because they came from a port other than 0. */
  foreignPort: number;
  /** Messages dropped because their seq matched no request. */
  unknownSeq: number;
  /** Messages received for requests that had already timed out. */
  late: number;
  /** Messages (or datagram tails) that did not decode. */
  garbage: number;
  /** Datagrams that arrived truncated. */
  truncated: number;
  /** Dumps sent again after NLM_F_DUMP_INTR. */
  dumpRetries: number;
  /** Requests that timed out. */
  timeouts: number;
}

/** Options of a `Connection`. */
export interface ConnectionOptions {
  /** Default time limit per request or dump, in ms, from the call (default 10,000; 0 or Infinity: none). */
  timeout?: number;
  /**
   * Most requests with the kernel at once (default 64, fewer when the
   * port's receive buffer is small: one per 16 KiB of it).
   */
  window?: number;
  /** Default number of times an interrupted dump is sent again (default 3). */
  dumpRetries?: number;
  /** First sequence number (default: a random u32). */
  firstSeq?: number;
  /** Called for every datagram or message the connection dropped. */
  onDrop?: (drop: Drop) => void;
  /**
   * Called for messages from the kernel that match no request
   * (notifications on a socket that joined multicast groups). When set,
   * such messages are not counted as `unknownSeq`.
   */
  onUnsolicited?: (msg: Message) => void;
  /**
   * Sees every datagram sent (`out`) and received (`in`, with where it came
   * from), before any check: for `--explain` and `--pcap`.
   */
  tap?: (direction: 'out' | 'in', datagram: Uint8Array, info?: DatagramInfo) => void;
  /**
   * Decode the nested attributes of replies when first read (default true:
   * same values, less work for what is never read; a malformed nest then
   * throws its DecodeError when read; see `schema/lazy.ts`). false: decode
   * every reply whole as it arrives.
   */
  lazy?: boolean;
}

/** Options of one request or dump. */
export interface RequestOptions {
  /** Time limit in ms, from the call (default: the connection's). */
  timeout?: number;
}

/** Options of one dump. */
export interface DumpOptions extends RequestOptions {
  /** Times an interrupted dump is sent again (default: the connection's). */
  retries?: number;
}

/**
 * A time limit as setTimeout can take it: 0 for none (0, negative,
 * Infinity, NaN), at most 2^31-1 ms.
 * @internal
 */
export function timerMs(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.min(Math.ceil(ms), 0x7fffffff) : 0;
}

/** The default window for a port whose receive buffer holds `receiveBuffer` bytes. */
export function defaultWindow(receiveBuffer: number | undefined): number {
  if (receiveBuffer === undefined || receiveBuffer <= 0) return DEFAULT_WINDOW;
  return Math.max(1, Math.min(DEFAULT_WINDOW, Math.floor(receiveBuffer / WINDOW_BUDGET_BYTES)));
}
