/**
 * Errors of the high-level API for bad input from the user. Kernel refusals
 * are {@link KernelError} (transport); these are raised before anything is
 * sent, so nothing is left half-made.
 */
import { isKernelError } from '../transport/errors.js';

/** A name, address, number or option the user gave is not acceptable. */
export class InvalidArgumentError extends Error {
  override readonly name = 'InvalidArgumentError';
  constructor(
    message: string,
    /** The offending argument, as given. */
    readonly argument?: string,
  ) {
    super(message);
  }
}

/** A named device does not exist (iproute2: `Cannot find device "X"`). */
export class DeviceNotFoundError extends Error {
  override readonly name = 'DeviceNotFoundError';
  constructor(readonly device: string) {
    super(`Cannot find device "${device}"`);
  }
}

/** True when `e` is an {@link InvalidArgumentError} (a bad argument, refused before anything was sent). */
export function isInvalidArgumentError(e: unknown): e is InvalidArgumentError {
  return e instanceof InvalidArgumentError;
}

/** True when `e` is a {@link DeviceNotFoundError} (a named link does not exist). */
export function isDeviceNotFoundError(e: unknown): e is DeviceNotFoundError {
  return e instanceof DeviceNotFoundError;
}

/** Rethrows `e`, as DeviceNotFoundError(`device`) when it is the kernel's ENODEV for that device. */
export function notFound(e: unknown, device: string | undefined): never {
  if (device !== undefined && isKernelError(e, 'ENODEV')) throw new DeviceNotFoundError(device);
  throw e;
}
