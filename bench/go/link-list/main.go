// Peer of bench/dump.mjs: dumps the links of the namespace it runs in (start
// it with `ip netns exec NS`), as a Go program using vishvananda/netlink
// would, and the floor of that dump: the same request on a plain socket,
// read and counted, nothing decoded.
//
//	link-list serve
//
// It prints {"readyEpoch": wall clock in ms} once ready, then answers each
// line it reads on stdin with one JSON line (bench/lib/served-child.mjs
// drives it), until the end of its input:
//
//	list N        N timed netlink.LinkList() calls: {"times": [ms...], "links": count}.
//	              LinkList sends RTM_GETLINK (AF_UNSPEC, IFLA_EXT_MASK
//	              RTEXT_FILTER_VF: the counters included) on a socket it
//	              opens for the call, and decodes every link.
//	floor MASK N  N dumps on one socket kept for the process, asking
//	              IFLA_EXT_MASK vf (RTEXT_FILTER_VF, what LinkList and
//	              `ip link show` ask) or skip (RTEXT_FILTER_VF|
//	              RTEXT_FILTER_SKIP_STATS, what tsnetlink's links.list()
//	              asks), read with recvfrom into a 32 KiB buffer up to
//	              NLMSG_DONE, only the message headers looked at:
//	              {"times": [ms...], "bytes": bytes of the last dump}.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

const (
	rtextFilterVF        = 1 << 0
	rtextFilterSkipStats = 1 << 3
	iflaExtMask          = 29
)

func check(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
		os.Exit(1)
	}
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func list(rounds int) map[string]interface{} {
	times := make([]float64, 0, rounds)
	n := 0
	for i := 0; i < rounds; i++ {
		t := time.Now()
		links, err := netlink.LinkList()
		times = append(times, ms(time.Since(t)))
		if err != nil {
			return map[string]interface{}{"error": "LinkList: " + err.Error()}
		}
		n = len(links)
	}
	return map[string]interface{}{"times": times, "links": n}
}

// dumpRequest is RTM_GETLINK|NLM_F_DUMP with an ifinfomsg and IFLA_EXT_MASK.
func dumpRequest(seq uint32, mask uint32) []byte {
	b := make([]byte, 40)
	le := binary.LittleEndian
	le.PutUint32(b[0:], 40)
	le.PutUint16(b[4:], unix.RTM_GETLINK)
	le.PutUint16(b[6:], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
	le.PutUint32(b[8:], seq)
	// ifinfomsg (16 bytes, all zero: AF_UNSPEC) at 16.
	le.PutUint16(b[32:], 8)
	le.PutUint16(b[34:], iflaExtMask)
	le.PutUint32(b[36:], mask)
	return b
}

// receive reads datagrams until NLMSG_DONE; returns the bytes received.
func receive(fd int, buf []byte) int {
	total := 0
	for {
		n, _, err := unix.Recvfrom(fd, buf, 0)
		check(err, "recvfrom")
		total += n
		for off := 0; off+16 <= n; {
			l := int(binary.LittleEndian.Uint32(buf[off:]))
			typ := binary.LittleEndian.Uint16(buf[off+4:])
			if typ == unix.NLMSG_DONE {
				return total
			}
			if typ == unix.NLMSG_ERROR {
				check(fmt.Errorf("NLMSG_ERROR in the dump"), "dump")
			}
			if l < 16 {
				break
			}
			off += (l + 3) &^ 3
		}
	}
}

var masks = map[string]uint32{"vf": rtextFilterVF, "skip": rtextFilterVF | rtextFilterSkipStats}

// floorSockets holds one socket per mask, opened on first use.
var floorSockets = map[string]int{}

func floor(mask string, rounds int) map[string]interface{} {
	m, ok := masks[mask]
	if !ok {
		return map[string]interface{}{"error": "unknown mask " + mask}
	}
	fd, ok := floorSockets[mask]
	if !ok {
		var err error
		fd, err = unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
		check(err, "socket")
		check(unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}), "bind")
		floorSockets[mask] = fd
	}
	buf := make([]byte, 32768)
	times := make([]float64, 0, rounds)
	bytes := 0
	for i := 0; i < rounds; i++ {
		t := time.Now()
		check(unix.Sendto(fd, dumpRequest(uint32(i+1), m), 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}), "sendto")
		bytes = receive(fd, buf)
		times = append(times, ms(time.Since(t)))
	}
	return map[string]interface{}{"times": times, "bytes": bytes}
}

func answer(v map[string]interface{}) {
	b, err := json.Marshal(v)
	check(err, "json")
	fmt.Println(string(b))
}

func main() {
	if len(os.Args) != 2 || os.Args[1] != "serve" {
		check(fmt.Errorf("usage: link-list serve"), "args")
	}
	answer(map[string]interface{}{"readyEpoch": float64(time.Now().UnixNano()) / 1e6})
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		f := strings.Fields(in.Text())
		n := -1
		if len(f) > 0 {
			n, _ = strconv.Atoi(f[len(f)-1])
		}
		switch {
		case len(f) == 2 && f[0] == "list" && n >= 0:
			answer(list(n))
		case len(f) == 3 && f[0] == "floor" && n >= 0:
			answer(floor(f[1], n))
		default:
			answer(map[string]interface{}{"error": "unknown request " + in.Text()})
		}
	}
	check(in.Err(), "stdin")
}
