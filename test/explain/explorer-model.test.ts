/**
 * The explorer's model without a browser: inputs (pasted text, pcap,
 * preload) to datagrams, generic netlink ids learned from the input
 * itself, ext-ack offsets traced to the row they point at, and the words
 * the inspector shows for a row.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { fromPreload, isPcap, toPreload } from '../../src/explain/explorer/inputs.js';
import { fromPcap, fromText, NETLINK_GENERIC } from '../../src/explain/inputs.js';
import { rowMeta } from '../../src/explain/explorer/meta.js';
import { explore } from '../../src/explain/explorer/model.js';
import { pcapHeader, pcapRecord } from '../../src/pcap/writer.js';
import { fixture } from '../support/fixtures.js';

const mtu = fixture('extack/mtu-2-bytes').datagrams;

describe('explorer inputs', () => {
  it('pasted hex is one datagram of the protocol asked for', () => {
    const ds = fromText(toHex(mtu[0]!.bytes, ' '), 'generic');
    expect(ds).toEqual({ format: 'hex', datagrams: [{ bytes: mtu[0]!.bytes, source: 'hex', protocol: NETLINK_GENERIC }] });
  });
  it('a pcap gives each packet its direction, protocol and number', () => {
    const file = Uint8Array.from(Buffer.concat([pcapHeader(), pcapRecord(mtu[0]!.bytes, true, 0), pcapRecord(mtu[1]!.bytes, false, 1, 16)]));
    expect(isPcap(file)).toBe(true);
    expect(isPcap(mtu[0]!.bytes)).toBe(false);
    expect(fromPcap(file)).toEqual([
      { bytes: mtu[0]!.bytes, source: 'packet 1 (1970-01-01T00:00:00.000Z)', protocol: 0, dir: 'send' },
      { bytes: mtu[1]!.bytes, source: 'packet 2 (1970-01-01T00:00:00.001Z)', protocol: 16, dir: 'recv' },
    ]);
  });
  it('the preload goes through JSON and back unchanged', () => {
    const ds = [{ bytes: mtu[0]!.bytes, source: 'x', dir: 'send' as const, protocol: 0, note: 'n' }];
    expect(fromPreload(JSON.parse(JSON.stringify(toPreload('t', ds))))).toEqual(ds);
  });
});

describe('explore', () => {
  it('traces an ext-ack offset to the attribute row in the echoed request', () => {
    const [req, reply] = explore(mtu.map((d) => ({ dir: d.dir, bytes: d.bytes, source: 's' })));
    expect(req!.summaries.map((s) => s.type)).toEqual(['RTM_NEWLINK']);
    expect(reply!.errors).toHaveLength(1);
    const e = reply!.errors[0]!;
    expect(e.datagram).toBe(1);
    const row = reply!.rows[e.row!]!;
    expect([row.role, row.name, row.offset]).toEqual(['attr', 'IFLA_MTU', 20 + 44]);
  });
  it('learns generic netlink family ids from the controller answers in the input', () => {
    const f = fixture('genl/ctrl-get-ethtool');
    const ds = explore(f.datagrams.map((d) => ({ dir: d.dir, bytes: d.bytes, source: 's', protocol: NETLINK_GENERIC })));
    const types = ds.flatMap((d) => d.summaries.map((s) => s.type));
    expect(types.some((t) => t.startsWith('nlctrl'))).toBe(true);
    expect(types.filter((t) => /^type \d+$/.test(t))).toEqual([]);
  });
  it('shows other netlink protocols undecoded, saying why', () => {
    const [d] = explore([{ bytes: mtu[0]!.bytes, source: 's', protocol: 9 }]);
    expect(d!.rows).toEqual([expect.objectContaining({ role: 'unknown', value: 'not decoded' })]);
    expect(d!.note).toMatch(/netlink protocol 9/);
  });
});

describe('rowMeta', () => {
  const rows = explore([{ bytes: fixture('link/add-veth').datagrams[2]!.bytes, source: 's' }])[0]!.rows;
  const meta = (name: string, role?: string) => rowMeta(rows.find((r) => r.name === name && (role === undefined || r.role === role))!);
  it('says type, byte order and units', () => {
    expect(meta('nlmsg_len')).toMatchObject({ type: 'u32', order: expect.stringMatching(/^host/), units: expect.stringMatching(/^bytes/) });
    expect(meta('IFLA_IFNAME', 'attr')).toMatchObject({ type: expect.stringMatching(/^struct nlattr/), order: expect.stringMatching(/^host/) });
    expect(meta('IFLA_IFNAME', 'value')).toMatchObject({ type: 'string(16)', order: 'bytes in order' });
    expect(meta('ifi_type')).toEqual({ type: 'u16 enum', order: expect.stringMatching(/^host/) });
    expect(meta('ifi_index')).toMatchObject({ type: 's32', units: 'ifindex' });
    expect(rowMeta({ offset: 0, length: 2, depth: 1, role: 'value', path: ['IFLA_VXLAN_PORT'], name: 'IFLA_VXLAN_PORT', value: '4789', kind: 'u16be', unit: 'UDP port' })).toEqual({ type: 'u16be', order: 'network (big-endian)', units: 'UDP port' });
    // Units come from the row (its declaration), not from its name.
    expect(rowMeta({ offset: 0, length: 2, depth: 1, role: 'value', path: ['IFLA_VXLAN_PORT'], name: 'IFLA_VXLAN_PORT', value: '4789', kind: 'u16be' }).units).toBeUndefined();
  });
});
