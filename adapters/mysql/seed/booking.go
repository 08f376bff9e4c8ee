package seed

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// Holds of DOMAIN.md: a payment hold lasts 15 minutes, a host has 3 hours to
// answer a request.
const (
	paymentHold  = 15 * time.Minute
	approvalHold = 3 * time.Hour
	reviewWindow = 14 * 24 * time.Hour
)

// offer is how a space can be booked on one weekday: the packages sold that
// day that end by midnight, and whether a minimum hourly run fits the
// opening hours.
type offer struct {
	packages []int // positions
	hourly   bool
}

// bookSpace adds up to n bookings of s on distinct dates it can be booked
// on and that are not in taken yet, with their reviews, and adds the dates to
// taken; what does not fit is carried on. One booking a date, each ending by
// midnight, is what keeps blocking bookings from overlapping.
func (g *generator) bookSpace(s *mysql.SpaceRow, packageIDs []int64, n int, taken *[]int) error {
	if n <= 0 {
		return nil
	}
	packages := s.Pricing.Packages()
	if len(packageIDs) != len(packages) {
		return fmt.Errorf("seed: space %d has %d packages stored, %d generated", s.ID, len(packageIDs), len(packages))
	}
	hourly, hasHourly := s.Pricing.Hourly()
	var offers [7]offer
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		for p, pk := range packages {
			if !pk.Window.CrossesMidnight() && pk.Weekdays.Has(wd) {
				offers[wd].packages = append(offers[wd].packages, p)
			}
		}
		w, open := s.Opening[wd]
		offers[wd].hourly = hasHourly && open && w.Minutes() >= hourly.MinHours*60
	}
	// Dates after the day the space was listed; a retired space only has history.
	from := max(0, pastDays+g.today.DaysUntil(calendar.DateOf(s.CreatedAt))+1)
	to := len(g.days)
	if s.Status == space.StatusRetired {
		to = pastDays
	}
	g.eligible = g.eligible[:0]
	for idx := from; idx < to; idx++ {
		o := offers[g.weekdays[idx]]
		if (len(o.packages) > 0 || o.hourly) && !slices.Contains(s.Closed, g.days[idx]) && !slices.Contains(*taken, idx) {
			g.eligible = append(g.eligible, idx)
		}
	}
	placed := min(n, len(g.eligible))
	g.carry += n - placed
	for j := 0; j < placed; j++ {
		k := j + g.rng.IntN(len(g.eligible)-j)
		g.eligible[j], g.eligible[k] = g.eligible[k], g.eligible[j]
	}
	chosen := g.eligible[:placed]
	slices.Sort(chosen)
	*taken = append(*taken, chosen...)
	for _, idx := range chosen {
		if err := g.book(s, idx, offers[g.weekdays[idx]], packages, packageIDs, hourly); err != nil {
			return err
		}
	}
	return nil
}

// book adds one booking of s on date index idx, and maybe its review.
func (g *generator) book(s *mysql.SpaceRow, idx int, o offer, packages []space.Package, packageIDs []int64, hourly space.Hourly) error {
	r := g.rng
	d := g.days[idx]
	var w calendar.Window
	var price space.Money
	var packageID *int64
	if len(o.packages) > 0 && (!o.hourly || r.IntN(2) == 0) {
		p := pick(r, o.packages)
		w, price = packages[p].Window, packages[p].Price
		packageID = &packageIDs[p]
	} else {
		open := s.Opening[d.Weekday()]
		span := open.Minutes() / 60
		hours := hourly.MinHours + r.IntN(min(3, span-hourly.MinHours)+1)
		startHour := open.Start()/60 + r.IntN(span-hours+1)
		var err error
		if w, err = calendar.NewWindow(startHour*60, (startHour+hours)*60); err != nil {
			return fmt.Errorf("seed: space %d: hourly run from %d:00 for %dh: %w", s.ID, startHour, hours, err)
		}
		if !open.Contains(w) {
			return fmt.Errorf("seed: space %d: hourly run %s outside opening hours %s", s.ID, w, open)
		}
		price = space.Money(hours) * hourly.PricePerHour
	}
	start, end := w.On(d)
	if _, err := booking.NewRange(start, end); err != nil {
		return fmt.Errorf("seed: space %d: %w", s.ID, err)
	}
	// Small groups are the rule.
	u := r.Float64()
	people := s.Capacity.Min() + int(u*u*float64(s.Capacity.Max()-s.Capacity.Min()+1))
	if !s.Capacity.Fits(people) {
		people = s.Capacity.Min()
	}

	status, created, deadline := g.lifecycle(s, start, end)
	id := g.nextBooking
	g.nextBooking++
	guest := g.userBefore(created, s.HostID)
	g.bookings = append(g.bookings, mysql.BookingRow{ID: id, SpaceID: s.ID, GuestID: guest, HostID: s.HostID, Status: status.String(), UseDate: d,
		Start: start, End: end, Deadline: deadline, PackageID: packageID, People: people, Price: int64(price), Refund: s.Refund, CreatedAt: created})
	if status == booking.StatusCompleted && r.IntN(10) < 4 && g.now.Sub(end) >= time.Hour {
		g.review(id, s.ID, guest, end)
	}
	return nil
}

// lifecycle draws a booking's state for its time: past ones mostly
// completed, future ones mostly confirmed, a few holds and requests, some of
// them past their deadline already. It also draws when it was made.
func (g *generator) lifecycle(s *mysql.SpaceRow, start, end time.Time) (booking.Status, time.Time, *time.Time) {
	r := g.rng
	// Made some time before it starts (most within a fortnight), after the
	// space was listed, and not in the future.
	latest := start.Add(-time.Hour)
	if latest.After(g.now) {
		latest = g.now
	}
	u := r.Float64()
	created := latest.Add(-time.Hour - time.Duration(u*u*float64(30*24*time.Hour)))
	if created.Before(s.CreatedAt) {
		created = g.instantBetween(s.CreatedAt, latest)
	}
	x := r.IntN(100)
	if !end.After(g.now) {
		switch {
		case x < 86:
			return booking.StatusCompleted, created, nil
		case x < 95:
			return booking.StatusCancelledByGuest, created, nil
		case x < 97:
			return booking.StatusCancelledByHost, created, nil
		case x < 99 || !s.NeedsApproval:
			return booking.StatusExpired, created, nil
		default:
			return booking.StatusDeclined, created, nil
		}
	}
	switch {
	case x < 84:
		return booking.StatusConfirmed, created, nil
	case x < 91:
		return booking.StatusCancelledByGuest, created, nil
	case x < 93:
		return booking.StatusCancelledByHost, created, nil
	case x < 97 && !start.Before(g.now.Add(time.Hour)):
		// Waiting on payment or on the host; half of them past the deadline
		// with no job having marked them yet.
		status, hold := booking.StatusPaymentDue, paymentHold
		if s.NeedsApproval {
			status, hold = booking.StatusRequested, approvalHold
		}
		made := g.now.Add(-time.Duration(r.Int64N(int64(hold))))
		if r.IntN(2) == 0 {
			made = g.now.Add(-hold - time.Minute - time.Duration(r.Int64N(int64(6*time.Hour))))
		}
		if made.Before(s.CreatedAt) {
			return booking.StatusConfirmed, created, nil
		}
		deadline := made.Add(hold)
		return status, made, &deadline
	case x < 97:
		return booking.StatusConfirmed, created, nil
	default:
		return booking.StatusExpired, created, nil
	}
}

// reviewRatings weighs ratings 1–5: most guests are happy.
var reviewRatings = []int{3, 4, 10, 28, 55}

// review adds the guest's review of a completed booking, within 14 days of its end.
func (g *generator) review(bookingID, spaceID, author int64, end time.Time) {
	r := g.rng
	rating := weighted(r, reviewRatings) + 1
	var sentences []string
	switch {
	case rating >= 4:
		sentences = distinct(r, reviewGood, between(r, 1, 3))
	case rating == 3:
		sentences = append(distinct(r, reviewGood, 1), distinct(r, reviewSoSo, 1)...)
	default:
		sentences = distinct(r, reviewBad, between(r, 1, 2))
	}
	latest := end.Add(reviewWindow)
	if latest.After(g.now) {
		latest = g.now
	}
	g.reviews = append(g.reviews, mysql.ReviewRow{ID: g.nextReview, BookingID: bookingID, SpaceID: spaceID, AuthorID: author,
		Rating: rating, Body: strings.Join(sentences, " "), CreatedAt: g.instantBetween(end.Add(time.Hour), latest)})
	g.nextReview++
}

// like adds likes of s by distinct users other than its host: none to 40,
// more for popular spaces.
func (g *generator) like(s *mysql.SpaceRow, popularity float64) {
	r := g.rng
	n := min(40, int(math.Round(popularity*(1+6*r.Float64()))), g.users-1)
	var likers [40]int64
	for k := 0; k < n; k++ {
		var u int64
		for {
			u = g.userBase + 1 + int64(r.IntN(g.users))
			if u != s.HostID && !slices.Contains(likers[:k], u) {
				break
			}
		}
		likers[k] = u
		from := s.CreatedAt
		if uc := g.userCreated(int(u - g.userBase - 1)); uc.After(from) {
			from = uc
		}
		g.likes = append(g.likes, mysql.LikeRow{UserID: u, SpaceID: s.ID, CreatedAt: g.instantBetween(from, g.now)})
	}
}

// distinct draws n different elements of xs.
func distinct[T any](r *rand.Rand, xs []T, n int) []T {
	out := make([]T, 0, n)
	for _, k := range r.Perm(len(xs))[:n] {
		out = append(out, xs[k])
	}
	return out
}
