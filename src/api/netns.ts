/**
 * Namespaces as a whole: list, add, delete (by iproute2's /run/netns
 * convention), and the NSID -> name map that the handles' `nsids` facet
 * and the formatters use. (NSIDs themselves: `handle.nsids`.)
 */
import { Connection, type ConnectionOptions } from '../transport/connection.js';
import { SocketPort } from '../transport/socket-port.js';
import { rtnetlink } from '../families/registry.js';
import { addNetns, closeNetnsFd, deleteNetns, listNetns, openNetnsFd } from '../netns/registry.js';
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
