/**
 * The generic netlink controller's attributes (`linux/genetlink.h`,
 * CTRL_ATTR_* to CTRL_ATTR_OP = 10). The policies it answers
 * CTRL_CMD_GETPOLICY with are `linux/netlink.h`'s NL_POLICY_TYPE_ATTR_*
 * (to NL_POLICY_TYPE_ATTR_MASK = 12), declared once with the extended ACK
 * that carries them too (src/netlink/extack.ts).
 */
import { attrSet, nested, type AttrSet } from '../../schema/attr-set.js';
import { flagsOf } from '../../schema/enums.js';
import { keyedNest } from '../../schema/keyed-nest.js';
import { string, u16, u32 } from '../../schema/scalars.js';
import { NLA_F_NESTED } from '../../core/constants.js';
import { policyAttrs } from '../../netlink/extack.js';

export { NL_ATTR_TYPE } from '../../netlink/extack.js';

/** Operation flags (CTRL_ATTR_OP_FLAGS, GENL_*). */
export const GENL_OP_FLAGS = {
  GENL_ADMIN_PERM: 0x01,
  GENL_CMD_CAP_DO: 0x02,
  GENL_CMD_CAP_DUMP: 0x04,
  GENL_CMD_CAP_HASPOL: 0x08,
  GENL_UNS_ADMIN_PERM: 0x10,
} as const;

export const ctrlOpAttrs: AttrSet = attrSet('CTRL_ATTR_OP', 'CTRL_ATTR_OP_', () => [
  [1, 'CTRL_ATTR_OP_ID', u32],
  [2, 'CTRL_ATTR_OP_FLAGS', flagsOf(u32, GENL_OP_FLAGS)],
]);

export const ctrlMcastGrpAttrs: AttrSet = attrSet('CTRL_ATTR_MCAST_GRP', 'CTRL_ATTR_MCAST_GRP_', () => [
  [1, 'CTRL_ATTR_MCAST_GRP_NAME', string()],
  [2, 'CTRL_ATTR_MCAST_GRP_ID', u32],
]);

/** One attribute's policy (an element of a policy): the set ext-acks use too (NLMSGERR_ATTR_POLICY). */
export const policyTypeAttrs: AttrSet = policyAttrs;

/** Which policy a command's do and dump requests are checked with. */
export const ctrlPolicyAttrs: AttrSet = attrSet('CTRL_ATTR_POLICY', 'CTRL_ATTR_POLICY_', () => [
  [1, 'CTRL_ATTR_POLICY_DO', u32],
  [2, 'CTRL_ATTR_POLICY_DUMP', u32],
]);

const arbNested = (fc: typeof import('fast-check')) => fc.constant({});

/** A policy: attribute type -> its policy. */
const policy = keyedNest(nested(() => policyTypeAttrs), 'policy', { flags: NLA_F_NESTED, ts: 'Record<string, any>', arbitrary: arbNested });

export const ctrlAttrs: AttrSet = attrSet('CTRL_ATTR', 'CTRL_ATTR_', () => [
  [1, 'CTRL_ATTR_FAMILY_ID', u16],
  [2, 'CTRL_ATTR_FAMILY_NAME', string(16)],
  [3, 'CTRL_ATTR_VERSION', u32],
  [4, 'CTRL_ATTR_HDRSIZE', u32],
  [5, 'CTRL_ATTR_MAXATTR', u32],
  // Operation i (from 1) under type i.
  [6, 'CTRL_ATTR_OPS', keyedNest(nested(() => ctrlOpAttrs), 'ops', { ts: 'Record<string, any>', arbitrary: arbNested })],
  [7, 'CTRL_ATTR_MCAST_GROUPS', keyedNest(nested(() => ctrlMcastGrpAttrs), 'groups', { ts: 'Record<string, any>', arbitrary: arbNested })],
  // Policy index -> attribute type -> NL_POLICY_TYPE_ATTR_*.
  [8, 'CTRL_ATTR_POLICY', keyedNest(policy, 'policies', { flags: NLA_F_NESTED, ts: 'Record<number, Record<string, any>>', arbitrary: (fc) => fc.constant({}) })],
  // Command -> the policies of its do and dump.
  [9, 'CTRL_ATTR_OP_POLICY', keyedNest(nested(() => ctrlPolicyAttrs), 'op policies', { flags: NLA_F_NESTED, ts: 'Record<string, any>', arbitrary: arbNested })],
  [10, 'CTRL_ATTR_OP', u32],
]);
