/**
 * Every family tsnetlink declares, one line each. The rest follows from
 * this list: the NETLINK_ROUTE registry the codec decodes, encodes and
 * explains with (and the arbitraries draw from), the handle's facets,
 * the monitor's groups and events, `tsip`'s objects and help, and the
 * kernel fuzzer's operations and safety rules. See docs/adding-a-family.md.
 */
import { protocol, type MessageDef, type Protocol } from '../netlink/protocol.js';
import type { RtnetlinkDefs } from './message-types.js';
import type { FamilyUnit, GenericUnit } from './unit.js';
import { GenericProtocol } from '../genl/protocol.js';
import { RTM } from '../rtnl/constants.js';
import address from './address/index.js';
import addrlabel from './addrlabel/index.js';
import ethtool from './ethtool/index.js';
import link from './link/index.js';
import mdb from './mdb/index.js';
import mptcp from './mptcp/index.js';
import neigh from './neigh/index.js';
import neightbl from './neightbl/index.js';
import netconf from './netconf/index.js';
import netdev from './netdev/index.js';
import nexthop from './nexthop/index.js';
import nlctrl from './nlctrl/index.js';
import nsid from './nsid/index.js';
import prefix from './prefix/index.js';
import route from './route/index.js';
import rule from './rule/index.js';
import stats from './stats/index.js';
import tc from './tc/index.js';
import tcpMetrics from './tcp-metrics/index.js';
import vlan from './vlan/index.js';

export const FAMILIES = [link, address, route, neigh, rule, nexthop, nsid, netconf, stats, neightbl, addrlabel, mdb, vlan, prefix, tc] as const;

/** Generic netlink families. */
export const GENERIC_FAMILIES = [nlctrl, ethtool, mptcp, tcpMetrics, netdev] as const;

/** One of {@link FAMILIES} or {@link GENERIC_FAMILIES}, with every literal type of its unit. */
export type Family = (typeof FAMILIES)[number] | (typeof GENERIC_FAMILIES)[number];

/** {@link FAMILIES} as plain units, to walk over. */
export const UNITS: readonly FamilyUnit[] = FAMILIES;

/** {@link GENERIC_FAMILIES} as plain units. */
export const GENERIC_UNITS: readonly GenericUnit[] = GENERIC_FAMILIES;

/** Every unit, rtnetlink's and generic netlink's: for the handle's facets and tsip's objects. */
export const ALL_UNITS: readonly (FamilyUnit | GenericUnit)[] = [...UNITS, ...GENERIC_UNITS];

/**
 * NETLINK_GENERIC with every declared family: a new protocol object each
 * call, since each binds family ids as it learns them (one per socket, or
 * per capture).
 */
export function genericProtocol(): GenericProtocol {
  return new GenericProtocol(GENERIC_UNITS.map((u) => u.genl));
}

/**
 * NETLINK_ROUTE as far as tsnetlink declares it: every family's messages,
 * typed by the declarations generated from them (message-types.ts), and
 * the names of the RTM_* types no family declares yet.
 */
export const rtnetlink: Protocol<RtnetlinkDefs> = protocol('NETLINK_ROUTE', UNITS.flatMap((f) => f.messages), RTM) as Protocol<RtnetlinkDefs>;

/** Each rtnetlink message definition's unit, made on first use. */
let unitByDef: ReadonlyMap<MessageDef, FamilyUnit> | undefined;

/**
 * The unit that declares message definition `def` of `proto` (a resolved
 * message's `def`): the rtnetlink family it is one of the definitions of,
 * or in a NETLINK_GENERIC protocol the generic family it was made from.
 * Undefined when no unit here declares it.
 */
export function unitOfMessage(proto: Protocol, def: MessageDef): FamilyUnit | GenericUnit | undefined {
  if (proto instanceof GenericProtocol) {
    const family = proto.family(def.name);
    return family === undefined ? undefined : GENERIC_UNITS.find((u) => u.genl === family);
  }
  unitByDef ??= new Map(UNITS.flatMap((u) => u.messages.map((d) => [d, u] as const)));
  return unitByDef.get(def);
}
