/**
 * The TCP metrics family (tcp_metrics) with iproute2 as the oracle: the
 * captures of `ip tcp_metrics` decode with everything named, re-encode to
 * their bytes and print as ip printed; against the kernel, after TCP
 * connections (IPv4 and IPv6) between two namespaces of the test,
 * `handle.tcpMetrics.list()` is what `ip tcp_metrics show` prints (text
 * and -j, ages aside), flushes and deletes empty it both ways, refusals
 * carry ip's words, the requests are the ones ip sends (strace), and
 * `tsip tcp_metrics` prints what ip prints. Namespaces
 * `tsnl-t-tcpm-<pid>-...`, deleted in afterAll.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Handle } from '../../src/index.js';
import { formatJSON } from '../../src/cli/json.js';
import { tcpMetricJSON, tcpMetricText } from '../../src/families/tcp-metrics/format.js';
import { tcpMetricOf } from '../../src/families/tcp-metrics/view.js';
import { TCP_METRICS_CMD } from '../../src/families/tcp-metrics/family.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { hasStrace, ipRun, tsip } from '../support/oracle.js';
import { genericTap, genlRequestsOf } from '../support/genl-oracle.js';
import { loadFixtures, messagesOf, protocolOf, type Fixture } from '../support/fixtures.js';

const captures = loadFixtures('generic').filter((f) => f.command[0] === 'ip' && f.command.includes('tcp_metrics'));

function tcpmMessages(f: Fixture) {
  const proto = protocolOf(f);
  const id = (proto as { idOf?: (n: string) => number | undefined }).idOf?.('tcp_metrics');
  return messagesOf(f, proto).filter((m) => m.type === id);
}

/** Text with the ages (the only thing that changes between two reads) blanked. */
const ageless = (s: string) => s.replace(/ age [\d.]+sec/g, ' age Tsec');
/** JSON entries without their age (as plain numbers: a formatter's fixed-text numbers become numbers). */
const agelessJSON = (v: Record<string, unknown>[]) => (JSON.parse(JSON.stringify(v)) as Record<string, unknown>[]).map(({ age: _a, ...rest }) => rest);
/** `ip -j` text with the ages blanked: the rest compared as written (`"rtt":6e-05`, not 0.00006). */
const agelessText = (s: string) => s.replace(/"age":[^,}]+/g, '"age":T');

describe('ip tcp_metrics captures (fixtures/genl)', () => {
  it('has the captures of show and flush', () => {
    expect(captures.map((f) => f.id)).toEqual(expect.arrayContaining(['genl/tcp-metrics-show', 'genl/tcp-metrics-flush']));
  });

  for (const f of captures) {
    // Named, re-encoded and tiled with every generic capture in test/genl/named.test.ts.
    it(`${f.id}: holds the family's messages`, () => {
      expect(tcpmMessages(f).length).toBeGreaterThan(0);
    });
  }

  it('the values are those ip printed', () => {
    const show = captures.find((f) => f.id === 'genl/tcp-metrics-show')!;
    const entries = tcpmMessages(show).filter((m) => m.dir === 'recv' && m.header?.cmd === TCP_METRICS_CMD.TCP_METRICS_CMD_GET);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((m) => tcpMetricText(tcpMetricOf(m))).join('')).toBe(show.stdout);
    // The state was read by a second ip, a little later: the same entry, older.
    expect(agelessJSON(entries.map((m) => tcpMetricJSON(tcpMetricOf(m))))).toEqual(agelessJSON(show.state!.json));
    const flush = captures.find((f) => f.id === 'genl/tcp-metrics-flush')!;
    const del = tcpmMessages(flush).find((m) => m.dir === 'send')!;
    // `flush all`: one TCP_METRICS_CMD_DEL without an address.
    expect([del.header?.cmd, del.attrs]).toEqual([TCP_METRICS_CMD.TCP_METRICS_CMD_DEL, {}]);
    expect(flush.state!.json).toEqual([]);
  });
});

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-tcpm-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-tcpm-')) : tmpdir();
const handles: Handle[] = [];

/** One TCP exchange from namespace `from` to `to`'s `addr` (node's net module, through `ip netns exec`). */
async function connect(from: string, to: string, addr: string, port: number): Promise<void> {
  const server = `const s = require('net').createServer((c) => { c.on('data', () => { c.end('pong'.repeat(2000)); s.close(); }); }); s.listen(${port}, '${addr}', () => console.log('ready')); setTimeout(() => process.exit(1), 10000).unref();`;
  const client = `const c = require('net').connect(${port}, '${addr}', () => c.write('ping')); c.on('data', () => {}); c.on('end', () => c.end()); c.on('close', (e) => process.exit(e ? 1 : 0)); setTimeout(() => process.exit(1), 5000).unref();`;
  const srv = spawn('ip', ['netns', 'exec', to, process.execPath, '-e', server], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => srv.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    srv.stdout.once('data', () => resolve());
    srv.once('exit', () => reject(new Error('the server exited before listening')));
  });
  const c = spawnSync('ip', ['netns', 'exec', from, process.execPath, '-e', client], { stdio: 'inherit', timeout: 10_000 });
  expect(c.status).toBe(0);
  expect(await exited).toBe(0);
}

describe.skipIf(!run)(`tcp_metrics against the kernel${skipNote()}`, () => {
  let A: string;
  let B: string;
  let h: Handle;
  let tap: ReturnType<typeof genericTap>;
  let port = 7700;
  const ipShow = (...args: string[]) => ip(['-n', A, 'tcp_metrics', 'show', ...args]);
  /** Entries for both destinations, made by one connection each. */
  const traffic = async () => {
    await connect(A, B, '198.18.0.2', port++);
    await connect(A, B, '2001:db8::2', port++);
  };

  beforeAll(() => {
    A = nss.add('a');
    B = nss.add('b');
    for (const ns of [A, B]) {
      ip(['netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.default.accept_dad=0']);
      ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    ip(['-n', A, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1', 'netns', B]);
    ip(['-n', A, 'addr', 'add', '198.18.0.1/24', 'dev', 'v0']);
    ip(['-n', A, 'addr', 'add', '2001:db8::1/64', 'dev', 'v0', 'nodad']);
    ip(['-n', B, 'addr', 'add', '198.18.0.2/24', 'dev', 'v1']);
    ip(['-n', B, 'addr', 'add', '2001:db8::2/64', 'dev', 'v1', 'nodad']);
    ip(['-n', B, 'link', 'set', 'v1', 'up']);
    ip(['-n', A, 'link', 'set', 'v0', 'up']);
    tap = genericTap();
    h = open({ netns: A, tap: tap.tap });
    handles.push(h);
  });

  afterAll(async () => {
    await Promise.all(handles.map((x) => x.close()));
    const left = nss.cleanup();
    rmSync(work, { recursive: true, force: true });
    expect(left).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('list() after TCP connections is what ip tcp_metrics show prints', async () => {
    await traffic();
    const list = await h.tcpMetrics.list();
    expect(list.map((t) => [t.dst, t.src])).toEqual(
      expect.arrayContaining([
        ['198.18.0.2', '198.18.0.1'],
        ['2001:db8::2', '2001:db8::1'],
      ]),
    );
    for (const t of list) expect(t.rttUs).toBeGreaterThan(0);
    expect(ageless(list.map((t) => tcpMetricText(t)).join(''))).toBe(ageless(ipShow()));
    expect(agelessJSON(list.map((t) => tcpMetricJSON(t)))).toEqual(agelessJSON(ipJson(A, ['tcp_metrics', 'show'])));
    expect(agelessText(formatJSON(list.map((t) => tcpMetricJSON(t))))).toBe(agelessText(ip(['-j', '-n', A, 'tcp_metrics', 'show']).trimEnd()));
    // One entry, and a prefix, as ip selects them.
    const one = await h.tcpMetrics.get('198.18.0.2');
    expect(ageless(tcpMetricText(one))).toBe(ageless(ipShow('198.18.0.2')));
    expect(ageless((await h.tcpMetrics.list({ address: '2001:db8::/64' })).map((t) => tcpMetricText(t)).join(''))).toBe(ageless(ipShow('2001:db8::/64')));
    // The other side keeps its own entries.
    const hb = open({ netns: B });
    handles.push(hb);
    expect((await hb.tcpMetrics.list()).map((t) => t.dst).sort()).toEqual(['198.18.0.1', '2001:db8::1']);
  });

  it('flush empties it, both ways, all or by address', async () => {
    await traffic();
    await h.tcpMetrics.flush();
    expect(ipShow()).toBe('');
    expect(await h.tcpMetrics.list()).toEqual([]);
    await traffic();
    ip(['-n', A, 'tcp_metrics', 'flush', 'all']);
    expect(await h.tcpMetrics.list()).toEqual([]);
    await traffic();
    await h.tcpMetrics.flush({ address: '198.18.0.0/24' });
    expect(ipShow().split('\n')[0]).toMatch(/^2001:db8::2 /);
    await h.tcpMetrics.flush({ address: '2001:db8::2' });
    expect(ipShow()).toBe('');
    await traffic();
    await h.tcpMetrics.delete('2001:db8::2', '2001:db8::1');
    expect((await h.tcpMetrics.list()).map((t) => t.dst)).toEqual(['198.18.0.2']);
    ip(['-n', A, 'tcp_metrics', 'delete', '198.18.0.2']);
    expect(await h.tcpMetrics.list()).toEqual([]);
  });

  it('refusals reject with the words ip prints', async () => {
    for (const [args, call] of [
      [['delete', '198.18.0.99'], () => h.tcpMetrics.delete('198.18.0.99')],
      [['show', '198.18.0.99'], () => h.tcpMetrics.get('198.18.0.99')],
    ] as const) {
      const r = ipRun(['-n', A, 'tcp_metrics', ...args]);
      expect(r.status).toBe(2);
      const err = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ name: 'KernelError', code: 'ESRCH', message: r.stderr.trimEnd() });
    }
    await expect(h.tcpMetrics.delete('not-an-address')).rejects.toMatchObject({ name: 'InvalidArgumentError' });
  });

  it.skipIf(!hasStrace)('sends the requests ip sends', async () => {
    await traffic();
    const same = async (args: string[], call: () => Promise<unknown>, noAck = false) => {
      const want = genlRequestsOf(['ip', '-n', A, 'tcp_metrics', ...args], 'tcp_metrics', work, args.join('-'), { noAck });
      await traffic();
      tap.requests('tcp_metrics');
      await call();
      expect({ args, requests: tap.requests('tcp_metrics', { noAck }) }).toEqual({ args, requests: want });
      expect(want.length).toBeGreaterThan(0);
    };
    await same(['show'], () => h.tcpMetrics.list());
    await same(['show', '198.18.0.2'], () => h.tcpMetrics.get('198.18.0.2'), true);
    await same(['delete', '198.18.0.2'], () => h.tcpMetrics.delete('198.18.0.2'));
    await same(['flush', '2001:db8::2'], () => h.tcpMetrics.flush({ address: '2001:db8::2' }));
    await same(['flush', 'all'], () => h.tcpMetrics.flush());
  }, 60_000);

  it('tsip tcp_metrics prints what ip tcp_metrics prints, with its refusals and exit codes', async () => {
    await traffic();
    const same = (args: string[], json = false) => {
      const t = tsip([...(json ? ['-j'] : []), '-n', A, 'tcp_metrics', ...args]);
      const i = ipRun([...(json ? ['-j'] : []), '-n', A, 'tcp_metrics', ...args]);
      const out = (s: string) => (json ? agelessText(s) : ageless(s));
      expect({ args, status: t.status, stdout: out(t.stdout), stderr: t.stderr.replace('tsip tcp_metrics', 'ip tcp_metrics') }).toEqual({ args, status: i.status, stdout: out(i.stdout), stderr: i.stderr });
    };
    same(['show']);
    same([]);
    same(['show'], true);
    same(['show', '198.18.0.2']);
    same(['show', 'address', '2001:db8::/64']);
    same(['show', '198.18.0.99']);
    same(['delete', '198.18.0.99']);
    same(['delete', '198.18.0.0/24']);
    same(['delete']);
    same(['bogus']);
    same(['flush', '198.19.200.0/24']);
    expect(tsip(['-n', A, 'tcp_metrics', 'delete', '198.18.0.2']).status).toBe(0);
    expect(ipShow().split('\n')[0]).toMatch(/^2001:db8::2 /);
    expect(tsip(['-n', A, 'tcp_metrics', 'flush']).status).toBe(0);
    expect(ipShow()).toBe('');
  }, 60_000);
});
