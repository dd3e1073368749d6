/**
 * Multicast database attributes (`linux/if_bridge.h`, Linux 6.18).
 *
 * What the kernel sends (dump replies, typed RTM_GETMDB, and RTM_NEWMDB /
 * RTM_DELMDB notifications):
 * ```
 * MDBA_MDB                          MDBA_ROUTER
 *   MDBA_MDB_ENTRY  (one per group)   MDBA_ROUTER_PORT (one per router port)
 *     MDBA_MDB_ENTRY_INFO (per port)    __u32 ifindex, then MDBA_ROUTER_PATTR_*
 *       struct br_mdb_entry, then MDBA_MDB_EATTR_*
 * ```
 * What `bridge mdb add/del` sends in RTM_NEWMDB / RTM_DELMDB: MDBA_SET_ENTRY
 * (a br_mdb_entry) and MDBA_SET_ENTRY_ATTRS (MDBE_ATTR_*); and a single-entry
 * RTM_GETMDB request: MDBA_GET_ENTRY and MDBA_GET_ENTRY_ATTRS. Those use the
 * same attribute numbers (1, 2) as MDBA_MDB and MDBA_ROUTER, and the message
 * types are shared, so one declaration per type cannot hold both: the
 * messages are declared with the kernel's side ({@link mdbAttrs}); the
 * request sets are declared below for completeness ({@link mdbSetEntryAttrs},
 * {@link mdbGetEntryAttrs}) and are not wired to a message type.
 *
 * The kernel nests MDBA_MDB, MDBA_MDB_ENTRY, MDBA_MDB_ENTRY_INFO,
 * MDBA_ROUTER and MDBA_ROUTER_PORT without NLA_F_NESTED.
 */
import { EncodeError } from '../../core/errors.js';
import { attrSet, headed, nested, type AttrSet } from '../../schema/attr-set.js';
import { ip } from '../../schema/addresses.js';
import { enumOf } from '../../schema/enums.js';
import { u8, u16, u32 } from '../../schema/scalars.js';
import type { Kind } from '../../schema/kind.js';
import { struct, type StructKind } from '../../schema/struct.js';
import { RTPROT } from '../../rtnl/constants.js';
import { MDB_RTR_TYPE } from '../link/bridge.js';
import { brMdbEntry } from './header.js';

/**
 * `headed` that refuses a `null` header or attribute object instead of
 * encoding it as an empty one (a value out of range must be an
 * EncodeError; the shared kind reads `null` as "not given").
 */
function strictHeaded<H, T>(header: StructKind<H>, set: () => AttrSet<T>, label: string): Kind<{ header: H; attrs: T }> {
  const inner = headed(header, set, label);
  return {
    ...inner,
    encode(w, v, parent) {
      const bad = (x: unknown) => x === null || (x !== undefined && typeof x !== 'object');
      if (v !== null && typeof v === 'object' && bad(v.header)) throw new EncodeError(`${label}: ${header.cName} must be an object`);
      if (v !== null && typeof v === 'object' && bad(v.attrs)) throw new EncodeError(`${label}: the attributes must be an object`);
      inner.encode(w, v, parent);
    },
  };
}

/** Filter modes of a group (`MCAST_EXCLUDE`, `MCAST_INCLUDE`, `linux/in.h`), for the *_GROUP_MODE attributes. */
export const MCAST_MODE = {
  MCAST_EXCLUDE: 0,
  MCAST_INCLUDE: 1,
} as const;

/** `MDBA_MDB_SRCATTR_*`: one source of a source-specific (IGMPv3/MLDv2) entry. */
export const mdbSrcAttrs = attrSet('MDBA_MDB_SRCATTR', 'MDBA_MDB_SRCATTR_', () => [
  [1, 'MDBA_MDB_SRCATTR_ADDRESS', ip],
  [2, 'MDBA_MDB_SRCATTR_TIMER', u32], // centiseconds left
]);

/** `MDBA_MDB_SRCLIST_*`: the sources of an entry. */
export const mdbSrcListAttrs = attrSet('MDBA_MDB_SRCLIST', 'MDBA_MDB_SRCLIST_', () => [
  [1, 'MDBA_MDB_SRCLIST_ENTRY', nested(() => mdbSrcAttrs), { multi: true }],
]);

/** `MDBA_MDB_EATTR_*`: what follows the br_mdb_entry in MDBA_MDB_ENTRY_INFO. */
export const mdbEntryAttrs = attrSet('MDBA_MDB_EATTR', 'MDBA_MDB_EATTR_', () => [
  [1, 'MDBA_MDB_EATTR_TIMER', u32], // centiseconds left (0: permanent)
  [2, 'MDBA_MDB_EATTR_SRC_LIST', nested(() => mdbSrcListAttrs)],
  [3, 'MDBA_MDB_EATTR_GROUP_MODE', enumOf(u8, MCAST_MODE)],
  [4, 'MDBA_MDB_EATTR_SOURCE', ip], // the source of an (S, G) entry
  [5, 'MDBA_MDB_EATTR_RTPROT', enumOf(u8, RTPROT)],
  // VXLAN MDB entries: the remote, its UDP port (host order), VNIs, and the underlay device.
  [6, 'MDBA_MDB_EATTR_DST', ip],
  [7, 'MDBA_MDB_EATTR_DST_PORT', u16],
  [8, 'MDBA_MDB_EATTR_VNI', u32],
  [9, 'MDBA_MDB_EATTR_IFINDEX', u32],
  [10, 'MDBA_MDB_EATTR_SRC_VNI', u32],
]);

/** `MDBA_MDB_ENTRY_*`: one group, one MDBA_MDB_ENTRY_INFO per member port. */
export const mdbEntryInfoAttrs = attrSet('MDBA_MDB_ENTRY', 'MDBA_MDB_ENTRY_', () => [
  [1, 'MDBA_MDB_ENTRY_INFO', strictHeaded(brMdbEntry, () => mdbEntryAttrs, 'MDBA_MDB_ENTRY_INFO'), { multi: true }],
]);

/** `MDBA_MDB_*`: the groups. */
export const mdbMdbAttrs = attrSet('MDBA_MDB', 'MDBA_MDB_', () => [
  [1, 'MDBA_MDB_ENTRY', nested(() => mdbEntryInfoAttrs), { multi: true }],
]);

/** `MDBA_ROUTER_PATTR_*`: a multicast router port's timers and mode. */
export const mdbRouterPortAttrs = attrSet('MDBA_ROUTER_PATTR', 'MDBA_ROUTER_PATTR_', () => [
  [1, 'MDBA_ROUTER_PATTR_TIMER', u32], // centiseconds
  [2, 'MDBA_ROUTER_PATTR_TYPE', enumOf(u8, MDB_RTR_TYPE)],
  [3, 'MDBA_ROUTER_PATTR_INET_TIMER', u32],
  [4, 'MDBA_ROUTER_PATTR_INET6_TIMER', u32],
  [5, 'MDBA_ROUTER_PATTR_VID', u16],
]);

/** The port's ifindex that opens MDBA_ROUTER_PORT (a bare `__u32` in C; older kernels send nothing after it). */
export const mdbRouterPortHead = struct('router_port', '', [['ifindex', u32]]);

/** `MDBA_ROUTER_*`: the multicast router ports (also BRIDGE_VLANDB_GOPTS_MCAST_ROUTER_PORTS's content). */
export const mdbRouterAttrs = attrSet('MDBA_ROUTER', 'MDBA_ROUTER_', () => [
  [1, 'MDBA_ROUTER_PORT', strictHeaded(mdbRouterPortHead, () => mdbRouterPortAttrs, 'MDBA_ROUTER_PORT'), { multi: true }],
]);

/** `MDBA_*`: RTM_*MDB messages as the kernel sends them. */
export const mdbAttrs = attrSet('MDBA', 'MDBA_', () => [
  [1, 'MDBA_MDB', nested(() => mdbMdbAttrs)],
  [2, 'MDBA_ROUTER', nested(() => mdbRouterAttrs)],
]);

/** `MDBE_SRCATTR_*`: one source of an entry to add. */
export const mdbeSrcAttrs = attrSet('MDBE_SRCATTR', 'MDBE_SRCATTR_', () => [
  [1, 'MDBE_SRCATTR_ADDRESS', ip],
]);

/** `MDBE_SRC_LIST_*`: the sources of an entry to add. */
export const mdbeSrcListAttrs = attrSet('MDBE_SRC_LIST', 'MDBE_SRC_LIST_', () => [
  [1, 'MDBE_SRC_LIST_ENTRY', nested(() => mdbeSrcAttrs), { multi: true }],
]);

/** `MDBE_ATTR_*`: MDBA_SET_ENTRY_ATTRS and MDBA_GET_ENTRY_ATTRS, the options of a request. */
export const mdbeAttrs = attrSet('MDBE_ATTR', 'MDBE_ATTR_', () => [
  [1, 'MDBE_ATTR_SOURCE', ip],
  [2, 'MDBE_ATTR_SRC_LIST', nested(() => mdbeSrcListAttrs)],
  [3, 'MDBE_ATTR_GROUP_MODE', enumOf(u8, MCAST_MODE)],
  [4, 'MDBE_ATTR_RTPROT', enumOf(u8, RTPROT)],
  [5, 'MDBE_ATTR_DST', ip],
  [6, 'MDBE_ATTR_DST_PORT', u16],
  [7, 'MDBE_ATTR_VNI', u32],
  [8, 'MDBE_ATTR_IFINDEX', u32],
  [9, 'MDBE_ATTR_SRC_VNI', u32],
  [10, 'MDBE_ATTR_STATE_MASK', u8], // which br_mdb_entry.state bits a replace changes
]);

/** `MDBA_SET_ENTRY_*`: RTM_NEWMDB / RTM_DELMDB requests (`bridge mdb add/del`). Not wired: see the module doc. */
export const mdbSetEntryAttrs = attrSet('MDBA_SET_ENTRY', 'MDBA_SET_ENTRY_', () => [
  [1, 'MDBA_SET_ENTRY', brMdbEntry],
  [2, 'MDBA_SET_ENTRY_ATTRS', nested(() => mdbeAttrs)],
]);

/** `MDBA_GET_ENTRY_*`: a single-entry RTM_GETMDB request (`bridge mdb get`). Not wired: see the module doc. */
export const mdbGetEntryAttrs = attrSet('MDBA_GET_ENTRY', 'MDBA_GET_ENTRY_', () => [
  [1, 'MDBA_GET_ENTRY', brMdbEntry],
  [2, 'MDBA_GET_ENTRY_ATTRS', nested(() => mdbeAttrs)],
]);
