/**
 * Address kinds. The IPv6 expectations are what glibc's inet_ntop printed
 * on this machine (`python3 -c 'import socket; socket.inet_ntop(...)'`),
 * which is what iproute2 prints.
 */
import { describe, expect, it } from 'vitest';
import { formatIPv6, lladdr, parseIP, parseIPv4, parseIPv6, ip } from '../../src/schema/addresses.js';
import { sourceOf } from '../../src/schema/kind.js';
import { EncodeError } from '../../src/core/errors.js';
import { Writer } from '../../src/bytes/writer.js';

const v6: [string, string][] = [
  ['00000000000000000000000000000000', '::'],
  ['00000000000000000000000000000001', '::1'],
  ['20010db8000000000000000000000001', '2001:db8::1'],
  ['20010db8000000010000000000000001', '2001:db8:0:1::1'],
  ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
  ['fe800000000000000000000000000000', 'fe80::'],
  ['00000000000000000000ffffc6120001', '::ffff:198.18.0.1'],
  ['000000000000000000000000c6120001', '::198.18.0.1'],
  ['00000000000000000000000000000002', '::2'],
  ['20010db8000100020003000400050006', '2001:db8:1:2:3:4:5:6'],
  ['20010000000000010000000000000000', '2001:0:0:1::'],
];

describe('IPv6 formatting like glibc inet_ntop', () => {
  for (const [hex, text] of v6) {
    it(text, () => {
      const b = Uint8Array.from(Buffer.from(hex, 'hex'));
      expect(formatIPv6(b, 0)).toBe(text);
      expect(Buffer.from(parseIPv6(text)!).toString('hex')).toBe(hex);
    });
  }
});

describe('parsing', () => {
  it('refuses bad addresses', () => {
    for (const bad of ['198.18.0.256', '198.18.0', '01.2.3.4', '1.2.3.4.5', 'x']) expect(parseIPv4(bad)).toBeUndefined();
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', '1:2:3:4:5:6:7']) expect(parseIPv6(bad)).toBeUndefined();
    expect(() => parseIP('300.1.1.1')).toThrow(EncodeError);
  });
  it('chooses the family by length on decode', () => {
    expect(ip.decode(sourceOf(new Uint8Array([198, 18, 0, 1])), 0, 4)).toBe('198.18.0.1');
    expect(() => ip.decode(sourceOf(new Uint8Array(5)), 0, 5)).toThrow(/expected 4 or 16 bytes for an IP address, got 5/);
  });
  it('link-layer addresses of any length', () => {
    const w = new Writer();
    lladdr.encode(w, '02:00:00:00:00:01');
    expect(Array.from(w.finish())).toEqual([2, 0, 0, 0, 0, 1]);
    expect(lladdr.decode(sourceOf(new Uint8Array([0xc0, 0xa8, 1, 2])), 0, 4)).toBe('c0:a8:01:02');
    expect(() => lladdr.encode(new Writer(), '02:00:zz')).toThrow(EncodeError);
  });
});
