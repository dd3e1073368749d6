/**
 * The nlmsghdrs of a datagram, read without decoding anything else: for
 * code that pairs, counts or points at messages (captures, summaries,
 * lessons, the explorer) whatever their bodies hold.
 */

/** One message of a datagram: where it starts and its nlmsghdr. */
export interface HeaderAt {
  offset: number;
  /** nlmsg_len. */
  len: number;
  type: number;
  flags: number;
  seq: number;
  pid: number;
}

/**
 * The messages of `bytes` in order, walking nlmsg_len. Stops at a header
 * that cannot be read or whose length is less than a header or runs past
 * the end (a zero tail included): what follows is not messages.
 */
export function headersOf(bytes: Uint8Array): HeaderAt[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: HeaderAt[] = [];
  for (let off = 0; bytes.length - off >= 16; ) {
    const len = dv.getUint32(off, true);
    if (len < 16 || len > bytes.length - off) break;
    out.push({ offset: off, len, type: dv.getUint16(off + 4, true), flags: dv.getUint16(off + 6, true), seq: dv.getUint32(off + 8, true), pid: dv.getUint32(off + 12, true) });
    off += (len + 3) & ~3;
  }
  return out;
}
