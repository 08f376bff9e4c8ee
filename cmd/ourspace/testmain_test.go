package main

import (
	"os"
	"testing"
	"time"
)

// childEnv makes this test binary run `ourspace serve` instead of the
// tests: the API processes of TestTwoProcessesShareOneDatabase are real
// processes of the binary's own code, without a separate go build.
const childEnv = "OURSPACE_TEST_RUN_AS_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		// End with the test that started us, even when it is killed.
		parent := os.Getppid()
		go func() {
			for range time.Tick(500 * time.Millisecond) {
				if os.Getppid() != parent {
					os.Exit(3)
				}
			}
		}()
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
