/**
 * `npm run demo` end to end: the walk-through pings across the veth pair
 * and through the bridge, and leaves no namespace behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const isRoot = process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0 && spawnSync('ping', ['-V']).status === 0;
const DEMO = new URL('../../dist/demo/walkthrough.js', import.meta.url).pathname;
const ours = () => (existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith('tsnl-demo-')) : []);

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
  it('with -x shows every message, the veth peer included', () => {
    const r = spawnSync(process.execPath, [DEMO, '-x'], { encoding: 'utf8', timeout: 60000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/> > VETH_INFO_PEER/);
    expect(r.stdout).toMatch(/NLMSG_ERROR/);
  }, 60000);
});
