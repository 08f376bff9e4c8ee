package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/seed"
)

// seedCommand adds generated spaces and bookings, for benchmarks.
func seedCommand(ctx context.Context, cfg config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	spaces := fs.Int("spaces", 1000, "spaces to add")
	bookings := fs.Int("bookings", 10000, "bookings to add")
	users := fs.Int("users", 0, "users to add (0: one per 20 spaces, at least 50)")
	randSeed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *spaces < 0 || *bookings < 0 || (*spaces == 0 && *bookings > 0) {
		return fmt.Errorf("seed: --spaces must be positive when bookings are asked")
	}
	db, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	bulk := mysql.NewBulk(db)
	empty, err := mysql.IsEmpty(ctx, db)
	if err != nil {
		return err
	}
	if empty {
		if err := seed.Reference(ctx, bulk); err != nil {
			return err
		}
	}
	start := time.Now()
	err = seed.Fill(ctx, bulk, seed.Options{Spaces: *spaces, Bookings: *bookings, Users: *users, Now: time.Now(), Seed: *randSeed,
		Progress: func(format string, a ...any) { log.Info(fmt.Sprintf(format, a...)) }})
	if err != nil {
		return err
	}
	log.Info("seed done", "spaces", *spaces, "bookings", *bookings, "took", time.Since(start).Round(time.Second))
	return nil
}
