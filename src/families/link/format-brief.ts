/**
 * A link as `ip -br link` / `ip -br addr` (iproute2 6.1) print it: the
 * name (with `@peer`) padded to 16 columns, the operational state padded
 * to 14, and for `ip link` the hardware address and the flags:
 *
 * ```
 * v0@v1            UP             5a:23:c3:4f:b6:c9 <BROADCAST,MULTICAST,UP,LOWER_UP>
 * ```
 *
 * With -j the object has `link` (or `link_index`), `ifname`, `operstate`,
 * and for `ip link` `address` and `flags`, in that order.
 */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';
import type { FormatContext } from '../../format/context.js';
import { hex0x, num, type Out } from '../../format/printer.js';
import { AF_PACKET_FAMILY, llAddrText, nameAndLink } from './format-head.js';
import { OPER_STATES, linkFlagNames, linkFlagsText } from './names.js';

/**
 * Prints the brief form of a link. For `ip link` (`family` AF_PACKET) the
 * line is complete; for `ip addr` the addresses follow on the same line.
 */
export function printLinkBrief(o: Out, msg: Message, ctx: FormatContext, family: number): void {
  const h = msg.header ?? {};
  const a = msg.attrs ?? {};
  const index: number = h.index ?? 0;
  const name: string = a.ifname ?? `if${index}`;
  if (msg.type === RTM.RTM_DELLINK) o.any('deleted', true, 'Deleted ');
  const { text, mdown } = nameAndLink(o, name, a, ctx);
  o.any('ifname', name, `${text.padEnd(16)} `);
  if (a.operstate !== undefined) {
    const s = OPER_STATES[a.operstate as number];
    if (s !== undefined) o.any('operstate', s, `${s.padEnd(14)} `);
    else {
      o.j('operstate_index', a.operstate);
      o.t(`state ${hex0x(num(a.operstate))}`);
    }
  }
  if (family !== AF_PACKET_FAMILY) return;
  if (a.address !== undefined) {
    const addr = llAddrText(a.address, h.type ?? 0);
    o.any('address', addr, `${addr} `);
  }
  const flags: number = h.flags ?? 0;
  o.j('flags', linkFlagNames(flags, mdown));
  o.t(linkFlagsText(flags, mdown));
  o.t('\n');
}
