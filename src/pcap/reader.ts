/**
 * Reads netlink captures in pcap format (link type 253, LINKTYPE_NETLINK):
 * the files `tsip --pcap` writes (`src/pcap/writer.ts`) and those of a
 * Linux `nlmon` device (`tcpdump -i nlmon0 -w FILE`). Each packet is a
 * 16-byte pseudo-header (big-endian) and the datagram (host byte order):
 *
 * ```
 *  0      2      4      6                      14     16
 *  +------+------+------+----------------------+------+---------------
 *  | type | 824  | alen | address (8 bytes)    | prot | datagram ...
 *  +------+------+------+----------------------+------+---------------
 * ```
 * The packet type gives the direction: our writer uses PACKET_OUTGOING (4,
 * user to kernel) and PACKET_HOST (0, kernel to user); nlmon uses
 * PACKET_KERNEL (7, to the kernel) and PACKET_USER (6, to user space).
 * Both byte orders of the file header and microsecond or nanosecond
 * timestamps are accepted. pcapng is not.
 */
import { LINKTYPE_NETLINK, PACKET_HOST, PACKET_OUTGOING } from './writer.js';

/** PACKET_USER: nlmon's type for a datagram to user space. */
export const PACKET_USER = 6;
/** PACKET_KERNEL: nlmon's type for a datagram to the kernel. */
export const PACKET_KERNEL = 7;

/** One captured datagram. */
export interface PcapPacket {
  /** 1-based, as Wireshark numbers packets. */
  index: number;
  /** Capture time in milliseconds since the epoch (fractional). */
  timeMs: number;
  /** Pseudo-header packet type (0, 4, 6, 7). */
  packetType: number;
  /** Direction from the packet type: `send` to the kernel, `recv` to user space; undefined for other types. */
  dir?: 'send' | 'recv';
  /** Pseudo-header ARPHRD type (824, ARPHRD_NETLINK). */
  hatype: number;
  /** Netlink protocol of the socket (0, NETLINK_ROUTE). */
  protocol: number;
  /** The datagram. */
  bytes: Uint8Array;
  /** Bytes on the wire (more than captured when the snap length cut the packet). */
  origLength: number;
}

/** A capture file that cannot be read, with the byte offset where reading stopped. */
export class PcapError extends Error {
  override readonly name = 'PcapError';
  constructor(
    reason: string,
    /** Byte offset in the file. */
    readonly offset: number,
  ) {
    super(`${reason} (offset ${offset})`);
  }
}

/** Direction of a pseudo-header packet type. */
export function directionOf(packetType: number): 'send' | 'recv' | undefined {
  if (packetType === PACKET_OUTGOING || packetType === PACKET_KERNEL) return 'send';
  if (packetType === PACKET_HOST || packetType === PACKET_USER) return 'recv';
  return undefined;
}

/** Parses a whole pcap file. Throws {@link PcapError} for anything but a netlink pcap. */
export function readPcap(file: Uint8Array): { linkType: number; packets: PcapPacket[] } {
  if (file.length < 24) throw new PcapError(`${file.length} bytes, too few for a pcap file header (24)`, 0);
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magicLE = dv.getUint32(0, true);
  const magicBE = dv.getUint32(0, false);
  if (magicLE === 0x0a0d0d0a) throw new PcapError('this is a pcapng file; convert it with `editcap -F pcap IN OUT`', 0);
  let le: boolean;
  let nano: boolean;
  if (magicLE === 0xa1b2c3d4 || magicLE === 0xa1b23c4d) [le, nano] = [true, magicLE === 0xa1b23c4d];
  else if (magicBE === 0xa1b2c3d4 || magicBE === 0xa1b23c4d) [le, nano] = [false, magicBE === 0xa1b23c4d];
  else throw new PcapError(`not a pcap file (magic 0x${magicLE.toString(16).padStart(8, '0')})`, 0);
  const linkType = dv.getUint32(20, le) & 0x0fffffff;
  if (linkType !== LINKTYPE_NETLINK) throw new PcapError(`link type ${linkType} is not LINKTYPE_NETLINK (253)`, 20);
  const packets: PcapPacket[] = [];
  let off = 24;
  while (off < file.length) {
    const index = packets.length + 1;
    if (file.length - off < 16) throw new PcapError(`packet ${index}: ${file.length - off} bytes left, too few for a record header (16)`, off);
    const sec = dv.getUint32(off, le);
    const frac = dv.getUint32(off + 4, le);
    const incl = dv.getUint32(off + 8, le);
    const orig = dv.getUint32(off + 12, le);
    const data = off + 16;
    if (incl > file.length - data) throw new PcapError(`packet ${index}: ${incl} bytes announced, ${file.length - data} left in the file`, off + 8);
    if (incl < 16) throw new PcapError(`packet ${index}: ${incl} bytes, too few for the 16-byte netlink pseudo-header`, off + 8);
    const packetType = dv.getUint16(data, false);
    const p: PcapPacket = {
      index,
      timeMs: sec * 1000 + (nano ? frac / 1e6 : frac / 1e3),
      packetType,
      hatype: dv.getUint16(data + 2, false),
      protocol: dv.getUint16(data + 14, false),
      bytes: file.slice(data + 16, data + incl),
      origLength: Math.max(orig, incl) - 16,
    };
    const dir = directionOf(packetType);
    if (dir) p.dir = dir;
    packets.push(p);
    off = data + incl;
  }
  return { linkType, packets };
}
