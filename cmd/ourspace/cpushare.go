package main

import (
	"net"

	gomysql "github.com/go-sql-driver/mysql"
)

// cpuShare gives the processors the Go scheduler should use when the
// database runs on this machine (a loopback address or a socket) and
// GOMAXPROCS is not set: half of procs, the runtime's own choice (the
// machine's CPUs or its container's limit). The two then share the cores
// instead of competing for them: with all of them, Go's idle processors
// spin looking for work and wake one another on every network event, CPU
// the database needed. On two cores that was a fifth of the server's CPU
// per request and a tenth of MariaDB's, and 15–20 % more requests/s for
// search and detail with one processor (docs/operations.md, "CPU"). False
// when nothing should change.
func cpuShare(dsn, gomaxprocsEnv string, procs int) (int, bool) {
	if gomaxprocsEnv != "" || procs < 2 {
		return 0, false
	}
	c, err := gomysql.ParseDSN(dsn)
	if err != nil || !onThisMachine(c.Net, c.Addr) {
		return 0, false
	}
	return procs / 2, true
}

// onThisMachine tells whether a MySQL address is of this machine.
func onThisMachine(network, addr string) bool {
	if network == "unix" {
		return true
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
