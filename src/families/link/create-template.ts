/**
 * Link creations written from a template, without the generic encoder.
 *
 * A batch of creations (`links.addMany`, `tsip -batch`) is many RTM_NEWLINK
 * messages of one shape that differ in their names. {@link templateBytes}
 * writes such a message in one pass over a fixed layout:
 *
 * ```
 * nlmsghdr (16) | ifinfomsg (16) | [IFLA_TARGET_NETNSID] IFLA_IFNAME [IFLA_MTU] ...
 *   IFLA_LINKINFO { IFLA_INFO_KIND "veth" (no NUL)
 *                   IFLA_INFO_DATA { VETH_INFO_PEER { ifinfomsg | IFLA_IFNAME [IFLA_MTU] [IFLA_NET_NS_FD] } } }
 * ```
 *
 * It covers the messages {@link linkCreate} builds for a veth, a bridge or
 * an ifb with names, MTU, queue length, master, lower link, namespace fd or
 * NSID. Anything else (a MAC address, macvlan or vxlan data, a non-ASCII or
 * too long name, a value out of range, a message not made by linkCreate)
 * gives undefined, and the caller uses the generic encoder, which also
 * words the errors. The attribute numbers come from the declarations; a
 * test checks the bytes against the generic encoder.
 */
import { NLA_HDRLEN, NLMSG_HDRLEN } from '../../core/constants.js';
import type { Message } from '../../netlink/message.js';
import { WIRE } from '../../schema/attr-set.js';
import { IFNAMSIZ, RTM } from '../../rtnl/constants.js';
import { linkAttrs } from './attrs.js';
import { ifinfomsg } from './header.js';
import { linkInfoAttrs } from './linkinfo.js';
import { vethAttrs } from './veth.js';

function typeOf(set: { byKey: ReadonlyMap<string, { type: number }>; name: string }, key: string): number {
  const def = set.byKey.get(key);
  if (def === undefined) throw new Error(`${set.name} declares no "${key}"`);
  return def.type;
}

/** The attribute numbers the template writes, read from the declarations. */
interface Types {
  readonly ifname: number;
  readonly linkinfo: number;
  readonly infoKind: number;
  readonly infoData: number;
  readonly vethPeer: number;
  /** 32-bit attributes by friendly key: [type, signed]. */
  readonly ints: ReadonlyMap<string, readonly [number, boolean]>;
}

let types: Types | undefined;

/** {@link Types}, on first use (reading them builds the sets' tables). */
function typesOf(): Types {
  return (types ??= {
    ifname: typeOf(linkAttrs, 'ifname'),
    linkinfo: typeOf(linkAttrs, 'linkinfo'),
    infoKind: typeOf(linkInfoAttrs, 'kind'),
    infoData: typeOf(linkInfoAttrs, 'data'),
    vethPeer: typeOf(vethAttrs, 'peer'),
    ints: new Map<string, [number, boolean]>([
      ['targetNetnsid', [typeOf(linkAttrs, 'targetNetnsid'), true]],
      ['mtu', [typeOf(linkAttrs, 'mtu'), false]],
      ['txqlen', [typeOf(linkAttrs, 'txqlen'), false]],
      ['master', [typeOf(linkAttrs, 'master'), false]],
      ['link', [typeOf(linkAttrs, 'link'), false]],
      ['netNsFd', [typeOf(linkAttrs, 'netNsFd'), false]],
    ]),
  });
}

/** Messages made by linkCreate, with their IFLA_LINKINFO object (whose kind is written without NUL, as iproute2 does). */
const templated = new WeakMap<Message, object>();

/** Marks `msg` as one linkCreate made, so {@link templateBytes} may write it. */
export function markTemplated(msg: Message): Message {
  const info = msg.attrs?.linkinfo;
  if (typeof info === 'object' && info !== null) templated.set(msg, info);
  return msg;
}

/** One attribute: [type, value kind, value]. */
type Item = [number, 'int' | 'uint' | 'name', number | string];

/** Bytes of an attribute list, or -1 when an item cannot be written here. */
function itemsSize(items: readonly Item[]): number {
  let n = 0;
  for (const [, kind, v] of items) {
    if (kind === 'int' || kind === 'uint') n += NLA_HDRLEN + 4;
    else n += (NLA_HDRLEN + (v as string).length + 1 + 3) & ~3;
  }
  return n;
}

/** Flat attributes of `attrs` in key order; undefined when one is not covered. */
function flatItems(attrs: Record<string, unknown>, skip: string): Item[] | undefined {
  const out: Item[] = [];
  const t = typesOf();
  for (const key of Object.keys(attrs)) {
    if (key === skip) continue;
    const v = attrs[key];
    if (v === undefined) continue;
    if (key === 'ifname') {
      if (!isShortAscii(v, IFNAMSIZ - 1)) return undefined;
      out.push([t.ifname, 'name', v]);
      continue;
    }
    const int = t.ints.get(key);
    if (int === undefined || typeof v !== 'number' || !Number.isInteger(v)) return undefined;
    const [type, signed] = int;
    if (signed ? v < -0x8000_0000 || v > 0x7fff_ffff : v < 0 || v > 0xffff_ffff) return undefined;
    out.push([type, signed ? 'int' : 'uint', v]);
  }
  return out;
}

function isShortAscii(v: unknown, max: number): v is string {
  if (typeof v !== 'string' || v.length > max) return false;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** True when `h` is an ifinfomsg of AF_UNSPEC, type 0, index 0 (flags and change may be set). */
function plainHeader(h: Record<string, unknown> | undefined): h is { flags: number; change: number } {
  return (
    h !== undefined &&
    h.family === 0 &&
    h.type === 0 &&
    h.index === 0 &&
    Number.isInteger(h.flags) &&
    Number.isInteger(h.change) &&
    (h.flags as number) >= 0 &&
    (h.flags as number) <= 0xffff_ffff &&
    (h.change as number) >= 0 &&
    (h.change as number) <= 0xffff_ffff
  );
}

/**
 * The encoded message (nlmsg_seq and nlmsg_pid 0, flags as in `msg`) when
 * `msg` is a link creation of the shape this template covers, else undefined.
 */
export function templateBytes(msg: Message): Uint8Array | undefined {
  const info = templated.get(msg) as Record<string, unknown> | undefined;
  const attrs = msg.attrs as Record<string, unknown> | undefined;
  // The IFLA_LINKINFO linkCreate made, still in place and last.
  if (info === undefined || msg.type !== RTM.RTM_NEWLINK || attrs?.linkinfo !== info || !plainHeader(msg.header)) return undefined;
  const top = flatItems(attrs, 'linkinfo');
  if (top === undefined || Object.keys(attrs).pop() !== 'linkinfo') return undefined;
  // IFLA_LINKINFO: the kind, and for a veth its peer; nothing else.
  const kind = info.kind;
  if (!isShortAscii(kind, 64) || kind.length === 0) return undefined;
  // Still the bare string linkCreate wrote (a kind changed since would be encoded with its NUL).
  if ((info as { [WIRE]?: Record<string, { value?: unknown }> })[WIRE]?.kind?.value !== kind) return undefined;
  let peerItems: Item[] | undefined;
  const infoKeys = Object.keys(info);
  if (kind === 'veth') {
    const data = info.data as Record<string, unknown> | undefined;
    const peer = data?.peer as { header?: Record<string, unknown>; attrs?: Record<string, unknown> } | undefined;
    if (infoKeys.length !== 2 || infoKeys[1] !== 'data' || data === undefined || Object.keys(data).length !== 1 || peer?.attrs === undefined) return undefined;
    if (!plainHeader(peer.header) || peer.header.flags !== 0 || peer.header.change !== 0) return undefined;
    peerItems = flatItems(peer.attrs, '');
    if (peerItems === undefined) return undefined;
  } else if (infoKeys.length !== 1) return undefined;
  if (infoKeys[0] !== 'kind') return undefined;

  const kindLen = (NLA_HDRLEN + kind.length + 3) & ~3;
  const peerLen = peerItems === undefined ? 0 : NLA_HDRLEN + ifinfomsg.structSize + itemsSize(peerItems);
  const dataLen = peerItems === undefined ? 0 : NLA_HDRLEN + peerLen;
  const infoLen = NLA_HDRLEN + kindLen + dataLen;
  const len = NLMSG_HDRLEN + ifinfomsg.structSize + itemsSize(top) + infoLen;
  const u8 = new Uint8Array(len);
  const dv = new DataView(u8.buffer);
  dv.setUint32(0, len, true);
  dv.setUint16(4, msg.type, true);
  dv.setUint16(6, msg.flags ?? 0, true);
  // seq and pid: 0 (the connection writes its own); ifinfomsg family, type, index: 0.
  dv.setUint32(NLMSG_HDRLEN + 8, msg.header.flags, true);
  dv.setUint32(NLMSG_HDRLEN + 12, msg.header.change, true);
  const t = typesOf();
  let off = writeItems(u8, dv, NLMSG_HDRLEN + ifinfomsg.structSize, top);
  off = nest(dv, off, infoLen, t.linkinfo);
  dv.setUint16(off, NLA_HDRLEN + kind.length, true);
  dv.setUint16(off + 2, t.infoKind, true);
  ascii(u8, off + NLA_HDRLEN, kind);
  off += kindLen;
  if (peerItems !== undefined) {
    off = nest(dv, off, dataLen, t.infoData);
    off = nest(dv, off, peerLen, t.vethPeer);
    // The peer's ifinfomsg: all zero.
    writeItems(u8, dv, off + ifinfomsg.structSize, peerItems);
  }
  return u8;
}

function nest(dv: DataView, off: number, len: number, type: number): number {
  dv.setUint16(off, len, true);
  dv.setUint16(off + 2, type, true);
  return off + NLA_HDRLEN;
}

function ascii(u8: Uint8Array, off: number, s: string): void {
  for (let i = 0; i < s.length; i++) u8[off + i] = s.charCodeAt(i);
}

function writeItems(u8: Uint8Array, dv: DataView, off: number, items: readonly Item[]): number {
  for (const [type, kind, v] of items) {
    dv.setUint16(off + 2, type, true);
    if (kind === 'name') {
      const s = v as string;
      dv.setUint16(off, NLA_HDRLEN + s.length + 1, true);
      ascii(u8, off + NLA_HDRLEN, s);
      off += (NLA_HDRLEN + s.length + 1 + 3) & ~3;
    } else {
      dv.setUint16(off, NLA_HDRLEN + 4, true);
      if (kind === 'int') dv.setInt32(off + NLA_HDRLEN, v as number, true);
      else dv.setUint32(off + NLA_HDRLEN, v as number, true);
      off += NLA_HDRLEN + 4;
    }
  }
  return off;
}
