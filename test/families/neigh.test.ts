/**
 * The neighbour family against the kernel, with iproute2 as the oracle:
 * - `tsip neigh` prints what `ip neigh` prints for state ip made, text and
 *   -j, with every selector (dev, proxy, nud, to, -4/-6, -s), and `tsip
 *   monitor neigh` prints ip monitor's lines;
 * - the requests tsip sends equal ip's for the same command (both traced
 *   with strace and decoded), and its errors are ip's words and exit codes;
 * - the API (`handle.neighbours`) adds, replaces, changes, gets, deletes and
 *   flushes, read back with `ip -j`, in setns and helper mode.
 *
 * Namespaces are `tsnl-t-neigh-<pid>-...`, deleted in afterAll; addresses
 * only from 198.18.0.0/15 and 2001:db8::/32.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Handle } from '../../src/index.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote, until } from '../support/kernel.js';
import { monitor } from '../../src/api/monitor.js';
import { BIN, hasStrace as hasStraceBin, ipRun, requestsOf, tsip } from '../support/oracle.js';
import { fixture, messagesOf } from '../support/fixtures.js';
import { unnamed, valuesOf } from '../support/named.js';
import { linkContext } from '../../src/format/context.js';
import { neighJSON, neighText } from '../../src/families/neigh/format.js';
import { NUD } from '../../src/families/neigh/header.js';
import { RTM } from '../../src/rtnl/constants.js';

describe('neighbour captures (fixtures/neigh)', () => {
  const ids = ['neigh/dump', 'neigh/dump-proxy', 'neigh/add', 'neigh/get'];

  it('decode names every message and attribute', () => {
    for (const id of ids) expect({ id, unnamed: unnamed(fixture(id)) }).toEqual({ id, unnamed: [] });
  });

  it('decodes the values ip printed and sent', () => {
    const dump = fixture('neigh/dump');
    const shown = dump.state!.json as { dst: string; lladdr: string }[];
    for (const n of shown) {
      expect(valuesOf(dump, 'NDA_DST')).toContain(n.dst);
      expect(valuesOf(dump, 'NDA_LLADDR')).toContain(n.lladdr);
    }
    expect(valuesOf(fixture('neigh/dump-proxy'), 'NDA_DST')).toContain('198.18.0.9');
    const add = messagesOf(fixture('neigh/add')).find((m) => m.dir === 'send' && m.type === RTM.RTM_NEWNEIGH)!;
    expect([add.attrs?.dst, add.attrs?.lladdr, add.header?.state]).toEqual(['198.18.0.8', '02:00:00:00:00:0a', NUD.NUD_REACHABLE]);
  });

  it('prints the captured answers as ip printed them, text and -j', () => {
    for (const id of ['neigh/dump', 'neigh/get']) {
      const f = fixture(id);
      const msgs = messagesOf(f).filter((m) => m.dir === 'recv');
      const ctx = linkContext(msgs.filter((m) => m.type === RTM.RTM_NEWLINK));
      // ip's default filter: every state but NOARP.
      const neighs = msgs.filter((m) => m.type === RTM.RTM_NEWNEIGH && (m.header!.state & ~NUD.NUD_NOARP) !== 0);
      expect(neighs.flatMap((m) => neighText(m, ctx)).join('\n') + '\n').toBe(f.stdout);
      if (id === 'neigh/dump') expect(neighs.map((m) => neighJSON(m, ctx))).toEqual(f.state!.json);
    }
  });
});

const run = kernelSkipReason === undefined;
const hasStrace = run && hasStraceBin;
const nss = new Namespaces(`tsnl-t-neigh-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-neigh-')) : tmpdir();
const handles: Handle[] = [];
const neighRequests = (cmd: string[], tag: string) => requestsOf(cmd, /NEIGH$/, work, tag);

describe.skipIf(!run)(`neighbours against the kernel${skipNote()}`, () => {
  let A: string;
  /** A twin of A, for commands that change state: ip runs in A, tsip here. */
  let A2: string;
  let B: string;

  /** Links and neighbours of a test namespace, made by ip; n0's peer goes to B as `peer`. */
  function populate(ns: string, peer: string): void {
    ip(['-n', ns, 'link', 'add', 'n0', 'type', 'veth', 'peer', 'name', peer, 'netns', B]);
    ip(['-n', ns, 'link', 'add', 'n2', 'type', 'veth', 'peer', 'name', 'n3']);
    for (const l of ['n0', 'n2', 'n3']) ip(['-n', ns, 'link', 'set', l, 'up']);
    ip(['-n', B, 'link', 'set', peer, 'up']);
    ip(['-n', ns, 'addr', 'add', '198.18.40.1/24', 'dev', 'n0']);
    ip(['-n', ns, 'neigh', 'add', '198.18.40.9', 'lladdr', '02:00:00:00:40:09', 'dev', 'n0', 'nud', 'permanent']);
    ip(['-n', ns, 'neigh', 'add', '198.18.40.10', 'lladdr', '02:00:00:00:40:0a', 'dev', 'n0', 'nud', 'stale', 'router']);
    ip(['-n', ns, 'neigh', 'add', '198.18.41.3', 'lladdr', '02:00:00:00:41:03', 'dev', 'n2', 'nud', 'noarp']);
    ip(['-n', ns, '-6', 'neigh', 'add', '2001:db8:40::5', 'lladdr', '02:00:00:00:40:05', 'dev', 'n0', 'protocol', 'static']);
    ip(['-n', ns, 'neigh', 'add', 'proxy', '198.18.40.77', 'dev', 'n0']);
  }

  beforeAll(() => {
    B = nss.add('b');
    A = nss.add('a');
    A2 = nss.add('a2');
    populate(A, 'n1');
    populate(A2, 'n1b');
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('tsip neigh prints what ip neigh prints, text and -j, with every selector', () => {
    const cases = [
      ['neigh'],
      ['-j', 'neigh'],
      ['neigh', 'show', 'dev', 'n0'],
      ['-4', 'neigh'],
      ['-6', 'neigh'],
      ['-j', '-6', 'neigh', 'show', 'dev', 'n0'],
      ['neigh', 'show', 'proxy'],
      ['-j', 'neigh', 'show', 'proxy'],
      // (IPv6 multicast NOARP entries come and go as the links join groups: IPv4 only.)
      ['-4', 'neigh', 'show', 'nud', 'all'],
      ['-4', 'neigh', 'show', 'nud', 'noarp'],
      ['neigh', 'show', 'nud', 'permanent', 'nud', 'stale'],
      ['neigh', 'show', 'to', '198.18.40.8/30'],
      ['neigh', 'show', '198.18.40.9'],
      ['neigh', 'get', '198.18.40.9', 'dev', 'n0'],
      ['-s', 'neigh'],
      ['-s', '-j', 'neigh'],
    ];
    for (const c of cases) {
      // The cache's times (-s) may tick between the two runs: once more then.
      let theirs = ipRun(['-n', A, ...c]);
      let ours = tsip(['-n', A, ...c]);
      if (c[0] === '-s' && ours.stdout !== theirs.stdout) {
        theirs = ipRun(['-n', A, ...c]);
        ours = tsip(['-n', A, ...c]);
      }
      expect({ c, out: ours.stdout, status: ours.status }).toEqual({ c, out: theirs.stdout, status: theirs.status });
      expect(theirs.stdout.length).toBeGreaterThan(0);
    }
  });

  it('errors are ip\'s words and exit codes, and leave what ip leaves', () => {
        const cases = [
      ['neigh', 'add', '198.18.40.9', 'lladdr', '02:00:00:00:40:09', 'dev', 'n0'],
      ['neigh', 'del', '198.18.40.99', 'dev', 'n0'],
      ['neigh', 'get', '198.18.40.99', 'dev', 'n0'],
      ['neigh', 'add', '198.18.40.50', 'dev', 'n0'],
      ['neigh', 'add', '198.18.40.51', 'lladdr', '02:00:00:00:40:33', 'dev', 'nope'],
      ['neigh', 'add', '198.18.40.52', 'lladdr', 'zz', 'dev', 'n0'],
      ['neigh', 'add', '198.18.40.52', 'lladdr', '02:00:00:00:40:34', 'dev', 'n0', 'nud', 'bogus'],
      ['neigh', 'add', 'bogus', 'lladdr', '02:00:00:00:40:34', 'dev', 'n0'],
      ['neigh', 'add', '198.18.40.52', 'lladdr', '02:00:00:00:40:34'],
      ['neigh', 'change', '198.18.40.60', 'lladdr', '02:00:00:00:40:34', 'dev', 'n0'],
      ['neigh', 'del', 'proxy', '198.18.40.79', 'dev', 'n0'],
      ['neigh', 'flush'],
    ];
    for (const c of cases) {
      const theirs = ipRun(['-n', A, ...c]);
      // (A refused creation may leave an empty entry in the kernel: each tool has its twin namespace.)
      const ours = tsip(['-n', A2, ...c]);
      expect({ c, err: ours.stderr.split('\n')[0], status: ours.status }).toEqual({ c, err: theirs.stderr.split('\n')[0], status: theirs.status });
      expect(ours.status).not.toBe(0);
    }
    // (Each namespace's hash table dumps in its own order.)
    const entries = (ns: string) => ip(['-n', ns, '-4', 'neigh', 'show', 'nud', 'all']).split('\n').sort();
    expect(entries(A2)).toEqual(entries(A));
  });

  it.skipIf(!hasStrace)(`sends the requests ip sends (strace, decoded)${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
    const cmds = [
      ['neigh', 'add', '198.18.40.70', 'lladdr', '02:00:00:00:40:46', 'dev', 'n0'],
      ['neigh', 'replace', '198.18.40.70', 'lladdr', '02:00:00:00:40:47', 'dev', 'n0', 'nud', 'reachable'],
      ['neigh', 'change', '198.18.40.70', 'lladdr', '02:00:00:00:40:48', 'dev', 'n0', 'router'],
      ['neigh', 'del', '198.18.40.70', 'dev', 'n0'],
      ['-6', 'neigh', 'add', '2001:db8:40::70', 'lladdr', '02:00:00:00:40:46', 'dev', 'n0', 'protocol', '4'],
      ['-6', 'neigh', 'del', '2001:db8:40::70', 'dev', 'n0'],
      ['neigh', 'add', 'proxy', '198.18.40.71', 'dev', 'n0'],
      ['neigh', 'del', 'proxy', '198.18.40.71', 'dev', 'n0'],
      ['neigh', 'show'],
      ['neigh', 'show', 'dev', 'n0'],
      ['neigh', 'show', 'proxy'],
      ['neigh', 'get', '198.18.40.9', 'dev', 'n0'],
    ];
    cmds.forEach((c, i) => {
      const theirs = neighRequests(['ip', '-n', A, ...c], `ip${i}`);
      const ours = neighRequests([process.execPath, BIN, '-n', A, ...c], `ts${i}`);
      expect({ c, ours }).toEqual({ c, ours: theirs });
      expect(theirs.length).toBe(1);
    });
  }, 60_000);

  it('tsip neigh add, replace, change, del and flush change state as ip reads it', () => {
    expect(tsip(['-n', A, 'neigh', 'add', '198.18.41.20', 'lladdr', '02:00:00:00:41:14', 'dev', 'n2', 'nud', 'stale']).status).toBe(0);
    expect(tsip(['-n', A, 'neigh', 'replace', '198.18.41.21', 'lladdr', '02:00:00:00:41:15', 'dev', 'n2', 'nud', 'stale']).status).toBe(0);
    expect(tsip(['-n', A, 'neigh', 'change', '198.18.41.20', 'lladdr', '02:00:00:00:41:16', 'dev', 'n2', 'nud', 'stale', 'router']).status).toBe(0);
    const on = (dev: string) => (ipJson(A, ['neigh', 'show', 'dev', dev]) as any[]).map((n) => [n.dst, n.lladdr, n.state, 'router' in n]);
    expect(on('n2')).toEqual(expect.arrayContaining([['198.18.41.20', '02:00:00:00:41:16', ['STALE'], true], ['198.18.41.21', '02:00:00:00:41:15', ['STALE'], false]]));
    expect(tsip(['-n', A, 'neigh', 'del', '198.18.41.21', 'dev', 'n2']).status).toBe(0);
    expect(tsip(['-n', A, 'neigh', 'flush', 'dev', 'n2']).status).toBe(0);
    // The NOARP entry stays, as with ip neigh flush.
    expect((ipJson(A, ['-4', 'neigh', 'show', 'dev', 'n2', 'nud', 'all']) as any[]).map((n) => n.dst)).toEqual(['198.18.41.3']);
  });

  it('tsip monitor neigh prints ip monitor\'s lines', async () => {
    const child = spawn(process.execPath, [BIN, '-n', A, 'monitor', 'neigh'], { env: { ...process.env, TSIP_MONITOR_READY: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    try {
      expect(await until(() => err.includes('monitor ready'), 10_000)).toBe(true);
      ip(['-n', A, 'neigh', 'add', '198.18.40.90', 'lladdr', '02:00:00:00:40:5a', 'dev', 'n0']);
      ip(['-n', A, 'neigh', 'del', '198.18.40.90', 'dev', 'n0']);
      expect(await until(() => out.includes('Deleted 198.18.40.90'), 10_000)).toBe(true);
    } finally {
      child.kill();
    }
    expect(out.split('\n')[0]).toBe('198.18.40.90 dev n0 lladdr 02:00:00:00:40:5a PERMANENT ');
    expect(out).toMatch(/^Deleted 198\.18\.40\.90 dev n0 /m);
  }, 20_000);

  for (const [mode, net] of [['setns', 50], ['helper', 51]] as const) {
    it(`handle.neighbours (${mode}): add, replace, change, get, delete, flush, read back with ip -j; monitor events`, async () => {
      const h = open({ netns: A, netnsMode: mode });
      handles.push(h);
      const mon = monitor({ netns: A, objects: ['neigh'], netnsMode: mode });
      await mon.ready;
      await h.neighbours.add({ address: `198.18.${net}.30`, dev: 'n0', lladdr: '02:00:00:00:40:1e' });
      await h.neighbours.replace({ address: `2001:db8:${net}::30`, dev: 'n0', lladdr: '02:00:00:00:40:1f', state: 'stale', router: true });
      await h.neighbours.change({ address: `198.18.${net}.30`, dev: 'n0', lladdr: '02:00:00:00:40:20', state: 'permanent' });
      await h.neighbours.add({ address: `198.18.${net}.31`, dev: 'n0', proxy: true });
      const got = await h.neighbours.get(`198.18.${net}.30`, 'n0');
      expect([got.address, got.lladdr, got.states, got.family]).toEqual([`198.18.${net}.30`, '02:00:00:00:40:20', ['permanent'], 4]);
      const all = await h.neighbours.list({ dev: 'n0' });
      const six = all.find((n) => n.address === `2001:db8:${net}::30`)!;
      expect([six.family, six.router, six.states]).toEqual([6, true, ['stale']]);
      // Every entry ip shows is listed, with the same address, lladdr and state.
      const listed = new Map(all.map((n) => [n.address, n]));
      for (const j of ipJson(A, ['neigh', 'show', 'dev', 'n0', 'nud', 'all']) as any[]) {
        const n = listed.get(j.dst)!;
        expect([n.lladdr, n.states.map((s) => s.toUpperCase())]).toEqual([j.lladdr, j.state ?? []]);
      }
      expect((await h.neighbours.list({ proxy: true })).map((n) => n.address)).toContain(`198.18.${net}.31`);
      expect((await h.neighbours.list({ family: 6 })).every((n) => n.family === 6)).toBe(true);
      await h.neighbours.delete(`198.18.${net}.31`, 'n0', { proxy: true });
      await h.neighbours.delete(`198.18.${net}.30`, 'n0');
      expect(await h.neighbours.flush({ dev: 'n0', family: 6, states: ['stale'] })).toBe(1);
      const left = (ipJson(A, ['neigh', 'show', 'dev', 'n0', 'nud', 'all']) as any[]).map((n) => n.dst);
      expect(left).not.toContain(`198.18.${net}.30`);
      expect(left).not.toContain(`2001:db8:${net}::30`);
      const events: string[] = [];
      for await (const ev of mon) {
        if (ev.type === 'neigh') events.push(`${ev.action} ${ev.neighbour.address}`);
        if (events.includes(`del 198.18.${net}.30`)) break;
      }
      mon.close();
      expect(events).toContain(`new 198.18.${net}.30`);
      await expect(h.neighbours.add({ address: `198.18.${net}.32`, dev: 'n0', lladdr: 'zz' })).rejects.toThrow(/MAC/);
      // @ts-expect-error not a state
      await expect(h.neighbours.add({ address: `198.18.${net}.32`, dev: 'n0', lladdr: '02:00:00:00:40:21', state: 'bogus' })).rejects.toThrow(/unknown neighbour state "bogus"/);
    }, 30_000);
  }
});
