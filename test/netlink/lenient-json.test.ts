/**
 * JSON of an echoed request that does not decode: the kernel's real
 * answers to malformed requests (fixtures/extack) name the bad attribute
 * and keep its siblings; on every message that does decode, the lenient
 * reading gives exactly the strict JSON.
 */
import { describe, expect, it } from 'vitest';
import { rtnetlink } from '../../src/families/registry.js';
import { messageToJSON } from '../../src/netlink/json.js';
import { lenientBodyJSON } from '../../src/netlink/lenient-json.js';
import { explainDatagram } from '../../src/netlink/explain.js';
import { decodeMessage } from '../../src/netlink/message.js';
import { protocolOf, fixture, loadAllFixtures, splitMessages } from '../support/fixtures.js';
import { tsip } from '../support/oracle.js';
import { toHex } from '../../src/bytes/hex.js';

/** `tsip decode --json` of the kernel's reply in an extack fixture: the echoed request. */
function echoedRequest(name: string): any {
  const reply = fixture(`extack/${name}`).datagrams.find((d) => d.dir === 'recv')!;
  const r = tsip(['decode', '--json', toHex(reply.bytes)]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout)[0].request;
}

describe('tsip decode --json of a refused, malformed request', () => {
  it('names IFLA_MTU of 2 bytes, with its bytes and the u32 it should be, beside IFLA_IFNAME', () => {
    const req = echoedRequest('mtu-2-bytes');
    expect(req.payload).toBeUndefined();
    expect(req.ifinfomsg.ifi_family).toBe('AF_UNSPEC');
    expect(req.attributes).toEqual({
      IFLA_IFNAME: 'tsnl0',
      IFLA_MTU: { malformed: 'expected 4 bytes, got 2', expected: 'u32', hex: 'dc05' },
    });
  });

  it('names IFLA_VXLAN_ID of 2 bytes inside IFLA_LINKINFO > IFLA_INFO_DATA, the kind chosen by IFLA_INFO_KIND', () => {
    const req = echoedRequest('vxlan-id-2-bytes');
    expect(req.attributes.IFLA_IFNAME).toBe('tsnlvx0');
    expect(req.attributes.IFLA_LINKINFO.IFLA_INFO_KIND).toBe('vxlan');
    expect(req.attributes.IFLA_LINKINFO.IFLA_INFO_DATA.IFLA_VXLAN_ID).toEqual({ malformed: 'expected 4 bytes, got 2', expected: 'u32', hex: '2a00' });
  });

  it('decodes a well-formed echo as usual', () => {
    const req = echoedRequest('unknown-kind');
    expect(req.attributes).toEqual({ IFLA_IFNAME: 'tsnl1', IFLA_LINKINFO: { IFLA_INFO_KIND: 'tsnl-nosuchkind' } });
  });
});

describe('lenientBodyJSON', () => {
  const newlink = rtnetlink.messages.get(16)!;
  const ctx = { flags: 0, seq: 0 };
  // ifinfomsg (16 bytes of zeros), IFLA_IFNAME "a", then what each case appends.
  const body = (...tail: number[]) => new Uint8Array([...new Array(16).fill(0), 6, 0, 3, 0, 0x61, 0, 0, 0, ...tail]);

  it('marks a container whose rest cannot be split into attributes, after the attributes that came first', () => {
    const out = lenientBodyJSON(newlink, body(9, 0), ctx)!;
    expect(out.attributes).toEqual({ IFLA_IFNAME: 'a', malformed: { at: 24, reason: '2 trailing bytes, too few for an attribute header', hex: '0900' } });
  });

  it('keeps an undeclared attribute by number and a repeated one as an array', () => {
    const out = lenientBodyJSON(newlink, body(5, 0, 0xf0, 0x0f, 7, 0, 0, 0, 6, 0, 3, 0, 0x62, 0, 0, 0, 6, 0, 4, 0, 1, 0, 0, 0), ctx)!;
    expect(out.attributes).toEqual({
      IFLA_IFNAME: ['a', 'b'],
      IFLA_4080: { type: 4080, flags: 0, hex: '07' },
      IFLA_MTU: { malformed: 'expected 4 bytes, got 2', expected: 'u32', hex: '0100' },
    });
  });

  it('reads a well-formed nest after many malformed siblings (each failed attempt leaves the nesting count as it was)', () => {
    const mtu2 = [6, 0, 4, 0, 0xdc, 0x05, 0, 0];
    const linkinfo = [0x1c, 0, 0x12, 0, 0x0a, 0, 1, 0, ...Buffer.from('vxlan\0'), 0, 0, 0x0c, 0, 2, 0, 8, 0, 1, 0, 42, 0, 0, 0];
    const out = lenientBodyJSON(newlink, body(...new Array(40).fill(mtu2).flat(), ...linkinfo), ctx)! as { attributes: any };
    expect(out.attributes.IFLA_MTU).toHaveLength(40);
    expect(out.attributes.IFLA_LINKINFO).toEqual({ IFLA_INFO_KIND: 'vxlan', IFLA_INFO_DATA: { IFLA_VXLAN_ID: 42 } });
  });

  it('and so does the explain view, after many malformed nests', () => {
    const kind = [0x0a, 0, 1, 0, ...Buffer.from('vxlan\0'), 0, 0];
    const bad = [0x1c, 0, 0x12, 0, ...kind, 0x0c, 0, 2, 0, 6, 0, 1, 0, 42, 0, 0, 0];
    const linkinfo = [0x1c, 0, 0x12, 0, ...kind, 0x0c, 0, 2, 0, 8, 0, 1, 0, 42, 0, 0, 0];
    const b = body(...new Array(40).fill(bad).flat(), ...linkinfo);
    const msg = new Uint8Array(16 + b.length);
    new DataView(msg.buffer).setUint32(0, msg.length, true);
    new DataView(msg.buffer).setUint16(4, 16, true);
    msg.set(b, 16);
    const { rows, error } = explainDatagram(msg, rtnetlink);
    expect(error).toBeDefined();
    expect(rows.filter((r) => r.value.startsWith('malformed:'))).toHaveLength(40);
    expect(rows.find((r) => r.name === 'IFLA_VXLAN_ID' && r.role === 'value')?.value).toBe('42');
  });

  it('stops at the nesting limit on a hostile echo 500 levels deep, in JSON and in the explain view', () => {
    // LINKINFO > INFO_DATA > VETH_INFO_PEER > ifinfomsg, 500 times, around a 2-byte IFLA_MTU.
    const attr = (type: number, body: Uint8Array) => {
      const out = new Uint8Array((4 + body.length + 3) & ~3);
      new DataView(out.buffer).setUint16(0, 4 + body.length, true);
      new DataView(out.buffer).setUint16(2, type, true);
      out.set(body, 4);
      return out;
    };
    const cat = (...xs: Uint8Array[]) => Uint8Array.from(xs.flatMap((x) => [...x]));
    let inner = attr(4, Uint8Array.of(0xdc, 0x05));
    for (let i = 0; i < 500; i++) inner = attr(18, cat(attr(1, Buffer.from('veth')), attr(2, attr(1, cat(new Uint8Array(16), inner)))));
    const out = lenientBodyJSON(newlink, cat(new Uint8Array(16), inner), ctx)!;
    expect(JSON.stringify(out).length).toBeLessThan(100_000);
    const msg = cat(new Uint8Array(16), new Uint8Array(16), inner);
    new DataView(msg.buffer).setUint32(0, msg.length, true);
    new DataView(msg.buffer).setUint16(4, 16, true);
    const { rows, error } = explainDatagram(msg, rtnetlink);
    expect(error).toBeDefined();
    expect(Math.max(...rows.map((r) => r.depth))).toBeLessThan(200);
  });

  it('gives up (undefined) on a body shorter than the family header', () => {
    expect(lenientBodyJSON(newlink, new Uint8Array(8), ctx)).toBeUndefined();
  });

  it('equals the strict JSON on every message of every capture that decodes', () => {
    let compared = 0;
    for (const f of loadAllFixtures()) {
      const proto = protocolOf(f);
      for (const d of f.datagrams) {
        for (const bytes of splitMessages(d.bytes)) {
          let strict: Record<string, unknown>;
          try {
            strict = messageToJSON(decodeMessage(bytes, proto), proto);
          } catch {
            continue;
          }
          const type = bytes[4]! | (bytes[5]! << 8);
          const def = proto.messages.get(type);
          if (def === undefined || strict.attributes === undefined) continue;
          const dv = new DataView(bytes.buffer, bytes.byteOffset);
          const m = { flags: dv.getUint16(6, true), seq: dv.getUint32(8, true), pid: dv.getUint32(12, true) };
          const { nlmsg_len, nlmsg_type, nlmsg_flags, nlmsg_seq, nlmsg_pid, ...rest } = strict;
          expect(lenientBodyJSON(def, bytes.subarray(16), m), `${f.id} ${String(nlmsg_type)}`).toEqual(rest);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});

