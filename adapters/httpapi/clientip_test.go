package httpapi

import (
	"net/netip"
	"testing"
)

func TestClientIPTrustsForwardedForOnlyFromTrustedProxies(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ff::/48")}
	cases := []struct {
		name    string
		peer    string
		xff     []string
		trusted []netip.Prefix
		want    string
	}{
		{"no trusted proxies: the header is ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, nil, "203.0.113.7"},
		{"an untrusted peer cannot forge it", "203.0.113.7:5000", []string{"198.51.100.1"}, proxies, "203.0.113.7"},
		{"a trusted proxy: its client", "10.1.2.3:5000", []string{"198.51.100.1"}, proxies, "198.51.100.1"},
		{"the right-most untrusted entry, not what the client wrote first", "10.1.2.3:5000",
			[]string{"6.6.6.6, 198.51.100.1, 10.9.9.9"}, proxies, "198.51.100.1"},
		{"entries across several header lines", "10.1.2.3:5000", []string{"6.6.6.6", "198.51.100.1", "10.9.9.9"}, proxies, "198.51.100.1"},
		{"a trusted proxy without the header: the proxy", "10.1.2.3:5000", nil, proxies, "10.1.2.3"},
		{"every hop trusted: the farthest", "10.1.2.3:5000", []string{"10.7.7.7, 10.8.8.8"}, proxies, "10.7.7.7"},
		{"garbage stops at the proxy that wrote it", "10.1.2.3:5000", []string{"198.51.100.1, unknown, 10.9.9.9"}, proxies, "10.9.9.9"},
		{"ports and brackets in entries", "10.1.2.3:5000", []string{"[2001:db8:1:2::5]:443"}, proxies, "2001:db8:1:2::5"},
		{"IPv6 peer and proxy", "[2001:db8:ff::1]:5000", []string{"198.51.100.1"}, proxies, "198.51.100.1"},
		{"an IPv4-mapped peer", "[::ffff:203.0.113.7]:5000", nil, proxies, "203.0.113.7"},
	}
	for _, c := range cases {
		got, ok := clientIP(c.peer, c.xff, c.trusted)
		if !ok || got.String() != c.want {
			t.Errorf("%s: clientIP(%q, %q) = %v, %v; want %s", c.name, c.peer, c.xff, got, ok, c.want)
		}
	}
	if _, ok := clientIP("@", nil, proxies); ok {
		t.Error("a peer that is not an address was taken for one")
	}
}

func TestIPKeyGroupsAnIPv6Slash64(t *testing.T) {
	a, b := netip.MustParseAddr("2001:db8:1:2::5"), netip.MustParseAddr("2001:db8:1:2:ffff::9")
	if ipKey(a) != ipKey(b) || ipKey(a) != "2001:db8:1:2::/64" {
		t.Errorf("ipKey: %s and %s, want both 2001:db8:1:2::/64", ipKey(a), ipKey(b))
	}
	if k := ipKey(netip.MustParseAddr("203.0.113.7")); k != "203.0.113.7" {
		t.Errorf("ipKey of an IPv4 address: %s", k)
	}
}
