package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Backlog is what the background workers have yet to do, read from the
// database at each scrape. It says how far behind the work is, whichever
// replica does it: a stopped sweeper shows as a lag that grows.
type Backlog struct {
	// BookingsDueSince is the oldest deadline or end that passed without
	// the booking sweep marking its booking (zero: none waits).
	BookingsDueSince time.Time
	// ObjectsDueSince is the oldest due time of an object waiting to be
	// deleted (zero: none waits).
	ObjectsDueSince time.Time
	// EventsDueSince is the oldest due time of an event waiting for
	// delivery (zero: none waits).
	EventsDueSince time.Time
	// OldestPendingEvent is when the oldest event not yet delivered was
	// recorded, retries included (zero: none).
	OldestPendingEvent time.Time
	// PendingEvents and DeadEvents count the outbox's events still to
	// deliver and those that ran out of attempts.
	PendingEvents, DeadEvents int64
}

// backlogTimeout bounds the database reads of one scrape.
const backlogTimeout = 5 * time.Second

// backlogCollector reads the Backlog at each scrape.
type backlogCollector struct {
	read func(context.Context) (Backlog, error)
	now  func() time.Time
	log  *slog.Logger

	bookingsLag, objectsLag, deliveryLag, oldestPending, pending, dead *prometheus.Desc
	errors                                                             prometheus.Counter
}

// RegisterBacklog adds the background workers' backlog, read by read at
// each scrape. When read fails the backlog's series are left out of that
// scrape and ourspace_backlog_read_errors_total counts the failure.
func RegisterBacklog(reg prometheus.Registerer, read func(context.Context) (Backlog, error), log *slog.Logger) {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(namespace, "", name), help, nil, nil)
	}
	c := &backlogCollector{read: read, now: time.Now, log: log,
		bookingsLag: desc("bookings_sweep_lag_seconds",
			"How long the oldest hold, request or booking due to be marked expired or completed has waited for the booking sweep (0: none waits)."),
		objectsLag: desc("objects_sweep_lag_seconds",
			"How long the oldest object due for deletion has waited for the object sweep (0: none waits)."),
		deliveryLag: desc("outbox_delivery_lag_seconds",
			"How long the oldest event due for delivery has waited past its due time (0: none waits)."),
		oldestPending: desc("outbox_oldest_pending_age_seconds",
			"Age of the oldest event not yet delivered, retries and their backoff included (0: none)."),
		pending: desc("outbox_pending_events", "Events not yet delivered."),
		dead:    desc("outbox_dead_events", "Events that ran out of delivery attempts and wait for an operator."),
		errors: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "backlog_read_errors_total",
			Help: "Scrapes whose backlog could not be read from the database."}),
	}
	reg.MustRegister(c)
}

// Describe implements prometheus.Collector.
func (c *backlogCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.bookingsLag, c.objectsLag, c.deliveryLag, c.oldestPending, c.pending, c.dead} {
		ch <- d
	}
	c.errors.Describe(ch)
}

// Collect implements prometheus.Collector.
func (c *backlogCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), backlogTimeout)
	defer cancel()
	b, err := c.read(ctx)
	// The error count goes out with the read it follows, in the same scrape
	// (a registry collects its collectors concurrently).
	defer c.errors.Collect(ch)
	if err != nil {
		c.errors.Inc()
		c.log.Warn("metrics: reading the backlog failed", "err", err)
		return
	}
	now := c.now()
	age := func(since time.Time) float64 {
		if since.IsZero() || since.After(now) {
			return 0
		}
		return now.Sub(since).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(c.bookingsLag, prometheus.GaugeValue, age(b.BookingsDueSince))
	ch <- prometheus.MustNewConstMetric(c.objectsLag, prometheus.GaugeValue, age(b.ObjectsDueSince))
	ch <- prometheus.MustNewConstMetric(c.deliveryLag, prometheus.GaugeValue, age(b.EventsDueSince))
	ch <- prometheus.MustNewConstMetric(c.oldestPending, prometheus.GaugeValue, age(b.OldestPendingEvent))
	ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(b.PendingEvents))
	ch <- prometheus.MustNewConstMetric(c.dead, prometheus.GaugeValue, float64(b.DeadEvents))
}
