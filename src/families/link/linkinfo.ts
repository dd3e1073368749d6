/**
 * IFLA_LINKINFO: the link's driver ("kind") and its driver-specific
 * settings (`enum { IFLA_INFO_* }` in `linux/if_link.h`, Linux 6.18 /
 * iproute2's include/uapi as fetched).
 *
 * IFLA_INFO_DATA is typed by the sibling IFLA_INFO_KIND, IFLA_INFO_SLAVE_DATA
 * by IFLA_INFO_SLAVE_KIND (the kind of the master the link is enslaved
 * to). Kinds declared here: veth, bridge, macvlan, macvtap, vxlan; slave
 * kind bridge. `ifb` (and `dummy`, `lo`...) send no IFLA_INFO_DATA at all.
 * Any other kind decodes to opaque bytes and re-encodes unchanged.
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
});

/** IFLA_INFO_SLAVE_DATA kinds by IFLA_INFO_SLAVE_KIND. */
export const infoSlaveDataKinds = (): Readonly<Record<string, Kind>> => ({
  bridge: nested(() => bridgePortAttrs),
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
export const linkInfoAttrs = attrSet('IFLA_INFO', 'IFLA_INFO_', [
  [1, 'IFLA_INFO_KIND', string()], // iproute2 sends it without the NUL; kept as sent
  [2, 'IFLA_INFO_DATA', dependent('kind', infoDataKinds, bytes, 'IFLA_INFO_DATA')],
  // Driver-specific extended statistics (e.g. CAN): opaque.
  [3, 'IFLA_INFO_XSTATS', bytes],
  [4, 'IFLA_INFO_SLAVE_KIND', string()],
  [5, 'IFLA_INFO_SLAVE_DATA', slaveData],
]);
