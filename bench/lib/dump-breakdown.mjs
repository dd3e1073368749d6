// Where the time of a link dump goes, inside the namespace (run by
// `ip netns exec NS node dump-breakdown.mjs [ROUNDS]`): each step adds one
// layer, with the garbage collector's share (PerformanceObserver 'gc'):
//   raw        RawNetlinkSocket, 32 KiB reads, no decoding (kernel + reads)
//   dump       Connection.dump(linkDump()): engine + decodeAt, result kept
//   list       Handle.links.list(): what the library asks (RTEXT_FILTER_SKIP_STATS
//              since 8bba148), with toLink views
//   skip-stats Connection.dump with RTEXT_FILTER_SKIP_STATS (what the kernel
//              sends without IFLA_STATS/STATS64 and the inet6 stats)
import { createRequire } from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';
import { open } from '../../dist/api/handle.js';
import { linkDump } from '../../dist/families/link/requests.js';
import { RTEXT_FILTER } from '../../dist/families/link/attrs.js';
import { rtnetlink } from '../../dist/families/registry.js';
import { Connection } from '../../dist/transport/connection.js';
import { SocketPort } from '../../dist/transport/socket-port.js';

const require = createRequire(import.meta.url);
const { RawNetlinkSocket } = require('netlink/dist/raw.js');
const ROUNDS = Number(process.argv[2] ?? 15);

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

function rawDump() {
  return new Promise((resolve) => {
    const sock = new RawNetlinkSocket(0, { messagePeeking: false, msgBufferSize: 32768, recvBufferSize: 4 << 20, sendBufferSize: 0 });
    const req = Buffer.alloc(40);
    req.writeUInt32LE(40, 0);
    req.writeUInt16LE(18, 4);
    req.writeUInt16LE(0x301, 6);
    req.writeUInt32LE(1, 8);
    req.writeUInt16LE(8, 32); // IFLA_EXT_MASK
    req.writeUInt16LE(29, 34);
    req.writeUInt32LE(1, 36); // RTEXT_FILTER_VF
    let bytes = 0;
    sock.on('message', (msg) => {
      bytes += msg.length;
      for (let off = 0; off + 16 <= msg.length; ) {
        const l = msg.readUInt32LE(off);
        if (msg.readUInt16LE(off + 4) === 3) {
          sock.close();
          resolve(bytes);
          return;
        }
        if (l === 0) break;
        off += (l + 3) & ~3;
      }
    });
    sock.send(req, { port: 0 }, () => {});
  });
}

const conn = new Connection(new SocketPort(), rtnetlink);
const h = open();
let raw = 0;
const skipConn = new Connection(new SocketPort(), rtnetlink, { tap: (d, b) => { if (d === 'in') raw += b.length; } });
const skip = linkDump();
skip.attrs.extMask = RTEXT_FILTER.RTEXT_FILTER_VF | RTEXT_FILTER.RTEXT_FILTER_SKIP_STATS;

const steps = {
  raw: rawDump,
  dump: () => conn.dump(linkDump()),
  list: () => h.links.list(),
  'skip-stats': async () => {
    raw = 0;
    return skipConn.dump(skip);
  },
};
const out = {};
for (const [name, fn] of Object.entries(steps)) {
  const t = [];
  const g = [];
  let res;
  for (let i = 0; i < ROUNDS; i++) {
    res = undefined;
    const g0 = gcMs;
    const t0 = performance.now();
    res = await fn();
    t.push(performance.now() - t0);
    await new Promise((r) => setImmediate(r)); // let the gc entries arrive
    g.push(gcMs - g0);
  }
  out[name] = { times: t, gc: g, ...(name === 'raw' ? { bytes: res } : {}), ...(name === 'skip-stats' ? { bytes: raw } : {}) };
}
conn.close();
skipConn.close();
h.close();
console.log(JSON.stringify(out));
