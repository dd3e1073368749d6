/**
 * Generic netlink notifications against the kernel: `monitorGeneric`
 * joins ethtool's `monitor` group by name inside a throwaway namespace
 * and yields the notification `ethtool -K` makes there, decoded, in setns
 * and helper modes; an unknown family or group is refused by name.
 * Namespaces `tsnl-t-gmon-<pid>-...`, deleted in afterAll.
 */
import { spawnSync } from 'node:child_process';
import { nextEvent } from '../support/events.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorGeneric, type GenlEvent, type GenlMonitorEvent } from '../../src/index.js';
import { GenlFamilyNotFoundError } from '../../src/transport/genl-client.js';
import { ip, kernelSkipReason, Namespaces, rootLinkKeys, skipNote } from '../support/kernel.js';

const hasEthtool = spawnSync('ethtool', ['--version']).status === 0;
const run = kernelSkipReason === undefined && hasEthtool;
const nss = new Namespaces(`tsnl-t-gmon-${process.pid}-`);
const rootBefore = run ? rootLinkKeys() : [];


describe.skipIf(!run)(`generic netlink monitor${skipNote()}${hasEthtool ? '' : ' (no ethtool)'}`, () => {
  let A: string;
  beforeAll(() => {
    A = nss.add('a');
    ip(['-n', A, 'link', 'add', 'm0', 'type', 'veth', 'peer', 'name', 'm1']);
  });
  afterAll(() => {
    expect(nss.cleanup()).toEqual([]);
    expect(rootLinkKeys()).toEqual(rootBefore);
  });

  it.each(['setns', 'helper'] as const)("ethtool's monitor group: a feature change made by ethtool arrives decoded (%s mode)", async (mode) => {
    const mon = monitorGeneric({ netns: A, family: 'ethtool', netnsMode: mode });
    try {
      await mon.ready;
      const wanted = mode === 'setns' ? 'off' : 'on';
      expect(spawnSync('ip', ['netns', 'exec', A, 'ethtool', '-K', 'm0', 'tso', wanted]).status).toBe(0);
      const ev = (await nextEvent(mon, (e) => e.type === 'genl' && e.command === 'ETHTOOL_MSG_FEATURES_NTF')) as GenlEvent;
      expect(ev.family).toBe('ethtool');
      expect(ev.attrs.header.devName).toBe('m0');
      expect(ev.message.pid).toBe(0);
    } finally {
      mon.close();
    }
  }, 20_000);

  it('an unknown family or group is refused by name', async () => {
    const a = monitorGeneric({ netns: A, family: 'nosuch' });
    await expect(a.ready).rejects.toBeInstanceOf(GenlFamilyNotFoundError);
    const b = monitorGeneric({ netns: A, family: 'ethtool', groups: ['frob'] });
    await expect(b.ready).rejects.toThrow(/has no multicast group "frob" \(monitor\)/);
    const c = monitorGeneric({ netns: A, family: 'tcp_metrics' });
    await expect(c.ready).rejects.toMatchObject({ name: 'GenlGroupNotFoundError', message: 'generic netlink family "tcp_metrics" has no multicast group "(any)" (none)' });
    a.close();
    b.close();
    c.close();
  });
});
