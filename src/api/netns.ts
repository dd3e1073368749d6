/**
 * Namespaces as a whole: list, add, delete (by iproute2's /run/netns
 * convention), and namespace ids (NSIDs) as this process's namespace sees
 * them.
 */
import { Connection, type ConnectionOptions } from '../transport/connection.js';
import { SocketPort } from '../transport/socket-port.js';
import { rtnetlink } from '../rtnl/messages.js';
import { addNetns, closeNetnsFd, deleteNetns, listNetns, openNetnsFd } from '../netns/registry.js';
import { validateNetnsName } from '../netns/names.js';
import { InvalidArgumentError } from './errors.js';
import * as req from './requests.js';

export { listNetns, addNetns, deleteNetns };

/** An NSID and the /run/netns name it belongs to, when one does. */
export interface NsidEntry {
  nsid: number;
  name?: string;
}

async function withLocal<T>(opts: ConnectionOptions, fn: (c: Connection) => Promise<T>, conn?: Connection): Promise<T> {
  if (conn) return fn(conn);
  const c = new Connection(new SocketPort(), rtnetlink, opts);
  try {
    return await fn(c);
  } finally {
    c.close();
  }
}

/** Gives namespace `name` the NSID `id` in this namespace (`ip netns set NAME ID`); -1 lets the kernel choose. */
export async function setNsid(name: string, id: number, opts: ConnectionOptions = {}, conn?: Connection): Promise<void> {
  validateNetnsName(name);
  if (!Number.isInteger(id) || id < -1 || id > 0x7fffffff) throw new InvalidArgumentError(`Invalid "netnsid" value "${id}"`, String(id));
  const fd = openNetnsFd(name);
  try {
    await withLocal(opts, (c) => c.request(req.nsidSet(fd, id)), conn);
  } finally {
    closeNetnsFd(fd);
  }
}

/** The NSID of namespace `name` (-1 when none is assigned). */
export async function getNsid(name: string, opts: ConnectionOptions = {}, conn?: Connection): Promise<number> {
  validateNetnsName(name);
  const fd = openNetnsFd(name);
  try {
    const [m] = await withLocal(opts, (c) => c.request(req.nsidGet(fd)), conn);
    return (m?.attrs?.nsid as number | undefined) ?? -1;
  } finally {
    closeNetnsFd(fd);
  }
}

/** Every NSID this namespace has assigned, with names from /run/netns where they match (`ip netns list-id`). */
export async function listNsids(opts: ConnectionOptions = {}, conn?: Connection): Promise<NsidEntry[]> {
  return withLocal(
    opts,
    async (c) => {
      const dumped = (await c.dump(req.nsidDump())).map((m) => m.attrs?.nsid as number).filter((n) => n >= 0);
      const names = await nsidNames(c);
      return dumped.map((nsid) => (names.has(nsid) ? { nsid, name: names.get(nsid)! } : { nsid }));
    },
    conn,
  );
}

/**
 * Map from NSID to /run/netns name, for the namespaces that have an id:
 * as this namespace numbers them, or as the namespace with NSID
 * `targetNsid` does (NETNSA_TARGET_NSID).
 */
export async function nsidNames(conn?: Connection, opts: ConnectionOptions = {}, targetNsid?: number): Promise<Map<number, string>> {
  return withLocal(
    opts,
    async (c) => {
      const out = new Map<number, string>();
      for (const name of await listNetns()) {
        let fd: number;
        try {
          fd = openNetnsFd(name);
        } catch {
          continue;
        }
        try {
          const [m] = await c.request(req.nsidGet(fd, targetNsid));
          const id = m?.attrs?.nsid as number | undefined;
          if (id !== undefined && id >= 0 && !out.has(id)) out.set(id, name);
        } catch {
          // Not a namespace (a stray file): skip it, as iproute2 does.
        } finally {
          closeNetnsFd(fd);
        }
      }
      return out;
    },
    conn,
  );
}
