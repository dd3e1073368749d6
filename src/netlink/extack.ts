/**
 * Extended ACK TLVs (`enum nlmsgerr_attrs`) and the policy description the
 * kernel attaches to NLMSGERR_ATTR_POLICY (`enum netlink_policy_type_attr`),
 * as in `linux/netlink.h` (Linux 6.18).
 */
import { attrSet, nested } from '../schema/attr-set.js';
import { enumOf } from '../schema/enums.js';
import { binary, s64, string, u32, u64 } from '../schema/scalars.js';

/** `enum netlink_attribute_type`: the type a policy expects. */
export const NL_ATTR_TYPE = {
  NL_ATTR_TYPE_INVALID: 0,
  NL_ATTR_TYPE_FLAG: 1,
  NL_ATTR_TYPE_U8: 2,
  NL_ATTR_TYPE_U16: 3,
  NL_ATTR_TYPE_U32: 4,
  NL_ATTR_TYPE_U64: 5,
  NL_ATTR_TYPE_S8: 6,
  NL_ATTR_TYPE_S16: 7,
  NL_ATTR_TYPE_S32: 8,
  NL_ATTR_TYPE_S64: 9,
  NL_ATTR_TYPE_BINARY: 10,
  NL_ATTR_TYPE_STRING: 11,
  NL_ATTR_TYPE_NUL_STRING: 12,
  NL_ATTR_TYPE_NESTED: 13,
  NL_ATTR_TYPE_NESTED_ARRAY: 14,
  NL_ATTR_TYPE_BITFIELD32: 15,
  NL_ATTR_TYPE_SINT: 16,
  NL_ATTR_TYPE_UINT: 17,
} as const;

/** NLMSGERR_ATTR_POLICY payload: `enum netlink_policy_type_attr`. */
export const policyAttrs = attrSet('NL_POLICY_TYPE_ATTR', 'NL_POLICY_TYPE_ATTR_', () => [
  [1, 'NL_POLICY_TYPE_ATTR_TYPE', enumOf(u32, NL_ATTR_TYPE)],
  [2, 'NL_POLICY_TYPE_ATTR_MIN_VALUE_S', s64],
  [3, 'NL_POLICY_TYPE_ATTR_MAX_VALUE_S', s64],
  [4, 'NL_POLICY_TYPE_ATTR_MIN_VALUE_U', u64],
  [5, 'NL_POLICY_TYPE_ATTR_MAX_VALUE_U', u64],
  [6, 'NL_POLICY_TYPE_ATTR_MIN_LENGTH', u32],
  [7, 'NL_POLICY_TYPE_ATTR_MAX_LENGTH', u32],
  [8, 'NL_POLICY_TYPE_ATTR_POLICY_IDX', u32],
  [9, 'NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE', u32],
  [10, 'NL_POLICY_TYPE_ATTR_BITFIELD32_MASK', u32],
  [11, 'NL_POLICY_TYPE_ATTR_PAD', binary()],
  [12, 'NL_POLICY_TYPE_ATTR_MASK', u64],
]);

/** What ext-ack offsets count. */
const OFFSET_UNIT = "bytes from the start of the request's nlmsghdr";

/** Extended ACK TLVs after NLMSG_ERROR / NLMSG_DONE (`enum nlmsgerr_attrs`). */
export const extAckAttrs = attrSet('NLMSGERR_ATTR', 'NLMSGERR_ATTR_', () => [
  [1, 'NLMSGERR_ATTR_MSG', string()],
  [2, 'NLMSGERR_ATTR_OFFS', u32, { unit: OFFSET_UNIT }],
  [3, 'NLMSGERR_ATTR_COOKIE', binary()],
  [4, 'NLMSGERR_ATTR_POLICY', nested(() => policyAttrs)],
  [5, 'NLMSGERR_ATTR_MISS_TYPE', u32],
  [6, 'NLMSGERR_ATTR_MISS_NEST', u32, { unit: OFFSET_UNIT }],
]);

/** Decoded extended ACK. */
export interface ExtAck {
  msg?: string;
  /** Offset of the offending attribute in the request, from the start of its nlmsghdr. */
  offs?: number;
  cookie?: Uint8Array;
  policy?: Record<string, unknown>;
  missType?: number;
  missNest?: number;
}
