/**
 * The nexthop family against the kernel, with iproute2 as the oracle:
 * `tsip nexthop` prints what `ip nexthop` prints (text, -j, -d, every
 * selector, buckets of a resilient group), sends the requests ip sends
 * (strace, decoded), refuses what ip refuses with its words and exit
 * codes, and `handle.nexthops` adds, replaces, deletes and flushes as ip
 * reads them back. Namespaces `tsnl-t-nh-<pid>-...`, deleted in afterAll.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Handle } from '../../src/index.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote, until } from '../support/kernel.js';
import { monitor } from '../../src/api/monitor.js';
import { BIN, hasStrace, ipRun, requestsOf, tsip } from '../support/oracle.js';
import { fixture, messagesOf } from '../support/fixtures.js';
import { unnamed, valuesOf } from '../support/named.js';
import { linkContext } from '../../src/format/context.js';
import { bucketText, nexthopText } from '../../src/families/nexthop/format.js';
import { RTM } from '../../src/rtnl/constants.js';

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-nh-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-nh-')) : tmpdir();
const handles: Handle[] = [];

/** Next hops of every kind `ip nexthop` prints, made by ip (in this order: groups need their members). */
const NEXTHOPS = [
  ['id', '1', 'via', '198.18.0.254', 'dev', 'n0'],
  ['id', '2', 'via', '198.18.0.253', 'dev', 'n0'],
  ['id', '3', 'blackhole'],
  ['id', '4', 'dev', 'n0'],
  ['id', '5', 'via', '2001:db8::5', 'dev', 'n0'],
  ['id', '6', 'via', '198.18.0.9', 'fdb'],
  ['id', '7', 'via', '198.18.0.10', 'dev', 'n0', 'proto', 'static', 'onlink'],
  ['id', '10', 'group', '1/2,3'],
  ['id', '20', 'group', '1/2', 'type', 'resilient', 'buckets', '8', 'idle_timer', '100'],
  ['id', '30', 'group', '6', 'fdb'],
];

function setup(ns: string): void {
  // A blackhole next hop is on lo, which must be up.
  ip(['-n', ns, 'link', 'set', 'lo', 'up']);
  ip(['-n', ns, 'link', 'add', 'n0', 'type', 'veth', 'peer', 'name', 'n1']);
  ip(['-n', ns, 'link', 'set', 'n0', 'up']);
  ip(['-n', ns, 'link', 'set', 'n1', 'up']);
  ip(['-n', ns, 'addr', 'add', '198.18.0.1/24', 'dev', 'n0']);
  ip(['-n', ns, 'addr', 'add', '2001:db8::1/64', 'dev', 'n0', 'nodad']);
}

describe('next hop captures (fixtures/nexthop)', () => {
  const ids = ['nexthop/dump', 'nexthop/add-group', 'nexthop/add-resilient', 'nexthop/bucket-dump', 'nexthop/get'];

  it('decode names every message and attribute', () => {
    for (const id of ids) expect({ id, unnamed: unnamed(fixture(id)) }).toEqual({ id, unnamed: [] });
  });

  it('decodes the values ip printed and sent', () => {
    const dump = fixture('nexthop/dump');
    expect(valuesOf(dump, 'NHA_ID')).toEqual(dump.state!.json.map((j: { id: number }) => j.id));
    expect(valuesOf(dump, 'NHA_GROUP')).toContainEqual([
      { id: 1, weight: 0, weight_high: 0, resvd2: 0 },
      { id: 2, weight: 2, weight_high: 0, resvd2: 0 },
    ]);
    expect(valuesOf(dump, 'NHA_GATEWAY')).toEqual(['198.18.0.254', '198.18.0.253', '2001:db8::5', '198.18.0.9']);
    const res = fixture('nexthop/add-resilient');
    expect(valuesOf(res, 'NHA_RES_GROUP')).toEqual([{ NHA_RES_GROUP_BUCKETS: 8, NHA_RES_GROUP_IDLE_TIMER: 10000, NHA_RES_GROUP_UNBALANCED_TIMER: 5000 }]);
    expect(valuesOf(res, 'NHA_GROUP_TYPE')).toEqual(['NEXTHOP_GRP_TYPE_RES']);
  });

  it('prints the captured answers as ip printed them', () => {
    const lines = (id: string, print: (m: any) => string[]) => {
      const msgs = messagesOf(fixture(id)).filter((m) => m.dir === 'recv' && (m.type === RTM.RTM_NEWNEXTHOP || m.type === RTM.RTM_NEWNEXTHOPBUCKET));
      return msgs.flatMap(print).join('\n') + '\n';
    };
    const ctx = linkContext([]);
    // The capture's ip resolved veth0 through its own link dump; name it here the same way.
    const named = { nameOf: (i: number) => (i === 3 ? 'veth0' : ctx.nameOf(i)) };
    expect(lines('nexthop/dump', (m) => nexthopText(m, named, { details: true }))).toBe(fixture('nexthop/dump').stdout);
    expect(lines('nexthop/get', (m) => nexthopText(m, named))).toBe(fixture('nexthop/get').stdout);
    expect(lines('nexthop/bucket-dump', (m) => bucketText(m))).toBe(fixture('nexthop/bucket-dump').stdout);
  });
});

describe.skipIf(!run)(`next hops against the kernel${skipNote()}`, () => {
  let A: string;
  let A2: string;

  beforeAll(() => {
    A = nss.add('a');
    A2 = nss.add('a2');
    for (const ns of [A, A2]) {
      setup(ns);
      for (const n of NEXTHOPS) ip(['-n', ns, 'nexthop', 'add', ...n]);
      ip(['-n', ns, 'route', 'add', '198.18.8.0/24', 'nhid', '10']);
    }
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('tsip nexthop prints what ip nexthop prints, text, -j and -d, with every selector', () => {
    const cmds = [
      ['nexthop'], ['-j', 'nexthop'], ['-d', 'nexthop', 'show'], ['-j', '-d', 'nexthop', 'list'], ['-6', 'nexthop'], ['-4', 'nexthop'],
      ['nexthop', 'show', 'id', '10'], ['nexthop', 'get', 'id', '20'], ['-j', 'nexthop', 'show', 'id', '20'],
      ['nexthop', 'show', 'groups'], ['nexthop', 'show', 'dev', 'n0'], ['nexthop', 'show', 'fdb'], ['nexthop', 'show', 'protocol', '4'],
      ['nexthop', 'bucket', 'show', 'id', '20'], ['-j', 'nexthop', 'bucket', 'list', 'nhid', '2'],
    ];
    for (const c of cmds) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      // Bucket idle times tick between the two runs.
      const mask = (s: string) => s.replace(/idle_time"?:? ?[\d.]+/g, 'idle_time T');
      expect({ c, out: mask(ours.stdout), status: ours.status }).toEqual({ c, out: mask(theirs.stdout), status: theirs.status });
      expect(theirs.stdout.length).toBeGreaterThan(0);
    }
  }, 30_000);

  it.skipIf(!hasStrace)(`sends the requests ip sends (strace, decoded)${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
    const cmds = [
      ['nexthop', 'add', 'id', '101', 'via', '198.18.0.200', 'dev', 'n0'],
      ['nexthop', 'add', 'id', '102', 'via', '198.18.0.201', 'dev', 'n0', 'onlink', 'proto', 'static'],
      ['nexthop', 'add', 'id', '103', 'blackhole'],
      ['-6', 'nexthop', 'add', 'id', '104', 'via', '2001:db8::104', 'dev', 'n0'],
      ['nexthop', 'add', 'id', '110', 'group', '101,5/102'],
      ['nexthop', 'add', 'id', '111', 'group', '101/102,200', 'type', 'resilient', 'buckets', '16', 'idle_timer', '30', 'unbalanced_timer', '60'],
      ['nexthop', 'replace', 'id', '101', 'via', '198.18.0.202', 'dev', 'n0'],
      ['nexthop', 'get', 'id', '110'],
      ['nexthop', 'show'],
      ['nexthop', 'show', 'dev', 'n0'],
      ['nexthop', 'show', 'groups'],
      ['nexthop', 'show', 'fdb'],
      ['nexthop', 'bucket', 'show', 'nhid', '101'],
      ['nexthop', 'del', 'id', '110'],
    ];
    cmds.forEach((c, i) => {
      const theirs = requestsOf(['ip', '-n', A, ...c], /NEXTHOP/, work, `ip${i}`);
      const ours = requestsOf([process.execPath, BIN, '-n', A2, ...c], /NEXTHOP/, work, `ts${i}`);
      expect({ c, ours }).toEqual({ c, ours: theirs });
      expect(theirs.length).toBe(1);
    });
    expect(ip(['-n', A2, 'nexthop'])).toBe(ip(['-n', A, 'nexthop']));
  }, 60_000);

  it("errors are ip's words and exit codes, and leave what ip leaves", () => {
    const cases = [
      ['nexthop', 'add', 'id', '1', 'via', '198.18.0.254', 'dev', 'n0'],
      ['nexthop', 'add', 'id', '150', 'group', '999'],
      ['nexthop', 'add', 'id', '151', 'via', '198.18.0.5', 'dev', 'nosuch'],
      ['nexthop', 'add', 'id', 'x', 'blackhole'],
      ['nexthop', 'add', 'id', '152', 'group', '1,0'],
      ['nexthop', 'add', 'id', '153', 'group', '1', 'type', 'frob'],
      ['nexthop', 'add', 'id', '154', 'frob'],
      ['nexthop', 'del', 'id', '999'],
      ['nexthop', 'get', 'id', '999'],
      ['nexthop', 'show', 'id', '999'],
      ['nexthop', 'frob'],
    ];
    for (const c of cases) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A2, ...c]);
      // tsip names itself where ip does (`try "tsip nexthop help"`).
      const err = ours.stderr.split('\n')[0]!.replace('"tsip ', '"ip ');
      expect({ c, err, status: ours.status }).toEqual({ c, err: theirs.stderr.split('\n')[0], status: theirs.status });
      expect(ours.status).not.toBe(0);
    }
    expect(ip(['-n', A2, 'nexthop'])).toBe(ip(['-n', A, 'nexthop']));
  }, 30_000);

  it('flush prints what ip prints and deletes what ip deletes', () => {
    for (const c of [['nexthop', 'flush', 'dev', 'n0'], ['nexthop', 'flush', 'groups'], ['nexthop', 'flush'], ['nexthop', 'flush']]) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A2, ...c]);
      expect({ c, out: ours.stdout, status: ours.status }).toEqual({ c, out: theirs.stdout, status: theirs.status });
      expect(ip(['-n', A2, 'nexthop'])).toBe(ip(['-n', A, 'nexthop']));
      expect(ip(['-n', A2, 'route'])).toBe(ip(['-n', A, 'route']));
    }
  }, 30_000);

  it("tsip monitor nexthop prints ip monitor's lines", async () => {
    const ns = nss.add('mon');
    setup(ns);
    const watch = (argv: string[], env: NodeJS.ProcessEnv = process.env) => {
      const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const got = { out: '', err: '', child };
      child.stdout.on('data', (d) => (got.out += d));
      child.stderr.on('data', (d) => (got.err += d));
      return got;
    };
    const ours = watch([process.execPath, BIN, '-n', ns, 'monitor', 'nexthop'], { ...process.env, TSIP_MONITOR_READY: '1' });
    const theirs = watch(['ip', '-n', ns, 'monitor', 'nexthop']);
    try {
      expect(await until(() => ours.err.includes('monitor ready'), 10_000)).toBe(true);
      // ip monitor has no ready signal: give it time to join its group.
      await new Promise((r) => setTimeout(r, 300));
      ip(['-n', ns, 'nexthop', 'add', 'id', '50', 'via', '198.18.0.50', 'dev', 'n0']);
      ip(['-n', ns, 'nexthop', 'add', 'id', '51', 'group', '50']);
      ip(['-n', ns, 'nexthop', 'del', 'id', '50']);
      const done = (o: { out: string }) => o.out.includes('Deleted id 50');
      expect(await until(() => done(ours) && done(theirs), 10_000)).toBe(true);
    } finally {
      ours.child.kill();
      theirs.child.kill();
    }
    expect(ours.out).toBe(theirs.out);
    expect(ours.out.split('\n')[0]).toBe('id 50 via 198.18.0.50 dev n0 scope link ');
  }, 20_000);

  for (const mode of ['setns', 'helper'] as const) {
    it(`handle.nexthops (${mode}): add, list, get, replace, buckets, delete, flush, read back with ip -j`, async () => {
      const ns = nss.add(`api-${mode}`);
      setup(ns);
      const h = open({ netns: ns, netnsMode: mode });
      handles.push(h);
      const mon = monitor({ netns: ns, objects: ['nexthop'], netnsMode: mode });
      await mon.ready;
      await h.nexthops.add({ id: 1, via: '198.18.0.254', dev: 'n0', onlink: true });
      await h.nexthops.add({ id: 2, via: '2001:db8::2', dev: 'n0', protocol: 4 });
      await h.nexthops.add({ id: 3, blackhole: true });
      await h.nexthops.add({ id: 4, dev: 'n0' });
      await h.nexthops.add({ id: 10, group: [1, { id: 4, weight: 3 }] });
      await h.nexthops.add({ id: 11, group: [1, 4], type: 'resilient', buckets: 4, idleTimer: 10 });
      const json = ipJson(ns, ['nexthop']) as any[];
      const byId = new Map(json.map((j) => [j.id, j]));
      expect(byId.get(1)).toMatchObject({ gateway: '198.18.0.254', dev: 'n0', scope: 'link', flags: ['onlink'] });
      expect(byId.get(2)).toMatchObject({ gateway: '2001:db8::2', protocol: 'static' });
      expect(byId.get(3)).toMatchObject({ blackhole: null });
      expect(byId.get(4)).toMatchObject({ dev: 'n0', scope: 'host' });
      expect(byId.get(10)).toMatchObject({ group: [{ id: 1 }, { id: 4, weight: 3 }] });
      expect(byId.get(11)).toMatchObject({ type: 'resilient', resilient_args: { buckets: 4, idle_timer: 10 } });
      const listed = await h.nexthops.list();
      expect(listed.map((n) => n.id)).toEqual(json.map((j) => j.id));
      expect(listed.find((n) => n.id === 10)).toMatchObject({ group: [{ id: 1, weight: 1 }, { id: 4, weight: 3 }], type: 'mpath' });
      expect(await h.nexthops.get(11)).toMatchObject({ type: 'resilient', resilient: { buckets: 4, idleTimer: 10 } });
      expect((await h.nexthops.list({ family: 6 })).map((n) => n.id)).toEqual([2]);
      expect((await h.nexthops.list({ groups: true })).map((n) => n.id)).toEqual([10, 11]);
      expect((await h.nexthops.buckets({ id: 11 })).map((b) => b.index)).toEqual([0, 1, 2, 3]);
      await h.nexthops.replace({ id: 1, via: '198.18.0.253', dev: 'n0' });
      expect((ipJson(ns, ['nexthop', 'show', 'id', '1']) as any[])[0]).toMatchObject({ gateway: '198.18.0.253' });
      // Everything is checked before anything is sent.
      await expect(h.nexthops.add({ id: 20, via: 'bogus', dev: 'n0' })).rejects.toThrow(/invalid address/);
      await expect(h.nexthops.add({ id: 20, blackhole: true, dev: 'n0' })).rejects.toThrow(/one of them/);
      await expect(h.nexthops.add({ id: 20, group: [{ id: 1, weight: 300 }] })).rejects.toThrow(/weight/);
      await expect(h.nexthops.add({ id: 20, via: '198.18.0.5', dev: 'nosuch' })).rejects.toThrow(/nosuch/);
      await expect(h.nexthops.get(999)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((ipJson(ns, ['nexthop']) as any[]).map((j) => j.id)).not.toContain(20);
      await h.nexthops.delete(3);
      expect((ipJson(ns, ['nexthop']) as any[]).map((j) => j.id)).not.toContain(3);
      expect(await h.nexthops.flush()).toBe(5);
      expect(ipJson(ns, ['nexthop'])).toEqual([]);
      const events: string[] = [];
      for await (const ev of mon) {
        if (ev.type === 'nexthop') events.push(`${ev.action} ${ev.nexthop.id}${ev.nexthop.group ? ' group' : ''}`);
        if (events.includes('del 11 group')) break;
      }
      mon.close();
      expect(events.slice(0, 6)).toEqual(['new 1', 'new 2', 'new 3', 'new 4', 'new 10 group', 'new 11 group']);
      expect(events).toContain('del 3');
    }, 30_000);
  }
});
