/**
 * A link message in one line (`tsip -x`, the explorer's message list):
 * its name (with the index in a reply), kind, veth peer, port kind, the
 * up or down a request asks for (UP in a reply), the MTU and address a
 * request sets, and in either its master and the namespace it names.
 */
import type { Message } from '../../netlink/message.js';
import { IFF_UP } from '../../rtnl/constants.js';

export function linkSummary(m: Message, request: boolean): string[] {
  const h = m.header ?? {};
  const a = m.attrs ?? {};
  const w: string[] = [];
  const index = typeof h.index === 'number' ? h.index : 0;
  if (typeof a.ifname === 'string') w.push(index && !request ? `${index}: ${a.ifname}` : a.ifname);
  if (index && (request || typeof a.ifname !== 'string')) w.push(`index ${index}`);
  const info = a.linkinfo;
  if (typeof info?.kind === 'string') w.push('type', info.kind);
  const peer = info?.data?.peer;
  if (peer) w.push('peer', typeof peer.attrs?.ifname === 'string' ? peer.attrs.ifname : 'unnamed');
  if (typeof info?.slaveKind === 'string') w.push(`${info.slaveKind}_slave`);
  if (request) {
    if (typeof h.flags === 'number' && h.flags & IFF_UP) w.push('up');
    else if (typeof h.change === 'number' && h.change & IFF_UP) w.push('down');
  } else if (typeof h.flags === 'number' && h.flags & IFF_UP) w.push('UP');
  if (typeof a.mtu === 'number' && request) w.push('mtu', String(a.mtu));
  if (typeof a.master === 'number') w.push(a.master === 0 ? 'nomaster' : `master ${a.master}`);
  if (typeof a.netNsFd === 'number') w.push(`netns fd ${a.netNsFd}`);
  if (typeof a.netNsPid === 'number') w.push(`netns pid ${a.netNsPid}`);
  if (typeof a.targetNetnsid === 'number') w.push(`target-netnsid ${a.targetNetnsid}`);
  if (typeof a.address === 'string' && request) w.push('address', a.address);
  return w;
}
