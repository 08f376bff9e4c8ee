// Command ourspace runs the OurSpace marketplace API and its chores.
//
//	ourspace [serve]                         run the API (migrates; seeds demo data on an empty database)
//	ourspace migrate                         apply database migrations and exit
//	ourspace openapi [-o openapi/openapi.yaml]  write the OpenAPI document (no network, no database)
//	ourspace seed --spaces N --bookings M    add generated data, for benchmarks
//	ourspace healthcheck                     exit 0 when the local server is ready (for container health checks)
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/ourspace/ourspace/adapters/mysql"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ourspace:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	if cmd == "openapi" {
		return writeOpenAPI(args)
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	log := newLogger(cfg)
	slog.SetDefault(log)
	mysql.LogDriverTo(log)
	switch cmd {
	case "serve":
		return serve(ctx, cfg, log)
	case "migrate":
		db, closeDB, err := openDatabase(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer closeDB()
		log.Info("migrations applied", "ping", db.PingContext(ctx) == nil)
		return nil
	case "seed":
		return seedCommand(ctx, cfg, log, args)
	case "healthcheck":
		return healthcheck(ctx, cfg)
	}
	return fmt.Errorf("unknown command %q (want serve, migrate, openapi or seed)", cmd)
}
