// Peer of bench/netns-setup.mjs: the same container-runtime workload done
// with vishvananda/netlink and vishvananda/netns, as a Go program would.
//
//	netns-setup < SPEC_JSON
//	SPEC_JSON = {"hostNs": NAME, "containers": [{netns, host, address, prefixlen, gateway}, ...]}
//
// For each container: a named namespace (/run/netns/NAME, as `ip netns add`
// makes), a veth made from the host namespace with its container end eth0
// created directly in the container namespace and up (host end in hostNs),
// the address on eth0, lo up, a default route. One container after the
// other, like the tsnetlink "one after the other" row.
//
// Prints one JSON line: ms (whole set-up), perNs (ms / count), first (ms of
// the first container, the first work in a fresh process), each (ms of every
// container), readyEpoch (wall clock when the clock starts, for the bench's
// start-up column). Process and Go runtime start-up are outside the clock.
// Passing a single container times one namespace alone. Nothing is verified
// or torn down here: the bench does both with ip, untimed.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"runtime"
	"time"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
	"golang.org/x/sys/unix"
)

type container struct {
	Netns     string `json:"netns"`
	Host      string `json:"host"`
	Address   string `json:"address"`
	Prefixlen int    `json:"prefixlen"`
	Gateway   string `json:"gateway"`
}

type spec struct {
	HostNs     string      `json:"hostNs"`
	Containers []container `json:"containers"`
}

// Only NETLINK_ROUTE is needed; the default (route, xfrm, netfilter) would
// open three sockets per handle.
var families = []int{unix.NETLINK_ROUTE}

func check(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
		os.Exit(1)
	}
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// setupOne does one container; host is a handle on the host namespace and
// orig the namespace this thread started in.
func setupOne(host *netlink.Handle, orig netns.NsHandle, c container) error {
	// NewNamed unshares this thread into the new namespace and bind-mounts
	// it; the thread goes back at once, the rest works through handles.
	cns, err := netns.NewNamed(c.Netns)
	if serr := netns.Set(orig); serr != nil {
		// A thread left in the wrong namespace must not run anything else.
		check(serr, "return to the original namespace")
	}
	if err != nil {
		return fmt.Errorf("netns.NewNamed %s: %w", c.Netns, err)
	}
	defer cns.Close()

	veth := &netlink.Veth{
		LinkAttrs: netlink.LinkAttrs{Name: "eth0", Flags: net.FlagUp, Namespace: netlink.NsFd(cns)},
		PeerName:  c.Host,
	}
	if err := host.LinkAdd(veth); err != nil {
		return fmt.Errorf("LinkAdd eth0/%s: %w", c.Host, err)
	}

	h, err := netlink.NewHandleAt(cns, families...)
	if err != nil {
		return fmt.Errorf("NewHandleAt %s: %w", c.Netns, err)
	}
	defer h.Close()
	eth0, err := h.LinkByName("eth0")
	if err != nil {
		return fmt.Errorf("LinkByName eth0: %w", err)
	}
	addr := &netlink.Addr{IPNet: &net.IPNet{IP: net.ParseIP(c.Address), Mask: net.CIDRMask(c.Prefixlen, 32)}}
	if err := h.AddrAdd(eth0, addr); err != nil {
		return fmt.Errorf("AddrAdd: %w", err)
	}
	lo, err := h.LinkByName("lo")
	if err != nil {
		return fmt.Errorf("LinkByName lo: %w", err)
	}
	if err := h.LinkSetUp(lo); err != nil {
		return fmt.Errorf("LinkSetUp lo: %w", err)
	}
	if err := h.RouteAdd(&netlink.Route{Gw: net.ParseIP(c.Gateway)}); err != nil {
		return fmt.Errorf("RouteAdd default: %w", err)
	}
	return nil
}

func main() {
	// Namespaces belong to threads: keep this goroutine on one thread.
	runtime.LockOSThread()

	var s spec
	check(json.NewDecoder(os.Stdin).Decode(&s), "read spec")
	if len(s.Containers) == 0 {
		check(fmt.Errorf("no containers"), "spec")
	}
	orig, err := netns.Get()
	check(err, "netns.Get")
	hostNs, err := netns.GetFromName(s.HostNs)
	check(err, "host namespace "+s.HostNs)
	// Opened before the clock starts, as the JS peers open theirs.
	host, err := netlink.NewHandleAt(hostNs, families...)
	check(err, "NewHandleAt host")

	each := make([]float64, 0, len(s.Containers))
	t0 := time.Now()
	// Wall clock in ms, for the bench's start-up column (spawn to here).
	ready := float64(t0.UnixNano()) / 1e6
	for _, c := range s.Containers {
		t := time.Now()
		check(setupOne(host, orig, c), c.Netns)
		each = append(each, ms(time.Since(t)))
	}
	total := ms(time.Since(t0))

	out, _ := json.Marshal(map[string]interface{}{
		"readyEpoch": ready, "ms": total, "perNs": total / float64(len(s.Containers)), "first": each[0], "each": each,
	})
	fmt.Println(string(out))
}
