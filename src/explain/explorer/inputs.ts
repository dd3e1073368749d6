/**
 * The explorer's inputs turned into datagrams: pasted text (hex, strace
 * output, `tsip -xx` rows: read by `../paste.ts`), a pcap file (read by
 * `../../pcap/reader.ts`), and the input `tsip decode --html` preloads
 * into the page (JSON, bytes as hex). No Node or DOM imports.
 */
import { parseHex, toHex } from '../../bytes/hex.js';
import { readPcap } from '../../pcap/reader.js';
import { parsePasted } from '../paste.js';
import { NETLINK_GENERIC, NETLINK_ROUTE, type InputDatagram } from './model.js';

/** Datagrams of pasted text; `protocol` is what hex and strace text is taken to be. Throws PasteError. */
export function fromText(text: string, protocol: 'route' | 'generic'): InputDatagram[] {
  const { format, datagrams } = parsePasted(text, protocol);
  return datagrams.map((p) => {
    const d: InputDatagram = { bytes: p.bytes, source: `${format === 'hex' ? 'pasted hex' : `pasted ${format}, line ${p.line}`}${p.where !== undefined ? ` [${p.where}]` : ''}` };
    if (p.dir) d.dir = p.dir;
    d.protocol = (p.protocol ?? protocol) === 'generic' ? NETLINK_GENERIC : NETLINK_ROUTE;
    return d;
  });
}

/** True when `file` starts with a pcap magic number (either byte order, micro- or nanoseconds). */
export function isPcap(file: Uint8Array): boolean {
  if (file.length < 4) return false;
  const m = ((file[0]! << 24) | (file[1]! << 16) | (file[2]! << 8) | file[3]!) >>> 0;
  return [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a].includes(m);
}

/** Datagrams of a netlink pcap, each with its direction and its own protocol. Throws PcapError. */
export function fromPcap(file: Uint8Array): InputDatagram[] {
  return readPcap(file).packets.map((p) => {
    const d: InputDatagram = { bytes: p.bytes, source: `packet ${p.index}`, protocol: p.protocol };
    if (p.dir) d.dir = p.dir;
    if (p.origLength > p.bytes.length) d.note = `cut to ${p.bytes.length} of ${p.origLength} bytes by the snap length`;
    return d;
  });
}

/** The preloaded input as it sits in the page: JSON, bytes as hex. */
export interface Preload {
  title: string;
  datagrams: { dir?: 'send' | 'recv'; hex: string; source: string; protocol?: number; note?: string; decode?: false }[];
}

/** Datagrams to the JSON the page preloads. */
export function toPreload(title: string, ds: readonly InputDatagram[]): Preload {
  return { title, datagrams: ds.map(({ bytes, ...rest }) => ({ ...rest, hex: toHex(bytes) })) };
}

/** The preloaded JSON back to datagrams. */
export function fromPreload(p: Preload): InputDatagram[] {
  return p.datagrams.map(({ hex, ...rest }) => ({ ...rest, bytes: parseHex(hex) }));
}
