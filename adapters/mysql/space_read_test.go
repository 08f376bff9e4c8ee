package mysql_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// TestAvailabilityAgreesWithDomain reads each space's day through MySQL and
// compares it with availability.ForDay over the fixture's own records.
func TestAvailabilityAgreesWithDomain(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 13, 20, 0, 0, calendar.Seoul)
	w := mysqltest.NewWorld(t, db, 60, 9, now)
	spaces := mysql.NewSpaceReader(db)
	h := query.NewSpaceAvailabilityHandler(spaces, mysql.NewBookingReader(db), ports.FixedClock{At: now.UTC()})
	checked := 0
	for _, l := range w.Listings {
		for d := 0; d < 4; d++ {
			day := calendar.DateOf(now).AddDays(d)
			got, err := h.Handle(context.Background(), int64(l.ID), day)
			if l.Status != space.StatusActive {
				if !errors.Is(err, space.ErrNotFound) {
					t.Fatalf("space %d is %s: err = %v, want not found", l.ID, l.Status, err)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			want := availability.ForDay(availability.Space{Schedule: l.Schedule, Pricing: l.Pricing}, day, booking.BusyRanges(l.Bookings, now.UTC()), now.UTC())
			if g, w := describe(got.Day), describe(want); g != w {
				t.Errorf("space %d on %s:\n got %s\nwant %s", l.ID, day, g, w)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no active space checked")
	}
}

func describe(d availability.Day) string {
	s := fmt.Sprintf("closed=%v min=%d", d.Closed, d.MinHours)
	for _, p := range d.Packages {
		s += fmt.Sprintf(" [%s %s %d %q]", p.Package.Name, p.Package.Window, p.Package.Price, p.Reason)
	}
	for _, h := range d.Hours {
		s += fmt.Sprintf(" %s:%q", calendar.FormatMinute(h.Minute), h.Reason)
	}
	return s
}

func TestSpaceDetailReadsEverything(t *testing.T) {
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 13, 20, 0, 0, calendar.Seoul)
	w := mysqltest.NewWorld(t, db, 30, 5, now)
	counter := &mysql.CountingDB{DB: db}
	h := query.NewGetSpaceHandler(mysql.NewSpaceReader(counter), ports.PrefixURLs{Base: "https://cdn.test/"}, ports.FixedClock{At: now})
	for _, l := range w.Listings {
		counter.Reset()
		d, err := h.Handle(context.Background(), int64(l.ID))
		if l.Status != space.StatusActive {
			if !errors.Is(err, space.ErrNotFound) {
				t.Errorf("space %d (%s): err = %v, want not found", l.ID, l.Status, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != l.Title || d.Address != l.Address || d.CapacityMin != l.Capacity.Min() || d.CapacityMax != l.Capacity.Max() {
			t.Errorf("space %d: detail %+v does not match fixture", l.ID, d)
		}
		if d.ListPrice != int64(l.Pricing.ListPrice()) || len(d.Packages) != len(l.Pricing.Packages()) || len(d.Facilities) != len(l.Facilities) {
			t.Errorf("space %d: price %d packages %d facilities %d; want %d %d %d", l.ID, d.ListPrice, len(d.Packages), len(d.Facilities),
				l.Pricing.ListPrice(), len(l.Pricing.Packages()), len(l.Facilities))
		}
		if _, hourly := l.Pricing.Hourly(); hourly != (d.HourlyPrice != nil) {
			t.Errorf("space %d: hourly pricing present = %v, want %v", l.ID, d.HourlyPrice != nil, hourly)
		}
		if len(d.Photos) != 2 || d.Photos[0].URL != fmt.Sprintf("https://cdn.test/s/%d/0.jpg", l.ID) {
			t.Errorf("space %d photos %+v", l.ID, d.Photos)
		}
		if d.HostNickname != "호스트" || d.RefundPolicy != "flexible" || len(d.RefundRules) != 3 {
			t.Errorf("space %d: host %q policy %q rules %v", l.ID, d.HostNickname, d.RefundPolicy, d.RefundRules)
		}
		if counter.Count() != 6 {
			t.Errorf("detail ran %d queries, want 6", counter.Count())
		}
	}
	if _, err := h.Handle(context.Background(), 999999); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("unknown id: err = %v, want not found", err)
	}
}
