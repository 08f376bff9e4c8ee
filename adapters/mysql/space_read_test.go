package mysql_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
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
		if counter.Count() > 2 {
			t.Errorf("detail ran %d queries, want at most 2", counter.Count())
		}
	}
	if _, err := h.Handle(context.Background(), 999999); !errors.Is(err, space.ErrNotFound) {
		t.Errorf("unknown id: err = %v, want not found", err)
	}
}

// TestSpaceDetailAndAvailabilityInTwoStatements reads every space's detail
// and a day of it in two statements each: with or without reviews, for
// anonymous viewers and signed-in ones who like the space or not. The
// lists aggregated as JSON agree with the fixture and the latest reviews
// with the first page of the reviews list.
func TestSpaceDetailAndAvailabilityInTwoStatements(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	w := mysqltest.NewWorld(t, db, 20, 5, now)
	reviewed, _ := storeReviews(t, db, w, 7, now)
	// Guest 2 likes the reviewed space and every third one.
	likes := []mysql.LikeRow{{UserID: 2, SpaceID: reviewed, CreatedAt: now}}
	for id := int64(3); id <= 20; id += 3 {
		if id != reviewed {
			likes = append(likes, mysql.LikeRow{UserID: 2, SpaceID: id, CreatedAt: now})
		}
	}
	if err := mysql.NewBulk(db).Likes(ctx, likes); err != nil {
		t.Fatal(err)
	}
	likedBy2 := map[int64]bool{}
	for _, l := range likes {
		likedBy2[l.SpaceID] = true
	}

	counter := &mysql.CountingDB{DB: db}
	media := ports.PrefixURLs{Base: "https://cdn.test/"}
	clock := ports.FixedClock{At: now}
	details := query.NewGetSpaceHandler(mysql.NewSpaceReader(counter), media, clock)
	days := query.NewSpaceAvailabilityHandler(mysql.NewSpaceReader(counter), mysql.NewBookingReader(counter), clock)
	calendars := query.NewSpaceCalendarHandler(mysql.NewSpaceReader(counter), mysql.NewBookingReader(counter), clock)
	today := calendar.DateOf(now)
	checked := map[string]int{}
	for _, l := range w.Listings {
		id := int64(l.ID)
		for _, viewer := range []int64{0, 2, 10} {
			counter.Reset()
			d, err := details.HandleFor(ctx, viewer, id)
			if n := counter.Count(); n > 2 {
				t.Errorf("space %d for viewer %d: detail in %d statements, want at most 2", id, viewer, n)
			}
			if l.Status != space.StatusActive {
				if !errors.Is(err, space.ErrNotFound) {
					t.Errorf("space %d (%s): err = %v, want not found", id, l.Status, err)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := viewer == 2 && likedBy2[id]; d.Liked != want {
				t.Errorf("space %d for viewer %d: liked %v, want %v", id, viewer, d.Liked, want)
			}
			switch {
			case id == reviewed && d.Liked:
				checked["reviewed and liked"]++
			case id == reviewed:
				checked["reviewed"]++
			case d.Liked:
				checked["liked"]++
			default:
				checked["plain"]++
			}
			checkDetailLists(t, d, l, today)
			if id != reviewed && (d.LatestReviews == nil || len(d.LatestReviews) != 0) {
				t.Errorf("space %d without reviews: latest %#v, want an empty list", id, d.LatestReviews)
			}
		}
		var summaries []availability.DaySummary
		for day := range 3 {
			counter.Reset()
			a, err := days.Handle(ctx, id, today.AddDays(day))
			if n := counter.Count(); n > 2 {
				t.Errorf("space %d on day %d: availability in %d statements, want at most 2", id, day, n)
			}
			if (err == nil) != (l.Status == space.StatusActive) {
				t.Errorf("space %d (%s) availability: %v", id, l.Status, err)
			}
			summaries = append(summaries, a.Day.Summary())
		}
		// The calendar of the whole horizon takes as many statements as one
		// day, and says of each day what the day's availability says.
		counter.Reset()
		c, err := calendars.Handle(ctx, id, "", "")
		if n := counter.Count(); n > 2 {
			t.Errorf("space %d: calendar of %d days in %d statements, want at most 2", id, len(c.Days), n)
		}
		if (err == nil) != (l.Status == space.StatusActive) {
			t.Errorf("space %d (%s) calendar: %v", id, l.Status, err)
		}
		if err == nil {
			if len(c.Days) != availability.MaxDaysAhead+1 {
				t.Errorf("space %d: calendar of %d days", id, len(c.Days))
			}
			for i, want := range summaries {
				if c.Days[i] != want {
					t.Errorf("space %d on day %d: calendar %+v, availability %+v", id, i, c.Days[i], want)
				}
			}
		}
	}
	for _, c := range []string{"reviewed and liked", "reviewed", "liked", "plain"} {
		if checked[c] == 0 {
			t.Errorf("no %s space checked: %v", c, checked)
		}
	}

	// The latest reviews are the reviews list's first page, photos, replies
	// and instants included.
	d, err := details.Handle(ctx, reviewed)
	if err != nil {
		t.Fatal(err)
	}
	page, err := query.NewReviewsHandler(mysql.NewReviewReader(db), media).SpaceReviews(ctx, reviewed, "newest", "", query.LatestReviews)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.LatestReviews, page.Items) {
		t.Errorf("latest reviews\n %+v\nwant the first page\n %+v", d.LatestReviews, page.Items)
	}
	photos, replies := 0, 0
	for _, r := range d.LatestReviews {
		photos += len(r.Photos)
		if r.Reply != nil {
			replies++
		}
	}
	if photos == 0 || replies == 0 {
		t.Errorf("the latest reviews hold %d photos and %d replies; the fixture should give both", photos, replies)
	}
}

// checkDetailLists compares the lists of a space's detail with the
// fixture's listing: photos, facilities and packages in order, opening
// hours by weekday, closed dates from today.
func checkDetailLists(t *testing.T, d query.SpaceDetail, l search.Listing, today calendar.Date) {
	t.Helper()
	var photos []string
	for _, p := range d.Photos {
		photos = append(photos, p.URL)
	}
	if want := []string{fmt.Sprintf("https://cdn.test/s/%d/0.jpg", l.ID), fmt.Sprintf("https://cdn.test/s/%d/1.jpg", l.ID)}; !slices.Equal(photos, want) {
		t.Errorf("space %d photos %v, want %v", l.ID, photos, want)
	}
	var facilities []int64
	for _, f := range d.Facilities {
		facilities = append(facilities, f.ID)
	}
	if !slices.Equal(facilities, l.Facilities) {
		t.Errorf("space %d facilities %v, want %v", l.ID, facilities, l.Facilities)
	}
	// The fixture's packages have no ids yet.
	var packages, stored []query.Package
	for _, p := range l.Pricing.Packages() {
		packages = append(packages, query.PackageOf(p))
	}
	for _, p := range d.Packages {
		p.ID = 0
		stored = append(stored, p)
	}
	if !reflect.DeepEqual(stored, packages) {
		t.Errorf("space %d packages %+v, want %+v", l.ID, d.Packages, packages)
	}
	var hours []query.OpeningHours
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if w, ok := l.Schedule.Opening(wd); ok {
			hours = append(hours, query.OpeningHours{Weekday: wd, Open: w.Start(), Close: w.End()})
		}
	}
	if !reflect.DeepEqual(d.OpeningHours, hours) {
		t.Errorf("space %d opening hours %+v, want %+v", l.ID, d.OpeningHours, hours)
	}
	var closed []string
	for day := today; !today.AddDays(90).Before(day); day = day.AddDays(1) {
		if l.Schedule.ClosedOn(day) {
			closed = append(closed, day.String())
		}
	}
	if !slices.Equal(d.ClosedDates, closed) {
		t.Errorf("space %d closed dates %v, want %v", l.ID, d.ClosedDates, closed)
	}
}
