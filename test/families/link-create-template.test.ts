/**
 * Link creations written from the template (create-template.ts) are the
 * bytes the generic encoder writes for the same message, and the bytes
 * iproute2 sent for `ip link add ... type veth peer name ...`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../src/core/constants.js';
import { encodeMessage, type Message } from '../../src/netlink/message.js';
import { rtnetlink } from '../../src/families/registry.js';
import { linkCreate, type LinkCreate } from '../../src/families/link/requests.js';
import { templateBytes } from '../../src/families/link/create-template.js';
import { fixture } from '../support/fixtures.js';

const hex = (b: Uint8Array | undefined) => (b === undefined ? 'undefined' : Buffer.from(b).toString('hex'));

/** The generic encoder's bytes for `msg` (seq and pid 0, as the template leaves them). */
const generic = (msg: Message) => encodeMessage({ ...msg, seq: 0, pid: 0 }, rtnetlink);

/** An interface name of 1 to 15 printable ASCII characters. */
const ifname = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.@:'.split('')), minLength: 1, maxLength: 15 });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const creation: fc.Arbitrary<LinkCreate> = fc
  .record({
    name: ifname,
    kind: fc.constantFrom('veth' as const, 'bridge' as const, 'ifb' as const, 'macvlan' as const),
    mtu: opt(u32),
    txqlen: opt(u32),
    up: opt(fc.boolean()),
    master: opt(u32),
    link: opt(u32),
    netnsFd: opt(fc.integer({ min: 0, max: 1 << 20 })),
    targetNsid: opt(fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff })),
    peer: fc.record({ name: ifname, mtu: opt(u32), netnsFd: opt(fc.integer({ min: 0, max: 1 << 20 })) }, { requiredKeys: ['name'] }),
  })
  .map((c) => {
    // As linkCreate's callers pass them: absent keys, never undefined ones.
    const out = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as LinkCreate;
    if (c.kind !== 'veth') delete out.peer;
    else out.peer = Object.fromEntries(Object.entries(c.peer).filter(([, v]) => v !== undefined)) as LinkCreate['peer'];
    return out;
  });

describe('link creation template', () => {
  it('writes the generic encoder bytes for every covered creation', () => {
    fc.assert(
      fc.property(creation, (c) => {
        const msg = linkCreate(c);
        const t = templateBytes(msg);
        expect(t, JSON.stringify(c)).toBeDefined();
        expect(hex(t)).toBe(hex(generic(msg)));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['one-letter names', { name: 'a', kind: 'veth', peer: { name: 'b' } }],
    ['15-byte names', { name: 'abcdefghijklmno', kind: 'veth', peer: { name: 'ponmlkjihgfedcb' } }],
    ['names of 3, 4, 7 and 8 bytes (padding 1, 0, 0 and 3)', { name: 'abc', kind: 'veth', peer: { name: 'abcdefgh' } }],
    ['the peer in another namespace', { name: 'v0', kind: 'veth', peer: { name: 'w0', netnsFd: 7 } }],
    ['with IFLA_TARGET_NETNSID', { name: 'v0', kind: 'veth', targetNsid: 3, peer: { name: 'w0' } }],
    ['a negative NSID', { name: 'v0', kind: 'veth', targetNsid: -1, peer: { name: 'w0' } }],
    ['up, mtu, txqlen, master, netns fd', { name: 'br9', kind: 'bridge', up: true, mtu: 9000, txqlen: 0, master: 4, netnsFd: 12 }],
    ['an ifb', { name: 'ifb0', kind: 'ifb' }],
    ['a macvlan without mode', { name: 'mv0', kind: 'macvlan', link: 3 }],
  ] as [string, LinkCreate][])('%s', (_, c) => {
    const msg = linkCreate(c);
    const t = templateBytes(msg);
    expect(t).toBeDefined();
    expect(hex(t)).toBe(hex(generic(msg)));
  });

  it.each([
    ['a MAC address', { name: 'v0', kind: 'veth', address: '02:00:00:00:00:01', peer: { name: 'w0' } }],
    ['a peer MAC address', { name: 'v0', kind: 'veth', peer: { name: 'w0', address: '02:00:00:00:00:01' } }],
    ['a macvlan mode', { name: 'mv0', kind: 'macvlan', link: 3, mode: 4 }],
    ['vxlan data', { name: 'vx0', kind: 'vxlan', vxlan: { id: 42, port: 4789 } }],
    ['a non-ASCII name', { name: 'vé', kind: 'veth', peer: { name: 'w0' } }],
    ['a 16-byte name (the encoder refuses it)', { name: 'abcdefghijklmnop', kind: 'veth', peer: { name: 'w0' } }],
    ['an MTU past u32', { name: 'v0', kind: 'veth', mtu: 2 ** 32, peer: { name: 'w0' } }],
    ['a fractional MTU', { name: 'v0', kind: 'veth', mtu: 1500.5, peer: { name: 'w0' } }],
  ] as [string, LinkCreate][])('leaves %s to the generic encoder', (_, c) => {
    expect(templateBytes(linkCreate(c))).toBeUndefined();
  });

  it('writes only messages made by linkCreate', () => {
    const msg = linkCreate({ name: 'v0', kind: 'veth', peer: { name: 'w0' } });
    expect(templateBytes({ ...msg })).toBeUndefined();
  });

  it('leaves a message whose IFLA_LINKINFO was replaced, or given more attributes, to the generic encoder', () => {
    const replaced = linkCreate({ name: 'v0', kind: 'veth', peer: { name: 'w0' } });
    replaced.attrs!.linkinfo = { kind: 'veth', data: { peer: { header: { family: 0, type: 0, index: 0, flags: 0, change: 0 }, attrs: { ifname: 'w0' } } } };
    expect(templateBytes(replaced)).toBeUndefined();
    const more = linkCreate({ name: 'v0', kind: 'veth', peer: { name: 'w0' } });
    more.attrs!.group = 5;
    expect(templateBytes(more)).toBeUndefined();
    // A kind changed in place is no longer the bare string linkCreate wrote: the generic encoder adds its NUL.
    const rekinded = linkCreate({ name: 'b0', kind: 'bridge' });
    (rekinded.attrs!.linkinfo as Record<string, unknown>).kind = 'ifb';
    expect(templateBytes(rekinded)).toBeUndefined();
  });

  it('is what iproute2 sent for `ip link add veth-test1 type veth peer name veth-test2`', () => {
    const theirs = fixture('link/add-veth').datagrams.find((d) => d.dir === 'send' && d.bytes[4] === 16 && d.bytes.length > 32)!.bytes; // not ip's 32-byte probe
    const ours = templateBytes(linkCreate({ name: 'veth-test1', kind: 'veth', peer: { name: 'veth-test2' } }))!;
    const dv = new DataView(ours.buffer);
    dv.setUint16(6, dv.getUint16(6, true) | NLM_F_REQUEST | NLM_F_ACK, true);
    // seq and pid are the sender's own.
    ours.set(theirs.subarray(8, 16), 8);
    expect(hex(ours)).toBe(hex(theirs));
  });
});
