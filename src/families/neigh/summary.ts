/** A neighbour message in one line: the address, the link-layer address and the device index. */
import type { Message } from '../../netlink/message.js';

export function neighSummary(m: Message): string[] {
  const h = m.header ?? {};
  const a = m.attrs ?? {};
  const w: string[] = [];
  if (typeof a.dst === 'string') w.push(a.dst);
  if (typeof a.lladdr === 'string') w.push('lladdr', a.lladdr);
  if (h.ifindex) w.push(`dev ${h.ifindex}`);
  return w;
}
