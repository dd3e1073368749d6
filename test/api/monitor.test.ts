/**
 * The monitor against the real kernel, in a throwaway namespace, in both
 * modes (a socket in this process, a supervised child): typed events for
 * changes made with ip, and recovery when the subscription is lost (an
 * overrun event, a resync with the current state, then events again); in
 * process, notifications dropped by a full receive queue are reported the
 * same way, and the process survives.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitor, type MonitorEvent } from '../../src/api/monitor.js';
import { liveHelpers } from '../../src/netns/reaper.js';
import { ffiAvailable } from '../../src/sys/ffi.js';

const MODES = ffiAvailable() ? (['setns', 'helper'] as const) : (['helper'] as const);

const isRoot = process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0;
const NS = `tsnl-t-monitor-${process.pid}`;
const ip = (...a: string[]) => execFileSync('ip', ['-n', NS, ...a]);

/** Collects events until `until` matches one, or fails after `ms`. */
async function collect(it: AsyncIterator<MonitorEvent>, until: (e: MonitorEvent) => boolean, ms = 5000): Promise<MonitorEvent[]> {
  const seen: MonitorEvent[] = [];
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const r = await Promise.race([it.next(), new Promise<null>((res) => setTimeout(() => res(null), deadline - Date.now()))]);
    if (r === null || r.done) break;
    seen.push(r.value);
    if (until(r.value)) return seen;
  }
  throw new Error(`expected event not seen; got ${seen.map((e) => e.type).join(', ')}`);
}

describe.skipIf(!isRoot)(`monitor (kernel)${isRoot ? '' : ' (skipped: needs root and iproute2)'}`, () => {
  beforeAll(() => {
    execFileSync('ip', ['netns', 'add', NS]);
  });
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', NS]);
  });

  for (const mode of MODES) it(`reports link and address events, and recovers from a lost subscription (${mode})`, async () => {
    const mon = monitor({ netns: NS, objects: ['link', 'address'], netnsMode: mode });
    expect(mon.mode).toBe(mode);
    try {
      await mon.ready;
      ip('link', 'add', 'm0', 'type', 'veth', 'peer', 'name', 'm1');
      ip('addr', 'add', '198.18.7.1/24', 'dev', 'm0');
      const a = await collect(mon, (e) => e.type === 'address');
      const links = a.filter((e) => e.type === 'link').map((e) => (e as Extract<MonitorEvent, { type: 'link' }>).link.name);
      expect(links).toEqual(expect.arrayContaining(['m0', 'm1']));
      const addr = a[a.length - 1] as Extract<MonitorEvent, { type: 'address' }>;
      expect(addr.action).toBe('new');
      expect(addr.address).toMatchObject({ address: '198.18.7.1', prefixlen: 24, family: 4 });

      // The child dies: events may be lost; the iterator says so and resynchronises.
      mon.kill();
      const r = await collect(mon, (e) => e.type === 'resync');
      expect(r.some((e) => e.type === 'overrun')).toBe(true);
      const resync = r[r.length - 1] as Extract<MonitorEvent, { type: 'resync' }>;
      expect(resync.links.map((l) => l.name)).toEqual(expect.arrayContaining(['lo', 'm0', 'm1']));
      expect(resync.addresses.map((x) => x.address)).toContain('198.18.7.1');

      ip('link', 'del', 'm0');
      const d = await collect(mon, (e) => e.type === 'link' && e.action === 'del' && e.link.name === 'm0');
      expect(d.length).toBeGreaterThan(0);
    } finally {
      mon.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(liveHelpers()).toBe(0);
  }, 20000);

  it('a port leaving its bridge (an AF_BRIDGE RTM_DELLINK) is a change of the link, not its deletion', async () => {
    const mon = monitor({ netns: NS, objects: ['link'] });
    try {
      await mon.ready;
      ip('link', 'add', 'mb0', 'type', 'bridge');
      ip('link', 'add', 'mp0', 'type', 'veth', 'peer', 'name', 'mp1');
      ip('link', 'set', 'mp0', 'master', 'mb0');
      ip('link', 'set', 'mp0', 'nomaster');
      ip('link', 'del', 'mp0');
      const seen = await collect(mon, (e) => e.type === 'link' && e.action === 'del' && e.link.name === 'mp0' && e.message.header?.family === 0);
      const mp0 = seen.filter((e): e is Extract<MonitorEvent, { type: 'link' }> => e.type === 'link' && e.link.name === 'mp0');
      // The kernel sent an AF_BRIDGE RTM_DELLINK when mp0 left mb0: reported as a change.
      const portGone = mp0.filter((e) => e.message.type === 17 && e.message.header?.family === 7);
      expect(portGone.length).toBeGreaterThan(0);
      expect(portGone.every((e) => e.action === 'new')).toBe(true);
      // Only the real deletion is a deletion.
      expect(mp0.filter((e) => e.action === 'del').length).toBe(1);
    } finally {
      mon.close();
      spawnSync('ip', ['-n', NS, 'link', 'del', 'mb0']);
    }
  }, 20000);

  it.skipIf(!ffiAvailable())(`in process: notifications lost to a full queue are an overrun and a resync, not an abort${ffiAvailable() ? '' : ' (skipped: FFI does not load)'}`, async () => {
    const mon = monitor({ netns: NS, objects: ['link'], receiveBufferSize: 65536 });
    const batch = (verb: string) => Array.from({ length: 200 }, (_, i) => `link ${verb} q${i}${verb === 'add' ? ` type veth peer name r${i}` : ''}`).join('\n') + '\n';
    try {
      await mon.ready;
      const child = spawn('ip', ['-n', NS, '-batch', '-'], { stdio: ['pipe', 'ignore', 'ignore'] });
      child.stdin.end(batch('add'));
      // Block the event loop while the kernel notifies: the 64 KiB queue overflows.
      const until = Date.now() + 2000;
      while (Date.now() < until);
      const r = await collect(mon, (e) => e.type === 'resync', 10_000);
      const overrun = r.find((e) => e.type === 'overrun') as Extract<MonitorEvent, { type: 'overrun' }>;
      expect(overrun.reason).toMatch(/^\d+ notifications? dropped: the receive queue was full$/);
      const resync = r[r.length - 1] as Extract<MonitorEvent, { type: 'resync' }>;
      expect(resync.links.filter((l) => /^[qr]\d+$/.test(l.name)).length).toBe(400);
    } finally {
      mon.close();
      execFileSync('ip', ['-n', NS, '-batch', '-'], { input: batch('del') });
    }
  }, 30000);
});
