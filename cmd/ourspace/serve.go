package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/seed"
	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/service"
)

func serve(ctx context.Context, cfg config, log *slog.Logger) error {
	// Settings that can refuse to start are checked before the database.
	keys, err := loadSecrets(cfg, log)
	if err != nil {
		return err
	}
	idp, closeIDP, err := identityProvider(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeIDP()
	objects, closeObjects, err := mediaStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeObjects()
	db, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if cfg.SeedDemo {
		if err := seedDemoIfEmpty(ctx, db, objects, log); err != nil {
			return err
		}
	}
	application, err := newApplication(db, cfg, idp, keys, objects, mediaURLs(cfg, objects))
	if err != nil {
		return err
	}
	handler := httpapi.Handler(httpapi.Deps{App: application, PublicURL: cfg.PublicURL, CookieKey: keys.loginCookie,
		WebLoginRedirect: cfg.WebLoginRedirect, Objects: objects}, db, log)
	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: handler, ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTPAddr, err)
	}
	log.Info("OurSpace API listening", "addr", ln.Addr().String(), "docs", cfg.PublicURL+"/docs/")
	// The sweepers run in every replica: bookings are claimed with SKIP
	// LOCKED, and deleting an object twice is harmless.
	sweepCtx, stopSweep := context.WithCancel(ctx)
	var sweepers sync.WaitGroup
	sweepers.Go(func() { application.Commands.SweepBookings.Run(sweepCtx, cfg.SweepInterval, log) })
	sweepers.Go(func() { application.Commands.SweepObjects.Run(sweepCtx, cfg.SweepInterval, log) })
	sweepers.Go(func() { application.Commands.DeliverEvents.Run(sweepCtx, deliveryInterval, log) })
	defer func() {
		stopSweep()
		sweepers.Wait()
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newApplication wires the use cases to their adapters.
func newApplication(db *sql.DB, cfg config, idp ports.IdentityProvider, keys secrets, objects ports.ObjectStore, media ports.MediaURLs) (app.Application, error) {
	tokens, err := accesstoken.New(keys.accessToken)
	if err != nil {
		return app.Application{}, err
	}
	notifier, err := eventNotifier(cfg)
	if err != nil {
		return app.Application{}, err
	}
	return service.NewApplication(db, service.Options{Media: media, Identity: idp, Objects: objects,
		Tokens: tokens, WelcomePoints: cfg.WelcomePoints, Notifier: notifier, DeliveryAttempts: cfg.WebhookAttempts}), nil
}

func seedDemoIfEmpty(ctx context.Context, db *sql.DB, photos ports.ObjectStore, log *slog.Logger) error {
	empty, err := mysql.IsEmpty(ctx, db)
	if err != nil || !empty {
		return err
	}
	start := time.Now()
	if err := seed.Demo(ctx, mysql.NewBulk(db), photos, time.Now()); err != nil {
		return fmt.Errorf("demo seed: %w", err)
	}
	log.Info("empty database: demo marketplace seeded", "took", time.Since(start).Round(time.Millisecond))
	return nil
}
