# Decode throughput of pyroute2 on captured datagrams (u32 length + bytes).
# Run with /usr/bin/python3.11 (Debian's python3-pyroute2). Prints JSON.
import json, struct, sys, time
from pyroute2.netlink.rtnl.marshal import MarshalRtnl

path, rounds = sys.argv[1], int(sys.argv[2])
raw = open(path, 'rb').read()
dgs, off = [], 0
while off < len(raw):
    (n,) = struct.unpack_from('<I', raw, off)
    dgs.append(raw[off + 4: off + 4 + n])
    off += 4 + n
m = MarshalRtnl()
times, count = [], 0
for _ in range(rounds):
    t0 = time.perf_counter()
    count = 0
    for d in dgs:
        for msg in m.parse(d):
            count += 1
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({'times': times, 'messages': count}))
