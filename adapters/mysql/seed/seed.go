// Package seed generates a deterministic Korean space-rental marketplace and
// writes it only through mysql.Bulk: the reference data (Seoul's districts,
// the categories and facilities), any number of users, spaces, bookings,
// reviews and likes on top of what is already stored, and the demo accounts
// the development login signs in as. Every value is built through the
// domain's validating constructors, so the data obeys the rules the
// application enforces; in particular the bookings of one space fall on
// distinct Seoul dates and end by midnight, so blocking bookings never overlap.
package seed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/space"
)

// Chunk sizes: rows are generated and written this many at a time, so memory
// stays flat however large the fill.
const (
	spaceChunk   = 2000
	bookingChunk = 20000
	likeChunk    = 20000
	userChunk    = 10000
)

// Bookings fall on the pastDays Seoul dates before today, today, and the
// days after it, futureDays dates from today on in all.
const (
	pastDays   = 60
	futureDays = 90
)

// Options sizes a fill.
type Options struct {
	Spaces   int       // spaces to add
	Bookings int       // bookings to add
	Users    int       // 0: max(50, Spaces/20)
	Now      time.Time // the instant the data is built around (bookings from 60 days before to 89 days after); zero means time.Now()
	Seed     uint64    // random seed; 0 means 1
	// Photos, when set, receives a drawn JPEG for every photo of every
	// space; without it photos are keys of placeholders the server draws
	// (demo/spaces/<id>/<n>.svg), which keeps large benchmark fills fast.
	Photos   ports.ObjectStore
	Progress func(format string, args ...any) // may be nil
}

// Subjects of the demo accounts (provider "kakao"). The development login
// (adapters/devoidc, which this package does not import) signs in with the
// same strings; a test keeps them equal.
const (
	DemoGuestSubject = "demo-guest"
	DemoHostSubject  = "demo-host"
)

// demoHostSpaces is how many spaces the demo host owns; every other one
// takes requests for approval.
const demoHostSpaces = 10

// demoGuestVisits is how many of the demo host's recent bookings become the
// demo guest's, to review; reviewableFor is how recent (a review is due
// within 14 days of the end).
const (
	demoGuestVisits = 3
	reviewableFor   = 12 * 24 * time.Hour
)

// DemoAccountPoints is what the demo accounts start with: more than a new
// account's welcome grant, because most demo packages cost more than
// 100,000 won and a newcomer should be able to book what they pick.
const DemoAccountPoints = 1_000_000

// Demo writes reference data and a demo marketplace: 320 spaces with photos
// drawn into photos, 1,500 bookings, with reviews and likes, around now. Then it adds the demo guest
// and the demo host (DemoGuestSubject, DemoHostSubject), each with a grant
// of DemoAccountPoints (signing in as them later grants nothing more); and
// it hands the host 10 active spaces spread over the
// marketplace, with their bookings, every other one switched to approval.
// It expects an empty database.
func Demo(ctx context.Context, b mysql.Bulk, photos ports.ObjectStore, now time.Time) error {
	if err := Reference(ctx, b); err != nil {
		return fmt.Errorf("seed reference: %w", err)
	}
	g, err := fill(ctx, b, Options{Spaces: 320, Bookings: 1500, Now: now, Seed: 1, Photos: photos})
	if err != nil {
		return err
	}
	return g.demoAccounts(ctx, b)
}

// demoAccounts adds the demo guest and host after the generated users, with
// their welcome grants, and gives the host its spaces.
func (g *generator) demoAccounts(ctx context.Context, b mysql.Bulk) error {
	// Members since before any space was listed, like the oldest users.
	since := g.userStart
	guest := mysql.UserRow{ID: g.userBase + int64(g.users) + 1, Provider: "kakao", Subject: DemoGuestSubject,
		Nickname: "데모 게스트", Email: "demo@ourspace.local", CreatedAt: since}
	host := mysql.UserRow{ID: guest.ID + 1, Provider: "kakao", Subject: DemoHostSubject,
		Nickname: "데모 호스트", Email: "host@ourspace.local", CreatedAt: since}
	if err := b.Users(ctx, []mysql.UserRow{guest, host}); err != nil {
		return fmt.Errorf("seed: write demo users: %w", err)
	}
	var grants []mysql.PointsRow
	for _, u := range []mysql.UserRow{guest, host} {
		e, err := points.NewGrant(u.ID, DemoAccountPoints, since)
		if err != nil {
			return fmt.Errorf("seed: welcome grant: %w", err)
		}
		grants = append(grants, mysql.PointsRow{UserID: e.UserID, Kind: e.Kind.String(), Amount: e.Amount, CreatedAt: e.CreatedAt})
	}
	if err := b.Points(ctx, grants); err != nil {
		return fmt.Errorf("seed: write welcome grants: %w", err)
	}
	// Active spaces evenly spread over the ids, so the host's listings vary
	// in category, district and age.
	var active []int64
	for i, t := range g.traits {
		if t.status == space.StatusActive {
			active = append(active, g.spaceBase+int64(i)+1)
		}
	}
	n := min(demoHostSpaces, len(active))
	var spaces, approval []int64
	for k := range n {
		id := active[k*len(active)/n]
		spaces = append(spaces, id)
		if k%2 == 0 {
			approval = append(approval, id)
		}
	}
	if err := b.AssignHost(ctx, host.ID, spaces, approval); err != nil {
		return fmt.Errorf("seed: demo host's spaces: %w", err)
	}
	// The demo guest has used some of them lately and can review those.
	if _, err := b.AssignGuest(ctx, guest.ID, host.ID, g.now.Add(-reviewableFor), demoGuestVisits); err != nil {
		return fmt.Errorf("seed: demo guest's visits: %w", err)
	}
	return nil
}

// Fill adds users, spaces, bookings, reviews and likes after the ids already
// stored (b.MaxIDs), then recounts the spaces' like and rating counters.
// Reference data must exist with the ids Reference gives it.
//
// The same options on the same stored ids give the same rows. Bookings are
// spread over the new spaces, popular ones getting more, at most one a space
// and Seoul date: bookings that cannot fit that way (more than about 150 a
// space) are left out and reported through Progress.
func Fill(ctx context.Context, b mysql.Bulk, o Options) error {
	_, err := fill(ctx, b, o)
	return err
}

// fill is Fill, also giving back the generator, whose traits say what it made.
func fill(ctx context.Context, b mysql.Bulk, o Options) (*generator, error) {
	if o.Spaces < 0 || o.Bookings < 0 || o.Users < 0 {
		return nil, errors.New("seed: negative size")
	}
	if o.Bookings > 0 && o.Spaces == 0 {
		return nil, errors.New("seed: bookings need spaces to add them to")
	}
	users, spaces, bookings, reviews, err := b.MaxIDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: read stored ids: %w", err)
	}
	g, err := newGenerator(o, users, spaces, bookings, reviews)
	if err != nil {
		return nil, err
	}
	return g, g.run(ctx, b)
}

// generator holds the state of one fill. Its rows come from one random
// stream in a fixed order, which is what makes a fill deterministic.
type generator struct {
	rng      *rand.Rand
	progress func(format string, args ...any)
	photos   ports.ObjectStore // nil: placeholder keys
	pending  []photo           // drawn and stored before their spaces' rows
	now      time.Time
	today    calendar.Date
	days     [pastDays + futureDays]calendar.Date
	weekdays [pastDays + futureDays]time.Weekday
	custom   []space.RefundPolicy

	userBase  int64
	users     int
	userStart time.Time
	userStep  time.Duration

	spaceBase  int64
	spaces     int
	spaceStart time.Time
	spaceStep  time.Duration
	traits     []trait

	wanted   int     // bookings asked for
	popTotal float64 // sum of the traits' popularity
	popSoFar float64
	assigned int // bookings assigned to the spaces generated so far
	carry    int // assigned bookings a full space could not take

	nextBooking, nextReview int64
	bookings                []mysql.BookingRow
	reviews                 []mysql.ReviewRow
	likes                   []mysql.LikeRow
	doneBookings            int
	doneReviews, doneLikes  int

	eligible []int // scratch: date indexes a space can be booked on
}

// trait is what is decided about every space before any is generated, so
// bookings can be shared out by popularity while spaces come chunk by chunk.
type trait struct {
	popularity float64
	status     space.Status
}

func newGenerator(o Options, users, spaces, bookings, reviews int64) (*generator, error) {
	seed := o.Seed
	if seed == 0 {
		seed = 1
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	// Storage keeps microseconds; building on the stored instant keeps
	// deadlines and "now" comparisons exact after a round trip.
	now = now.Truncate(time.Microsecond)
	nUsers := o.Users
	if nUsers == 0 {
		nUsers = max(50, o.Spaces/20)
	}
	progress := o.Progress
	if progress == nil {
		progress = func(string, ...any) {}
	}
	// The stream also depends on the ids already stored, so a second fill
	// with the same seed adds different data.
	g := &generator{
		rng:         rand.New(rand.NewPCG(seed, uint64(spaces)<<1)),
		progress:    progress,
		photos:      o.Photos,
		now:         now,
		today:       calendar.DateOf(now),
		userBase:    users,
		users:       nUsers,
		userStart:   now.Add(-900 * 24 * time.Hour),
		userStep:    899 * 24 * time.Hour / time.Duration(nUsers),
		spaceBase:   spaces,
		spaces:      o.Spaces,
		spaceStart:  now.Add(-730 * 24 * time.Hour),
		wanted:      o.Bookings,
		nextBooking: bookings + 1,
		nextReview:  reviews + 1,
	}
	if o.Spaces > 0 {
		g.spaceStep = 729 * 24 * time.Hour / time.Duration(o.Spaces)
	}
	for i := range g.days {
		g.days[i] = g.today.AddDays(i - pastDays)
		g.weekdays[i] = g.days[i].Weekday()
	}
	// Custom policies as (days before, percent) pairs.
	for _, pairs := range [][][2]int{
		{{14, 100}, {7, 70}, {3, 30}, {0, 0}},
		{{10, 100}, {5, 50}, {2, 20}, {0, 0}},
		{{3, 100}, {1, 50}, {0, 0}},
		{{30, 100}, {14, 70}, {7, 30}, {0, 0}},
		{{2, 100}, {0, 50}},
	} {
		rules := make([]space.RefundRule, len(pairs))
		for k, pr := range pairs {
			rules[k] = space.RefundRule{MinDaysBefore: pr[0], Percent: pr[1]}
		}
		p, err := space.NewCustomRefundPolicy(rules)
		if err != nil {
			return nil, fmt.Errorf("seed: custom refund policy: %w", err)
		}
		g.custom = append(g.custom, p)
	}
	traits := rand.New(rand.NewPCG(seed, uint64(spaces)<<1|1))
	g.traits = make([]trait, o.Spaces)
	for i := range g.traits {
		t := trait{popularity: math.Exp(0.9 * traits.NormFloat64()), status: space.StatusActive}
		switch r := traits.Float64(); {
		case r < 0.03:
			t.status = space.StatusHidden
		case r < 0.05:
			t.status = space.StatusRetired
		}
		if t.status != space.StatusActive {
			t.popularity *= 0.3
		}
		g.traits[i] = t
		g.popTotal += t.popularity
	}
	return g, nil
}

func (g *generator) run(ctx context.Context, b mysql.Bulk) error {
	start := time.Now()
	if err := g.writeUsers(ctx, b); err != nil {
		return err
	}
	rows := make([]mysql.SpaceRow, 0, min(spaceChunk, g.spaces))
	for first := 0; first < g.spaces; first += spaceChunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows = rows[:0]
		for i := first; i < min(first+spaceChunk, g.spaces); i++ {
			row, err := g.space(i)
			if err != nil {
				return err
			}
			rows = append(rows, row)
		}
		// Objects first: a stored row never names a missing photo.
		if len(g.pending) > 0 {
			if err := storePhotos(ctx, g.photos, g.pending); err != nil {
				return err
			}
			g.pending = g.pending[:0]
		}
		if err := b.Spaces(ctx, rows); err != nil {
			return fmt.Errorf("seed: write spaces: %w", err)
		}
		packageIDs, err := b.PackageIDs(ctx, rows[0].ID, rows[len(rows)-1].ID)
		if err != nil {
			return fmt.Errorf("seed: read package ids: %w", err)
		}
		taken := make([][]int, len(rows)) // date indexes booked, by space
		for i := range rows {
			if err := g.bookSpace(&rows[i], packageIDs[rows[i].ID], g.share(first+i), &taken[i]); err != nil {
				return err
			}
			g.like(&rows[i], g.traits[first+i].popularity)
			if err := g.flushFull(ctx, b); err != nil {
				return err
			}
		}
		// What full spaces could not take goes to the chunk's spaces with
		// dates to spare, so no bookings are lost to the last spaces.
		for i := 0; i < len(rows) && g.carry > 0; i++ {
			n := g.carry
			g.carry = 0
			if err := g.bookSpace(&rows[i], packageIDs[rows[i].ID], n, &taken[i]); err != nil {
				return err
			}
			if err := g.flushFull(ctx, b); err != nil {
				return err
			}
		}
		g.progress("seed: %d/%d spaces, %d/%d bookings, %d reviews, %d likes written (%s)",
			first+len(rows), g.spaces, g.doneBookings, g.wanted, g.doneReviews, g.doneLikes, time.Since(start).Round(time.Millisecond))
	}
	if err := g.flushBookings(ctx, b); err != nil {
		return err
	}
	if err := g.flushLikes(ctx, b); err != nil {
		return err
	}
	if g.carry > 0 {
		g.progress("seed: %d bookings left out: one booking a space and day fits no more", g.carry)
	}
	if err := b.RecountSpaces(ctx); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	g.progress("seed: %d users, %d spaces, %d bookings, %d reviews, %d likes in %s",
		g.users, g.spaces, g.doneBookings, g.doneReviews, g.doneLikes, time.Since(start).Round(time.Millisecond))
	return nil
}

// share is how many bookings space i should get: the bookings asked for,
// split in proportion to popularity, plus what full spaces before it could
// not take. Rounding through the running total makes the shares add up.
func (g *generator) share(i int) int {
	g.popSoFar += g.traits[i].popularity
	upTo := int(float64(g.wanted) * g.popSoFar / g.popTotal)
	if i == g.spaces-1 {
		upTo = g.wanted
	}
	n := upTo - g.assigned + g.carry
	g.assigned, g.carry = upTo, 0
	return n
}

// flushFull writes the bookings and likes gathered once there are a chunk's worth.
func (g *generator) flushFull(ctx context.Context, b mysql.Bulk) error {
	if len(g.bookings) >= bookingChunk {
		if err := g.flushBookings(ctx, b); err != nil {
			return err
		}
	}
	if len(g.likes) >= likeChunk {
		return g.flushLikes(ctx, b)
	}
	return nil
}

func (g *generator) flushBookings(ctx context.Context, b mysql.Bulk) error {
	if err := b.Bookings(ctx, g.bookings); err != nil {
		return fmt.Errorf("seed: write bookings: %w", err)
	}
	if err := b.Reviews(ctx, g.reviews); err != nil {
		return fmt.Errorf("seed: write reviews: %w", err)
	}
	g.doneBookings += len(g.bookings)
	g.doneReviews += len(g.reviews)
	g.bookings, g.reviews = g.bookings[:0], g.reviews[:0]
	return nil
}

func (g *generator) flushLikes(ctx context.Context, b mysql.Bulk) error {
	if err := b.Likes(ctx, g.likes); err != nil {
		return fmt.Errorf("seed: write likes: %w", err)
	}
	g.doneLikes += len(g.likes)
	g.likes = g.likes[:0]
	return nil
}

// writeUsers adds the users. User j is created at userStart + j·userStep, so
// the users who exist at an instant are a prefix of them (see userBefore).
func (g *generator) writeUsers(ctx context.Context, b mysql.Bulk) error {
	rows := make([]mysql.UserRow, 0, min(userChunk, g.users))
	for j := 0; j < g.users; j++ {
		id := g.userBase + int64(j) + 1
		nick := pick(g.rng, nickAdjectives) + pick(g.rng, nickNouns)
		if g.rng.IntN(2) == 0 {
			nick += fmt.Sprint(1 + g.rng.IntN(99))
		}
		email := ""
		if g.rng.IntN(10) < 7 {
			email = fmt.Sprintf("seed-%d@example.com", id)
		}
		rows = append(rows, mysql.UserRow{ID: id, Provider: "kakao", Subject: fmt.Sprintf("seed-%d", id), Nickname: nick,
			Email: email, CreatedAt: g.userCreated(j)})
		if len(rows) == cap(rows) || j == g.users-1 {
			if err := b.Users(ctx, rows); err != nil {
				return fmt.Errorf("seed: write users: %w", err)
			}
			rows = rows[:0]
		}
	}
	return nil
}

func (g *generator) userCreated(j int) time.Time {
	return g.userStart.Add(time.Duration(j) * g.userStep)
}

// usersAt counts the users created by t (at least one, so there is always
// someone to act).
func (g *generator) usersAt(t time.Time) int {
	n := int(t.Sub(g.userStart)/g.userStep) + 1
	return min(max(n, 1), g.users)
}

// userBefore picks a user created by t other than not (when there is another).
func (g *generator) userBefore(t time.Time, not int64) int64 {
	m := g.usersAt(t)
	notIdx := int(not - g.userBase - 1)
	if notIdx < 0 || notIdx >= m || m == 1 {
		return g.userBase + 1 + int64(g.rng.IntN(m))
	}
	j := g.rng.IntN(m - 1)
	if j >= notIdx {
		j++
	}
	return g.userBase + 1 + int64(j)
}

// pick gives a random element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted picks an index with probability proportional to its weight.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// between draws a uniform integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// wonRounded rounds an amount to whole thousands of won, at least 1,000.
func wonRounded(x float64) space.Money {
	return space.Money(max(1, math.Round(x/1000))) * 1000
}

// instantBetween draws an instant in [lo, hi]; lo when the span is empty.
func (g *generator) instantBetween(lo, hi time.Time) time.Time {
	if !hi.After(lo) {
		return lo
	}
	return lo.Add(time.Duration(g.rng.Int64N(int64(hi.Sub(lo)) + 1)))
}
