// Deleting a namespace returns at once; the kernel tears it down later, in a
// work queue (cleanup_net), holding RTNL while it unregisters the devices.
// A benchmark that goes on meanwhile competes with that teardown. So
// namespaces are deleted through a Watch: before the deletion a sentinel
// veth pair is made with one end in the doomed namespace and the other in a
// long-lived watch namespace; the teardown deletes both ends, in the same
// unregister batch as every other device there. Once the watch end is gone
// (the batch has started) one request that needs RTNL (setting the watch
// namespace's lo up, which it already is) returns when the batch is done.
//
// That request goes through the Handle's helper, a socket inside the watch
// namespace, never with IFLA_TARGET_NETNSID from this process: on this
// kernel an RTM_NEWLINK naming a link by index with IFLA_TARGET_NETNSID
// looks the index up in the *sender's* namespace and moves that link into
// the target (checked in throwaway namespaces), so from the root namespace it
// would move one of the root namespace's links.
import { spawnSync } from 'node:child_process';
import { open } from '../../dist/api/handle.js';
import { deleteNetns, forgetNetns, makeNetns } from './netns.mjs';
import { nowMs } from './child.mjs';

export class Watch {
  constructor() {
    this.ns = makeNetns('watch');
    spawnSync('ip', ['-n', this.ns, 'link', 'set', 'lo', 'up']);
    this.handle = open({ netns: this.ns });
    this.count = 0;
  }

  /** Puts a sentinel veth end into `ns` (its peer in the watch namespace); returns the watch end's name. */
  arm(ns) {
    const name = `snt${this.count++}`;
    const r = spawnSync('ip', ['-n', this.ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', 'snt', 'netns', ns], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cannot arm sentinel in ${ns}: ${r.stderr}`);
    return name;
  }

  /** Resolves once the watch end `name` is gone and the unregister batch that took it has finished. */
  async gone(name, limitMs = 60_000) {
    const t0 = nowMs();
    for (;;) {
      try {
        await this.handle.links.get(name);
      } catch (e) {
        if (e?.name !== 'DeviceNotFoundError') throw e;
        break;
      }
      if (nowMs() - t0 > limitMs) throw new Error(`sentinel ${name} still there after ${limitMs} ms`);
      await new Promise((r) => setTimeout(r, 1));
    }
    await this.barrier();
  }

  /** One request that takes RTNL: returns once whoever holds it let go. */
  async barrier() {
    await this.handle.links.set('lo', { up: true });
  }

  /** Deletes `ns` (ip netns del) and waits until the kernel has torn its devices down. */
  async deleteSettled(ns) {
    const s = this.arm(ns);
    deleteNetns(ns);
    await this.gone(s);
  }

  /** Deletes namespaces that may have been torn down already (e.g. by a child's exit). */
  async deleteManySettled(names) {
    const sentinels = [];
    for (const ns of names) {
      try {
        sentinels.push(this.arm(ns));
      } catch {
        // Not a live namespace any more (an empty file, or gone): nothing to wait for.
      }
      deleteNetns(ns);
      forgetNetns(ns);
    }
    for (const s of sentinels) await this.gone(s);
  }

  close() {
    this.handle.close();
    deleteNetns(this.ns);
  }
}
