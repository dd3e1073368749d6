/**
 * IFLA_LINKINFO: the link's driver ("kind") and its driver-specific
 * settings (`enum { IFLA_INFO_* }` in `linux/if_link.h`, Linux 6.18 /
 * iproute2's include/uapi as fetched).
 *
 * IFLA_INFO_DATA is typed by the sibling IFLA_INFO_KIND, IFLA_INFO_SLAVE_DATA
 * by IFLA_INFO_SLAVE_KIND (the kind of the master the link is enslaved
 * to). Kinds declared: veth, bridge, macvlan, macvtap, vxlan here; in
 * `kinds/`: vlan, bond, vrf, geneve, gre, gretap, erspan, ip6gre,
 * ip6gretap, ip6erspan, ipip, sit, ip6tnl, vti, vti6, xfrm, macsec, ipvlan,
 * ipvtap, hsr, netkit, tun, bareudp, gtp, amt, ipoib, rmnet, dsa, ppp,
 * ovpn, wwan. Slave kinds: bridge, bond, vrf.
 *
 * `dummy`, `ifb`, `nlmon`, `wireguard`, `team`, `virt_wifi`, `lo` send no
 * IFLA_INFO_DATA at all (team and wireguard are configured over generic
 * netlink). Any other kind (can, vcan, vxcan, batadv, a newer driver)
 * decodes to opaque bytes and re-encodes unchanged.
 *
 * iproute2 changes a port's settings (`ip link set X type bridge_slave ...`)
 * with IFLA_INFO_KIND `bridge_slave` and IFLA_INFO_SLAVE_DATA but no
 * IFLA_INFO_SLAVE_KIND: the slave data is then typed by the kind minus its
 * `_slave` suffix.
 *
 * The kernel sends IFLA_LINKINFO, IFLA_INFO_DATA and IFLA_INFO_SLAVE_DATA
 * without NLA_F_NESTED.
 */
import { attrSet, dependent, nested, type AttrSet, type DependentKind } from '../../schema/attr-set.js';
import type { Kind } from '../../schema/kind.js';
import { bytes, string } from '../../schema/scalars.js';
import { bridgeAttrs } from './bridge.js';
import { bridgePortAttrs } from './bridge-port.js';
import { macvlanAttrs } from './macvlan.js';
import { vethAttrs } from './veth.js';
import { vxlanAttrs } from './vxlan.js';
import { amtAttrs } from './kinds/amt.js';
import { bareudpAttrs } from './kinds/bareudp.js';
import { bondAttrs } from './kinds/bond.js';
import { bondSlaveAttrs } from './kinds/bond-slave.js';
import { geneveAttrs } from './kinds/geneve.js';
import { greAttrs, ip6greAttrs } from './kinds/gre.js';
import { gtpAttrs } from './kinds/gtp.js';
import { hsrAttrs } from './kinds/hsr.js';
import { ip6tnlAttrs } from './kinds/ip6tnl.js';
import { ipoibAttrs } from './kinds/ipoib.js';
import { iptunAttrs } from './kinds/iptun.js';
import { ipvlanAttrs } from './kinds/ipvlan.js';
import { macsecAttrs } from './kinds/macsec.js';
import { netkitAttrs } from './kinds/netkit.js';
import { rmnetAttrs } from './kinds/rmnet.js';
import { dsaAttrs, ovpnAttrs, pppAttrs, wwanAttrs } from './kinds/small.js';
import { tunAttrs } from './kinds/tun.js';
import { vlanAttrs } from './kinds/vlan.js';
import { vrfAttrs, vrfPortAttrs } from './kinds/vrf.js';
import { vti6Attrs, vtiAttrs } from './kinds/vti.js';
import { xfrmAttrs } from './kinds/xfrm.js';

/**
 * Link kinds (IFLA_INFO_KIND) the kernel has drivers for: those the
 * kernel's rt-link spec types IFLA_INFO_DATA for, those declared here, and
 * common drivers that send no data. A kernel may report others.
 */
export const LINK_KIND_NAMES = [
  // The rt-link YNL spec's linkinfo-data-msg formats.
  'bond', 'bridge', 'erspan', 'gre', 'gretap', 'ip6gre', 'geneve', 'hsr', 'ipip', 'ip6tnl', 'sit', 'tun', 'vlan', 'vrf', 'vti', 'vti6', 'netkit', 'ovpn',
  // Declared here.
  'veth', 'macvlan', 'macvtap', 'vxlan',
  // Other drivers iproute2 creates or shows.
  'ifb', 'dummy', 'nlmon', 'ipvlan', 'ipvtap', 'macsec', 'wireguard', 'team', 'gtp', 'bareudp', 'amt', 'xfrm', 'ip6erspan', 'ip6gretap', 'can', 'vcan', 'vxcan', 'batadv', 'rmnet', 'ipoib', 'openvswitch', 'virt_wifi', 'netdevsim',
  'dsa', 'ppp', 'wwan',
] as const;

/** A link kind the declarations know. */
export type KnownLinkKind = (typeof LINK_KIND_NAMES)[number];

/** A kind no declaration names (a newer driver): a string, kept apart so that `switch (kind)` narrows. */
export type UnknownLinkKind = string & { readonly unknownLinkKind: true };

/** IFLA_INFO_KIND as the views type it. */
export type LinkKindName = KnownLinkKind | UnknownLinkKind;

/** IFLA_INFO_DATA kinds by IFLA_INFO_KIND. */
export const infoDataKinds = (): Readonly<Record<string, Kind>> => ({
  veth: nested(() => vethAttrs),
  bridge: nested(() => bridgeAttrs),
  macvlan: nested(() => macvlanAttrs),
  macvtap: nested(() => macvlanAttrs),
  vxlan: nested(() => vxlanAttrs),
  vlan: nested(() => vlanAttrs),
  bond: nested(() => bondAttrs),
  vrf: nested(() => vrfAttrs),
  geneve: nested(() => geneveAttrs),
  gre: nested(() => greAttrs),
  gretap: nested(() => greAttrs),
  erspan: nested(() => greAttrs),
  ip6gre: nested(() => ip6greAttrs),
  ip6gretap: nested(() => ip6greAttrs),
  ip6erspan: nested(() => ip6greAttrs),
  ipip: nested(() => iptunAttrs),
  sit: nested(() => iptunAttrs),
  ip6tnl: nested(() => ip6tnlAttrs),
  vti: nested(() => vtiAttrs),
  vti6: nested(() => vti6Attrs),
  xfrm: nested(() => xfrmAttrs),
  macsec: nested(() => macsecAttrs),
  ipvlan: nested(() => ipvlanAttrs),
  ipvtap: nested(() => ipvlanAttrs),
  hsr: nested(() => hsrAttrs),
  netkit: nested(() => netkitAttrs),
  tun: nested(() => tunAttrs),
  bareudp: nested(() => bareudpAttrs),
  gtp: nested(() => gtpAttrs),
  amt: nested(() => amtAttrs),
  ipoib: nested(() => ipoibAttrs),
  rmnet: nested(() => rmnetAttrs),
  dsa: nested(() => dsaAttrs),
  ppp: nested(() => pppAttrs),
  ovpn: nested(() => ovpnAttrs),
  wwan: nested(() => wwanAttrs),
});

/** IFLA_INFO_SLAVE_DATA kinds by IFLA_INFO_SLAVE_KIND. */
export const infoSlaveDataKinds = (): Readonly<Record<string, Kind>> => ({
  bridge: nested(() => bridgePortAttrs),
  bond: nested(() => bondSlaveAttrs),
  vrf: nested(() => vrfPortAttrs),
});

/** The parent as the slave-data selector should see it (`bridge_slave` kind stands for slave kind `bridge`). */
function withSlaveKind(parent?: Record<string, unknown>): Record<string, unknown> | undefined {
  if (parent === undefined || parent.slaveKind !== undefined) return parent;
  const kind = parent.kind;
  if (typeof kind !== 'string' || !kind.endsWith('_slave')) return parent;
  return { ...parent, slaveKind: kind.slice(0, -'_slave'.length) };
}

/** IFLA_INFO_SLAVE_DATA: typed by IFLA_INFO_SLAVE_KIND, else by an IFLA_INFO_KIND ending in `_slave`. */
const slaveData: DependentKind = (() => {
  const inner = dependent('slaveKind', infoSlaveDataKinds, bytes, 'IFLA_INFO_SLAVE_DATA');
  return {
    ...inner,
    decode: (src, off, len, parent) => inner.decode(src, off, len, withSlaveKind(parent)),
    encode: (w, v, parent) => inner.encode(w, v, withSlaveKind(parent)),
    size: (v, parent) => inner.size(v, withSlaveKind(parent)),
    json: (v, parent) => inner.json(v, withSlaveKind(parent)),
    explain: (src, off, len, ctx, parent) => inner.explain!(src, off, len, ctx, withSlaveKind(parent)),
  };
})();

/** `IFLA_INFO_*`, nested in IFLA_LINKINFO. */
export const linkInfoAttrs = attrSet('IFLA_INFO', 'IFLA_INFO_', () => [
  [1, 'IFLA_INFO_KIND', string()], // iproute2 sends it without the NUL; kept as sent
  [2, 'IFLA_INFO_DATA', dependent('kind', infoDataKinds, bytes, 'IFLA_INFO_DATA')],
  // Driver-specific extended statistics (e.g. CAN): opaque.
  [3, 'IFLA_INFO_XSTATS', bytes],
  [4, 'IFLA_INFO_SLAVE_KIND', string()],
  [5, 'IFLA_INFO_SLAVE_DATA', slaveData],
]);
