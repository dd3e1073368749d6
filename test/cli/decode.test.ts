/**
 * `tsip decode`, run as a user would: the built CLI in a child process.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { fixture } from '../support/fixtures.js';

const BIN = new URL('../../bin/tsip.cjs', import.meta.url).pathname;
const tsip = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });

const addVeth = fixture('link/add-veth');
const request = addVeth.datagrams.find((d) => d.dir === 'send' && d.bytes[4] === 16 && d.bytes[8] + d.bytes[9] + d.bytes[10] + d.bytes[11] !== 0)!;

describe('tsip decode', () => {
  it('prints JSON with kernel names, the veth peer as a nested ifinfomsg', () => {
    const r = tsip(['decode', '--json', toHex(request.bytes)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [m] = JSON.parse(r.stdout);
    expect(m.nlmsg_type).toBe('RTM_NEWLINK');
    expect(m.nlmsg_flags).toEqual(['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_EXCL', 'NLM_F_CREATE']);
    expect(m.ifinfomsg.ifi_family).toBe('AF_UNSPEC');
    expect(m.attributes.IFLA_IFNAME).toBe('veth-test1');
    expect(m.attributes.IFLA_LINKINFO.IFLA_INFO_KIND).toBe('veth');
    const peer = m.attributes.IFLA_LINKINFO.IFLA_INFO_DATA.VETH_INFO_PEER;
    expect(peer.ifinfomsg.ifi_index).toBe(0);
    expect(peer.attributes.IFLA_IFNAME).toBe('veth-test2');
  });
  it('reads hex from stdin with spaces, newlines and 0x prefixes', () => {
    const hex = Array.from(request.bytes, (b) => '0x' + b.toString(16).padStart(2, '0')).join(' \n');
    const r = tsip(['decode', '--json', '-'], hex);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0].attributes.IFLA_IFNAME).toBe('veth-test1');
  });
  it('explains every byte without --json', () => {
    const r = tsip(['decode', toHex(request.bytes)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^0000 {2}64 00 00 00 +nlmsg_len +100$/m);
    expect(r.stdout).toMatch(/> > VETH_INFO_PEER/);
    expect(r.stdout).toMatch(/"veth-test2"/);
  });
  it('names EEXIST in an error reply', () => {
    const f = fixture('error/eexist');
    const err = f.datagrams.filter((d) => d.dir === 'recv').map((d) => toHex(d.bytes)).join('');
    const r = tsip(['decode', '--json', err]);
    expect(r.status).toBe(0);
    const msgs = JSON.parse(r.stdout);
    expect(msgs.some((m: any) => m.error === -17 && m.errno === 'EEXIST')).toBe(true);
  });
  it('keeps an unknown attribute with its number and bytes', () => {
    // RTM_NEWLINK, ifinfomsg, then attribute type 200 with 4 bytes.
    const hex = '28000000100000000000000000000000' + '00000000000000000000000000000000' + '0800c800deadbeef';
    const r = tsip(['decode', '--json', hex]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0].attributes.IFLA_200).toEqual({ type: 200, flags: 0, hex: 'deadbeef' });
  });
  for (const [what, input, msg] of [
    ['truncated input', '6400000010000506', /cannot decode: 8 bytes left, too few for a 16-byte nlmsghdr \(offset 0\)/],
    ['a lying length', toHex(request.bytes.slice(0, 40)), /nlmsg_len 100 runs past the end of the data \(40 bytes left\) \(offset 0\)/],
    ['not hex', 'zz', /not a hex digit/],
    ['odd digits', 'abc', /odd number of digits/],
  ] as const) {
    it(`exits 1 with one clear line for ${what}`, () => {
      const r = tsip(['decode', input]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/at .*\.js/);
    });
  }
});
