/**
 * Our declared numbers against the kernel UAPI headers: those on this
 * machine (6.1, older than the kernel: names they lack are counted, not
 * failed; every name they have must carry the same number), and the
 * current ones (fixtures/uapi/constants.json, from iproute2's include/uapi:
 * every declared name must be there with the same number, or be listed
 * with a reason).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NLM_F, NLM_F_ACKFLAGS, NLM_F_DEL, NLM_F_GET, NLM_F_NEW, NLMSG } from '../../src/core/constants.js';
import { rtnetlink } from '../../src/families/registry.js';
import { AF, ARPHRD, IF_LINK_MODE, IF_OPER, IFF, RT_SCOPE, RT_TABLE, RTM, RTM_F, RTN, RTNLGRP, RTPROT } from '../../src/rtnl/constants.js';
import { IFA_F } from '../../src/families/address/header.js';
import { reachable } from '../../src/schema/walk.js';
import { readHeaders, SYSTEM_HEADERS } from '../support/c-headers.js';

const have = existsSync('/usr/include/linux/rtnetlink.h');
const consts = readHeaders(SYSTEM_HEADERS);

describe.skipIf(!have)(`declared constants match /usr/include/linux${have ? '' : ' (skipped: no kernel headers installed)'}`, () => {
  it('reads the headers', () => {
    expect(consts.get('IFLA_IFNAME')).toBe(3);
    expect(consts.get('RTM_NEWLINK')).toBe(16);
  });

  const tables: Record<string, Readonly<Record<string, number>>> = {
    NLMSG, NLM_F, NLM_F_GET, NLM_F_NEW, NLM_F_DEL, NLM_F_ACKFLAGS, RTM, IFF, ARPHRD, IF_OPER, IF_LINK_MODE, RT_SCOPE, RT_TABLE, RTN, RTPROT, RTM_F, RTNLGRP, IFA_F,
  };
  for (const [name, table] of Object.entries(tables)) {
    it(`table ${name}`, () => {
      for (const [k, v] of Object.entries(table)) {
        const h = consts.get(k);
        if (h !== undefined) expect({ [k]: v }).toEqual({ [k]: h });
      }
    });
  }

  it('address families', () => {
    const sock = readHeaders(['/usr/include/x86_64-linux-gnu/bits/socket.h']);
    for (const [k, v] of Object.entries(AF)) {
      const h = sock.get(k) ?? sock.get(k.replace('AF_', 'PF_'));
      if (h !== undefined) expect({ [k]: v }).toEqual({ [k]: h });
    }
  });

  const { sets } = reachable([...rtnetlink.messages.values()].map((m) => m.attrs));
  let matched = 0;
  const newer: string[] = [];
  for (const set of sets) {
    it(`attribute set ${set.name}`, () => {
      for (const d of set.defs) {
        const h = consts.get(d.name);
        if (h === undefined) newer.push(d.name);
        else {
          expect({ [d.name]: d.type }).toEqual({ [d.name]: h });
          matched++;
        }
      }
    });
  }
  it('matched most names (the rest are newer than the installed headers)', () => {
    expect(matched).toBeGreaterThan(200);
  });
});

/**
 * Every declared name and number against the current UAPI (facts read
 * from iproute2's include/uapi by scripts/uapi-facts.mjs into
 * fixtures/uapi/constants.json): the machine's headers above are 6.1 and
 * miss the newer names. A declared name that no current header has must
 * be listed here with the reason.
 */
const current = JSON.parse(readFileSync(new URL('../../fixtures/uapi/constants.json', import.meta.url), 'utf8')) as { source: string; constants: Record<string, number> };
const NOT_IN_UAPI: Readonly<Record<string, string>> = {
  AF_INET: 'an address family (IFLA_AF_SPEC is keyed by family), from bits/socket.h: checked by "address families" above',
  AF_INET6: 'an address family, from bits/socket.h',
  AF_BRIDGE: 'an address family, from bits/socket.h',
  AF_MCTP: 'an address family, from bits/socket.h',
  AF_MPLS: 'an address family, from bits/socket.h (IFLA_STATS_AF_SPEC is keyed by family)',
};

describe(`declared constants match the current UAPI (${current.source})`, () => {
  const have = (k: string) => Object.hasOwn(current.constants, k);
  const tables: Record<string, Readonly<Record<string, number>>> = {
    NLMSG, NLM_F, NLM_F_GET, NLM_F_NEW, NLM_F_DEL, NLM_F_ACKFLAGS, RTM, IFF, ARPHRD, IF_OPER, IF_LINK_MODE, RT_SCOPE, RT_TABLE, RTN, RTPROT, RTM_F, RTNLGRP, IFA_F,
  };
  it('every name of the constant tables, with its number', () => {
    const missing: string[] = [];
    for (const table of Object.values(tables)) {
      for (const [k, v] of Object.entries(table)) {
        if (have(k)) expect({ [k]: v }).toEqual({ [k]: current.constants[k] });
        else if (!(k in NOT_IN_UAPI)) missing.push(k);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every attribute of every declared attribute set, with its number', () => {
    const { sets } = reachable([...rtnetlink.messages.values()].map((m) => m.attrs));
    const missing: string[] = [];
    let checked = 0;
    for (const set of sets) {
      for (const d of set.defs) {
        if (have(d.name)) {
          expect({ [d.name]: d.type }).toEqual({ [d.name]: current.constants[d.name] });
          checked++;
        } else if (!(d.name in NOT_IN_UAPI)) missing.push(`${set.name}: ${d.name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
