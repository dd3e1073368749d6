/**
 * The rtnetlink message registry: each RTM_* type with its fixed header and
 * attribute set. This is what the generic codec in `src/netlink` needs to
 * decode, encode and explain NETLINK_ROUTE traffic.
 */
import { protocol, type MessageDef, type MessageOp } from '../netlink/protocol.js';
import type { AttrSet } from '../schema/attr-set.js';
import type { StructKind } from '../schema/struct.js';
import { addressAttrs } from './address/attrs.js';
import { ifaddrmsg } from './address/header.js';
import { RTM } from '../rtnl/constants.js';
import { linkAttrs } from './link/attrs.js';
import { ifinfomsg } from './link/header.js';
import { nsidAttrs, rtgenmsg } from './nsid/attrs.js';
import { routeAttrs } from './route/attrs.js';
import { rtmsg } from './route/header.js';

function def(name: keyof typeof RTM, op: MessageOp, header: StructKind, attrs: AttrSet): MessageDef {
  return { type: RTM[name], name, op, header, attrs };
}

/** NETLINK_ROUTE as far as tsnetlink declares it. */
export const rtnetlink = protocol('NETLINK_ROUTE', [
  def('RTM_NEWLINK', 'new', ifinfomsg, linkAttrs),
  def('RTM_DELLINK', 'del', ifinfomsg, linkAttrs),
  def('RTM_GETLINK', 'get', ifinfomsg, linkAttrs),
  def('RTM_SETLINK', 'new', ifinfomsg, linkAttrs),
  def('RTM_NEWADDR', 'new', ifaddrmsg, addressAttrs),
  def('RTM_DELADDR', 'del', ifaddrmsg, addressAttrs),
  def('RTM_GETADDR', 'get', ifaddrmsg, addressAttrs),
  def('RTM_NEWROUTE', 'new', rtmsg, routeAttrs),
  def('RTM_DELROUTE', 'del', rtmsg, routeAttrs),
  def('RTM_GETROUTE', 'get', rtmsg, routeAttrs),
  def('RTM_NEWNSID', 'new', rtgenmsg, nsidAttrs),
  def('RTM_DELNSID', 'del', rtgenmsg, nsidAttrs),
  def('RTM_GETNSID', 'get', rtgenmsg, nsidAttrs),
]);
