/**
 * `handle.nsids`: namespace ids (NSIDs) as the handle's namespace numbers
 * other namespaces (`ip [-n NS] netns list-id / set`). One API for this
 * process's namespace (`open()`) and any other.
 */
import type { HandleContext } from '../../api/context.js';
import { InvalidArgumentError } from '../../api/errors.js';
import { closeNetnsFd, openNetnsFd } from '../../netns/registry.js';
import { validateNetnsName } from '../../netns/names.js';
import * as req from './requests.js';
import { nsidNames } from './translate.js';

/** An NSID and the /run/netns name it belongs to, when one does. */
export interface NsidEntry {
  nsid: number;
  name?: string;
}

/** Namespace ids of the handle's namespace. */
export class NsidFacet {
  constructor(private readonly ctx: HandleContext) {}

  /** Every NSID the namespace has assigned, with /run/netns names where known (`ip netns list-id`). */
  async list(): Promise<NsidEntry[]> {
    const ids = (await (await this.ctx.inside()).dump(req.nsidDump())).map((m) => m.attrs?.nsid as number).filter((n) => n >= 0);
    const names = await this.names();
    return ids.map((nsid) => (names.has(nsid) ? { nsid, name: names.get(nsid)! } : { nsid }));
  }

  /**
   * The NSID of namespace `name` (-1 when it has none); assigns nothing to
   * it. (In helper mode the handle's own namespace gets an NSID in this
   * process's, as every helper-mode link request gives it one.)
   */
  async get(name: string): Promise<number> {
    validateNetnsName(name);
    const fd = openNetnsFd(name);
    try {
      // Helper mode asks from this process's namespace, about the handle's numbering.
      const [m] = await this.ctx.local().request(req.nsidGet(fd, await this.ctx.target()));
      return (m?.attrs?.nsid as number | undefined) ?? -1;
    } finally {
      closeNetnsFd(fd);
    }
  }

  /** Gives namespace `name` the NSID `id` (-1: the kernel chooses). */
  async set(name: string, id: number): Promise<void> {
    validateNetnsName(name);
    if (!Number.isInteger(id) || id < -1 || id > 0x7fffffff) throw new InvalidArgumentError(`Invalid "netnsid" value "${id}"`, String(id));
    // Sent from inside the namespace, with an fd valid where it is sent from.
    const fds = this.ctx.fdScope(this.ctx.viaHelper);
    try {
      const fd = await fds.open(name);
      await (await this.ctx.inside()).request(req.nsidSet(fd, id));
    } finally {
      fds.close();
    }
  }

  /**
   * NSID -> /run/netns name, for the named namespaces the handle's
   * namespace has given one (as `ip -n NS` resolves `link-netns NAME`).
   */
  async names(): Promise<Map<number, string>> {
    return nsidNames(this.ctx.local(), await this.ctx.target());
  }
}
