#!/usr/bin/env node
// Capture real iproute2 <-> kernel NETLINK_ROUTE exchanges into fixtures/.
//
//   node scripts/capture-fixtures.mjs            regenerate every fixture
//   node scripts/capture-fixtures.mjs NAME...    only those (NAME is "group/name" or just "name")
//   node scripts/capture-fixtures.mjs --list     list fixture names
//
// Needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN for namespaces and ptrace), iproute2, strace, nsenter.
// Everything happens inside network namespaces named tsnlfx-a / tsnlfx-b that this script
// creates and always deletes again. Only 198.18.0.0/15 and 2001:db8::/32 are used.
// No shell is ever involved: every command is an argv array given to execFileSync/spawnSync.

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync, mkdtempSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "fixtures");

const NS_PREFIX = "tsnlfx-";
const A = "tsnlfx-a";
const B = "tsnlfx-b";

// strace flags. -f follow children; -yy print socket details (NETLINK:[ROUTE:portid]);
// -s 0 and -xx keep the decoded argument text short and unambiguous (we never read it,
// the bytes come from the hex dumps); -e write=all / -e read=all hex-dump the full data of
// every sendto/sendmsg and recvfrom/recvmsg (limited only by the return value, not by -s).
// socket and close are traced too, as a fallback to learn each fd's netlink protocol when
// -yy cannot resolve it.
export const STRACE_FLAGS = [
  "-f",
  "-yy",
  "-s", "0",
  "-xx",
  "-e", "trace=sendmsg,recvmsg,sendto,recvfrom,socket,close",
  "-e", "write=all",
  "-e", "read=all",
];

// ---------------------------------------------------------------------------------------
// running commands

function run(argv, { allowFail = false, timeout = 60000 } = {}) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", timeout, maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${argv.join(" ")}: ${r.error.message}`);
  if (!allowFail && r.status !== 0) {
    throw new Error(`command failed (${r.status}): ${argv.join(" ")}\n${r.stderr}`);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function listOurNamespaces() {
  let names = [];
  try {
    names = readdirSync("/run/netns");
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(NS_PREFIX));
}

function deleteOurNamespaces() {
  for (const ns of listOurNamespaces()) {
    run(["ip", "netns", "del", ns], { allowFail: true });
  }
  const left = listOurNamespaces();
  if (left.length) throw new Error(`could not delete namespaces: ${left.join(", ")}`);
}

// The namespace given to `ip -n NS` or `ip netns exec NS TOOL ...`, if any.
function netnsOf(argv) {
  if (argv[0] === "ip" && argv[1] === "netns" && argv[2] === "exec") return argv[3];
  for (let i = 1; i < argv.length - 1; i++) {
    if (argv[i] === "-n" || argv[i] === "-netns" || argv[i] === "--netns") return argv[i + 1];
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// strace output parsing

const IO_CALLS = new Set(["sendmsg", "sendto", "recvmsg", "recvfrom"]);

/**
 * Parse `strace -f -yy -e write=all -e read=all -o FILE` output into the datagrams of one
 * netlink protocol: NETLINK_ROUTE by default, NETLINK_GENERIC with `{ protocol: "GENERIC" }`
 * (strace's names without the NETLINK_ prefix). Returns [{dir, hex}] in syscall order. Skips
 * MSG_PEEK reads, failed calls, and sockets of any other protocol (counted as otherProto).
 * Throws if a dump is incomplete.
 */
export function parseStrace(text, { protocol = "ROUTE" } = {}) {
  const pending = new Map(); // pid -> text of an <unfinished ...> call
  const fdProto = new Map(); // "pid:fd" -> "ROUTE", "GENERIC", ... or "AF_INET" etc., from socket()
  const out = [];
  const skipped = { peek: 0, failed: 0, otherProto: 0 };

  let cur = null; // I/O call whose hex dump follows: { call, fd, dir, ret, buffers: [{declared, hex: []}] }

  const finish = () => {
    if (!cur) return;
    const call = cur;
    cur = null;
    if (call.buffers.length === 0) call.buffers.push({ declared: null, hex: [] });
    let hex = "";
    for (const b of call.buffers) {
      const h = b.hex.join("");
      if (b.declared !== null && h.length / 2 !== b.declared) {
        throw new Error(`incomplete hex dump for ${call.call} on fd ${call.fd}: buffer has ${h.length / 2} of ${b.declared} bytes`);
      }
      hex += h;
    }
    if (hex.length / 2 !== call.ret) {
      throw new Error(`incomplete hex dump for ${call.call} on fd ${call.fd}: ${hex.length / 2} bytes dumped, syscall returned ${call.ret}`);
    }
    out.push({ dir: call.dir, hex });
  };

  for (const raw of text.split("\n")) {
    if (raw.startsWith(" | ")) {
      if (!cur) continue; // dump of a call we skip
      const m = /^ \| ([0-9a-f]+) {2}/.exec(raw);
      if (!m) throw new Error(`unexpected dump line: ${raw}`);
      if (cur.buffers.length === 0) cur.buffers.push({ declared: null, hex: [] }); // sendto/recvfrom: no " * " header
      const b = cur.buffers[cur.buffers.length - 1];
      const have = b.hex.join("").length / 2;
      if (parseInt(m[1], 16) !== have) throw new Error(`dump offset ${m[1]} != ${have.toString(16)} in: ${raw}`);
      // 16 bytes as "xx xx xx xx xx xx xx xx  xx xx xx xx xx xx xx xx" (48 columns), then the ASCII column
      const region = raw.slice(m[0].length, m[0].length + 48);
      b.hex.push((region.match(/[0-9a-f]{2}/g) || []).join(""));
      continue;
    }
    if (raw.startsWith(" * ")) {
      if (!cur) continue;
      const m = /^ \* (\d+) bytes in buffer (\d+)/.exec(raw);
      if (!m) throw new Error(`unexpected dump header: ${raw}`);
      cur.buffers.push({ declared: Number(m[1]), hex: [] });
      continue;
    }
    finish();

    const lm = /^(\d+) +(.*)$/.exec(raw);
    if (!lm) continue;
    const pid = lm[1];
    let body = lm[2];
    if (body.endsWith("<unfinished ...>")) {
      pending.set(pid, body.slice(0, -"<unfinished ...>".length));
      continue;
    }
    const res = /^<\.\.\. (\w+) resumed>(.*)$/.exec(body);
    if (res) {
      const head = pending.get(pid);
      if (head === undefined) throw new Error(`resumed without unfinished: ${raw}`);
      pending.delete(pid);
      body = head + res[2];
    }
    const call = /^(\w+)\((.*)$/.exec(body);
    if (!call) continue; // "+++ exited with 0 +++", "--- SIGCHLD ...", ...
    const name = call[1];
    const retm = /\) += (-?\d+)(?: \w+ \(.*\))?$/.exec(body);
    const ret = retm ? Number(retm[1]) : null;

    if (name === "socket") {
      const sm = /^socket\((AF_\w+), [^,]+, (\w+)\) += (\d+)/.exec(body);
      if (sm) fdProto.set(`${pid}:${sm[3]}`, sm[1] === "AF_NETLINK" ? sm[2].replace(/^NETLINK_/, "") : sm[1]);
      continue;
    }
    if (name === "close") {
      const cm = /^close\((\d+)/.exec(body);
      if (cm && ret === 0) fdProto.delete(`${pid}:${cm[1]}`);
      continue;
    }
    if (!IO_CALLS.has(name)) continue;

    const fdm = /^(\d+)(?:<([^>]*)>)?/.exec(call[2]);
    if (!fdm) throw new Error(`cannot parse fd: ${raw}`);
    const fd = fdm[1];
    const desc = fdm[2] || "";
    const yy = /^NETLINK:\[([A-Z_]+):/.exec(desc); // -yy: NETLINK:[ROUTE:portid]
    const fromSocket = fdProto.get(`${pid}:${fd}`);
    if (yy && fromSocket && yy[1] !== fromSocket) {
      throw new Error(`protocol mismatch on fd ${fd}: -yy says ${yy[1]}, socket() said ${fromSocket}`);
    }
    const proto = yy ? yy[1] : fromSocket;
    if (!proto && desc.startsWith("NETLINK:")) throw new Error(`cannot tell the netlink protocol of fd ${fd}: ${raw}`);
    if (ret === null || ret < 0) { skipped.failed++; continue; }
    if (proto !== protocol) { skipped.otherProto++; continue; }

    const dir = name.startsWith("send") ? "send" : "recv";
    if (dir === "recv") {
      // MSG_PEEK in the flags argument (msg_flags=... is the kernel's output, drop it first)
      if (/MSG_PEEK/.test(body.replace(/msg_flags=[A-Z_|0-9x]+/g, ""))) { skipped.peek++; continue; }
      if (/msg_flags=[A-Z_|0-9x]*MSG_TRUNC/.test(body)) {
        throw new Error(`datagram truncated by the kernel (msg_flags has MSG_TRUNC): ${raw}`);
      }
    }
    cur = { call: name, fd, dir, ret, buffers: [] };
  }
  finish();
  if (pending.size) throw new Error(`unfinished calls never resumed: ${[...pending.values()].join(" / ")}`);
  return { datagrams: out, skipped };
}

// ---------------------------------------------------------------------------------------
// netlink sanity checks on captured datagrams

const ERRNO = {
  1: "EPERM", 2: "ENOENT", 3: "ESRCH", 7: "E2BIG", 12: "ENOMEM", 13: "EACCES", 16: "EBUSY",
  17: "EEXIST", 19: "ENODEV", 22: "EINVAL", 34: "ERANGE", 61: "ENODATA", 95: "EOPNOTSUPP",
  93: "EPROTONOSUPPORT", 97: "EAFNOSUPPORT", 101: "ENETUNREACH", 105: "ENOBUFS", 107: "ENOTCONN",
};

/**
 * Split a datagram into messages; throws if nlmsg_len values do not add up to its size.
 * With `kernelRules` (datagrams sent to the kernel) trailing bytes are accepted the way
 * netlink_rcv_skb() accepts them: it stops at a header whose nlmsg_len is below 16.
 * iproute2 6.1 really sends such datagrams: its dump requests (addr, route) are sent as the
 * whole `struct { nlmsghdr; ifaddrmsg/rtmsg; char buf[128]; }`, nlmsg_len 24 or 28, and the
 * zeroed rest of the struct follows in the same datagram.
 */
export function splitDatagram(hex, { kernelRules = false } = {}) {
  const buf = Buffer.from(hex, "hex");
  const msgs = [];
  let off = 0;
  let trailing = 0;
  while (off < buf.length) {
    const rest = buf.length - off;
    const len = rest >= 4 ? buf.readUInt32LE(off) : 0;
    if (rest < 16 || len < 16 || len > rest) {
      if (kernelRules && (rest < 16 || len < 16)) {
        trailing = rest;
        break;
      }
      throw new Error(`bad nlmsg_len ${len} at offset ${off} of ${buf.length}`);
    }
    const type = buf.readUInt16LE(off + 4);
    const msg = { len, type, flags: buf.readUInt16LE(off + 6), seq: buf.readUInt32LE(off + 8) };
    if ((type === 2 || type === 3) && len >= 20) msg.error = buf.readInt32LE(off + 16); // NLMSG_ERROR / NLMSG_DONE
    msgs.push(msg);
    off += (len + 3) & ~3;
  }
  if (!trailing && off !== buf.length) throw new Error(`messages cover ${off} bytes of a ${buf.length}-byte datagram`);
  return { msgs, trailing };
}

// ---------------------------------------------------------------------------------------
// fixture definitions

const ipA = (...args) => ["ip", "-n", A, ...args];
const ipB = (...args) => ["ip", "-n", B, ...args];
const mac = (n) => `02:00:00:00:00:${n.toString(16).padStart(2, "0")}`;

// Every namespace is created the same way. The sysctls keep the kernel from generating
// IPv6 traffic of its own (no link-local address, so no DAD/router solicitations from it),
// which also keeps counters and addresses reproducible.
function nsSetup(ns) {
  return [
    ["ip", "netns", "add", ns],
    ["ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.addr_gen_mode=1"],
    ["ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0"],
    ["ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.router_solicitations=0"],
  ];
}

const vethPair = (a = "veth0", b = "veth1") => [
  ipA("link", "add", a, "address", mac(1), "type", "veth", "peer", "name", b, "address", mac(2)),
];

/** lo up, the veth pair with 198.18.0.1/24 and 2001:db8::1/64 on veth0, both ends up: the setup routes and others start from. */
const addressedPair = () => [
  ipA("link", "set", "dev", "lo", "up"),
  ...vethPair(),
  ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
  ipA("addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"),
  ipA("link", "set", "dev", "veth1", "up"),
  ipA("link", "set", "dev", "veth0", "up"),
];

const linkState = (...extra) => ["ip", "-j", "-d", "-n", A, "link", "show", ...extra];
const linkStateB = () => ["ip", "-j", "-d", "-n", B, "link", "show"];
const addrState = () => ["ip", "-j", "-n", A, "addr", "show"];
const routeState = () => ["ip", "-j", "-n", A, "route", "show"];
const route6State = () => ["ip", "-j", "-6", "-n", A, "route", "show"];

const FIXTURES_DEF = [
  // ---------------------------------------------------------------- links
  {
    id: "link/dump-all",
    setup: [
      ipA("link", "set", "dev", "lo", "up"),
      ...vethPair(),
      ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
      ipA("addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"),
      ipA("link", "add", "br0", "address", mac(3), "type", "bridge"),
      ipA("link", "set", "dev", "veth1", "master", "br0"),
      ipA("link", "add", "macvlan0", "link", "veth0", "address", mac(4), "type", "macvlan", "mode", "bridge"),
      ipA("link", "add", "vxlan0", "address", mac(5), "type", "vxlan", "id", "42", "dstport", "4789",
        "dev", "veth0", "local", "198.18.0.1", "remote", "198.18.0.2"),
      ipA("link", "add", "ifb0", "address", mac(6), "type", "ifb"),
      ipA("link", "set", "dev", "veth1", "up"),
      ipA("link", "set", "dev", "br0", "up"),
      ipA("link", "set", "dev", "veth0", "up"),
    ],
    command: ["ip", "-d", "-n", A, "link", "show"],
    state: linkState(),
  },
  {
    id: "link/add-veth",
    command: ipA("link", "add", "veth-test1", "type", "veth", "peer", "name", "veth-test2"),
    state: linkState(),
  },
  {
    id: "link/add-veth-peer-netns",
    namespaces: [A, B],
    command: ipA("link", "add", "veth-test1", "type", "veth", "peer", "name", "p1", "netns", B),
    state: linkState(),
    extraStates: [linkStateB(), ["ip", "-j", "-n", A, "netns", "list-id"]],
  },
  {
    id: "link/add-bridge",
    command: ipA("link", "add", "br0", "type", "bridge"),
    state: linkState(),
  },
  {
    id: "link/add-macvlan",
    setup: [...vethPair()],
    command: ipA("link", "add", "macvlan0", "link", "veth0", "type", "macvlan", "mode", "bridge"),
    state: linkState(),
  },
  {
    id: "link/add-vxlan",
    setup: [...vethPair()],
    command: ipA("link", "add", "vxlan0", "type", "vxlan", "id", "42", "dstport", "4789", "dev", "veth0"),
    state: linkState(),
  },
  {
    id: "link/add-ifb",
    command: ipA("link", "add", "ifb0", "type", "ifb"),
    state: linkState(),
  },
  {
    id: "link/set-up",
    setup: [...vethPair()],
    command: ipA("link", "set", "dev", "veth0", "up"),
    state: linkState(),
  },
  {
    id: "link/set-down",
    setup: [...vethPair(), ipA("link", "set", "dev", "veth0", "up")],
    command: ipA("link", "set", "dev", "veth0", "down"),
    state: linkState(),
  },
  {
    id: "link/set-mtu",
    setup: [...vethPair()],
    command: ipA("link", "set", "dev", "veth0", "mtu", "1400"),
    state: linkState(),
  },
  {
    id: "link/set-address",
    setup: [...vethPair()],
    command: ipA("link", "set", "dev", "veth0", "address", mac(0x11)),
    state: linkState(),
  },
  {
    id: "link/set-name",
    setup: [...vethPair()],
    command: ipA("link", "set", "dev", "veth0", "name", "veth9"),
    state: linkState(),
  },
  {
    id: "link/set-master",
    setup: [...vethPair(), ipA("link", "add", "br0", "address", mac(3), "type", "bridge")],
    command: ipA("link", "set", "dev", "veth1", "master", "br0"),
    state: linkState(),
  },
  {
    id: "link/set-nomaster",
    setup: [
      ...vethPair(),
      ipA("link", "add", "br0", "address", mac(3), "type", "bridge"),
      ipA("link", "set", "dev", "veth1", "master", "br0"),
    ],
    command: ipA("link", "set", "dev", "veth1", "nomaster"),
    state: linkState(),
  },
  {
    id: "link/set-netns",
    namespaces: [A, B],
    setup: [...vethPair()],
    command: ipA("link", "set", "dev", "veth1", "netns", B),
    state: linkState(),
    extraStates: [linkStateB(), ["ip", "-j", "-n", A, "netns", "list-id"]],
  },
  {
    id: "link/del",
    setup: [...vethPair()],
    command: ipA("link", "del", "dev", "veth0"),
    state: linkState(),
  },
  {
    id: "link/get-one",
    setup: [...vethPair()],
    command: ["ip", "-d", "-n", A, "link", "show", "dev", "veth0"],
    state: linkState("dev", "veth0"),
  },
  // ---------------------------------------------------------------- addresses
  {
    id: "addr/add-ipv4",
    setup: [...vethPair()],
    command: ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
    state: addrState(),
  },
  {
    id: "addr/add-ipv6",
    setup: [...vethPair()],
    command: ipA("addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"),
    state: addrState(),
  },
  {
    // A point-to-point address: IFA_LOCAL (this end) and IFA_ADDRESS (the peer) differ.
    id: "addr/add-peer",
    setup: [...vethPair()],
    command: ipA("addr", "add", "198.18.0.1", "peer", "198.18.0.2/32", "dev", "veth0"),
    state: addrState(),
  },
  {
    id: "addr/del-ipv4",
    setup: [...vethPair(), ipA("addr", "add", "198.18.0.1/24", "dev", "veth0")],
    command: ipA("addr", "del", "198.18.0.1/24", "dev", "veth0"),
    state: addrState(),
  },
  {
    id: "addr/del-ipv6",
    setup: [...vethPair(), ipA("addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad")],
    command: ipA("addr", "del", "2001:db8::1/64", "dev", "veth0"),
    state: addrState(),
  },
  {
    id: "addr/dump",
    setup: [
      ipA("link", "set", "dev", "lo", "up"),
      ...vethPair(),
      ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
      ipA("addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"),
      ipA("addr", "add", "198.18.0.2/24", "dev", "veth1"),
      ipA("addr", "add", "2001:db8::2/64", "dev", "veth1", "nodad"),
      ipA("link", "set", "dev", "veth1", "up"),
      ipA("link", "set", "dev", "veth0", "up"),
    ],
    command: ipA("addr", "show"),
    state: addrState(),
  },
  // ---------------------------------------------------------------- routes
  ...(() => {
    const base = [
      ...addressedPair(),
    ];
    const routes = [
      ipA("route", "add", "default", "via", "198.18.0.254"),
      ipA("route", "add", "198.19.1.0/24", "via", "198.18.0.254", "metric", "100"),
      ipA("route", "add", "2001:db8:1::/64", "via", "2001:db8::fe"),
    ];
    return [
      { id: "route/add-default", setup: base, command: ipA("route", "add", "default", "via", "198.18.0.254"), state: routeState() },
      {
        id: "route/add-prefix",
        setup: base,
        command: ipA("route", "add", "198.19.1.0/24", "via", "198.18.0.254", "metric", "100"),
        state: routeState(),
      },
      {
        // A gateway and the device to reach it by: RTA_GATEWAY and RTA_OIF.
        id: "route/add-via-dev",
        setup: base,
        command: ipA("route", "add", "198.19.2.0/24", "via", "198.18.0.254", "dev", "veth0"),
        state: routeState(),
      },
      {
        id: "route/add-ipv6",
        setup: base,
        command: ipA("route", "add", "2001:db8:1::/64", "via", "2001:db8::fe"),
        state: route6State(),
      },
      { id: "route/dump", setup: [...base, ...routes], command: ipA("route", "show"), state: routeState() },
      {
        id: "route/dump-ipv6",
        setup: [...base, ...routes],
        command: ["ip", "-6", "-n", A, "route", "show"],
        state: route6State(),
      },
    ];
  })(),
  // ---------------------------------------------------------------- nsid
  {
    id: "nsid/set",
    namespaces: [A, B],
    command: ipA("netns", "set", B, "7"),
    state: ["ip", "-j", "-n", A, "netns", "list-id"],
  },
  {
    // `ip netns list-id` asks the kernel about every entry of /run/netns (RTM_GETNSID with
    // NETNSA_FD), so other entries there would end up in the capture: refuse to capture then.
    id: "nsid/list-id",
    onlyOurNetns: true,
    namespaces: [A, B],
    setup: [ipA("netns", "set", B, "7")],
    command: ipA("netns", "list-id"),
    state: ["ip", "-j", "-n", A, "netns", "list-id"],
  },
  // ---------------------------------------------------------------- self-check, not written
  {
    // 30 veth pairs make the kernel fill ~30 KB dump datagrams; checks that strace dumped
    // every byte of them (the parser also checks each dump against the syscall's return value).
    id: "check/large-dump",
    checkOnly: true,
    minLargest: 30000,
    setup: Array.from({ length: 30 }, (_, i) =>
      ipA("link", "add", `v${i}a`, "address", mac(0x20 + 2 * i), "type", "veth", "peer", "name", `v${i}b`, "address", mac(0x21 + 2 * i)),
    ),
    command: ["ip", "-d", "-n", A, "link", "show"],
    state: linkState(),
  },
  // ---------------------------------------------------------------- errors
  {
    id: "error/eexist",
    setup: [ipA("link", "add", "br0", "address", mac(3), "type", "bridge")],
    command: ipA("link", "add", "br0", "type", "bridge"),
    state: linkState(),
    expectFail: "EEXIST",
  },
  {
    // iproute2 resolves the name with RTM_GETLINK + IFLA_IFNAME first; the kernel answers
    // that request with ENODEV and ip prints "Cannot find device".
    id: "error/enodev",
    setup: [...vethPair()],
    command: ipA("link", "set", "dev", "nosuch", "up"),
    state: linkState(),
    expectFail: "ENODEV",
  },
  {
    // IFLA_INFO_KIND "bridge" with IFLA_INFO_DATA on an ifb: the kernel refuses to change
    // the kind-specific data of a link of another kind.
    id: "error/eopnotsupp",
    setup: [ipA("link", "add", "ifb0", "address", mac(6), "type", "ifb")],
    command: ipA("link", "set", "dev", "ifb0", "type", "bridge", "stp_state", "1"),
    state: linkState(),
    expectFail: "EOPNOTSUPP",
  },
  {
    id: "error/unknown-kind",
    command: ipA("link", "add", "x", "type", "nosuchkind"),
    state: linkState(),
    expectFail: "EOPNOTSUPP",
  },
  {
    // The kernel answers EINVAL (not ERANGE) with ext-ack "mtu greater than device maximum".
    id: "error/erange-mtu",
    setup: [...vethPair()],
    command: ipA("link", "set", "dev", "veth0", "mtu", "70000"),
    state: linkState(),
    expectFail: "EINVAL",
  },
];

// ---------------------------------------------------------------- neighbours and rules (src/families/neigh, rule)
{
  const neighBase = [
    ...vethPair(),
    ipA("link", "set", "dev", "veth1", "up"),
    ipA("link", "set", "dev", "veth0", "up"),
    ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
    ipA("addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"),
    ipA("neigh", "add", "198.18.0.7", "lladdr", "02:00:00:00:00:07", "dev", "veth0"),
    ipA("neigh", "add", "2001:db8::7", "lladdr", "02:00:00:00:00:08", "dev", "veth0", "nud", "stale", "router"),
    ipA("neigh", "add", "proxy", "198.18.0.9", "dev", "veth0"),
  ];
  const ruleBase = [
    ...vethPair(),
    ipA("rule", "add", "from", "198.18.1.0/24", "table", "100", "priority", "1000"),
    ipA("rule", "add", "fwmark", "0x10/0xff", "iif", "veth0", "table", "5000", "priority", "1001"),
    ipA("rule", "add", "ipproto", "tcp", "dport", "80", "sport", "1000-2000", "table", "7", "priority", "1002"),
    ipA("-6", "rule", "add", "from", "2001:db8:1::/48", "table", "100", "priority", "1000"),
  ];
  FIXTURES_DEF.push(
    { id: "neigh/dump", setup: neighBase, command: ipA("neigh", "show"), state: ["ip", "-j", "-n", A, "neigh", "show"] },
    { id: "neigh/dump-proxy", setup: neighBase, command: ipA("neigh", "show", "proxy"), state: ["ip", "-j", "-n", A, "neigh", "show", "proxy"] },
    { id: "neigh/add", setup: neighBase.slice(0, 5), command: ipA("neigh", "add", "198.18.0.8", "lladdr", "02:00:00:00:00:0a", "dev", "veth0", "nud", "reachable"), state: ["ip", "-j", "-n", A, "neigh", "show"] },
    { id: "neigh/get", setup: neighBase, command: ipA("neigh", "get", "198.18.0.7", "dev", "veth0"), state: ["ip", "-j", "-n", A, "neigh", "show"] },
    { id: "rule/dump", setup: ruleBase, command: ipA("rule", "show"), state: ["ip", "-j", "-n", A, "rule", "show"] },
    { id: "rule/dump-ipv6", setup: ruleBase, command: ipA("-6", "rule", "show"), state: ["ip", "-j", "-6", "-n", A, "rule", "show"] },
    { id: "rule/add", setup: ruleBase, command: ipA("rule", "add", "to", "198.18.2.0/24", "table", "200", "priority", "1003", "not"), state: ["ip", "-j", "-n", A, "rule", "show"] },
  );
}

// ---------------------------------------------------------------- next hops (src/families/nexthop)
{
  const nhState = () => ["ip", "-j", "-n", A, "nexthop", "show"];
  const nhBase = [
    ipA("link", "set", "dev", "lo", "up"),
    ...vethPair(),
    ipA("link", "set", "dev", "veth1", "up"),
    ipA("link", "set", "dev", "veth0", "up"),
    ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
    ipA("addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"),
    ipA("nexthop", "add", "id", "1", "via", "198.18.0.254", "dev", "veth0"),
    ipA("nexthop", "add", "id", "2", "via", "198.18.0.253", "dev", "veth0", "proto", "static", "onlink"),
  ];
  const nhMore = [
    ipA("nexthop", "add", "id", "3", "blackhole"),
    ipA("nexthop", "add", "id", "5", "via", "2001:db8::5", "dev", "veth0"),
    ipA("nexthop", "add", "id", "6", "via", "198.18.0.9", "fdb"),
    ipA("nexthop", "add", "id", "10", "group", "1/2,3"),
    ipA("nexthop", "add", "id", "20", "group", "1/2", "type", "resilient", "buckets", "4", "idle_timer", "100"),
    ipA("nexthop", "add", "id", "30", "group", "6", "fdb"),
  ];
  FIXTURES_DEF.push(
    { id: "nexthop/dump", setup: [...nhBase, ...nhMore], command: ["ip", "-d", "-n", A, "nexthop", "show"], state: nhState() },
    { id: "nexthop/add-group", setup: nhBase, command: ipA("nexthop", "add", "id", "10", "group", "1/2,3"), state: nhState() },
    {
      id: "nexthop/add-resilient",
      setup: nhBase,
      command: ipA("nexthop", "add", "id", "20", "group", "1/2", "type", "resilient", "buckets", "8", "idle_timer", "100", "unbalanced_timer", "50"),
      state: nhState(),
    },
    { id: "nexthop/bucket-dump", setup: [...nhBase, ...nhMore], command: ["ip", "-n", A, "nexthop", "bucket", "show", "id", "20"], state: nhState() },
    { id: "nexthop/get", setup: [...nhBase, ...nhMore], command: ["ip", "-n", A, "nexthop", "get", "id", "10"], state: nhState() },
  );
}

// ---------------------------------------------------------------------------------------
// the smaller rtnetlink families (decode-only): netconf, stats, neightbl, addrlabel, mdb,
// vlan, fdb, link properties. The bridge setups keep br0's defaults (mcast_snooping 1,
// vlan_filtering 0). No command here is `ip ... link|addr|route ... show`, so the
// formatter tests (test/format/fixtures.test.ts) leave them alone.
{
  const bridgeA = (...args) => ["bridge", "-n", A, ...args];
  const linkJson = ["ip", "-j", "-n", A, "link", "show"];
  const base = [
    ipA("link", "set", "dev", "lo", "up"),
    ...vethPair(),
    ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
    ipA("link", "set", "dev", "veth1", "up"),
    ipA("link", "set", "dev", "veth0", "up"),
  ];
  const bridged = [
    ...vethPair(),
    ipA("link", "add", "br0", "address", mac(3), "type", "bridge"),
    ipA("link", "set", "dev", "veth1", "master", "br0"),
    ipA("link", "set", "dev", "veth1", "up"),
    ipA("link", "set", "dev", "veth0", "up"),
    ipA("link", "set", "dev", "br0", "up"),
  ];
  const statsJson = (...args) => ["ip", "-j", "-n", A, "stats", "show", ...args];
  // Some traffic, so that counters are not all zero: two pings over lo (4 packets each way).
  const counted = [
    ...bridged,
    ipA("link", "set", "dev", "lo", "up"),
    ["ip", "netns", "exec", A, "ping", "-q", "-c", "2", "-i", "0.2", "127.0.0.1"],
  ];
  FIXTURES_DEF.push(
    { id: "netconf/show", setup: base, command: ipA("netconf", "show"), state: ["ip", "-j", "-n", A, "netconf", "show"] },
    {
      id: "netconf/show-dev-ipv6",
      setup: base,
      command: ["ip", "-6", "-n", A, "netconf", "show", "dev", "veth0"],
      // iproute2 6.1 prints text even with -j when given a device.
      state: linkJson,
    },
    { id: "stats/show", setup: counted, command: ipA("stats", "show"), state: statsJson() },
    { id: "stats/show-dev", setup: counted, command: ipA("stats", "show", "dev", "lo"), state: statsJson("dev", "lo") },
    {
      id: "stats/show-offload",
      setup: bridged,
      command: ipA("stats", "show", "dev", "veth0", "group", "offload"),
      state: statsJson("dev", "veth0", "group", "offload"),
    },
    {
      id: "stats/show-xstats",
      setup: bridged,
      command: ipA("stats", "show", "dev", "br0", "group", "xstats"),
      state: statsJson("dev", "br0", "group", "xstats"),
    },
    {
      id: "stats/show-xstats-slave",
      setup: bridged,
      command: ipA("stats", "show", "dev", "veth1", "group", "xstats_slave"),
      state: statsJson("dev", "veth1", "group", "xstats_slave"),
    },
    { id: "neightbl/show", setup: base, command: ipA("ntable", "show"), state: ["ip", "-j", "-n", A, "ntable", "show"] },
    { id: "addrlabel/list", command: ipA("addrlabel", "list"), state: ["ip", "-j", "-n", A, "addrlabel", "list"] },
    {
      id: "addrlabel/add",
      command: ipA("addrlabel", "add", "prefix", "2001:db8:1::/48", "label", "7"),
      state: ["ip", "-j", "-n", A, "addrlabel", "list"],
    },
    {
      id: "mdb/show",
      setup: [...bridged, bridgeA("mdb", "add", "dev", "br0", "port", "veth1", "grp", "239.1.1.1", "permanent")],
      command: bridgeA("mdb", "show"),
      state: ["bridge", "-j", "-n", A, "mdb", "show"],
    },
    // `bridge vlan show` asks with RTM_GETLINK (AF_BRIDGE, RTEXT_FILTER_BRVLAN); -d and
    // `vlan global` use RTM_GETVLAN, which a kernel without CONFIG_BRIDGE_VLAN_FILTERING
    // refuses with EOPNOTSUPP (bridge prints "Dump terminated" and exits 1).
    { id: "vlan/show", setup: bridged, command: bridgeA("vlan", "show"), state: ["bridge", "-j", "-n", A, "vlan", "show"] },
    { id: "vlan/show-details", setup: bridged, command: ["bridge", "-d", "-n", A, "vlan", "show"], state: linkJson, expectFail: "EOPNOTSUPP" },
    { id: "vlan/global-show", setup: bridged, command: bridgeA("vlan", "global", "show"), state: linkJson, expectFail: "EOPNOTSUPP" },
    {
      id: "fdb/show",
      setup: [...bridged, bridgeA("fdb", "add", mac(9), "dev", "veth1", "master", "static")],
      command: bridgeA("fdb", "show"),
      state: ["bridge", "-j", "-n", A, "fdb", "show"],
    },
    {
      id: "link/property-add",
      setup: [...vethPair()],
      command: ipA("link", "property", "add", "dev", "veth0", "altname", "uplink0"),
      state: linkJson,
    },
  );
}

// ---------------------------------------------------------------------------------------
// link counters (ip -s -s link show): frames sent from veth0 to a neighbour that does not
// exist (a permanent entry, so no ARP) reach veth1, which drops them as meant for another
// host (rx_otherhost_dropped, the "otherhost" column); pings over lo. Nothing else sends in
// these namespaces (nsSetup's sysctls), so the counters read by the state command are the same.
{
  const sendUdp = "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nfor _ in range(5): s.sendto(b'x' * 100, ('198.18.0.9', 9))";
  FIXTURES_DEF.push({
    id: "link/show-stats",
    setup: [
      ipA("link", "set", "dev", "lo", "up"),
      ...vethPair(),
      ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
      ipA("link", "set", "dev", "veth1", "up"),
      ipA("link", "set", "dev", "veth0", "up"),
      ipA("neigh", "add", "198.18.0.9", "lladdr", mac(9), "dev", "veth0", "nud", "permanent"),
      ["ip", "netns", "exec", A, "/usr/bin/python3", "-c", sendUdp],
      ["ip", "netns", "exec", A, "ping", "-q", "-c", "2", "-i", "0.2", "127.0.0.1"],
    ],
    command: ["ip", "-s", "-s", "-n", A, "link", "show"],
    state: ["ip", "-j", "-s", "-s", "-n", A, "link", "show"],
  });
}

// ---------------------------------------------------------------------------------------
// traffic control (src/families/tc, decode-only): qdiscs, classes, filters, chains and
// actions made by tc, their dumps and the requests that made them. This kernel accepts
// htb, tbf, the fifos, pfifo_fast, mq, ingress and clsact, the u32 and bpf classifiers and
// the mirred action; it refuses prio, fq_codel and the gact action (ENOENT: no module),
// captured as refused requests. Handles are given explicitly so that dumps read the same
// every time. UDP frames to a permanent neighbour go through htb class 1:10 and its pfifo,
// pings over lo through a bfifo with an estimator and a size table. No command here is
// `ip ... link|addr|route ... show`. tc 6.1 prints classes as text even with -j, so the
// class fixtures keep the qdisc dump's JSON as their state.
{
  const tcA = (...args) => ["tc", "-n", A, ...args];
  const qdiscJson = ["tc", "-j", "-s", "-d", "-n", A, "qdisc", "show"];
  const filterJson = ["tc", "-j", "-s", "-d", "-n", A, "filter", "show", "dev", "veth0", "ingress"];
  const sendUdp = "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nfor _ in range(5): s.sendto(b'x' * 100, ('198.18.0.9', 9))";
  const links = [
    ipA("link", "set", "dev", "lo", "up"),
    ...vethPair(),
    ipA("addr", "add", "198.18.0.1/24", "dev", "veth0"),
    ipA("link", "set", "dev", "veth1", "up"),
    ipA("link", "set", "dev", "veth0", "up"),
    ipA("neigh", "add", "198.18.0.9", "lladdr", mac(9), "dev", "veth0", "nud", "permanent"),
  ];
  const htb = [tcA("qdisc", "add", "dev", "veth0", "root", "handle", "1:", "htb", "default", "10")];
  const htbClass = [tcA("class", "add", "dev", "veth0", "parent", "1:", "classid", "1:10", "htb", "rate", "10mbit", "ceil", "20mbit")];
  const pfifo = [tcA("qdisc", "add", "dev", "veth0", "parent", "1:10", "handle", "10:", "pfifo", "limit", "50")];
  const tbf = ["qdisc", "add", "dev", "veth1", "root", "handle", "3:", "tbf", "rate", "1mbit", "burst", "32kbit", "latency", "400ms"];
  const stab = ["qdisc", "add", "dev", "lo", "root", "handle", "2:", "estimator", "1sec", "8sec", "stab", "overhead", "20", "linklayer", "ethernet", "bfifo", "limit", "10000"];
  const clsact = [tcA("qdisc", "add", "dev", "veth0", "clsact")];
  const u32 = ["filter", "add", "dev", "veth0", "ingress", "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst", "198.18.0.0/24"];
  const u32Mirred = ["filter", "add", "dev", "veth0", "ingress", "protocol", "ip", "prio", "2", "u32", "match", "ip", "src", "198.18.0.1/32",
    "action", "mirred", "egress", "redirect", "dev", "veth1"];
  const bpf = ["filter", "add", "dev", "veth0", "ingress", "protocol", "all", "prio", "3", "bpf", "bytecode", "1,6 0 0 4294967295,", "classid", "1:1"];
  const chain = ["chain", "add", "dev", "veth0", "ingress", "chain", "3"];
  const mirred = ["actions", "add", "action", "mirred", "egress", "redirect", "dev", "veth1", "index", "9"];
  const all = [
    ...links,
    ...htb,
    ...htbClass,
    ...pfifo,
    tcA(...tbf),
    tcA(...stab),
    ...clsact,
    tcA(...u32),
    tcA(...u32Mirred),
    tcA(...bpf),
    tcA(...chain),
    tcA("qdisc", "add", "dev", "veth1", "ingress"),
    ipA("link", "add", "mq0", "numtxqueues", "4", "numrxqueues", "4", "address", mac(7), "type", "veth", "peer", "name", "mq1",
      "numtxqueues", "4", "numrxqueues", "4", "address", mac(8)),
    tcA("qdisc", "add", "dev", "mq0", "root", "handle", "5:", "mq"),
    tcA("qdisc", "add", "dev", "mq1", "root", "handle", "6:", "pfifo_head_drop", "limit", "7"),
    tcA(...mirred),
    ["ip", "netns", "exec", A, "/usr/bin/python3", "-c", sendUdp],
    ["ip", "netns", "exec", A, "ping", "-q", "-c", "2", "-i", "0.2", "127.0.0.1"],
  ];
  FIXTURES_DEF.push(
    { id: "tc/qdisc-show", setup: all, command: ["tc", "-s", "-d", "-n", A, "qdisc", "show"], state: qdiscJson },
    { id: "tc/class-show", setup: all, command: ["tc", "-s", "-d", "-n", A, "class", "show", "dev", "veth0"], state: qdiscJson },
    { id: "tc/filter-show", setup: all, command: ["tc", "-s", "-d", "-n", A, "filter", "show", "dev", "veth0", "ingress"], state: filterJson },
    { id: "tc/chain-show", setup: all, command: tcA("chain", "show", "dev", "veth0", "ingress"), state: ["tc", "-j", "-n", A, "chain", "show", "dev", "veth0", "ingress"] },
    { id: "tc/actions-list", setup: all, command: ["tc", "-s", "-n", A, "actions", "ls", "action", "mirred"], state: ["tc", "-j", "-s", "-n", A, "actions", "ls", "action", "mirred"] },
    { id: "tc/qdisc-add-htb", setup: links, command: htb[0], state: qdiscJson },
    { id: "tc/class-add-htb", setup: [...links, ...htb], command: htbClass[0], state: qdiscJson },
    { id: "tc/qdisc-add-pfifo", setup: [...links, ...htb, ...htbClass], command: pfifo[0], state: qdiscJson },
    { id: "tc/qdisc-add-tbf", setup: links, command: tcA(...tbf), state: qdiscJson },
    { id: "tc/qdisc-add-stab", setup: links, command: tcA(...stab), state: qdiscJson },
    { id: "tc/qdisc-add-clsact", setup: links, command: clsact[0], state: qdiscJson },
    { id: "tc/qdisc-del", setup: [...links, ...htb], command: tcA("qdisc", "del", "dev", "veth0", "root"), state: qdiscJson },
    { id: "tc/filter-add-u32", setup: [...links, ...clsact], command: tcA(...u32), state: filterJson },
    { id: "tc/filter-add-u32-mirred", setup: [...links, ...clsact], command: tcA(...u32Mirred), state: filterJson },
    { id: "tc/filter-add-bpf", setup: [...links, ...clsact], command: tcA(...bpf), state: filterJson },
    { id: "tc/chain-add", setup: [...links, ...clsact], command: tcA(...chain), state: ["tc", "-j", "-n", A, "chain", "show", "dev", "veth0", "ingress"] },
    { id: "tc/action-add-mirred", setup: links, command: tcA(...mirred), state: ["tc", "-j", "-n", A, "actions", "ls", "action", "mirred"] },
    // Refused by this kernel (no module): the requests tc sends for kinds declared from the headers only.
    { id: "tc/qdisc-add-prio-refused", setup: links, command: tcA("qdisc", "add", "dev", "veth1", "root", "handle", "4:", "prio"), state: qdiscJson, expectFail: "ENOENT" },
    { id: "tc/qdisc-add-fq-codel-refused", setup: links, command: tcA("qdisc", "add", "dev", "veth1", "root", "handle", "4:", "fq_codel"), state: qdiscJson, expectFail: "ENOENT" },
    { id: "tc/action-add-gact-refused", setup: links, command: tcA("actions", "add", "action", "gact", "drop"), state: qdiscJson, expectFail: "ENOENT" },
  );
}

// ---------------------------------------------------------------- routes in full (src/families/route)
// `ip route get` (IPv4 with its cache line, IPv6, fibmatch, an unreachable destination),
// replace and append, a multipath route, a route through a nexthop object, and a flush
// (its dump, the deletions and the second dump that finds nothing). No command here is
// `ip route ... show`, so the formatter tests leave them alone.
{
  const routeBase = [
    ...addressedPair(),
    ipA("route", "add", "default", "via", "198.18.0.254"),
    ipA("route", "add", "198.19.1.0/24", "via", "198.18.0.254", "metric", "100"),
  ];
  const routeMore = [
    ipA("route", "add", "198.19.2.0/24", "via", "198.18.0.253", "proto", "static"),
    ipA("route", "add", "blackhole", "198.19.3.0/24"),
    ipA("route", "add", "198.19.2.128/25", "dev", "veth0", "table", "100"),
  ];
  FIXTURES_DEF.push(
    { id: "route/get", setup: routeBase, command: ipA("route", "get", "198.19.1.7"), state: routeState() },
    { id: "route/get-local", setup: routeBase, command: ipA("route", "get", "198.18.0.1"), state: routeState() },
    { id: "route/get-ipv6", setup: routeBase, command: ["ip", "-n", A, "route", "get", "2001:db8::7"], state: route6State() },
    { id: "route/get-fibmatch", setup: routeBase, command: ipA("route", "get", "fibmatch", "198.19.1.7"), state: routeState() },
    {
      id: "route/get-unreachable",
      setup: routeBase,
      command: ["ip", "-n", A, "route", "get", "2001:db9::1"],
      state: route6State(),
      expectFail: "ENETUNREACH",
    },
    {
      id: "route/replace",
      setup: routeBase,
      command: ipA("route", "replace", "198.19.1.0/24", "via", "198.18.0.253", "metric", "100"),
      state: routeState(),
    },
    {
      id: "route/append-ipv6",
      setup: [...routeBase, ["ip", "-6", "-n", A, "route", "add", "2001:db8:1::/64", "via", "2001:db8::fe"]],
      command: ["ip", "-6", "-n", A, "route", "append", "2001:db8:1::/64", "via", "2001:db8::fd"],
      state: route6State(),
    },
    {
      id: "route/add-multipath",
      setup: routeBase,
      command: ipA("route", "add", "198.19.5.0/24", "nexthop", "via", "198.18.0.253", "dev", "veth0", "weight", "2", "nexthop", "via", "198.18.0.252", "dev", "veth0"),
      state: routeState(),
    },
    {
      id: "route/add-nhid",
      setup: [...routeBase, ipA("nexthop", "add", "id", "1", "via", "198.18.0.254", "dev", "veth0")],
      command: ipA("route", "add", "198.19.6.0/24", "nhid", "1"),
      state: routeState(),
    },
    {
      id: "route/flush",
      setup: [...routeBase, ...routeMore],
      command: ipA("route", "flush", "root", "198.19.0.0/16"),
      state: ["ip", "-j", "-n", A, "route", "show", "table", "all"],
    },
  );
}

// ---------------------------------------------------------------------------------------
// generic netlink (fixtures/genl): the NETLINK_GENERIC datagrams of iproute2's genl, ethtool,
// `ip mptcp` (family mptcp_pm) and `ip tcp_metrics` (family tcp_metrics). Each definition says
// `protocol: "generic"`; the tools that have no -n run as `ip netns exec tsnlfx-a TOOL`, and
// `tool` names the argv whose first line gives the tool's version. Generic family ids are
// assigned by the kernel at boot, so they are only valid together with the nlctrl exchange
// (CTRL_CMD_GETFAMILY) each capture starts with.

{
  const inA = (...argv) => ["ip", "netns", "exec", A, ...argv];
  const genl = { protocol: "generic", tool: ["genl", "-V"] };
  const eth = { protocol: "generic", tool: ["ethtool", "--version"] };
  const gen = { protocol: "generic" };
  // v0/v1 (down, fixed MACs) in tsnlfx-a, and a bridge br0 with v1 in it.
  const veths = [ipA("link", "add", "v0", "address", mac(1), "type", "veth", "peer", "name", "v1", "address", mac(2))];
  const bridged = [
    ...veths,
    ipA("link", "add", "br0", "address", mac(3), "type", "bridge"),
    ipA("link", "set", "dev", "v1", "master", "br0"),
  ];
  const ethtoolText = (...args) => ({ text: inA("ethtool", ...args) });

  // mptcp: v0 with two addresses in 198.18.0.0/24, up, and endpoint 1 (signal) configured.
  const mptcpBase = [
    ...veths,
    ipA("addr", "add", "198.18.0.1/24", "dev", "v0"),
    ipA("addr", "add", "198.18.0.3/24", "dev", "v0"),
    ipA("link", "set", "dev", "v1", "up"),
    ipA("link", "set", "dev", "v0", "up"),
    ipA("mptcp", "endpoint", "add", "198.18.0.1", "dev", "v0", "id", "1", "signal"),
  ];
  const endpoints = ["ip", "-j", "-n", A, "mptcp", "endpoint", "show"];
  // ip 6.1 prints `mptcp limits show` as text even with -j.
  const limits = { text: ["ip", "-n", A, "mptcp", "limits", "show"] };

  // tcp_metrics: one TCP exchange from tsnlfx-a (198.18.0.1) to a listener in tsnlfx-b
  // (198.18.0.2, port 7777) over the veth pair, so that tsnlfx-a keeps a metrics entry for
  // 198.18.0.2. One setup command: a node process starts the listener in tsnlfx-b, connects to it
  // from tsnlfx-a once it listens, and fails unless both ends finish within a few seconds.
  const tcpServer = 'const s = require("net").createServer((c) => { c.on("data", () => { c.end("pong".repeat(1000)); s.close(); }); });'
    + ' s.listen(7777, "198.18.0.2", () => console.log("ready")); setTimeout(() => process.exit(1), 10000).unref();';
  const tcpClient = 'const c = require("net").connect(7777, "198.18.0.2", () => c.write("ping"));'
    + ' c.on("data", () => {}); c.on("end", () => c.end()); c.on("close", (err) => process.exit(err ? 1 : 0));'
    + ' setTimeout(() => process.exit(1), 5000).unref();';
  const tcpDriver = 'const { spawn, spawnSync } = require("child_process");'
    + ` const srv = spawn("ip", ["netns", "exec", ${JSON.stringify(B)}, process.execPath, "-e", ${JSON.stringify(tcpServer)}], { stdio: ["ignore", "pipe", "inherit"] });`
    + ` srv.stdout.once("data", () => { const c = spawnSync("ip", ["netns", "exec", ${JSON.stringify(A)}, process.execPath, "-e", ${JSON.stringify(tcpClient)}], { stdio: "inherit", timeout: 10000 }); if (c.status !== 0) process.exit(1); });`
    + ' srv.on("exit", (code) => process.exit(code === 0 ? 0 : 1));';
  const tcpBase = [
    ipA("link", "set", "dev", "lo", "up"),
    ["ip", "-n", B, "link", "set", "dev", "lo", "up"],
    ipA("link", "add", "v0", "address", mac(1), "type", "veth", "peer", "name", "v1", "address", mac(2), "netns", B),
    ipA("addr", "add", "198.18.0.1/24", "dev", "v0"),
    ["ip", "-n", B, "addr", "add", "198.18.0.2/24", "dev", "v1"],
    ["ip", "-n", B, "link", "set", "dev", "v1", "up"],
    ipA("link", "set", "dev", "v0", "up"),
    ["node", "-e", tcpDriver],
  ];
  const metrics = ["ip", "-j", "-n", A, "tcp_metrics", "show"];

  FIXTURES_DEF.push(
    // nlctrl
    { id: "genl/ctrl-list", ...genl, command: inA("genl", "ctrl", "list"), state: linkState() },
    { id: "genl/ctrl-get-nlctrl", ...genl, command: inA("genl", "ctrl", "get", "name", "nlctrl"), state: linkState() },
    { id: "genl/ctrl-get-ethtool", ...genl, command: inA("genl", "ctrl", "get", "name", "ethtool"), state: linkState() },

    // ethtool reads; on a veth several answer EOPNOTSUPP, which ethtool prints as
    // "netlink error: Operation not supported" (exit 1). `ethtool -i` is ioctl-only (SIOCETHTOOL)
    // in ethtool 6.1, so it has no fixture.
    { id: "genl/ethtool-settings", ...eth, setup: veths, command: inA("ethtool", "v0"), state: linkState() },
    { id: "genl/ethtool-features", ...eth, setup: veths, command: inA("ethtool", "-k", "v0"), state: linkState() },
    { id: "genl/ethtool-channels", ...eth, setup: veths, command: inA("ethtool", "-l", "v0"), state: linkState() },
    { id: "genl/ethtool-rings", ...eth, setup: veths, command: inA("ethtool", "-g", "v0"), state: linkState(), expectFail: "EOPNOTSUPP" },
    { id: "genl/ethtool-pause", ...eth, setup: veths, command: inA("ethtool", "-a", "v0"), state: linkState(), expectFail: "EOPNOTSUPP" },
    { id: "genl/ethtool-tsinfo", ...eth, setup: veths, command: inA("ethtool", "-T", "v0"), state: linkState() },
    { id: "genl/ethtool-coalesce", ...eth, setup: veths, command: inA("ethtool", "-c", "v0"), state: linkState(), expectFail: "EOPNOTSUPP" },
    { id: "genl/ethtool-eee", ...eth, setup: veths, command: inA("ethtool", "--show-eee", "v0"), state: linkState(), expectFail: "EOPNOTSUPP" },
    { id: "genl/ethtool-fec", ...eth, setup: veths, command: inA("ethtool", "--show-fec", "v0"), state: linkState(), expectFail: "EOPNOTSUPP" },
    { id: "genl/ethtool-priv-flags", ...eth, setup: veths, command: inA("ethtool", "--show-priv-flags", "v0"), state: linkState(), expectFail: "EOPNOTSUPP" },
    { id: "genl/ethtool-bridge", ...eth, setup: bridged, command: inA("ethtool", "br0"), state: linkState() },
    { id: "genl/ethtool-bridge-features", ...eth, setup: bridged, command: inA("ethtool", "-k", "br0"), state: linkState() },
    // ethtool writes; the state is what ethtool prints afterwards.
    { id: "genl/ethtool-set-features", ...eth, setup: veths, command: inA("ethtool", "-K", "v0", "tso", "off"), state: ethtoolText("-k", "v0") },
    // A veth has as many rx and tx queues as possible CPUs (2 here) and no combined channels.
    { id: "genl/ethtool-set-channels", ...eth, setup: veths, command: inA("ethtool", "-L", "v0", "rx", "2"), state: ethtoolText("-l", "v0") },
    // Refused: EINVAL with an ext-ack message and NLMSGERR_ATTR_OFFS.
    {
      id: "genl/ethtool-set-channels-error",
      ...eth,
      setup: veths,
      command: inA("ethtool", "-L", "v0", "combined", "1"),
      state: ethtoolText("-l", "v0"),
      expectFail: "EINVAL",
    },

    // mptcp_pm
    { id: "genl/mptcp-endpoint-add", ...gen, setup: mptcpBase.slice(0, -1), command: mptcpBase.at(-1), state: endpoints },
    { id: "genl/mptcp-endpoint-show", ...gen, setup: mptcpBase, command: ipA("mptcp", "endpoint", "show"), state: endpoints },
    { id: "genl/mptcp-limits-show", ...gen, setup: mptcpBase, command: ipA("mptcp", "limits", "show"), state: limits },
    {
      id: "genl/mptcp-limits-set",
      ...gen,
      setup: mptcpBase,
      command: ipA("mptcp", "limits", "set", "subflows", "2", "add_addr_accepted", "2"),
      state: limits,
    },
    { id: "genl/mptcp-endpoint-del", ...gen, setup: mptcpBase, command: ipA("mptcp", "endpoint", "del", "id", "1"), state: endpoints },
    {
      id: "genl/mptcp-endpoint-flush",
      ...gen,
      setup: [...mptcpBase, ipA("mptcp", "endpoint", "add", "198.18.0.3", "dev", "v0", "id", "2", "subflow")],
      command: ipA("mptcp", "endpoint", "flush"),
      state: endpoints,
    },

    // tcp_metrics
    { id: "genl/tcp-metrics-show", ...gen, namespaces: [A, B], setup: tcpBase, command: ipA("tcp_metrics", "show"), state: metrics },
    { id: "genl/tcp-metrics-flush", ...gen, namespaces: [A, B], setup: tcpBase, command: ipA("tcp_metrics", "flush", "all"), state: metrics },
  );
}

// ---------------------------------------------------------------------------------------
// fixtures for the output formatters (src/format): the text ip prints and the JSON it prints
// for the same setup, for more kinds of links, addresses and routes.

{
  const dumpAll = FIXTURES_DEF.find((d) => d.id === "link/dump-all");
  const routeBase = [
    ...addressedPair(),
    // veth2 is up without a carrier (veth3 down): its routes carry "linkdown".
    ipA("link", "add", "veth2", "address", mac(7), "type", "veth", "peer", "name", "veth3", "address", mac(8)),
    ipA("addr", "add", "198.18.4.1/24", "dev", "veth2"),
    ipA("link", "set", "dev", "veth2", "up"),
    ipA("route", "add", "default", "via", "198.18.0.254"),
    ipA("route", "add", "198.19.1.0/24", "via", "198.18.0.254", "metric", "100"),
    ipA("route", "add", "2001:db8:1::/64", "via", "2001:db8::fe"),
    ipA("route", "add", "blackhole", "198.19.2.0/24"),
    ipA("route", "add", "unreachable", "198.19.3.0/24"),
    ipA("route", "add", "prohibit", "198.19.6.0/24"),
    ipA("route", "add", "198.19.4.0/24", "dev", "veth0", "proto", "static", "scope", "link", "src", "198.18.0.1", "table", "100"),
    ipA("route", "add", "198.19.5.0/24", "nexthop", "via", "198.18.0.253", "dev", "veth0", "weight", "1",
      "nexthop", "via", "198.18.0.252", "dev", "veth0", "weight", "2"),
    ipA("route", "add", "198.19.7.0/24", "via", "198.18.0.254", "mtu", "lock", "1400", "advmss", "1300", "hoplimit", "10",
      "rtt", "250ms", "congctl", "cubic", "features", "ecn"),
    ipA("route", "add", "198.19.8.1", "via", "198.18.0.254"),
    ipA("route", "add", "198.19.9.0/24", "via", "198.19.9.1", "dev", "veth0", "onlink"),
    ipA("route", "add", "198.19.10.0/24", "tos", "0x10", "via", "198.18.0.254"),
    ipA("route", "add", "198.19.11.0/24", "via", "198.18.4.254", "dev", "veth2"),
    ["ip", "-6", "-n", A, "route", "add", "2001:db8:3::/64", "via", "2001:db8::fe", "pref", "high"],
    ["ip", "-6", "-n", A, "route", "add", "2001:db8:4::/64", "dev", "veth0", "metric", "42"],
    ["ip", "-6", "-n", A, "route", "add", "unreachable", "2001:db8:5::/64"],
  ];
  const addrSetup = [
    ipA("link", "set", "dev", "lo", "up"),
    ...vethPair(),
    ipA("addr", "add", "198.18.0.1/24", "brd", "+", "dev", "veth0"),
    ipA("addr", "add", "198.18.0.2/24", "dev", "veth0", "label", "veth0:sec"),
    ipA("addr", "add", "198.18.1.1/24", "dev", "veth0", "valid_lft", "3600", "preferred_lft", "1800"),
    ipA("addr", "add", "198.18.2.1", "peer", "198.18.2.2/32", "dev", "veth1", "metric", "50"),
    ipA("addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"),
    ipA("addr", "add", "2001:db8:1::1/64", "dev", "veth0", "nodad", "noprefixroute"),
    ipA("addr", "add", "2001:db8:2::1/64", "dev", "veth1", "nodad", "valid_lft", "3000", "preferred_lft", "0"),
    ipA("link", "add", "veth2", "address", mac(7), "type", "veth", "peer", "name", "veth3", "address", mac(8)),
    ipA("link", "set", "dev", "veth1", "up"),
    ipA("link", "set", "dev", "veth0", "up"),
  ];
  FIXTURES_DEF.push(
    {
      // link/dump-all's setup, shown without -d.
      id: "link/show-plain",
      setup: dumpAll.setup,
      command: ipA("link", "show"),
      state: ["ip", "-j", "-n", A, "link", "show"],
    },
    {
      // NO-CARRIER and M-DOWN, alias and altname, promisc/allmulti/group, a qlen of 0, bridge port
      // settings (the bridge is down, so its timers stay at 0), macvlan source mode, vxlan over IPv6
      // multicast with inherited ttl/tos and a flow label, a metadata ("external") vxlan.
      id: "link/show-states",
      setup: [
        ...vethPair(),
        ipA("link", "set", "dev", "veth0", "up"),
        ipA("link", "set", "dev", "veth0", "alias", "uplink to veth1"),
        ipA("link", "property", "add", "dev", "veth0", "altname", "veth0-alternative"),
        ipA("link", "add", "br2", "address", mac(3), "type", "bridge", "mcast_snooping", "0", "group_fwd_mask", "0x4000"),
        ipA("link", "set", "dev", "veth1", "master", "br2"),
        ipA("link", "set", "dev", "veth1", "type", "bridge_slave", "cost", "10", "priority", "7", "hairpin", "on",
          "learning", "off", "group_fwd_mask", "0x4008"),
        ipA("link", "set", "dev", "veth1", "promisc", "on", "allmulticast", "on", "group", "5"),
        ipA("link", "add", "mv0", "link", "veth0", "address", mac(4), "type", "macvlan", "mode", "source",
          "macaddr", "add", "02:00:00:00:00:aa"),
        ipA("link", "add", "vx6", "address", mac(5), "type", "vxlan", "id", "7", "group", "ff05::100", "dev", "veth0",
          "dstport", "4789", "ttl", "inherit", "tos", "inherit", "df", "set", "flowlabel", "0x1234", "nolearning", "maxaddr", "10"),
        ipA("link", "add", "vxe", "address", mac(6), "type", "vxlan", "external", "dstport", "4790"),
        ipA("link", "add", "veth2", "address", mac(7), "type", "veth", "peer", "name", "veth3", "address", mac(8)),
        ipA("link", "set", "dev", "veth3", "txqueuelen", "0", "mtu", "9000"),
      ],
      command: ["ip", "-d", "-n", A, "link", "show"],
      state: linkState(),
    },
    {
      // A veth whose peer lives in tsnlfx-b (nsid 5 here): `veth0@if2 ... link-netns tsnlfx-b`.
      // ip looks the nsid's name up through every /run/netns entry, hence onlyOurNetns.
      id: "link/show-peer-netns",
      onlyOurNetns: true,
      namespaces: [A, B],
      setup: [
        ["ip", "-n", A, "netns", "set", B, "5"],
        ipA("link", "add", "veth0", "address", mac(1), "type", "veth", "peer", "name", "veth1", "address", mac(2), "netns", B),
        ipA("link", "set", "dev", "veth0", "up"),
      ],
      command: ["ip", "-d", "-n", A, "link", "show"],
      state: linkState(),
      extraStates: [["ip", "-j", "-n", A, "netns", "list-id"]],
    },
    {
      // Broadcast, secondary with a label, dynamic lifetimes, a peer with a metric, noprefixroute,
      // a deprecated IPv6 address, and a link without addresses.
      id: "addr/show-mixed",
      setup: addrSetup,
      command: ipA("addr", "show"),
      state: addrState(),
    },
    {
      id: "addr/show-ipv6",
      setup: addrSetup,
      command: ["ip", "-6", "-n", A, "addr", "show"],
      state: ["ip", "-j", "-6", "-n", A, "addr", "show"],
    },
    {
      id: "route/show-all-tables",
      setup: routeBase,
      command: ipA("route", "show", "table", "all"),
      state: ["ip", "-j", "-n", A, "route", "show", "table", "all"],
    },
    {
      id: "route/show-mixed",
      setup: routeBase,
      command: ipA("route", "show"),
      state: routeState(),
    },
    {
      id: "route/show-mixed-ipv6",
      setup: routeBase,
      command: ["ip", "-6", "-n", A, "route", "show"],
      state: route6State(),
    },
  );
}

// ---------------------------------------------------------------------------------------
// capture

let versions = null;
function getVersions() {
  if (!versions) {
    versions = {
      kernel: run(["uname", "-r"]).stdout.trim(),
      iproute2: run(["ip", "-V"]).stdout.trim(),
      strace: run(["strace", "-V"]).stdout.split("\n")[0].trim(),
    };
  }
  return versions;
}

function straceArgv(cmd, outFile) {
  const ns = netnsOf(cmd);
  // strace runs inside the namespace the command talks to, so that -yy (which asks
  // sock_diag in strace's own namespace) can name the protocol of the command's sockets.
  const pre = ns ? ["nsenter", `--net=/run/netns/${ns}`] : [];
  return [...pre, "strace", ...STRACE_FLAGS, "-o", outFile, ...cmd];
}

function captureOne(def, tmp) {
  const namespaces = def.namespaces || [A];
  const setup = [...namespaces.flatMap(nsSetup), ...(def.setup || [])];
  deleteOurNamespaces();
  try {
    for (const argv of setup) run(argv);

    if (def.onlyOurNetns) {
      const foreign = (() => { try { return readdirSync("/run/netns"); } catch { return []; } })()
        .filter((n) => !namespaces.includes(n));
      if (foreign.length) {
        throw new Error(`/run/netns holds other entries (${foreign.join(", ")}); they would be part of the capture. Retry when they are gone.`);
      }
    }

    const traceFile = join(tmp, def.id.replace(/\//g, "_") + ".strace");
    const argv = straceArgv(def.command, traceFile);
    const r = run(argv, { allowFail: true });
    const stderr = r.stderr
      .split("\n")
      .filter((l) => !l.startsWith("strace: "))
      .join("\n");
    const straceMsgs = r.stderr.split("\n").filter((l) => l.startsWith("strace: "));
    if (straceMsgs.length) throw new Error(`strace complained:\n${straceMsgs.join("\n")}`);
    if (def.expectFail && r.status === 0) throw new Error(`${def.id}: expected failure, got exit 0`);
    if (!def.expectFail && r.status !== 0) throw new Error(`${def.id}: exit ${r.status}\n${r.stderr}`);

    // `protocol: "generic"` keeps the command's NETLINK_GENERIC datagrams instead of its
    // NETLINK_ROUTE ones, and says so in the file; route fixtures carry no `protocol` key.
    const protocol = def.protocol || "route";
    if (protocol !== "route" && protocol !== "generic") throw new Error(`${def.id}: unknown protocol ${protocol}`);
    const { datagrams, skipped } = parseStrace(readFileSync(traceFile, "utf8"), { protocol: protocol.toUpperCase() });

    // A state is an argv whose stdout is JSON (`ip -j ...`), or `{ text: argv }` for tools
    // that print no JSON (ethtool, `ip mptcp limits show`): then the text is kept as printed.
    const readState = (spec) => {
      if (Array.isArray(spec)) return { command: spec, json: JSON.parse(run(spec).stdout) };
      return { command: spec.text, text: run(spec.text).stdout };
    };

    const fixture = {
      command: def.command,
      ...(protocol !== "route" ? { protocol } : {}),
      setup,
      kernel: getVersions().kernel,
      iproute2: getVersions().iproute2,
      ...(def.tool ? { tool: run(def.tool).stdout.split("\n")[0].trim() } : {}),
      captured: new Date().toISOString(),
      strace: straceArgv(def.command, "FILE"),
      state: readState(def.state),
      ...(def.extraStates ? { extraStates: def.extraStates.map(readState) } : {}),
      exitCode: r.status,
      stdout: r.stdout,
      stderr,
      datagrams,
    };

    // sanity: every datagram splits exactly into netlink messages
    const errors = [];
    let msgCount = 0;
    let trailingBytes = 0;
    for (const d of datagrams) {
      const { msgs, trailing } = splitDatagram(d.hex, { kernelRules: d.dir === "send" });
      msgCount += msgs.length;
      trailingBytes += trailing;
      for (const m of msgs) {
        if (d.dir === "recv" && m.type === 2 && m.error) errors.push(ERRNO[-m.error] || String(m.error));
      }
    }
    if (def.expectFail && !errors.includes(def.expectFail)) {
      throw new Error(`${def.id}: expected kernel error ${def.expectFail}, saw ${errors.join(",") || "none"}`);
    }

    const bytes = datagrams.reduce((s, d) => s + d.hex.length / 2, 0);
    const largest = datagrams.reduce((s, d) => Math.max(s, d.hex.length / 2), 0);
    if (def.minLargest && largest < def.minLargest) {
      throw new Error(`${def.id}: largest datagram ${largest} bytes, expected at least ${def.minLargest}`);
    }
    if (!def.checkOnly) {
      const file = join(FIXTURES, def.id + ".json");
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(fixture, null, 2) + "\n");
    }

    console.log(
      `${def.id.padEnd(28)}${def.checkOnly ? " (check only, not written)" : ""} exit=${r.status} datagrams=${String(datagrams.length).padStart(3)} ` +
        `(send ${datagrams.filter((d) => d.dir === "send").length}, recv ${datagrams.filter((d) => d.dir === "recv").length}) ` +
        `messages=${String(msgCount).padStart(3)} bytes=${String(bytes).padStart(6)} largest=${String(largest).padStart(5)}` +
        ` skipped(peek=${skipped.peek},failed=${skipped.failed},other=${skipped.otherProto})` +
        (trailingBytes ? ` trailing-bytes-in-requests=${trailingBytes}` : "") +
        (errors.length ? ` kernel-errors=${errors.join(",")}` : ""),
    );
  } finally {
    deleteOurNamespaces();
  }
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes("--list")) {
    for (const d of FIXTURES_DEF) console.log(d.id);
    return 0;
  }
  let selected = FIXTURES_DEF;
  if (args.length) {
    selected = [];
    for (const a of args) {
      const hits = FIXTURES_DEF.filter((d) => d.id === a || d.id.split("/")[1] === a || d.id.startsWith(a + "/"));
      if (!hits.length) {
        console.error(`unknown fixture: ${a} (try --list)`);
        return 1;
      }
      for (const h of hits) if (!selected.includes(h)) selected.push(h);
    }
  }
  if (process.getuid && process.getuid() !== 0) {
    console.error("capture-fixtures: must run as root (namespaces, strace)");
    return 1;
  }
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, () => {
      try {
        deleteOurNamespaces();
      } finally {
        process.exit(128 + (sig === "SIGINT" ? 2 : sig === "SIGTERM" ? 15 : 1));
      }
    });
  }
  const tmp = mkdtempSync(join(tmpdir(), "tsnlfx-strace-"));
  let failed = 0;
  try {
    for (const def of selected) {
      try {
        captureOne(def, tmp);
      } catch (e) {
        failed++;
        console.error(`FAILED ${def.id}: ${e.message}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    try {
      deleteOurNamespaces();
    } catch (e) {
      console.error(e.message);
      failed++;
    }
  }
  const v = getVersions();
  console.log(`kernel ${v.kernel}; ${v.iproute2}; ${v.strace}; ${selected.length - failed}/${selected.length} captures ok`);
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main();
}
