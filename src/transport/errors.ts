/**
 * Errors of the transport layer: the kernel refused a request
 * ({@link KernelError}), the socket or helper failed ({@link TransportError}),
 * a request took too long ({@link TimeoutError}), a dump kept being
 * interrupted by concurrent changes ({@link DumpInterruptedError}).
 *
 * Bytes that do not parse stay {@link DecodeError}s and bad values stay
 * {@link EncodeError}s (`src/core/errors.ts`); the engine passes them
 * through unchanged.
 */
import { errnoName, strerror } from '../core/errno.js';
import type { DecodeError, EncodeError } from '../core/errors.js';
import type { Message } from '../netlink/message.js';
import type { ExtAck } from '../netlink/extack.js';

/** What a {@link KernelError} is built from. */
export interface KernelErrorInit {
  /** The errno, positive or negative (`-17` and `17` both mean EEXIST). */
  errno: number;
  /** nlmsg_type of the refused request. */
  requestType: number;
  /** Kernel name of the request type (`RTM_NEWLINK`); defaults to `type N`. */
  requestName?: string;
  /** nlmsg_seq of the refused request. */
  seq: number;
  /** Extended ACK TLVs the kernel attached, if any. */
  ext?: ExtAck;
  /** Path of the attribute NLMSGERR_ATTR_OFFS points to, outermost first. */
  attrPath?: string[];
  /** Where the error came from: an NLMSG_ERROR (`ack`) or an NLMSG_DONE ending a dump (`done`). */
  source?: 'ack' | 'done';
}

/**
 * The words iproute2 prints for a refusal: `Error: <ext-ack message>.` when
 * the kernel explained itself, else `RTNETLINK answers: <strerror>`.
 */
export function kernelErrorText(errno: number, extMessage?: string): string {
  if (extMessage !== undefined && extMessage !== '') {
    return `Error: ${extMessage}${extMessage.endsWith('.') ? '' : '.'}`;
  }
  return `RTNETLINK answers: ${strerror(errno)}`;
}

/**
 * The kernel refused a request: an NLMSG_ERROR with a negative error, or an
 * NLMSG_DONE carrying one at the end of a dump.
 *
 * `message` is exactly what iproute2 prints, e.g.
 * `RTNETLINK answers: File exists`, or `Error: <ext-ack message>.` when the
 * kernel sent an extended ACK message.
 */
export class KernelError extends Error {
  override readonly name = 'KernelError';
  /** The errno as a positive number (17). */
  readonly errno: number;
  /** Its name (`EEXIST`), or `E<number>` when unknown. */
  readonly code: string;
  /** nlmsg_type of the refused request. */
  readonly requestType: number;
  /** Kernel name of the request type (`RTM_NEWLINK`), or `type N`. */
  readonly requestName: string;
  /** nlmsg_seq of the refused request. */
  readonly seq: number;
  /** NLMSGERR_ATTR_MSG: the kernel's explanation, when sent. */
  readonly extMessage?: string;
  /** NLMSGERR_ATTR_OFFS: byte offset of the offending attribute from the start of the request's nlmsghdr. */
  readonly extOffset?: number;
  /** Kernel names of the attribute at {@link extOffset}, outermost first (`IFLA_LINKINFO > IFLA_INFO_KIND`). */
  readonly attrPath?: string[];
  /** Every extended ACK TLV received (cookie, policy, missing attribute...). */
  readonly ext?: ExtAck;
  /** `ack` for an NLMSG_ERROR, `done` for an NLMSG_DONE ending a dump. */
  readonly source: 'ack' | 'done';

  constructor(init: KernelErrorInit) {
    const errno = Math.abs(init.errno);
    super(kernelErrorText(errno, init.ext?.msg));
    this.errno = errno;
    this.code = errnoName(errno) ?? `E${errno}`;
    this.requestType = init.requestType;
    this.requestName = init.requestName ?? `type ${init.requestType}`;
    this.seq = init.seq;
    this.source = init.source ?? 'ack';
    if (init.ext !== undefined) {
      this.ext = init.ext;
      if (init.ext.msg !== undefined) this.extMessage = init.ext.msg;
      if (init.ext.offs !== undefined) this.extOffset = init.ext.offs;
    }
    if (init.attrPath !== undefined) this.attrPath = init.attrPath;
  }
}

/** Why a {@link TransportError} happened. */
export type TransportErrorReason =
  /** The socket failed (send or receive error). */
  | 'socket'
  /** The connection or port was closed while the request was pending. */
  | 'closed'
  /** A helper process relaying frames exited or broke its framing. */
  | 'helper'
  /** A reply datagram was larger than the read buffer and lost its tail. */
  | 'truncated'
  /** The kernel acknowledged a request whose answer is a message, without sending it. */
  | 'no-reply';

/**
 * The way to the kernel failed: a socket error, the connection closed with
 * the request pending, a helper process died, or a reply datagram truncated.
 * The original error, if any, is in `cause`.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';

  constructor(
    message: string,
    /** What failed. */
    readonly reason: TransportErrorReason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request got no final answer (ACK, error or NLMSG_DONE) within its time limit. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';

  constructor(
    /** nlmsg_type of the request. */
    readonly requestType: number,
    /** Kernel name of the request type, or `type N`. */
    readonly requestName: string,
    /** nlmsg_seq of the last attempt (0 when it was never sent). */
    readonly seq: number,
    /** The limit that passed, in milliseconds. */
    readonly timeoutMs: number,
  ) {
    super(`${requestName}: no answer from the kernel within ${timeoutMs} ms`);
  }
}

/**
 * A dump came back with NLM_F_DUMP_INTR (the kernel's object list changed
 * while it was being dumped) on every attempt. `partial` holds the messages
 * of the last attempt: complete in themselves, but possibly missing or
 * duplicating objects.
 */
export class DumpInterruptedError extends Error {
  override readonly name = 'DumpInterruptedError';

  constructor(
    /** nlmsg_type of the dump request. */
    readonly requestType: number,
    /** Kernel name of the request type, or `type N`. */
    readonly requestName: string,
    /** How many times the dump was sent. */
    readonly attempts: number,
    /** The messages of the last attempt. */
    readonly partial: Message[],
  ) {
    super(`${requestName}: dump interrupted by concurrent changes ${attempts} times in a row; the result may be inconsistent`);
  }
}

/** True when `e` is a {@link KernelError} (optionally with the given code, e.g. `'EEXIST'`). */
export function isKernelError(e: unknown, code?: string): e is KernelError {
  return e instanceof KernelError && (code === undefined || e.code === code);
}

/** True when `e` is a {@link TransportError}. */
export function isTransportError(e: unknown): e is TransportError {
  return e instanceof TransportError;
}

/** True when `e` is a {@link TimeoutError}. */
export function isTimeoutError(e: unknown): e is TimeoutError {
  return e instanceof TimeoutError;
}

/** True when `e` is a {@link DumpInterruptedError}. */
export function isDumpInterruptedError(e: unknown): e is DumpInterruptedError {
  return e instanceof DumpInterruptedError;
}

/** Every error a request or dump can reject with. */
export type RequestError = KernelError | TransportError | TimeoutError | DumpInterruptedError | DecodeError | EncodeError;
