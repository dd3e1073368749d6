// Reads a file written by capture-dump.mjs: u32 length + datagram, repeated.
import { readFileSync } from 'node:fs';

export function readDatagrams(path) {
  const buf = readFileSync(path);
  const out = [];
  for (let off = 0; off < buf.length; ) {
    const len = buf.readUInt32LE(off);
    out.push(buf.subarray(off + 4, off + 4 + len));
    off += 4 + len;
  }
  return out;
}
