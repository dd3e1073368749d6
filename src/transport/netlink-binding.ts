/**
 * The raw netlink socket of the npm `netlink` package, as `socket-port.ts`
 * uses it.
 *
 * The package's own `RawNetlinkSocket` finds its native binary through
 * node-gyp-build, which reads package.json, lists `build/` and `prebuilds/`
 * and parses file names: with the module loading around it, ~5 ms of every
 * tsip start. When the binary is the one the package ships prebuilt for
 * this platform (`prebuilds/linux-<arch>/node.napi.node`, no local build,
 * no override in the environment), it is loaded directly and driven by
 * {@link NativeRawSocket}; otherwise `RawNetlinkSocket` is used as is.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, requireHere } from '../sys/packages.js';

/** Who sent a datagram, as the binding reports it. */
export interface RawInfo {
  port: number;
  groups: number;
  /** Set on a truncated datagram: its original length. */
  truncated?: number;
}

/** The parts of `RawNetlinkSocket` used here. */
export interface RawSocket {
  on(event: 'message' | 'truncatedMessage', cb: (msg: Uint8Array, rinfo: RawInfo) => void): unknown;
  on(event: 'error', cb: (err: Error) => void): unknown;
  send(msg: Uint8Array, options: { port: number }, callback: (err?: Error) => void): void;
  close(): void;
  ref(): void;
  unref(): void;
  address(): { port: number; groups: number };
  getRecvBufferSize(): number;
  addMembership(group: number): void;
}

/** Options of `RawNetlinkSocket` used here. */
export interface RawSocketOptions {
  messagePeeking: boolean;
  msgBufferSize: number;
  recvBufferSize: number;
  sendBufferSize: number;
}

export type RawSocketCtor = new (protocol: number, options: RawSocketOptions) => RawSocket;

/** The binary's socket class (`NativeNetlink`): callbacks are given at construction, and it is bound explicitly. */
interface Native {
  bind(port: number, groups: number): void;
  send(port: number, groups: number, msg: Uint8Array, callback: (err?: Error) => void): void;
  close(): void;
  ref(): void;
  unref(): void;
  address(): { port: number; groups: number };
  getRecvBufferSize(): number;
  setRecvBufferSize(bytes: number): void;
  setSendBufferSize(bytes: number): void;
  addMembership(group: number): void;
}
type NativeCtor = new (
  protocol: number,
  readBuffer: number,
  onMessage: (msg: Uint8Array, rinfo: RawInfo) => void,
  onError: (err: Error) => void,
) => Native;

let nativeCtor: NativeCtor | undefined;
let loader: 'prebuilt' | 'package' | undefined;

/** How the last {@link loadRawSocket} loaded: `prebuilt` (the binary, directly) or `package` (`RawNetlinkSocket`); undefined before. */
export function rawSocketLoader(): 'prebuilt' | 'package' | undefined {
  return loader;
}

/**
 * A socket on the binary's class directly. Bound to port 0: the kernel
 * picks a free port id (the process id for the first socket), as
 * iproute2's sockets do. Reads go into a buffer of `msgBufferSize`
 * (tsip never peeks). One listener per event.
 */
class NativeRawSocket implements RawSocket {
  private readonly native: Native;
  private onMessage: ((msg: Uint8Array, rinfo: RawInfo) => void) | undefined;
  private onTruncated: ((msg: Uint8Array, rinfo: RawInfo) => void) | undefined;
  private onError: ((err: Error) => void) | undefined;

  constructor(protocol: number, options: RawSocketOptions) {
    const Ctor = nativeCtor as NativeCtor;
    this.native = new Ctor(
      protocol,
      options.msgBufferSize,
      (msg, rinfo) => (rinfo.truncated ? this.onTruncated : this.onMessage)?.(msg, rinfo),
      (err) => this.onError?.(err),
    );
    try {
      if (options.recvBufferSize) this.native.setRecvBufferSize(options.recvBufferSize);
      if (options.sendBufferSize) this.native.setSendBufferSize(options.sendBufferSize);
      this.native.bind(0, 0);
    } catch (e) {
      this.native.close();
      throw e;
    }
  }

  on(event: 'message' | 'truncatedMessage' | 'error', cb: (...args: never[]) => void): this {
    if (event === 'message') this.onMessage = cb as typeof this.onMessage;
    else if (event === 'truncatedMessage') this.onTruncated = cb as typeof this.onTruncated;
    else this.onError = cb as typeof this.onError;
    return this;
  }

  send(msg: Uint8Array, options: { port: number }, callback: (err?: Error) => void): void {
    this.native.send(options.port, 0, msg, callback);
  }

  close(): void {
    this.native.close();
  }

  ref(): void {
    this.native.ref();
  }

  unref(): void {
    this.native.unref();
  }

  address(): { port: number; groups: number } {
    return this.native.address();
  }

  getRecvBufferSize(): number {
    return this.native.getRecvBufferSize();
  }

  addMembership(group: number): void {
    this.native.addMembership(group);
  }
}

/** Environment variables node-gyp-build reads to pick another binary. */
const OVERRIDES = ['NETLINK_PREBUILD', 'PREBUILDS_ONLY', 'npm_config_arch', 'npm_config_platform'];

/** The path of the prebuilt binary node-gyp-build would load, when that is certain; else undefined. */
export function prebuiltPath(): string | undefined {
  if (process.platform !== 'linux' || OVERRIDES.some((v) => process.env[v] !== undefined)) return undefined;
  const dir = packageDir('netlink');
  // A local build (build/Release, build/Debug) comes first for node-gyp-build.
  if (dir === undefined || existsSync(join(dir, 'build'))) return undefined;
  const prebuilds = join(dir, 'prebuilds', `linux-${process.arch}`);
  let files: string[];
  try {
    files = readdirSync(prebuilds);
  } catch {
    return undefined;
  }
  // The only flavour, so the one node-gyp-build would choose.
  return files.length === 1 && files[0] === 'node.napi.node' ? join(prebuilds, files[0]) : undefined;
}

/**
 * The socket class to use: {@link NativeRawSocket} over the prebuilt binary
 * when it loads, else the package's `RawNetlinkSocket`. Loaded on first
 * call.
 */
export function loadRawSocket(): RawSocketCtor {
  const require = requireHere();
  const path = prebuiltPath();
  if (path !== undefined) {
    try {
      const binding = require(path) as { NativeNetlink?: NativeCtor };
      if (typeof binding.NativeNetlink === 'function') {
        nativeCtor = binding.NativeNetlink;
        loader = 'prebuilt';
        return NativeRawSocket;
      }
    } catch {
      // Not loadable here: the package's own loader decides.
    }
  }
  let mod: { RawNetlinkSocket: RawSocketCtor };
  try {
    mod = require('netlink/dist/raw.js');
  } catch {
    mod = require('netlink');
  }
  loader = 'package';
  return mod.RawNetlinkSocket;
}
