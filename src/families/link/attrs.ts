/**
 * Link attributes: the IFLA_* that follow `struct ifinfomsg` in
 * RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK / RTM_SETLINK messages
 * (`enum { IFLA_* }` in `linux/if_link.h`, RTEXT_FILTER_* in
 * `linux/rtnetlink.h`, IFNAMSIZ / IFALIASZ / ALTIFNAMSIZ in `linux/if.h`;
 * Linux 6.18 / iproute2's include/uapi as fetched). Every type from
 * IFLA_ADDRESS (1) to IFLA_TAILROOM (69) is declared.
 *
 * Value widths are those rtnl_fill_ifinfo() puts on the wire, checked
 * against a 6.18 dump: OPERSTATE, LINKMODE, CARRIER, PROTO_DOWN and
 * NETNS_IMMUTABLE are u8; HEADROOM and TAILROOM u16;
 * MAX_PACING_OFFLOAD_HORIZON a variable-width NLA_UINT. The kernel sets
 * NLA_F_NESTED on IFLA_PROP_LIST, IFLA_PROTO_DOWN_REASON,
 * IFLA_DEVLINK_PORT and IFLA_DPLL_PIN (the last two even when empty), and
 * not on IFLA_LINKINFO, IFLA_AF_SPEC, IFLA_XDP or IFLA_VFINFO_LIST.
 *
 * IFLA_PROTINFO depends on the message family (IFLA_BRPORT_* for
 * AF_BRIDGE, IFLA_INET6_* for AF_INET6), which a sibling-typed kind cannot
 * see: it is opaque here, and typed in the per-family sets of family.ts.
 */
import { NLA_F_NESTED } from '../../core/constants.js';
import { attrSet, nested, type AttrDecl, type AttrSet } from '../../schema/attr-set.js';
import { lladdr } from '../../schema/addresses.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import { binary, bytes, s32, string, u16, u32, u8 } from '../../schema/scalars.js';
import { IF_LINK_MODE, IF_OPER, IFNAMSIZ } from '../../rtnl/constants.js';
import { afSpecAttrs } from './af-spec.js';
import { uint } from '../../schema/uint.js';
import { pad } from './kinds.js';
import { linkInfoAttrs } from './linkinfo.js';
import { rtnlLinkIfmap, rtnlLinkStats, rtnlLinkStats64 } from './stats.js';
import { portAttrs, vfInfoListAttrs, vfPortsAttrs } from './vf.js';
import { xdpAttrs } from './xdp.js';

/** IFLA_EXT_MASK bits (`RTEXT_FILTER_*`): what a GETLINK request wants included. */
export const RTEXT_FILTER = {
  RTEXT_FILTER_VF: 1 << 0,
  RTEXT_FILTER_BRVLAN: 1 << 1,
  RTEXT_FILTER_BRVLAN_COMPRESSED: 1 << 2,
  RTEXT_FILTER_SKIP_STATS: 1 << 3,
  RTEXT_FILTER_MRP: 1 << 4,
  RTEXT_FILTER_CFM_CONFIG: 1 << 5,
  RTEXT_FILTER_CFM_STATUS: 1 << 6,
  RTEXT_FILTER_MST: 1 << 7,
  RTEXT_FILTER_NAME_ONLY: 1 << 8,
} as const;

/** IFLA_EVENT values (`IFLA_EVENT_*`): why an RTM_NEWLINK notification was sent. */
export const IFLA_EVENT = {
  IFLA_EVENT_NONE: 0,
  IFLA_EVENT_REBOOT: 1,
  IFLA_EVENT_FEATURES: 2,
  IFLA_EVENT_BONDING_FAILOVER: 3,
  IFLA_EVENT_NOTIFY_PEERS: 4,
  IFLA_EVENT_IGMP_RESEND: 5,
  IFLA_EVENT_BONDING_OPTIONS: 6,
} as const;

/** `IFALIASZ` (`linux/if.h`). */
const IFALIASZ = 256;
/** `ALTIFNAMSIZ` (`linux/if.h`). */
const ALTIFNAMSIZ = 128;
/** `MAX_PHYS_ITEM_ID_LEN` (`linux/netdevice.h`): physical port / switch ids. */
const MAX_PHYS_ITEM_ID_LEN = 32;

/** IFLA_PROP_LIST: the alternative names of a link (repeated IFLA_ALT_IFNAME). */
export const propListAttrs = attrSet('IFLA_PROP_LIST', 'IFLA_', () => [
  [53, 'IFLA_ALT_IFNAME', string(ALTIFNAMSIZ), { multi: true }],
]);

/** `IFLA_PROTO_DOWN_REASON_*`: why a link is held protodown (bit mask of reasons). */
export const protoDownReasonAttrs = attrSet('IFLA_PROTO_DOWN_REASON', 'IFLA_PROTO_DOWN_REASON_', () => [
  [1, 'IFLA_PROTO_DOWN_REASON_MASK', u32], // request: the reason bits to change
  [2, 'IFLA_PROTO_DOWN_REASON_VALUE', u32], // the reason bits set
]);

/**
 * IFLA_DEVLINK_PORT: the devlink port handle of the link (`DEVLINK_ATTR_*`
 * from `linux/devlink.h`). Empty for links without a devlink port.
 */
export const devlinkPortAttrs = attrSet('IFLA_DEVLINK_PORT', 'DEVLINK_ATTR_', () => [
  [1, 'DEVLINK_ATTR_BUS_NAME', string()],
  [2, 'DEVLINK_ATTR_DEV_NAME', string()],
  [3, 'DEVLINK_ATTR_PORT_INDEX', u32],
]);

/** IFLA_DPLL_PIN: the DPLL pin feeding the link (`DPLL_A_PIN_ID` from `linux/dpll.h`). Empty when none. */
export const dpllPinAttrs = attrSet('IFLA_DPLL_PIN', 'DPLL_A_PIN_', () => [
  [1, 'DPLL_A_PIN_ID', u32],
]);

/**
 * The IFLA_* declarations shared by every link attribute set. Exported so
 * family-specific variants can swap single entries (see by-family.ts).
 */
export const linkAttrDecls: readonly AttrDecl[] = [
  [1, 'IFLA_ADDRESS', lladdr],
  [2, 'IFLA_BROADCAST', lladdr],
  [3, 'IFLA_IFNAME', string(IFNAMSIZ)],
  [4, 'IFLA_MTU', u32, { unit: 'bytes' }],
  [5, 'IFLA_LINK', u32, { unit: 'ifindex' }], // the lower / peer device
  [6, 'IFLA_QDISC', string(IFNAMSIZ)],
  [7, 'IFLA_STATS', rtnlLinkStats],
  [8, 'IFLA_COST', bytes], // never used by the kernel
  [9, 'IFLA_PRIORITY', bytes], // never used by the kernel
  [10, 'IFLA_MASTER', u32, { unit: 'ifindex' }], // the master (bridge, bond, vrf), 0 to release
  [11, 'IFLA_WIRELESS', bytes], // Wireless Extensions event (struct iw_event stream): opaque
  [12, 'IFLA_PROTINFO', bytes], // family-dependent, see family.ts
  [13, 'IFLA_TXQLEN', u32, { unit: 'packets' }],
  [14, 'IFLA_MAP', rtnlLinkIfmap],
  [15, 'IFLA_WEIGHT', u32], // accepted and ignored
  [16, 'IFLA_OPERSTATE', enumOf(u8, IF_OPER)],
  [17, 'IFLA_LINKMODE', enumOf(u8, IF_LINK_MODE)],
  [18, 'IFLA_LINKINFO', nested(() => linkInfoAttrs)],
  [19, 'IFLA_NET_NS_PID', u32], // request: move to the namespace of this pid
  [20, 'IFLA_IFALIAS', string(IFALIASZ)],
  [21, 'IFLA_NUM_VF', u32],
  [22, 'IFLA_VFINFO_LIST', nested(() => vfInfoListAttrs)],
  [23, 'IFLA_STATS64', rtnlLinkStats64],
  [24, 'IFLA_VF_PORTS', nested(() => vfPortsAttrs)],
  [25, 'IFLA_PORT_SELF', nested(() => portAttrs)],
  [26, 'IFLA_AF_SPEC', nested(() => afSpecAttrs)],
  [27, 'IFLA_GROUP', u32],
  [28, 'IFLA_NET_NS_FD', u32], // request: move to the namespace of this fd
  [29, 'IFLA_EXT_MASK', flagsOf(u32, RTEXT_FILTER)],
  [30, 'IFLA_PROMISCUITY', u32], // promiscuity count
  [31, 'IFLA_NUM_TX_QUEUES', u32, { unit: 'queues' }],
  [32, 'IFLA_NUM_RX_QUEUES', u32, { unit: 'queues' }],
  [33, 'IFLA_CARRIER', u8],
  [34, 'IFLA_PHYS_PORT_ID', binary(0, MAX_PHYS_ITEM_ID_LEN, 'phys_item_id')],
  [35, 'IFLA_CARRIER_CHANGES', u32, { unit: 'changes' }],
  [36, 'IFLA_PHYS_SWITCH_ID', binary(0, MAX_PHYS_ITEM_ID_LEN, 'phys_item_id')],
  [37, 'IFLA_LINK_NETNSID', s32], // nsid of IFLA_LINK's namespace
  [38, 'IFLA_PHYS_PORT_NAME', string(IFNAMSIZ)],
  [39, 'IFLA_PROTO_DOWN', u8],
  [40, 'IFLA_GSO_MAX_SEGS', u32, { unit: 'segments' }],
  [41, 'IFLA_GSO_MAX_SIZE', u32, { unit: 'bytes' }],
  [42, 'IFLA_PAD', pad],
  [43, 'IFLA_XDP', nested(() => xdpAttrs)],
  [44, 'IFLA_EVENT', enumOf(u32, IFLA_EVENT)],
  [45, 'IFLA_NEW_NETNSID', s32],
  [46, 'IFLA_TARGET_NETNSID', s32], // alias IFLA_IF_NETNSID
  [47, 'IFLA_CARRIER_UP_COUNT', u32],
  [48, 'IFLA_CARRIER_DOWN_COUNT', u32],
  [49, 'IFLA_NEW_IFINDEX', s32, { unit: 'ifindex' }],
  [50, 'IFLA_MIN_MTU', u32, { unit: 'bytes' }],
  [51, 'IFLA_MAX_MTU', u32, { unit: 'bytes' }],
  [52, 'IFLA_PROP_LIST', nested(() => propListAttrs), { flags: NLA_F_NESTED }],
  [53, 'IFLA_ALT_IFNAME', string(ALTIFNAMSIZ)], // request: a name to look up, add or delete
  [54, 'IFLA_PERM_ADDRESS', lladdr],
  [55, 'IFLA_PROTO_DOWN_REASON', nested(() => protoDownReasonAttrs), { flags: NLA_F_NESTED }],
  [56, 'IFLA_PARENT_DEV_NAME', string()],
  [57, 'IFLA_PARENT_DEV_BUS_NAME', string()],
  [58, 'IFLA_GRO_MAX_SIZE', u32, { unit: 'bytes' }],
  [59, 'IFLA_TSO_MAX_SIZE', u32],
  [60, 'IFLA_TSO_MAX_SEGS', u32],
  [61, 'IFLA_ALLMULTI', u32], // allmulti count
  [62, 'IFLA_DEVLINK_PORT', nested(() => devlinkPortAttrs), { flags: NLA_F_NESTED }],
  [63, 'IFLA_GSO_IPV4_MAX_SIZE', u32],
  [64, 'IFLA_GRO_IPV4_MAX_SIZE', u32],
  [65, 'IFLA_DPLL_PIN', nested(() => dpllPinAttrs), { flags: NLA_F_NESTED }],
  [66, 'IFLA_MAX_PACING_OFFLOAD_HORIZON', uint], // nanoseconds; NLA_UINT (4 or 8 bytes)
  [67, 'IFLA_NETNS_IMMUTABLE', u8],
  [68, 'IFLA_HEADROOM', u16], // needed_headroom, bytes
  [69, 'IFLA_TAILROOM', u16], // needed_tailroom, bytes
];

/** IFLA_* of AF_UNSPEC link messages (what `ip link` sends and receives). */
export const linkAttrs = attrSet('IFLA', 'IFLA_', linkAttrDecls);
