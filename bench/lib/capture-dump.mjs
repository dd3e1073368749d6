// Run inside a namespace (ip netns exec NS node capture-dump.mjs KIND OUT):
// sends one RTM_GETLINK or RTM_GETADDR dump request on a raw NETLINK_ROUTE
// socket, reads with 32 KiB buffers (as iproute2 does) and writes the
// concatenated datagrams, each prefixed with its u32 length, to OUT.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { RawNetlinkSocket } = require('netlink');

const [kind, out] = process.argv.slice(2);
const type = kind === 'addr' ? 22 : 18; // RTM_GETADDR, RTM_GETLINK
const sock = new RawNetlinkSocket(0, { messagePeeking: false, msgBufferSize: 32768, recvBufferSize: 4 << 20, sendBufferSize: 1 << 20 });
const req = Buffer.alloc(kind === 'addr' ? 24 : 32);
req.writeUInt32LE(req.length, 0);
req.writeUInt16LE(type, 4);
req.writeUInt16LE(0x301, 6); // NLM_F_REQUEST | NLM_F_DUMP
req.writeUInt32LE(1, 8);
const chunks = [];
sock.on('message', (msg) => {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(msg.length);
  chunks.push(len, Buffer.from(msg));
  // NLMSG_DONE ends the dump.
  for (let off = 0; off + 16 <= msg.length; ) {
    const l = msg.readUInt32LE(off);
    if (msg.readUInt16LE(off + 4) === 3) {
      writeFileSync(out, Buffer.concat(chunks));
      sock.close();
      return;
    }
    off += (l + 3) & ~3;
    if (l === 0) break;
  }
});
sock.on('truncatedMessage', () => {
  console.error('truncated datagram');
  process.exit(1);
});
sock.send(req, { port: 0 });
