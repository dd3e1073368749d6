// The npm `netlink` package's own rt API, run inside a namespace:
//   ip netns exec NS node npm-netlink-child.mjs create N
//   ip netns exec NS node npm-netlink-child.mjs delete N
//   ip netns exec NS node --expose-gc npm-netlink-child.mjs dump 1 --memory
//   ip netns exec NS node npm-netlink-child.mjs serve
// It has no namespace support, so it works on the namespace it was started
// in. Prints one JSON line: readyEpoch (the package loaded and the socket
// open), and the times of its own work. serve: after {readyEpoch}, answers
// each stdin line "dump N" with {times, links} (N getLinks() calls), as
// bench/lib/served-child.mjs drives it.
//
// The rt API takes IFLA_LINKINFO as raw bytes, so the veth's kind and peer
// are encoded here (IFLA_INFO_KIND "veth", IFLA_INFO_DATA { VETH_INFO_PEER:
// ifinfomsg + IFLA_IFNAME }). Requests are pipelined, at most WINDOW at once
// (as tsnetlink's default window).
import { createRequire } from 'node:module';
import { memorySnapshot, resetPeak } from './memory.mjs';
import { serveDumps } from './served-child.mjs';

const require = createRequire(import.meta.url);
const nl = require('netlink');
const rt = nl.createRtNetlink();
const readyEpoch = performance.timeOrigin + performance.now();

const WINDOW = 64;
const NLM_F_CREATE = 0x400;
const NLM_F_EXCL = 0x200;

function attr(type, payload) {
  const len = 4 + payload.length;
  const b = Buffer.alloc((len + 3) & ~3);
  b.writeUInt16LE(len, 0);
  b.writeUInt16LE(type, 2);
  payload.copy(b, 4);
  return b;
}
const cstr = (s) => Buffer.from(s + '\0');

function vethInfo(peer) {
  const ifinfomsg = Buffer.alloc(16);
  const peerPayload = Buffer.concat([ifinfomsg, attr(3 /* IFLA_IFNAME */, cstr(peer))]);
  const data = attr(1 /* VETH_INFO_PEER */, peerPayload);
  return Buffer.concat([attr(1 /* IFLA_INFO_KIND */, cstr('veth')), attr(2 /* IFLA_INFO_DATA */, data)]);
}

async function pipelined(n, fn) {
  let next = 0;
  const worker = async () => {
    while (next < n) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(WINDOW, n) }, worker));
}

const now = () => performance.now();
const [cmd, arg, flag] = process.argv.slice(2);
const out = { readyEpoch };

if (cmd === 'create') {
  const n = Number(arg);
  const t0 = now();
  await pipelined(n, (i) => rt.newLink({}, { ifname: `v${i}`, linkinfo: vethInfo(`w${i}`) }, { flags: NLM_F_CREATE | NLM_F_EXCL }));
  out.ms = now() - t0;
} else if (cmd === 'delete') {
  const n = Number(arg);
  const t0 = now();
  await pipelined(n, (i) => rt.delLink({}, { ifname: `v${i}` }));
  out.ms = now() - t0;
} else if (cmd === 'dump' && flag === '--memory') {
  // Raw bytes: every datagram the socket reads during the dump.
  let raw = 0;
  rt.socket.socket.on('message', (m) => (raw += m.length));
  const base = resetPeak();
  const links = await rt.getLinks();
  Object.assign(out, memorySnapshot(base), { rawBytes: raw, links: links.length });
  globalThis.keep = links;
} else if (cmd === 'serve') {
  await serveDumps(out, () => rt.getLinks());
  rt.socket.close();
  process.exit(0);
} else throw new Error(`unknown command ${cmd}`);

rt.socket.close();
console.log(JSON.stringify(out));
