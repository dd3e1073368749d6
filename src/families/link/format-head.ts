/**
 * The part of iproute2's output that describes one link, shared by
 * `ip link show` and `ip addr show` (which prints it before the
 * link's addresses): the `N: name: <FLAGS> mtu ...` line, the
 * `link/ether ...` line and, with `-d`, the details.
 */
import type { Message } from '../../netlink/message.js';
import { ARPHRD, IFF, RTM } from '../../rtnl/constants.js';
import { ifName, type FormatContext } from '../../format/context.js';
import { printLinkInfo } from './format-linkinfo.js';
import { printLinkStats } from './format-stats.js';
import { LINK_EVENTS, LINK_MODES, OPER_STATES, addrGenModeName, groupName, linkFlagNames, linkFlagsText, linkTypeName } from './names.js';
import { hex0x, num, type Out } from '../../format/printer.js';

/** AF_PACKET: the family `ip link` filters with. */
export const AF_PACKET_FAMILY = 17;

/** How the link is being printed. */
export interface LinkHeadMode {
  /** `-d`. */
  details: boolean;
  /** `ip link` (true) rather than `ip addr` (false): adds `mode`, `addrgenmode` and the alias. */
  doLink: boolean;
  /** The family filter: 0 (none), AF_PACKET for `ip link`, AF_INET / AF_INET6 for `ip -4/-6 addr`. */
  family: number;
  /** `-s` given this many times: `ip link` prints the counters after the alias (see format-stats.ts). */
  stats?: number;
}

const { ARPHRD_TUNNEL, ARPHRD_TUNNEL6, ARPHRD_SIT, ARPHRD_IPGRE, ARPHRD_IP6GRE } = ARPHRD;

/** A hardware address as iproute2 prints it for a link of type `type` (tunnels show IP addresses). */
export function llAddrText(addr: string, type: number): string {
  if (type !== ARPHRD_TUNNEL && type !== ARPHRD_SIT && type !== ARPHRD_IPGRE && type !== ARPHRD_TUNNEL6 && type !== ARPHRD_IP6GRE) return addr;
  const bytes = addr === '' ? [] : addr.split(':').map((b) => parseInt(b, 16));
  if (bytes.length === 4 && (type === ARPHRD_TUNNEL || type === ARPHRD_SIT || type === ARPHRD_IPGRE)) return bytes.join('.');
  if (bytes.length === 16 && (type === ARPHRD_TUNNEL6 || type === ARPHRD_IP6GRE)) {
    const words = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
    return compressIPv6(words);
  }
  return addr;
}

/** RFC 5952 zero compression of eight hex words (longest run of two or more, leftmost). */
function compressIPv6(words: string[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === '0') j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return words.join(':');
  return `${words.slice(0, best).join(':')}::${words.slice(best + bestLen).join(':')}`;
}

function hexBytes(v: unknown): string {
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  return String(v);
}

/**
 * The `name@link` text of a link (`name@NONE`, `name@ifN` for a peer in
 * another namespace), with the JSON keys iproute2 prints for IFLA_LINK
 * (`link`, `link_index`); `mdown` when the peer is known and down (M-DOWN).
 */
export function nameAndLink(o: Out, name: string, a: Record<string, any>, ctx: FormatContext): { text: string; mdown: boolean } {
  let text = name;
  let mdown = false;
  if (a.link !== undefined) {
    const iflink = num(a.link);
    if (iflink) {
      if (a.linkNetnsid !== undefined) {
        o.j('link_index', iflink);
        text = `${name}@if${iflink}`;
      } else {
        const peer = ifName(ctx, iflink);
        o.j('link', peer);
        text = `${name}@${peer}`;
        const flags = ctx.flagsOf?.(iflink);
        mdown = flags !== undefined && !(flags & IFF.IFF_UP);
      }
    } else {
      o.j('link', null);
      text = `${name}@NONE`;
    }
  }
  return { text, mdown };
}

/** Prints one link as iproute2's print_linkinfo does, through the final newline. */
export function printLinkHead(o: Out, msg: Message, ctx: FormatContext, mode: LinkHeadMode): void {
  const h = msg.header ?? {};
  const a = msg.attrs ?? {};
  const index: number = h.index ?? 0;
  const type: number = h.type ?? 0;
  const flags: number = h.flags ?? 0;
  const name: string = a.ifname ?? `if${index}`;
  const { details, doLink, family } = mode;

  if (msg.type === RTM.RTM_DELLINK) o.any('deleted', true, 'Deleted ');
  o.any('ifindex', index, `${index}: `);
  const { text: shown, mdown } = nameAndLink(o, name, a, ctx);
  o.any('ifname', name, `${shown}: `);
  o.j('flags', linkFlagNames(flags, mdown));
  o.t(linkFlagsText(flags, mdown));
  if (a.mtu !== undefined) o.any('mtu', a.mtu, `mtu ${a.mtu} `);
  if (a.qdisc !== undefined) o.any('qdisc', a.qdisc, `qdisc ${a.qdisc} `);
  if (a.master !== undefined) {
    const m = ifName(ctx, num(a.master));
    o.any('master', m, `master ${m} `);
  }
  if (a.operstate !== undefined) {
    const s = OPER_STATES[a.operstate as number];
    if (s !== undefined) o.any('operstate', s, `state ${s} `);
    else o.any('operstate_index', a.operstate, `state ${hex0x(num(a.operstate))}`);
  }
  if (doLink && a.linkmode !== undefined) {
    const m = LINK_MODES[a.linkmode as number];
    if (m !== undefined) o.any('linkmode', m, `mode ${m} `);
    else o.any('linkmode_index', a.linkmode, `mode ${a.linkmode} `);
  }
  if (a.group !== undefined) o.any('group', groupName(num(a.group)), `group ${groupName(num(a.group))} `);
  // Printed signed, as iproute2 does (`ip link set X txqlen -5` is accepted).
  const qlen = a.txqlen ?? ctx.txqlenOf?.(index);
  if (qlen) o.any('txqlen', qlen | 0, `qlen ${qlen | 0}`);
  if (a.event !== undefined) {
    const e = LINK_EVENTS[a.event as number];
    if (e === undefined) o.any('event', a.event, `event ${a.event} `);
    else if (a.event) o.any('event', e, `event ${e} `);
  }

  if (!family || family === AF_PACKET_FAMILY || details) {
    o.nl();
    o.any('link_type', linkTypeName(type), `    link/${linkTypeName(type)} `);
    if (a.address !== undefined) {
      const text = llAddrText(a.address, type);
      o.any('address', text, text);
    }
    if (a.broadcast !== undefined) {
      if (flags & IFF.IFF_POINTOPOINT) {
        o.t(' peer ');
        o.j('link_pointtopoint', true);
      } else o.t(' brd ');
      const text = llAddrText(a.broadcast, type);
      o.any('broadcast', text, text);
    }
    if (a.permAddress !== undefined && a.permAddress !== a.address) {
      o.t(' permaddr ');
      o.any('permaddr', llAddrText(a.permAddress, type), llAddrText(a.permAddress, type));
    }
  }

  if (a.linkNetnsid !== undefined) {
    const id = num(a.linkNetnsid);
    o.j('link_netnsid', id);
    if (id >= 0) {
      const ns = ctx.netnsName?.(id);
      o.t(ns !== undefined ? ` link-netns ${ns}` : ` link-netnsid ${id}`);
    } else o.t(' link-netnsid unknown');
  }
  if (a.newNetnsid !== undefined) {
    const ns = ctx.netnsName?.(num(a.newNetnsid));
    o.t(ns !== undefined ? ` new-netns ${ns}` : ` new-netnsid ${num(a.newNetnsid)}`);
  }
  if (a.newIfindex !== undefined) o.t(` new-ifindex ${num(a.newIfindex)}`);
  if (num(a.protoDown)) o.any('proto_down', true, ' protodown on ');

  if (details) printDetails(o, a, ctx, doLink);

  if ((doLink || details) && a.ifalias !== undefined) {
    o.t('\n    ');
    o.any('ifalias', a.ifalias, `alias ${a.ifalias}`);
  }
  if (doLink && mode.stats) {
    o.nl();
    printLinkStats(o, a, mode.stats);
  }
  if (a.propList !== undefined) {
    const names: string[] = ([] as string[]).concat(a.propList.altIfname ?? []);
    o.j('altnames', names);
    for (const n of names) o.t(`\n    altname ${n}`);
  }
  o.t('\n');
}

function printDetails(o: Out, a: Record<string, any>, ctx: FormatContext, doLink: boolean): void {
  if (a.promiscuity !== undefined) o.any('promiscuity', a.promiscuity, ` promiscuity ${a.promiscuity} `);
  if (a.allmulti !== undefined) o.any('allmulti', a.allmulti, ` allmulti ${a.allmulti} `);
  if (a.minMtu !== undefined) o.any('min_mtu', a.minMtu, `minmtu ${a.minMtu} `);
  if (a.maxMtu !== undefined) o.any('max_mtu', a.maxMtu, `maxmtu ${a.maxMtu} `);
  if (a.linkinfo !== undefined) printLinkInfo(o, a.linkinfo, ctx);
  const genMode = a.afSpec?.inet6?.addrGenMode;
  if (doLink && genMode !== undefined) o.any('inet6_addr_gen_mode', addrGenModeName(genMode), `addrgenmode ${addrGenModeName(genMode)} `);
  for (const [attr, key, word] of [
    ['numTxQueues', 'num_tx_queues', 'numtxqueues'],
    ['numRxQueues', 'num_rx_queues', 'numrxqueues'],
    ['gsoMaxSize', 'gso_max_size', 'gso_max_size'],
    ['gsoMaxSegs', 'gso_max_segs', 'gso_max_segs'],
    ['tsoMaxSize', 'tso_max_size', 'tso_max_size'],
    ['tsoMaxSegs', 'tso_max_segs', 'tso_max_segs'],
    ['groMaxSize', 'gro_max_size', 'gro_max_size'],
  ] as const) {
    if (a[attr] !== undefined) o.any(key, a[attr], `${word} ${a[attr]} `);
  }
  if (a.physPortName !== undefined) o.any('phys_port_name', a.physPortName, `portname ${a.physPortName} `);
  if (a.physPortId !== undefined) o.any('phys_port_id', hexBytes(a.physPortId), `portid ${hexBytes(a.physPortId)} `);
  if (a.physSwitchId !== undefined) o.any('phys_switch_id', hexBytes(a.physSwitchId), `switchid ${hexBytes(a.physSwitchId)} `);
  if (a.parentDevBusName !== undefined) o.any('parentbus', a.parentDevBusName, `parentbus ${a.parentDevBusName} `);
  if (a.parentDevName !== undefined) o.any('parentdev', a.parentDevName, `parentdev ${a.parentDevName} `);
}
