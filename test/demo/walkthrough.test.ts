/**
 * `npm run demo` end to end: the walk-through pings across the veth pair
 * and through the bridge, and leaves no namespace behind. With `-x` it
 * shows every message on one line, under the step that sent it; with
 * `-xx` every byte, in a form `tsip decode` reads back. The demo's own
 * `--pcap` capture is the count to check against.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { parsePasted } from '../../src/explain/paste.js';
import { readPcap } from '../../src/pcap/reader.js';
import { splitMessages } from '../support/fixtures.js';

const isRoot = process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0 && spawnSync('ping', ['-V']).status === 0;
const DEMO = new URL('../../dist/demo/walkthrough.js', import.meta.url).pathname;
const ours = () => (existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith('tsnl-demo-')) : []);
const work = isRoot ? mkdtempSync(join(tmpdir(), 'tsnl-t-demo-')) : tmpdir();

/** Runs the demo with `args` and a pcap of everything its handles sent and received. */
function demo(...args: string[]): { stdout: string; status: number | null; stderr: string; datagrams: { dir?: 'send' | 'recv'; bytes: Uint8Array }[] } {
  const pcap = join(work, `${args.join('')}.pcap`);
  const r = spawnSync(process.execPath, [DEMO, ...args, '--pcap', pcap], { encoding: 'utf8', timeout: 60000 });
  const datagrams = existsSync(pcap) ? readPcap(new Uint8Array(readFileSync(pcap))).packets : [];
  return { stdout: r.stdout, status: r.status, stderr: r.stderr, datagrams };
}

afterAll(() => {
  if (isRoot) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!isRoot)(`the walk-through${isRoot ? '' : ' (skipped: needs root, iproute2 and ping)'}`, () => {
  it('answers every ping and cleans up', () => {
    const before = ours();
    const r = spawnSync(process.execPath, [DEMO], { encoding: 'utf8', timeout: 60000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('$ ip netns exec');
    expect(r.stdout).toMatch(/All pings answered\./);
    expect(r.stdout.match(/1 received/g)?.length).toBe(4);
    expect(ours()).toEqual(before);
  }, 60000);

  it('with -x shows every message on one line, under its step, in at most 1,350 lines', () => {
    const r = demo('-x');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.length).toBeLessThanOrEqual(1350);
    // One line per message the handles sent or received, as the capture counts them.
    const messages = r.datagrams.reduce((n, d) => n + splitMessages(d.bytes).length, 0);
    const shown = lines.filter((l) => /^(->|<-) /.test(l));
    expect(messages).toBeGreaterThan(30);
    expect(shown.length).toBe(messages);
    expect(shown.filter((l) => l.startsWith('-> ')).length).toBe(r.datagrams.filter((d) => d.dir === 'send').length);
    // Each message sits under its step: the namespace of its socket is one that step's command names.
    let command = '';
    for (const l of lines) {
      if (l.startsWith('$ ')) command = l;
      const ns = /\[netns ([^\]]+)\]$/.exec(l);
      if (/^(->|<-) /.test(l)) {
        expect(ns, l).not.toBeNull();
        expect(command.split(/[ ;]+/), `${l}\nunder ${command}`).toContain(ns![1]);
      }
    }
    const step = (title: string) => r.stdout.split('\n# ').find((s) => s.startsWith(title))!;
    expect(step('create a veth pair')).toMatch(/^-> RTM_NEWLINK veth-red type veth peer veth-blue \(create, excl, 100 bytes\) \[netns tsnl-demo-\d+-red\]\n<- ACK \(36 bytes\) \[netns tsnl-demo-\d+-red\]$/m);
    expect(step('configure c1')).toMatch(/^-> RTM_NEWROUTE default via 198\.18\.1\.1 \(create, excl, 36 bytes\) \[netns tsnl-demo-\d+-c1\]$/m);
    expect(step('links in')).toMatch(/^<- NLMSG_DONE \(multi, 20 bytes\)/m);
  }, 60000);

  it('with -xx shows every byte, and the output reads back as the very datagrams sent and received', () => {
    const r = demo('-xx');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/> > VETH_INFO_PEER/);
    expect(r.stdout).toMatch(/NLMSG_ERROR/);
    expect(r.stdout).not.toMatch(/\.\.\. \(\d+\)/);
    const pasted = parsePasted(r.stdout).datagrams;
    expect(pasted.map((d) => [d.dir, toHex(d.bytes)])).toEqual(r.datagrams.map((d) => [d.dir, toHex(d.bytes)]));
    expect(pasted.every((d) => d.where?.startsWith('netns tsnl-demo-'))).toBe(true);
  }, 60000);
});
