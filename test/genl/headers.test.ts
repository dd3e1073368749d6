/**
 * The generic families' numbers against this machine's UAPI headers
 * (Linux 6.1: older than the kernel, so names they lack are not checked;
 * every name they have must carry our number): every command and every
 * attribute reachable from the families' commands, and ethtool's value
 * tables (port, duplex, string sets...). The YNL test covers 6.12's specs;
 * this one covers what the specs leave without an enum (ETHTOOL_A_LINKINFO_PORT).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERIC_UNITS } from '../../src/families/registry.js';
import * as ethtool from '../../src/families/ethtool/constants.js';
import { reachable } from '../../src/schema/walk.js';
import { readHeaders } from '../support/c-headers.js';

const DIR = '/usr/include/linux/';
const FILES = ['genetlink.h', 'netlink.h', 'ethtool.h', 'ethtool_netlink.h', 'mptcp.h', 'tcp_metrics.h', 'netdev.h'].filter((f) => existsSync(DIR + f));
const have = FILES.includes('ethtool_netlink.h');
const consts = readHeaders(FILES.map((f) => DIR + f));

describe.skipIf(!have)(`generic families against ${DIR}${have ? '' : ' (skipped: no kernel headers installed)'}`, () => {
  it('every command and attribute the headers name carries our number', () => {
    const wrong: string[] = [];
    let same = 0;
    const check = (name: string, v: number) => {
      const h = consts.get(name);
      if (h === undefined) return;
      if (h === v) same++;
      else wrong.push(`${name}: ours ${v}, header ${h}`);
    };
    for (const u of GENERIC_UNITS) {
      for (const c of u.genl.commands) check(c.name, c.cmd);
      for (const set of reachable(u.genl.commands.map((c) => c.attrs)).sets) for (const d of set.defs) check(d.name, d.type);
    }
    expect(wrong).toEqual([]);
    expect(same).toBeGreaterThan(300);
  });

  it("ethtool's value tables", () => {
    const wrong: string[] = [];
    for (const table of Object.values(ethtool)) {
      if (table === null || typeof table !== 'object') continue;
      for (const [k, v] of Object.entries(table)) {
        const h = consts.get(k);
        if (typeof v === 'number' && h !== undefined && h !== v) wrong.push(`${k}: ours ${v}, header ${h}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(ethtool.PORT.PORT_FIBRE).toBe(consts.get('PORT_FIBRE'));
  });
});
