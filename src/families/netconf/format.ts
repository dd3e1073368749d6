/**
 * Netconf settings as `ip netconf` (iproute2 6.1) prints them, from
 * decoded RTM_NEWNETCONF / RTM_DELNETCONF messages: `inet veth0 forwarding
 * off rp_filter off mc_forwarding off ...`, in JSON `{"family": "inet",
 * "interface": "veth0", "forwarding": false, "rp_filter": "off", ...}`.
 */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';
import { Out, num, type JsonObject } from '../../format/printer.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { familyName } from '../../format/names.js';
import { NETCONF_IFINDEX } from './attrs.js';

const RP_FILTER = ['off', 'strict', 'loose'];

function onOff(o: Out, key: string, v: unknown): void {
  if (v === undefined) return;
  const on = num(v) !== 0;
  o.any(key, on, `${key} ${on ? 'on' : 'off'} `);
}

function printNetconf(o: Out, m: Message, ctx: FormatContext): void {
  const a = m.attrs ?? {};
  if (m.type === RTM.RTM_DELNETCONF) o.any('deleted', true, 'Deleted ');
  const fam = familyName(num(m.header?.family));
  o.any('family', fam, `${fam} `);
  if (a.ifindex !== undefined) {
    const i = num(a.ifindex);
    const dev = i === NETCONF_IFINDEX.NETCONFA_IFINDEX_ALL ? 'all' : i === NETCONF_IFINDEX.NETCONFA_IFINDEX_DEFAULT ? 'default' : ifName(ctx, i);
    o.any('interface', dev, `${dev} `);
  }
  onOff(o, 'forwarding', a.forwarding);
  if (a.rpFilter !== undefined) {
    const r = num(a.rpFilter) >>> 0;
    const w = RP_FILTER[r];
    o.any('rp_filter', w ?? r, `rp_filter ${w ?? r} `);
  }
  onOff(o, 'mc_forwarding', a.mcForwarding);
  onOff(o, 'proxy_neigh', a.proxyNeigh);
  onOff(o, 'ignore_routes_with_linkdown', a.ignoreRoutesWithLinkdown);
  onOff(o, 'input', a.input);
  o.t('\n');
}

/** The object `ip -j netconf` prints for one message. */
export function netconfJSON(m: Message, ctx: FormatContext): JsonObject {
  const o = new Out(true);
  printNetconf(o, m, ctx);
  return o.object();
}

/** The line `ip netconf` prints for one message. */
export function netconfText(m: Message, ctx: FormatContext): string[] {
  const o = new Out(false);
  printNetconf(o, m, ctx);
  return o.lines();
}
