/**
 * What `-x` and `-xx` print per datagram: the namespace label of each
 * socket kind, one line per message at level 1, a header and every byte
 * at level 2.
 */
import { describe, expect, it } from 'vitest';
import { datagramHeader, tapText, whereLabel } from '../../src/explain/tap.js';
import { parsePasted } from '../../src/explain/paste.js';
import { toHex } from '../../src/bytes/hex.js';
import type { Protocol } from '../../src/netlink/protocol.js';
import { rtnetlink } from '../../src/families/registry.js';
import { fixture } from '../support/fixtures.js';

describe('whereLabel', () => {
  it('names the namespace of every kind of socket a handle labels', () => {
    expect(whereLabel(undefined)).toBe('own netns');
    expect(whereLabel({})).toBe('own netns');
    expect(whereLabel({ netns: 'red' })).toBe('netns red');
    expect(whereLabel({ netns: 'red', helper: true })).toBe('netns red, helper');
    expect(whereLabel({ netns: 'red', helper: false })).toBe('netns red');
    expect(whereLabel({ netns: '/proc/1/ns/net' })).toBe('netns /proc/1/ns/net');
    expect(whereLabel({ netns: 'fd 5' })).toBe('netns fd 5');
  });
});

describe('tapText', () => {
  const dump = fixture('addr/dump').datagrams;
  it('level 1: a line per message, arrow and namespace on each', () => {
    const text = tapText(1, false, dump[1]!.bytes, rtnetlink, 'netns red');
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^<- RTM_NEWLINK 1: lo UP \(multi, \d+ bytes\) \[netns red\]$/),
      expect.stringMatching(/^<- RTM_NEWLINK 2: veth1 type veth UP \(multi, \d+ bytes\) \[netns red\]$/),
    ]);
    expect(tapText(1, false, dump[3]!.bytes, rtnetlink, 'own netns')).toBe('<- NLMSG_DONE (multi, 20 bytes) [own netns]');
  });
  it('level 2: the header, then rows tiling every byte', () => {
    const d = dump[0]!.bytes;
    const lines = tapText(2, true, d, rtnetlink, 'own netns').split('\n');
    expect(lines[0]).toBe(datagramHeader(true, d.length, false, 'own netns'));
    expect(lines[0]).toBe('-> sent 40 bytes [own netns]');
    expect(lines[1]).toMatch(/^0000 {2}28 00 00 00 +nlmsg_len +40$/);
    const bytes = lines.slice(1).reduce((n, l) => n + (/^[0-9a-f]{4} {2}((?:[0-9a-f]{2} ?)*)/.exec(l)![1]!.trim().split(' ').filter(Boolean).length), 0);
    expect(bytes).toBe(d.length);
    expect(datagramHeader(false, 36, true, 'netns red, helper')).toBe('<- received 36 bytes, NETLINK_GENERIC [netns red, helper]');
  });
  it('level 2: bytes that cannot be explained at all are still printed whole, and paste back', () => {
    const d = dump[0]!.bytes;
    const broken = { ...rtnetlink, messages: { get: () => { throw new Error('boom'); } } } as unknown as Protocol;
    const text = tapText(2, false, d, broken, 'own netns');
    expect(text).toMatch(/^<- received 40 bytes \[own netns\]\n0000 {2}28 00 00 00 12 00 01 03 +cannot explain: boom$/m);
    expect(parsePasted(text).datagrams.map((x) => toHex(x.bytes))).toEqual([toHex(d)]);
  });
  it('level 2: a refusal is followed by the error traced to its attribute', () => {
    const f = fixture('extack/mtu-2-bytes');
    expect(tapText(2, false, f.datagrams[1]!.bytes, rtnetlink, 'own netns')).toMatch(/\nError: Attribute failed policy validation at IFLA_MTU \(offset 44\)/);
  });
});
