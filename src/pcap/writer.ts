/**
 * Netlink captures in pcap format, as Linux `nlmon` devices produce them:
 * link type 253 (LINKTYPE_NETLINK), each packet a 16-byte pseudo-header
 * followed by the datagram (host byte order, as on the socket).
 *
 * ```
 * pseudo-header (big-endian)     0               1               2               3
 *                                +-------------------------------+-------------------------------+
 *                                | packet type (0 in, 4 out)     | ARPHRD_NETLINK (824)          |
 *                                +-------------------------------+-------------------------------+
 *                                | address length (0)            | address (8 bytes, zero) ...   |
 *                                +-------------------------------+-------------------------------+
 *                                | ... address                                                   |
 *                                +-------------------------------+-------------------------------+
 *                                | ... address                   | netlink protocol (0 = ROUTE)  |
 *                                +-------------------------------+-------------------------------+
 * ```
 * Wireshark's packet-netlink.c and `tshark -V` read such files as rtnetlink.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** LINKTYPE_NETLINK. */
export const LINKTYPE_NETLINK = 253;
/** ARPHRD_NETLINK. */
export const ARPHRD_NETLINK = 824;
/** Packet types of the pseudo-header. */
export const PACKET_HOST = 0;
export const PACKET_OUTGOING = 4;

/** The 24-byte pcap global header (microsecond timestamps, host order magic). */
export function pcapHeader(snaplen = 262144): Uint8Array {
  const b = new Uint8Array(24);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setInt32(8, 0, true);
  dv.setUint32(12, 0, true);
  dv.setUint32(16, snaplen, true);
  dv.setUint32(20, LINKTYPE_NETLINK, true);
  return b;
}

/** One pcap record: record header, nlmon pseudo-header, datagram. */
export function pcapRecord(datagram: Uint8Array, outgoing: boolean, timeMs: number, protocol = 0): Uint8Array {
  const len = 16 + datagram.length;
  const b = new Uint8Array(16 + len);
  const dv = new DataView(b.buffer);
  const sec = Math.floor(timeMs / 1000);
  dv.setUint32(0, sec, true);
  dv.setUint32(4, Math.floor((timeMs - sec * 1000) * 1000), true);
  dv.setUint32(8, len, true);
  dv.setUint32(12, len, true);
  dv.setUint16(16, outgoing ? PACKET_OUTGOING : PACKET_HOST, false);
  dv.setUint16(18, ARPHRD_NETLINK, false);
  dv.setUint16(20, 0, false);
  // 8 address bytes stay zero.
  dv.setUint16(30, protocol, false);
  b.set(datagram, 32);
  return b;
}

/** Appends datagrams to a pcap file as they pass. */
export class PcapWriter {
  private fd: number | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, pcapHeader());
  }

  /** Records one datagram; `outgoing` is true for user to kernel; `protocol` is the socket's (0 NETLINK_ROUTE, 16 NETLINK_GENERIC). */
  write(datagram: Uint8Array, outgoing: boolean, timeMs = Date.now(), protocol = 0): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, pcapRecord(datagram, outgoing, timeMs, protocol));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
