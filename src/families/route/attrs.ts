/**
 * Route attributes (`enum rtattr_type_t`, `linux/rtnetlink.h`, Linux 6.18:
 * RTA_UNSPEC to RTA_FLOWLABEL = 31) and route metrics (`RTAX_*`).
 */
import { formatIPv4, formatIPv6, ip, parseIP } from '../../schema/addresses.js';
import { attrSet, nested, type AttrDecl, type AttrSet } from '../../schema/attr-set.js';
import { enumOf, flagsOf } from '../../schema/enums.js';
import type { Kind } from '../../schema/kind.js';
import { DecodeError, EncodeError } from '../../core/errors.js';
import { arrayOf } from '../../schema/array.js';
import { binary, s32, string, u16, u16be, u32, u32be, u64, u8 } from '../../schema/scalars.js';
import { struct } from '../../schema/struct.js';
import { AF } from '../../rtnl/constants.js';
import { multipath } from './multipath.js';

/** Router preference (RTA_PREF, `ICMPV6_ROUTER_PREF_*` in `linux/icmpv6.h`). */
export const ICMPV6_ROUTER_PREF = {
  ICMPV6_ROUTER_PREF_MEDIUM: 0x0,
  ICMPV6_ROUTER_PREF_HIGH: 0x1,
  ICMPV6_ROUTER_PREF_INVALID: 0x2,
  ICMPV6_ROUTER_PREF_LOW: 0x3,
} as const;

/** Light-weight tunnel encapsulations (`LWTUNNEL_ENCAP_*`, `linux/lwtunnel.h`). */
export const LWTUNNEL_ENCAP = {
  LWTUNNEL_ENCAP_NONE: 0,
  LWTUNNEL_ENCAP_MPLS: 1,
  LWTUNNEL_ENCAP_IP: 2,
  LWTUNNEL_ENCAP_ILA: 3,
  LWTUNNEL_ENCAP_IP6: 4,
  LWTUNNEL_ENCAP_SEG6: 5,
  LWTUNNEL_ENCAP_BPF: 6,
  LWTUNNEL_ENCAP_SEG6_LOCAL: 7,
  LWTUNNEL_ENCAP_RPL: 8,
  LWTUNNEL_ENCAP_IOAM6: 9,
  LWTUNNEL_ENCAP_XFRM: 10,
} as const;

/** RTAX_LOCK bits: 1 << RTAX_* for each locked metric. */
const RTAX_LOCK_BITS = {
  RTAX_MTU: 1 << 2,
  RTAX_WINDOW: 1 << 3,
  RTAX_RTT: 1 << 4,
  RTAX_RTTVAR: 1 << 5,
  RTAX_SSTHRESH: 1 << 6,
  RTAX_CWND: 1 << 7,
  RTAX_ADVMSS: 1 << 8,
  RTAX_REORDERING: 1 << 9,
  RTAX_HOPLIMIT: 1 << 10,
  RTAX_INITCWND: 1 << 11,
  RTAX_FEATURES: 1 << 12,
  RTAX_RTO_MIN: 1 << 13,
  RTAX_INITRWND: 1 << 14,
  RTAX_QUICKACK: 1 << 15,
} as const;

/** RTAX_FEATURES bits (`RTAX_FEATURE_*`). */
export const RTAX_FEATURE = {
  RTAX_FEATURE_ECN: 1 << 0,
  RTAX_FEATURE_SACK: 1 << 1,
  RTAX_FEATURE_TIMESTAMP: 1 << 2,
  RTAX_FEATURE_ALLFRAG: 1 << 3,
  RTAX_FEATURE_TCP_USEC_TS: 1 << 4,
} as const;

/** The RTA_METRICS declarations (`RTAX_*`); times are in milliseconds. */
const METRICS: readonly AttrDecl[] = [
  [1, 'RTAX_LOCK', flagsOf(u32, RTAX_LOCK_BITS)],
  [2, 'RTAX_MTU', u32],
  [3, 'RTAX_WINDOW', u32],
  [4, 'RTAX_RTT', u32],
  [5, 'RTAX_RTTVAR', u32],
  [6, 'RTAX_SSTHRESH', u32],
  [7, 'RTAX_CWND', u32],
  [8, 'RTAX_ADVMSS', u32],
  [9, 'RTAX_REORDERING', u32],
  [10, 'RTAX_HOPLIMIT', u32],
  [11, 'RTAX_INITCWND', u32],
  [12, 'RTAX_FEATURES', flagsOf(u32, RTAX_FEATURE)],
  [13, 'RTAX_RTO_MIN', u32],
  [14, 'RTAX_INITRWND', u32],
  [15, 'RTAX_QUICKACK', u32],
  [16, 'RTAX_CC_ALGO', string(16)],
  [17, 'RTAX_FASTOPEN_NO_COOKIE', u32],
];

/** RTA_METRICS payload (`RTAX_*`); times are in milliseconds. */
export const metricsAttrs = attrSet('RTAX', 'RTAX_', METRICS);

/** Route metric numbers (`RTAX_*`) by kernel name, read from the RTA_METRICS declaration above (without building its tables). */
export const RTAX: Readonly<Record<string, number>> = Object.fromEntries(METRICS.map((d) => [d[1], d[0]]));

/** `struct rta_cacheinfo`; rta_lastuse and rta_expires in clock ticks (USER_HZ). */
export const rtaCacheinfo = struct('rta_cacheinfo', 'rta_', [
  ['rta_clntref', u32],
  ['rta_lastuse', u32],
  ['rta_expires', s32],
  ['rta_error', u32],
  ['rta_used', u32],
  ['rta_id', u32],
  ['rta_ts', u32],
  ['rta_tsage', u32],
]);

/** `struct rta_mfc_stats`: counters of a multicast forwarding cache entry (IPMR routes). */
export const rtaMfcStats = struct('rta_mfc_stats', 'mfcs_', [
  ['mfcs_packets', u64],
  ['mfcs_bytes', u64],
  ['mfcs_wrong_if', u64],
]);

const afKind = enumOf(u16, AF);

/** RTA_VIA: `struct rtvia { __kernel_sa_family_t family; __u8 addr[]; }`, as `{family, addr}`. */
export const rtvia: Kind<{ family: number; addr: string }> = {
  label: 'rtvia',
  spec: { t: 'custom', label: 'rtvia', ts: '{ family: number; addr: string }' },
  decode(src, off, len) {
    if (len < 2) throw new DecodeError(`rtvia: expected at least 2 bytes, got ${len}`, off);
    const family = src.dv.getUint16(off, true);
    const n = len - 2;
    const addr = n === 4 ? formatIPv4(src.u8, off + 2) : n === 16 ? formatIPv6(src.u8, off + 2) : Array.from(src.u8.subarray(off + 2, off + len), (b) => b.toString(16).padStart(2, '0')).join(':');
    return { family, addr };
  },
  encode(w, v) {
    if (!v || typeof v !== 'object') throw new EncodeError('rtvia: expected {family, addr}');
    afKind.encode(w, v.family);
    w.bytes(parseIP(v.addr));
  },
  size: (v) => 2 + (v.addr.includes(':') ? 16 : 4),
  format: (v) => `${afKind.format(v.family)} ${v.addr}`,
  json: (v) => ({ family: afKind.json(v.family), addr: v.addr }),
};

export const routeAttrs = attrSet('RTA', 'RTA_', () => [
  [1, 'RTA_DST', ip],
  [2, 'RTA_SRC', ip],
  [3, 'RTA_IIF', u32, { unit: 'ifindex' }],
  [4, 'RTA_OIF', u32, { unit: 'ifindex' }],
  [5, 'RTA_GATEWAY', ip],
  [6, 'RTA_PRIORITY', u32, { unit: 'metric (lower wins)' }],
  [7, 'RTA_PREFSRC', ip],
  [8, 'RTA_METRICS', nested(() => metricsAttrs)],
  [9, 'RTA_MULTIPATH', multipath(() => routeAttrs)],
  [10, 'RTA_PROTOINFO', binary()], // unused: no longer sent or read by the kernel
  [11, 'RTA_FLOW', u32],
  [12, 'RTA_CACHEINFO', rtaCacheinfo],
  [13, 'RTA_SESSION', binary()], // unused: no longer sent or read by the kernel
  [14, 'RTA_MP_ALGO', binary()], // unused: no longer sent or read by the kernel
  [15, 'RTA_TABLE', u32],
  [16, 'RTA_MARK', u32],
  [17, 'RTA_MFC_STATS', rtaMfcStats],
  [18, 'RTA_VIA', rtvia],
  // MPLS label stack entries, each label << 12 | TC << 9 | bottom-of-stack << 8 | TTL, network byte order.
  [19, 'RTA_NEWDST', arrayOf(u32be, 'mpls_label[]')],
  [20, 'RTA_PREF', enumOf(u8, ICMPV6_ROUTER_PREF)],
  [21, 'RTA_ENCAP_TYPE', enumOf(u16, LWTUNNEL_ENCAP)],
  // Typed by RTA_ENCAP_TYPE, a number (LWTUNNEL_ENCAP_*): kept opaque here, as
  // the schema's dependent() selects a payload by a sibling's string value only.
  [22, 'RTA_ENCAP', binary()],
  [23, 'RTA_EXPIRES', u32],
  [24, 'RTA_PAD', binary()], // padding before 64-bit attributes (RTA_MFC_STATS), no value
  [25, 'RTA_UID', u32],
  [26, 'RTA_TTL_PROPAGATE', u8],
  [27, 'RTA_IP_PROTO', u8],
  [28, 'RTA_SPORT', u16be],
  [29, 'RTA_DPORT', u16be],
  [30, 'RTA_NH_ID', u32],
  [31, 'RTA_FLOWLABEL', u32be],
]);
