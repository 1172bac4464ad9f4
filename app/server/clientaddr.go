package server

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the address of the client that sent r, without a port: the key of the
// per-address limits and the address in the request log and the audit log.
//
// It is the connection's peer, unless the peer is a trusted reverse proxy
// (Config.TrustedProxies, --trusted-proxy). Then X-Forwarded-For is read from the
// right, the end the proxies append to: each trusted hop is skipped and the first
// untrusted address is the client. Anything to the left of it was written by the
// client or a proxy nobody vouches for and is never used, so a client cannot pick its
// own address by sending X-Forwarded-For. When every hop is trusted the leftmost is the
// client (as nginx's real_ip_recursive does). A hop that is not an IP address stops the
// walk at the trusted hop to its right: an arbitrary string never becomes a limit key.
// Without trusted proxies X-Forwarded-For is ignored.
func (s *Server) clientAddr(r *http.Request) string {
	peer, ok := parseHop(r.RemoteAddr)
	if !ok {
		// Not a TCP peer (a test or an unusual listener): as the connection says.
		return hostOnly(r.RemoteAddr)
	}
	if !s.trusted(peer) {
		return peer.String()
	}
	client := peer
	hops := forwardedFor(r.Header)
	for i := len(hops) - 1; i >= 0; i-- {
		hop, ok := parseHop(hops[i])
		if !ok {
			break
		}
		client = hop
		if !s.trusted(hop) {
			break
		}
	}
	return client.String()
}

// limitKey is the key of an address in the per-address limits: the address for IPv4,
// its /64 for IPv6 (one home or office network is given a whole /64, so one client can
// use a new address for every request).
func limitKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is6() {
		return addr
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}

// trusted reports whether a is inside one of the trusted proxies' ranges.
func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedFor is every hop of every X-Forwarded-For header, in order, left to right.
func forwardedFor(h http.Header) []string {
	var hops []string
	for _, v := range h.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(v, ",") {
			if hop = strings.TrimSpace(hop); hop != "" {
				hops = append(hops, hop)
			}
		}
	}
	return hops
}

// parseHop reads an address as a peer or a proxy writes it: "192.0.2.1",
// "192.0.2.1:5678", "2001:db8::1", "[2001:db8::1]:5678". IPv4 in IPv6 (::ffff:a.b.c.d)
// becomes IPv4 and a zone is dropped, so one client has one spelling.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		if perr != nil {
			return netip.Addr{}, false
		}
		a = ap.Addr()
	}
	return a.Unmap().WithZone(""), true
}

// hostOnly is an address without its port.
func hostOnly(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return host
}

// ParseTrustedProxies reads address ranges of trusted reverse proxies: CIDR
// ("10.0.0.0/8", "127.0.0.1/32", "fd00::/8") or a single address, in one or more
// comma-separated lists. A range that would trust every address (/0) is refused: any
// client could then choose its own address.
func ParseTrustedProxies(lists ...string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, list := range lists {
		for _, item := range strings.Split(list, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			p, err := parsePrefix(item)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

func parsePrefix(item string) (netip.Prefix, error) {
	var p netip.Prefix
	if strings.Contains(item, "/") {
		var err error
		if p, err = netip.ParsePrefix(item); err != nil {
			return p, fmt.Errorf("%q is not an address range in CIDR form (for example 127.0.0.1/32 or 10.0.0.0/8)", item)
		}
	} else {
		a, err := netip.ParseAddr(item)
		if err != nil || a.Zone() != "" {
			return p, fmt.Errorf("%q is not an IP address or an address range in CIDR form (for example 127.0.0.1/32 or 10.0.0.0/8)", item)
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if p.Addr().Is4In6() {
		p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		if p.Bits() < 0 {
			return p, fmt.Errorf("%q is not an address range a proxy can be in", item)
		}
	}
	if p.Bits() == 0 {
		return p, fmt.Errorf("%q would trust every address, so any client could choose its own; name your proxies' addresses", item)
	}
	return p.Masked(), nil
}
