/**
 * Namespace names as iproute2's `invalid_name()` (ip/ipnetns.c) judges
 * them: non-empty, at most NAME_MAX (255) bytes, no `/`, not `.` or `..`;
 * plus our own refusals of NUL and lone surrogates.
 */
import { describe, expect, it } from 'vitest';
import { isNetnsNameError, isValidNetnsName, NETNS_NAME_MAX, NetnsNameError, validateNetnsName } from '../../src/netns/names.js';

function refusal(name: string): NetnsNameError {
  try {
    validateNetnsName(name);
  } catch (e) {
    expect(isNetnsNameError(e)).toBe(true);
    return e as NetnsNameError;
  }
  throw new Error(`"${name}" was accepted`);
}

describe('validateNetnsName', () => {
  it.each([
    ['', 'empty', 'Invalid netns name "": it is empty'],
    ['a/b', 'slash', 'Invalid netns name "a/b": it contains "/"'],
    ['/', 'slash', 'Invalid netns name "/": it contains "/"'],
    ['../etc', 'slash', 'Invalid netns name "../etc": it contains "/"'],
    ['a;rm -rf /', 'slash', 'Invalid netns name "a;rm -rf /": it contains "/"'],
    ['.', 'dot', 'Invalid netns name ".": "." names a directory, not a namespace'],
    ['..', 'dot', 'Invalid netns name "..": ".." names a directory, not a namespace'],
    ['a\0b', 'nul', 'Invalid netns name "a\\0b": it contains a NUL character'],
  ])('refuses %j (%s) in iproute2 words', (name, problem, message) => {
    const e = refusal(name);
    expect(e.name).toBe('NetnsNameError');
    expect(e.problem).toBe(problem);
    expect(e.netns).toBe(name);
    expect(e.message).toBe(message);
    expect(e.message.startsWith(`Invalid netns name "`)).toBe(true);
    expect(isValidNetnsName(name)).toBe(false);
  });

  it('accepts 255 bytes and refuses 256, counting UTF-8 bytes', () => {
    expect(NETNS_NAME_MAX).toBe(255);
    expect(validateNetnsName('n'.repeat(255))).toBe('n'.repeat(255));
    const e = refusal('n'.repeat(256));
    expect(e.problem).toBe('too-long');
    expect(e.message).toMatch(/: it is 256 bytes long, more than 255$/);
    // 'é' is 2 bytes: 127 of them and one 'x' make 255 bytes in 128 characters.
    expect(isValidNetnsName('é'.repeat(127) + 'x')).toBe(true);
    expect(refusal('é'.repeat(128)).problem).toBe('too-long');
    // '🦀' is 4 bytes (2 UTF-16 units).
    expect(isValidNetnsName('🦀'.repeat(63) + 'abc')).toBe(true);
    expect(isValidNetnsName('🦀'.repeat(64))).toBe(false);
  });

  it('refuses a lone surrogate, which has no UTF-8 form', () => {
    expect(refusal('a\uD800b').problem).toBe('not-unicode');
    expect(refusal('\uDC00').problem).toBe('not-unicode');
    expect(isValidNetnsName('\uD83E\uDD80')).toBe(true); // a proper pair
  });

  it('refuses what is not a string', () => {
    expect(refusal(undefined as unknown as string).problem).toBe('not-string');
    expect(refusal(42 as unknown as string).message).toBe('Invalid netns name "42": expected a string, got number');
  });

  it.each([
    ['$(x)'],
    ['a;rm -rf ~'],
    ['`id`'],
    ["it's \"quoted\""],
    ['-x'],
    ['--'],
    ['a b\tc\nd'],
    ['*'],
    ['...'],
    ['.hidden'],
    ['help'],
    ['ünïcødé'],
  ])('accepts %j, as iproute2 does (names never meet a shell)', (name) => {
    expect(validateNetnsName(name)).toBe(name);
    expect(isValidNetnsName(name)).toBe(true);
  });
});
