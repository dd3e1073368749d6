/**
 * Lazy decoding (schema/lazy.ts): composite attributes decoded when first
 * read give the same messages as decoding everything at once — values,
 * key order, JSON with kernel names and re-encoded bytes — on every
 * datagram of every real capture (both protocols, both decoder tiers) and
 * on generated messages; a malformed nest fails when read, with the same
 * error; the deferred property behaves as a plain one.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { messageArbitrary } from '../../src/arbitraries/index.js';
import { DecodeError } from '../../src/core/errors.js';
import { rtnetlink } from '../../src/families/registry.js';
import { messageToJSON } from '../../src/netlink/json.js';
import { decodeMessages, encodeMessage, encodeMessages, type Message } from '../../src/netlink/message.js';
import type { Protocol } from '../../src/netlink/protocol.js';
import { LAZY } from '../../src/schema/lazy.js';
import { setDecoderTier, type DecoderTier } from '../../src/schema/tier.js';
import { loadAllFixtures, protocolOf } from '../support/fixtures.js';

afterEach(() => setDecoderTier('auto'));

/** Objects under `v` that still hold deferred values (before anything reads them). */
function deferredCount(v: unknown, seen = new Set<unknown>()): number {
  if (v === null || typeof v !== 'object' || seen.has(v)) return 0;
  seen.add(v);
  let n = 0;
  if ((v as Record<symbol, unknown>)[LAZY] !== undefined) n++;
  for (const k of Object.keys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k)!;
    // Only plain values: reading a getter would decode it.
    if ('value' in d) n += deferredCount(d.value, seen);
  }
  return n;
}

/** Every key path of `v`, in order (reads every getter). */
function keyPaths(v: unknown, at = ''): string[] {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return [];
  return Object.keys(v).flatMap((k) => [`${at}/${k}`, ...keyPaths((v as Record<string, unknown>)[k], `${at}/${k}`)]);
}

function decodeBoth(bytes: Uint8Array, proto: Protocol, tier: DecoderTier): { eager: Message[]; lazy: Message[] } {
  setDecoderTier(tier);
  try {
    return { eager: decodeMessages(bytes, proto), lazy: decodeMessages(bytes, proto, true) };
  } finally {
    setDecoderTier('auto');
  }
}

describe('lazy decoding gives what eager decoding gives', () => {
  for (const tier of ['generic', 'compiled'] as const) {
    it(`on every datagram of every capture (${tier} decoders): values, key order, JSON, bytes`, () => {
      let datagrams = 0;
      let deferred = 0;
      for (const f of loadAllFixtures()) {
        const proto = protocolOf(f);
        for (const d of f.datagrams) {
          let both;
          try {
            both = decodeBoth(d.bytes, proto, tier);
          } catch (e) {
            // The deliberately malformed ext-ack requests fail eagerly; lazily they decode until read.
            if (e instanceof DecodeError) continue;
            throw e;
          }
          const { eager, lazy } = both;
          deferred += deferredCount(lazy);
          expect(JSON.stringify(lazy.map((m) => messageToJSON(m, proto))), f.id).toBe(JSON.stringify(eager.map((m) => messageToJSON(m, proto))));
          expect(keyPaths(lazy), f.id).toEqual(keyPaths(eager));
          expect(lazy, f.id).toEqual(eager);
          expect(encodeMessages(lazy, proto), f.id).toEqual(d.bytes.subarray(0, encodeMessages(eager, proto).length));
          datagrams++;
        }
      }
      expect(datagrams).toBeGreaterThan(300);
      // Every link message defers its nests; none deferred means laziness is off.
      expect(deferred).toBeGreaterThan(200);
    });
  }

  it('on generated RTM_NEWLINK, RTM_NEWROUTE and RTM_NEWQDISC messages', () => {
    for (const name of ['RTM_NEWLINK', 'RTM_NEWROUTE', 'RTM_NEWQDISC']) {
      fc.assert(
        fc.property(messageArbitrary(rtnetlink, name, { maxDepth: 3 }), (m) => {
          const bytes = encodeMessage(m, rtnetlink);
          const lazy = decodeMessages(bytes, rtnetlink, true);
          expect(encodeMessages(lazy, rtnetlink)).toEqual(bytes);
          expect(lazy).toEqual(decodeMessages(bytes, rtnetlink));
        }),
        { numRuns: 40 },
      );
    }
  });
});

/** An RTM_NEWLINK with IFLA_IFNAME "lz0" and an IFLA_AF_SPEC holding `afSpec` (raw payload bytes). */
function newlink(afSpec: number[]): Uint8Array {
  const name = [0x08, 0x00, 0x03, 0x00, 0x6c, 0x7a, 0x30, 0x00];
  const spec = [(4 + afSpec.length) & 0xff, 0, 26, 0, ...afSpec];
  while (spec.length % 4) spec.push(0);
  const body = [...new Array(16).fill(0), ...name, ...spec];
  const len = 16 + body.length;
  return Uint8Array.from([len, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...body]);
}

describe('a deferred attribute', () => {
  // IFLA_AF_SPEC (64 bytes: deferred) { AF_INET6 { IFLA_INET6_FLAGS u32, IFLA_INET6_TOKEN 2001:db8::1, IFLA_INET6_ADDR_GEN_MODE u8 }, AF_INET { IFLA_INET_CONF 4 x u32 } }
  const inet6 = (genModeLen: number) => [40, 0, 10, 0, 8, 0, 1, 0, 0, 0, 0, 0, 20, 0, 7, 0, 0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1, genModeLen, 0, 8, 0, 1, 0, 0, 0];
  const inet = [24, 0, 2, 0, 20, 0, 1, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0];
  const good = newlink([...inet6(5), ...inet]);
  // The same, but IFLA_INET6_ADDR_GEN_MODE claims 9 bytes where 8 are left.
  const bad = newlink([...inet6(9), ...inet]);

  it('is read once, in place, and decodes to what eager decoding gives', () => {
    const [m] = decodeMessages(good, rtnetlink, true);
    const a = m!.attrs as Record<string, any>;
    expect(Object.getOwnPropertyDescriptor(a, 'afSpec')!.get).toBeTypeOf('function');
    expect(Object.keys(a)).toEqual(['ifname', 'afSpec']);
    const first = a.afSpec;
    expect(a.afSpec).toBe(first);
    const eager = decodeMessages(good, rtnetlink)[0]!.attrs!.afSpec as Record<string, any>;
    expect(eager.inet6.token).toBe('2001:db8::1');
    expect(first).toEqual(eager);
  });

  it('can be assigned and deleted as a plain property', () => {
    const [m] = decodeMessages(good, rtnetlink, true);
    const a = m!.attrs as Record<string, any>;
    a.afSpec = { inet6: { addrGenMode: 2 } };
    expect(a.afSpec).toEqual({ inet6: { addrGenMode: 2 } });
    expect(Object.getOwnPropertyDescriptor(a, 'afSpec')!.writable).toBe(true);
    delete a.afSpec;
    expect(Object.keys(a)).toEqual(['ifname']);
  });

  it('malformed: eager decoding fails at once; lazy decoding fails when it is read, with the same error', () => {
    let eager: unknown;
    try {
      decodeMessages(bad, rtnetlink);
    } catch (e) {
      eager = e;
    }
    expect(eager).toBeInstanceOf(DecodeError);
    const [m] = decodeMessages(bad, rtnetlink, true);
    const a = m!.attrs as Record<string, any>;
    expect(a.ifname).toBe('lz0');
    let lazy: unknown;
    try {
      void a.afSpec;
    } catch (e) {
      lazy = e;
    }
    expect(lazy).toBeInstanceOf(DecodeError);
    expect((lazy as DecodeError).offset).toBe((eager as DecodeError).offset);
    expect((lazy as Error).message).toBe((eager as Error).message);
    expect((lazy as Error).message).toMatch(/^IFLA_AF_SPEC > AF_INET6: attribute IFLA_INET6_ADDR_GEN_MODE: length 9 runs past the end/);
  });
});

describe('a malformed value deferred below another deferred one', () => {
  it('fails when read with the error eager decoding gives: whole attribute path, same offset', () => {
    // IFLA_LINKINFO { veth, IFLA_INFO_DATA { VETH_INFO_PEER { ifinfomsg, IFLA_IFNAME, IFLA_MTU, IFLA_ADDRESS, IFLA_TXQLEN } } }:
    // both IFLA_LINKINFO and VETH_INFO_PEER are large enough to be deferred.
    const peer = { header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs: { ifname: 'peer-name-15chr', mtu: 1500, address: '02:00:00:00:00:01', txqlen: 1000 } };
    const bytes = encodeMessage({ type: 16, flags: 0, seq: 0, pid: 0, header: { family: 0, type: 1, index: 7, flags: 0, change: 0 }, attrs: { ifname: 'lz0', linkinfo: { kind: 'veth', data: { peer } } } }, rtnetlink);
    // Make the peer's IFLA_ADDRESS (len 10, type 1, then the MAC) claim more bytes than its container holds.
    const at = bytes.findIndex((_, i) => bytes[i] === 10 && bytes[i + 1] === 0 && bytes[i + 2] === 1 && bytes[i + 3] === 0 && bytes[i + 4] === 2 && bytes[i + 9] === 1);
    expect(at).toBeGreaterThan(0);
    bytes[at] = 200;
    let eager: unknown;
    try {
      decodeMessages(bytes, rtnetlink);
    } catch (e) {
      eager = e;
    }
    expect((eager as Error).message).toMatch(/^IFLA_LINKINFO > IFLA_INFO_DATA > VETH_INFO_PEER: attribute IFLA_ADDRESS: length 200 runs past the end/);
    const [m] = decodeMessages(bytes, rtnetlink, true);
    const info = (m!.attrs as Record<string, any>).linkinfo;
    let lazy: unknown;
    try {
      void info.data.peer;
    } catch (e) {
      lazy = e;
    }
    expect(lazy).toBeInstanceOf(DecodeError);
    expect((lazy as Error).message).toBe((eager as Error).message);
    expect((lazy as DecodeError).offset).toBe((eager as DecodeError).offset);
  });
});
