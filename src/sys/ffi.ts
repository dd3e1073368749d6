/**
 * The few libc calls Node cannot make, through the npm package `koffi`
 * (a C FFI with prebuilt binaries): setns(2), setsockopt(2),
 * getsockopt(2), getsockname(2), ioctl(2) (SIOCGIFINDEX), unshare(2),
 * mount(2) and umount2(2).
 *
 * Loaded on first use, never on import. The platform's prebuilt
 * `koffi.node` is loaded directly when it is where koffi's own platform
 * package keeps it (2.4 ms here, against 9 ms for `require('koffi')`, which
 * first reads the ELF header of the node binary to tell glibc from musl);
 * otherwise `require('koffi')` decides.
 *
 * `TSNETLINK_FFI=0` in the environment switches FFI off, as if koffi could
 * not load: sockets are then plain `netlink` binding sockets in this
 * process's namespace (no extended ACK), and other namespaces are reached
 * through helper processes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, requireHere } from './packages.js';

/** The environment variable that switches FFI off when set to `0`. */
export const FFI_ENV = 'TSNETLINK_FFI';

/** The libc functions used, as koffi calls them. Pointers are Buffers. */
export interface Libc {
  setns(fd: number, nstype: number): number;
  unshare(flags: number): number;
  setsockopt(fd: number, level: number, name: number, value: Buffer, len: number): number;
  getsockopt(fd: number, level: number, name: number, value: Buffer, len: Buffer): number;
  getsockname(fd: number, addr: Buffer, len: Buffer): number;
  /** ioctl(2), variadic: the third argument's C type goes before it (`'void *'`). */
  ioctl(fd: number, request: number, argType: string, arg: Buffer | null): number;
  mount(source: string | null, target: string, fstype: string | null, flags: number, data: null): number;
  umount2(target: string, flags: number): number;
  /** errno after the last call (koffi keeps it per call). */
  errno(): number;
}

/** FFI could not be loaded (or was switched off); `message` says why. */
export class FfiUnavailableError extends Error {
  override readonly name = 'FfiUnavailableError';
}

/** True when `e` is an {@link FfiUnavailableError}. */
export function isFfiUnavailableError(e: unknown): e is FfiUnavailableError {
  return e instanceof FfiUnavailableError;
}

interface KoffiLib {
  func(decl: string): (...args: unknown[]) => number;
}
interface Koffi {
  load(path: string): KoffiLib;
  errno(): number;
}

let loaded: Libc | FfiUnavailableError | undefined;
let loader: 'prebuilt' | 'koffi' | undefined;

/** The version in a package folder's package.json. */
function versionIn(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function loadKoffi(): Koffi {
  const require = requireHere();
  const arch = process.arch;
  try {
    // Only the native module koffi itself would load (koffi checks the same).
    // The folders are looked up, not resolved: koffi's `exports` hide its
    // package.json, and resolving through them costs ~2 ms.
    const koffiDir = packageDir('koffi');
    const platformDir = packageDir(`@koromix/koffi-linux-${arch}`);
    if (koffiDir !== undefined && platformDir !== undefined && versionIn(platformDir) === versionIn(koffiDir)) {
      const direct = require(join(platformDir, `linux_${arch}`, 'koffi.node')) as Koffi;
      if (typeof direct.load === 'function') {
        loader = 'prebuilt';
        return direct;
      }
    }
  } catch {
    // Not glibc, or another layout: let koffi's loader decide.
  }
  loader = 'koffi';
  return require('koffi') as Koffi;
}

/**
 * How FFI was loaded: `prebuilt` (koffi's platform binary, directly) or
 * `koffi` (its own loader); undefined before it loads or when it cannot.
 */
export function ffiLoader(): 'prebuilt' | 'koffi' | undefined {
  return loaded === undefined || loaded instanceof FfiUnavailableError ? undefined : loader;
}

function loadLibc(): Libc {
  if (process.env[FFI_ENV] === '0') throw new FfiUnavailableError(`FFI switched off (${FFI_ENV}=0)`);
  if (process.platform !== 'linux') throw new FfiUnavailableError(`FFI calls need Linux, not ${process.platform}`);
  let koffi: Koffi;
  try {
    koffi = loadKoffi();
  } catch (e) {
    throw new FfiUnavailableError(`the koffi package could not be loaded: ${(e as Error).message}`, { cause: e });
  }
  let lib: KoffiLib | undefined;
  const errors: string[] = [];
  for (const name of ['libc.so.6', `libc.musl-${process.arch === 'x64' ? 'x86_64' : process.arch}.so.1`, 'libc.so']) {
    try {
      lib = koffi.load(name);
      break;
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (lib === undefined) throw new FfiUnavailableError(`libc could not be loaded: ${errors.join('; ')}`);
  const f = lib.func.bind(lib);
  return {
    setns: f('int setns(int fd, int nstype)') as Libc['setns'],
    unshare: f('int unshare(int flags)') as Libc['unshare'],
    setsockopt: f('int setsockopt(int fd, int level, int name, const void *value, uint32_t len)') as Libc['setsockopt'],
    getsockopt: f('int getsockopt(int fd, int level, int name, void *value, void *len)') as Libc['getsockopt'],
    getsockname: f('int getsockname(int fd, void *addr, void *len)') as Libc['getsockname'],
    ioctl: f('int ioctl(int fd, unsigned long request, ...)') as Libc['ioctl'],
    mount: f('int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data)') as Libc['mount'],
    umount2: f('int umount2(const char *target, int flags)') as Libc['umount2'],
    errno: () => koffi.errno(),
  };
}

/** libc through FFI; throws {@link FfiUnavailableError} when it cannot load (the failure is remembered). */
export function libc(): Libc {
  if (loaded === undefined) {
    try {
      loaded = loadLibc();
    } catch (e) {
      loaded = e instanceof FfiUnavailableError ? e : new FfiUnavailableError(String(e));
    }
  }
  if (loaded instanceof FfiUnavailableError) throw loaded;
  return loaded;
}

/** True when FFI loads here (loading it if needed). */
export function ffiAvailable(): boolean {
  try {
    libc();
    return true;
  } catch {
    return false;
  }
}

/** Why FFI is unavailable, or undefined when it loads. */
export function ffiUnavailableReason(): string | undefined {
  try {
    libc();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
