package main

import (
	"log/slog"
	"os"
	"runtime/debug"
	"testing"
)

// TestGCTargetYieldsToGOGC: the server's own GC target applies unless the
// operator set GOGC.
func TestGCTargetYieldsToGOGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	log := slog.New(slog.DiscardHandler)

	t.Setenv("GOGC", "50") // restored after the test, unset or not
	tuneGC(log)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, the target became %d; want it left alone", got)
	}

	if err := os.Unsetenv("GOGC"); err != nil {
		t.Fatal(err)
	}
	tuneGC(log)
	if got := debug.SetGCPercent(100); got != serverGCPercent {
		t.Errorf("without GOGC, the target is %d, want %d", got, serverGCPercent)
	}
}
