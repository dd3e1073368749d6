/**
 * The friendly view of a decoded RTM_NEWROUTE, as the API returns it; the full
 * decoded message stays in `message` for anything not lifted.
 */
import type { Message } from '../../netlink/message.js';
import { AF_INET6, RT_SCOPE, RTN, RTPROT } from '../../rtnl/constants.js';
import type { ScopeName } from '../../rtnl/words.js';
import { kernelWord, type KernelWord } from '../../schema/enums.js';

export type ProtocolName = KernelWord<typeof RTPROT, 'RTPROT_'> | `${number}`;

/** A route type by the kernel's word (`RTN_UNICAST` is `unicast`), or its number as a string. */
export type RouteTypeName = KernelWord<typeof RTN, 'RTN_'> | `${number}`;

/** A route. */
export interface Route {
  family: 4 | 6;
  /** `default` or `PREFIX/LEN`. */
  dst: string;
  gateway?: string;
  /** ifindex of the output device. */
  oif?: number;
  /** Name of the output device (`routes.list({ names: true })`). */
  dev?: string;
  metric?: number;
  table: number;
  /** RTPROT_* value, and by the kernel's word. */
  protocol: number;
  protocolName: ProtocolName;
  /** RT_SCOPE_* value, and by the kernel's word. */
  scope: number;
  scopeName: ScopeName;
  /** RTN_* value, and by the kernel's word. */
  type: number;
  typeName: RouteTypeName;
  prefsrc?: string;
  message: Message;
}

export function toRoute(m: Message): Route {
  const a = m.attrs ?? {};
  const h = m.header!;
  return {
    family: h.family === AF_INET6 ? 6 : 4,
    dst: a.dst === undefined ? 'default' : `${a.dst}/${h.dstLen}`,
    gateway: a.gateway,
    oif: a.oif,
    metric: a.priority,
    table: a.table ?? h.table,
    protocol: h.protocol,
    protocolName: kernelWord(RTPROT, 'RTPROT_', h.protocol),
    scope: h.scope,
    scopeName: kernelWord(RT_SCOPE, 'RT_SCOPE_', h.scope),
    type: h.type,
    typeName: kernelWord(RTN, 'RTN_', h.type),
    prefsrc: a.prefsrc,
    message: m,
  };
}
