/**
 * The MPTCP path manager family (mptcp_pm) with iproute2 as the oracle:
 * the captures of `ip mptcp` decode with every message and attribute
 * named, re-encode to their bytes and hold the values ip printed; against
 * the kernel, endpoints and limits set through `handle.mptcp` are what
 * `ip mptcp` prints (whole lines) and the other way round, deletes and
 * flushes work both ways, refusals carry ip's words, the requests are
 * the ones ip sends (strace), and `tsip mptcp` prints what ip prints; an
 * MPTCP connection's events (python3's MPTCP sockets) arrive decoded on
 * `mptcp_pm_events` and print as `ip mptcp monitor` prints them.
 * Namespaces `tsnl-t-mptcp-<pid>-...`, deleted in afterAll.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { monitorGeneric, open, type Handle, type GenlEvent } from '../../src/index.js';
import { endpointJSON, endpointText, eventText, limitsText } from '../../src/families/mptcp/format.js';
import { endpointOf, limitsOf } from '../../src/families/mptcp/view.js';
import { MPTCP_PM_CMD } from '../../src/families/mptcp/family.js';
import { ip, ipJson, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';
import { BIN, hasStrace, ipRun, tsip } from '../support/oracle.js';
import { genericTap, genlRequestsOf } from '../support/genl-oracle.js';
import { loadFixtures, messagesOf, protocolOf, type Fixture } from '../support/fixtures.js';

/** The captures of `ip [-n NS] mptcp ...`. */
const captures = loadFixtures('generic').filter((f) => f.command[0] === 'ip' && f.command.includes('mptcp'));

/** The mptcp_pm messages of a capture, with the direction of their datagram. */
function pmMessages(f: Fixture) {
  const proto = protocolOf(f);
  const id = (proto as { idOf?: (n: string) => number | undefined }).idOf?.('mptcp_pm');
  return messagesOf(f, proto).filter((m) => m.type === id);
}

describe('ip mptcp captures (fixtures/genl)', () => {
  it('has the captures of endpoint add/del/flush/show and limits set/show', () => {
    expect(captures.map((f) => f.id)).toEqual(expect.arrayContaining(['genl/mptcp-endpoint-add', 'genl/mptcp-endpoint-del', 'genl/mptcp-endpoint-flush', 'genl/mptcp-endpoint-show', 'genl/mptcp-limits-set', 'genl/mptcp-limits-show']));
  });

  for (const f of captures) {
    // Named, re-encoded and tiled with every generic capture in test/genl/named.test.ts.
    it(`${f.id}: holds the family's messages`, () => {
      expect(pmMessages(f).length).toBeGreaterThan(0);
    });
  }

  it('the values are those ip printed and was asked for', () => {
    const byId = new Map(captures.map((f) => [f.id, f]));
    // endpoint show: each answer printed as ip printed it (the device named as ip named it; the namespace is gone).
    const show = byId.get('genl/mptcp-endpoint-show')!;
    const devs = new Map<number, string>();
    const state = show.state!.json as { id: number; dev?: string }[];
    const answers = pmMessages(show).filter((m) => m.dir === 'recv' && m.header?.cmd === MPTCP_PM_CMD.MPTCP_PM_CMD_GET_ADDR);
    for (const m of answers) {
      const dev = state.find((e) => e.id === m.attrs?.addr?.id)?.dev;
      if (dev !== undefined) devs.set(m.attrs!.addr.ifIdx, dev);
    }
    expect(answers.map((m) => endpointText(endpointOf(m, devs))).join('')).toBe(show.stdout);
    expect(answers.map((m) => endpointJSON(endpointOf(m, devs)))).toEqual(state);

    // endpoint add 198.18.0.1 dev v0 id 1 signal
    const add = pmMessages(byId.get('genl/mptcp-endpoint-add')!).find((m) => m.dir === 'send')!;
    expect(add.header?.cmd).toBe(MPTCP_PM_CMD.MPTCP_PM_CMD_ADD_ADDR);
    const e = endpointOf(add);
    expect([e.address, e.id, e.flags, e.family]).toEqual(['198.18.0.1', 1, ['signal'], 4]);
    expect(e.ifindex).toBeGreaterThan(0);
    expect(byId.get('genl/mptcp-endpoint-add')!.state!.json).toEqual([{ address: '198.18.0.1', id: 1, signal: true, dev: 'v0' }]);

    // endpoint del id 1; endpoint flush
    const del = pmMessages(byId.get('genl/mptcp-endpoint-del')!).find((m) => m.dir === 'send')!;
    expect([del.header?.cmd, del.attrs]).toEqual([MPTCP_PM_CMD.MPTCP_PM_CMD_DEL_ADDR, { addr: { id: 1 } }]);
    const flush = pmMessages(byId.get('genl/mptcp-endpoint-flush')!).find((m) => m.dir === 'send')!;
    expect([flush.header?.cmd, flush.attrs]).toEqual([MPTCP_PM_CMD.MPTCP_PM_CMD_FLUSH_ADDRS, {}]);
    for (const id of ['genl/mptcp-endpoint-del', 'genl/mptcp-endpoint-flush']) expect(byId.get(id)!.state!.json).toEqual([]);

    // limits set subflows 2 add_addr_accepted 2, then ip's limits show; limits show.
    const set = byId.get('genl/mptcp-limits-set')!;
    const req = pmMessages(set).find((m) => m.dir === 'send')!;
    expect(limitsOf(req)).toEqual({ subflows: 2, addAddrAccepted: 2 });
    expect(limitsText(limitsOf(req))).toBe(set.state!.text);
    const get = byId.get('genl/mptcp-limits-show')!;
    const answer = pmMessages(get).find((m) => m.dir === 'recv')!;
    expect(limitsText(limitsOf(answer))).toBe(get.stdout);
  });
});

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-mptcp-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-mptcp-')) : tmpdir();
const handles: Handle[] = [];

describe.skipIf(!run)(`mptcp endpoints and limits against the kernel${skipNote()}`, () => {
  let A: string;
  let h: Handle;
  let tap: ReturnType<typeof genericTap>;
  const ipShow = () => ip(['-n', A, 'mptcp', 'endpoint', 'show']);

  beforeAll(() => {
    A = nss.add('a');
    ip(['netns', 'exec', A, 'sysctl', '-q', '-w', 'net.ipv6.conf.default.accept_dad=0']);
    ip(['-n', A, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
    for (const a of ['198.18.0.1/24', '198.18.0.2/24']) ip(['-n', A, 'addr', 'add', a, 'dev', 'v0']);
    ip(['-n', A, 'addr', 'add', '2001:db8::1/64', 'dev', 'v0', 'nodad']);
    ip(['-n', A, 'link', 'set', 'v1', 'up']);
    ip(['-n', A, 'link', 'set', 'v0', 'up']);
    tap = genericTap();
    h = open({ netns: A, tap: tap.tap });
    handles.push(h);
  });

  beforeEach(() => {
    ip(['-n', A, 'mptcp', 'endpoint', 'flush']);
  });

  afterAll(async () => {
    await Promise.all(handles.map((x) => x.close()));
    const left = nss.cleanup();
    rmSync(work, { recursive: true, force: true });
    expect(left).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it('endpoints added through the API are the lines ip prints, and the API lists them as ip does', async () => {
    await h.mptcp.addEndpoint({ address: '198.18.0.1', id: 1, dev: 'v0', flags: ['signal'] });
    await h.mptcp.addEndpoint({ address: '2001:db8::1', id: 2, flags: ['subflow', 'backup'] });
    await h.mptcp.addEndpoint({ address: '198.18.0.2', port: 4000, flags: ['signal', 'backup'] });
    await h.mptcp.addEndpoint({ address: '198.18.0.7', id: 9, flags: ['subflow', 'fullmesh'] });
    expect(ipShow().split('\n')).toEqual([
      '198.18.0.1 id 1 signal dev v0 ',
      '2001:db8::1 id 2 subflow backup ',
      '198.18.0.2 port 4000 id 3 signal backup ',
      '198.18.0.7 id 9 subflow fullmesh ',
      '',
    ]);
    const list = await h.mptcp.endpoints();
    expect(list.map(endpointText).join('')).toBe(ipShow());
    expect(list.map(endpointJSON)).toEqual(ipJson(A, ['mptcp', 'endpoint', 'show']));
    expect(list.map(({ id, address, family, port, flags, dev }) => ({ id, address, family, port, flags, dev }))).toEqual([
      { id: 1, address: '198.18.0.1', family: 4, port: undefined, flags: ['signal'], dev: 'v0' },
      { id: 2, address: '2001:db8::1', family: 6, port: undefined, flags: ['subflow', 'backup'], dev: undefined },
      { id: 3, address: '198.18.0.2', family: 4, port: 4000, flags: ['signal', 'backup'], dev: undefined },
      { id: 9, address: '198.18.0.7', family: 4, port: undefined, flags: ['subflow', 'fullmesh'], dev: undefined },
    ]);
    // One by id, as `ip mptcp endpoint show id 2` prints it.
    expect(endpointText(await h.mptcp.endpoint(2))).toBe(ip(['-n', A, 'mptcp', 'endpoint', 'show', 'id', '2']));
  });

  it('endpoints added with ip are listed by the API with the same values', async () => {
    ip(['-n', A, 'mptcp', 'endpoint', 'add', '198.18.0.2', 'dev', 'v0', 'id', '5', 'subflow', 'backup']);
    ip(['-n', A, 'mptcp', 'endpoint', 'add', '2001:db8::1', 'id', '6', 'signal', 'port', '4001']);
    ip(['-n', A, 'mptcp', 'endpoint', 'add', '198.18.0.9', 'subflow', 'fullmesh']);
    const list = await h.mptcp.endpoints();
    expect(list.map(endpointJSON)).toEqual(ipJson(A, ['mptcp', 'endpoint', 'show']));
    expect(list.map(endpointText).join('')).toBe(ipShow());
    const v0 = Number(ipJson(A, ['link', 'show', 'v0'])[0].ifindex);
    // The kernel gave the third its id; endpoints come by id.
    const auto = (ipJson(A, ['mptcp', 'endpoint', 'show']) as { address: string; id: number }[]).find((e) => e.address === '198.18.0.9')!.id;
    const want = [
      { id: 5, address: '198.18.0.2', port: undefined, flags: ['subflow', 'backup'], ifindex: v0 },
      { id: 6, address: '2001:db8::1', port: 4001, flags: ['signal'], ifindex: undefined },
      { id: auto, address: '198.18.0.9', port: undefined, flags: ['subflow', 'fullmesh'], ifindex: undefined },
    ].sort((a, b) => a.id - b.id);
    expect(list.map(({ id, address, port, flags, ifindex }) => ({ id, address, port, flags, ifindex }))).toEqual(want);
  });

  it('limits both ways', async () => {
    await h.mptcp.setLimits({ subflows: 3, addAddrAccepted: 4 });
    expect(ip(['-n', A, 'mptcp', 'limits', 'show'])).toBe('add_addr_accepted 4 subflows 3 \n');
    await h.mptcp.setLimits({ subflows: 1 });
    expect(ip(['-n', A, 'mptcp', 'limits', 'show'])).toBe('add_addr_accepted 4 subflows 1 \n');
    ip(['-n', A, 'mptcp', 'limits', 'set', 'subflows', '7', 'add_addr_accepted', '0']);
    expect(await h.mptcp.limits()).toEqual({ subflows: 7, addAddrAccepted: 0 });
    expect(limitsText(await h.mptcp.limits())).toBe(ip(['-n', A, 'mptcp', 'limits', 'show']));
  });

  it('delete and flush both ways, and flags changed', async () => {
    for (const [a, id] of [['198.18.0.1', '1'], ['198.18.0.2', '2'], ['2001:db8::1', '3'], ['198.18.0.5', '4']] as const) {
      ip(['-n', A, 'mptcp', 'endpoint', 'add', a, 'id', id, 'subflow']);
    }
    await h.mptcp.deleteEndpoint(1);
    await h.mptcp.deleteEndpoint('2001:db8::1');
    expect(ipShow()).toBe('198.18.0.2 id 2 subflow \n198.18.0.5 id 4 subflow \n');
    await h.mptcp.setEndpointFlags(2, ['backup']);
    await h.mptcp.setEndpointFlags({ address: '198.18.0.5' }, ['fullmesh']);
    expect(ipShow()).toBe('198.18.0.2 id 2 subflow backup \n198.18.0.5 id 4 subflow fullmesh \n');
    ip(['-n', A, 'mptcp', 'endpoint', 'delete', 'id', '2']);
    expect((await h.mptcp.endpoints()).map((e) => e.id)).toEqual([4]);
    await h.mptcp.flushEndpoints();
    expect(ipShow()).toBe('');
    ip(['-n', A, 'mptcp', 'endpoint', 'add', '198.18.0.1', 'id', '1', 'signal']);
    expect((await h.mptcp.endpoints()).length).toBe(1);
    ip(['-n', A, 'mptcp', 'endpoint', 'flush']);
    expect(await h.mptcp.endpoints()).toEqual([]);
  });

  it('refusals reject with the kernel error and the ext-ack words ip prints', async () => {
    ip(['-n', A, 'mptcp', 'endpoint', 'add', '198.18.0.1', 'id', '1', 'signal']);
    const cases: [string[], () => Promise<unknown>][] = [
      [['endpoint', 'add', '198.18.0.5', 'id', '1', 'signal'], () => h.mptcp.addEndpoint({ address: '198.18.0.5', id: 1, flags: ['signal'] })],
      [['endpoint', 'add', '198.18.0.1', 'id', '7', 'signal'], () => h.mptcp.addEndpoint({ address: '198.18.0.1', id: 7, flags: ['signal'] })],
      [['endpoint', 'delete', 'id', '77'], () => h.mptcp.deleteEndpoint(77)],
      [['endpoint', 'show', 'id', '77'], () => h.mptcp.endpoint(77)],
      [['endpoint', 'change', 'id', '77', 'backup'], () => h.mptcp.setEndpointFlags(77, ['backup'])],
      [['limits', 'set', 'subflows', '100'], () => h.mptcp.setLimits({ subflows: 100 })],
    ];
    for (const [args, call] of cases) {
      const r = ipRun(['-n', A, 'mptcp', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^Error: .+\.\n$/);
      const err = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ name: 'KernelError', message: r.stderr.trimEnd() });
    }
    // Duplicate id: EBUSY with the kernel's words.
    await expect(h.mptcp.addEndpoint({ address: '198.18.0.5', id: 1 })).rejects.toMatchObject({ code: 'EBUSY', message: 'Error: too many addresses or duplicate one: -16.' });
    await expect(h.mptcp.deleteEndpoint(77)).rejects.toMatchObject({ code: 'EINVAL', message: 'Error: address not found.' });
    // Refused before anything is sent.
    await expect(h.mptcp.addEndpoint({ address: 'nonsense' })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    await expect(h.mptcp.addEndpoint({ address: '198.18.0.5', id: 256 })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    await expect(h.mptcp.deleteEndpoint('198.18.0.99')).rejects.toMatchObject({ name: 'InvalidArgumentError' });
  });

  it.skipIf(!hasStrace)('sends the requests ip sends', async () => {
    const ep = (...args: string[]) => ip(['-n', A, 'mptcp', 'endpoint', ...args]);
    /** ip's requests for `args`, then the state put back as it was before (`reset`), then the API's for `call`. */
    const same = async (args: string[], call: () => Promise<unknown>, reset: () => void = () => {}, noAck = false) => {
      const want = genlRequestsOf(['ip', '-n', A, 'mptcp', ...args], 'mptcp_pm', work, args.join('-'), { noAck });
      reset();
      tap.requests('mptcp_pm');
      await call();
      expect({ args, requests: tap.requests('mptcp_pm', { noAck }) }).toEqual({ args, requests: want });
      expect(want.length).toBeGreaterThan(0);
    };
    const flush = () => ep('flush');
    await same(['endpoint', 'add', '198.18.0.1', 'dev', 'v0', 'id', '1', 'signal'], () => h.mptcp.addEndpoint({ address: '198.18.0.1', dev: 'v0', id: 1, flags: ['signal'] }), flush);
    await same(['endpoint', 'add', '198.18.0.2', 'port', '4000', 'signal', 'backup'], () => h.mptcp.addEndpoint({ address: '198.18.0.2', port: 4000, flags: ['signal', 'backup'] }), flush);
    await same(['endpoint', 'add', '2001:db8::1', 'id', '3', 'subflow', 'fullmesh'], () => h.mptcp.addEndpoint({ address: '2001:db8::1', id: 3, flags: ['subflow', 'fullmesh'] }), flush);
    flush();
    ep('add', '2001:db8::1', 'id', '3', 'subflow');
    await same(['endpoint', 'change', 'id', '3', 'backup'], () => h.mptcp.setEndpointFlags(3, ['backup']));
    await same(['endpoint', 'change', '2001:db8::1', 'nobackup'], () => h.mptcp.setEndpointFlags('2001:db8::1', []));
    await same(['endpoint', 'show', 'id', '3'], () => h.mptcp.endpoint(3), undefined, true);
    const again = () => ep('add', '2001:db8::1', 'id', '3', 'subflow');
    await same(['endpoint', 'delete', 'id', '3'], () => h.mptcp.deleteEndpoint(3), again);
    again();
    await same(['endpoint', 'delete', 'id', '0', '2001:db8::1'], () => h.mptcp.deleteEndpoint({ id: 0, address: '2001:db8::1' }));
    await same(['endpoint', 'flush'], () => h.mptcp.flushEndpoints(), again);
    await same(['limits', 'set', 'subflows', '2', 'add_addr_accepted', '3'], () => h.mptcp.setLimits({ subflows: 2, addAddrAccepted: 3 }));
    await same(['limits', 'set', 'subflows', '4'], () => h.mptcp.setLimits({ subflows: 4 }));
    await same(['limits', 'show'], () => h.mptcp.limits(), undefined, true);
    // The dump (ip sends it with seq 0, which the comparison leaves out).
    await same(['endpoint', 'show'], () => h.mptcp.endpoints());
  });

  it('helper mode lists and changes the same', async () => {
    const hh = open({ netns: A, netnsMode: 'helper' });
    handles.push(hh);
    await hh.mptcp.addEndpoint({ address: '198.18.0.1', id: 4, dev: 'v0', flags: ['subflow'] });
    expect(ipShow()).toBe('198.18.0.1 id 4 subflow dev v0 \n');
    expect((await hh.mptcp.endpoints()).map(endpointText).join('')).toBe(ipShow());
    expect(await hh.mptcp.limits()).toEqual(await h.mptcp.limits());
  });

  it('tsip mptcp prints what ip mptcp prints, with its refusals and exit codes', () => {
    ip(['-n', A, 'mptcp', 'limits', 'set', 'subflows', '2', 'add_addr_accepted', '1']);
    for (const args of [
      ['endpoint', 'add', '198.18.0.1', 'dev', 'v0', 'id', '1', 'signal'],
      ['endpoint', 'add', '2001:db8::1', 'id', '2', 'subflow', 'backup'],
      ['endpoint', 'add', '198.18.0.2', 'port', '4002', 'signal'],
    ]) {
      const r = tsip(['-n', A, 'mptcp', ...args]);
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: '' });
    }
    const same = (args: string[], json = false) => {
      const t = tsip([...(json ? ['-j'] : []), '-n', A, 'mptcp', ...args]);
      const i = ipRun([...(json ? ['-j'] : []), '-n', A, 'mptcp', ...args]);
      expect({ args, status: t.status, stdout: t.stdout, stderr: t.stderr.replace('tsip mptcp', 'ip mptcp') }).toEqual({ args, status: i.status, stdout: i.stdout, stderr: i.stderr });
    };
    same(['endpoint', 'show']);
    same(['endpoint']);
    same(['endpoint', 'show'], true);
    same(['endpoint', 'show', 'id', '2']);
    same(['limits', 'show']);
    same(['limits']);
    same(['endpoint', 'add', '198.18.0.7', 'id', '1', 'subflow']);
    same(['endpoint', 'delete', 'id', '99']);
    same(['limits', 'set', 'subflows', '99']);
    same(['endpoint', 'add', '198.18.0.7', 'signal', 'fullmesh']);
    same(['endpoint', 'add', '198.18.0.7', 'port', '5', 'subflow']);
    same(['endpoint', 'delete', 'id', '1', '198.18.0.1']);
    same(['endpoint', 'add', 'dev', 'v0']);
    same(['endpoint', 'bogus']);
    expect(tsip(['-n', A, 'mptcp', 'endpoint', 'delete', 'id', '2']).status).toBe(0);
    expect(tsip(['-n', A, 'mptcp', 'endpoint', 'change', 'id', '1', 'backup']).status).toBe(0);
    expect(ipShow()).toBe('198.18.0.1 id 1 signal backup dev v0 \n198.18.0.2 port 4002 id 3 signal \n');
    expect(tsip(['-n', A, 'mptcp', 'limits', 'set', 'add_addr_accepted', '5']).status).toBe(0);
    expect(ip(['-n', A, 'mptcp', 'limits'])).toBe('add_addr_accepted 5 subflows 2 \n');
    expect(tsip(['-n', A, 'mptcp', 'endpoint', 'flush']).status).toBe(0);
    expect(ipShow()).toBe('');
  }, 60_000);
});

/** Python's MPTCP sockets (IPPROTO_MPTCP = 262): a server that answers once, and a client. */
const PY_SERVER = (addr: string, port: number) =>
  `import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\ns.bind(('${addr}', ${port}))\ns.listen(1)\nprint('ready', flush=True)\nc, _ = s.accept()\nc.recv(16)\nc.sendall(b'x' * 1000)\nc.close()\n`;
const PY_CLIENT = (addr: string, port: number) =>
  `import socket\nc = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)\nc.settimeout(5)\nc.connect(('${addr}', ${port}))\nc.sendall(b'ping')\nwhile c.recv(4096): pass\nc.close()\n`;
const hasPython = spawnSync('python3', ['-c', 'import socket']).status === 0;

describe.skipIf(!run || !hasPython)(`mptcp_pm_events against the kernel${skipNote()}`, () => {
  let C: string;
  let S: string;

  beforeAll(() => {
    C = nss.add('c');
    S = nss.add('s');
    for (const ns of [C, S]) ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    ip(['-n', C, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1', 'netns', S]);
    ip(['-n', C, 'addr', 'add', '198.18.0.1/24', 'dev', 'v0']);
    ip(['-n', S, 'addr', 'add', '198.18.0.2/24', 'dev', 'v1']);
    ip(['-n', S, 'link', 'set', 'v1', 'up']);
    ip(['-n', C, 'link', 'set', 'v0', 'up']);
  });

  afterAll(() => {
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it("an MPTCP connection's events arrive decoded, and tsip mptcp monitor prints them as ip mptcp monitor does", async () => {
    const mon = monitorGeneric({ netns: C, family: 'mptcp_pm', groups: ['mptcp_pm_events'] });
    const ipMon = spawn('ip', ['-n', C, 'mptcp', 'monitor'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tsipMon = spawn(process.execPath, [BIN, '-n', C, 'mptcp', 'monitor'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { ip: '', tsip: '' };
    ipMon.stdout.on('data', (d: Buffer) => (out.ip += d.toString()));
    tsipMon.stdout.on('data', (d: Buffer) => (out.tsip += d.toString()));
    const events: GenlEvent[] = [];
    try {
      await mon.ready;
      // The two commands have no ready signal: give them time to join the group.
      await new Promise((r) => setTimeout(r, 1500));
      const srv = spawn('ip', ['netns', 'exec', S, 'python3', '-c', PY_SERVER('198.18.0.2', 7777)], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        srv.stdout.once('data', () => resolve());
        srv.once('exit', () => reject(new Error('the server exited before listening')));
      });
      expect(spawnSync('ip', ['netns', 'exec', C, 'python3', '-c', PY_CLIENT('198.18.0.2', 7777)], { stdio: 'inherit', timeout: 10_000 }).status).toBe(0);
      const deadline = Date.now() + 5000;
      while (!events.some((e) => e.command === 'MPTCP_EVENT_CLOSED')) {
        const r = await Promise.race([mon.next(), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('no MPTCP_EVENT_CLOSED in time')), deadline - Date.now()))]);
        if (r.done) break;
        if (r.value.type === 'genl') events.push(r.value);
      }
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      mon.close();
      ipMon.kill('SIGTERM');
      tsipMon.kill('SIGTERM');
    }
    expect(events.map((e) => e.command)).toEqual(['MPTCP_EVENT_CREATED', 'MPTCP_EVENT_ESTABLISHED', 'MPTCP_EVENT_CLOSED']);
    const created = events[0]!;
    expect(created.message.pid).toBe(0);
    expect(created.attrs).toMatchObject({ family: 2, saddr4: '198.18.0.1', daddr4: '198.18.0.2', dport: 7777 });
    expect(events.every((e) => e.attrs.token === created.attrs.token)).toBe(true);
    expect(out.ip).toMatch(/^\[       CREATED\] token=[0-9a-f]{8} /);
    expect(events.map((e) => eventText(e.message)).join('')).toBe(out.ip);
    expect(out.tsip).toBe(out.ip);
  }, 30_000);
});
