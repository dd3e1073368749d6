/**
 * Many links at once: `links.addMany` (pipelined creations) and
 * `links.deleteMany` (one unregister batch through IFLA_GROUP). The link facet
 * lends what they need (its lookups, namespace fds and connections); they
 * keep no state of their own.
 */
import type { Message } from '../../netlink/message.js';
import type { Connection } from '../../transport/connection.js';
import type { FdScope } from '../../api/context.js';
import { DeviceNotFoundError } from '../../api/errors.js';
import type { LinkAddOptions } from './spec.js';
import * as req from './requests.js';
import { templateBytes } from './create-template.js';
import { checkIfname } from '../../api/validate.js';
import type { Link } from './view.js';

/** What addLinks needs from the link facet. */
export interface AddManyHost {
  /** True when the link must be created from inside the namespace (helper mode). */
  insideFor(spec: LinkAddOptions): boolean;
  scope(inside: boolean): FdScope;
  /** Checks a spec, looks up what it names and builds its RTM_NEWLINK. */
  prepare(spec: LinkAddOptions, fds: FdScope, inside: boolean): Promise<Message>;
  connection(inside: boolean): Promise<Connection>;
}

/** What deleteLinks needs from the link facet. */
export interface DeleteManyHost {
  list(): Promise<Link[]>;
  /** The connection that changes existing links (the namespace's own socket). */
  connection(): Promise<Connection>;
}

/**
 * Creates many links, pipelined: each request is sent as soon as it is
 * built, in the order given (a later spec never overtakes an earlier one),
 * without waiting for the answers before it; namespace fds are opened
 * once per call; the common shapes are written from a template (see
 * create-template.ts). One settled result per spec.
 */
export async function addLinks(specs: readonly LinkAddOptions[], h: AddManyHost): Promise<PromiseSettledResult<void>[]> {
  const scopes = { local: h.scope(false), inside: undefined as FdScope | undefined };
  const pending: Promise<PromiseSettledResult<void>>[] = [];
  const settle = (p: Promise<unknown>): Promise<PromiseSettledResult<void>> =>
    p.then(
      () => ({ status: 'fulfilled', value: undefined }),
      (reason) => ({ status: 'rejected', reason }),
    );
  try {
    for (const spec of specs) {
      const inside = h.insideFor(spec);
      const fds = inside ? (scopes.inside ??= h.scope(true)) : scopes.local;
      try {
        const msg = await h.prepare(spec, fds, inside);
        const conn = await h.connection(inside);
        // Creations of one shape are written from a template, not by the generic encoder.
        const bytes = templateBytes(msg);
        pending.push(settle(bytes === undefined ? conn.request(msg) : conn.requestEncoded(bytes)));
      } catch (reason) {
        pending.push(Promise.resolve({ status: 'rejected', reason }));
      }
    }
    return await Promise.all(pending);
  } finally {
    scopes.local.close();
    scopes.inside?.close();
  }
}

/**
 * Deletes many links with one unregister batch in the kernel: deleting a
 * link costs the kernel a network synchronisation (~16 ms for a veth
 * here), but one RTM_DELLINK naming an IFLA_GROUP pays it once for the
 * whole group. So: pick a group no link of the namespace uses, move
 * exactly the links asked for into it, delete the group. If the group
 * delete is refused (the kernel checks every member first and deletes
 * nothing), the links get their groups back and are deleted one by one.
 * One settled result per name, in order.
 */
export async function deleteLinks(names: readonly string[], h: DeleteManyHost): Promise<PromiseSettledResult<void>[]> {
  const results: PromiseSettledResult<void>[] = names.map(() => ({ status: 'fulfilled', value: undefined }));
  const wanted: { i: number; name: string }[] = [];
  names.forEach((n, i) => {
    try {
      wanted.push({ i, name: checkIfname(n) });
    } catch (reason) {
      results[i] = { status: 'rejected', reason };
    }
  });
  if (wanted.length === 0) return results;
  const links = await h.list();
  const byName = new Map(links.map((l) => [l.name, l]));
  const used = new Set(links.map((l) => (l.message.attrs?.group as number | undefined) ?? 0));
  let group: number;
  do group = 1 + Math.floor(Math.random() * 0xfffffffe);
  while (used.has(group));
  const members: { i: number; index: number; group: number }[] = [];
  for (const w of wanted) {
    const l = byName.get(w.name);
    if (l === undefined) results[w.i] = { status: 'rejected', reason: new DeviceNotFoundError(w.name) };
    else members.push({ i: w.i, index: l.index, group: (l.message.attrs?.group as number | undefined) ?? 0 });
  }
  if (members.length === 0) return results;
  // Changing existing links: from inside the namespace.
  const conn = await h.connection();
  const moved = await Promise.allSettled(members.map((m) => conn.request(req.linkChange(m.index, { group }))));
  const inGroup = members.filter((m, k) => {
    const r = moved[k]!;
    if (r.status === 'rejected') results[m.i] = r;
    return r.status === 'fulfilled';
  });
  if (inGroup.length === 0) return results;
  try {
    await conn.request(req.groupDelete(group));
  } catch {
    await Promise.allSettled(inGroup.map((m) => conn.request(req.linkChange(m.index, { group: m.group }))));
    const each = await Promise.allSettled(inGroup.map((m) => conn.request(req.linkDelete(m.index))));
    each.forEach((r, k) => {
      results[inGroup[k]!.i] = r.status === 'fulfilled' ? { status: 'fulfilled', value: undefined } : r;
    });
  }
  return results;
}
