/**
 * Link (RTM_*LINK) declarations: the `ifinfomsg` header and every IFLA_*
 * attribute set, as of Linux 6.18 (iproute2's include/uapi as fetched).
 */
export { ifinfomsg, type IfInfoMsg } from './header.js';
export { linkAttrs, linkAttrDecls, propListAttrs, protoDownReasonAttrs, devlinkPortAttrs, dpllPinAttrs, RTEXT_FILTER, IFLA_EVENT } from './attrs.js';
export { bridgeLinkAttrs, inet6LinkAttrs, linkAttrsFor } from './by-family.js';
export { rtnlLinkStats, rtnlLinkStats64, rtnlLinkIfmap } from './stats.js';
export { linkInfoAttrs, infoDataKinds, infoSlaveDataKinds } from './linkinfo.js';
export { vethAttrs } from './veth.js';
export { bridgeAttrs, bridgeQuerierAttrs, brBooloptMulti, BRIDGE_VLAN_PROTOCOL, MDB_RTR_TYPE, BR_BOOLOPT, BR_STP_MODE } from './bridge.js';
export { bridgePortAttrs, BR_STATE } from './bridge-port.js';
export { bridgeAfAttrs, bridgeVlanInfo, bridgeVlanTunnelAttrs, BRIDGE_FLAGS, BRIDGE_MODE, BRIDGE_VLAN_INFO } from './bridge-af.js';
export { macvlanAttrs, macvlanMacaddrAttrs, MACVLAN_MODE, MACVLAN_MACADDR, MACVLAN_FLAG } from './macvlan.js';
export { vxlanAttrs, iflaVxlanPortRange, VXLAN_DF, VXLAN_LABEL } from './vxlan.js';
export {
  afSpecAttrs,
  inetAttrs,
  inet6Attrs,
  mctpAttrs,
  ipv4DevconfAttrs,
  ipv4Devconf,
  ipv6Devconf,
  ipstatsMib,
  icmp6Mib,
  iflaCacheinfo,
  IN6_ADDR_GEN_MODE,
  IF_RA,
} from './af-spec.js';
export { IPV4_DEVCONF_NAMES, IPV6_DEVCONF_NAMES, IPSTATS_MIB_NAMES, ICMP6_MIB_NAMES } from './devconf.js';
export { xdpAttrs, XDP_FLAGS, XDP_ATTACHED } from './xdp.js';
export { vfInfoListAttrs, vfInfoAttrs, vfStatsAttrs, vfVlanListAttrs, vfPortsAttrs, portAttrs, IFLA_VF_LINK_STATE, PORT_REQUEST, PORT_RESPONSE } from './vf.js';
export { bridgeId, parseBridgeId, flagOrU8 } from './kinds.js';
export { uint } from '../../schema/uint.js';
