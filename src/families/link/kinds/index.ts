/**
 * IFLA_INFO_DATA / IFLA_INFO_SLAVE_DATA declarations of the link kinds
 * beyond veth, bridge, macvlan and vxlan (see ../linkinfo.ts, which types
 * the payload by IFLA_INFO_KIND): one file per kind or per shared enum.
 */
export { amtAttrs, AMT_MODE } from './amt.js';
export { bareudpAttrs, BAREUDP_ETHERTYPE } from './bareudp.js';
export {
  bondAttrs,
  bondAdInfoAttrs,
  BOND_MODE,
  BOND_XMIT_POLICY,
  BOND_ARP_VALIDATE,
  BOND_ARP_TARGETS,
  BOND_PRI_RESELECT,
  BOND_FOM,
  AD_LACP,
  BOND_AD_SELECT,
} from './bond.js';
export { bondSlaveAttrs, BOND_STATE, BOND_LINK, LACP_STATE } from './bond-slave.js';
export { geneveAttrs, iflaGenevePortRange, GENEVE_DF } from './geneve.js';
export { greAttrs, ip6greAttrs } from './gre.js';
export { gtpAttrs, GTP_ROLE } from './gtp.js';
export { hsrAttrs, HSR_PROTOCOL } from './hsr.js';
export { ip6tnlAttrs } from './ip6tnl.js';
export { ipoibAttrs, IPOIB_MODE } from './ipoib.js';
export { iptunAttrs, SIT_FLAG } from './iptun.js';
export { ipvlanAttrs, IPVLAN_MODE, IPVLAN_F } from './ipvlan.js';
export { macsecAttrs, MACSEC_VALIDATE, MACSEC_OFFLOAD } from './macsec.js';
export { netkitAttrs, NETKIT_ACTION, NETKIT_MODE, NETKIT_SCRUB, NETKIT_PAIRING } from './netkit.js';
export { rmnetAttrs, iflaRmnetFlags, RMNET_FLAGS } from './rmnet.js';
export { dsaAttrs, pppAttrs, ovpnAttrs, wwanAttrs, OVPN_MODE } from './small.js';
export { tunAttrs, TUN_TYPE } from './tun.js';
export { TUNNEL_ENCAP, TUNNEL_ENCAP_FLAG, GRE_FLAG, IP6_TNL_F } from './tunnel.js';
export { vlanAttrs, vlanQosAttrs, iflaVlanFlags, iflaVlanQosMapping, VLAN_FLAG } from './vlan.js';
export { vrfAttrs, vrfPortAttrs } from './vrf.js';
export { vtiAttrs, vti6Attrs } from './vti.js';
export { xfrmAttrs } from './xfrm.js';
