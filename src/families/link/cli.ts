/**
 * `tsip link`: show (the listing shared with `tsip address show`, see
 * ../address/cli.ts), add, set, del.
 */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';
import type { JsonObject } from '../../format/printer.js';
import { hasNetns } from '../../netns/registry.js';
import type { LinkSetOptions } from './api.js';
import { LINK_KINDS, MACVLAN_MODES, type LinkAddOptions, type LinkKind, type MacvlanAddOptions, type MacvlanMode, type VethAddOptions, type VethPeer, type VxlanAddOptions } from './spec.js';
import type { FormatContext } from '../../format/context.js';
import { linkJSON, linkText } from './format.js';
import { Args, devOnly, dispatch, duplicateArg, duplicateOrGarbage, groupArg, ifnameArg, intArg, macArg, matches, mtuArg, onOffArg, uintArg } from '../../cli/args.js';
import { LinkCache } from '../../cli/link-cache.js';
import { runList } from '../address/cli.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { validateNetnsName } from '../../netns/names.js';

export const LINK_USAGE = `Usage: tsip link show [ [ dev ] NAME | group GROUP ] [ up ] [ master DEV ] [ nomaster ] [ type KIND ]
       tsip link add NAME [ mtu MTU ] [ address LLADDR ] [ master BR ] [ netns NS ] [ up ]
                     type { veth peer name PEER [ netns NS ] | bridge | ifb |
                            macvlan link DEV mode { private | vepa | bridge | passthru | source } |
                            vxlan id VNI dstport PORT [ dev DEV ] [ local ADDR ] [ remote ADDR ] [ ttl TTL ] }
       tsip link set { [ dev ] NAME | group GROUP }
                     [ up | down ] [ mtu MTU ] [ address LLADDR ] [ name NEW ] [ netns NS ]
                     [ master BR | nomaster ] [ txqueuelen PACKETS ] [ promisc { on | off } ]
                     [ allmulticast { on | off } ] [ arp { on | off } ] [ alias NAME ] [ group GROUP ]
       tsip link del [ dev ] NAME
`;

export async function run(argv: string[], s: Session): Promise<number> {
  return dispatch(argv, 'link', LINK_USAGE, [
    [['show', 'list', 'lst'], (a) => runList(a, s, true, LINK_USAGE)],
    [['add'], (a) => add(a, s)],
    [['set'], (a) => set(a, s)],
    [['delete'], (a) => del(a, s)],
  ]);
}

async function add(a: Args, s: Session): Promise<number> {
  // Filled as the words come; links.add checks the whole (kind by kind) again.
  const spec: Partial<Omit<VethAddOptions, 'kind'> & Omit<MacvlanAddOptions, 'kind'> & Omit<VxlanAddOptions, 'kind'>> & { kind?: LinkKind } = {};
  while (!a.done) {
    const t = a.next()!;
    if (t === 'type') break;
    else if (t === 'name') spec.name = ifnameArg(a.value(t), 'name');
    else if (t === 'mtu') spec.mtu = mtuArg(a.value(t));
    else if (matches(t, 'address')) spec.address = macArg(a.value(t));
    else if (t === 'master') spec.master = ifnameArg(a.value(t), 'master');
    else if (t === 'link') spec.link = ifnameArg(a.value(t), 'link');
    else if (t === 'netns') spec.netns = netnsArg(a.value(t));
    else if (matches(t, 'txqueuelen') || t === 'qlen' || t === 'txqlen') spec.txqlen = uintArg(a.value(t), 'txqueuelen');
    else if (t === 'up') spec.up = true;
    else if (spec.name === undefined) spec.name = ifnameArg(t, 'name');
    else throw duplicateOrGarbage('name', t);
  }
  if (spec.name === undefined) throw new CliError('Not enough information: "dev" argument is required.');
  // As ip: a master that does not exist is an argument error, found before anything is sent.
  if (spec.master !== undefined && !(await s.handle.links.list()).some((l) => l.name === spec.master)) {
    throw new CliError(`Error: argument "${spec.master}" is wrong: Device does not exist`, EXIT.INVARG);
  }
  const kind = a.next();
  if (kind === undefined) throw new CliError('Not enough information: "type" argument is required.');
  if (!(LINK_KINDS as readonly string[]).includes(kind)) {
    throw new CliError(`Error: unknown link type "${kind}" (tsip creates ${LINK_KINDS.join(', ')}).`);
  }
  spec.kind = kind as LinkKind;
  while (!a.done) {
    const t = a.next()!;
    if (kind === 'veth' && t === 'peer') {
      const peer: VethPeer = { name: '' };
      while (!a.done) {
        const p = a.next()!;
        if (p === 'name') peer.name = ifnameArg(a.value(p), 'name');
        else if (p === 'netns') peer.netns = netnsArg(a.value(p));
        else if (p === 'mtu') peer.mtu = mtuArg(a.value(p));
        else if (matches(p, 'address')) peer.address = macArg(a.value(p));
        else if (!peer.name) peer.name = ifnameArg(p, 'name');
        else throw duplicateOrGarbage('name', p);
      }
      if (!peer.name) throw new CliError('Not enough information: peer "name" argument is required.');
      spec.peer = peer;
    } else if (kind === 'macvlan' && t === 'mode') {
      const m = a.value(t);
      if (!Object.hasOwn(MACVLAN_MODES, m)) throw new CliError(`Error: argument of "mode" must be ${quotedChoices(Object.keys(MACVLAN_MODES))}`);
      spec.mode = m as MacvlanMode;
    } else if ((kind === 'macvlan' && t === 'link') || (kind === 'vxlan' && t === 'dev')) {
      spec.link = ifnameArg(a.value(t), t);
    } else if (kind === 'vxlan') {
      const v = (spec.vxlan ??= { id: -1 });
      if (matches(t, 'id') || t === 'vni') v.id = uintArg(a.value(t), 'id', 0xffffff, 'invalid id');
      else if (t === 'dstport') v.port = uintArg(a.value(t), 'dstport', 0xffff);
      else if (t === 'local') v.local = a.value(t);
      else if (t === 'remote' || t === 'group') v.remote = a.value(t);
      else if (t === 'ttl' || t === 'hoplimit') v.ttl = uintArg(a.value(t), 'ttl', 255);
      else if (t === 'learning') v.learning = true;
      else if (t === 'nolearning') v.learning = false;
      else throw new CliError(`vxlan: unknown command "${t}"?`);
    } else throw new CliError(`${kind}: unknown option "${t}"?`);
  }
  if (kind === 'veth' && !spec.peer) throw new CliError('Not enough information: "peer name" is required for a veth.');
  if (kind === 'macvlan' && spec.link === undefined) throw new CliError('Not enough information: "link" argument is required for a macvlan.');
  if (kind === 'vxlan') {
    if (!spec.vxlan || spec.vxlan.id < 0) throw new CliError('vxlan: missing virtual network identifier');
    if (spec.vxlan.port === undefined) spec.vxlan.port = 4789;
    if (spec.vxlan.learning === undefined) spec.vxlan.learning = true;
  }
  await s.handle.links.add(spec as unknown as LinkAddOptions);
  return EXIT.OK;
}

/** A `netns NAME` argument: ip's `Error: argument "X" is wrong: Invalid "netns" value` (255) when NAME names no namespace. */
function netnsArg(v: string): string {
  let name: string | undefined;
  try {
    name = validateNetnsName(v);
  } catch {
    // As ip: the name is not checked as such, it just names nothing.
  }
  if (name === undefined || !hasNetns(name)) throw new CliError(`Error: argument "${v}" is wrong: Invalid "netns" value`, EXIT.INVARG);
  return name;
}

/**
 * `ip link set`: the arguments as iproute2 reads them (master looked up as
 * it comes, the device after), sent as one RTM_NEWLINK by ifindex with the
 * attributes in the order of the arguments (a rename last), or by group.
 */
async function set(a: Args, s: Session): Promise<number> {
  const cache = new LinkCache(s.handle);
  let dev: string | undefined;
  let name: string | undefined;
  const ch: LinkSetOptions = {};
  const once = <K extends keyof LinkSetOptions>(key: K, what: string, v: string, value: LinkSetOptions[K]) => {
    if (ch[key] !== undefined) throw duplicateArg(what, v);
    ch[key] = value;
  };
  while (!a.done) {
    const t = a.next()!;
    if (t === 'up') ch.up = true;
    else if (t === 'down') ch.up = false;
    else if (t === 'name') {
      const v = a.value(t);
      if (name !== undefined) throw duplicateArg('name', v);
      name = ifnameArg(v, 'name');
    } else if (matches(t, 'address')) ch.address = macArg(a.value(t));
    else if (matches(t, 'txqueuelen') || t === 'qlen' || matches(t, 'txqlen')) {
      const v = a.value(t);
      once('txqlen', 'txqueuelen', v, intArg(v, 'Invalid "txqueuelen" value'));
    } else if (t === 'mtu') {
      const v = a.value(t);
      // As ip reads it (0x5dc too); 0 and below, which ip leaves to the kernel to refuse, are refused here.
      const mtu = intArg(v, 'Invalid "mtu" value');
      once('mtu', 'mtu', v, mtu > 0 ? mtu : mtuArg(v));
    } else if (t === 'netns') ch.netns = netnsArg(a.value(t));
    else if (t === 'allmulticast' || t === 'promisc' || t === 'arp') ch[t] = onOffArg(t, a.value(t));
    else if (matches(t, 'master')) {
      const v = a.value(t);
      const index = await cache.indexOf(v);
      if (!index) throw new CliError(`Error: argument "${v}" is wrong: Device does not exist`, EXIT.INVARG);
      ch.master = index;
    } else if (matches(t, 'nomaster')) ch.master = null;
    else if (matches(t, 'alias')) {
      const v = a.value(t);
      if (new TextEncoder().encode(v).length >= 256) throw new CliError(`Error: argument "${v}" is wrong: alias too long`, EXIT.INVARG);
      ch.alias = v;
    } else if (t === 'group') {
      const v = a.value(t);
      once('group', 'group', v, groupArg(v));
    } else {
      if (t !== 'dev' && matches(t, 'help')) throw new CliError(LINK_USAGE.trimEnd(), EXIT.INVARG);
      const v = t === 'dev' ? a.value(t) : t;
      if (dev !== undefined) throw duplicateOrGarbage('dev', v);
      dev = ifnameArg(v);
    }
  }
  if (dev === undefined && name === undefined && ch.group !== undefined) {
    await s.handle.links.setGroup({ ...ch, group: ch.group });
    return EXIT.OK;
  }
  dev ??= name;
  if (dev === undefined) throw new CliError('Not enough information: "dev" argument is required.', EXIT.INVARG);
  const index = await cache.indexOf(dev);
  if (!index) throw new CliError(`Cannot find device "${dev}"`);
  // A rename goes last, as ip adds IFLA_IFNAME after the other attributes.
  if (name !== undefined && name !== dev) ch.name = name;
  await s.handle.links.set(index, ch);
  return EXIT.OK;
}

async function del(a: Args, s: Session): Promise<number> {
  const dev = devOnly(a);
  if (dev === undefined) throw new CliError('Not enough information: "dev" argument is required.', EXIT.INVARG);
  await s.handle.links.delete(dev);
  return EXIT.OK;
}

/** `"a", "b" or "c"`, as iproute2 lists the words it accepts. */
function quotedChoices(words: readonly string[]): string {
  const q = words.map((w) => `"${w}"`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}` : (q[0] ?? '');
}

/** A link event as `ip monitor link` prints it (the formatter prints `Deleted ` for RTM_DELLINK itself). */
export function monitorLines(ev: { action: 'new' | 'del'; message: Message }, ctx: FormatContext): { text: string[]; json: JsonObject } {
  const json = linkJSON(ev.message, ctx);
  // ip says `Deleted` for every RTM_DELLINK, a bridge port's too (the event's action says the link stays).
  return { text: linkText(ev.message, ctx), json: ev.message.type === RTM.RTM_DELLINK ? { deleted: true, ...json } : json };
}
