/**
 * Explain over every datagram of every fixture: the rows tile the datagram
 * exactly (no gap, no overlap), family headers and attribute headers are
 * all there, and the teaching notes appear where the bytes call for them.
 */
import { describe, expect, it } from 'vitest';
import { checkTiling, explainDatagram, explainMessages } from '../../src/netlink/explain.js';
import { rtnetlink } from '../../src/families/registry.js';
import { fixture, loadFixtures } from '../support/fixtures.js';

const fixtures = loadFixtures();

describe('explain rows tile every captured datagram', () => {
  it('covers the fixture groups, extack included', () => {
    const groups = new Set(fixtures.map((f) => f.id.split('/')[0]));
    for (const g of ['addr', 'error', 'extack', 'link', 'nsid', 'route']) expect(groups).toContain(g);
  });
  for (const f of fixtures) {
    it(f.id, () => {
      f.datagrams.forEach((d, i) => {
        const { rows, error } = explainDatagram(d.bytes, rtnetlink);
        expect(checkTiling(rows, d.bytes.length), `datagram ${i}`).toBeUndefined();
        for (const r of rows) {
          expect(r.length, `datagram ${i} ${r.path.join(' > ')}`).toBeGreaterThan(0);
          expect(r.path.length).toBeGreaterThan(0);
          expect(r.name).not.toBe('');
        }
        // Hand-built malformed requests (fixtures/extack) are the only ones that do not decode;
        // the kernel's replies echoing them do (the echo's bad part is marked).
        if (!(f.id.startsWith('extack/') && d.dir === 'send')) {
          expect(error, `datagram ${i}`).toBeUndefined();
          expect(explainMessages(d.bytes, rtnetlink)).toEqual(rows);
        }
        // Every attribute header is a 4-byte row of its own.
        for (const r of rows.filter((x) => x.role === 'attr')) {
          expect(r.length).toBe(4);
          expect(r.value).toMatch(new RegExp(`^len ${d.bytes[r.offset]! | (d.bytes[r.offset + 1]! << 8)}, type \\d+`));
        }
        // Every message starts with its five nlmsghdr rows.
        const hdr = rows.filter((r) => r.role === 'nlmsghdr' && r.depth === 0).map((r) => r.name);
        expect(hdr.length % 5).toBe(0);
      });
    });
  }
});

describe('explain notes', () => {
  const veth = fixture('link/add-veth');
  const req = veth.datagrams[2]!.bytes;
  const rows = explainMessages(req, rtnetlink);
  const byPath = (p: string) => rows.filter((r) => r.path.join(' > ') === p);

  it('includes the veth peer ifinfomsg as header rows, with the struct padding', () => {
    const peer = rows.filter((r) => r.path.slice(0, 4).join(' > ') === 'IFLA_LINKINFO > IFLA_INFO_DATA > VETH_INFO_PEER > ifinfomsg');
    expect(peer.map((r) => [r.offset, r.length, r.role, r.name])).toEqual([
      [0x44, 1, 'header', 'ifi_family'],
      [0x45, 1, 'pad', 'padding'],
      [0x46, 2, 'header', 'ifi_type'],
      [0x48, 4, 'header', 'ifi_index'],
      [0x4c, 4, 'header', 'ifi_flags'],
      [0x50, 4, 'header', 'ifi_change'],
    ]);
    expect(peer.every((r) => r.depth === 3)).toBe(true);
  });
  it('says when a string comes without its NUL', () => {
    const [kind] = byPath('IFLA_LINKINFO > IFLA_INFO_KIND').filter((r) => r.role === 'value');
    expect(kind!.value).toBe('"veth" (no NUL: iproute2 sends the bare string)');
    const [name] = byPath('IFLA_IFNAME').filter((r) => r.role === 'value');
    expect(name!.value).toBe('"veth-test1"');
  });
  it('says when a nest comes without NLA_F_NESTED, and shows the flag when set', () => {
    expect(byPath('IFLA_LINKINFO')[0]!.value).toBe('len 52, type 18 (nested; NLA_F_NESTED not set)');
    const dump = fixture('link/show-plain').datagrams.find((d) => d.dir === 'recv' && d.bytes.length > 200)!;
    const attrs = explainMessages(dump.bytes, rtnetlink).filter((r) => r.role === 'attr');
    const flagged = attrs.filter((r) => dump.bytes[r.offset + 3]! & 0x80);
    expect(flagged.length).toBeGreaterThan(0);
    for (const r of flagged) expect(r.value).toMatch(/^len \d+, type \d+ NLA_F_NESTED$/);
    for (const r of attrs.filter((x) => !(dump.bytes[x.offset + 3]! & 0x80))) expect(r.value).not.toMatch(/ NLA_F_NESTED$/);
  });
  it('points NLMSGERR_ATTR_OFFS at the attribute in the echoed request', () => {
    const reply = fixture('extack/mtu-2-bytes').datagrams[1]!.bytes;
    const { rows: r } = explainDatagram(reply, rtnetlink);
    const offs = r.find((x) => x.path.join(' > ') === 'NLMSGERR_ATTR_OFFS' && x.role === 'value')!;
    expect(offs.value).toBe('44 (points at IFLA_MTU, 0040 here)');
    expect(r.find((x) => x.offset === 0x40)!.path).toEqual(['request', 'IFLA_MTU']);
  });
});

describe('explainDatagram on bytes that do not decode', () => {
  it('marks the malformed value and explains the rest', () => {
    const req = fixture('extack/vxlan-id-2-bytes').datagrams[0]!.bytes;
    expect(() => explainMessages(req, rtnetlink)).toThrow(/IFLA_VXLAN_ID: expected 4 bytes, got 2/);
    const { rows, error } = explainDatagram(req, rtnetlink);
    expect(error?.message).toBe('IFLA_LINKINFO > IFLA_INFO_DATA > IFLA_VXLAN_ID: expected 4 bytes, got 2 (offset 68)');
    const bad = rows.filter((r) => r.value.startsWith('malformed:'));
    expect(bad).toEqual([
      { offset: 68, length: 2, depth: 3, role: 'unknown', path: ['IFLA_LINKINFO', 'IFLA_INFO_DATA', 'IFLA_VXLAN_ID'], name: 'IFLA_VXLAN_ID', value: 'malformed: expected 4 bytes, got 2' },
    ]);
    // IFLA_INFO_DATA was still read as vxlan attributes: IFLA_INFO_KIND chose them.
    expect(rows.find((r) => r.offset === 64)!.name).toBe('IFLA_VXLAN_ID');
    expect(checkTiling(rows, req.length)).toBeUndefined();
  });
  it('marks a lying nlmsg_len and a broken attribute header', () => {
    const veth = fixture('link/add-veth').datagrams[2]!.bytes;
    const cut = explainDatagram(veth.slice(0, 40), rtnetlink);
    expect(cut.rows).toEqual([{ offset: 0, length: 40, depth: 0, role: 'unknown', path: ['message'], name: 'message', value: 'malformed: nlmsg_len 100 runs past the end of the data (40 bytes left)' }]);
    const broken = veth.slice();
    broken[0x30] = 0xff; // IFLA_LINKINFO's nla_len runs past the message
    const b = explainDatagram(broken, rtnetlink);
    expect(b.error).toBeDefined();
    expect(checkTiling(b.rows, broken.length)).toBeUndefined();
    expect(b.rows[b.rows.length - 1]).toMatchObject({ offset: 0x30, length: 0x34, role: 'unknown', value: 'malformed: attribute IFLA_LINKINFO: length 255 runs past the end of its container (52 bytes left)' });
  });
});
