/** The names iproute2 (6.1) prints for address flags (`IFA_F_*`). */
import { IFA_F } from './header.js';

export const ADDR_FLAG_ORDER: readonly (readonly [string, number])[] = [
  ['secondary', IFA_F.IFA_F_SECONDARY],
  ['temporary', IFA_F.IFA_F_SECONDARY],
  ['nodad', IFA_F.IFA_F_NODAD],
  ['optimistic', IFA_F.IFA_F_OPTIMISTIC],
  ['dadfailed', IFA_F.IFA_F_DADFAILED],
  ['home', IFA_F.IFA_F_HOMEADDRESS],
  ['deprecated', IFA_F.IFA_F_DEPRECATED],
  ['tentative', IFA_F.IFA_F_TENTATIVE],
  ['permanent', IFA_F.IFA_F_PERMANENT],
  ['mngtmpaddr', IFA_F.IFA_F_MANAGETEMPADDR],
  ['noprefixroute', IFA_F.IFA_F_NOPREFIXROUTE],
  ['autojoin', IFA_F.IFA_F_MCAUTOJOIN],
  ['stable-privacy', IFA_F.IFA_F_STABLE_PRIVACY],
];
