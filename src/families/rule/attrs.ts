/**
 * Rule attributes (`FRA_*`, `linux/fib_rules.h`, Linux 6.18: FRA_UNSPEC to
 * FRA_DSCP_MASK = 30) and the range structs they carry.
 */
import { ip } from '../../schema/addresses.js';
import { attrSet } from '../../schema/attr-set.js';
import { enumOf } from '../../schema/enums.js';
import { binary, s32, string, u8, u16, u32, u32be, u64be } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { IFNAMSIZ, RTPROT } from '../../rtnl/constants.js';

/** `struct fib_rule_uid_range`: the rule matches sockets of these uids. */
export const fibRuleUidRange = struct('fib_rule_uid_range', '', [
  ['start', u32],
  ['end', u32],
]);

/** `struct fib_rule_port_range`: a port or a range of ports. */
export const fibRulePortRange = struct('fib_rule_port_range', '', [
  ['start', u16],
  ['end', u16],
]);

export const ruleAttrs = attrSet('FRA', 'FRA_', () => [
  [1, 'FRA_DST', ip],
  [2, 'FRA_SRC', ip],
  // FRA_IFNAME in older headers.
  [3, 'FRA_IIFNAME', string(IFNAMSIZ)],
  [4, 'FRA_GOTO', u32],
  [5, 'FRA_UNUSED2', binary()],
  [6, 'FRA_PRIORITY', u32],
  [7, 'FRA_UNUSED3', binary()],
  [8, 'FRA_UNUSED4', binary()],
  [9, 'FRA_UNUSED5', binary()],
  [10, 'FRA_FWMARK', u32],
  [11, 'FRA_FLOW', u32],
  [12, 'FRA_TUN_ID', u64be],
  // -1: none.
  [13, 'FRA_SUPPRESS_IFGROUP', s32],
  [14, 'FRA_SUPPRESS_PREFIXLEN', s32],
  [15, 'FRA_TABLE', u32],
  [16, 'FRA_FWMASK', u32],
  [17, 'FRA_OIFNAME', string(IFNAMSIZ)],
  [18, 'FRA_PAD', binary()],
  [19, 'FRA_L3MDEV', u8],
  [20, 'FRA_UID_RANGE', fibRuleUidRange],
  [21, 'FRA_PROTOCOL', enumOf(u8, RTPROT)],
  [22, 'FRA_IP_PROTO', u8],
  [23, 'FRA_SPORT_RANGE', fibRulePortRange],
  [24, 'FRA_DPORT_RANGE', fibRulePortRange],
  [25, 'FRA_DSCP', u8],
  [26, 'FRA_FLOWLABEL', u32be],
  [27, 'FRA_FLOWLABEL_MASK', u32be],
  [28, 'FRA_SPORT_MASK', u16],
  [29, 'FRA_DPORT_MASK', u16],
  [30, 'FRA_DSCP_MASK', u8],
]);
