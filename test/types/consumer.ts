/**
 * A consumer of the published package (`tsnetlink`, resolved to the built
 * dist/*.d.ts through package.json's exports), type-checked by
 * consumer.test.ts. Lines marked @ts-expect-error must fail to compile:
 * if one ever compiles, tsc reports the unused directive and the test
 * fails. Nothing here runs.
 */
import { decodeMessages, monitor, open, rtnetlink, rtnl, type Link, type LinkAddOptions, type LinkKind, type MacvlanMode, type MonitorEvent, type MonitorObject, type Route } from 'tsnetlink';
import { requests } from 'tsnetlink/testing';

export async function consumer(): Promise<void> {
  const h = open({ netns: 'c1' });

  // Correct calls compile.
  await h.links.add({ name: 'v0', kind: 'veth', peer: { name: 'v1', netns: 'c2' }, up: true, mtu: 1450 });
  await h.links.add({ name: 'br0', kind: 'bridge', up: true });
  await h.links.add({ name: 'i0', kind: 'ifb' });
  await h.links.add({ name: 'mv0', kind: 'macvlan', link: 'eth0', mode: 'bridge' });
  await h.links.add({ name: 'vx0', kind: 'vxlan', vxlan: { id: 42, port: 4789 } });
  const specs: LinkAddOptions[] = [{ name: 'v2', kind: 'veth', peer: { name: 'v3' } }];
  await h.links.addMany(specs);

  // A peer on a bridge.
  // @ts-expect-error only a veth has a peer
  await h.links.add({ name: 'br1', kind: 'bridge', peer: { name: 'x' } });
  // A mode on a veth.
  // @ts-expect-error only a macvlan has a mode
  await h.links.add({ name: 'v4', kind: 'veth', peer: { name: 'v5' }, mode: 'bridge' });
  // A macvlan mode that does not exist.
  // @ts-expect-error 'bogus' is not a macvlan mode
  await h.links.add({ name: 'mv1', kind: 'macvlan', link: 'eth0', mode: 'bogus' });
  // An unknown kind.
  // @ts-expect-error 'dummy0' is no kind the library creates
  await h.links.add({ name: 'd0', kind: 'dummy0' });
  // A veth without its peer, a vxlan without its id, a macvlan without its lower device.
  // @ts-expect-error a veth needs a peer
  await h.links.add({ name: 'v6', kind: 'veth' });
  // @ts-expect-error a vxlan needs its settings (the id)
  await h.links.add({ name: 'vx1', kind: 'vxlan' });
  // @ts-expect-error a macvlan needs a lower device
  await h.links.add({ name: 'mv2', kind: 'macvlan' });

  // The unions are the declared names.
  const modes: MacvlanMode[] = ['private', 'vepa', 'bridge', 'passthru', 'source'];
  const kinds: LinkKind[] = ['veth', 'bridge', 'macvlan', 'vxlan', 'ifb'];
  // @ts-expect-error not a macvlan mode
  const notMode: MacvlanMode = 'bogus';
  void [modes, kinds, notMode];

  // What the views report is typed by the kernel's names.
  type IsString<T> = string extends T ? true : false;
  const kindIsNarrow: IsString<NonNullable<Link['kind']>> = false;
  const typeIsNarrow: IsString<Route['typeName']> = false;
  const links = await h.links.list();
  for (const l of links) {
    switch (l.kind) {
      case 'veth':
      case 'bridge':
        break;
    }
  }
  // @ts-expect-error not a link kind
  const notKind: Link['kind'] = 'vethh';
  void notKind;
  const r = (await h.routes.list())[0];
  if (r !== undefined && r.protocolName === 'kernel' && r.typeName === 'unicast' && r.scopeName === 'link') void r;
  // @ts-expect-error not a route type
  if (r !== undefined && r.typeName === 'unicastt') void r;
  void [kindIsNarrow, typeIsNarrow];

  // An index works where a name does.
  await h.links.set(1, { up: true });
  await h.links.get(1);
  await h.links.delete(7);
  await h.close();

  // Handles close themselves at the end of an `await using` block.
  {
    await using c2 = open({ netns: 'c2' });
    await c2.links.list();
  }

  // Decoding gives a union that the message type narrows: each family's
  // header and attributes typed from its declaration.
  for (const m of decodeMessages(new Uint8Array(0), rtnetlink)) {
    switch (m.type) {
      case rtnl.RTM.RTM_NEWLINK: {
        const name: string | undefined = m.attrs?.ifname;
        const mtu: number | undefined = m.attrs?.mtu;
        const index: number | undefined = m.header?.index;
        const kind: string | undefined = m.attrs?.linkinfo?.kind;
        // @ts-expect-error IFA_LOCAL is no link attribute
        void m.attrs?.local;
        // @ts-expect-error ifinfomsg has no prefixlen
        void m.header?.prefixlen;
        void [name, mtu, index, kind];
        break;
      }
      case rtnl.RTM.RTM_NEWADDR: {
        const local: string | undefined = m.attrs?.local;
        const valid: number | undefined = m.attrs?.cacheinfo?.valid;
        const prefixlen: number | undefined = m.header?.prefixlen;
        // @ts-expect-error a number is no address
        const wrong: number | undefined = m.attrs?.local;
        void [local, valid, prefixlen, wrong];
        break;
      }
      case rtnl.RTM.RTM_NEWROUTE: {
        const mtu: number | undefined = m.attrs?.metrics?.mtu;
        const table: number | undefined = m.header?.table;
        void [mtu, table];
        break;
      }
      case rtnl.RTM.RTM_NEWNEIGH: {
        const dst: string | undefined = m.attrs?.dst;
        const state: number | undefined = m.header?.state;
        void [dst, state];
        break;
      }
    }
  }

  // Monitor events are the families' (from the registry), narrowed by type.
  const objects: MonitorObject[] = ['link', 'address', 'route', 'neigh', 'rule', 'nexthop'];
  // @ts-expect-error no family watches 'bogus'
  const notWatched: MonitorObject = 'bogus';
  void notWatched;
  for await (const ev of monitor({ objects })) {
    const e: MonitorEvent = ev;
    if (e.type === 'link') void e.link.name;
    else if (e.type === 'address') void e.address.prefixlen;
    else if (e.type === 'route') void e.route.dst;
    else if (e.type === 'neigh') void e.neighbour.lladdr;
    else if (e.type === 'nexthop') void e.nexthop.group;
    else if (e.type === 'resync') void [e.links.length, e.addresses.length, e.routes.length, e.neighbours.length];
  }

  // The facets come from the registry, typed; so do the test request builders.
  await h.addresses.add('198.18.0.1/24', 'v0', { nodad: true });
  await h.nsids.set('c2', -1);
  // A family added with one folder and one registry line: its facet is typed.
  await h.neighbours.add({ address: '198.18.0.9', dev: 'v0', lladdr: '02:00:00:00:00:09', state: 'permanent' });
  // @ts-expect-error not a neighbour state
  await h.neighbours.add({ address: '198.18.0.9', dev: 'v0', state: 'bogus' });
  await h.rules.add({ priority: 100, from: '198.18.0.0/24', table: 100 });
  // @ts-expect-error not a rule action
  await h.rules.add({ priority: 100, action: 'frob' });
  await h.nexthops.add({ id: 10, group: [1, { id: 2, weight: 3 }], type: 'resilient', buckets: 8 });
  // @ts-expect-error not a group type
  await h.nexthops.add({ id: 10, group: [1], type: 'frob' });
  // @ts-expect-error no family adds a `bogus` facet
  void h.bogus;
  void requests.linkDump();
  void requests.addressDump();
}
