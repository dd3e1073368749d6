/**
 * What `links.add` takes: one option type per link kind, so that a peer on
 * a bridge, a mode on a veth or a macvlan mode that does not exist fail to
 * compile, and the same rules checked at run time for callers without
 * types. Nothing here talks to the kernel: names are checked, numbers
 * bounded, addresses parsed; lookups (master, lower device) and namespace
 * fds are the handle's.
 */
import { MACVLAN_MODE } from './macvlan.js';
import { kernelWords } from '../../schema/enums.js';
import { validateNetnsName } from '../../netns/names.js';
import { InvalidArgumentError } from '../../api/errors.js';
import type * as req from './requests.js';
import { checkIfname, checkMac, checkMtu, checkUint, parseAddress } from '../../api/validate.js';

/** iproute2's name of a macvlan mode: `MACVLAN_MODE_BRIDGE` is `bridge`. */
export type MacvlanMode = {
  [K in keyof typeof MACVLAN_MODE]: K extends `MACVLAN_MODE_${infer M}` ? Lowercase<M> : never;
}[keyof typeof MACVLAN_MODE];

/** macvlan modes by iproute2's names, from the declared `enum macvlan_mode`. */
export const MACVLAN_MODES: Readonly<Record<MacvlanMode, number>> = Object.fromEntries(
  Object.entries(kernelWords(MACVLAN_MODE, 'MACVLAN_MODE_')).map(([v, word]) => [word, Number(v)]),
) as Record<MacvlanMode, number>;

/** What every kind takes. */
interface LinkAddCommon {
  /** The interface name (at most 15 bytes, no `/`, `:` or white space). */
  name: string;
  mtu?: number;
  /** MAC address, `02:00:00:00:00:01`. */
  address?: string;
  txqlen?: number;
  /** Create it up (for a veth: the main device only; the kernel refuses a peer created up). */
  up?: boolean;
  /** Name of a bridge to enslave it to at creation. */
  master?: string;
  /** Create it in this namespace instead of the handle's (IFLA_NET_NS_FD). */
  netns?: string;
}

/** The other end of a veth. */
export interface VethPeer {
  name: string;
  /** Its namespace; default: the handle's. */
  netns?: string;
  mtu?: number;
  address?: string;
}

/** A veth pair. */
export interface VethAddOptions extends LinkAddCommon {
  kind: 'veth';
  peer: VethPeer;
}

/** A bridge. */
export interface BridgeAddOptions extends LinkAddCommon {
  kind: 'bridge';
}

/** An ifb (intermediate functional block). */
export interface IfbAddOptions extends LinkAddCommon {
  kind: 'ifb';
}

/** A macvlan on a lower device of the handle's namespace. */
export interface MacvlanAddOptions extends LinkAddCommon {
  kind: 'macvlan';
  /** The lower device. */
  link: string;
  mode?: MacvlanMode;
}

/** VXLAN settings. */
export interface VxlanOptions {
  /** VNI, 0 to 16777215. */
  id: number;
  /** UDP destination port (IANA: 4789). */
  port?: number;
  local?: string;
  remote?: string;
  ttl?: number;
  learning?: boolean;
}

/** A VXLAN device. */
export interface VxlanAddOptions extends LinkAddCommon {
  kind: 'vxlan';
  vxlan: VxlanOptions;
  /** The lower device, if any. */
  link?: string;
}

/** A link to create: one shape per kind. */
export type LinkAddOptions = VethAddOptions | BridgeAddOptions | IfbAddOptions | MacvlanAddOptions | VxlanAddOptions;

/** The kinds `links.add` creates. */
export type LinkKind = LinkAddOptions['kind'];

/** The kinds `links.add` creates, at run time. */
export const LINK_KINDS: readonly LinkKind[] = ['veth', 'bridge', 'macvlan', 'vxlan', 'ifb'];

/**
 * Checks a link spec and turns what needs no lookup into a
 * {@link req.LinkCreate} (without master, lower device and namespace fds).
 * `ownNetns` is the handle's namespace name, for the peer-name clash check.
 * Throws InvalidArgumentError (or NetnsNameError) before anything is sent.
 */
export function checkLinkSpec(spec: LinkAddOptions, ownNetns: string | undefined): req.LinkCreate {
  if (!spec || typeof spec !== 'object') throw new InvalidArgumentError('link spec must be an object');
  checkIfname(spec.name);
  if (!LINK_KINDS.includes(spec.kind)) {
    throw new InvalidArgumentError(`unknown link kind "${String((spec as { kind: unknown }).kind)}" (this library creates ${LINK_KINDS.join(', ')})`, String((spec as { kind: unknown }).kind));
  }
  const c: req.LinkCreate = { name: spec.name, kind: spec.kind, up: spec.up };
  if (spec.mtu !== undefined) c.mtu = checkMtu(spec.mtu);
  if (spec.address !== undefined) c.address = checkMac(spec.address);
  if (spec.txqlen !== undefined) c.txqlen = checkUint(spec.txqlen, 'txqlen');
  if (spec.netns !== undefined) validateNetnsName(spec.netns);
  if (spec.master !== undefined) checkIfname(spec.master, 'master');
  // What a caller without types may have put on any kind.
  const loose = spec as { peer?: unknown; mode?: unknown; vxlan?: unknown; link?: unknown };
  if (spec.kind === 'veth') {
    if (!spec.peer) throw new InvalidArgumentError('a veth needs a peer name');
    checkIfname(spec.peer.name, 'peer name');
    if (spec.peer.netns !== undefined) validateNetnsName(spec.peer.netns);
    if (spec.peer.name === spec.name && (spec.peer.netns ?? ownNetns) === (spec.netns ?? ownNetns)) {
      throw new InvalidArgumentError(`the peer cannot have the same name as the device ("${spec.name}") in the same namespace`);
    }
    c.peer = { name: spec.peer.name };
    if (spec.peer.mtu !== undefined) c.peer.mtu = checkMtu(spec.peer.mtu);
    if (spec.peer.address !== undefined) c.peer.address = checkMac(spec.peer.address);
  } else if (loose.peer) throw new InvalidArgumentError(`only a veth has a peer, not a ${spec.kind}`);
  if (spec.kind === 'macvlan') {
    if (spec.link === undefined) throw new InvalidArgumentError('a macvlan needs a lower device (link)');
    if (spec.mode !== undefined) {
      const mode = (MACVLAN_MODES as Readonly<Record<string, number>>)[spec.mode];
      if (mode === undefined) throw new InvalidArgumentError(`unknown macvlan mode "${String(spec.mode)}" (${Object.keys(MACVLAN_MODES).join(', ')})`, String(spec.mode));
      c.mode = mode;
    }
  } else if (loose.mode !== undefined) throw new InvalidArgumentError(`only a macvlan has a mode, not a ${spec.kind}`);
  if (spec.kind === 'vxlan') {
    const v = spec.vxlan;
    if (!v || !Number.isInteger(v.id) || v.id < 0 || v.id >= 1 << 24) throw new InvalidArgumentError('a vxlan needs an id from 0 to 16777215');
    if (v.port !== undefined && (!Number.isInteger(v.port) || v.port < 0 || v.port > 65535)) throw new InvalidArgumentError(`invalid vxlan port ${v.port}`);
    if (v.ttl !== undefined && (!Number.isInteger(v.ttl) || v.ttl < 0 || v.ttl > 255)) throw new InvalidArgumentError(`invalid vxlan ttl ${v.ttl}`);
    c.vxlan = { ...v };
    if (v.local !== undefined) c.vxlan.local = parseAddress(v.local).address;
    if (v.remote !== undefined) c.vxlan.remote = parseAddress(v.remote).address;
  } else if (loose.vxlan !== undefined) throw new InvalidArgumentError(`only a vxlan has vxlan settings, not a ${spec.kind}`);
  if (loose.link !== undefined) {
    if (spec.kind !== 'macvlan' && spec.kind !== 'vxlan') throw new InvalidArgumentError(`only a macvlan or a vxlan has a lower device, not a ${spec.kind}`);
    checkIfname(loose.link, 'link');
  }
  return c;
}
