/**
 * The netlink message header.
 *
 * ```
 * struct nlmsghdr {          0               1               2               3
 *   __u32 nlmsg_len;         +-------------------------------+---------------+
 *   __u16 nlmsg_type;        |          nlmsg_len (whole message, header incl.)|
 *   __u16 nlmsg_flags;       +---------------+---------------+---------------+
 *   __u32 nlmsg_seq;         |  nlmsg_type   |  nlmsg_flags                  |
 *   __u32 nlmsg_pid;         +---------------+-------------------------------+
 * };                         |          nlmsg_seq                            |
 *                            |          nlmsg_pid (sender port, 0 = kernel)  |
 * ```
 * All fields host byte order; 16 bytes.
 */
import { NLM_F, NLM_F_ACKFLAGS, NLM_F_DEL, NLM_F_GET, NLM_F_NEW, NLMSG, NLMSG_ERROR } from '../core/constants.js';
import { flagNames } from '../schema/enums.js';
import { namesOf } from '../schema/names.js';
import type { MessageOp } from './protocol.js';

const common = namesOf(NLM_F);
const byOp: Record<MessageOp | 'ack', Record<number, string>> = {
  get: { ...common, ...namesOf(NLM_F_GET) },
  new: { ...common, ...namesOf(NLM_F_NEW) },
  del: { ...common, ...namesOf(NLM_F_DEL) },
  ack: { ...common, ...namesOf(NLM_F_ACKFLAGS) },
  other: common,
};

/** Names of the nlmsg_flags bits, reading bits 8-11 as `op` defines them. */
export function nlmsgFlagNames(flags: number, op: MessageOp | 'ack'): string[] {
  return flagNames(flags, byOp[op]);
}

/** `NLM_F_REQUEST|NLM_F_ACK` form, or `0`. */
export function formatNlmsgFlags(flags: number, op: MessageOp | 'ack'): string {
  return flags ? nlmsgFlagNames(flags, op).join('|') : '0';
}

const controlNames = namesOf(NLMSG);

/** Name of a control message type (< NLMSG_MIN_TYPE), or undefined. */
export function controlTypeName(type: number): string | undefined {
  return controlNames[type];
}

/** The op used to name an NLMSG_ERROR's flags. */
export function opOfControl(type: number): MessageOp | 'ack' {
  return type === NLMSG_ERROR ? 'ack' : 'other';
}
