/**
 * tsnetlink: Linux rtnetlink in TypeScript.
 *
 * - The API: {@link open} a handle on a namespace (links, addresses,
 *   routes), namespaces, {@link monitor}.
 * - The codec: {@link decodeMessages}, {@link encodeMessage},
 *   {@link explainMessages}, the {@link rtnetlink} registry and the
 *   declarations under it.
 * - The transport, for other uses: {@link Connection}, {@link SocketPort},
 *   {@link HelperPort}. A fake kernel and the request builders are in
 *   `tsnetlink/testing`.
 */
export { open, Handle, setMaxHelpers, defaultNetnsMode, DEFAULT_MAX_HELPERS, DEFAULT_HELPER_IDLE_MS, NETNS_MODE_ENV, type NetnsMode, type OpenOptions, type Facets } from './api/handle.js';
export { LinkFacet, type LinkSetOptions } from './families/link/api.js';
export { AddressFacet, type AddressOptions } from './families/address/api.js';
export { RouteFacet, type RouteOptions } from './families/route/api.js';
export { NsidFacet, type NsidEntry } from './families/nsid/api.js';
export type { NetnsSpec } from './api/netns-socket.js';
export { LINK_KINDS, MACVLAN_MODES, type LinkAddOptions, type LinkKind, type MacvlanMode, type VethAddOptions, type VethPeer, type BridgeAddOptions, type IfbAddOptions, type MacvlanAddOptions, type VxlanAddOptions, type VxlanOptions } from './families/link/spec.js';
export { listNetns, addNetns, deleteNetns } from './netns/registry.js';
export { monitor, Monitor, type MonitorEvent, type MonitorOptions, type MonitorObject } from './api/monitor.js';
export { monitorGeneric, GenlMonitor, type GenlEvent, type GenlMonitorEvent, type GenlMonitorOptions } from './api/genl-monitor.js';
export { GenlFamilyNotFoundError, type GenlFamilyInfo } from './transport/genl-client.js';
export { genlFamily, type GenlCommand, type GenlFamilyDef } from './genl/family.js';
export type { Link } from './families/link/view.js';
export type { Address } from './families/address/view.js';
export type { Route, ProtocolName, RouteTypeName } from './families/route/view.js';
export type { ScopeName } from './rtnl/words.js';
export { LINK_KIND_NAMES, type LinkKindName, type KnownLinkKind, type UnknownLinkKind } from './families/link/linkinfo.js';
export { InvalidArgumentError, DeviceNotFoundError, isInvalidArgumentError, isDeviceNotFoundError } from './api/errors.js';

export { KernelError, TransportError, TimeoutError, DumpInterruptedError, isKernelError, isTransportError, isTimeoutError, isDumpInterruptedError } from './transport/errors.js';
export { Connection } from './transport/connection.js';
export type { ConnectionOptions, ConnectionStats, RequestOptions, DumpOptions } from './transport/options.js';
export { SocketPort, type SocketPortOptions, type SocketPortFeatures } from './transport/socket-port.js';
export { ffiAvailable, ffiUnavailableReason, FfiUnavailableError, isFfiUnavailableError, FFI_ENV } from './sys/ffi.js';
export { inNetns, currentNetnsInode, ownNetnsInode, SyscallError, isSyscallError, type NetnsTarget } from './sys/netns-thread.js';
export type { NetlinkPort, DatagramInfo } from './transport/port.js';
export { HelperPort, HelperError, isHelperError, liveHelpers, NetnsError, isNetnsError, NetnsNameError, isNetnsNameError, validateNetnsName, type NetnsChangeOptions, type NetnsMethod } from './netns/index.js';

export { decodeMessages, decodeMessage, encodeMessage, encodeMessages, messageLength, type Message } from './netlink/message.js';
export { explainMessages, checkTiling, messageTypeName } from './netlink/explain.js';
export { messageToJSON } from './netlink/json.js';
export { protocol, type Protocol, type MessageDef } from './netlink/protocol.js';
export { rtnetlink, FAMILIES, type Family } from './families/registry.js';
export { defineFamily, type FamilyUnit } from './families/unit.js';
/** rtnetlink's constants, kernel spelling (`rtnl.RTM.RTM_NEWLINK`, `rtnl.IFF.IFF_UP`, `rtnl.RT_SCOPE`...). */
export * as rtnl from './rtnl/constants.js';
/** netlink's own constants, kernel spelling (`nl.NLM_F_REQUEST`, `nl.NLMSG_ERROR`, `nl.NETLINK_OPT`...). */
export * as nl from './core/constants.js';
export { DecodeError, EncodeError, isDecodeError, isEncodeError } from './core/errors.js';
export { errnoName, strerror } from './core/errno.js';
export { renderRows } from './explain/text.js';
export { PcapWriter } from './pcap/writer.js';
export type { Row } from './schema/kind.js';
