/**
 * The framing between a {@link HelperPort} and its helper process
 * (`helper-main.ts`), over the helper's stdin and stdout. Both directions
 * are streams of frames; a frame may arrive split across reads, and one read
 * may hold several frames.
 *
 * To the helper (stdin), one datagram per frame:
 * ```
 *  0               4
 *  +---------------+---------------------------+
 *  | length (u32)  | datagram (length bytes)   |
 *  +---------------+---------------------------+
 * ```
 * or, with bit 31 of the length word set (IN_CONTROL), a request to the
 * helper itself: JSON `{id, op: "open", path}` (open a file read-only and
 * answer its descriptor, e.g. `/run/netns/OTHER` for IFLA_NET_NS_FD, which
 * the kernel resolves in the helper) or `{id, op: "close", fd}` (close a
 * descriptor the helper opened that way). Requests are handled in order
 * with the datagrams around them.
 *
 * From the helper (stdout), a 16-byte header, then the payload:
 * ```
 *  0               4               8               12              16
 *  +---------------+---------------+---------------+---------------+---------+
 *  | length (u32)  | port (u32)    | flags (u32)   | aux (u32)     | payload |
 *  +---------------+---------------+---------------+---------------+---------+
 * ```
 * - `length` is the whole frame, header included (at least 16).
 * - flags 0 or FRAME_TRUNCATED: a datagram from netlink port `port`; with
 *   FRAME_TRUNCATED, `aux` is its original length (the payload lost its tail).
 * - FRAME_READY (first frame): the socket is open; `port` is its netlink
 *   port id, `aux` its SO_RCVBUF in bytes.
 * - FRAME_SENT: the first `aux` datagrams read from stdin (counted from 1)
 *   were handed to the kernel or failed (the failures were reported first).
 * - FRAME_SEND_FAILED: datagram number `aux` could not be sent; payload is
 *   JSON `{message, code?, errno?}`.
 * - FRAME_ERROR: the socket failed and the helper is exiting; payload is
 *   JSON `{message, code?, errno?}`.
 * - FRAME_REPLY: the answer to control request `aux`; payload is JSON
 *   `{fd?}` or `{error: {message, code?, errno?}}`.
 *
 * All integers are little-endian. `helper-main.ts` repeats these numbers
 * (it imports nothing of ours, to start fast); a test checks they agree.
 */

/** Bytes of the header of a frame to the helper. */
export const IN_HEADER = 4;
/** Bytes of the header of a frame from the helper. */
export const OUT_HEADER = 16;
/** Largest frame accepted in either direction; more means the stream is broken. */
export const MAX_FRAME = 16 * 1024 * 1024;
/** Bit of the length word of a frame to the helper that marks a control request. */
export const IN_CONTROL = 0x8000_0000;

/** A datagram whose tail was cut off; `aux` is its original length. */
export const FRAME_TRUNCATED = 1 << 0;
/** The socket failed; the helper is exiting. */
export const FRAME_ERROR = 1 << 1;
/** The helper is ready: `port` is the socket's port id, `aux` its SO_RCVBUF. */
export const FRAME_READY = 1 << 2;
/** Datagrams 1..aux (from stdin) are done. */
export const FRAME_SENT = 1 << 3;
/** Datagram number aux could not be sent. */
export const FRAME_SEND_FAILED = 1 << 4;
/** Answer to control request number aux. */
export const FRAME_REPLY = 1 << 5;

/** A control request to the helper. */
export type ControlRequest = { id: number; op: 'open'; path: string } | { id: number; op: 'close'; fd: number };

/** The helper's answer to a control request. */
export interface ControlReply {
  fd?: number;
  error?: FrameErrorInfo;
}

/** One frame from the helper. `payload` may share memory with the chunk it came in. */
export interface OutFrame {
  port: number;
  flags: number;
  aux: number;
  payload: Buffer;
}

/** An error in a control frame's JSON payload. */
export interface FrameErrorInfo {
  message: string;
  code?: string;
  errno?: number;
}

/** Encodes one datagram as a frame to the helper (header and datagram, to write in order). */
export function encodeInFrame(datagram: Uint8Array): [Buffer, Uint8Array] {
  const h = Buffer.allocUnsafe(IN_HEADER);
  h.writeUInt32LE(datagram.length, 0);
  return [h, datagram];
}

/** Encodes a control request to the helper. */
export function encodeControlFrame(req: ControlRequest): Buffer {
  const body = Buffer.from(JSON.stringify(req), 'utf8');
  const b = Buffer.allocUnsafe(IN_HEADER + body.length);
  b.writeUInt32LE((IN_CONTROL | body.length) >>> 0, 0);
  body.copy(b, IN_HEADER);
  return b;
}

/** Encodes one frame from the helper (for tests; the helper has its own copy). */
export function encodeOutFrame(port: number, flags: number, aux: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const b = Buffer.allocUnsafe(OUT_HEADER + payload.length);
  b.writeUInt32LE(OUT_HEADER + payload.length, 0);
  b.writeUInt32LE(port >>> 0, 4);
  b.writeUInt32LE(flags >>> 0, 8);
  b.writeUInt32LE(aux >>> 0, 12);
  b.set(payload, OUT_HEADER);
  return b;
}

/** Thrown by {@link OutFrameReader.push} when the stream cannot be frames. */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

/**
 * Splits the helper's stdout into frames, however it is chunked. Payloads
 * of frames that lie whole within one chunk are views of that chunk (no
 * copy); only a frame split across chunks is copied together.
 */
export class OutFrameReader {
  /** Bytes of an unfinished frame, carried over from earlier chunks. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Length of the unfinished frame, once its header is in; else 0. */
  private need = 0;

  constructor(private readonly onFrame: (frame: OutFrame) => void) {}

  /** Bytes held of an unfinished frame. */
  get buffered(): number {
    return this.pendingBytes;
  }

  /**
   * Feeds one chunk; calls `onFrame` for each frame completed by it, in
   * order. Throws {@link FramingError} for a length below 16 or above
   * {@link MAX_FRAME} (the reader is then unusable).
   */
  push(chunk: Buffer): void {
    let off = 0;
    if (this.pendingBytes > 0) {
      // Complete the header first, then the frame.
      if (this.need === 0) {
        const take = Math.min(OUT_HEADER - this.pendingBytes, chunk.length);
        this.keep(chunk.subarray(0, take));
        off = take;
        if (this.pendingBytes < OUT_HEADER) return;
        const head = this.joined();
        this.need = checkLength(head.readUInt32LE(0));
      }
      const take = Math.min(this.need - this.pendingBytes, chunk.length - off);
      this.keep(chunk.subarray(off, off + take));
      off += take;
      if (this.pendingBytes < this.need) return;
      const frame = this.joined();
      this.pending = [];
      this.pendingBytes = 0;
      this.need = 0;
      this.onFrame(parse(frame));
    }
    while (chunk.length - off >= OUT_HEADER) {
      const len = checkLength(chunk.readUInt32LE(off));
      if (chunk.length - off < len) break;
      this.onFrame(parse(chunk.subarray(off, off + len)));
      off += len;
    }
    if (off < chunk.length) {
      this.keep(chunk.subarray(off));
      if (this.pendingBytes >= OUT_HEADER) this.need = checkLength(this.joined().readUInt32LE(0));
    }
  }

  private keep(b: Buffer): void {
    if (b.length === 0) return;
    this.pending.push(b);
    this.pendingBytes += b.length;
  }

  private joined(): Buffer {
    if (this.pending.length > 1) this.pending = [Buffer.concat(this.pending, this.pendingBytes)];
    return this.pending[0]!;
  }
}

function checkLength(len: number): number {
  if (len < OUT_HEADER || len > MAX_FRAME) throw new FramingError(`bad frame length ${len} from the helper`);
  return len;
}

function parse(b: Buffer): OutFrame {
  return { port: b.readUInt32LE(4), flags: b.readUInt32LE(8), aux: b.readUInt32LE(12), payload: b.subarray(OUT_HEADER) };
}

/** Reads the JSON payload of a FRAME_ERROR or FRAME_SEND_FAILED frame. */
export function frameErrorInfo(payload: Buffer): FrameErrorInfo {
  try {
    return errorInfoOf(JSON.parse(payload.toString('utf8')));
  } catch {
    return { message: payload.toString('utf8') };
  }
}

function errorInfoOf(v: unknown): FrameErrorInfo {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Partial<FrameErrorInfo>;
  const info: FrameErrorInfo = { message: typeof o.message === 'string' ? o.message : 'unknown error' };
  if (typeof o.code === 'string') info.code = o.code;
  if (typeof o.errno === 'number') info.errno = o.errno;
  return info;
}

/** Reads the JSON payload of a FRAME_REPLY frame. */
export function controlReply(payload: Buffer): ControlReply {
  let v: { fd?: unknown; error?: unknown };
  try {
    v = JSON.parse(payload.toString('utf8')) as typeof v;
  } catch {
    return { error: { message: `unreadable reply from the helper: ${payload.toString('utf8')}` } };
  }
  const r: ControlReply = {};
  if (typeof v.fd === 'number') r.fd = v.fd;
  if (v.error !== undefined) r.error = errorInfoOf(v.error);
  return r;
}
