/**
 * `handle.tc` against the kernel, with tc as the oracle: the API sends the
 * requests tc sends for the same qdiscs and classes (strace, decoded: rate
 * tables and buffers computed as tc computes them), leaves the state tc
 * leaves (`tc -j qdisc show`, `tc class show`), and lists what tc lists,
 * in setns and helper modes; tc monitor events. Namespaces
 * `tsnl-t-tc-<pid>-...`, deleted in afterAll.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Handle } from '../../src/index.js';
import { monitor } from '../../src/api/monitor.js';
import { parseHandle } from '../../src/families/tc/api.js';
import { pschedClock, rateTable, xmittime, parseRate, parseSize } from '../../src/families/tc/psched.js';
import { ip, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { hasStrace, requestsOf } from '../support/oracle.js';

describe('tc arithmetic', () => {
  const clock = pschedClock('000003e8 00000040 000f4240 3b9aca00');

  it('reads the scheduler clock and rates and sizes as tc does', () => {
    expect(clock).toEqual({ tickInUsec: 15.625, hz: 1e9 });
    expect([parseRate('10mbit'), parseRate('1.5Mbps'), parseRate('800kbit'), parseRate('8000'), parseRate('x'), parseRate('5furlongs')]).toEqual([1250000, 1500000, 100000, 1000, undefined, undefined]);
    expect([parseSize('32kbit'), parseSize('10kb'), parseSize('1500'), parseSize('1.5k'), parseSize('nope')]).toEqual([4096, 10240, 1500, 1536, undefined]);
    expect([parseHandle('1:10'), parseHandle('1:'), parseHandle('root'), parseHandle('ffff:fff1'), parseHandle(':5')]).toEqual([0x10010, 0x10000, 0xffffffff, 0xfffffff1, 5]);
    expect(() => parseHandle('1:2:3')).toThrow(/MAJ:MIN/);
  });

  it('computes the rate table and buffer tc sent for htb rate 10mbit (fixtures/tc/class-add-htb)', () => {
    const { table, cellLog } = rateTable(clock, 1250000, { mtu: 1600 });
    expect(cellLog).toBe(3);
    // The first entries of the TCA_HTB_RTAB tc sent: 0x5d, 0xbb, 0x128, 0x186, 0x1f4.
    expect(table.slice(0, 5)).toEqual([93, 187, 296, 390, 500]);
    expect(xmittime(clock, 1250000, 1600)).toBe(20000);
  });
});

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-tc-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-tc-')) : tmpdir();
const handles: Handle[] = [];

function tc(ns: string, args: string[]): string {
  const r = spawnSync('tc', ['-n', ns, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tc ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The same changes, made by tc and by the API (one script per step, so each is traced alone). */
const STEPS: { tc: string[]; api: string }[] = [
  { tc: ['qdisc', 'add', 'dev', 't0', 'root', 'handle', '1:', 'htb', 'default', '10'], api: `h.tc.addQdisc({ dev: 't0', parent: 'root', handle: '1:', kind: 'htb', default: 0x10 })` },
  { tc: ['class', 'add', 'dev', 't0', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '10mbit', 'ceil', '20mbit'], api: `h.tc.addClass({ dev: 't0', parent: '1:', classid: '1:10', rate: '10mbit', ceil: 20e6 })` },
  { tc: ['class', 'add', 'dev', 't0', 'parent', '1:10', 'classid', '1:20', 'htb', 'rate', '1mbit', 'burst', '15k', 'prio', '2'], api: `h.tc.addClass({ dev: 't0', parent: '1:10', classid: '1:20', rate: 1e6, burst: '15k', prio: 2 })` },
  { tc: ['qdisc', 'add', 'dev', 't0', 'parent', '1:10', 'handle', '10:', 'pfifo', 'limit', '50'], api: `h.tc.addQdisc({ dev: 't0', parent: '1:10', handle: '10:', kind: 'pfifo', limit: 50 })` },
  { tc: ['qdisc', 'add', 'dev', 't1', 'root', 'handle', '3:', 'tbf', 'rate', '1mbit', 'burst', '32kbit', 'latency', '400ms'], api: `h.tc.addQdisc({ dev: 't1', handle: '3:', kind: 'tbf', rate: '1mbit', burst: '32kbit', latency: 400000 })` },
  { tc: ['qdisc', 'add', 'dev', 't0', 'clsact'], api: `h.tc.addQdisc({ dev: 't0', kind: 'clsact' })` },
  { tc: ['qdisc', 'replace', 'dev', 't1', 'root', 'handle', '3:', 'tbf', 'rate', '2mbit', 'burst', '32kbit', 'limit', '30000'], api: `h.tc.replaceQdisc({ dev: 't1', handle: '3:', kind: 'tbf', rate: '2mbit', burst: '32kbit', limit: 30000 })` },
  { tc: ['class', 'change', 'dev', 't0', 'parent', '1:10', 'classid', '1:20', 'htb', 'rate', '2mbit'], api: `h.tc.changeClass({ dev: 't0', parent: '1:10', classid: '1:20', rate: '2mbit' })` },
  { tc: ['class', 'del', 'dev', 't0', 'classid', '1:20'], api: `h.tc.deleteClass({ dev: 't0', classid: '1:20' })` },
  { tc: ['qdisc', 'del', 'dev', 't0', 'clsact'], api: `h.tc.deleteQdisc({ dev: 't0', kind: 'clsact' })` },
];

describe.skipIf(!run)(`handle.tc against the kernel${skipNote()}`, () => {
  let A: string;
  let A2: string;

  beforeAll(() => {
    A = nss.add('a');
    A2 = nss.add('a2');
    for (const ns of [A, A2]) ip(['-n', ns, 'link', 'add', 't0', 'type', 'veth', 'peer', 'name', 't1']);
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    rmSync(work, { recursive: true, force: true });
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it.skipIf(!hasStrace)(`sends the requests tc sends and leaves the state tc leaves${hasStrace ? '' : ' (skipped: strace not installed)'}`, () => {
    const dist = new URL('../../dist/index.js', import.meta.url).pathname;
    STEPS.forEach((s, i) => {
      const script = join(work, `step${i}.mjs`);
      writeFileSync(script, `import { open } from ${JSON.stringify(dist)};\nconst h = open({ netns: ${JSON.stringify(A2)} });\nawait ${s.api};\nh.close();\n`);
      const theirs = requestsOf(['tc', '-n', A, ...s.tc], /QDISC|TCLASS/, work, `tc${i}`);
      const ours = requestsOf([process.execPath, script], /QDISC|TCLASS/, work, `api${i}`);
      expect({ step: s.tc.join(' '), ours }).toEqual({ step: s.tc.join(' '), ours: theirs });
      expect(theirs.length).toBe(1);
    });
    for (const dev of ['t0', 't1']) {
      expect(tc(A2, ['-d', 'qdisc', 'show', 'dev', dev])).toBe(tc(A, ['-d', 'qdisc', 'show', 'dev', dev]));
      expect(tc(A2, ['-d', 'class', 'show', 'dev', dev])).toBe(tc(A, ['-d', 'class', 'show', 'dev', dev]));
    }
    expect(tc(A, ['class', 'show', 'dev', 't0'])).toMatch(/class htb 1:10 root prio 0 rate 10Mbit ceil 20Mbit/);
  }, 60_000);

  for (const mode of ['setns', 'helper'] as const) {
    it(`lists what tc lists, refuses bad arguments before sending, and reports tc events (${mode})`, async () => {
      const ns = nss.add(`api-${mode}`);
      ip(['-n', ns, 'link', 'add', 't0', 'type', 'veth', 'peer', 'name', 't1']);
      const h = open({ netns: ns, netnsMode: mode });
      handles.push(h);
      const mon = monitor({ netns: ns, objects: ['tc'], netnsMode: mode });
      await mon.ready;
      await h.tc.addQdisc({ dev: 't0', handle: '1:', kind: 'htb', default: 0x10 });
      await h.tc.addClass({ dev: 't0', parent: '1:', classid: '1:10', rate: '10mbit' });
      await h.tc.addQdisc({ dev: 't0', kind: 'ingress' });
      tc(ns, ['filter', 'add', 'dev', 't0', 'parent', '1:', 'protocol', 'ip', 'prio', '5', 'u32', 'match', 'ip', 'dst', '198.18.0.0/24', 'flowid', '1:10']);
      const qdiscs = await h.tc.qdiscs({ dev: 't0' });
      const theirs = JSON.parse(tc(ns, ['-j', 'qdisc', 'show', 'dev', 't0'])) as { kind: string; handle: string; parent?: string; root?: boolean }[];
      expect(qdiscs.map((q) => [q.kind, q.handle])).toEqual(theirs.map((q) => [q.kind, q.handle]));
      const cls = await h.tc.classes('t0');
      // A class right under its qdisc has TC_H_ROOT for parent, as tc prints it (`class htb 1:10 root`).
      expect(cls.map((c) => [c.kind, c.handle, c.parent])).toEqual([['htb', '1:10', 'root']]);
      expect((cls[0]!.options as { parms: { rate: { rate: number } } }).parms.rate.rate).toBe(1250000);
      const filters = await h.tc.filters('t0', '1:');
      expect(filters.filter((f) => f.kind === 'u32').map((f) => [f.prio, f.protocol])).toContainEqual([5, 0x0800]);
      expect(qdiscs.find((q) => q.kind === 'htb')!.counters).toMatchObject({ bytes: expect.any(Number), drops: 0 });
      // Everything is checked before anything is sent.
      await expect(h.tc.addClass({ dev: 't0', parent: '1:', classid: '1:2:3', rate: '1mbit' })).rejects.toThrow(/MAJ:MIN/);
      await expect(h.tc.addClass({ dev: 't0', parent: '1:', classid: '1:30', rate: '5furlongs' })).rejects.toThrow(/rate/);
      // @ts-expect-error tbf needs a rate and a burst
      await expect(h.tc.addQdisc({ dev: 't1', kind: 'tbf', latency: 1000 })).rejects.toThrow(/rate/);
      await expect(h.tc.addQdisc({ dev: 't1', kind: 'tbf', rate: '1mbit', burst: '10k' })).rejects.toThrow(/limit or a latency/);
      await expect(h.tc.addQdisc({ dev: 't1', kind: 'tbf', rate: '100gbit', burst: '10k', latency: 4_000_000_000 })).rejects.toThrow(/4 GiB/);
      // @ts-expect-error not a kind the API builds
      await expect(h.tc.deleteQdisc({ dev: 't0', kind: 'frob' })).rejects.toThrow(/qdisc kind "frob"/);
      // The kernel's refusal, in its words.
      await expect(h.tc.addQdisc({ dev: 't0', handle: '1:', kind: 'htb' })).rejects.toThrow(/Exclusivity flag on, cannot modify/);
      expect((JSON.parse(tc(ns, ['-j', 'qdisc', 'show', 'dev', 't1'])) as { kind: string }[]).map((q) => q.kind)).not.toContain('tbf');
      await h.tc.deleteQdisc({ dev: 't0' });
      await h.tc.deleteQdisc({ dev: 't0', kind: 'ingress' });
      const events: string[] = [];
      for await (const ev of mon) {
        if (ev.type === 'tc') events.push(`${ev.action} ${ev.tc.kind} ${ev.tc.handle}`);
        if (events.some((e) => e.startsWith('del ingress'))) break;
      }
      mon.close();
      expect(events).toEqual(expect.arrayContaining(['new htb 1:', 'new htb 1:10', 'new ingress ffff:', 'del htb 1:', 'del ingress ffff:']));
      expect(await h.tc.snapshot()).toEqual((await h.tc.qdiscs()).filter((q) => q.kind !== 'htb'));
    }, 30_000);
  }
});
