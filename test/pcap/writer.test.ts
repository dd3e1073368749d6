/**
 * pcap output: the layout byte by byte, and tshark (Wireshark's dissector,
 * where installed) reading our capture of a real veth creation as rtnetlink.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapWriter, pcapRecord } from '../../src/pcap/writer.js';
import { fixture } from '../support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'tsnl-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasTshark = spawnSync('tshark', ['-v']).status === 0;

describe('pcap', () => {
  it('writes the nlmon pseudo-header', () => {
    const r = pcapRecord(new Uint8Array([1, 2, 3, 4]), true, 1500);
    expect(Array.from(r.subarray(0, 16))).toEqual([
      1, 0, 0, 0, // ts_sec 1
      0x20, 0xa1, 0x07, 0, // ts_usec 500000
      20, 0, 0, 0, // incl_len
      20, 0, 0, 0, // orig_len
    ]);
    expect(Array.from(r.subarray(16, 32))).toEqual([
      0, 4, // packet type: outgoing
      0x03, 0x38, // ARPHRD_NETLINK 824
      0, 0, // address length
      0, 0, 0, 0, 0, 0, 0, 0, // address
      0, 0, // NETLINK_ROUTE
    ]);
    expect(Array.from(r.subarray(32))).toEqual([1, 2, 3, 4]);
  });

  it.skipIf(!hasTshark)(`tshark dissects a captured veth creation as rtnetlink${hasTshark ? '' : ' (skipped: tshark not installed)'}`, () => {
    const f = fixture('link/add-veth');
    const path = join(dir, 'veth.pcap');
    const w = new PcapWriter(path);
    for (const d of f.datagrams) w.write(d.bytes, d.dir === 'send');
    w.close();
    expect(readFileSync(path).readUInt32LE(20)).toBe(253);
    const r = spawnSync('tshark', ['-r', path, '-V'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const packets = r.stdout.split(/\n(?=Frame \d+:)/).filter((p) => p.startsWith('Frame'));
    expect(packets).toHaveLength(f.datagrams.length);
    for (const p of packets) expect(p).toMatch(/^Linux netlink \(cooked header\)$/m);
    // Requests are RTM_* messages: dissected as rtnetlink; ACKs/errors as plain netlink.
    expect(packets.filter((p) => /^Linux rtnetlink \(route netlink\) protocol$/m.test(p)).length).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toMatch(/Device name: veth-test1/);
    // (Wireshark does not decode IFLA_LINKINFO, so the peer name is not shown by tshark.)
    expect(r.stdout).not.toMatch(/Malformed/);
  });
});
