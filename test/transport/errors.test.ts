/**
 * Transport errors: fixed names, type guards, and the words iproute2 prints.
 */
import { describe, expect, it } from 'vitest';
import {
  DumpInterruptedError,
  KernelError,
  TimeoutError,
  TransportError,
  isDumpInterruptedError,
  isKernelError,
  isTimeoutError,
  isTransportError,
  kernelErrorText,
} from '../../src/transport/errors.js';

describe('kernelErrorText', () => {
  it('prints RTNETLINK answers: <strerror> without an ext-ack message', () => {
    expect(kernelErrorText(17)).toBe('RTNETLINK answers: File exists');
    expect(kernelErrorText(19)).toBe('RTNETLINK answers: No such device');
    expect(kernelErrorText(1)).toBe('RTNETLINK answers: Operation not permitted');
    expect(kernelErrorText(17, '')).toBe('RTNETLINK answers: File exists');
  });

  it('prints Error: <message>. with an ext-ack message, adding the full stop only when missing', () => {
    expect(kernelErrorText(22, 'Unknown device type')).toBe('Error: Unknown device type.');
    expect(kernelErrorText(22, 'Invalid prefix for given prefix length.')).toBe('Error: Invalid prefix for given prefix length.');
  });
});

describe('KernelError', () => {
  it('takes the errno in either sign and names it', () => {
    const e = new KernelError({ errno: -17, requestType: 16, requestName: 'RTM_NEWLINK', seq: 5 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('KernelError');
    expect(e.errno).toBe(17);
    expect(e.code).toBe('EEXIST');
    expect(e.message).toBe('RTNETLINK answers: File exists');
    expect(e.source).toBe('ack');
    expect(new KernelError({ errno: 17, requestType: 16, seq: 5 }).requestName).toBe('type 16');
    expect(new KernelError({ errno: 4000, requestType: 16, seq: 5 }).code).toBe('E4000');
  });

  it('carries the extended ACK', () => {
    const e = new KernelError({ errno: 22, requestType: 16, seq: 1, ext: { msg: 'bad', offs: 36, missType: 3 }, attrPath: ['IFLA_MTU'], source: 'done' });
    expect(e.message).toBe('Error: bad.');
    expect(e.extMessage).toBe('bad');
    expect(e.extOffset).toBe(36);
    expect(e.ext?.missType).toBe(3);
    expect(e.attrPath).toEqual(['IFLA_MTU']);
    expect(e.source).toBe('done');
  });
});

describe('type guards and names', () => {
  const kernel = new KernelError({ errno: 17, requestType: 16, seq: 1 });
  const transport = new TransportError('connection closed', 'closed');
  const timeout = new TimeoutError(16, 'RTM_NEWLINK', 3, 100);
  const intr = new DumpInterruptedError(18, 'RTM_GETLINK', 4, []);
  const all = [kernel, transport, timeout, intr];

  it('have fixed names', () => {
    expect(all.map((e) => e.name)).toEqual(['KernelError', 'TransportError', 'TimeoutError', 'DumpInterruptedError']);
  });

  it('each guard accepts its own class only', () => {
    expect(all.map((e) => isKernelError(e))).toEqual([true, false, false, false]);
    expect(all.map((e) => isTransportError(e))).toEqual([false, true, false, false]);
    expect(all.map((e) => isTimeoutError(e))).toEqual([false, false, true, false]);
    expect(all.map((e) => isDumpInterruptedError(e))).toEqual([false, false, false, true]);
    expect(isKernelError(kernel, 'EEXIST')).toBe(true);
    expect(isKernelError(kernel, 'ENODEV')).toBe(false);
    expect(isKernelError(new Error('x'))).toBe(false);
  });

  it('describe themselves', () => {
    expect(timeout.message).toBe('RTM_NEWLINK: no answer from the kernel within 100 ms');
    expect(intr.message).toBe('RTM_GETLINK: dump interrupted by concurrent changes 4 times in a row; the result may be inconsistent');
    const cause = new Error('EBADF');
    expect(new TransportError('netlink socket failed: EBADF', 'socket', { cause }).cause).toBe(cause);
  });
});
