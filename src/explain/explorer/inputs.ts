/**
 * What only the page needs of its inputs (pasted text and pcaps are read
 * by `../inputs.ts`, as `tsip decode` reads them): telling a dropped pcap
 * from text, and the input `tsip decode --html` preloads into the page
 * (JSON, bytes as hex). No Node or DOM imports.
 */
import { parseHex, toHex } from '../../bytes/hex.js';
import type { InputDatagram } from '../inputs.js';

/** True when `file` starts with a pcap magic number (either byte order, micro- or nanoseconds). */
export function isPcap(file: Uint8Array): boolean {
  if (file.length < 4) return false;
  const m = ((file[0]! << 24) | (file[1]! << 16) | (file[2]! << 8) | file[3]!) >>> 0;
  return [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a].includes(m);
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
