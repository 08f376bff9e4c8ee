package httpapi

import (
	"net"
	"net/netip"
	"strings"
)

// clientIP is the address a request came from. It is the TCP peer unless
// the peer is one of the trusted proxies; then it is the right-most address
// in X-Forwarded-For that is not a trusted proxy: every proxy appends the
// address it saw, so entries left of the last untrusted one may be forged by
// the client. X-Forwarded-For is never read without trusted proxies.
// An entry that is not an address ends the walk at the proxy that wrote it.
// ok is false when the peer's address does not parse (not TCP).
func clientIP(remoteAddr string, forwardedFor []string, trusted []netip.Prefix) (ip netip.Addr, ok bool) {
	peer, ok := parseAddr(remoteAddr)
	if !ok || !isTrusted(peer, trusted) {
		return peer, ok
	}
	var hops []string
	for _, h := range forwardedFor {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseAddr(strings.TrimSpace(hops[i]))
		if !ok {
			break
		}
		if !isTrusted(a, trusted) {
			return a, true
		}
		peer = a
	}
	return peer, true // every hop is a trusted proxy: the farthest one
}

// parseAddr reads "1.2.3.4", "1.2.3.4:5678", "2001:db8::1" or
// "[2001:db8::1]:443", dropping the port and any IPv6 zone.
func parseAddr(s string) (netip.Addr, bool) {
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ipKey is what one client's budget is kept under: an IPv4 address, or the
// /64 network of an IPv6 one (a single host can use any address of its /64).
func ipKey(a netip.Addr) string {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}
