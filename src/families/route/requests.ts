/**
 * Builders of route (RTM_*ROUTE) requests from checked, resolved arguments (names
 * already turned into indexes, namespaces into fds or NSIDs). Pure: they
 * return {@link Message}s and send nothing. The flags they set are the ones
 * iproute2 sets for the same command (see fixtures/); the connection adds
 * NLM_F_REQUEST and NLM_F_ACK or NLM_F_DUMP.
 */
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { AF_INET, AF_INET6, AF_UNSPEC, RT_SCOPE, RT_TABLE, RTM, RTN, RTPROT } from '../../rtnl/constants.js';
import { InvalidArgumentError } from '../../api/errors.js';

export interface RouteSpec {
  family: 4 | 6;
  /** Destination network; undefined for the default route. */
  dst?: string;
  dstLen: number;
  gateway?: string;
  oif?: number;
  metric?: number;
  table?: number;
  scope?: number;
  protocol?: number;
  prefsrc?: string;
}

/** RTM_NEWROUTE / RTM_DELROUTE as iproute2 builds them. */
export function routeChange(add: boolean, r: RouteSpec, replace = false): Message {
  const attrs: Record<string, unknown> = {};
  if (r.table !== undefined && r.table > 255) attrs.table = r.table;
  if (r.dst !== undefined) attrs.dst = r.dst;
  if (r.prefsrc !== undefined) attrs.prefsrc = r.prefsrc;
  if (r.gateway !== undefined) attrs.gateway = r.gateway;
  if (r.oif !== undefined) attrs.oif = r.oif;
  if (r.metric !== undefined) attrs.priority = r.metric;
  const table = r.table ?? RT_TABLE.RT_TABLE_MAIN;
  // iproute2: a route with no gateway is scope link, else universe (delete: nowhere).
  const scope = r.scope ?? (add ? (r.gateway === undefined ? RT_SCOPE.RT_SCOPE_LINK : RT_SCOPE.RT_SCOPE_UNIVERSE) : RT_SCOPE.RT_SCOPE_NOWHERE);
  return {
    type: add ? RTM.RTM_NEWROUTE : RTM.RTM_DELROUTE,
    flags: add ? NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL) : 0,
    seq: 0,
    pid: 0,
    header: {
      family: r.family === 6 ? AF_INET6 : AF_INET,
      dstLen: r.dstLen,
      srcLen: 0,
      tos: 0,
      table: table > 255 ? RT_TABLE.RT_TABLE_UNSPEC : table,
      protocol: add ? (r.protocol ?? RTPROT.RTPROT_BOOT) : 0,
      scope,
      type: add ? RTN.RTN_UNICAST : RTN.RTN_UNSPEC,
      flags: 0,
    },
    attrs,
  };
}

/** RTM_GETROUTE dump request. */
export function routeDump(family = AF_UNSPEC): Message {
  return { type: RTM.RTM_GETROUTE, flags: 0, seq: 0, pid: 0, header: { family, dstLen: 0, srcLen: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: 0 }, attrs: {} };
}
