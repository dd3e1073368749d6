/**
 * The requests tsnetlink builds equal, field for field, what iproute2 sent
 * for the same command (decoded from the captured fixtures). The header's
 * seq/pid differ on the wire; link creations send IFLA_INFO_KIND without
 * its NUL, as iproute2 does.
 */
import { describe, expect, it } from 'vitest';
import { NLM_F_ACK, NLM_F_REQUEST } from '../../src/core/constants.js';
import type { Message } from '../../src/netlink/message.js';
import { RTM } from '../../src/rtnl/constants.js';
import { IFA_F } from '../../src/families/address/header.js';
import { MACVLAN_MODES } from '../../src/families/link/spec.js';
import { requests as req } from '../../src/testing.js';
import { parseCidr } from '../../src/api/validate.js';
import { fixture, messagesOf } from '../support/fixtures.js';

/** The request iproute2 sent in a fixture (not its lookups, not its seq-0 probe). */
function sent(id: string, type: number): Message {
  const m = messagesOf(fixture(id)).find((x) => x.dir === 'send' && x.type === type && x.seq !== 0);
  if (!m) throw new Error(`${id}: no request of type ${type}`);
  const { dir: _dir, ...rest } = m;
  return rest;
}

function same(ours: Message, theirs: Message) {
  expect({ ...ours, flags: ours.flags | NLM_F_REQUEST | NLM_F_ACK, seq: theirs.seq, pid: theirs.pid }).toEqual(theirs);
}

describe('requests equal what iproute2 sends', () => {
  it('link add veth', () => same(req.linkCreate({ name: 'veth-test1', kind: 'veth', peer: { name: 'veth-test2' } }), sent('link/add-veth', RTM.RTM_NEWLINK)));
  it('link add veth, peer in another namespace', () => {
    const theirs = sent('link/add-veth-peer-netns', RTM.RTM_NEWLINK);
    const fd = theirs.attrs!.linkinfo.data.peer.attrs.netNsFd;
    same(req.linkCreate({ name: 'veth-test1', kind: 'veth', peer: { name: 'p1', netnsFd: fd } }), theirs);
  });
  it('link add bridge', () => same(req.linkCreate({ name: 'br0', kind: 'bridge' }), sent('link/add-bridge', RTM.RTM_NEWLINK)));
  it('link add ifb', () => same(req.linkCreate({ name: 'ifb0', kind: 'ifb' }), sent('link/add-ifb', RTM.RTM_NEWLINK)));
  it('link add macvlan', () => same(req.linkCreate({ name: 'macvlan0', kind: 'macvlan', link: 3, mode: MACVLAN_MODES.bridge }), sent('link/add-macvlan', RTM.RTM_NEWLINK)));
  it('link add vxlan', () =>
    same(req.linkCreate({ name: 'vxlan0', kind: 'vxlan', link: 3, vxlan: { id: 42, port: 4789, learning: true } }), sent('link/add-vxlan', RTM.RTM_NEWLINK)));
  it('link set up', () => same(req.linkChange(3, { up: true }), sent('link/set-up', RTM.RTM_NEWLINK)));
  it('link set down', () => same(req.linkChange(3, { up: false }), sent('link/set-down', RTM.RTM_NEWLINK)));
  it('link set mtu', () => {
    const theirs = sent('link/set-mtu', RTM.RTM_NEWLINK);
    same(req.linkChange(theirs.header!.index, { mtu: 1400 }), theirs);
  });
  it('link set address', () => same(req.linkChange(3, { address: '02:00:00:00:00:11' }), sent('link/set-address', RTM.RTM_NEWLINK)));
  it('link set name', () => same(req.linkChange(3, { name: 'veth9' }), sent('link/set-name', RTM.RTM_NEWLINK)));
  it('link set master', () => same(req.linkChange(2, { master: 4 }), sent('link/set-master', RTM.RTM_NEWLINK)));
  it('link set nomaster', () => same(req.linkChange(2, { master: 0 }), sent('link/set-nomaster', RTM.RTM_NEWLINK)));
  it('link set netns', () => {
    const theirs = sent('link/set-netns', RTM.RTM_NEWLINK);
    same(req.linkChange(2, { netnsFd: theirs.attrs!.netNsFd }), theirs);
  });
  it('link del', () => same(req.linkDelete(3), sent('link/del', RTM.RTM_DELLINK)));
  it('addr add IPv4', () => same(req.addressChange(true, 3, parseCidr('198.18.0.1/24')), sent('addr/add-ipv4', RTM.RTM_NEWADDR)));
  it('addr add IPv6 nodad', () => same(req.addressChange(true, 3, parseCidr('2001:db8::1/64'), { flags: IFA_F.IFA_F_NODAD }), sent('addr/add-ipv6', RTM.RTM_NEWADDR)));
  it('addr del IPv4', () => same(req.addressChange(false, 3, parseCidr('198.18.0.1/24')), sent('addr/del-ipv4', RTM.RTM_DELADDR)));
  it('route add default', () => same(req.routeChange(true, { family: 4, dstLen: 0, gateway: '198.18.0.254' }), sent('route/add-default', RTM.RTM_NEWROUTE)));
  it('route add prefix via metric', () =>
    same(req.routeChange(true, { family: 4, dst: '198.19.1.0', dstLen: 24, gateway: '198.18.0.254', metric: 100 }), sent('route/add-prefix', RTM.RTM_NEWROUTE)));
  it('route add IPv6', () => same(req.routeChange(true, { family: 6, dst: '2001:db8:1::', dstLen: 64, gateway: '2001:db8::fe' }), sent('route/add-ipv6', RTM.RTM_NEWROUTE)));
  it('netns set id', () => {
    const theirs = sent('nsid/set', RTM.RTM_NEWNSID);
    same(req.nsidSet(theirs.attrs!.fd, 7), theirs);
  });
});
