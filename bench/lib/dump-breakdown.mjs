// Where the time of a link dump goes, inside the namespace (run by
// `ip netns exec NS node dump-breakdown.mjs serve`, driven by
// bench/lib/served-child.mjs: after {readyEpoch}, each stdin line "STEP N"
// is answered with {times, gc, bytes}: N timed calls of STEP, the garbage
// collector's share of each (PerformanceObserver 'gc'), the raw bytes the
// last call received when the step knows them). The steps:
//   raw        the floor: RawNetlinkSocket (the binding tsnetlink reads with),
//              32 KiB reads, no decoding (kernel + reads); RTEXT_FILTER_VF,
//              the counters included (what ip and Go ask)
//   raw-skip   the same floor asking RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS
//              (what links.list() and tsip link show ask)
//   dump       Connection.dump(linkDump(undefined, AF_UNSPEC, true)): engine
//              + decodeAt, result kept, the counters included
//   list       Handle.links.list(): what the library asks (SKIP_STATS), with
//              toLink views (nests decoded when read, the default)
//   list-eager the same with every reply decoded whole (lazy: false)
//   skip-stats Connection.dump(linkDump()): SKIP_STATS, no views
import { createRequire } from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { open } from '../../dist/api/handle.js';
import { linkDump } from '../../dist/families/link/requests.js';
import { RTEXT_FILTER } from '../../dist/families/link/attrs.js';
import { AF_UNSPEC } from '../../dist/rtnl/constants.js';
import { rtnetlink } from '../../dist/families/registry.js';
import { Connection } from '../../dist/transport/connection.js';
import { SocketPort } from '../../dist/transport/socket-port.js';

const require = createRequire(import.meta.url);
const { RawNetlinkSocket } = require('netlink/dist/raw.js');

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

/**
 * A dump on one RawNetlinkSocket, reused by every round: sends RTM_GETLINK
 * with IFLA_EXT_MASK `mask` and counts the bytes of the datagrams up to
 * NLMSG_DONE, reading only the message headers.
 */
function rawDumper(mask) {
  const sock = new RawNetlinkSocket(0, { messagePeeking: false, msgBufferSize: 32768, recvBufferSize: 4 << 20, sendBufferSize: 0 });
  let bytes = 0;
  let done;
  sock.on('message', (msg) => {
    bytes += msg.length;
    for (let off = 0; off + 16 <= msg.length; ) {
      const l = msg.readUInt32LE(off);
      if (msg.readUInt16LE(off + 4) === 3) {
        done(bytes);
        return;
      }
      if (l < 16) break;
      off += (l + 3) & ~3;
    }
  });
  let seq = 0;
  const dump = () =>
    new Promise((resolve) => {
      bytes = 0;
      done = resolve;
      const req = Buffer.alloc(40);
      req.writeUInt32LE(40, 0);
      req.writeUInt16LE(18, 4); // RTM_GETLINK
      req.writeUInt16LE(0x301, 6); // NLM_F_REQUEST | NLM_F_DUMP
      req.writeUInt32LE(++seq, 8);
      req.writeUInt16LE(8, 32);
      req.writeUInt16LE(29, 34); // IFLA_EXT_MASK
      req.writeUInt32LE(mask, 36);
      sock.send(req, { port: 0 }, () => {});
    });
  dump.close = () => sock.close();
  return dump;
}

const tapped = () => {
  const c = new Connection(new SocketPort(), rtnetlink, { tap: (d, b) => { if (d === 'in') c.rawBytes += b.length; } });
  c.rawBytes = 0;
  return c;
};
const conn = tapped();
const skipConn = tapped();
const h = open();
// The same, decoding every reply whole as it arrives (lazy decoding off).
const hEager = open({ lazy: false });
const floorVf = rawDumper(RTEXT_FILTER.RTEXT_FILTER_VF);
const floorSkip = rawDumper(RTEXT_FILTER.RTEXT_FILTER_VF | RTEXT_FILTER.RTEXT_FILTER_SKIP_STATS);
const withBytes = (c, req) => async () => {
  c.rawBytes = 0;
  await c.dump(req);
  return c.rawBytes;
};

// Each step returns the raw bytes it received, when it knows them.
const steps = {
  raw: floorVf,
  'raw-skip': floorSkip,
  dump: withBytes(conn, linkDump(undefined, AF_UNSPEC, true)),
  list: () => h.links.list(),
  'list-eager': () => hEager.links.list(),
  'skip-stats': withBytes(skipConn, linkDump()),
};
console.log(JSON.stringify({ readyEpoch: performance.timeOrigin + performance.now() }));
for await (const line of createInterface({ input: process.stdin })) {
  const [name, n] = line.trim().split(/\s+/);
  const fn = steps[name];
  if (!fn) {
    console.log(JSON.stringify({ error: `unknown step ${name}` }));
    continue;
  }
  const times = [];
  const gc = [];
  let res;
  for (let i = 0; i < Number(n); i++) {
    res = undefined;
    const g0 = gcMs;
    const t0 = performance.now();
    res = await fn();
    times.push(performance.now() - t0);
    await new Promise((r) => setImmediate(r)); // let the gc entries arrive
    gc.push(gcMs - g0);
  }
  console.log(JSON.stringify({ times, gc, ...(typeof res === 'number' ? { bytes: res } : {}) }));
}
floorVf.close();
floorSkip.close();
conn.close();
skipConn.close();
h.close();
