package main

import (
	"flag"
	"os"

	"github.com/ourspace/ourspace/adapters/httpapi"
)

// writeOpenAPI writes the OpenAPI document, touching no network or database.
func writeOpenAPI(args []string) error {
	fs := flag.NewFlagSet("openapi", flag.ContinueOnError)
	out := fs.String("o", "-", "file to write (- for standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := httpapi.Spec().YAML()
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = os.Stdout.Write(b)
		return err
	}
	return os.WriteFile(*out, b, 0o644) //nolint:gosec // G306: the spec is a public, committed document, readable like any source file
}
