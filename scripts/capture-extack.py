#!/usr/bin/env python3
"""Capture the kernel's extended ACKs for hand-built, deliberately wrong requests.

iproute2 never sends a malformed attribute, so the error replies that point at
one (NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY) cannot be captured with strace
like the other fixtures. This script builds the requests itself, byte by byte,
sends them on a NETLINK_ROUTE socket with NETLINK_EXT_ACK on, and writes each
request and the kernel's reply to fixtures/extack/NAME.json in the fixture
format of fixtures/README.md.

    python3 scripts/capture-extack.py                 # as root: every case, into fixtures/extack
    python3 scripts/capture-extack.py mtu-2-bytes     # some cases
    python3 scripts/capture-extack.py --out DIR ...   # somewhere else

It creates a throwaway network namespace tsnl-t-teach-<pid>, runs itself inside
it with `ip netns exec` (argv only, no shell), and deletes the namespace again,
also on failure. Nothing is changed in the root namespace; every request is
refused by the kernel, so the namespace stays empty.
"""
import datetime
import json
import os
import platform
import socket
import struct
import subprocess
import sys

SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
RTM_NEWLINK = 16
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 0x1, 0x4, 0x200, 0x400
IFLA_IFNAME, IFLA_MTU, IFLA_LINKINFO = 3, 4, 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
IFLA_VXLAN_ID = 1
SEQ = 0x74730001  # fixed, so the fixtures are reproducible


def attr(atype, payload):
    """One netlink attribute: u16 length, u16 type, payload, padding to 4."""
    n = 4 + len(payload)
    return struct.pack("=HH", n, atype) + payload + b"\0" * (-n % 4)


def newlink(seq, attrs):
    """RTM_NEWLINK, NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE, empty ifinfomsg."""
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0) + b"".join(attrs)
    flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE
    return struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK, flags, seq, 0) + body


# name -> (what the request gets wrong, the request)
CASES = {
    "mtu-2-bytes": (
        "IFLA_MTU carries 2 bytes (1500 as a u16) instead of a u32",
        newlink(SEQ, [attr(IFLA_IFNAME, b"tsnl0\0"), attr(IFLA_MTU, struct.pack("=H", 1500))]),
    ),
    "ifname-20-bytes": (
        "IFLA_IFNAME carries 20 bytes (19 characters and a NUL); IFNAMSIZ is 16",
        newlink(SEQ + 1, [attr(IFLA_IFNAME, b"tsnl-name-too-long1\0")]),
    ),
    "vxlan-id-2-bytes": (
        "a vxlan whose IFLA_VXLAN_ID (nested in IFLA_LINKINFO > IFLA_INFO_DATA) carries 2 bytes",
        newlink(SEQ + 2, [
            attr(IFLA_IFNAME, b"tsnlvx0\0"),
            attr(IFLA_LINKINFO, attr(IFLA_INFO_KIND, b"vxlan") + attr(IFLA_INFO_DATA, attr(IFLA_VXLAN_ID, struct.pack("=H", 42)))),
        ]),
    ),
    "unknown-kind": (
        "IFLA_INFO_KIND names a link kind the kernel does not have",
        newlink(SEQ + 3, [attr(IFLA_IFNAME, b"tsnl1\0"), attr(IFLA_LINKINFO, attr(IFLA_INFO_KIND, b"tsnl-nosuchkind\0"))]),
    ),
}


def exchange(request):
    """Sends one request with NETLINK_EXT_ACK on; returns every datagram received until the ACK or error."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)  # NETLINK_ROUTE
    try:
        s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        s.bind((0, 0))
        s.sendto(request, (0, 0))
        replies = []
        while True:
            data = s.recv(65536)
            replies.append(data)
            mtype = struct.unpack_from("=H", data, 4)[0]
            if mtype in (2, 3):  # NLMSG_ERROR, NLMSG_DONE
                return replies
    finally:
        s.close()


def capture(outdir, names):
    os.makedirs(outdir, exist_ok=True)
    for name in names:
        what, request = CASES[name]
        replies = exchange(request)
        fixture = {
            "command": ["python3", "scripts/capture-extack.py", name],
            "note": "The request was built by hand by scripts/capture-extack.py (not by iproute2) and sent on a "
                    "NETLINK_ROUTE socket with NETLINK_EXT_ACK on, inside a throwaway namespace: " + what + ".",
            "kernel": platform.release(),
            "captured": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
            "exitCode": 0,
            "stdout": "",
            "stderr": "",
            "datagrams": [{"dir": "send", "hex": request.hex()}] + [{"dir": "recv", "hex": r.hex()} for r in replies],
        }
        path = os.path.join(outdir, name + ".json")
        with open(path, "w") as f:
            json.dump(fixture, f, indent=2)
            f.write("\n")
        err = struct.unpack_from("=i", replies[-1], 16)[0]
        print(f"{path}: error {err}, {len(replies[-1])} bytes")


def main():
    args = sys.argv[1:]
    outdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "extack")
    if args[:1] == ["--out"] and len(args) >= 2:
        outdir, args = args[1], args[2:]
    outdir = os.path.abspath(outdir)
    names = args or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        sys.exit(f"capture-extack: unknown case {unknown[0]!r}; cases: {', '.join(CASES)}")
    if os.environ.get("TSNL_EXTACK_INSIDE") == "1":
        capture(outdir, names)
        return
    if os.geteuid() != 0:
        sys.exit("capture-extack: must run as root (it creates a network namespace)")
    ns = f"tsnl-t-teach-{os.getpid()}"
    subprocess.run(["ip", "netns", "add", ns], check=True)
    try:
        env = dict(os.environ, TSNL_EXTACK_INSIDE="1")
        argv = ["ip", "netns", "exec", ns, sys.executable, os.path.abspath(__file__), "--out", outdir, *names]
        subprocess.run(argv, check=True, env=env)
    finally:
        subprocess.run(["ip", "netns", "del", ns], check=False)


if __name__ == "__main__":
    main()
