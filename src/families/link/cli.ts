/**
 * `tsip link`: show, add, set, del.
 */
import type { Message } from '../../netlink/message.js';
import { RTM } from '../../rtnl/constants.js';
import type { JsonObject } from '../../format/printer.js';
import { hasNetns } from '../../netns/registry.js';
import type { LinkSetOptions } from './api.js';
import type { Link } from './view.js';
import { DeviceNotFoundError } from '../../api/errors.js';
import { LINK_KINDS, MACVLAN_MODES, type LinkAddOptions, type LinkKind, type MacvlanAddOptions, type MacvlanMode, type VethAddOptions, type VethPeer, type VxlanAddOptions } from './spec.js';
import { linkContext, type FormatContext } from '../../format/context.js';
import { linkJSON, linkText } from './format.js';
import { Args, devOnly, dispatch, duplicateOrGarbage, ifnameArg, macArg, matches, mtuArg, uintArg } from '../../cli/args.js';
import { CliError, EXIT } from '../../cli/errors.js';
import type { Session } from '../../cli/session.js';
import { validateNetnsName } from '../../netns/names.js';

export const LINK_USAGE = `Usage: tsip link show [ dev NAME ]
       tsip link add NAME [ mtu MTU ] [ address LLADDR ] [ master BR ] [ netns NS ] [ up ]
                     type { veth peer name PEER [ netns NS ] | bridge | ifb |
                            macvlan link DEV mode { private | vepa | bridge | passthru | source } |
                            vxlan id VNI dstport PORT [ dev DEV ] [ local ADDR ] [ remote ADDR ] [ ttl TTL ] }
       tsip link set [ dev ] NAME { up | down | mtu MTU | address LLADDR | name NEW | netns NS | master BR | nomaster } ...
       tsip link del [ dev ] NAME
`;

export async function run(argv: string[], s: Session): Promise<number> {
  return dispatch(argv, 'link', LINK_USAGE, [
    [['show', 'list', 'lst'], (a) => show(a, s)],
    [['add'], (a) => add(a, s)],
    [['set'], (a) => set(a, s)],
    [['delete'], (a) => del(a, s)],
  ]);
}

async function show(a: Args, s: Session): Promise<number> {
  const dev = devOnly(a, true);
  // One link: ask for it (and the links it names) by name, as ip does, instead of a dump.
  const all = dev === undefined ? await s.handle.links.list() : await oneLink(s, dev);
  const names = all.some((l) => l.linkNetnsid !== undefined) ? await s.handle.nsids.names() : undefined;
  const ctx = linkContext(all.map((l) => l.message), names);
  const shown = dev === undefined ? all : all.slice(0, 1);
  const opts = { details: s.opts.details };
  if (s.opts.json) s.printJSON(shown.map((l) => linkJSON(l.message, ctx, opts)));
  else s.printLines(shown.flatMap((l) => linkText(l.message, ctx, opts)));
  return EXIT.OK;
}

async function oneLink(s: Session, dev: string): Promise<Link[]> {
  let link: Link;
  try {
    link = await s.handle.links.get(dev);
  } catch (e) {
    if (e instanceof DeviceNotFoundError) throw new CliError(`Device "${dev}" does not exist.`);
    throw e;
  }
  const out = [link];
  for (const i of [link.master, link.linkNetnsid === undefined ? link.link : undefined]) {
    if (i === undefined || i === 0 || out.some((l) => l.index === i)) continue;
    try {
      out.push(await s.handle.links.get(i));
    } catch (e) {
      if (!(e instanceof DeviceNotFoundError)) throw e;
    }
  }
  return out;
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

async function set(a: Args, s: Session): Promise<number> {
  let dev: string | undefined;
  const ch: LinkSetOptions = {};
  let any = false;
  while (!a.done) {
    const t = a.next()!;
    any = true;
    if (t === 'dev') dev = ifnameArg(a.value(t));
    else if (t === 'up') ch.up = true;
    else if (t === 'down') ch.up = false;
    else if (t === 'mtu') ch.mtu = mtuArg(a.value(t));
    else if (matches(t, 'address')) ch.address = macArg(a.value(t));
    else if (t === 'name') ch.name = ifnameArg(a.value(t), 'name');
    else if (t === 'netns') ch.netns = netnsArg(a.value(t));
    else if (t === 'master') ch.master = ifnameArg(a.value(t), 'master');
    else if (t === 'nomaster') ch.master = null;
    else if (matches(t, 'txqueuelen') || t === 'qlen' || t === 'txqlen') ch.txqlen = uintArg(a.value(t), 'txqueuelen');
    else if (dev === undefined) dev = ifnameArg(t);
    else throw duplicateOrGarbage('dev', t);
  }
  if (dev === undefined) throw new CliError('Not enough information: "dev" argument is required.', EXIT.INVARG);
  if (!any) throw new CliError('Not enough information: nothing to set.');
  await s.handle.links.set(dev, ch);
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
