/**
 * Each family unit's `summary` (its folder's summary.ts) is what the
 * one-line summaries of `tsip -x` and the explorer use for every message
 * type the unit declares; the registry finds the unit of a message, and
 * units without a summary get the generic guess.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summarizeDatagram } from '../../src/explain/summary.js';
import { GENERIC_UNITS, genericProtocol, rtnetlink, UNITS, unitOfMessage } from '../../src/families/registry.js';
import { NLM_F_REQUEST } from '../../src/core/constants.js';
import { encodeMessage } from '../../src/netlink/message.js';
import { AF_INET, RT_TABLE, RTM, RTN } from '../../src/rtnl/constants.js';
import { fixture } from '../support/fixtures.js';

afterEach(() => vi.restoreAllMocks());

describe('unitOfMessage', () => {
  it('finds the unit of every rtnetlink definition', () => {
    for (const u of UNITS) for (const d of u.messages) expect(unitOfMessage(rtnetlink, rtnetlink.messages.get(d.type)!), d.name).toBe(u);
  });

  it('finds a generic family by the protocol its id is bound in, and nothing for a family no unit declares', () => {
    const proto = genericProtocol();
    const nlctrl = GENERIC_UNITS.find((u) => u.name === 'nlctrl')!;
    expect(unitOfMessage(proto, proto.messages.get(proto.idOf('nlctrl')!)!)).toBe(nlctrl);
    // The same definition read as rtnetlink's is not one of its units'.
    expect(unitOfMessage(rtnetlink, proto.messages.get(proto.idOf('nlctrl')!)!)).toBeUndefined();
  });
});

describe('unit summaries', () => {
  const withSummary = UNITS.filter((u) => u.summary !== undefined);

  it('are declared by the families whose messages need more than a guess', () => {
    expect(withSummary.map((u) => u.name).sort()).toEqual(['address', 'link', 'neigh', 'route']);
  });

  it('are used for every message type of their unit, requests and replies', () => {
    for (const u of withSummary) {
      const spy = vi.spyOn(u as { summary: (...a: never[]) => string[] }, 'summary').mockReturnValue(['FACTS']);
      for (const d of u.messages) {
        for (const flags of [NLM_F_REQUEST, 0]) {
          spy.mockClear();
          const bytes = encodeMessage({ type: d.type, flags, seq: 1, pid: 0, header: {}, attrs: {} }, rtnetlink);
          const [s] = summarizeDatagram(bytes, rtnetlink);
          expect(s!.text, `${u.name} ${d.name}`).toMatch(new RegExp(`^${d.name} FACTS \\(`));
          expect(spy).toHaveBeenCalledTimes(1);
          expect(spy.mock.calls[0]![1]).toBe(flags === NLM_F_REQUEST);
        }
      }
      spy.mockRestore();
    }
  });

  it('give way to the generic guess for units without one (an index in the header, the first string)', () => {
    const rule = encodeMessage({ type: RTM.RTM_NEWRULE, flags: 0, seq: 1, pid: 0, header: { family: 2 }, attrs: { iifname: 'veth0' } }, rtnetlink);
    expect(summarizeDatagram(rule, rtnetlink)[0]!.text).toBe('RTM_NEWRULE veth0 (40 bytes)');
  });

  it('a summary that throws leaves the facts out, not the line', () => {
    const link = UNITS.find((u) => u.name === 'link')!;
    vi.spyOn(link as { summary: () => string[] }, 'summary').mockImplementation(() => {
      throw new Error('odd value');
    });
    expect(summarizeDatagram(fixture('link/add-veth').datagrams[2]!.bytes, rtnetlink)[0]!.text).toBe('RTM_NEWLINK (create, excl, 100 bytes)');
  });

  it("name route types and tables in ip route's words, from the declared constants", () => {
    const route = (header: Record<string, unknown>, attrs: Record<string, unknown> = {}) =>
      summarizeDatagram(encodeMessage({ type: RTM.RTM_NEWROUTE, flags: 0, seq: 1, pid: 0, header: { family: AF_INET, ...header }, attrs }, rtnetlink), rtnetlink)[0]!.text.replace(/ \(.*\)$/, '');
    expect(route({ type: RTN.RTN_UNICAST, table: RT_TABLE.RT_TABLE_MAIN, dstLen: 24 }, { dst: '198.18.0.0' })).toBe('RTM_NEWROUTE 198.18.0.0/24');
    expect(route({ type: RTN.RTN_BLACKHOLE, table: RT_TABLE.RT_TABLE_MAIN })).toBe('RTM_NEWROUTE blackhole default');
    expect(route({ type: RTN.RTN_LOCAL, table: RT_TABLE.RT_TABLE_LOCAL, dstLen: 32 }, { dst: '198.18.0.1' })).toBe('RTM_NEWROUTE local 198.18.0.1 table local');
    expect(route({ type: RTN.RTN_UNICAST, table: RT_TABLE.RT_TABLE_COMPAT }, { table: 1000, gateway: '198.18.0.254' })).toBe('RTM_NEWROUTE default via 198.18.0.254 table 1000');
    expect(route({ type: RTN.RTN_UNICAST, table: RT_TABLE.RT_TABLE_COMPAT }, { gateway: '198.18.0.254' })).toBe('RTM_NEWROUTE default via 198.18.0.254 table 252');
    expect(route({ type: 200, table: RT_TABLE.RT_TABLE_DEFAULT })).toBe('RTM_NEWROUTE default table default');
  });
});
