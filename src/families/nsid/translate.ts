/**
 * Helper mode's view of another namespace from this process's socket:
 * requests about links carry IFLA_TARGET_NETNSID, so the target needs an
 * NSID here, and the IFLA_LINK_NETNSID the kernel then reports is this
 * namespace's numbering, not the target's. (In setns mode none of this is
 * needed: the socket lives in the namespace.)
 */
import { isKernelError } from '../../transport/errors.js';
import type { Connection } from '../../transport/connection.js';
import { closeNetnsFd, listNetns, openNetnsFd } from '../../netns/registry.js';
import { InvalidArgumentError } from '../../api/errors.js';
import * as req from './requests.js';
import type { Link } from '../link/view.js';

/** NSID of namespace `name` as `conn`'s namespace numbers it, assigned (by the kernel's choice) when it has none. */
export async function ensureNsid(conn: Connection, name: string): Promise<number> {
  const fd = openNetnsFd(name);
  try {
    const get = async () => (await conn.request(req.nsidGet(fd)))[0]?.attrs?.nsid as number | undefined;
    let id = await get();
    if (id === undefined || id < 0) {
      try {
        await conn.request(req.nsidSet(fd, -1));
      } catch (e) {
        // Another process may have assigned one meanwhile.
        if (!isKernelError(e, 'EEXIST')) throw e;
      }
      id = await get();
    }
    if (id === undefined || id < 0) throw new InvalidArgumentError(`no NSID could be assigned to namespace "${name}"`);
    return id;
  } finally {
    closeNetnsFd(fd);
  }
}

/**
 * Links read from `conn`'s namespace with IFLA_TARGET_NETNSID `target`
 * carry IFLA_LINK_NETNSID as `conn`'s namespace numbers the peer's
 * namespace; the target numbers it differently. Rewrites them to the
 * target's numbering (asking the kernel with NETNSA_TARGET_NSID), or
 * returns undefined when a peer namespace has no name or no id there yet
 * (the caller then reads from inside).
 */
export async function relinkNetnsids(conn: Connection, links: Link[], target: number): Promise<Link[] | undefined> {
  const ids = [...new Set(links.map((l) => l.linkNetnsid).filter((x): x is number => x !== undefined && x >= 0))];
  if (ids.length === 0) return links;
  const names = await nsidNames(conn);
  const map = new Map<number, number>();
  for (const id of ids) {
    const name = names.get(id);
    if (name === undefined) return undefined;
    const fd = openNetnsFd(name);
    try {
      const [m] = await conn.request(req.nsidGet(fd, target));
      const there = m?.attrs?.nsid as number | undefined;
      if (there === undefined || there < 0) return undefined;
      map.set(id, there);
    } finally {
      closeNetnsFd(fd);
    }
  }
  for (const l of links) {
    if (l.linkNetnsid === undefined || !map.has(l.linkNetnsid)) continue;
    l.linkNetnsid = map.get(l.linkNetnsid)!;
    l.message.attrs!.linkNetnsid = l.linkNetnsid;
  }
  return links;
}

/**
 * Map from NSID to /run/netns name, for the namespaces that have an id:
 * as `conn`'s namespace numbers them, or as the namespace with NSID
 * `targetNsid` does (NETNSA_TARGET_NSID).
 */
export async function nsidNames(conn: Connection, targetNsid?: number): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const name of await listNetns()) {
    let fd: number;
    try {
      fd = openNetnsFd(name);
    } catch {
      continue;
    }
    try {
      const [m] = await conn.request(req.nsidGet(fd, targetNsid));
      const id = m?.attrs?.nsid as number | undefined;
      if (id !== undefined && id >= 0 && !out.has(id)) out.set(id, name);
    } catch {
      // Not a namespace (a stray file): skip it, as iproute2 does.
    } finally {
      closeNetnsFd(fd);
    }
  }
  return out;
}
