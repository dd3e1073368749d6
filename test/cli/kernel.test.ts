/**
 * `tsip` against the real kernel, run as a user runs it (the built command
 * in a child process), as root, with iproute2 as the oracle:
 * - state made by `ip` is shown by `tsip` exactly as `ip` shows it: JSON key
 *   by key (only time-dependent keys may differ: bridge timers, address
 *   lifetimes), text line by line (the same numbers blanked);
 * - changes made by `tsip` are read back with `ip -j`;
 * - errors: the words, the exit code, one line on stderr, no stack trace,
 *   and the namespace unchanged per `ip -j`.
 *
 * Every namespace is named `tsnl-t-cli-<pid>-...` and deleted in afterAll
 * (also when an assertion fails); only 198.18.0.0/15 and 2001:db8::/32 are
 * used; the root namespace's links are compared before and after. Skipped,
 * with the reason in the suite name, unless root with `ip` and a built tree.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeAsync } from '../support/spawn-async.js';
import {
  hasTshark,
  ip,
  ipJson,
  jsonDiff,
  kernelSkipReason,
  linkNames,
  Namespaces,
  netnsInodes,
  noDad,
  nsState,
  processesIn,
  rootLinkKeys,
  settle,
  skipNote,
  until,
  withoutTimeKeys,
  withoutTimes,
} from '../support/kernel.js';

if (kernelSkipReason !== undefined) console.warn(`test/cli/kernel.test.ts: ${kernelSkipReason}`);

const run = kernelSkipReason === undefined;
const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
/** The command as npm installs it: package.json's bin.tsip. */
const BIN = fileURLToPath(new URL(`../../${PKG.bin.tsip}`, import.meta.url));
const nss = new Namespaces(`tsnl-t-cli-${process.pid}-`);
const PFX = nss.prefix;
const rootBefore = run ? rootLinkKeys() : [];
/** Scratch directory (batch files, pcap, the cwd of tsip), only when the tests run: a skipped file runs no afterAll. */
const work = run ? mkdtempSync(join(tmpdir(), 'tsnl-t-cli-')) : tmpdir();
/** The canary the shell-injection cases would create; noted before any case runs. */
const PWNED = '/tmp/PWNED';
const pwnedBefore = existsSync(PWNED) ? statSync(PWNED).mtimeMs : undefined;

/** Runs `tsip ARGS...` as a user would: node on the package's bin, argv as an array. */
function tsip(args: string[], opts: { cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: opts.cwd ?? work, input: opts.input, timeout: 30_000 });
}

/** What a finished tsip run left: exit status and output. */
type Ran = Pick<SpawnSyncReturns<string>, 'status' | 'stdout' | 'stderr'>;

/** {@link tsip}, without blocking: several bad commands run side by side. */
function tsipAsync(args: string[]): Promise<Ran> {
  return nodeAsync([BIN, ...args], { cwd: work, timeout: 30_000 });
}

/** Runs `fn` over `items`, at most `limit` at once; results in order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** `tsip ARGS` must succeed with nothing on stderr; returns stdout. */
function ok(args: string[]): string {
  const r = tsip(args);
  expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: '' });
  return r.stdout;
}

/** An expected failure: the exit code, exactly one line on stderr (matching `message`), no stack trace, nothing on stdout. */
function expectFailure(r: Ran, code: number | number[], message: string | RegExp, what = ''): void {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const codes = Array.isArray(code) ? code : [code];
  expect({ status: codes.includes(r.status!) ? codes[0] : r.status, lines: lines.length }, `${what}: ${r.stderr}`).toEqual({ status: codes[0], lines: 1 });
  if (typeof message === 'string') expect(lines[0], what).toBe(message);
  else expect(lines[0], what).toMatch(message);
  expect(r.stderr, what).not.toMatch(/^\s+at |internal error|TypeError|ReferenceError/m);
  expect(r.stdout, what).toBe('');
}

/** ip's and tsip's output, text, with time-dependent numbers blanked; retried while the state moves. */
function textPair(global: string[], args: string[]): { ip: string[]; tsip: string[] } {
  let last = { ip: [] as string[], tsip: [] as string[] };
  for (let attempt = 0; attempt < 3; attempt++) {
    const theirs = withoutTimes(ip([...global, ...args])).split('\n');
    const r = tsip([...global, ...args]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    last = { ip: theirs, tsip: withoutTimes(r.stdout).split('\n') };
    if (JSON.stringify(last.ip) === JSON.stringify(last.tsip)) break;
  }
  return last;
}

/** Key-by-key differences between `ip -j GLOBAL ARGS` and `tsip -j GLOBAL ARGS` (time keys skipped); retried while the state moves. */
function jsonPair(global: string[], args: string[], filter: (x: any[]) => any[] = (x) => x): string[] {
  let diff: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const theirs = filter(JSON.parse(ip(['-j', ...global, ...args]) || '[]'));
    const r = tsip(['-j', ...global, ...args]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    diff = jsonDiff(theirs, filter(JSON.parse(r.stdout)));
    if (diff.length === 0) break;
  }
  return diff;
}

afterAll(async () => {
  try {
    if (!run) return;
    // tsip's helpers get end-of-file when tsip exits; none may be left in our namespaces.
    const inodes = netnsInodes(nss.present());
    await until(() => processesIn(inodes).length === 0, 5000);
    const inside = processesIn(inodes);
    const left = nss.cleanup();
    expect(inside, 'processes still running in our namespaces').toEqual([]);
    expect(left, 'namespaces left behind').toEqual([]);
    expect(rootLinkKeys(), 'root namespace links (ifindex:ifname)').toEqual(rootBefore);
    expect(existsSync(PWNED) ? statSync(PWNED).mtimeMs : undefined, `${PWNED} created or touched`).toBe(pwnedBefore);
  } finally {
    if (run) rmSync(work, { recursive: true, force: true });
  }
}, 30_000);

describe.skipIf(!run)(`tsip against the kernel, checked with ip${skipNote()}`, () => {
  describe('shows what ip shows, for a namespace set up with ip', () => {
    let M: string;
    let P: string;
    const inPfx = (xs: any[]) => xs.filter((x) => typeof x.name === 'string' && x.name.startsWith(PFX));
    const linesWithPfx = (lines: string[]) => lines.filter((l) => l.includes(PFX));

    beforeAll(async () => {
      M = nss.add('main');
      P = nss.add('peer');
      // No DAD: IPv6 addresses would otherwise change flags between two reads.
      noDad(M);
      noDad(P);
      const m = (...args: string[]) => ip(['-n', M, ...args]);
      // M numbers P 42; the root namespace will number it otherwise (see the link show dev case).
      m('netns', 'set', P, '42');
      m('link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1', 'netns', P);
      m('link', 'add', 'br0', 'type', 'bridge');
      m('link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1');
      m('link', 'set', 'p0', 'master', 'br0');
      m('link', 'add', 'mv0', 'link', 'p1', 'type', 'macvlan', 'mode', 'bridge');
      // Made inside M by ip, so its UDP socket would be M's; left down anyway.
      m('link', 'add', 'vx0', 'type', 'vxlan', 'id', '7', 'dstport', '4789', 'local', '198.18.1.1', 'ttl', '5');
      m('link', 'add', 'ifb0', 'type', 'ifb');
      for (const l of ['lo', 'v0', 'br0', 'p0', 'p1', 'mv0', 'ifb0']) m('link', 'set', l, 'up');
      ip(['-n', P, 'link', 'set', 'v1', 'up']);
      m('addr', 'add', '198.18.1.1/24', 'brd', '+', 'dev', 'v0');
      m('addr', 'add', '198.18.2.1/24', 'dev', 'v0', 'label', 'v0:sec', 'valid_lft', '1000', 'preferred_lft', '500');
      m('addr', 'add', '198.18.3.1/24', 'dev', 'br0', 'scope', 'link');
      m('addr', 'add', '2001:db8:1::1/64', 'dev', 'v0');
      m('addr', 'add', '2001:db8:3::1/64', 'dev', 'br0');
      m('route', 'add', 'default', 'via', '198.18.1.254');
      m('route', 'add', '198.19.0.0/16', 'via', '198.18.1.2', 'metric', '10');
      m('route', 'add', '198.18.64.0/18', 'dev', 'br0');
      m('route', 'add', '198.18.128.0/24', 'dev', 'v0', 'table', '100');
      m('-6', 'route', 'add', '2001:db8:9::/48', 'via', '2001:db8:1::2');
      // Wait for carrier, bridge port state and link-local addresses to settle.
      await settle(M);
      // tsip -n M leaves no NSID behind (checked below), so the root's id
      // for M, which `netns list-id` compares, is given here.
      ip(['netns', 'set', M, 'auto']);
    }, 30_000);

    const shows: string[][] = [
      ['link', 'show'],
      ['link', 'show', 'dev', 'br0'],
      ['link', 'show', 'dev', 'p0'],
      ['link', 'show', 'dev', 'mv0'],
      ['address', 'show'],
      ['address', 'show', 'dev', 'v0'],
      ['-4', 'address', 'show'],
      ['route', 'show'],
      ['-6', 'route', 'show'],
    ];
    for (const args of shows) {
      for (const d of [[], ['-d']]) {
        it(`tsip -j ${[...d, '-n NS', ...args].join(' ')} equals ip -j, key by key`, () => {
          const [famOrObj, ...rest] = args;
          const global = famOrObj!.startsWith('-') ? [...d, famOrObj!, '-n', M] : [...d, '-n', M];
          expect(jsonPair(global, famOrObj!.startsWith('-') ? rest : args)).toEqual([]);
        }, 20_000);
        it(`tsip ${[...d, '-n NS', ...args].join(' ')} prints ip's text, line by line`, () => {
          const [famOrObj, ...rest] = args;
          const global = famOrObj!.startsWith('-') ? [...d, famOrObj!, '-n', M] : [...d, '-n', M];
          const { ip: theirs, tsip: ours } = textPair(global, famOrObj!.startsWith('-') ? rest : args);
          expect(ours).toEqual(theirs);
          expect(theirs.length).toBeGreaterThan(1);
        }, 20_000);
      }
    }

    it('the namespace has what the comparisons are meant to cover', () => {
      const links = ipJson(M, ['-d', 'link', 'show']) as any[];
      expect(links.find((l) => l.ifname === 'v0').link_netnsid).toBe(42);
      expect(links.find((l) => l.ifname === 'p0').master).toBe('br0');
      expect(links.map((l) => l.linkinfo?.info_kind)).toEqual(expect.arrayContaining(['veth', 'bridge', 'macvlan', 'vxlan', 'ifb']));
      const addrs = (ipJson(M, ['addr', 'show', 'dev', 'v0'])[0].addr_info as any[]).map((a) => a.local);
      expect(addrs).toEqual(expect.arrayContaining(['198.18.1.1', '198.18.2.1', '2001:db8:1::1']));
      expect((ipJson(M, ['route', 'show']) as any[]).map((r) => r.dst)).toEqual(expect.arrayContaining(['default', '198.19.0.0/16', '198.18.64.0/18']));
    });

    // Regression: `link show dev NAME` once printed the peer's NSID in the root's numbering
    // instead of the namespace's (`link-netns P`, 42 here).
    it('tsip -n NS link show dev v0 (peer in another namespace) equals ip, text and JSON', () => {
      for (const d of [[], ['-d']]) {
        expect(jsonPair([...d, '-n', M], ['link', 'show', 'dev', 'v0'])).toEqual([]);
        const { ip: theirs, tsip: ours } = textPair([...d, '-n', M], ['link', 'show', 'dev', 'v0']);
        expect(ours).toEqual(theirs);
      }
    }, 20_000);

    // With -6 and no dev, ip dumps links with family AF_INET6 (short per-family messages,
    // no attributes in the request: strict checking refuses any), and so does tsip.
    it('tsip -6 -n NS address show equals ip -6 (text and JSON)', () => {
      expect(jsonPair(['-6', '-n', M], ['address', 'show'])).toEqual([]);
      const { ip: theirs, tsip: ours } = textPair(['-6', '-n', M], ['address', 'show']);
      expect(ours).toEqual(theirs);
    }, 20_000);

    for (const global of [[], ['-n']]) {
      const label = global.length ? '-n NS' : '';
      for (const d of [[], ['-d']]) {
        it(`tsip -j ${[...d, label, 'netns'].filter((x) => x !== '').join(' ')} list equals ip -j (our namespaces, as sets)`, () => {
          const g = [...d, ...(global.length ? ['-n', M] : [])];
          const sort = (xs: any[]) => inPfx(xs).sort((a, b) => (a.name < b.name ? -1 : 1));
          expect(jsonPair(g, ['netns', 'list'], sort)).toEqual([]);
          expect(inPfx(JSON.parse(ok(['-j', ...g, 'netns', 'list']))).map((x: any) => x.name)).toEqual(expect.arrayContaining([M, P]));
        }, 20_000);
        it(`tsip ${[...d, label, 'netns'].filter((x) => x !== '').join(' ')} list prints ip's lines (our namespaces, as sets)`, () => {
          const g = [...d, ...(global.length ? ['-n', M] : [])];
          const { ip: theirs, tsip: ours } = textPair(g, ['netns', 'list']);
          expect(linesWithPfx(ours).sort()).toEqual(linesWithPfx(theirs).sort());
          expect(linesWithPfx(theirs).length).toBeGreaterThanOrEqual(2);
        }, 20_000);
      }
    }

    // Regression: tsip once sorted the names; ip prints /run/netns in directory order.
    it('tsip netns list prints the namespaces in ip\'s order', () => {
      for (const j of [[], ['-j']]) {
        const theirs = ip([...j, 'netns', 'list']);
        const ours = ok([...j, 'netns', 'list']);
        const order = (out: string) => (j.length ? (JSON.parse(out) as any[]).map((x) => x.name) : out.split('\n').map((l) => l.replace(/ \(id: \d+\)$/, ''))).filter((n: string) => n === M || n === P);
        // (Which of the two comes first is the directory's business; other
        // sessions add namespaces concurrently, so only compare with ip.)
        expect(order(theirs).sort()).toEqual([M, P].sort());
        expect(order(ours)).toEqual(order(theirs));
      }
    });

    for (const d of [[], ['-d']]) {
      it(`tsip ${[...d, '-n NS'].join(' ')} netns list-id equals ip, text and JSON`, () => {
        expect(jsonPair([...d, '-n', M], ['netns', 'list-id'])).toEqual([]);
        const { ip: theirs, tsip: ours } = textPair([...d, '-n', M], ['netns', 'list-id']);
        expect(ours).toEqual(theirs);
        expect(theirs).toContain(`nsid 42 (iproute2 netns name: ${P})`);
      }, 20_000);
      it(`tsip ${[...d, 'netns'].join(' ')} list-id (root) equals ip for our namespaces, text and JSON`, () => {
        expect(jsonPair(d, ['netns', 'list-id'], inPfx)).toEqual([]);
        const { ip: theirs, tsip: ours } = textPair(d, ['netns', 'list-id']);
        expect(linesWithPfx(ours)).toEqual(linesWithPfx(theirs));
        expect(linesWithPfx(theirs).length).toBeGreaterThanOrEqual(1);
      }, 20_000);
    }

    it('tsip netns exec NS ip -j link prints what ip -j -n NS link prints, and passes exit codes through', () => {
      const r = tsip(['netns', 'exec', M, 'ip', '-j', 'link']);
      expect(r.status).toBe(0);
      expect(withoutTimeKeys(JSON.parse(r.stdout))).toEqual(withoutTimeKeys(ipJson(M, ['link'])));
      expect(tsip(['netns', 'exec', M, 'sh', '-c', 'exit 7']).status).toBe(7);
      expect(tsip(['netns', 'exec', M, 'false']).status).toBe(1);
      // The command really runs inside: its lo is the namespace's, and it sees v0.
      const inside = tsip(['netns', 'exec', M, 'ip', '-o', 'link', 'show', 'v0']);
      expect(inside.status).toBe(0);
      expect(inside.stdout).toMatch(/^\d+: v0@/);
    }, 20_000);
  });

  describe('changes made with tsip, read back with ip -j', () => {
    let C: string;
    let D: string;
    beforeAll(() => {
      C = nss.add('c');
      D = nss.add('d');
      noDad(C);
    });
    const show = (ns: string, dev: string) => ipJson(ns, ['-d', 'link', 'show', dev])[0];

    it('link add: a veth created up with mtu and address, its peer in another namespace; a bridge, an ifb', () => {
      ok(['-n', C, 'link', 'add', 'c0', 'mtu', '1400', 'address', '02:00:00:00:0c:01', 'up', 'type', 'veth', 'peer', 'name', 'c1', 'netns', D]);
      expect(show(C, 'c0')).toMatchObject({ mtu: 1400, address: '02:00:00:00:0c:01', linkinfo: { info_kind: 'veth' } });
      expect(show(C, 'c0').flags).toContain('UP');
      expect(show(D, 'c1')).toMatchObject({ link_index: show(C, 'c0').ifindex, linkinfo: { info_kind: 'veth' } });
      ok(['-n', C, 'link', 'add', 'cbr', 'type', 'bridge']);
      ok(['-n', C, 'link', 'add', 'name', 'ci', 'txqueuelen', '64', 'type', 'ifb']);
      ok(['-n', C, 'link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'e1']);
      expect(show(C, 'cbr').linkinfo.info_kind).toBe('bridge');
      expect(show(C, 'ci')).toMatchObject({ txqlen: 64, linkinfo: { info_kind: 'ifb' } });
      expect(show(C, 'e1').link).toBe('e0');
    }, 20_000);

    it('link set: up, down, mtu, address, name, master, nomaster, netns, several at once', () => {
      ok(['-n', C, 'link', 'set', 'e0', 'up']);
      expect(show(C, 'e0').flags).toContain('UP');
      ok(['-n', C, 'link', 'set', 'dev', 'e0', 'down']);
      expect(show(C, 'e0').flags).not.toContain('UP');
      ok(['-n', C, 'link', 'set', 'e0', 'mtu', '1300']);
      expect(show(C, 'e0').mtu).toBe(1300);
      ok(['-n', C, 'link', 'set', 'e0', 'address', '02:00:00:00:0e:01']);
      expect(show(C, 'e0').address).toBe('02:00:00:00:0e:01');
      ok(['-n', C, 'link', 'set', 'e0', 'name', 'e9']);
      expect(linkNames(C)).toEqual(expect.arrayContaining(['e9']));
      expect(linkNames(C)).not.toContain('e0');
      ok(['-n', C, 'link', 'set', 'e9', 'master', 'cbr']);
      expect(show(C, 'e9').master).toBe('cbr');
      ok(['-n', C, 'link', 'set', 'e9', 'nomaster']);
      expect(show(C, 'e9').master).toBeUndefined();
      ok(['-n', C, 'link', 'set', 'dev', 'e9', 'up', 'mtu', '1280', 'address', '02:00:00:00:0e:02']);
      expect(show(C, 'e9')).toMatchObject({ mtu: 1280, address: '02:00:00:00:0e:02' });
      expect(show(C, 'e9').flags).toContain('UP');
      ok(['-n', C, 'link', 'set', 'e1', 'netns', D]);
      expect(linkNames(C)).not.toContain('e1');
      expect(linkNames(D)).toContain('e1');
    }, 20_000);

    it('link del', () => {
      ok(['-n', C, 'link', 'del', 'ci']);
      ok(['-n', C, 'link', 'delete', 'dev', 'cbr']);
      ok(['-n', D, 'link', 'del', 'c1']);
      ok(['-n', C, 'link', 'del', 'e9']);
      expect(linkNames(C)).toEqual(['lo']);
      expect(linkNames(D)).toEqual(['lo']);
    }, 20_000);

    it('addr add and del, IPv4 (broadcast, label, scope) and IPv6', () => {
      ip(['-n', C, 'link', 'add', 'r0', 'type', 'veth', 'peer', 'name', 'r1']);
      ip(['-n', C, 'link', 'set', 'r0', 'up']);
      ip(['-n', C, 'link', 'set', 'r1', 'up']);
      ok(['-n', C, 'addr', 'add', '198.18.50.1/24', 'dev', 'r0', 'broadcast', '198.18.50.255', 'label', 'r0:a']);
      ok(['-n', C, 'address', 'add', '198.18.51.1/24', 'dev', 'r0', 'scope', 'link']);
      ok(['-n', C, 'addr', 'add', '2001:db8:50::1/64', 'dev', 'r0', 'nodad']);
      const info = () => ipJson(C, ['addr', 'show', 'dev', 'r0'])[0].addr_info as any[];
      const find = (local: string) => info().find((a) => a.local === local);
      expect(find('198.18.50.1')).toMatchObject({ prefixlen: 24, broadcast: '198.18.50.255', label: 'r0:a', scope: 'global' });
      expect(find('198.18.51.1')).toMatchObject({ prefixlen: 24, scope: 'link' });
      expect(find('2001:db8:50::1')).toMatchObject({ family: 'inet6', prefixlen: 64, nodad: true });
      ok(['-n', C, 'addr', 'del', '198.18.51.1/24', 'dev', 'r0']);
      ok(['-n', C, 'addr', 'del', '2001:db8:50::1/64', 'dev', 'r0']);
      expect(find('198.18.51.1')).toBeUndefined();
      expect(find('2001:db8:50::1')).toBeUndefined();
      expect(find('198.18.50.1')).toBeDefined();
    }, 20_000);

    it('route add and del: default via, prefix via with metric, dev route, table, IPv6', () => {
      ok(['-n', C, 'addr', 'add', '2001:db8:52::1/64', 'dev', 'r0', 'nodad']);
      ok(['-n', C, 'route', 'add', 'default', 'via', '198.18.50.254']);
      ok(['-n', C, 'route', 'add', '198.19.0.0/16', 'via', '198.18.50.2', 'metric', '30']);
      ok(['-n', C, 'route', 'add', '198.18.128.0/17', 'dev', 'r0']);
      ok(['-n', C, 'route', 'add', '198.18.200.0/24', 'dev', 'r0', 'table', '100']);
      ok(['-n', C, 'route', 'add', '2001:db8:99::/48', 'via', '2001:db8:52::2']);
      const v4 = () => ipJson(C, ['-4', 'route', 'show', 'table', 'all']) as any[];
      const v6 = () => ipJson(C, ['-6', 'route', 'show', 'table', 'all']) as any[];
      const find = (list: any[], dst: string, table?: string) => list.find((r) => r.dst === dst && r.table === table);
      expect(find(v4(), 'default')).toMatchObject({ gateway: '198.18.50.254', dev: 'r0' });
      expect(find(v4(), '198.19.0.0/16')).toMatchObject({ gateway: '198.18.50.2', metric: 30 });
      expect(find(v4(), '198.18.128.0/17')).toMatchObject({ dev: 'r0', scope: 'link' });
      expect(find(v4(), '198.18.200.0/24', '100')).toMatchObject({ dev: 'r0' });
      expect(find(v6(), '2001:db8:99::/48')).toMatchObject({ gateway: '2001:db8:52::2' });
      ok(['-n', C, 'route', 'del', 'default', 'via', '198.18.50.254']);
      ok(['-n', C, 'route', 'del', '198.19.0.0/16', 'via', '198.18.50.2', 'metric', '30']);
      ok(['-n', C, 'route', 'delete', '198.18.128.0/17', 'dev', 'r0']);
      ok(['-n', C, 'route', 'del', '198.18.200.0/24', 'dev', 'r0', 'table', '100']);
      ok(['-n', C, 'route', 'del', '2001:db8:99::/48']);
      expect(find(v4(), 'default')).toBeUndefined();
      expect(find(v4(), '198.19.0.0/16')).toBeUndefined();
      expect(find(v4(), '198.18.128.0/17')).toBeUndefined();
      expect(find(v4(), '198.18.200.0/24', '100')).toBeUndefined();
      expect(find(v6(), '2001:db8:99::/48')).toBeUndefined();
    }, 20_000);

    it('netns add, set (in another namespace), del', () => {
      const N = nss.track(`${PFX}new`);
      ok(['netns', 'add', N]);
      expect(nss.present()).toContain(N);
      expect(linkNames(N)).toEqual(['lo']);
      expectFailure(tsip(['netns', 'add', N]), 1, `Cannot create namespace file "/run/netns/${N}": File exists`);
      // The NSID is given in C's table, not the root's.
      ok(['-n', C, 'netns', 'set', N, '55']);
      expect(ipJson(C, ['netns', 'list-id'])).toContainEqual({ nsid: 55, name: N });
      expectFailure(tsip(['-n', C, 'netns', 'set', N, '56']), 2, 'Error: Peer netns already has a nsid assigned.');
      const A2 = nss.add('auto');
      ok(['-n', C, 'netns', 'set', A2, 'auto']);
      expect((ipJson(C, ['netns', 'list-id']) as any[]).some((e) => e.name === A2 && e.nsid >= 0)).toBe(true);
      ok(['netns', 'del', N]);
      expect(nss.present()).not.toContain(N);
      expectFailure(tsip(['netns', 'del', N]), 1, `Cannot remove namespace file "/run/netns/${N}": No such file or directory`);
    }, 20_000);

    // Regression: the lower device was once looked up in tsip's own namespace (exit 2 ENODEV,
    // or a root link with that ifindex). low0's ifindex is one no root link has.
    it('link add NAME type macvlan link DEV mode bridge, DEV in the namespace', () => {
      let index = 2_000_000_100 + (process.pid % 1000);
      const rootIndexes = new Set(rootLinkKeys().map((k) => Number(k.split(':')[0])));
      while (rootIndexes.has(index)) index++;
      ip(['-n', C, 'link', 'add', 'low0', 'index', String(index), 'type', 'veth', 'peer', 'name', 'low1']);
      try {
        ok(['-n', C, 'link', 'add', 'cm', 'type', 'macvlan', 'link', 'low0', 'mode', 'bridge']);
        expect(show(C, 'cm')).toMatchObject({ link: 'low0', linkinfo: { info_kind: 'macvlan' } });
      } finally {
        spawnSync('ip', ['-n', C, 'link', 'del', 'cm']);
        ip(['-n', C, 'link', 'del', 'low0']);
      }
    }, 20_000);
  });

  describe('errors: words, exit codes, one line, no stack; the namespace unchanged per ip -j', () => {
    let E: string;
    let before: string;
    beforeAll(async () => {
      E = nss.add('err');
      noDad(E);
      ip(['-n', E, 'link', 'add', 'g0', 'type', 'veth', 'peer', 'name', 'g1']);
      ip(['-n', E, 'link', 'add', 'gbr', 'type', 'bridge']);
      ip(['-n', E, 'addr', 'add', '198.18.60.1/24', 'dev', 'g0']);
      ip(['-n', E, 'addr', 'add', '2001:db8:60::1/64', 'dev', 'g0']);
      ip(['-n', E, 'link', 'set', 'g0', 'up']);
      ip(['-n', E, 'link', 'set', 'g1', 'up']);
      ip(['-n', E, 'route', 'add', '198.18.61.0/24', 'via', '198.18.60.2']);
      before = await settle(E);
    }, 20_000);
    /** Bad commands of the running test, run by {@link check}. */
    let queue: { args: string[]; code: number | number[]; message: string | RegExp }[] = [];
    /** Queues one bad command (`E` stands for the namespace) with its exit code and message. */
    const bad = (args: string[], code: number | number[], message: string | RegExp) => {
      queue.push({ args: args.map((a) => (a === 'E' ? E : a)), code, message });
    };
    /** Runs the queued commands (a few at once: none changes anything), checks each, then that E is unchanged. */
    const check = async () => {
      const cases = queue;
      queue = [];
      const ran = await pool(cases, 4, (c) => tsipAsync(c.args));
      cases.forEach((c, i) => expectFailure(ran[i]!, c.code, c.message, c.args.join(' ')));
      expect(nsState(E)).toBe(before);
    };

    it('Cannot find device "X": exit 1', async () => {
      bad(['-n', 'E', 'link', 'set', 'dev', 'nope', 'up'], 1, 'Cannot find device "nope"');
      bad(['-n', 'E', 'link', 'del', 'nope'], 1, 'Cannot find device "nope"');
      bad(['-n', 'E', 'addr', 'add', '198.18.62.1/24', 'dev', 'nope'], 1, 'Cannot find device "nope"');
      bad(['-n', 'E', 'addr', 'del', '198.18.60.1/24', 'dev', 'nope'], 1, 'Cannot find device "nope"');
      bad(['-n', 'E', 'route', 'add', '198.18.63.0/24', 'dev', 'nope'], 1, 'Cannot find device "nope"');
      // ip 6.1: a master that does not exist is an argument error (exit 255).
      bad(['-n', 'E', 'link', 'add', 'x0', 'master', 'nope', 'type', 'bridge'], 255, 'Error: argument "nope" is wrong: Device does not exist');
      bad(['-n', 'E', 'link', 'set', 'g0', 'master', 'nope'], 255, 'Error: argument "nope" is wrong: Device does not exist');
      bad(['-n', 'E', 'link', 'show', 'dev', 'nope'], 1, 'Device "nope" does not exist.');
      await check();
    }, 30_000);

    /**
     * Kernel refusals, each run with ip and with tsip: the same first line
     * on stderr (the kernel's extended ACK message when it sent one, else
     * `RTNETLINK answers: <strerror>`) and the same exit code. The words ip
     * printed on this kernel are written out too, so that a change on either
     * side shows.
     */
    const refusals: [string[], number, string | RegExp][] = [
      [['link', 'set', 'g0', 'mtu', '70000'], 2, 'Error: mtu greater than device maximum.'],
      [['link', 'set', 'g0', 'mtu', '60'], 2, 'Error: mtu less than device minimum.'],
      [['addr', 'add', '198.18.60.1/24', 'dev', 'g0'], 2, 'Error: ipv4: Address already assigned.'],
      [['route', 'add', '198.18.64.0/24', 'via', '198.19.99.1'], 2, 'Error: Nexthop has invalid gateway.'],
      [['-6', 'route', 'add', '2001:db8:70::/64', 'via', '2001:db8:60::1'], 2, 'Error: Gateway can not be a local address.'],
      [['addr', 'del', '198.18.65.1/24', 'dev', 'g0'], 2, 'Error: ipv4: Address not found.'],
      [['link', 'set', 'lo', 'netns', 'ELSE'], 2, 'Error: The interface netns is immutable.'],
      [['link', 'add', 'x0', 'type', 'veth', 'peer', 'name', 'g1'], 2, 'RTNETLINK answers: File exists'],
      [['link', 'add', 'gbr', 'type', 'bridge'], 2, 'RTNETLINK answers: File exists'],
      [['link', 'set', 'gbr', 'master', 'g1'], 2, /^(Error: .+\.|RTNETLINK answers: .+)$/],
      [['link', 'add', 'x0', 'type', 'vxlan', 'id', '16777216'], 255, 'Error: argument "16777216" is wrong: invalid id'],
      [['route', 'add', '198.18.61.0/24', 'via', '198.18.60.2'], 2, 'RTNETLINK answers: File exists'],
      [['route', 'del', '198.18.66.0/24'], 2, /^(Error: .+\.|RTNETLINK answers: No such process)$/],
    ];
    it('kernel refusals: ip\'s first stderr line and exit code, word for word', async () => {
      const other = nss.add('else');
      const sub = (a: string) => (a === 'ELSE' ? other : a);
      const ran = await pool(refusals, 4, async ([args]) => {
        const full = ['-n', E, ...args.map(sub)];
        const theirs = spawnSync('ip', full, { encoding: 'utf8' });
        return { theirs, ours: await tsipAsync(full), full };
      });
      refusals.forEach(([, code, words], i) => {
        const { theirs, ours, full } = ran[i]!;
        const what = `tsip ${full.join(' ')}`;
        const ipLine = theirs.stderr.split('\n')[0]!;
        if (typeof words === 'string') expect(ipLine, `ip ${full.join(' ')}`).toBe(words);
        else expect(ipLine, `ip ${full.join(' ')}`).toMatch(words);
        expect(theirs.status, `ip ${full.join(' ')}`).toBe(code);
        expectFailure(ours, code, ipLine, what);
      });
      expect(nsState(E)).toBe(before);
    }, 30_000);

    it('usage errors: ip\'s exit code (255 or 1), one line, no stack trace', async () => {
      // Each is also run with ip: the exit code must be ip's.
      const usage: string[][] = [
        ['foo', 'show'],
        ['link', 'foo'],
        ['address', 'foo'],
        ['route', 'foo'],
        ['netns', 'foo'],
        ['-q', 'link', 'show'],
        ['-n'],
        ['-n', 'E', 'link', 'add'],
        ['-n', 'E', 'link', 'add', 'x0'],
        ['-n', 'E', 'link', 'add', 'x0', 'type', 'vxlan', 'dstport', '4789'],
        ['-n', 'E', 'link', 'add', 'x0', 'type', 'bridge', 'bogus'],
        ['-n', 'E', 'link', 'set'],
        ['-n', 'E', 'link', 'set', 'g0', 'mtu'],
        ['-n', 'E', 'link', 'set', 'g0', 'mtu', 'abc'],
        ['-n', 'E', 'link', 'set', 'g0', 'address', 'zz'],
        ['-n', 'E', 'link', 'set', 'g0', 'up', 'g1'],
        ['-n', 'E', 'link', 'del'],
        ['-n', 'E', 'addr', 'add', '198.18.67.1/24'],
        ['-n', 'E', 'addr', 'add', '198.18.67.1/24', 'dev', 'g0', 'scope', 'galaxy'],
        ['-n', 'E', 'route', 'add'],
        ['-n', 'E', 'route', 'add', '198.18.67.0/24', 'metric', 'x'],
        ['-n', 'E', 'route', 'add', '198.18.67.0/24', 'via', 'gateway'],
        ['netns', 'add'],
        ['netns', 'exec', 'E'],
        ['netns', 'exec', `${PFX}nosuch`, 'true'],
        ['-n', `${PFX}nosuch`, 'link'],
        ['-n', 'E', 'netns', 'set', 'E', 'abc'],
        ['-n', 'E', 'netns', 'set', 'E'],
      ];
      const codes = usage.map((args) => spawnSync('ip', args.map((x) => (x === 'E' ? E : x)), { encoding: 'utf8' }).status!);
      expect(new Set(codes), 'ip exits 1 or 255 for these').toEqual(new Set([1, 255]));
      usage.forEach((args, i) => bad(args, codes[i]!, /./));
      // Where ip would go ahead (a default peer name, a macvlan on no lower
      // device) or tsip lacks the selector yet: tsip refuses, exit 1.
      bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'veth'], 1, /./);
      bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'veth', 'peer'], 1, /./);
      bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'macvlan'], 1, /./);
      bad(['-n', 'E', 'addr', 'add'], 1, /./);
      await check();
    }, 60_000);

    it('bad interface names: longer than 15 bytes, with /, white space or : (link add, peer, set name, dev)', async () => {
      for (const name of ['a'.repeat(16), 'é'.repeat(8), 'a/b', 'a b', 'a\tb', 'a:b', '.', '..']) {
        bad(['-n', 'E', 'link', 'add', name, 'type', 'bridge'], 255, /not a valid ifname/);
        bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'veth', 'peer', 'name', name], 255, /not a valid ifname/);
        bad(['-n', 'E', 'link', 'set', 'g0', 'name', name], 255, /not a valid ifname/);
        bad(['-n', 'E', 'link', 'set', 'dev', name, 'up'], 255, /not a valid ifname/);
      }
      bad(['-n', 'E', 'addr', 'add', '198.18.67.1/24', 'dev', 'a/b'], 255, /not a valid ifname/);
      await check();
      expect(linkNames(E)).not.toContain('x0');
    }, 60_000);

    it('bad MAC, MTU, CIDR and prefix length', async () => {
      for (const mac of ['zz:00:00:00:00:00', '02:00:00:00:00', '02:00:00:00:00:00:00', 'nope']) {
        bad(['-n', 'E', 'link', 'set', 'g0', 'address', mac], 1, /invalid lladdr/);
        bad(['-n', 'E', 'link', 'add', 'x0', 'address', mac, 'type', 'bridge'], 1, /invalid lladdr/);
      }
      for (const mtu of ['abc', '0', '-5', '1.5', '99999999999']) {
        bad(['-n', 'E', 'link', 'set', 'g0', 'mtu', mtu], 255, `Error: argument "${mtu}" is wrong: Invalid "mtu" value`);
      }
      for (const cidr of ['198.18.300.1/24', '198.18.67.1/33', '2001:db8::1/129', 'abc', '198.18.67.1/x', '198.18.67.1/', '198.18.67.1/-1']) {
        bad(['-n', 'E', 'addr', 'add', cidr, 'dev', 'g0'], 1, `Error: any valid prefix is expected rather than "${cidr}".`);
        bad(['-n', 'E', 'route', 'add', cidr, 'dev', 'g0'], 1, `Error: any valid prefix is expected rather than "${cidr}".`);
      }
      await check();
    }, 60_000);

    it('a missing namespace, an unknown link kind, a veth whose peer cannot be made (no half-made pair)', async () => {
      const missing = `${PFX}missing`;
      const words = `Cannot open network namespace "${missing}": No such file or directory`;
      const invalid = `Error: argument "${missing}" is wrong: Invalid "netns" value`;
      bad(['-n', missing, 'link', 'show'], 255, words);
      bad(['-n', missing, 'link', 'add', 'x0', 'type', 'bridge'], 255, words);
      bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'veth', 'peer', 'name', 'x1', 'netns', missing], 255, invalid);
      bad(['-n', 'E', 'link', 'set', 'g1', 'netns', missing], 255, invalid);
      bad(['netns', 'exec', missing, 'true'], 255, words);
      bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'foo'], 1, /unknown link type "foo"/);
      bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'veth', 'peer', 'name', 'g0'], 2, 'RTNETLINK answers: File exists');
      await check();
      expect(nss.present()).not.toContain(missing);
      expect(linkNames(E).sort()).toEqual(['g0', 'g1', 'gbr', 'lo']);
    }, 30_000);

    it('netns names "", a/b, . and ..: refused before anything is done', async () => {
      for (const name of ['', 'a/b', '.', '..']) {
        const words = new RegExp(`Invalid netns name "${name.replace(/\./g, '\\.')}"`);
        const invalid = `Error: argument "${name}" is wrong: Invalid "netns" value`;
        bad(['netns', 'add', name], 255, words);
        bad(['netns', 'del', name], 255, words);
        bad(['netns', 'exec', name, 'true'], 255, words);
        bad(['-n', name, 'link', 'show'], 255, words);
        bad(['-n', 'E', 'netns', 'set', name, '5'], 255, words);
        bad(['-n', 'E', 'link', 'set', 'g1', 'netns', name], 255, invalid);
        bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'veth', 'peer', 'name', 'x1', 'netns', name], 255, invalid);
      }
      await check();
      expect(existsSync('/run/netns/a')).toBe(false);
    }, 60_000);

    it('names with shell characters run no shell: no file appears', async () => {
      const shelly = ['$(touch /tmp/PWNED)', 'x;touch /tmp/PWNED', '`touch /tmp/PWNED`', 'x && touch /tmp/PWNED', 'x|touch /tmp/PWNED'];
      for (const name of shelly) {
        bad(['netns', 'add', name], 255, /Invalid netns name/);
        bad(['netns', 'del', name], 255, /Invalid netns name/);
        bad(['netns', 'exec', name, 'true'], 255, /Invalid netns name/);
        bad(['-n', name, 'link', 'show'], 255, /Invalid netns name/);
        bad(['-n', 'E', 'link', 'add', name, 'type', 'bridge'], 255, /not a valid ifname/);
        bad(['-n', 'E', 'link', 'add', 'x0', 'type', 'veth', 'peer', 'name', name], 255, /not a valid ifname/);
        bad(['-n', 'E', 'link', 'set', 'g0', 'name', name], 255, /not a valid ifname/);
        bad(['-n', 'E', 'link', 'set', 'g1', 'netns', name], 255, /Invalid "netns" value/);
      }
      await check();
      expect(existsSync(PWNED) ? statSync(PWNED).mtimeMs : undefined).toBe(pwnedBefore);

      // Valid names that a shell would act on: used for real, in a scratch cwd.
      const cwd = mkdtempSync(join(work, 'cwd-'));
      const ns = nss.track(`${PFX}$(touch P1);touch P2 \`touch P3\``);
      const r = tsip(['netns', 'add', ns], { cwd });
      expect(r.status, r.stderr).toBe(0);
      expect(nss.present()).toContain(ns);
      expect(tsip(['-n', ns, 'link', 'show'], { cwd }).status).toBe(0);
      expect(tsip(['netns', 'exec', ns, 'true'], { cwd }).status).toBe(0);
      for (const ifname of [';touch${IFS}P4', '$(touch${IFS}Q)', '`touch${IFS}P6`']) {
        expect(tsip(['-n', ns, 'link', 'add', ifname, 'type', 'bridge'], { cwd }).status).toBe(0);
        expect(linkNames(ns)).toContain(ifname);
        expect(tsip(['-n', ns, 'link', 'set', ifname, 'up'], { cwd }).status).toBe(0);
        expect(tsip(['-n', ns, 'link', 'del', ifname], { cwd }).status).toBe(0);
      }
      expect(tsip(['netns', 'del', ns], { cwd }).status).toBe(0);
      expect(nss.present()).not.toContain(ns);
      expect(readdirSync(cwd)).toEqual([]);
      expect(readdirSync(work).filter((f) => f.startsWith('P'))).toEqual([]);
    }, 60_000);
  });

  describe('-batch, -force, -x and --pcap', () => {
    const file = (name: string, lines: string[]) => {
      const f = join(work, name);
      writeFileSync(f, lines.join('\n') + '\n');
      return f;
    };

    it('-batch FILE: 200 `link add vN type veth peer name wN` lines, all created', () => {
      const B = nss.add('batch');
      const f = file('veth200.batch', Array.from({ length: 200 }, (_, i) => `link add v${i} type veth peer name w${i}`));
      const r = tsip(['-n', B, '-batch', f]);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      const names = new Set(linkNames(B));
      expect(names.size).toBe(401);
      for (let i = 0; i < 200; i++) {
        expect(names.has(`v${i}`) && names.has(`w${i}`), `v${i}/w${i}`).toBe(true);
      }
      const v7 = ipJson(B, ['link', 'show', 'v7'])[0];
      expect(v7.link).toBe('w7');
    }, 30_000);

    it('-batch stops at the failing line 3 with `Command failed FILE:3` (exit non-zero); line 4 never runs', () => {
      const B = nss.add('batch3');
      const f = file('stop.batch', ['link add e0 type bridge', 'link add e1 type bridge', 'link set dev nope up', 'link add e2 type bridge']);
      const r = tsip(['-n', B, '-batch', f]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`Cannot find device "nope"\nCommand failed ${f}:3\n`);
      expect(linkNames(B).sort()).toEqual(['e0', 'e1', 'lo']);
    }, 20_000);

    it('-batch reports a kernel refusal on line 3 as `Command failed FILE:3` with exit 2', () => {
      const B = nss.add('batchk');
      const f = file('eexist.batch', ['link add e0 type bridge', 'link add e1 type bridge', 'link add e0 type bridge', 'link add e2 type bridge']);
      const r = tsip(['-n', B, '-batch', f]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`RTNETLINK answers: File exists\nCommand failed ${f}:3\n`);
      expect(linkNames(B)).toEqual(expect.arrayContaining(['e0', 'e1']));
    }, 20_000);

    // Regression: `link add` lines were once pipelined, so line 4 went out before line 3's
    // EEXIST came back; iproute2 stops at line 3 and never runs line 4.
    it('-batch: a failing `link add` on line 3 keeps line 4 from running (no -force)', () => {
      const B = nss.add('batchp');
      const f = file('pipelined.batch', ['link add e0 type bridge', 'link add e1 type bridge', 'link add e0 type bridge', 'link add e2 type bridge']);
      tsip(['-n', B, '-batch', f]);
      expect(linkNames(B).sort()).toEqual(['e0', 'e1', 'lo']);
    }, 20_000);

    it('-force goes on after the failing line, reports it and exits non-zero', () => {
      const B = nss.add('batchf');
      const f = file('force.batch', ['link add e0 type bridge', 'link add e1 type bridge', 'link set dev nope up', 'link add e2 type bridge']);
      const r = tsip(['-n', B, '-force', '-batch', f]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toBe(`Cannot find device "nope"\nCommand failed ${f}:3\n`);
      expect(linkNames(B).sort()).toEqual(['e0', 'e1', 'e2', 'lo']);
    }, 20_000);

    it('-batch with a missing file: one line, exit 1', () => {
      expectFailure(tsip(['-batch', join(work, 'nope.batch')]), 1, /^Cannot open file ".*nope\.batch" for batch/);
    });

    it('-x says each message in one line: the veth request with its peer, the ACK, and the socket\'s namespace', () => {
      const X = nss.add('explain1');
      const r = tsip(['-n', X, '-x', 'link', 'add', 'xv0', 'type', 'veth', 'peer', 'name', 'xv1']);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      expect(linkNames(X)).toEqual(expect.arrayContaining(['xv0', 'xv1']));
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.length).toBeLessThan(10);
      expect(r.stderr).toMatch(new RegExp(`^-> RTM_NEWLINK xv0 type veth peer xv1 \\(create, excl, \\d+ bytes\\) \\[netns ${X}\\]$`, 'm'));
      expect(lines[lines.length - 1]).toMatch(new RegExp(`^<- ACK \\(\\d+ bytes\\) \\[netns ${X}\\]$`));
      expect(r.stderr).not.toMatch(/RTM_(GET|NEW)NSID/);
    }, 20_000);

    it('-xx explains the veth request on stderr: the nested peer rows and padding', () => {
      const X = nss.add('explain');
      const r = tsip(['-n', X, '-xx', 'link', 'add', 'xv0', 'type', 'veth', 'peer', 'name', 'xv1']);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      expect(linkNames(X)).toEqual(expect.arrayContaining(['xv0', 'xv1']));
      const e = r.stderr;
      // Each datagram names the socket that carried it: one made inside X.
      expect(e).toMatch(new RegExp(`^-> sent \\d+ bytes \\[netns ${X}\\]$`, 'm'));
      expect(e).toMatch(new RegExp(`^<- received \\d+ bytes \\[netns ${X}\\]$`, 'm'));
      // No NSID traffic nobody asked for.
      expect(e).not.toMatch(/RTM_(GET|NEW)NSID/);
      expect(e).toMatch(/nlmsg_type +RTM_NEWLINK/);
      expect(e).toMatch(/NLM_F_REQUEST\|NLM_F_ACK\|NLM_F_EXCL\|NLM_F_CREATE/);
      expect(e).toMatch(/^[0-9a-f]{4}  [0-9a-f ]+ +IFLA_LINKINFO\b/m);
      expect(e).toMatch(/^[0-9a-f]{4}  [0-9a-f ]+ +> IFLA_INFO_KIND\b/m);
      expect(e).toMatch(/^[0-9a-f]{4}  [0-9a-f ]+ +> IFLA_INFO_DATA\b/m);
      expect(e).toMatch(/IFLA_LINKINFO > IFLA_INFO_DATA > VETH_INFO_PEER|^[0-9a-f]{4}  [0-9a-f ]+ +> > VETH_INFO_PEER\b/m);
      expect(e).toMatch(/> > > IFLA_IFNAME/);
      expect(e).toMatch(/"xv1"/);
      expect(e).toMatch(/padding \(\d\)/);
    }, 20_000);

    it('--pcap FILE writes LINKTYPE_NETLINK with nlmon pseudo-headers, and tshark reads it as rtnetlink', () => {
      const X = nss.add('pcap');
      const f = join(work, 'veth.pcap');
      const r = tsip(['-n', X, '--pcap', f, 'link', 'add', 'pc0', 'type', 'veth', 'peer', 'name', 'pc1']);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      const b = readFileSync(f);
      expect(b.readUInt32LE(0)).toBe(0xa1b2c3d4);
      expect(b.readUInt32LE(20)).toBe(253);
      let off = 24;
      const types: number[] = [];
      const dirs: number[] = [];
      while (off < b.length) {
        const incl = b.readUInt32LE(off + 8);
        const pkt = b.subarray(off + 16, off + 16 + incl);
        dirs.push(pkt.readUInt16BE(0));
        expect(pkt.readUInt16BE(2)).toBe(824); // ARPHRD_NETLINK
        expect(pkt.readUInt16BE(14)).toBe(0); // NETLINK_ROUTE
        expect(pkt.readUInt32LE(16)).toBeLessThanOrEqual(incl - 16); // nlmsg_len, host order
        types.push(pkt.readUInt16LE(20));
        off += 16 + incl;
      }
      expect(off).toBe(b.length);
      expect(types).toContain(16); // RTM_NEWLINK
      expect(types).toContain(2); // NLMSG_ERROR (the ACK)
      expect(new Set(dirs)).toEqual(new Set([0, 4]));
      if (!hasTshark()) {
        console.warn('test/cli/kernel.test.ts: tshark not installed; pcap only checked by hand');
        return;
      }
      const t = spawnSync('tshark', ['-r', f], { encoding: 'utf8' });
      expect(t.status, t.stderr).toBe(0);
      expect(t.stdout.split('\n').filter((l) => l.trim() !== '').length).toBe(types.length);
      const v = spawnSync('tshark', ['-V', '-r', f], { encoding: 'utf8' });
      expect(v.status).toBe(0);
      expect(v.stdout).toContain('Linux rtnetlink (route netlink) protocol');
      expect(v.stdout).toMatch(/Message type: Create network interface \(16\)/);
    }, 30_000);
  });
});
