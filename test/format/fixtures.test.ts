/**
 * iproute2 is the oracle for the formatters: from the messages decoded out
 * of each captured dump, our JSON must equal what `ip -j` printed for the
 * same state (state.json), key by key and in the same key order, and our
 * text must equal what the captured `ip` command printed (stdout), line by
 * line.
 *
 * The text comes from the very bytes that `ip` printed from, so it must
 * match exactly, timers and lifetimes included. state.json comes from a
 * second `ip -j` run a moment later, so values that move with time are
 * compared with a tolerance (see TIME_TOLERANCE); everything else exactly.
 */
import { describe, expect, it } from 'vitest';
import { addrJSON, addrText, isLinkShownByAddr } from '../../src/families/address/format.js';
import { isShownByDefault, routeJSON, routeText } from '../../src/families/route/format.js';
import { linkContext, type FormatContext } from '../../src/format/context.js';
import { linkJSON, linkText } from '../../src/families/link/format.js';
import { nsidJSON, nsidText } from '../../src/families/nsid/format.js';
import { textLines } from '../../src/format/printer.js';
import type { Message } from '../../src/netlink/message.js';
import { AF_INET, AF_INET6, RTM } from '../../src/rtnl/constants.js';
import { JsonNumber } from '../../src/format/printer.js';
import { fixture, loadFixtures, messagesOf, type Fixture } from '../support/fixtures.js';

type M = Message & { dir: 'send' | 'recv' };
const NLM_F_MULTI = 2;

/**
 * Keys whose values move between the capture of the bytes and the capture
 * of state.json, with how far apart they may be. Bridge timers are seconds
 * with two decimals; address lifetimes are whole seconds counting down
 * ("forever", 4294967295, must still match exactly).
 */
const TIME_TOLERANCE: Readonly<Record<string, number>> = {
  hello_timer: 2,
  tcn_timer: 2,
  topology_change_timer: 2,
  gc_timer: 2,
  hold_timer: 2,
  message_age_timer: 2,
  forward_delay_timer: 2,
  valid_life_time: 5,
  preferred_life_time: 5,
};
const FOREVER = 4294967295;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep comparison with key order and the time tolerances above; `path` names the place in failures. */
function compareJSON(ours: unknown, theirs: unknown, path: string): void {
  if (isObject(ours) && isObject(theirs)) {
    expect(Object.keys(ours), `${path}: keys`).toEqual(Object.keys(theirs));
    for (const k of Object.keys(theirs)) {
      const tol = TIME_TOLERANCE[k];
      // A number with fixed text (a bridge timer's `0.00`) compares as the number it spells.
      const a = ours[k] instanceof JsonNumber ? ours[k].toJSON() : ours[k];
      const b = theirs[k];
      if (tol !== undefined && typeof a === 'number' && typeof b === 'number' && a !== FOREVER && b !== FOREVER) {
        expect(Math.abs(a - b), `${path}.${k}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
      } else compareJSON(a, b, `${path}.${k}`);
    }
  } else if (Array.isArray(ours) && Array.isArray(theirs)) {
    expect(ours.length, `${path}: length`).toBe(theirs.length);
    theirs.forEach((b, i) => compareJSON(ours[i], b, `${path}[${i}]`));
  } else expect(ours, path).toEqual(theirs);
}

const recv = (f: Fixture): M[] => messagesOf(f).filter((m) => m.dir === 'recv');
/** Parts of a dump reply (NLM_F_MULTI) of one message type. */
const dumped = (f: Fixture, type: number): M[] => recv(f).filter((m) => m.type === type && (m.flags & NLM_F_MULTI) !== 0);

/** nsid -> namespace name, from a captured `ip netns list-id` state or from the setup's `ip netns set NAME ID`. */
function nsidNames(f: Fixture): Map<number, string> {
  const out = new Map<number, string>();
  for (const s of f.extraStates ?? []) {
    if (s.command.includes('list-id')) for (const e of s.json as { nsid: number; name?: string }[]) if (e.name) out.set(e.nsid, e.name);
  }
  const setup = ((f as unknown as { setup?: string[][] }).setup ?? []) as string[][];
  for (const argv of setup) {
    const i = argv.indexOf('netns');
    if (i > 0 && argv[i + 1] === 'set' && argv[i - 2] === '-n') out.set(Number(argv[i + 3]), argv[i + 2]!);
  }
  return out;
}

/**
 * Where iproute2 made a lookup outside netlink, the fixture with the same setup whose link
 * messages carry the answer: `ip -6 addr` gets queue lengths with an ioctl, because the
 * AF_INET6 link dump has no IFLA_TXQLEN.
 */
const LOOKUPS_FROM: Readonly<Record<string, string>> = { 'addr/show-ipv6': 'addr/show-mixed' };
const ctxOf = (f: Fixture): FormatContext => {
  const extra = LOOKUPS_FROM[f.id] ? recv(fixture(LOOKUPS_FROM[f.id]!)) : [];
  return linkContext([...extra, ...recv(f)], nsidNames(f));
};
const familyOf = (f: Fixture): number => (f.command.includes('-6') ? AF_INET6 : f.command.includes('-4') ? AF_INET : 0);
const stdoutLines = (f: Fixture) => textLines(f.stdout);

/** Fixtures whose command is `ip ... link show`. */
const linkShows = loadFixtures().filter((f) => f.command.includes('link') && f.command.includes('show'));
const addrShows = loadFixtures().filter((f) => f.command.includes('addr') && f.command.includes('show'));
const routeShows = loadFixtures().filter((f) => f.command.includes('route') && f.command.includes('show'));

/** The links a `link show` printed: the dump's parts, or for `show dev X` the link the state names. */
function shownLinks(f: Fixture): M[] {
  const dump = dumped(f, RTM.RTM_NEWLINK);
  if (dump.length) return dump;
  const all = recv(f).filter((m) => m.type === RTM.RTM_NEWLINK);
  return (f.state!.json as { ifindex: number }[]).map((s) => all.filter((m) => m.header!.index === s.ifindex).pop()!);
}

describe('links: linkJSON / linkText against ip link show', () => {
  it('covers the link show fixtures', () => {
    expect(linkShows.map((f) => f.id)).toEqual(
      expect.arrayContaining(['link/dump-all', 'link/get-one', 'link/show-plain', 'link/show-states', 'link/show-peer-netns', 'link/show-stats']),
    );
  });
  for (const f of linkShows) {
    const details = f.command.includes('-d');
    // The text follows the captured command's -d, the JSON the state command's own -d; -s likewise (counted: -s -s).
    const stateDetails = f.state!.command.includes('-d');
    const stats = f.command.filter((a) => a === '-s').length;
    const stateStats = f.state!.command.filter((a) => a === '-s').length;
    it(`${f.id}: JSON equals state.json`, () => {
      const ctx = ctxOf(f);
      const links = shownLinks(f);
      const state = f.state!.json as Record<string, unknown>[];
      expect(links.length).toBe(state.length);
      state.forEach((s, i) => compareJSON(linkJSON(links[i]!, ctx, { details: stateDetails, stats: stateStats }), s, `${f.id}[${s.ifname}]`));
    });
    it(`${f.id}: text equals stdout`, () => {
      const ctx = ctxOf(f);
      const lines = shownLinks(f).flatMap((m) => linkText(m, ctx, { details, stats }));
      expect(lines).toEqual(stdoutLines(f));
    });
  }
});

describe('addresses: addrJSON / addrText against ip addr show', () => {
  it('covers the addr show fixtures', () => {
    expect(addrShows.map((f) => f.id)).toEqual(expect.arrayContaining(['addr/dump', 'addr/show-mixed', 'addr/show-ipv6']));
  });
  for (const f of addrShows) {
    const opts = { family: familyOf(f) };
    const shown = () => {
      const addrs = dumped(f, RTM.RTM_NEWADDR);
      return { addrs, links: dumped(f, RTM.RTM_NEWLINK).filter((l) => isLinkShownByAddr(l, addrs, opts)) };
    };
    it(`${f.id}: JSON equals state.json`, () => {
      const ctx = ctxOf(f);
      const { links, addrs } = shown();
      const state = f.state!.json as Record<string, unknown>[];
      expect(links.length).toBe(state.length);
      state.forEach((s, i) => compareJSON(addrJSON(links[i]!, addrs, ctx, opts), s, `${f.id}[${s.ifname}]`));
    });
    it(`${f.id}: text equals stdout`, () => {
      const ctx = ctxOf(f);
      const { links, addrs } = shown();
      expect(links.flatMap((l) => addrText(l, addrs, ctx, opts))).toEqual(stdoutLines(f));
    });
  }
});

describe('routes: routeJSON / routeText against ip route show', () => {
  it('covers the route show fixtures', () => {
    expect(routeShows.map((f) => f.id)).toEqual(
      expect.arrayContaining(['route/dump', 'route/dump-ipv6', 'route/show-all-tables', 'route/show-mixed', 'route/show-mixed-ipv6']),
    );
  });
  for (const f of routeShows) {
    const all = f.command.includes('all');
    const opts = all ? { table: 'all' as const } : {};
    // `ip route show` asks for AF_INET, `ip -6 route show` for AF_INET6; `table all` for both.
    const family = all ? 0 : familyOf(f) || AF_INET;
    const shown = () => dumped(f, RTM.RTM_NEWROUTE).filter((m) => all || isShownByDefault(m, { family }));
    it(`${f.id}: JSON equals state.json`, () => {
      const ctx = ctxOf(f);
      const routes = shown();
      const state = f.state!.json as Record<string, unknown>[];
      expect(routes.length).toBe(state.length);
      state.forEach((s, i) => compareJSON(routeJSON(routes[i]!, ctx, opts), s, `${f.id}[${i}] ${s.dst}`));
    });
    it(`${f.id}: text equals stdout`, () => {
      const ctx = ctxOf(f);
      expect(shown().flatMap((m) => routeText(m, ctx, opts))).toEqual(stdoutLines(f));
    });
  }

  it('isShownByDefault picks out of `table all` what `ip route show` / `ip -6 route show` list', () => {
    const all = fixture('route/show-all-tables');
    const ctx = ctxOf(all);
    const routes = dumped(all, RTM.RTM_NEWROUTE);
    for (const [id, family] of [
      ['route/show-mixed', AF_INET],
      ['route/show-mixed-ipv6', AF_INET6],
    ] as const) {
      const picked = routes.filter((m) => isShownByDefault(m, { family }));
      const state = fixture(id).state!.json as Record<string, unknown>[];
      expect(picked.length, id).toBe(state.length);
      state.forEach((s, i) => compareJSON(routeJSON(picked[i]!, ctx), s, `${id}[${i}] ${s.dst}`));
    }
    // The local table, cloned routes and (IPv6) local routes are what it leaves out.
    expect(routes.some((m) => m.header!.table === 255)).toBe(true);
    expect(routes.filter((m) => m.header!.table === 255).some((m) => isShownByDefault(m))).toBe(false);
  });
});

describe('namespace ids: nsidJSON / nsidText against ip netns list-id', () => {
  it('nsid/list-id', () => {
    const f = fixture('nsid/list-id');
    const names = nsidNames(f);
    const msgs = dumped(f, RTM.RTM_NEWNSID);
    const state = f.state!.json as Record<string, unknown>[];
    expect(msgs.length).toBe(state.length);
    state.forEach((s, i) => compareJSON(nsidJSON(msgs[i]!, names), s, `nsid[${i}]`));
    expect(msgs.flatMap((m) => nsidText(m, names))).toEqual(stdoutLines(f));
  });
});
