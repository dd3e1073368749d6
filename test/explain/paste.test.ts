/**
 * Pasted text into datagrams: `tsip -xx` output read back byte for byte
 * (every fixture), the rows `tsip decode` prints of it the same as the
 * rows `-xx` printed, and clear errors for text that lost bytes or lines.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { parsePasted, PasteError } from '../../src/explain/paste.js';
import { tapText } from '../../src/explain/tap.js';
import { renderRows } from '../../src/explain/text.js';
import { explainDatagram } from '../../src/netlink/explain.js';
import { datagramTitle, explainCapture } from '../../src/explain/capture.js';
import { capturedOf, fromText } from '../../src/explain/inputs.js';
import { genericProtocol, rtnetlink } from '../../src/families/registry.js';
import { fixture, loadAllFixtures, protocolOf, type Fixture } from '../support/fixtures.js';

/** What `tsip -xx` prints for a fixture's exchange. */
function xx(f: Fixture, where = 'netns red'): string {
  const proto = protocolOf(f);
  return f.datagrams.map((d) => tapText(2, d.dir === 'send', d.bytes, proto, where, { generic: f.protocol === 'generic' })).join('\n') + '\n';
}

/** Row lines with a name or value (not continuation lines): offset and text, the hex cell left out. */
function rowTexts(text: string): string[] {
  return text.split('\n').filter((l) => /^[0-9a-f]{4} {2}/.test(l) && l.length > 34).map((l) => `${l.slice(0, 4)} ${l.slice(34)}`);
}

const veth = fixture('link/add-veth');

describe('parsePasted', () => {
  it('reads tsip -xx output back into the same datagrams, directions, protocol and namespace (every fixture)', () => {
    for (const f of loadAllFixtures()) {
      const p = parsePasted(xx(f));
      expect(p.format, f.id).toBe('rows');
      expect(p.datagrams.map((d) => toHex(d.bytes)), f.id).toEqual(f.datagrams.map((d) => toHex(d.bytes)));
      expect(p.datagrams.map((d) => d.dir), f.id).toEqual(f.datagrams.map((d) => d.dir));
      for (const d of p.datagrams) {
        expect(d.protocol, f.id).toBe(f.protocol === 'generic' ? 'generic' : 'route');
        expect(d.where, f.id).toBe('netns red');
      }
    }
  });

  it('gives back bytes whose rows are the rows -xx printed', () => {
    for (const id of ['link/add-veth', 'extack/mtu-2-bytes', 'addr/dump', 'genl/ctrl-list']) {
      const f = fixture(id);
      const text = xx(f);
      const proto = protocolOf(f);
      const again = parsePasted(text).datagrams.map((d) => renderRows(explainDatagram(d.bytes, proto).rows, d.bytes)).join('\n');
      expect(rowTexts(again), id).toEqual(rowTexts(text));
      expect(rowTexts(text).length, id).toBeGreaterThan(10);
    }
  });

  it('prints every byte at -xx: no elided run, long values over lines of their own', () => {
    const text = xx(fixture('addr/dump'));
    expect(text).not.toMatch(/\.\.\. \(\d+/);
    // IFLA_IFNAME "veth-test1" of the request, 11 bytes: 8 on its row, 3 on the next line.
    expect(xx(veth)).toMatch(/^0024 {2}76 65 74 68 2d 74 65 73 +"veth-test1"\n002c {2}74 31 00$/m);
  });

  it('says which line is missing or repeated, and which datagram lost rows', () => {
    const lines = xx(veth).split('\n');
    const head = lines.findIndex((l) => l.startsWith('-> sent 100 bytes'));
    const i = lines.findIndex((l, k) => k > head && l.startsWith('0024'));
    expect(() => parsePasted([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'))).toThrow(new PasteError(`offset 002c where 0024 was expected (a line is missing before it)`, i + 1));
    expect(() => parsePasted([...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)].join('\n'))).toThrow(new PasteError(`offset 0024 where 002c was expected (a line is repeated, or two datagrams run together)`, i + 2));
    const next = lines.findIndex((l, k) => k > head && l.startsWith('<- received'));
    expect(lines[next - 1]).toMatch(/^0063 {2}00 +padding \(1\)$/);
    expect(() => parsePasted([...lines.slice(0, next - 1), ...lines.slice(next)].join('\n'))).toThrow(new PasteError('the datagram announced 100 bytes, its rows hold 99 (rows from offset 0063 on are missing)', head + 1));
  });

  it('refuses rows whose bytes were left out', () => {
    const f = fixture('link/add-veth');
    const d = f.datagrams[2]!.bytes;
    const elided = renderRows(explainDatagram(d, protocolOf(f)).rows, d);
    expect(elided).toMatch(/\.\.\. \(11\)/);
    expect(() => parsePasted(elided)).toThrow(/^line 13: bytes left out \("\.\.\. \(11\)"\): paste what tsip -xx prints/);
  });

  it('reads rows without headers (tsip decode of hex) as one datagram, and several when offsets start again', () => {
    const f = fixture('link/add-veth');
    const rows = f.datagrams.map((d) => renderRows(explainDatagram(d.bytes, protocolOf(f)).rows, d.bytes, { full: true }));
    const one = parsePasted(rows[2]!);
    expect(one.datagrams.map((d) => toHex(d.bytes))).toEqual([toHex(f.datagrams[2]!.bytes)]);
    expect(one.datagrams[0]!.dir).toBeUndefined();
    expect(parsePasted(rows.join('\n')).datagrams.length).toBe(4);
  });

  it('takes rows without a header as the protocol asked for; a -xx header says its own', () => {
    const f = fixture('genl/ctrl-get-nlctrl');
    const d = f.datagrams[0]!.bytes;
    const rows = renderRows(explainDatagram(d, protocolOf(f)).rows, d, { full: true });
    expect(parsePasted(rows, 'generic').datagrams[0]!.protocol).toBe('generic');
    expect(parsePasted(rows).datagrams[0]!.protocol).toBe('route');
    expect(parsePasted(xx(veth), 'generic').datagrams.every((x) => x.protocol === 'route')).toBe(true);
  });

  it('reads tsip decode output of pasted rows back with each datagram\'s protocol', () => {
    const g = fixture('genl/ctrl-get-nlctrl');
    const text = xx(g) + xx(veth);
    const explained = explainCapture(capturedOf(fromText(text, 'route').datagrams, genericProtocol()), rtnetlink);
    const decoded = explained.map((d) => [datagramTitle(d), renderRows(d.rows, d.bytes, { full: true })].join('\n')).join('\n\n');
    expect(decoded).toMatch(/^#1 line 1: user -> kernel, \d+ bytes, NETLINK_GENERIC, /m);
    for (const asked of ['route', 'generic'] as const) {
      const back = parsePasted(decoded, asked).datagrams;
      expect(back.map((d) => d.protocol)).toEqual([...g.datagrams.map(() => 'generic'), ...veth.datagrams.map(() => 'route')]);
      expect(back.map((d) => toHex(d.bytes))).toEqual([...g.datagrams, ...veth.datagrams].map((d) => toHex(d.bytes)));
    }
  });

  it('refuses rows without a header that stop before their messages end, naming the offset', () => {
    const d = veth.datagrams[2]!.bytes;
    const lines = renderRows(explainDatagram(d, protocolOf(veth)).rows, d, { full: true }).split('\n');
    expect(() => parsePasted(lines.slice(0, -4).join('\n'))).toThrow(new PasteError("the rows hold 84 bytes, the messages' nlmsg_len say 100 (rows from offset 0054 on are missing)", 1));
  });

  it('reads a header whose datagram has no rows (0 bytes), and says which datagram lost its rows', () => {
    expect(parsePasted('-> sent 0 bytes [own netns]\n')).toEqual({ format: 'rows', datagrams: [{ bytes: new Uint8Array(0), dir: 'send', protocol: 'route', where: 'own netns', line: 1 }] });
    expect(() => parsePasted('<- received 36 bytes [own netns]\n')).toThrow(new PasteError('the datagram announced 36 bytes, its rows hold 0 (rows from offset 0000 on are missing)', 1));
  });

  it('reads strace output with the strace parser, and plain hex as one datagram', () => {
    const req = veth.datagrams[2]!.bytes;
    const hexLines: string[] = [];
    for (let i = 0; i < req.length; i += 16) {
      const h = [...req.subarray(i, i + 16)].map((b) => b.toString(16).padStart(2, '0'));
      hexLines.push(` | ${i.toString(16).padStart(5, '0')}  ${(h.slice(0, 8).join(' ') + (h.length > 8 ? '  ' + h.slice(8).join(' ') : '')).padEnd(48)}  ${'.'.repeat(h.length).padEnd(16)} |`);
    }
    const strace = [`sendmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base=[...], iov_len=100}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 100`, ` * 100 bytes in buffer 0`, ...hexLines].join('\n');
    const s = parsePasted(strace);
    expect(s.format).toBe('strace');
    expect(s.datagrams.map((d) => [d.dir, toHex(d.bytes)])).toEqual([['send', toHex(req)]]);
    const h = parsePasted('0x' + toHex(req).match(/../g)!.join(' 0x'), 'generic');
    expect(h).toEqual({ format: 'hex', datagrams: [{ bytes: req, protocol: 'generic', line: 1 }] });
    expect(() => parsePasted('hello')).toThrow(/^neither explain rows, strace output nor hex/);
  });

  it('ignores colours and the lines around the rows (summaries, traced errors)', () => {
    const f = fixture('extack/mtu-2-bytes');
    const text = xx(f).replace(/^(0000 .*)$/gm, '\x1b[36m$1\x1b[0m');
    expect(text).toMatch(/^Error: Attribute failed policy validation at IFLA_MTU/m);
    expect(parsePasted(text).datagrams.map((d) => toHex(d.bytes))).toEqual(f.datagrams.map((d) => toHex(d.bytes)));
  });
});
