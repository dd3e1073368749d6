/**
 * rtnetlink constants shared by several families, spelled as in the kernel
 * UAPI headers (`linux/rtnetlink.h`, `linux/if.h`, `linux/if_arp.h`,
 * `linux/socket.h`) of Linux 6.18. `test/rtnl/headers.test.ts` checks them
 * against the headers installed on the machine.
 */

/** rtnetlink message types (`RTM_*`) used here. */
export const RTM = {
  RTM_NEWLINK: 16,
  RTM_DELLINK: 17,
  RTM_GETLINK: 18,
  RTM_SETLINK: 19,
  RTM_NEWADDR: 20,
  RTM_DELADDR: 21,
  RTM_GETADDR: 22,
  RTM_NEWROUTE: 24,
  RTM_DELROUTE: 25,
  RTM_GETROUTE: 26,
  RTM_NEWNSID: 88,
  RTM_DELNSID: 89,
  RTM_GETNSID: 90,
} as const;

/** Address families (`AF_*`, from `bits/socket.h`). */
export const AF = {
  AF_UNSPEC: 0,
  AF_UNIX: 1,
  AF_INET: 2,
  AF_BRIDGE: 7,
  AF_INET6: 10,
  AF_NETLINK: 16,
  AF_PACKET: 17,
  AF_MPLS: 28,
} as const;
export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_BRIDGE = 7;
export const AF_INET6 = 10;

/** Interface flags (`enum net_device_flags`, `linux/if.h`). */
export const IFF = {
  IFF_UP: 1 << 0,
  IFF_BROADCAST: 1 << 1,
  IFF_DEBUG: 1 << 2,
  IFF_LOOPBACK: 1 << 3,
  IFF_POINTOPOINT: 1 << 4,
  IFF_NOTRAILERS: 1 << 5,
  IFF_RUNNING: 1 << 6,
  IFF_NOARP: 1 << 7,
  IFF_PROMISC: 1 << 8,
  IFF_ALLMULTI: 1 << 9,
  IFF_MASTER: 1 << 10,
  IFF_SLAVE: 1 << 11,
  IFF_MULTICAST: 1 << 12,
  IFF_PORTSEL: 1 << 13,
  IFF_AUTOMEDIA: 1 << 14,
  IFF_DYNAMIC: 1 << 15,
  IFF_LOWER_UP: 1 << 16,
  IFF_DORMANT: 1 << 17,
  IFF_ECHO: 1 << 18,
} as const;
export const IFF_UP = 1;

/** Hardware types (`ARPHRD_*`, `linux/if_arp.h`). */
export const ARPHRD = {
  ARPHRD_NETROM: 0,
  ARPHRD_ETHER: 1,
  ARPHRD_EETHER: 2,
  ARPHRD_AX25: 3,
  ARPHRD_PRONET: 4,
  ARPHRD_CHAOS: 5,
  ARPHRD_IEEE802: 6,
  ARPHRD_ARCNET: 7,
  ARPHRD_APPLETLK: 8,
  ARPHRD_DLCI: 15,
  ARPHRD_ATM: 19,
  ARPHRD_METRICOM: 23,
  ARPHRD_IEEE1394: 24,
  ARPHRD_EUI64: 27,
  ARPHRD_INFINIBAND: 32,
  ARPHRD_SLIP: 256,
  ARPHRD_CSLIP: 257,
  ARPHRD_SLIP6: 258,
  ARPHRD_CSLIP6: 259,
  ARPHRD_RSRVD: 260,
  ARPHRD_ADAPT: 264,
  ARPHRD_ROSE: 270,
  ARPHRD_X25: 271,
  ARPHRD_HWX25: 272,
  ARPHRD_CAN: 280,
  ARPHRD_MCTP: 290,
  ARPHRD_PPP: 512,
  ARPHRD_CISCO: 513,
  ARPHRD_LAPB: 516,
  ARPHRD_DDCMP: 517,
  ARPHRD_RAWHDLC: 518,
  ARPHRD_RAWIP: 519,
  ARPHRD_TUNNEL: 768,
  ARPHRD_TUNNEL6: 769,
  ARPHRD_FRAD: 770,
  ARPHRD_SKIP: 771,
  ARPHRD_LOOPBACK: 772,
  ARPHRD_LOCALTLK: 773,
  ARPHRD_FDDI: 774,
  ARPHRD_BIF: 775,
  ARPHRD_SIT: 776,
  ARPHRD_IPDDP: 777,
  ARPHRD_IPGRE: 778,
  ARPHRD_PIMREG: 779,
  ARPHRD_HIPPI: 780,
  ARPHRD_ASH: 781,
  ARPHRD_ECONET: 782,
  ARPHRD_IRDA: 783,
  ARPHRD_FCPP: 784,
  ARPHRD_FCAL: 785,
  ARPHRD_FCPL: 786,
  ARPHRD_FCFABRIC: 787,
  ARPHRD_IEEE802_TR: 800,
  ARPHRD_IEEE80211: 801,
  ARPHRD_IEEE80211_PRISM: 802,
  ARPHRD_IEEE80211_RADIOTAP: 803,
  ARPHRD_IEEE802154: 804,
  ARPHRD_IEEE802154_MONITOR: 805,
  ARPHRD_PHONET: 820,
  ARPHRD_PHONET_PIPE: 821,
  ARPHRD_CAIF: 822,
  ARPHRD_IP6GRE: 823,
  ARPHRD_NETLINK: 824,
  ARPHRD_6LOWPAN: 825,
  ARPHRD_VSOCKMON: 826,
  ARPHRD_VOID: 0xffff,
  ARPHRD_NONE: 0xfffe,
} as const;

/** RFC 2863 operational state (`IF_OPER_*`, `linux/if.h`). */
export const IF_OPER = {
  IF_OPER_UNKNOWN: 0,
  IF_OPER_NOTPRESENT: 1,
  IF_OPER_DOWN: 2,
  IF_OPER_LOWERLAYERDOWN: 3,
  IF_OPER_TESTING: 4,
  IF_OPER_DORMANT: 5,
  IF_OPER_UP: 6,
} as const;

/** Link mode (`IF_LINK_MODE_*`, `linux/if.h`). */
export const IF_LINK_MODE = {
  IF_LINK_MODE_DEFAULT: 0,
  IF_LINK_MODE_DORMANT: 1,
  IF_LINK_MODE_TESTING: 2,
} as const;

/** Route and address scopes (`enum rt_scope_t`). */
export const RT_SCOPE = {
  RT_SCOPE_UNIVERSE: 0,
  RT_SCOPE_SITE: 200,
  RT_SCOPE_LINK: 253,
  RT_SCOPE_HOST: 254,
  RT_SCOPE_NOWHERE: 255,
} as const;

/** Route types (`RTN_*`). */
export const RTN = {
  RTN_UNSPEC: 0,
  RTN_UNICAST: 1,
  RTN_LOCAL: 2,
  RTN_BROADCAST: 3,
  RTN_ANYCAST: 4,
  RTN_MULTICAST: 5,
  RTN_BLACKHOLE: 6,
  RTN_UNREACHABLE: 7,
  RTN_PROHIBIT: 8,
  RTN_THROW: 9,
  RTN_NAT: 10,
  RTN_XRESOLVE: 11,
} as const;

/** Route origin (`RTPROT_*`). */
export const RTPROT = {
  RTPROT_UNSPEC: 0,
  RTPROT_REDIRECT: 1,
  RTPROT_KERNEL: 2,
  RTPROT_BOOT: 3,
  RTPROT_STATIC: 4,
  RTPROT_GATED: 8,
  RTPROT_RA: 9,
  RTPROT_MRT: 10,
  RTPROT_ZEBRA: 11,
  RTPROT_BIRD: 12,
  RTPROT_DNROUTED: 13,
  RTPROT_XORP: 14,
  RTPROT_NTK: 15,
  RTPROT_DHCP: 16,
  RTPROT_MROUTED: 17,
  RTPROT_KEEPALIVED: 18,
  RTPROT_BABEL: 42,
  RTPROT_OVN: 84,
  RTPROT_OPENR: 99,
  RTPROT_BGP: 186,
  RTPROT_ISIS: 187,
  RTPROT_OSPF: 188,
  RTPROT_RIP: 189,
  RTPROT_EIGRP: 192,
} as const;

/** Reserved routing table ids (`enum rt_class_t`). */
export const RT_TABLE = {
  RT_TABLE_UNSPEC: 0,
  RT_TABLE_COMPAT: 252,
  RT_TABLE_DEFAULT: 253,
  RT_TABLE_MAIN: 254,
  RT_TABLE_LOCAL: 255,
} as const;

/** Next-hop flags (`RTNH_F_*`). */
export const RTNH_F = {
  RTNH_F_DEAD: 1,
  RTNH_F_PERVASIVE: 2,
  RTNH_F_ONLINK: 4,
  RTNH_F_OFFLOAD: 8,
  RTNH_F_LINKDOWN: 16,
  RTNH_F_UNRESOLVED: 32,
  RTNH_F_TRAP: 64,
} as const;

/** rtm_flags (`RTM_F_*`); the low byte carries the RTNH_F_* next-hop flags. */
export const RTM_F = {
  ...RTNH_F,
  RTM_F_NOTIFY: 0x100,
  RTM_F_CLONED: 0x200,
  RTM_F_EQUALIZE: 0x400,
  RTM_F_PREFIX: 0x800,
  RTM_F_LOOKUP_TABLE: 0x1000,
  RTM_F_FIB_MATCH: 0x2000,
  RTM_F_OFFLOAD: 0x4000,
  RTM_F_TRAP: 0x8000,
  RTM_F_OFFLOAD_FAILED: 0x20000000,
} as const;

/** Multicast groups (`enum rtnetlink_groups`) used by monitor. */
export const RTNLGRP = {
  RTNLGRP_LINK: 1,
  RTNLGRP_NOTIFY: 2,
  RTNLGRP_NEIGH: 3,
  RTNLGRP_TC: 4,
  RTNLGRP_IPV4_IFADDR: 5,
  RTNLGRP_IPV4_MROUTE: 6,
  RTNLGRP_IPV4_ROUTE: 7,
  RTNLGRP_IPV4_RULE: 8,
  RTNLGRP_IPV6_IFADDR: 9,
  RTNLGRP_IPV6_MROUTE: 10,
  RTNLGRP_IPV6_ROUTE: 11,
  RTNLGRP_IPV6_IFINFO: 12,
  RTNLGRP_NSID: 28,
} as const;
