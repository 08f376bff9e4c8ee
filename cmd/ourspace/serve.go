package main

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/ourspace/ourspace/adapters/accesstoken"
	"github.com/ourspace/ourspace/adapters/httpapi"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/seed"
	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/service"
	"github.com/ourspace/ourspace/web"
)

func serve(ctx context.Context, cfg config, log *slog.Logger) error {
	tuneGC(log)
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
	db, dsn, closeDB, err := openPrimary(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if n, ok := cpuShare(dsn, os.Getenv("GOMAXPROCS"), runtime.GOMAXPROCS(0)); ok {
		runtime.GOMAXPROCS(n)
		log.Info("the database runs on this machine: the API schedules on half its processors (set GOMAXPROCS to choose)", "gomaxprocs", n)
	}
	replica, closeReplica, err := openReadReplica(ctx, cfg, dsn, log)
	if err != nil {
		return err
	}
	defer closeReplica()
	if cfg.SeedDemo {
		if err := seedDemoIfEmpty(ctx, db, objects, log); err != nil {
			return err
		}
	}
	application, err := newApplication(db, replica, cfg, idp, keys, objects, mediaURLs(cfg, objects))
	if err != nil {
		return err
	}
	ops, err := startOperations(ctx, cfg.OpsConfig, db, replica, log) // rate limits, metrics
	if err != nil {
		return err
	}
	defer ops.close()
	deps := httpapi.Deps{App: application, PublicURL: cfg.PublicURL, CookieKey: keys.loginCookie,
		WebLoginRedirect: cfg.WebLoginRedirect, RateLimits: ops.limits, Metrics: ops.metrics, Objects: objects, LoginOnPublicHost: cfg.publicURLDefault,
		Timeouts: httpapi.Timeouts{Request: cfg.RequestTimeout, Upload: cfg.UploadTimeout}}
	if replica != nil {
		deps.ReadReplica = replica // reported by /readyz
	}
	handler := httpapi.Handler(deps, db, log)
	// The web app at / and the API beside it, from one origin; other origins by CORS.
	handler = web.HandlerWith(httpapi.CORS(cfg.CORSOrigins, handler), cfg.Web)
	// The handler moves each request's read and write deadlines past the
	// request's own deadline (an upload's too); these hold until it runs.
	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: handler, ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTPAddr, err)
	}
	// GOMAXPROCS in the log: the share of the machine this process schedules
	// on, which matters where the database shares it (docs/operations.md).
	log.Info("OurSpace API listening", "addr", ln.Addr().String(), "docs", cfg.PublicURL+"/docs/", "gomaxprocs", runtime.GOMAXPROCS(0))
	stopWorkers := startWorkers(ctx, application, cfg.SweepInterval, ops, log)
	defer func() {
		stopWorkers()
		log.Info("background workers stopped")
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Requests in flight finish (within their deadline, so a request, not
	// an upload, is never cut); the sweepers stop at once.
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.RequestTimeout+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		_ = srv.Close()
		return fmt.Errorf("shutdown: requests still running were cut: %w", err)
	}
	return nil
}

// startWorkers starts the background workers: the booking sweep, the
// object sweep, the event delivery and the pruning of old history, each
// counting its failed passes when there are metrics. The function it returns stops them and waits.
// They run in every replica: bookings are claimed with SKIP LOCKED, and
// deleting an object twice is harmless.
func startWorkers(ctx context.Context, a app.Application, sweepEvery time.Duration, ops operations, log *slog.Logger) func() {
	ctx, stop := context.WithCancel(ctx)
	var workers sync.WaitGroup
	workers.Go(func() { a.Commands.SweepBookings.Run(ctx, sweepEvery, ops.workerLog(log, workerBookings)) })
	workers.Go(func() { a.Commands.SweepObjects.Run(ctx, sweepEvery, ops.workerLog(log, workerObjects)) })
	workers.Go(func() { a.Commands.DeliverEvents.Run(ctx, deliveryInterval, ops.workerLog(log, workerOutbox)) })
	workers.Go(func() { a.Commands.PruneHistory.Run(ctx, sweepEvery, ops.workerLog(log, workerPrune)) })
	return func() {
		stop()
		workers.Wait()
	}
}

// newApplication wires the use cases to their adapters; replica, when not
// nil, serves the discovery reads.
func newApplication(db *sql.DB, replica *mysql.Replica, cfg config, idp ports.IdentityProvider, keys secrets, objects ports.ObjectStore, media ports.MediaURLs) (app.Application, error) {
	tokens, err := accesstoken.New(keys.accessToken)
	if err != nil {
		return app.Application{}, err
	}
	notifier, err := eventNotifier(cfg)
	if err != nil {
		return app.Application{}, err
	}
	var read *sql.DB
	if replica != nil {
		read = replica.DB()
	}
	return service.NewApplication(db, service.Options{Media: media, Identity: idp, Objects: objects,
		Tokens: tokens, RefreshKey: keys.refreshRotation, RefreshGrace: refreshGrace(cfg),
		WelcomePoints: cfg.WelcomePoints, Notifier: notifier, DeliveryAttempts: cfg.WebhookAttempts, ReadReplica: read,
		DetailCacheSize: cmp.Or(cfg.DetailCacheSize, -1)}), nil
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

// serverGCPercent is the garbage collector's target unless GOGC is set. The
// server's live heap is small (about 20 MB under load), so Go's default of
// 100 collects several times a second under load: 400 lets the heap grow to
// about five times the live data and gives back 5–15 % of a request's CPU
// (docs/performance.md). GOMEMLIMIT, when set, still bounds the heap.
const serverGCPercent = 400

// tuneGC applies serverGCPercent unless the operator set GOGC.
func tuneGC(log *slog.Logger) {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	debug.SetGCPercent(serverGCPercent)
	log.Debug("garbage collector target set", "gogc", serverGCPercent)
}
