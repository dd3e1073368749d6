/**
 * How tsip reports a failure it did not cause itself: in words and with
 * ip's exit codes, without a stack trace (src/cli/main.ts describeError).
 */
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/main.js';
import { DecodeError, EncodeError } from '../../src/core/errors.js';

describe('describeError', () => {
  it("a kernel answer that does not decode (read lazily, it fails while printing) is an error in words, exit 2 as ip's talking-to-the-kernel failures", async () => {
    const e = new DecodeError('attribute IFLA_ADDRESS: length 200 runs past the end of its container (12 bytes left)', 116).within('VETH_INFO_PEER');
    expect(await describeError(e)).toEqual({ message: `Error: the kernel's answer does not decode: ${e.message}`, code: 2 });
  });

  it('an encoding failure is a usage error; anything unknown is left to the caller (internal error)', async () => {
    expect(await describeError(new EncodeError('IFLA_MTU: expected an integer'))).toEqual({ message: 'Error: IFLA_MTU: expected an integer', code: 1 });
    expect(await describeError(new TypeError('x'))).toBeUndefined();
  });
});
