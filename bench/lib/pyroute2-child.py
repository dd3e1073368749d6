# pyroute2 (IPRoute), run inside a namespace with /usr/bin/python3.11:
#   ip netns exec NS python3.11 pyroute2-child.py create N
#   ip netns exec NS python3.11 pyroute2-child.py delete N
#   ip netns exec NS python3.11 pyroute2-child.py dump 1 --memory
#   ip netns exec NS python3.11 pyroute2-child.py serve
#   ip netns exec HOST python3.11 pyroute2-child.py netns-setup SPEC_JSON
# It works on the namespace it was started in (the netns-setup command
# creates the container namespaces with pyroute2.netns.create and enters
# them with pyroute2.netns.setns, its own way; they live as long as this
# process, since `ip netns exec` gives it a mount namespace of its own).
# Prints one JSON line: readyEpoch (module imported, socket open) and times.
# serve: after {readyEpoch}, answers each stdin line "dump N" with {times,
# links} (N get_links() calls), as bench/lib/served-child.mjs drives it.
import gc, json, os, sys, time
from pyroute2 import IPRoute
from pyroute2 import netns as pynetns

ipr = IPRoute()
ready = time.time() * 1000
now = time.perf_counter
cmd = sys.argv[1]
out = {'readyEpoch': ready}


def status():
    kb = {}
    for line in open('/proc/self/status'):
        k, _, v = line.partition(':')
        if k in ('VmRSS', 'VmHWM'):
            kb[k] = int(v.split()[0]) * 1024
    return kb


if cmd == 'create':
    n = int(sys.argv[2])
    t0 = now()
    for i in range(n):
        ipr.link('add', ifname='v%d' % i, kind='veth', peer='w%d' % i)
    out['ms'] = (now() - t0) * 1000
elif cmd == 'delete':
    n = int(sys.argv[2])
    t0 = now()
    for i in range(n):
        ipr.link('del', ifname='v%d' % i)
    out['ms'] = (now() - t0) * 1000
elif cmd == 'dump':
    gc.collect()
    with open('/proc/self/clear_refs', 'w') as f:
        f.write('5')
    base = status()['VmRSS']
    links = ipr.get_links()
    before = status()['VmHWM']
    gc.collect()
    st = status()
    held, peak = st['VmRSS'], max(before, st['VmHWM'])
    raw = sum(m['header']['length'] for m in links)
    out.update(baseRss=base, peakRss=peak, peakDelta=peak - base, heldRssDelta=held - base, rawBytes=raw, links=len(links), rawNote='sum of nlmsg_len of the link messages')
elif cmd == 'serve':
    print(json.dumps(out), flush=True)
    for line in sys.stdin:
        what, n = (line.split() + ['', ''])[:2]
        if what != 'dump':
            print(json.dumps({'error': 'unknown request ' + line.strip()}), flush=True)
            continue
        times, count = [], 0
        for _ in range(int(n)):
            t0 = now()
            count = len(ipr.get_links())
            times.append((now() - t0) * 1000)
        print(json.dumps({'times': times, 'links': count}), flush=True)
    ipr.close()
    sys.exit(0)
elif cmd == 'netns-setup':
    spec = json.loads(sys.argv[2])
    host_fd = os.open('/proc/self/ns/net', os.O_RDONLY)
    per = []
    t_all = now()
    for i, c in enumerate(spec['containers']):
        t0 = now()
        pynetns.create(c['netns'])
        ipr.link('add', ifname='eth0', kind='veth', net_ns_fd=c['netns'], state='up', peer={'ifname': c['host']})
        pynetns.setns(c['netns'], flags=0)
        with IPRoute() as ci:
            idx = ci.link_lookup(ifname='eth0')[0]
            ci.addr('add', index=idx, address=c['address'], prefixlen=c['prefixlen'])
            ci.link('set', index=1, state='up')
            ci.route('add', dst='0.0.0.0/0', gateway=c['gateway'])
        pynetns.setns(host_fd)
        per.append((now() - t0) * 1000)
    out['ms'] = (now() - t_all) * 1000
    out['perNs'] = per
    # Check the result (not timed): each container has its address and default route.
    ok = 0
    for c in spec['containers']:
        pynetns.setns(c['netns'], flags=0)
        with IPRoute() as ci:
            addrs = [a.get_attr('IFA_ADDRESS') for a in ci.get_addr(family=2)]
            routes = ci.get_routes(family=2, dst_len=0, table=254)
            lo = ci.get_links(1)[0]
            eth0 = ci.get_links(ci.link_lookup(ifname='eth0')[0])[0]
            if c['address'] in addrs and any(r.get_attr('RTA_GATEWAY') == c['gateway'] for r in routes) and lo['flags'] & 1 and eth0['flags'] & 1:
                ok += 1
        pynetns.setns(host_fd)
    out['verified'] = ok
else:
    raise SystemExit('unknown command ' + cmd)

ipr.close()
print(json.dumps(out))
