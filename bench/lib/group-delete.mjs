// A prototype of a bulk link delete that lets the kernel batch the
// unregisters (one network synchronisation for the lot instead of one per
// link): move exactly the links asked for into a fresh IFLA_GROUP, then send
// one RTM_DELLINK with ifi_index 0 and IFLA_GROUP (rtnl_group_dellink).
//
// Safety, link by link:
// - The group is fresh: one dump of the namespace lists every group in use
//   and a random u32 not among them (nor 0, the default group) is taken.
// - Only the links asked for are put into it (by the index the same dump
//   gave for each name); a link that cannot be moved is reported, not
//   deleted, and nothing else is ever in the group.
// - The kernel checks that every member of the group can be deleted before
//   it deletes any (rtnl_group_dellink returns EOPNOTSUPP for a device
//   without rtnl_link_ops, having deleted nothing); if the group delete
//   fails, the links are put back in their groups and deleted one by one.
//
// `conn` must be a Connection whose socket is inside the namespace (its own
// socket there, or a HelperPort): on this kernel an RTM_NEWLINK that names a
// link by index with IFLA_TARGET_NETNSID looks the index up in the sender's
// namespace and moves that link into the target, so the group change must
// not be sent from another namespace with a target NSID.
import { linkDelete, linkDump } from '../../dist/families/link/requests.js';
import { RTM } from '../../dist/rtnl/constants.js';

const ifinfo = (index) => ({ family: 0, type: 0, index, flags: 0, change: 0 });
const setGroup = (index, group) => ({ type: RTM.RTM_NEWLINK, flags: 0, seq: 0, pid: 0, header: ifinfo(index), attrs: { group } });

/**
 * Deletes the links named `names`; one settled result per name, in order
 * (like links.deleteMany). `phases`, when given, gets the ms spent in each
 * step (dump, group, delete). `dump`, when given, lists the namespace's
 * links (decoded RTM_NEWLINK messages) another way, e.g. from this process's
 * socket with IFLA_TARGET_NETNSID (a dump only reads, so that is safe).
 */
export async function groupDelete(conn, names, phases, dump = () => conn.dump(linkDump())) {
  let t = performance.now();
  const lap = (k) => {
    const n = performance.now();
    if (phases) phases[k] = (phases[k] ?? 0) + n - t;
    t = n;
  };
  const links = await dump();
  lap('dump');
  const byName = new Map();
  const used = new Set([0]);
  for (const m of links) {
    const group = m.attrs?.group ?? 0;
    byName.set(m.attrs?.ifname, { index: m.header.index, group });
    used.add(group);
  }
  let group;
  do group = 1 + Math.floor(Math.random() * 0xfffffffe);
  while (used.has(group));

  const results = names.map(() => ({ status: 'fulfilled', value: undefined }));
  const members = [];
  names.forEach((name, i) => {
    const l = byName.get(name);
    if (l === undefined) results[i] = { status: 'rejected', reason: new Error(`Cannot find device "${name}"`) };
    else members.push({ i, ...l });
  });
  const moved = await Promise.allSettled(members.map((m) => conn.request(setGroup(m.index, group))));
  lap('group');
  const inGroup = [];
  moved.forEach((r, k) => {
    if (r.status === 'rejected') results[members[k].i] = r;
    else inGroup.push(members[k]);
  });
  if (inGroup.length === 0) return results;
  try {
    await conn.request({ type: RTM.RTM_DELLINK, flags: 0, seq: 0, pid: 0, header: ifinfo(0), attrs: { group } });
    lap('delete');
  } catch {
    // Nothing was deleted: restore the groups, then one by one.
    await Promise.allSettled(inGroup.map((m) => conn.request(setGroup(m.index, m.group))));
    const each = await Promise.allSettled(inGroup.map((m) => conn.request(linkDelete(m.index))));
    each.forEach((r, k) => (results[inGroup[k].i] = r.status === 'fulfilled' ? { status: 'fulfilled', value: undefined } : r));
    lap('fallback');
  }
  return results;
}
