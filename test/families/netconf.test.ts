/**
 * `tsip netconf` and `tsip ntable`, with iproute2 as the oracle: the
 * formatters print the captured answers as ip printed them (fixtures/netconf,
 * fixtures/neightbl); against the kernel, tsip prints what ip prints (text
 * and -j, every selector), sends the requests ip sends (strace, decoded),
 * refuses what ip refuses, and `handle.netconf` / `handle.neighbourTables`
 * read what `ip -j` reads, in setns and helper modes, with netconf monitor
 * events. Namespaces `tsnl-t-netconf-<pid>-...`, deleted in afterAll.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Handle } from '../../src/index.js';
import { monitor } from '../../src/api/monitor.js';
import { linkContext } from '../../src/format/context.js';
import { netconfJSON, netconfText } from '../../src/families/netconf/format.js';
import { ntableText } from '../../src/families/neightbl/format.js';
import { RTM } from '../../src/rtnl/constants.js';
import { fixture, messagesOf } from '../support/fixtures.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { BIN, hasStrace, ipRun, requestsOf, tsip } from '../support/oracle.js';

describe('netconf and ntable captures', () => {
  it('print as ip printed them', () => {
    const f = fixture('netconf/show');
    const msgs = messagesOf(f).filter((m) => m.dir === 'recv');
    const ctx = linkContext(msgs.filter((m) => m.type === RTM.RTM_NEWLINK));
    const conf = msgs.filter((m) => m.type === RTM.RTM_NEWNETCONF);
    expect(conf.flatMap((m) => netconfText(m, ctx)).join('\n') + '\n').toBe(f.stdout);
    expect(conf.map((m) => netconfJSON(m, ctx))).toEqual(f.state!.json);
    const t = fixture('neightbl/show');
    const tm = messagesOf(t).filter((m) => m.dir === 'recv');
    const tctx = linkContext(tm.filter((m) => m.type === RTM.RTM_NEWLINK));
    expect(tm.filter((m) => m.type === RTM.RTM_NEWNEIGHTBL).flatMap((m) => ntableText(m, tctx)).join('\n') + '\n').toBe(t.stdout);
  });
});

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-netconf-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-netconf-')) : tmpdir();
const handles: Handle[] = [];

/** NDTPA_REACHABLE_TIME is drawn at random by the kernel, per table and link, every so often. */
const maskReachable = (s: string) => s.replace(/reachable [0-9]+ base/g, 'reachable R base').replace(/"reachable":[0-9]+/g, '"reachable":R');

function setup(ns: string): void {
  ip(['-n', ns, 'link', 'add', 'c0', 'type', 'veth', 'peer', 'name', 'c1']);
  ip(['-n', ns, 'link', 'add', 'cb', 'type', 'bridge']);
  spawnSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.conf.c0.forwarding=1', 'net.ipv4.conf.c1.rp_filter=2', 'net.ipv6.conf.c0.proxy_ndp=1']);
}

describe.skipIf(!run)(`netconf and ntable against the kernel${skipNote()}`, () => {
  let A: string;

  beforeAll(() => {
    A = nss.add('a');
    setup(A);
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('tsip netconf and ntable print what ip prints, text and -j, with every selector', () => {
    const cmds = [
      ['netconf'], ['netconf', 'show'], ['-j', 'netconf', 'show'], ['-4', 'netconf'], ['-6', 'netconf', 'list'], ['netconf', 'show', 'dev', 'c0'],
      ['-6', 'netconf', 'show', 'dev', 'c0'], ['-4', 'netconf', 'show', 'dev', 'c1'], ['-j', 'netconf', 'show', 'dev', 'c1'],
      ['ntable'], ['-j', 'ntable', 'show'], ['-4', 'ntable'], ['ntable', 'show', 'dev', 'c0'], ['ntable', 'show', 'dev', 'none'], ['ntable', 'show', 'name', 'ndisc_cache'],
      ['-j', 'ntable', 'show', 'dev', 'cb'],
    ];
    for (const c of cmds) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      expect({ c, out: maskReachable(ours.stdout), status: ours.status }).toEqual({ c, out: maskReachable(theirs.stdout), status: theirs.status });
      expect(theirs.stdout.length).toBeGreaterThan(0);
    }
    // What the sysctls set shows.
    expect(ipRun(['-n', A, '-4', 'netconf', 'show', 'dev', 'c1']).stdout).toMatch(/rp_filter loose/);
  }, 30_000);

  it('-s ntable prints the configuration and statistics as ip does', () => {
    // The flush and rand times are wall-clock times computed at print time; the entry count and counters move with the kernel's own work.
    const mask = (s: string) => maskReachable(s).replace(/(last_flush|last_rand) [0-9: -]+ /g, '$1 T ').replace(/(entries|lookups|hits|allocs|destroys|hash_grows|res_failed|hash_rnd|rcv_probes_mcast|rcv_probes_ucast|periodic_gc_runs|forced_gc_runs|table_fulls) [0-9]+/g, '$1 N');
    const theirs = ipRun(['-n', A, '-s', 'ntable', 'show', 'dev', 'none']);
    const ours = tsip(['-n', A, '-s', 'ntable', 'show', 'dev', 'none']);
    expect(mask(ours.stdout)).toBe(mask(theirs.stdout));
    expect(theirs.stdout).toMatch(/config key_len/);
  }, 15_000);

  it.skipIf(!hasStrace)(`sends the requests ip sends (strace, decoded)${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
    const cmds = [['netconf', 'show'], ['-6', 'netconf', 'show', 'dev', 'c0'], ['ntable', 'show'], ['-6', 'ntable', 'show']];
    cmds.forEach((c, i) => {
      const theirs = requestsOf(['ip', '-n', A, ...c], /NETCONF|NEIGHTBL/, work, `ip${i}`);
      const ours = requestsOf([process.execPath, BIN, '-n', A, ...c], /NETCONF|NEIGHTBL/, work, `ts${i}`);
      expect({ c, ours }).toEqual({ c, ours: theirs });
      expect(theirs.length).toBe(1);
    });
  }, 30_000);

  it("errors are ip's words and exit codes", () => {
    for (const c of [['netconf', 'show', 'dev', 'nosuch'], ['ntable', 'show', 'dev', 'nosuch'], ['ntable', 'show', 'frob']]) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      expect({ c, err: ours.stderr.split('\n')[0], status: ours.status }).toEqual({ c, err: theirs.stderr.split('\n')[0], status: theirs.status });
      expect(ours.status).not.toBe(0);
    }
  }, 15_000);

  for (const mode of ['setns', 'helper'] as const) {
    it(`handle.netconf and handle.neighbourTables (${mode}) read what ip -j reads; netconf monitor events`, async () => {
      const h = open({ netns: A, netnsMode: mode });
      handles.push(h);
      const all = await h.netconf.list();
      const json = ipJson(A, ['netconf']) as any[];
      expect(all.map((n) => `${n.family} ${n.dev ?? n.index}`).length).toBe(json.length);
      const c0 = await h.netconf.get('c0', 4);
      const ipc0 = json.find((j) => j.family === 'inet' && j.interface === 'c0');
      expect([c0.forwarding, c0.rpFilter]).toEqual([ipc0.forwarding, 0]);
      expect((await h.netconf.get('c1', 4)).rpFilter).toBe(2);
      expect((await h.netconf.get('c0', 6)).proxyNeigh).toBe(true);
      expect((await h.netconf.get('all', 4)).index).toBe('all');
      await expect(h.netconf.get('nosuch', 4)).rejects.toThrow(/nosuch/);
      const tables = await h.neighbourTables.list({ family: 4, dev: 'c0' });
      expect(tables.map((t) => t.name)).toEqual(['arp_cache']);
      const ipt = (ipJson(A, ['-4', 'ntable', 'show', 'dev', 'c0']) as any[])[0];
      expect([tables[0]!.params.baseReachableTime, tables[0]!.params.ucastProbes, tables[0]!.params.queueLen]).toEqual([ipt.base_reachable, ipt.ucast_probes, ipt.queue]);
      const defaults = (await h.neighbourTables.list({ name: 'arp_cache' })).find((t) => t.index === undefined)!;
      expect(defaults.thresh3).toBe((ipJson(A, ['-4', 'ntable', 'show', 'dev', 'none']) as any[])[0].thresh3);
      const mon = monitor({ netns: A, objects: ['netconf'], netnsMode: mode });
      await mon.ready;
      const v = mode === 'setns' ? '0' : '1';
      spawnSync('ip', ['netns', 'exec', A, 'sysctl', '-qw', `net.ipv4.conf.c0.forwarding=${v}`]);
      let seen: unknown;
      for await (const ev of mon) {
        if (ev.type === 'netconf' && ev.netconf.family === 4) {
          seen = [ev.action, ev.netconf.forwarding];
          break;
        }
      }
      mon.close();
      expect(seen).toEqual(['new', v === '1']);
    }, 30_000);
  }
});
