/**
 * Shared by the root-only tests of the API and the CLI against the real
 * kernel: throwaway namespaces with a per-file prefix (deleted also when an
 * assertion fails), `ip -j` as the oracle, the root namespace's links for
 * the "nothing changed there" check, and the keys and text that depend on
 * time (bridge timers, address lifetimes), which are the only ones allowed
 * to differ between two reads of the same state.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { kernelSkipReason } from '../netns/support.js';

export { alive, exited, helperChildren, isRoot, kernelSkipReason, until } from '../netns/support.js';

/** Title suffix of a describe that is skipped without root, so the reason shows in the report. */
export function skipNote(): string {
  return kernelSkipReason === undefined ? '' : ` (${kernelSkipReason})`;
}

/** `ip ARGS...`; throws with ip's stderr when it fails. */
export function ip(args: string[]): string {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** `ip -j [-n NS] ARGS...` parsed. */
export function ipJson(ns: string | undefined, args: string[]): any {
  const out = ip(['-j', ...(ns === undefined ? [] : ['-n', ns]), ...args]);
  return out.trim() === '' ? [] : JSON.parse(out);
}

/** Sets a sysctl inside the namespace (`ip netns exec NS sysctl -w KEY=VALUE`). */
export function nsSysctl(ns: string, key: string, value: string): void {
  ip(['netns', 'exec', ns, 'sysctl', '-q', '-w', `${key}=${value}`]);
}

/**
 * Namespaces of one test file, all named `PREFIX...`. `add` creates one with
 * `ip netns add` and remembers it; `cleanup` deletes every namespace with the
 * prefix (remembered or not, e.g. made by the CLI under test).
 */
export class Namespaces {
  private readonly made = new Set<string>();
  constructor(readonly prefix: string) {}

  /** Creates `PREFIX + suffix` and returns its name. */
  add(suffix: string): string {
    const name = this.prefix + suffix;
    this.made.add(name);
    ip(['netns', 'add', name]);
    return name;
  }

  /** Remembers a name something else (the code under test) may create. */
  track(name: string): string {
    this.made.add(name);
    return name;
  }

  /** Names with the prefix present in /run/netns now. */
  present(): string[] {
    let names: string[] = [];
    try {
      names = ip(['netns', 'list']).split('\n').map((l) => l.replace(/ \(id: \d+\)$/, '')).filter((n) => n !== '');
    } catch {
      // No /run/netns at all.
    }
    return names.filter((n) => n.startsWith(this.prefix) || this.made.has(n));
  }

  /** Deletes everything this file made; returns what could not be deleted. */
  cleanup(): string[] {
    const names = new Set([...this.made, ...this.present()]);
    for (const n of names) {
      if (!existsSync(`/run/netns/${n}`)) continue;
      spawnSync('ip', ['netns', 'del', n], { encoding: 'utf8' });
    }
    return this.present();
  }
}

/** The root namespace's links as `ifindex:ifname` (read only). */
export function rootLinkKeys(): string[] {
  return (JSON.parse(execFileSync('ip', ['-j', 'link', 'show'], { encoding: 'utf8' })) as any[]).map((l) => `${l.ifindex}:${l.ifname}`);
}

/** Keys whose value depends on when the state is read, not on the state. */
export function isTimeKey(key: string): boolean {
  return key.endsWith('_timer') || key === 'valid_life_time' || key === 'preferred_life_time';
}

/** A copy of `x` without time-dependent keys, at any depth. */
export function withoutTimeKeys(x: any): any {
  if (Array.isArray(x)) return x.map(withoutTimeKeys);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (!isTimeKey(k)) out[k] = withoutTimeKeys(v);
    return out;
  }
  return x;
}

/**
 * Differences between two JSON values, key by key, as `path: a !== b`
 * lines (keys in `a` or `b` only included). Time-dependent keys skipped.
 */
export function jsonDiff(a: any, b: any, path = '$'): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    if (a.length !== b.length) out.push(`${path}: length ${a.length} !== ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) out.push(...jsonDiff(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: string[] = [];
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (isTimeKey(k)) continue;
      if (!(k in b)) out.push(`${path}.${k}: only in ip (${JSON.stringify(a[k])})`);
      else if (!(k in a)) out.push(`${path}.${k}: only in tsip (${JSON.stringify(b[k])})`);
      else out.push(...jsonDiff(a[k], b[k], `${path}.${k}`));
    }
    return out;
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`];
}

/** Text with time-dependent numbers blanked: bridge timers and address lifetimes. */
export function withoutTimes(text: string): string {
  return text.replace(/(_timer)\s+[\d.]+/g, '$1 T').replace(/(valid_lft|preferred_lft) \d+sec/g, '$1 Tsec');
}

/**
 * What `ip -j` says of a namespace, for "nothing changed" checks: links,
 * addresses and routes of every table, time-dependent keys removed.
 */
export function nsState(ns: string): string {
  return JSON.stringify(
    withoutTimeKeys({
      links: ipJson(ns, ['-d', 'link', 'show']),
      addrs: ipJson(ns, ['addr', 'show']),
      routes4: ipJson(ns, ['-4', 'route', 'show', 'table', 'all']),
      routes6: ipJson(ns, ['-6', 'route', 'show', 'table', 'all']),
    }),
  );
}

/** Link names of a namespace per `ip -j`. */
export function linkNames(ns: string): string[] {
  return (ipJson(ns, ['link', 'show']) as any[]).map((l) => l.ifname as string);
}

/** True when tshark is installed. */
export function hasTshark(): boolean {
  return spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** Inode numbers of the named namespaces (their nsfs files under /run/netns). */
export function netnsInodes(names: string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const n of names) {
    try {
      out.set(statSync(`/run/netns/${n}`).ino, n);
    } catch {
      // Gone already.
    }
  }
  return out;
}

/** Processes whose network namespace is one of `inodes` (from /proc/PID/ns/net), e.g. leaked helpers. */
export function processesIn(inodes: Map<number, string>): { pid: number; netns: string; cmd: string }[] {
  const out: { pid: number; netns: string; cmd: string }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const m = /^net:\[(\d+)\]$/.exec(readlinkSync(`/proc/${d}/ns/net`));
      const ns = m ? inodes.get(Number(m[1])) : undefined;
      if (ns !== undefined) out.push({ pid: Number(d), netns: ns, cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
    } catch {
      // Exited meanwhile, or not ours to read.
    }
  }
  return out;
}

/**
 * Waits until `nsState(ns)` reads the same twice, 200 ms apart (carrier,
 * bridge port states and IPv6 link-local addresses settle after links go
 * up), up to `ms`; returns the settled state.
 */
export async function settle(ns: string, ms = 5000): Promise<string> {
  const end = Date.now() + ms;
  let prev = nsState(ns);
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const now = nsState(ns);
    if (now === prev || Date.now() > end) return now;
    prev = now;
  }
}

/** Turns IPv6 duplicate address detection off in the namespace (addresses are usable at once, and do not change flags later). */
export function noDad(ns: string): void {
  nsSysctl(ns, 'net.ipv6.conf.all.accept_dad', '0');
  nsSysctl(ns, 'net.ipv6.conf.default.accept_dad', '0');
}
