/**
 * Reading netlink pcaps: the files our writer makes, nlmon-style files
 * (packet types 6 and 7, big-endian or nanosecond headers), broken files,
 * and `tsip decode --pcap` on them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directionOf, PcapError, readPcap } from '../../src/pcap/reader.js';
import { PcapWriter, pcapHeader, pcapRecord } from '../../src/pcap/writer.js';
import { fixture } from '../support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'tsnl-t-teach-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = new URL('../../bin/tsip.cjs', import.meta.url).pathname;
const tsip = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

const veth = fixture('link/add-veth').datagrams;

/** A pcap written by src/pcap/writer.ts. */
function writePcap(name: string, datagrams: { dir: 'send' | 'recv'; bytes: Uint8Array }[]): string {
  const path = join(dir, name);
  const w = new PcapWriter(path);
  datagrams.forEach((d, i) => w.write(d.bytes, d.dir === 'send', 1_700_000_000_000 + i * 1.5));
  w.close();
  return path;
}

/** An nlmon-style file: big-endian header, nanosecond timestamps, packet types 7 (to kernel) and 6 (to user). */
function nlmonPcap(packets: { type: number; protocol?: number; bytes: Uint8Array }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const h = new Uint8Array(24);
  const hv = new DataView(h.buffer);
  hv.setUint32(0, 0xa1b23c4d, false);
  hv.setUint16(4, 2, false);
  hv.setUint16(6, 4, false);
  hv.setUint32(16, 65535, false);
  hv.setUint32(20, 253, false);
  parts.push(h);
  packets.forEach((p, i) => {
    const r = new Uint8Array(32 + p.bytes.length);
    const v = new DataView(r.buffer);
    v.setUint32(0, 1_700_000_000 + i, false);
    v.setUint32(4, 250_000_000, false); // ns
    v.setUint32(8, 16 + p.bytes.length, false);
    v.setUint32(12, 16 + p.bytes.length, false);
    v.setUint16(16, p.type, false);
    v.setUint16(18, 824, false);
    v.setUint16(30, p.protocol ?? 0, false);
    r.set(p.bytes, 32);
    parts.push(r);
  });
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

describe('readPcap', () => {
  it('reads back what the writer wrote', () => {
    const path = writePcap('veth.pcap', veth);
    const { linkType, packets } = readPcap(new Uint8Array(readFileSync(path)));
    expect(linkType).toBe(253);
    expect(packets.map((p) => [p.index, p.dir, p.packetType, p.hatype, p.protocol])).toEqual([
      [1, 'send', 4, 824, 0],
      [2, 'recv', 0, 824, 0],
      [3, 'send', 4, 824, 0],
      [4, 'recv', 0, 824, 0],
    ]);
    packets.forEach((p, i) => {
      expect(p.bytes).toEqual(veth[i]!.bytes);
      expect(p.origLength).toBe(veth[i]!.bytes.length);
    });
    expect(packets[1]!.timeMs).toBeCloseTo(1_700_000_000_001.5, 3);
  });
  it('reads nlmon captures: big-endian, nanoseconds, PACKET_KERNEL and PACKET_USER', () => {
    const file = nlmonPcap([
      { type: 7, bytes: veth[2]!.bytes },
      { type: 6, bytes: veth[3]!.bytes },
      { type: 3, protocol: 16, bytes: veth[0]!.bytes },
    ]);
    const { packets } = readPcap(file);
    expect(packets.map((p) => [p.dir, p.packetType, p.protocol])).toEqual([
      ['send', 7, 0],
      ['recv', 6, 0],
      [undefined, 3, 16],
    ]);
    expect(packets[0]!.bytes).toEqual(veth[2]!.bytes);
    expect(packets[0]!.timeMs).toBe(1_700_000_000_250);
  });
  it('maps packet types to directions', () => {
    expect([0, 4, 6, 7, 1].map(directionOf)).toEqual(['recv', 'send', 'recv', 'send', undefined]);
  });
  for (const [what, bytes, msg] of [
    ['a short file', new Uint8Array(10), '10 bytes, too few for a pcap file header (24) (offset 0)'],
    ['pcapng', Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a, ...new Uint8Array(24)), 'this is a pcapng file; convert it with `editcap -F pcap IN OUT` (offset 0)'],
    ['another format', new Uint8Array(24).fill(7), 'not a pcap file (magic 0x07070707) (offset 0)'],
    ['Ethernet', (() => { const h = pcapHeader(); h[20] = 1; return h; })(), 'link type 1 is not LINKTYPE_NETLINK (253) (offset 20)'],
    ['a cut record', (() => { const r = pcapRecord(veth[2]!.bytes, true, 0); return Uint8Array.from([...pcapHeader(), ...r.subarray(0, 50)]); })(), 'packet 1: 116 bytes announced, 34 left in the file (offset 32)'],
    ['a record without pseudo-header', Uint8Array.from([...pcapHeader(), 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 1, 2, 3, 4]), 'packet 1: 4 bytes, too few for the 16-byte netlink pseudo-header (offset 32)'],
    ['a torn record header', Uint8Array.from([...pcapHeader(), 1, 2, 3]), 'packet 1: 3 bytes left, too few for a record header (16) (offset 24)'],
  ] as const) {
    it(`refuses ${what}`, () => {
      expect(() => readPcap(bytes)).toThrow(PcapError);
      expect(() => readPcap(bytes)).toThrow(msg);
    });
  }
});

describe('tsip decode --pcap', () => {
  it('explains each packet under a header line, replies paired with requests', () => {
    const path = writePcap('veth-cli.pcap', veth);
    const r = tsip(['decode', '--pcap', path]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const heads = r.stdout.split('\n').filter((l) => l.startsWith('#'));
    expect(heads).toEqual([
      '#1 packet 1 (2023-11-14T22:13:20.000Z): user -> kernel, 32 bytes, seq 0',
      '#2 packet 2 (2023-11-14T22:13:20.001Z): kernel -> user, 52 bytes, seq 0, reply to #1',
      '#3 packet 3 (2023-11-14T22:13:20.003Z): user -> kernel, 100 bytes, seq 1795913003',
      '#4 packet 4 (2023-11-14T22:13:20.004Z): kernel -> user, 36 bytes, seq 1795913003, reply to #3',
    ]);
    expect(r.stdout).toMatch(/^Error: No such device \(-19 ENODEV\)$/m);
    expect(r.stdout).toMatch(/^0040  24 00 01 00 +> > VETH_INFO_PEER +len 36, type 1$/m);
  });
  it('traces an ext-ack error through the request captured before it', () => {
    const f = fixture('extack/vxlan-id-2-bytes');
    const path = writePcap('vxlan.pcap', f.datagrams);
    const r = tsip(['decode', '--json', '--pcap', path]);
    expect(r.status).toBe(0);
    const [req, reply] = JSON.parse(r.stdout);
    expect(req.decode_error).toBe('IFLA_LINKINFO > IFLA_INFO_DATA > IFLA_VXLAN_ID: expected 4 bytes, got 2 (offset 68)');
    expect(reply.reply_to).toBe(1);
    expect(reply.errors[0].text).toBe('Error: Attribute failed policy validation at IFLA_LINKINFO > IFLA_INFO_DATA > IFLA_VXLAN_ID (offset 64): expected u32, got 2 bytes (-34 ERANGE)');
    const text = tsip(['decode', '--pcap', path]).stdout;
    expect(text).toMatch(/^#1 packet 1 .*does not decode: IFLA_LINKINFO > IFLA_INFO_DATA > IFLA_VXLAN_ID: expected 4 bytes, got 2 \(offset 68\)$/m);
    expect(text).toMatch(/^0044  2a 00 +malformed: expected 4 bytes, got 2$/m);
  });
  it('rows as JSON lines, with the packet number; other protocols left undecoded', () => {
    const path = join(dir, 'nlmon.pcap');
    writeFileSync(path, nlmonPcap([{ type: 7, bytes: veth[2]!.bytes }, { type: 6, protocol: 12, bytes: veth[3]!.bytes }]));
    const r = tsip(['decode', '--rows', '--pcap', path]);
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[0]).toEqual({ datagram: 1, offset: 0, length: 4, depth: 0, role: 'nlmsghdr', path: ['nlmsg_len'], name: 'nlmsg_len', value: '100' });
    expect(rows.filter((x) => x.datagram === 2)).toEqual([{ datagram: 2, offset: 0, length: 36, depth: 0, role: 'unknown', path: ['datagram'], name: 'datagram', value: 'not decoded' }]);
    const text = tsip(['decode', '--pcap', path]).stdout;
    expect(text).toMatch(/^#2 packet 2 \(.*\): kernel -> user, 36 bytes, .*netlink protocol 12, neither NETLINK_ROUTE nor NETLINK_GENERIC: not decoded$/m);
  });
  it('bad files: one line, exit 1', () => {
    const path = join(dir, 'bad.pcap');
    writeFileSync(path, new Uint8Array(30));
    const r = tsip(['decode', '--pcap', path]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Error: ${path}: not a pcap file (magic 0x00000000) (offset 0)\n`);
  });
});
