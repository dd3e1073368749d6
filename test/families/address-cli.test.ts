/**
 * `tsip address` against `ip address` (iproute2 6.1), side by side in
 * throwaway namespaces:
 * - `show` with its selectors (dev, scope, label PATTERN, up, to PREFIX,
 *   flag words such as permanent / dynamic / -tentative / primary,
 *   master, type, group, -4 / -6) prints what ip prints, text and -j,
 *   and with -s, -br, -o and -j -p;
 * - `flush` deletes what ip deletes and nothing else (twin namespaces,
 *   read back with `ip -j`), and prints what ip prints (nothing unless -s);
 * - bad arguments give ip's words and exit codes.
 *
 * Address lifetimes and bridge timers move between the two runs: their
 * numbers are blanked before comparing. Namespaces `tsnl-t-addrcli-<pid>-...`,
 * deleted in afterAll; addresses only from 198.18.0.0/15 and 2001:db8::/32.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ip, ipJson, kernelSkipReason, Namespaces, nsSysctl, rootLinkKeys, skipNote, withoutTimes } from '../support/kernel.js';
import { ipRun, tsip } from '../support/oracle.js';

const run = kernelSkipReason === undefined;
const nss = new Namespaces(`tsnl-t-addrcli-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];

/** Output with lifetimes and bridge timers blanked, text (`valid_lft 99sec`) and JSON (`"valid_life_time": 99`, `"gc_timer": 1.50`) alike. */
function timeless(s: string): string {
  return withoutTimes(s).replace(/("(?:valid|preferred)_life_time": ?)\d+/g, '$1T').replace(/(_timer": ?)[\d.]+/g, '$1T');
}

/** A namespace with links and addresses of every kind the selectors tell apart; IPv6 without DAD (flags do not change under the test). */
function populate(suffix: string): string {
  const ns = nss.add(suffix);
  for (const [k, v] of [['accept_dad', '0'], ['router_solicitations', '0']]) {
    nsSysctl(ns, `net.ipv6.conf.default.${k}`, v);
    nsSysctl(ns, `net.ipv6.conf.all.${k}`, v);
  }
  const m = (...args: string[]) => ip(['-n', ns, ...args]);
  m('link', 'set', 'lo', 'up');
  m('link', 'add', 'a0', 'type', 'veth', 'peer', 'name', 'a1');
  m('link', 'add', 'abr', 'type', 'bridge');
  m('link', 'set', 'a1', 'master', 'abr');
  m('link', 'add', 'a2', 'type', 'veth', 'peer', 'name', 'a3');
  m('link', 'set', 'a2', 'group', '4');
  m('link', 'add', 'amv', 'link', 'a0', 'type', 'macvlan', 'mode', 'bridge');
  for (const l of ['a0', 'a1', 'abr', 'a2']) m('link', 'set', l, 'up');
  m('addr', 'add', '198.18.20.1/24', 'brd', '+', 'dev', 'a0');
  m('addr', 'add', '198.18.20.2/24', 'dev', 'a0', 'label', 'a0:sec');
  m('addr', 'add', '198.18.21.1/24', 'dev', 'a0', 'label', 'a0:x', 'scope', 'link');
  m('addr', 'add', '198.18.22.1/24', 'dev', 'a0', 'valid_lft', '3600', 'preferred_lft', '1800');
  m('addr', 'add', '198.18.23.1', 'peer', '198.18.23.2/32', 'dev', 'a2', 'metric', '50');
  m('addr', 'add', '198.18.24.1/24', 'dev', 'abr');
  m('addr', 'add', '198.18.25.1/24', 'dev', 'a1');
  m('addr', 'add', '198.18.26.1/24', 'dev', 'a3');
  m('addr', 'add', '2001:db8:20::1/64', 'dev', 'a0', 'nodad');
  m('addr', 'add', '2001:db8:21::1/64', 'dev', 'a0', 'nodad', 'noprefixroute');
  m('addr', 'add', '2001:db8:22::1/64', 'dev', 'a2', 'nodad', 'valid_lft', '3000', 'preferred_lft', '0');
  m('addr', 'add', '2001:db8:23::1/64', 'dev', 'abr', 'nodad');
  return ns;
}

describe.skipIf(!run)(`tsip address against ip address${skipNote()}`, () => {
  let A: string;

  beforeAll(() => {
    A = populate('a');
  });

  afterAll(() => {
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  /** Each command's stdout, stderr and exit status from tsip equal ip's, lifetimes aside. */
  function sameAsIp(ns: string, cases: string[][]): void {
    for (const c of cases) {
      const theirs = ipRun(['-n', ns, ...c]);
      const ours = tsip(['-n', ns, ...c]);
      expect({ c, out: timeless(ours.stdout), status: ours.status, err: ours.stderr }).toEqual({ c, out: timeless(theirs.stdout), status: theirs.status, err: theirs.stderr });
    }
  }

  it('show selectors print what ip prints, text and -j', () => {
    const selectors = [
      [],
      ['dev', 'a0'],
      ['a2'],
      ['scope', 'link'],
      ['scope', 'host'],
      ['scope', 'all'],
      ['label', 'a0:sec'],
      ['label', 'a0*'],
      ['label', 'a[0-1]'],
      ['up'],
      ['to', '198.18.20.0/23'],
      ['to', '2001:db8:20::/48'],
      ['to', '198.18.22.1'],
      ['permanent'],
      ['dynamic'],
      ['-tentative', 'primary'],
      ['secondary'],
      ['noprefixroute'],
      ['master', 'abr'],
      ['nomaster'],
      ['type', 'veth'],
      ['type', 'bridge_slave'],
      ['group', '4'],
      ['dev', 'a0', 'scope', 'global', 'label', 'a0*'],
    ];
    sameAsIp(A, selectors.flatMap((sel) => [['addr', 'show', ...sel], ['-j', 'addr', 'show', ...sel]]));
    // Not vacuous: the selectors select.
    const locals = (sel: string[]) => (ipJson(A, ['addr', 'show', ...sel]) as any[]).flatMap((l) => l.addr_info.map((a: any) => a.local)).filter((x: unknown) => x !== undefined);
    expect(locals(['label', 'a0:*']).sort()).toEqual(['198.18.20.2', '198.18.21.1']);
    expect(locals(['to', '198.18.20.0/23']).sort()).toEqual(['198.18.20.1', '198.18.20.2', '198.18.21.1']);
  }, 120_000);

  it('-4, -6, -s, -br, -o and -j -p print what ip prints', () => {
    sameAsIp(A, [
      ['-4', 'addr', 'show'],
      ['-6', 'addr', 'show'],
      ['-j', '-6', 'addr', 'show'],
      ['-4', 'addr', 'show', 'dev', 'a0'],
      ['-6', 'addr', 'show', 'scope', 'global'],
      ['-s', 'addr', 'show', 'dev', 'lo'],
      ['-s', '-s', 'addr', 'show', 'lo'],
      ['-s', '-j', 'addr', 'show', 'lo'],
      ['-br', 'addr'],
      ['-br', '-4', 'addr'],
      ['-br', 'addr', 'show', 'label', 'a0:*'],
      ['-br', '-j', 'addr'],
      ['-br', '-j', '-p', 'addr'],
      ['-o', 'addr'],
      ['-o', '-6', 'addr', 'show', 'dev', 'a0'],
      ['-o', '-j', 'addr', 'show', 'dev', 'a2'],
      ['-j', '-p', 'addr'],
      ['-j', '-p', 'addr', 'show', 'scope', 'link'],
      ['-d', '-j', '-p', 'addr', 'show', 'abr'],
    ]);
  }, 120_000);

  it("flush deletes what ip deletes, nothing else, and prints what ip prints", () => {
    const cases = [
      ['addr', 'flush', 'dev', 'a0'],
      ['-s', 'addr', 'flush', 'dev', 'a0'],
      ['addr', 'flush', 'scope', 'link'],
      ['-s', 'addr', 'flush', 'label', 'a0:*'],
      ['-4', 'addr', 'flush', 'dev', 'a0'],
      ['-6', 'addr', 'flush', 'scope', 'global'],
      ['-s', 'addr', 'flush', 'to', '198.18.20.0/23'],
      ['addr', 'flush', 'dev', 'a0', 'primary'],
      ['-s', 'addr', 'flush', 'dev', 'a0', 'secondary'],
      ['-s', 'addr', 'flush', 'dynamic'],
      ['-s', 'addr', 'flush', 'master', 'abr'],
      ['-s', 'addr', 'flush', 'to', '203.0.113.0/24'],
    ];
    /** Every address of a namespace, by link and label, sorted (the twins' links differ only in MAC addresses). */
    const left = (ns: string) =>
      (ipJson(ns, ['addr', 'show']) as any[])
        .flatMap((l) => l.addr_info.map((a: any) => `${l.ifname} ${a.local}/${a.prefixlen} ${a.label ?? ''}`))
        .filter((x: string) => !x.includes(' fe80:'))
        .sort();
    cases.forEach((c, i) => {
      const [theirs, ours] = [populate(`fi${i}`), populate(`ft${i}`)];
      const before = left(theirs);
      const r1 = ipRun(['-n', theirs, ...c]);
      const r2 = tsip(['-n', ours, ...c]);
      expect({ c, out: r2.stdout, err: r2.stderr, status: r2.status }).toEqual({ c, out: r1.stdout, err: r1.stderr, status: r1.status });
      expect({ c, left: left(ours) }).toEqual({ c, left: left(theirs) });
      // Not vacuous (but for the prefix no address is in): something went.
      if (!c.includes('203.0.113.0/24')) expect(left(theirs).length).toBeLessThan(before.length);
      for (const ns of [theirs, ours]) ip(['netns', 'del', ns]);
    });
  }, 120_000);

  it("bad arguments: ip's words and exit codes", () => {
    const cases = [
      ['addr', 'flush'],
      ['addr', 'flush', 'dev', 'nope'],
      ['addr', 'show', 'dev', 'nope'],
      ['addr', 'show', 'nope'],
      ['addr', 'show', 'scope', 'bogus'],
      ['addr', 'show', 'to', 'bogus'],
      ['-4', 'addr', 'show', 'to', '2001:db8::/32'],
      ['addr', 'show', 'label'],
      ['addr', 'show', 'a0', 'a1'],
      ['addr', 'show', 'master', 'nope'],
      ['addr', 'show', 'group', 'x'],
    ];
    for (const c of cases) {
      const theirs = ipRun(['-n', A, ...c]);
      const ours = tsip(['-n', A, ...c]);
      expect({ c, err: ours.stderr.split('\n')[0], status: ours.status, out: ours.stdout }).toEqual({ c, err: theirs.stderr.split('\n')[0], status: theirs.status, out: theirs.stdout });
      expect(ours.status).not.toBe(0);
    }
  }, 60_000);
});
