package main

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/metrics"
	"github.com/ourspace/ourspace/adapters/metrics/metricstest"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/service"
)

// noObjects is an object store the sweep never reaches: the database fails first.
type noObjects struct{}

func (noObjects) Put(context.Context, string, string, []byte) error { return ports.ErrUnavailable }
func (noObjects) Get(context.Context, string) (ports.Object, error) {
	return ports.Object{}, ports.ErrUnavailable
}
func (noObjects) Delete(context.Context, string) error { return ports.ErrUnavailable }

// The background workers serve starts count their failed passes: with a
// database that refuses connections, each worker's first pass fails and
// is counted under its name.
func TestWorkerFailuresAreCounted(t *testing.T) {
	db, err := mysql.Open("root@tcp(127.0.0.1:1)/ourspace") // nothing listens on port 1
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := service.NewApplication(db, service.Options{Media: ports.PrefixURLs{Base: "http://media.test/"}, Objects: noObjects{}, Notifier: logNotifier{}})
	reg := metrics.NewRegistry()
	ops := operations{workers: metrics.NewWorkers(reg, workerBookings, workerObjects, workerOutbox, workerPrune)}
	stop := startWorkers(context.Background(), a, time.Hour, ops, slog.New(slog.DiscardHandler))
	defer stop()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := metricstest.Scrape(t, metrics.Handler(reg, slog.New(slog.DiscardHandler)))
		missing := ""
		for _, worker := range []string{workerBookings, workerObjects, workerOutbox, workerPrune} {
			if n, _ := s.Get("ourspace_worker_failures_total", "worker", worker); n != 1 {
				missing += " " + worker
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("failed passes not counted once for:%s", missing)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
