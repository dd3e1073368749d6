/**
 * One-line summaries (`tsip -x`, the explorer's message list) of real
 * captures, and their robustness on bytes that do not decode.
 */
import { describe, expect, it } from 'vitest';
import { summarizeDatagram } from '../../src/explain/summary.js';
import { rtnetlink } from '../../src/families/registry.js';
import { fixture, loadAllFixtures, protocolOf, splitMessages } from '../support/fixtures.js';

/** `-> text` / `<- text` for every message of a fixture. */
function lines(id: string): string[] {
  const f = fixture(id);
  const proto = protocolOf(f);
  return f.datagrams.flatMap((d) => summarizeDatagram(d.bytes, proto).map((s) => `${d.dir === 'send' ? '->' : '<-'} ${s.text}`));
}

describe('summarizeDatagram', () => {
  it('sums up a veth request: name, kind, peer, the flags that matter, the size; then the ACK', () => {
    expect(lines('link/add-veth').slice(2)).toEqual(['-> RTM_NEWLINK veth-test1 type veth peer veth-test2 (create, excl, 100 bytes)', '<- ACK (36 bytes)']);
  });

  it('writes control characters in names as \\xNN, so a link name cannot drive the terminal', () => {
    const req = fixture('link/add-veth').datagrams[2]!.bytes.slice();
    req.set([0x1b, 0x5b, 0x33, 0x31, 0x6d], 0x24); // "veth-test1" becomes ESC "[31m" "test1"
    expect(summarizeDatagram(req, rtnetlink)[0]!.text).toBe('RTM_NEWLINK \\x1b[31mtest1 type veth peer veth-test2 (create, excl, 100 bytes)');
    req.set([0x5c, 0x78, 0x31, 0x62], 0x24); // a literal backslash-x-1-b stays told apart
    expect(summarizeDatagram(req, rtnetlink)[0]!.text).toMatch(/^RTM_NEWLINK \\\\x1b/);
  });

  it('names the attribute an ext-ack offset points at, with the kernel message', () => {
    const [, err] = lines('extack/mtu-2-bytes');
    expect(err).toBe('<- NLMSG_ERROR -34 ERANGE "Attribute failed policy validation" at IFLA_MTU (156 bytes)');
    expect(lines('extack/vxlan-id-2-bytes')[1]).toMatch(/^<- NLMSG_ERROR -34 ERANGE "Attribute failed policy validation" at IFLA_LINKINFO > IFLA_INFO_DATA > IFLA_VXLAN_ID \(\d+ bytes\)$/);
  });

  it('marks refusals as errors, and only them', () => {
    const f = fixture('extack/mtu-2-bytes');
    const [reply] = summarizeDatagram(f.datagrams[1]!.bytes, rtnetlink);
    expect(reply!.error).toBe(true);
    expect(reply!.type).toBe('NLMSG_ERROR');
    const ack = summarizeDatagram(fixture('link/add-veth').datagrams[3]!.bytes, rtnetlink);
    expect(ack.map((s) => s.error)).toEqual([undefined]);
  });

  it('sums up a dump, message by message: links by index and name, addresses, routes, then NLMSG_DONE', () => {
    const addr = lines('addr/dump');
    expect(addr).toContain('-> RTM_GETLINK (dump, 40 bytes)');
    expect(addr).toContainEqual(expect.stringMatching(/^<- RTM_NEWLINK 1: lo UP \(multi, \d+ bytes\)$/));
    expect(addr).toContainEqual(expect.stringMatching(/^<- RTM_NEWADDR 198\.18\.0\.1\/24 dev 3 \(multi, 80 bytes\)$/));
    expect(addr).toContainEqual(expect.stringMatching(/^<- RTM_NEWADDR 2001:db8::1\/64 dev 3 \(multi, \d+ bytes\)$/));
    expect(addr).toContain('<- NLMSG_DONE (multi, 20 bytes)');
    const route = lines('route/dump');
    expect(route).toContain('<- RTM_NEWROUTE default via 198.18.0.254 dev 3 (multi, 52 bytes)');
    expect(route).toContain('<- RTM_NEWROUTE 198.18.0.0/24 dev 3 (multi, 60 bytes)');
  });

  it('sums up generic netlink: the family and command, and the name the message is about', () => {
    const l = lines('genl/ctrl-list');
    expect(l[0]).toBe('-> nlctrl CTRL_CMD_GETFAMILY (dump, 20 bytes)');
    expect(l).toContainEqual(expect.stringMatching(/^<- nlctrl CTRL_CMD_NEWFAMILY ethtool \(multi, \d+ bytes\)$/));
  });

  it('gives one summary per message of every fixture, offsets and lengths as nlmsghdr says', () => {
    for (const f of loadAllFixtures()) {
      const proto = protocolOf(f);
      for (const d of f.datagrams) {
        const msgs = splitMessages(d.bytes);
        const s = summarizeDatagram(d.bytes, proto);
        expect(s.map((x) => x.length), f.id).toEqual(msgs.map((m) => m.length));
        expect(s.map((x) => x.offset), f.id).toEqual(msgs.map((m) => m.byteOffset - d.bytes.byteOffset));
        for (const x of s) expect(x.text, f.id).toMatch(/\(.*\d+ bytes\)$/);
      }
    }
  });

  it('never throws on cut or corrupted bytes: falls back to the type and size', () => {
    const req = fixture('link/add-veth').datagrams[2]!.bytes;
    for (let n = 0; n <= req.length; n++) {
      const s = summarizeDatagram(req.subarray(0, n), rtnetlink);
      if (n >= 16 && n < req.length) expect(s.at(-1)!.error).toBe(true);
    }
    for (let i = 0; i < req.length; i++) {
      const b = req.slice();
      b[i] ^= 0xff;
      expect(() => summarizeDatagram(b, rtnetlink)).not.toThrow();
    }
    // A request that does not decode (the kernel refused it for that): its type and size.
    const bad = summarizeDatagram(fixture('extack/mtu-2-bytes').datagrams[0]!.bytes, rtnetlink);
    expect(bad).toEqual([{ offset: 0, length: 52, type: 'RTM_NEWLINK', text: 'RTM_NEWLINK (create, excl, does not decode, 52 bytes)', error: true }]);
  });
});
