package main

import "testing"

func TestTheAPIHalvesItsProcessorsBesideALocalDatabase(t *testing.T) {
	tests := []struct {
		name, dsn, env string
		procs          int
		want           int
		change         bool
	}{
		{"loopback", "root@tcp(127.0.0.1:3306)/ourspace", "", 2, 1, true},
		{"localhost", "root@tcp(localhost:3306)/", "", 8, 4, true},
		{"IPv6 loopback", "root@tcp([::1]:3306)/ourspace", "", 4, 2, true},
		{"socket", "root@unix(/run/mysqld/mysqld.sock)/ourspace", "", 2, 1, true},
		{"odd count", "root@tcp(127.0.0.1:3306)/", "", 3, 1, true},
		{"another host", "app:secret@tcp(db.internal:3306)/ourspace", "", 8, 0, false},
		{"a container by name", "ourspace:pw@tcp(mysql:3306)/ourspace", "", 2, 0, false},
		{"another address", "root@tcp(10.0.0.5:3306)/", "", 2, 0, false},
		{"GOMAXPROCS set", "root@tcp(127.0.0.1:3306)/", "2", 2, 0, false},
		{"one processor", "root@tcp(127.0.0.1:3306)/", "", 1, 0, false},
		{"unreadable DSN", "not a dsn", "", 2, 0, false},
	}
	for _, tt := range tests {
		got, change := cpuShare(tt.dsn, tt.env, tt.procs)
		if got != tt.want || change != tt.change {
			t.Errorf("%s: cpuShare(%q, %q, %d) = %d, %v; want %d, %v", tt.name, tt.dsn, tt.env, tt.procs, got, change, tt.want, tt.change)
		}
	}
}
