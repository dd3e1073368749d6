/**
 * The namespace helper: a tiny program that a {@link HelperPort} starts
 * inside another network namespace, as
 * `ip netns exec NAME node dist/netns/helper-main.js [--protocol=N]
 * [--read-buffer=BYTES] [--recv-buffer=BYTES] [--send-buffer=BYTES]`.
 *
 * The `netlink` binding cannot setns(2), and a process cannot move itself
 * between network namespaces once it has threads; so the socket is opened
 * by a process started inside the namespace, and frames are relayed over its
 * stdio (framing in `frames.ts`, whose numbers are repeated here):
 * - stdin: `u32 length, datagram`, each sent to the kernel (port 0), or
 *   (bit 31 of the length set) a JSON control request: open or close a
 *   file descriptor here, e.g. on `/run/netns/OTHER` for IFLA_NET_NS_FD,
 *   which the kernel resolves in the process that sends;
 * - stdout: `u32 length, u32 port, u32 flags, u32 aux, payload`: first a
 *   READY frame, then every datagram received, send completions, and a last
 *   ERROR frame if the socket fails.
 *
 * It exits when stdin ends (the parent closed it, or died), on a socket
 * error (after an ERROR frame), or on a broken frame.
 *
 * It imports nothing but Node built-ins and the `netlink` binding, so that
 * it starts fast.
 */
import { createRequire } from 'node:module';
import { closeSync, openSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Frame header sizes and flags; must equal those in `frames.ts`. */
export const HELPER_FRAMING = {
  IN_HEADER: 4,
  OUT_HEADER: 16,
  MAX_FRAME: 16 * 1024 * 1024,
  IN_CONTROL: 0x8000_0000,
  FRAME_TRUNCATED: 1 << 0,
  FRAME_ERROR: 1 << 1,
  FRAME_READY: 1 << 2,
  FRAME_SENT: 1 << 3,
  FRAME_SEND_FAILED: 1 << 4,
  FRAME_REPLY: 1 << 5,
} as const;

const { IN_HEADER, OUT_HEADER, MAX_FRAME, IN_CONTROL, FRAME_TRUNCATED, FRAME_ERROR, FRAME_READY, FRAME_SENT, FRAME_SEND_FAILED, FRAME_REPLY } =
  HELPER_FRAMING;

interface RawSocket {
  addMembership(group: number): void;
  on(event: 'message' | 'truncatedMessage', cb: (msg: Buffer, rinfo: { port: number; truncated?: number }) => void): unknown;
  on(event: 'error', cb: (err: Error & { code?: string; errno?: number }) => void): unknown;
  send(msg: Buffer, options: { port: number }, callback: (err?: Error & { code?: string; errno?: number }) => void): void;
  close(): void;
  address(): { port: number };
  getRecvBufferSize(): number;
}

type RawSocketCtor = new (
  protocol: number,
  options: { messagePeeking: boolean; msgBufferSize: number; recvBufferSize: number; sendBufferSize: number },
) => RawSocket;

/** One frame to stdout, queued until the end of this turn of the event loop. */
interface Out {
  port: number;
  flags: number;
  aux: number;
  payload: Uint8Array;
}

function option(args: readonly string[], name: string, dflt: number): number {
  const prefix = `--${name}=`;
  const arg = args.find((a) => a.startsWith(prefix));
  if (arg === undefined) return dflt;
  const v = Number(arg.slice(prefix.length));
  if (!Number.isInteger(v) || v < 0) throw new Error(`bad value for --${name}: ${arg.slice(prefix.length)}`);
  return v;
}

function errorInfo(err: unknown): { message: string; code?: string; errno?: number } {
  const e = err as { message?: unknown; code?: unknown; errno?: unknown };
  const info: { message: string; code?: string; errno?: number } = { message: typeof e?.message === 'string' ? e.message : String(err) };
  if (typeof e?.code === 'string') info.code = e.code;
  if (typeof e?.errno === 'number') info.errno = Math.abs(e.errno);
  return info;
}

function errorPayload(err: unknown): Buffer {
  return Buffer.from(JSON.stringify(errorInfo(err)), 'utf8');
}

/** Runs the helper on this process's stdio; returns once set up. */
export function runHelper(args: readonly string[]): void {
  const out: Out[] = [];
  let flushQueued = false;
  let received = 0; // datagrams read from stdin
  let completed = 0; // of which handed to the kernel or failed
  let reportedCompleted = 0;
  let dead = false;

  // Send failures, then the count of sends done, go ahead of the datagrams
  // in each write (a reply cannot precede the send it answers).
  const failures: Out[] = [];
  const flush = (): void => {
    flushQueued = false;
    if (completed !== reportedCompleted) {
      failures.push({ port: 0, flags: FRAME_SENT, aux: completed, payload: new Uint8Array(0) });
      reportedCompleted = completed;
    }
    if (failures.length > 0) {
      out.unshift(...failures);
      failures.length = 0;
    }
    if (out.length === 0) return;
    let total = 0;
    for (const f of out) total += OUT_HEADER + f.payload.length;
    // One buffer, one write per turn of the loop, however many datagrams came.
    const b = Buffer.allocUnsafe(total);
    let off = 0;
    for (const f of out) {
      b.writeUInt32LE(OUT_HEADER + f.payload.length, off);
      b.writeUInt32LE(f.port >>> 0, off + 4);
      b.writeUInt32LE(f.flags, off + 8);
      b.writeUInt32LE(f.aux >>> 0, off + 12);
      b.set(f.payload, off + OUT_HEADER);
      off += OUT_HEADER + f.payload.length;
    }
    out.length = 0;
    process.stdout.write(b);
  };
  const queue = (f: Out): void => {
    out.push(f);
    if (!flushQueued) {
      flushQueued = true;
      setImmediate(flush);
    }
  };
  const die = (err: unknown): void => {
    if (dead) return;
    dead = true;
    queue({ port: 0, flags: FRAME_ERROR, aux: 0, payload: errorPayload(err) });
    flush();
    // stdout to a pipe is synchronous on Linux, so the frame is out.
    process.exit(1);
  };

  process.stdout.on('error', () => process.exit(0)); // the parent is gone
  process.stdin.on('error', () => process.exit(0));

  let sock: RawSocket;
  try {
    const protocol = option(args, 'protocol', 0);
    const readBuffer = option(args, 'read-buffer', 32768);
    const recvBuffer = option(args, 'recv-buffer', 4 << 20);
    const sendBuffer = option(args, 'send-buffer', 1 << 20);
    const require = createRequire(import.meta.url);
    let mod: { RawNetlinkSocket: RawSocketCtor };
    try {
      mod = require('netlink/dist/raw.js');
    } catch {
      mod = require('netlink');
    }
    sock = new mod.RawNetlinkSocket(protocol, {
      messagePeeking: false,
      msgBufferSize: readBuffer,
      recvBufferSize: recvBuffer,
      sendBufferSize: sendBuffer,
    });
  } catch (e) {
    die(e);
    return;
  }

  sock.on('message', (msg, rinfo) => {
    queue({ port: rinfo.port, flags: 0, aux: 0, payload: msg });
  });
  sock.on('truncatedMessage', (msg, rinfo) => {
    queue({ port: rinfo.port, flags: FRAME_TRUNCATED, aux: rinfo.truncated ?? msg.length, payload: msg });
  });
  sock.on('error', (err) => die(err));
  try {
    // --groups=1,5,7: multicast groups to join (a monitor). The parent
    // restarts the helper if the kernel overruns it.
    const g = args.find((a) => a.startsWith('--groups='));
    if (g) for (const n of g.slice('--groups='.length).split(',')) sock.addMembership(Number(n));
  } catch (e) {
    die(e);
    return;
  }

  // Frames from stdin are read only once the socket is ready (the stream
  // holds them until then), and READY is announced then.
  const ready = () => {
    queue({ port: sock.address().port, flags: FRAME_READY, aux: sock.getRecvBufferSize(), payload: new Uint8Array(0) });
    listen();
  };
  if (args.includes('--netlink-options')) {
    // NETLINK_EXT_ACK and NETLINK_GET_STRICT_CHK through FFI, before any
    // request goes out; where FFI does not load, the socket goes without.
    Promise.all([import('../sys/sockopt.js'), import('../sys/netns-thread.js'), import('../core/constants.js')])
      .then(([m, t, c]) => {
        const fd = m.findNetlinkFd(sock.address().port, { protocol: option(args, 'protocol', 0), netnsIno: t.currentNetnsInode() });
        if (fd === undefined) return;
        for (const opt of [c.NETLINK_OPT.NETLINK_EXT_ACK, c.NETLINK_OPT.NETLINK_GET_STRICT_CHK]) {
          try {
            m.setIntOption(fd, c.SOL_NETLINK, opt, 1);
          } catch {
            // An older kernel without it: the socket goes without.
          }
        }
      })
      .catch(() => {})
      .finally(ready);
  } else ready();

  const onSent = (index: number) => (err?: Error) => {
    completed = index;
    if (err !== undefined && err !== null) failures.push({ port: 0, flags: FRAME_SEND_FAILED, aux: index, payload: errorPayload(err) });
    if (!flushQueued) {
      flushQueued = true;
      setImmediate(flush);
    }
  };
  const sendOne = (datagram: Buffer): void => {
    received++;
    sock.send(datagram, { port: 0 }, onSent(received));
  };

  // Descriptors opened on the parent's request; only these may be closed by it.
  const opened = new Set<number>();
  const control = (payload: Buffer): void => {
    let req: { id?: unknown; op?: unknown; path?: unknown; fd?: unknown };
    try {
      req = JSON.parse(payload.toString('utf8')) as typeof req;
    } catch (e) {
      die(new Error(`unreadable control request from the parent: ${(e as Error).message}`));
      return;
    }
    const id = typeof req.id === 'number' ? req.id : 0;
    let reply: { fd?: number; error?: ReturnType<typeof errorInfo> };
    try {
      if (req.op === 'open' && typeof req.path === 'string') {
        const fd = openSync(req.path, 'r');
        opened.add(fd);
        reply = { fd };
      } else if (req.op === 'close' && typeof req.fd === 'number') {
        if (opened.delete(req.fd)) closeSync(req.fd);
        reply = {};
      } else reply = { error: { message: `unknown control request ${JSON.stringify(req)}` } };
    } catch (e) {
      reply = { error: errorInfo(e) };
    }
    queue({ port: 0, flags: FRAME_REPLY, aux: id, payload: Buffer.from(JSON.stringify(reply), 'utf8') });
  };

  // Frames from stdin: u32 length, then the datagram.
  let pending: Buffer | undefined;
  function listen(): void {
    process.stdin.on('data', (chunk: Buffer) => {
      let buf = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
      pending = undefined;
      let off = 0;
      while (buf.length - off >= IN_HEADER) {
        const word = buf.readUInt32LE(off);
        const len = (word & ~IN_CONTROL) >>> 0;
        if (len > MAX_FRAME) {
          die(new Error(`bad frame length ${len} from the parent`));
          return;
        }
        if (buf.length - off - IN_HEADER < len) break;
        const body = buf.subarray(off + IN_HEADER, off + IN_HEADER + len);
        off += IN_HEADER + len;
        if ((word & IN_CONTROL) !== 0) control(body);
        else sendOne(body);
        if (dead) return;
      }
      if (off < buf.length) pending = buf.subarray(off);
      buf = Buffer.alloc(0);
    });
    process.stdin.on('end', () => {
      flush();
      sock.close();
      // Nothing else holds the loop open; exit now in case the binding does.
      process.exit(0);
    });
  }
}

function isMain(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) runHelper(process.argv.slice(2));
