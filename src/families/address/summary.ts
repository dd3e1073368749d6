/**
 * An address message in one line: the address with its prefix length
 * (or, for a reply without one, its family: `inet`, `inet6`), the peer when IFA_ADDRESS
 * differs from IFA_LOCAL, and the device index.
 */
import type { Message } from '../../netlink/message.js';
import { AF, AF_UNSPEC } from '../../rtnl/constants.js';
import { kernelWords } from '../../schema/enums.js';

export function addressSummary(m: Message, request: boolean): string[] {
  const h = m.header ?? {};
  const a = m.attrs ?? {};
  const w: string[] = [];
  const local = a.local ?? a.address;
  if (typeof local === 'string') w.push(`${local}/${h.prefixlen}`);
  else if (!request && h.family !== AF_UNSPEC && kernelWords(AF, 'AF_')[h.family]) w.push(kernelWords(AF, 'AF_')[h.family]!);
  if (typeof a.address === 'string' && typeof a.local === 'string' && a.address !== a.local) w.push('peer', a.address);
  if (h.index) w.push(`dev ${h.index}`);
  return w;
}
