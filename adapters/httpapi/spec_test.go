package httpapi_test

import (
	"os"
	"testing"

	"github.com/ourspace/ourspace/adapters/httpapi"
)

// TestCommittedSpecIsFresh fails when openapi/openapi.yaml differs from what
// the code describes; `make generate` rewrites it.
func TestCommittedSpecIsFresh(t *testing.T) {
	want, err := httpapi.Spec().YAML()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("OURSPACE_WRITE_SPEC") == "1" {
		if err := os.WriteFile("../../openapi/openapi.yaml", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("../../openapi/openapi.yaml")
	if err != nil {
		t.Fatalf("read committed spec: %v (run make generate)", err)
	}
	if string(got) != string(want) {
		t.Fatal("openapi/openapi.yaml is stale: run make generate and commit it")
	}
}
