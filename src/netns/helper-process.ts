/**
 * One helper process (see `helper-port.ts`): spawning it, writing datagram
 * and control frames to its stdin (corked per tick, so a burst of sends is
 * one writev), reading frames from its stdout, keeping the tail of its
 * stderr for error messages, and stopping it (end of stdin, then SIGKILL).
 * What the frames mean is decided by `HelperPort`, which owns the helpers.
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { encodeControlFrame, encodeInFrame, FramingError, OutFrameReader, type ControlReply, type FrameErrorInfo, type OutFrame } from './frames.js';
import { track, untrack, type Reapable } from './reaper.js';

const STDERR_KEEP = 4096;

/** A send's completion callback. */
export type SentCb = (err?: Error) => void;

/** One helper process and its framing. */
export class Helper implements Reapable {
  readonly proc: ChildProcess;
  /** Resolves once the process has exited and its stdio closed (reaped). */
  readonly exited: Promise<void>;
  /** Set by the port on the READY frame. */
  ready = false;
  /** The helper socket's netlink port id (from READY). */
  port = 0;
  /** The helper socket's SO_RCVBUF (from READY). */
  receiveBuffer: number | undefined;
  /** Datagrams written to stdin so far (their numbers are 1, 2, ...). */
  written = 0;
  /** Send callbacks not yet completed, in order. */
  readonly callbacks: { index: number; cb: SentCb }[] = [];
  private cbHead = 0;
  /** Control requests waiting for their FRAME_REPLY, by id. */
  readonly controls = new Map<number, { resolve: (r: ControlReply) => void; reject: (e: Error) => void }>();
  private nextControl = 0;
  /** Descriptors opened with openNetnsFd and not yet closed. */
  openFds = 0;
  /** Expected to exit: closed, or stopped when idle. */
  retiring = false;
  /** The process has exited and been reaped. */
  gone = false;
  /** The last few KB of its stderr. */
  stderr = '';
  /** Its FRAME_ERROR, if it sent one. */
  errorInfo: FrameErrorInfo | undefined;
  private corked = false;
  private killTimer: NodeJS.Timeout | undefined;
  private resolveExited!: () => void;

  constructor(
    file: string,
    args: string[],
    private readonly events: {
      frame(h: Helper, f: OutFrame): void;
      broken(h: Helper, err: Error): void;
      ended(h: Helper, code: number | null, signal: NodeJS.Signals | null, spawnError: Error | undefined): void;
    },
  ) {
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
    const env = { ...process.env };
    // The parent's --require/--import hooks (test runners, loaders) are not the helper's.
    delete env.NODE_OPTIONS;
    // Own process group: a Ctrl-C in the terminal goes to the parent, which decides.
    // Loaded on first use: a command that needs no helper never pays for it.
    const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    this.proc = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env });
    let spawnError: Error | undefined;
    const reader = new OutFrameReader((f) => events.frame(this, f));
    let broken = false;
    this.proc.stdout!.on('data', (chunk: Buffer) => {
      if (broken) return;
      try {
        reader.push(chunk);
      } catch (e) {
        if (!(e instanceof FramingError)) throw e;
        // Nothing after a bad length can be trusted.
        broken = true;
        this.kill();
        events.broken(this, e);
      }
    });
    this.proc.stderr!.setEncoding('utf8');
    this.proc.stderr!.on('data', (s: string) => {
      this.stderr = (this.stderr + s).slice(-STDERR_KEEP);
    });
    // EPIPE when the helper is gone: its exit is reported instead.
    this.proc.stdin!.on('error', () => {});
    this.proc.on('error', (e) => {
      // Spawn failure (then 'close' follows), or a failed kill (ignored).
      if (this.proc.pid === undefined) spawnError = e;
    });
    this.proc.on('close', (code, signal) => {
      if (this.gone) return;
      this.gone = true;
      if (this.killTimer !== undefined) clearTimeout(this.killTimer);
      untrack(this);
      this.resolveExited();
      events.ended(this, code, signal, spawnError);
    });
    if (this.proc.pid !== undefined) track(this);
  }

  /** Writes one datagram frame (numbered 1, 2, ... for the helper's FRAME_SENT counts). */
  write(datagram: Uint8Array, cb: SentCb | undefined): void {
    const index = ++this.written;
    if (cb !== undefined) this.callbacks.push({ index, cb });
    const stdin = this.proc.stdin!;
    if (!this.corked) {
      // Everything sent in this tick goes out in one writev.
      this.corked = true;
      stdin.cork();
      process.nextTick(() => {
        this.corked = false;
        stdin.uncork();
      });
    }
    const [head, body] = encodeInFrame(datagram);
    stdin.write(head);
    if (body.length > 0) stdin.write(body);
  }

  /** Writes a control request; resolves with the helper's reply. */
  control(req: { op: 'open'; path: string } | { op: 'close'; fd: number }): Promise<ControlReply> {
    const id = (this.nextControl = (this.nextControl % 0xffff_fffe) + 1);
    this.proc.stdin!.write(encodeControlFrame({ id, ...req }));
    return new Promise((resolve, reject) => this.controls.set(id, { resolve, reject }));
  }

  /** Fails every control request waiting. */
  failControls(err: Error): void {
    const all = [...this.controls.values()];
    this.controls.clear();
    for (const c of all) c.reject(err);
  }

  /** Completes callbacks of datagrams up to `index`; the one at `failed` gets `err`. */
  complete(index: number, failed?: number, err?: Error): void {
    const q = this.callbacks;
    while (this.cbHead < q.length && q[this.cbHead]!.index <= index) {
      const { index: i, cb } = q[this.cbHead++]!;
      cb(i === failed ? err : undefined);
    }
    if (this.cbHead > 64 && this.cbHead * 2 > q.length) {
      q.splice(0, this.cbHead);
      this.cbHead = 0;
    }
  }

  /** Send callbacks still waiting. */
  outstanding(): number {
    return this.callbacks.length - this.cbHead;
  }

  /** Takes the waiting send callbacks away. */
  takeCallbacks(): SentCb[] {
    const cbs = this.callbacks.slice(this.cbHead).map((c) => c.cb);
    this.callbacks.length = 0;
    this.cbHead = 0;
    return cbs;
  }

  /** Ends stdin (the helper exits on end of file), SIGKILL after `timeout` ms. */
  retire(timeout: number): void {
    if (this.retiring) return;
    this.retiring = true;
    if (this.gone) return;
    this.proc.stdin!.end();
    this.setRef(false);
    this.killTimer = setTimeout(() => this.kill(), timeout);
    this.killTimer.unref();
  }

  kill(): void {
    if (!this.gone && this.proc.pid !== undefined) this.proc.kill('SIGKILL');
  }

  setRef(on: boolean): void {
    if (this.gone) return;
    const p = this.proc;
    for (const s of [p.stdin, p.stdout, p.stderr]) {
      // The stdio streams are net.Sockets over pipes; each holds the loop.
      const sock = s as unknown as { ref?(): void; unref?(): void } | null;
      if (on) sock?.ref?.();
      else sock?.unref?.();
    }
    if (on) p.ref();
    else p.unref();
  }
}
