/**
 * Values shared by the IP tunnel kinds (gre, ipip, sit, ip6tnl and their
 * relatives): `enum tunnel_encap_types`, TUNNEL_ENCAP_FLAG_* and the GRE
 * header bits in `linux/if_tunnel.h`, IP6_TNL_F_* in `linux/ip6_tunnel.h`
 * (Linux 6.18 / iproute2's include/uapi as fetched).
 */

/** IFLA_*_ENCAP_TYPE values (`enum tunnel_encap_types`): the UDP encapsulation (FOU, GUE) around the tunnel. */
export const TUNNEL_ENCAP = {
  TUNNEL_ENCAP_NONE: 0,
  TUNNEL_ENCAP_FOU: 1,
  TUNNEL_ENCAP_GUE: 2,
  TUNNEL_ENCAP_MPLS: 3,
} as const;

/** IFLA_*_ENCAP_FLAGS bits (`TUNNEL_ENCAP_FLAG_*`). */
export const TUNNEL_ENCAP_FLAG = {
  TUNNEL_ENCAP_FLAG_CSUM: 1 << 0,
  TUNNEL_ENCAP_FLAG_CSUM6: 1 << 1,
  TUNNEL_ENCAP_FLAG_REMCSUM: 1 << 2,
} as const;

/**
 * IFLA_GRE_IFLAGS / IFLA_GRE_OFLAGS bits: the flag bits of the GRE header
 * itself (`GRE_*`, defined as `__cpu_to_be16(...)`), as the big-endian u16
 * reads them. GRE_REC, GRE_FLAGS and GRE_VERSION are multi-bit fields, not
 * flags: they show as leftover hex.
 */
export const GRE_FLAG = {
  GRE_CSUM: 0x8000,
  GRE_ROUTING: 0x4000,
  GRE_KEY: 0x2000,
  GRE_SEQ: 0x1000,
  GRE_STRICT: 0x0800,
  GRE_ACK: 0x0080,
} as const;

/** IFLA_GRE_FLAGS (ip6gre) and IFLA_IPTUN_FLAGS (ip6tnl) bits (`IP6_TNL_F_*`, host order u32). */
export const IP6_TNL_F = {
  IP6_TNL_F_IGN_ENCAP_LIMIT: 0x1,
  IP6_TNL_F_USE_ORIG_TCLASS: 0x2,
  IP6_TNL_F_USE_ORIG_FLOWLABEL: 0x4,
  IP6_TNL_F_MIP6_DEV: 0x8,
  IP6_TNL_F_RCV_DSCP_COPY: 0x10,
  IP6_TNL_F_USE_ORIG_FWMARK: 0x20,
  IP6_TNL_F_ALLOW_LOCAL_REMOTE: 0x40,
} as const;
