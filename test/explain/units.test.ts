/**
 * Units of numbers are declared with their field or attribute
 * (`AttrOptions.unit`, a struct field's `unit`), carried onto explain rows
 * (`Row.unit`) and shown by the explorer's inspector; the text of the
 * explain view does not show them.
 */
import { describe, expect, it } from 'vitest';
import { rowMeta } from '../../src/explain/explorer/meta.js';
import { renderRows } from '../../src/explain/text.js';
import { rtnetlink } from '../../src/families/registry.js';
import { ifaddrmsg } from '../../src/families/address/header.js';
import { ifinfomsg } from '../../src/families/link/header.js';
import { ndmsg } from '../../src/families/neigh/header.js';
import { rtmsg } from '../../src/families/route/header.js';
import { explainDatagram, explainMessages } from '../../src/netlink/explain.js';
import { attrSet, declaredAttrSets } from '../../src/schema/attr-set.js';
import type { Row } from '../../src/schema/kind.js';
import { u16, u32 } from '../../src/schema/scalars.js';
import { struct } from '../../src/schema/struct.js';
import { sourceOf } from '../../src/schema/kind.js';
import { Writer } from '../../src/bytes/writer.js';
import { fixture } from '../support/fixtures.js';

/** Every row of a fixture's datagrams. */
function rowsOf(id: string): Row[] {
  return fixture(id).datagrams.flatMap((d) => explainDatagram(d.bytes, rtnetlink).rows);
}

const row = (rows: Row[], name: string, role: Row['role'] = 'value') => rows.find((r) => r.name === name && r.role === role)!;

describe('declared units', () => {
  // What the kernel means by these numbers: bridge times are clock_t (USER_HZ, 100 a second).
  const ATTRS: Record<string, string> = {
    IFLA_MTU: 'bytes',
    IFLA_MIN_MTU: 'bytes',
    IFLA_MAX_MTU: 'bytes',
    IFLA_TXQLEN: 'packets',
    IFLA_GSO_MAX_SIZE: 'bytes',
    IFLA_GRO_MAX_SIZE: 'bytes',
    IFLA_GSO_MAX_SEGS: 'segments',
    IFLA_NUM_TX_QUEUES: 'queues',
    IFLA_NUM_RX_QUEUES: 'queues',
    IFLA_CARRIER_CHANGES: 'changes',
    IFLA_LINK: 'ifindex',
    IFLA_MASTER: 'ifindex',
    IFLA_NEW_IFINDEX: 'ifindex',
    RTA_OIF: 'ifindex',
    RTA_IIF: 'ifindex',
    RTA_PRIORITY: 'metric (lower wins)',
    IFA_RT_PRIORITY: 'metric (lower wins)',
    IFLA_VXLAN_PORT: 'UDP port',
    IFLA_VXLAN_TTL: 'hops',
    IFLA_VXLAN_AGEING: 'seconds',
    IFLA_BR_AGEING_TIME: 'centiseconds',
    IFLA_BR_FORWARD_DELAY: 'centiseconds',
    IFLA_BR_HELLO_TIME: 'centiseconds',
    IFLA_BR_MAX_AGE: 'centiseconds',
    NLMSGERR_ATTR_OFFS: "bytes from the start of the request's nlmsghdr",
    NLMSGERR_ATTR_MISS_NEST: "bytes from the start of the request's nlmsghdr",
  };

  it('are on the attribute declarations', () => {
    const found: Record<string, string | undefined> = {};
    for (const set of declaredAttrSets()) for (const d of set.defs) if (d.name in ATTRS) found[d.name] = d.unit;
    expect(found).toEqual(ATTRS);
  });

  it('are on the family headers', () => {
    const unitOf = (s: typeof ifinfomsg, name: string) => s.fields.find((f) => f.name === name)!.unit;
    expect(unitOf(ifinfomsg, 'ifi_index')).toBe('ifindex');
    expect(unitOf(ifaddrmsg, 'ifa_index')).toBe('ifindex');
    expect(unitOf(ifaddrmsg, 'ifa_prefixlen')).toBe('bits');
    expect(unitOf(ndmsg, 'ndm_ifindex')).toBe('ifindex');
    expect(unitOf(rtmsg, 'rtm_dst_len')).toBe('bits');
    expect(unitOf(rtmsg, 'rtm_src_len')).toBe('bits');
    expect(unitOf(ifinfomsg, 'ifi_flags')).toBeUndefined();
  });
});

describe('a declared unit', () => {
  it('reaches the explain rows of an attribute and a struct field, and the inspector', () => {
    const set = attrSet('TEST_UNIT', 'TEST_UNIT_', [
      [1, 'TEST_UNIT_WEIGHT', u32, { unit: 'grams' }],
      [2, 'TEST_UNIT_COUNT', u32],
    ]);
    const w = new Writer();
    set.encode(w, { weight: 5, count: 2 });
    const rows: Row[] = [];
    set.explain(sourceOf(w.finish()), 0, w.length, { rows, path: [], depth: 0 });
    expect(row(rows, 'TEST_UNIT_WEIGHT')).toMatchObject({ unit: 'grams', value: '5' });
    expect(rowMeta(row(rows, 'TEST_UNIT_WEIGHT')).units).toBe('grams');
    expect(row(rows, 'TEST_UNIT_COUNT').unit).toBeUndefined();
    expect(rowMeta(row(rows, 'TEST_UNIT_COUNT')).units).toBeUndefined();

    const s = struct('test_unit', 'tu_', [['tu_len', u16, { unit: 'bytes' }], ['tu_id', u16]]);
    const srows: Row[] = [];
    s.explain!(sourceOf(new Uint8Array([4, 0, 7, 0])), 0, 4, { rows: srows, path: [], depth: 0 });
    expect(srows.map((r) => [r.name, r.unit])).toEqual([['tu_len', 'bytes'], ['tu_id', undefined]]);
  });

  it('reaches the rows of real captures: attributes, nested ones, header fields, ext-ack offsets', () => {
    const mtu = rowsOf('link/set-mtu');
    expect(row(mtu, 'IFLA_MTU').unit).toBe('bytes');
    expect(rowMeta(row(mtu, 'IFLA_MTU'))).toEqual({ type: 'u32', order: expect.stringMatching(/^host/), units: 'bytes' });
    expect(rowMeta(row(mtu, 'ifi_index', 'header')).units).toBe('ifindex');
    expect(row(mtu, 'IFLA_IFNAME').unit).toBeUndefined();
    const vxlan = rowsOf('link/add-vxlan');
    expect(rowMeta(row(vxlan, 'IFLA_VXLAN_PORT'))).toEqual({ type: 'u16be', order: 'network (big-endian)', units: 'UDP port' });
    const err = rowsOf('extack/mtu-2-bytes');
    expect(row(err, 'NLMSGERR_ATTR_OFFS').unit).toMatch(/^bytes from the start of the request/);
    // The malformed 2-byte IFLA_MTU still says what its bytes were meant to hold.
    expect(err.filter((r) => r.name === 'IFLA_MTU' && r.role === 'unknown').map((r) => r.unit)).toEqual(['bytes', 'bytes']);
  });

  it('says what an error field counts, for an ACK and for the end of a dump', () => {
    const ack = rowsOf('link/set-mtu').find((r) => r.name === 'error')!;
    expect(rowMeta(ack)).toEqual({ type: 's32', order: expect.stringMatching(/^host/), units: 'negative errno; 0 for an ACK' });
    const done = rowsOf('addr/dump').find((r) => r.name === 'error')!;
    expect(rowMeta(done).units).toBe('negative errno; 0 when the dump ended well');
  });

  it('does not change the text of the explain view', () => {
    const d = fixture('link/add-vxlan').datagrams.find((x) => x.dir === 'send' && explainMessages(x.bytes, rtnetlink).some((r) => r.name === 'IFLA_VXLAN_PORT'))!;
    const rows = explainMessages(d.bytes, rtnetlink);
    expect(rows.some((r) => r.unit !== undefined)).toBe(true);
    const bare = rows.map(({ unit: _unit, ...r }) => r);
    expect(renderRows(rows, d.bytes)).toBe(renderRows(bare, d.bytes));
  });
});
