/**
 * Our declared numbers against the kernel UAPI headers on this machine.
 * Those are older (6.1) than the kernel (6.18), so names they lack are
 * counted, not failed; every name they have must carry the same number.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NLM_F, NLM_F_ACKFLAGS, NLM_F_DEL, NLM_F_GET, NLM_F_NEW, NLMSG } from '../../src/core/constants.js';
import { rtnetlink } from '../../src/rtnl/messages.js';
import { AF, ARPHRD, IF_LINK_MODE, IF_OPER, IFF, RT_SCOPE, RT_TABLE, RTM, RTM_F, RTN, RTNLGRP, RTPROT } from '../../src/rtnl/constants.js';
import { IFA_F } from '../../src/rtnl/address/header.js';
import { reachable } from '../../src/schema/walk.js';
import { readHeaders, SYSTEM_HEADERS } from '../support/c-headers.js';

const have = existsSync('/usr/include/linux/rtnetlink.h');
const consts = readHeaders(SYSTEM_HEADERS);

describe.skipIf(!have)('declared constants match /usr/include/linux (skipped: no kernel headers installed)', () => {
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
