// The floor of `tsip -batch` for veth creations: a whole Node process that
// opens the socket tsnetlink uses (SocketPort, in the namespace) and sends
// the creations one at a time, each written by hand into a buffer, waiting
// for each answer as ip -batch does. No parsing, no encoder, no API: what
// Node and the binding cost over ip.
//   node veth-floor.mjs NS PAIRS
import { SocketPort } from '../../dist/transport/socket-port.js';

const [ns, pairsArg] = process.argv.slice(2);
const pairs = Number(pairsArg);
const port = new SocketPort({ netns: { path: `/run/netns/${ns}` } });
const enc = new TextEncoder();

/** One attribute header at `off`; returns the offset after its header. */
function attr(dv, off, len, type) {
  dv.setUint16(off, len, true);
  dv.setUint16(off + 2, type, true);
  return off + 4;
}

/** RTM_NEWLINK (REQUEST|ACK|EXCL|CREATE) for a veth `a` with peer `b`, as iproute2 lays it out. */
function veth(a, b, seq) {
  const A = enc.encode(a);
  const B = enc.encode(b);
  const al = (4 + A.length + 1 + 3) & ~3;
  const bl = (4 + B.length + 1 + 3) & ~3;
  const peer = 4 + 16 + bl;
  const data = 4 + peer;
  const info = 4 + 8 + data;
  const len = 16 + 16 + al + info;
  const u8 = new Uint8Array(len);
  const dv = new DataView(u8.buffer);
  dv.setUint32(0, len, true);
  dv.setUint16(4, 16, true); // RTM_NEWLINK
  dv.setUint16(6, 0x605, true); // NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
  dv.setUint32(8, seq, true);
  dv.setUint32(12, port.localPort(), true);
  let o = attr(dv, 32, 4 + A.length + 1, 3); // IFLA_IFNAME
  u8.set(A, o);
  o = attr(dv, 32 + al, info, 18); // IFLA_LINKINFO
  attr(dv, o, 8, 1); // IFLA_INFO_KIND "veth"
  u8.set(enc.encode('veth'), o + 4);
  o = attr(dv, o + 8, data, 2); // IFLA_INFO_DATA
  o = attr(dv, o, peer, 1) + 16; // VETH_INFO_PEER, then its ifinfomsg
  attr(dv, o, 4 + B.length + 1, 3);
  u8.set(B, o + 4);
  return u8;
}

let answered;
port.onMessage((d) => {
  const err = new DataView(d.buffer, d.byteOffset, d.byteLength).getInt32(16, true);
  if (err !== 0) {
    console.error(`creation refused: errno ${-err}`);
    process.exit(2);
  }
  answered();
});
port.ref(true);
for (let i = 0; i < pairs; i++) {
  await new Promise((resolve) => {
    answered = resolve;
    port.send(veth(`v${i}`, `w${i}`, i + 1));
  });
}
port.close();
