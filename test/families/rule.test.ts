/**
 * The rule family against the kernel, with iproute2 as the oracle:
 * `tsip rule` prints what `ip rule` prints (text and -j, both families),
 * sends the requests ip sends (strace, decoded; attributes in any order,
 * as ip sends them in the order of its arguments), refuses what ip refuses
 * with its words, and `handle.rules` adds, deletes and flushes as ip reads
 * them back. Namespaces `tsnl-t-rule-<pid>-...`, deleted in afterAll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Handle } from '../../src/index.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { BIN, hasStrace, ipRun, requestsOf, tsip } from '../support/oracle.js';
import { fixture, messagesOf } from '../support/fixtures.js';
import { unnamed, valuesOf } from '../support/named.js';
import { ruleJSON, ruleText } from '../../src/families/rule/format.js';
import { RTM } from '../../src/rtnl/constants.js';

describe('rule captures (fixtures/rule)', () => {
  const ids = ['rule/dump', 'rule/dump-ipv6', 'rule/add'];

  it('decode names every message and attribute', () => {
    for (const id of ids) expect({ id, unnamed: unnamed(fixture(id)) }).toEqual({ id, unnamed: [] });
  });

  it('decodes the values ip printed and sent, and prints them as ip did, text and -j', () => {
    for (const id of ['rule/dump', 'rule/dump-ipv6']) {
      const f = fixture(id);
      const json = f.state!.json as { priority: number; table: string }[];
      // The kernel leaves FRA_PRIORITY out for priority 0 (the local table's rule).
      expect(valuesOf(f, 'FRA_PRIORITY')).toEqual(json.map((r) => r.priority).filter((p) => p !== 0));
      const tables = valuesOf(f, 'FRA_TABLE');
      for (const t of ['100', '5000', '7'].filter((x) => json.some((r) => r.table === x))) expect(tables).toContain(Number(t));
      const rules = messagesOf(f).filter((m) => m.dir === 'recv' && m.type === RTM.RTM_NEWRULE);
      expect(rules.flatMap((m) => ruleText(m)).join('\n') + '\n').toBe(f.stdout);
      expect(rules.map((m) => ruleJSON(m))).toEqual(json);
    }
    const add = messagesOf(fixture('rule/add')).find((m) => m.dir === 'send' && m.type === RTM.RTM_NEWRULE)!;
    expect([add.attrs?.dst, add.header?.dstLen, add.attrs?.priority, add.header?.table]).toEqual(['198.18.2.0', 24, 1003, 200]);
  });
});

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-rule-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-rule-')) : tmpdir();
const handles: Handle[] = [];

/** Rules of every kind `ip rule` prints, made by ip. */
const RULES = [
  ['from', '198.18.0.0/24', 'table', '100', 'prio', '100'],
  ['to', '198.18.5.0/24', 'lookup', 'main', 'prio', '101', 'not'],
  ['fwmark', '0x10/0xff', 'iif', 'r0', 'table', '200', 'prio', '102'],
  ['oif', 'r0', 'uidrange', '100-200', 'ipproto', 'tcp', 'dport', '80', 'sport', '1000-2000', 'table', '201', 'prio', '103'],
  ['prio', '105', 'blackhole'],
  ['prio', '106', 'tos', '0x10', 'realms', '3/4', 'table', '300', 'suppress_prefixlength', '0'],
  ['prio', '107', 'table', '5000', 'proto', 'static'],
  ['prio', '108', 'nop'],
  ['prio', '109', 'unreachable'],
  ['prio', '110', 'goto', '120'],
  ['prio', '120', 'fwmark', '7', 'table', '7'],
];

describe.skipIf(!run)(`rules against the kernel${skipNote()}`, () => {
  let A: string;
  let A2: string;

  beforeAll(() => {
    A = nss.add('a');
    A2 = nss.add('a2');
    for (const ns of [A, A2]) {
      ip(['-n', ns, 'link', 'add', 'r0', 'type', 'veth', 'peer', 'name', 'r1']);
      for (const r of RULES) ip(['-n', ns, 'rule', 'add', ...r]);
      ip(['-n', ns, '-6', 'rule', 'add', 'from', '2001:db8::/32', 'table', '100', 'prio', '100']);
    }
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('tsip rule prints what ip rule prints, text and -j', () => {
    for (const c of [['rule'], ['-j', 'rule'], ['-6', 'rule'], ['-j', '-6', 'rule'], ['-d', 'rule'], ['rule', 'show', 'pref', '100'], ['rule', 'show', 'table', '100'], ['rule', 'list']]) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      expect({ c, out: ours.stdout, status: ours.status }).toEqual({ c, out: theirs.stdout, status: theirs.status });
      expect(theirs.stdout.length).toBeGreaterThan(0);
    }
  });

  it.skipIf(!hasStrace)(`sends the requests ip sends (strace, decoded)${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
    const cmds = [
      ['rule', 'add', 'from', '198.18.9.0/24', 'table', '100', 'prio', '200'],
      ['rule', 'add', 'oif', 'r0', 'uidrange', '100-200', 'ipproto', 'tcp', 'dport', '80', 'sport', '1000-2000', 'table', '201', 'prio', '201'],
      ['rule', 'add', 'prio', '202', 'blackhole'],
      ['rule', 'add', 'prio', '204', 'table', '5000', 'fwmark', '0x10/0xff', 'not'],
      ['-6', 'rule', 'add', 'to', '2001:db8:5::/48', 'table', '9', 'prio', '203', 'proto', 'static'],
      ['rule', 'del', 'prio', '200'],
      ['rule', 'del', 'prio', '201'],
      ['rule', 'del', 'prio', '202'],
      ['rule', 'del', 'prio', '204', 'table', '5000'],
      ['-6', 'rule', 'del', 'prio', '203'],
      ['rule', 'show'],
      ['-6', 'rule', 'show'],
    ];
    cmds.forEach((c, i) => {
      const theirs = requestsOf(['ip', '-n', A, ...c], /RULE$/, work, `ip${i}`, true);
      const ours = requestsOf([process.execPath, BIN, '-n', A2, ...c], /RULE$/, work, `ts${i}`, true);
      expect({ c, ours }).toEqual({ c, ours: theirs });
      expect(theirs.length).toBe(1);
    });
  }, 60_000);

  it('errors are ip\'s words and exit codes, and leave what ip leaves', () => {
    const cases = [
      ['rule', 'add', 'prio', '100', 'goto', '50'],
      ['rule', 'del', 'prio', '999'],
      ['rule', 'add', 'from', 'bogus', 'table', '5'],
      ['rule', 'add', 'frob'],
      ['rule', 'add', 'table', 'nosuchtable'],
      ['-6', 'rule', 'add', 'from', '198.18.0.0/24', 'table', '5'],
      ['rule', 'add', 'fwmark', 'zz', 'table', '5'],
    ];
    for (const c of cases) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A2, ...c]);
      expect({ c, err: ours.stderr.split('\n')[0], status: ours.status }).toEqual({ c, err: theirs.stderr.split('\n')[0], status: theirs.status });
      expect(ours.status).not.toBe(0);
    }
    expect(ip(['-n', A2, 'rule'])).toBe(ip(['-n', A, 'rule']));
  });

  for (const mode of ['setns', 'helper'] as const) {
    it(`handle.rules (${mode}): list, add, delete, flush, read back with ip -j`, async () => {
      const ns = nss.add(`api-${mode}`);
      const h = open({ netns: ns, netnsMode: mode });
      handles.push(h);
      await h.rules.add({ priority: 300, from: '198.18.30.0/24', table: 30 });
      await h.rules.add({ priority: 301, to: '198.18.31.0/24', not: true, table: 'main', fwmark: 5, fwmask: 0xff });
      await h.rules.add({ priority: 302, action: 'blackhole' });
      await h.rules.add({ priority: 303, table: 5000, ipproto: 'udp', dport: [53, 54], protocol: 4 });
      await h.rules.add({ priority: 304, from: '2001:db8:30::/48', table: 30 });
      const json = ipJson(ns, ['rule']) as any[];
      const byPrio = new Map(json.map((j) => [j.priority, j]));
      expect(byPrio.get(300)).toMatchObject({ src: '198.18.30.0', srclen: 24, table: '30' });
      expect(byPrio.get(301)).toMatchObject({ not: null, dst: '198.18.31.0', dstlen: 24, table: 'main', fwmark: '0x5', fwmask: '0xff' });
      expect(byPrio.get(302)).toMatchObject({ action: 'blackhole' });
      expect(byPrio.get(303)).toMatchObject({ table: '5000', ipproto: 'udp', dport_start: 53, dport_end: 54, protocol: 'static' });
      expect((ipJson(ns, ['-6', 'rule']) as any[]).find((j) => j.priority === 304)).toMatchObject({ src: '2001:db8:30::', srclen: 48 });
      const listed = await h.rules.list();
      expect(listed.map((r) => r.priority)).toEqual(json.map((j) => j.priority));
      expect(listed.find((r) => r.priority === 301)).toMatchObject({ to: '198.18.31.0/24', not: true, table: 254, fwmark: 5, fwmask: 0xff, action: 'to_tbl' });
      expect(listed.find((r) => r.priority === 302)?.action).toBe('blackhole');
      await h.rules.delete({ priority: 300 });
      expect((ipJson(ns, ['rule']) as any[]).map((j) => j.priority)).not.toContain(300);
      // Everything is checked before anything is sent.
      await expect(h.rules.add({ priority: 305, from: 'bogus' })).rejects.toThrow(/invalid address/);
      await expect(h.rules.add({ priority: 305, sport: 70000 })).rejects.toThrow(/sport/);
      // @ts-expect-error not an action
      await expect(h.rules.add({ priority: 305, action: 'frob' })).rejects.toThrow(/unknown rule action "frob"/);
      expect(await h.rules.flush()).toBe(5);
      expect((ipJson(ns, ['rule']) as any[]).map((j) => j.priority)).toEqual([0]);
      // IPv6: 304 and the main table's rule (32766).
      expect(await h.rules.flush({ family: 6 })).toBe(2);
    }, 30_000);
  }
});
