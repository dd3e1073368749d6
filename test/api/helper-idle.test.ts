/**
 * Idle namespace helpers exit and come back on demand, so a process with
 * handles on many namespaces keeps only the busy helpers alive.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, setMaxHelpers, DEFAULT_MAX_HELPERS } from '../../src/api/handle.js';
import { liveHelpers } from '../../src/netns/reaper.js';

const isRoot = process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0;
const NS = `tsnl-t-idle-${process.pid}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!isRoot)(`helper idle timeout (kernel)${isRoot ? '' : ' (skipped: needs root and iproute2)'}`, () => {
  const NS2 = `${NS}-b`;
  beforeAll(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    execFileSync('ip', ['netns', 'add', NS2]);
  });
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', NS]);
    spawnSync('ip', ['netns', 'del', NS2]);
  });

  it('a pool limit of 1: the second namespace waits until the first handle gives its helper back', async () => {
    setMaxHelpers(1);
    const a = open({ netns: NS, netnsMode: 'helper', helperIdleMs: 0 });
    const b = open({ netns: NS2, netnsMode: 'helper', helperIdleMs: 0 });
    try {
      await a.links.set('lo', { up: true });
      let bDone = false;
      const bOp = b.links.set('lo', { up: true }).then(() => (bDone = true));
      await sleep(300);
      expect(bDone).toBe(false); // waiting for the slot
      expect(liveHelpers()).toBe(1);
      a.close();
      await bOp;
      expect(bDone).toBe(true);
    } finally {
      a.close();
      b.close();
      setMaxHelpers(DEFAULT_MAX_HELPERS);
    }
  }, 15000);

  it('an idle helper exits, and the next request starts a new one', async () => {
    const h = open({ netns: NS, netnsMode: 'helper', helperIdleMs: 150 });
    try {
      await h.links.set('lo', { up: true });
      expect(liveHelpers()).toBe(1);
      let waited = 0;
      while (liveHelpers() > 0 && waited < 3000) {
        await sleep(50);
        waited += 50;
      }
      expect(liveHelpers()).toBe(0);
      await h.addresses.add('198.18.9.1/32', 'lo');
      const addrs = JSON.parse(execFileSync('ip', ['-j', '-n', NS, 'addr', 'show', 'dev', 'lo']).toString());
      expect(addrs[0].addr_info.map((a: { local: string }) => a.local)).toContain('198.18.9.1');
    } finally {
      h.close();
    }
  }, 15000);
});
