package mysqltest

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

// World is a small random marketplace stored in a test database, kept also
// as domain listings so answers from SQL or HTTP can be checked against the
// domain's own rules.
type World struct {
	Now      time.Time
	Listings []search.Listing
}

var (
	titleWords   = []string{"강남역", "홍대", "감성", "파티룸", "연습실", "스튜디오", "Cozy", "Studio", "루프탑", "회의실", "100%", "a_b"}
	addressWords = []string{"서울 강남구 테헤란로", "서울 마포구 와우산로", "서울 종로구 율곡로", "서울 성동구 왕십리로"}
)

// NewWorld stores n random spaces (ids 1..n, host user 1, guest user 2) with
// bookings on the four days from now, in three districts, three categories
// and four facilities (ids 1..3, 1..3, 1..4).
func NewWorld(t testing.TB, db *sql.DB, n int, seed uint64, now time.Time) *World {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 7))
	bulk := mysql.NewBulk(db)
	must(t, bulk.Reference(ctx,
		[]mysql.DistrictRow{{ID: 1, Name: "강남구", Lat: 37.5, Lng: 127.04, IconURL: "/i/1"}, {ID: 2, Name: "마포구", Lat: 37.56, Lng: 126.9, IconURL: "/i/2"}, {ID: 3, Name: "종로구", Lat: 37.57, Lng: 126.98, IconURL: "/i/3"}},
		[]mysql.CategoryRow{{ID: 1, Name: "파티룸", IconURL: "/c/1"}, {ID: 2, Name: "연습실", IconURL: "/c/2"}, {ID: 3, Name: "회의실", IconURL: "/c/3"}},
		[]mysql.FacilityRow{{ID: 1, Name: "TV", IconURL: "/f/1"}, {ID: 2, Name: "Wi-Fi", IconURL: "/f/2"}, {ID: 3, Name: "주차", IconURL: "/f/3"}, {ID: 4, Name: "주방", IconURL: "/f/4"}}))
	must(t, bulk.Users(ctx, []mysql.UserRow{{ID: 1, Provider: "kakao", Subject: "host", Nickname: "호스트", CreatedAt: now}, {ID: 2, Provider: "kakao", Subject: "guest", Nickname: "게스트", CreatedAt: now}}))
	today := calendar.DateOf(now)
	w := &World{Now: now}
	var rows []mysql.SpaceRow
	for i := 1; i <= n; i++ {
		capMin := 1 + rng.IntN(5)
		capacity, _ := space.NewCapacity(capMin, capMin+rng.IntN(20))
		var hourly *space.Hourly
		opening := map[time.Weekday]calendar.Window{}
		var packages []space.Package
		if rng.IntN(3) != 0 {
			hourly = &space.Hourly{PricePerHour: space.Money(1000 * (5 + rng.IntN(50))), MinHours: 1 + rng.IntN(4)}
			for wd := time.Sunday; wd <= time.Saturday; wd++ {
				if rng.IntN(6) != 0 {
					open := 6 + rng.IntN(6)
					opening[wd] = calendar.MustWindow(open*60, (open+4+rng.IntN(10))*60)
				}
			}
		}
		if hourly == nil || rng.IntN(2) == 0 {
			for j, pk := range [][2]int{{540, 900}, {900, 1320}, {1200, 1740}, {540, 1320}} {
				if rng.IntN(2) == 0 || (j == 0 && hourly == nil) {
					days := space.EveryDay
					if rng.IntN(3) == 0 {
						days = space.WeekdaysOf(time.Friday, time.Saturday, time.Sunday)
					}
					packages = append(packages, space.Package{Name: fmt.Sprintf("p%d", j), Window: calendar.MustWindow(pk[0], pk[1]),
						Price: space.Money(1000 * (30 + rng.IntN(200))), Weekdays: days})
				}
			}
		}
		pricing, err := space.NewPricing(hourly, packages)
		must(t, err)
		var closed []calendar.Date
		for d := 0; d < 4; d++ {
			if rng.IntN(5) == 0 {
				closed = append(closed, today.AddDays(d))
			}
		}
		schedule, err := space.NewSchedule(opening, closed)
		must(t, err)
		status := space.StatusActive
		if rng.IntN(12) == 0 {
			status = space.StatusHidden
		} else if rng.IntN(12) == 0 {
			status = space.StatusRetired
		}
		var facilities []int64
		for f := int64(1); f <= 4; f++ {
			if rng.IntN(2) == 0 {
				facilities = append(facilities, f)
			}
		}
		title := titleWords[rng.IntN(len(titleWords))] + " " + titleWords[rng.IntN(len(titleWords))]
		address := fmt.Sprintf("%s %d", addressWords[rng.IntN(len(addressWords))], 1+rng.IntN(300))
		district := int64(1 + rng.IntN(3))
		r := mysql.SpaceRow{ID: int64(i), HostID: 1, Status: status, Title: title, Subtitle: "서브 " + titleWords[rng.IntN(len(titleWords))],
			Description: "설명", Address: address, DistrictID: district, CategoryID: int64(1 + rng.IntN(3)),
			Lat: 37.4 + rng.Float64()*0.3, Lng: 126.8 + rng.Float64()*0.4, Capacity: capacity, Opening: opening, Closed: closed,
			Pricing: pricing, Refund: space.RefundFlexible, Facilities: facilities,
			PhotoKeys: []string{fmt.Sprintf("s/%d/0.jpg", i), fmt.Sprintf("s/%d/1.jpg", i)}, CreatedAt: now.Add(-time.Duration(n-i) * time.Hour)}
		rows = append(rows, r)
		w.Listings = append(w.Listings, search.Listing{ID: space.ID(i), Status: status, DistrictID: district, CategoryID: r.CategoryID,
			Capacity: capacity, Facilities: facilities, Title: r.Title, Subtitle: r.Subtitle, Address: address, Lat: r.Lat, Lng: r.Lng,
			Schedule: schedule, Pricing: pricing})
	}
	must(t, bulk.Spaces(ctx, rows))
	// Bookings: a few per space on the next days, in every state, some
	// holds already past their deadline, some crossing midnight.
	var bookings []mysql.BookingRow
	id := int64(1)
	statuses := []booking.Status{booking.StatusConfirmed, booking.StatusPaymentDue, booking.StatusRequested, booking.StatusCancelledByGuest, booking.StatusExpired}
	for i := range w.Listings {
		for day := 0; day < 4; day++ {
			if rng.IntN(2) == 0 {
				continue
			}
			d := today.AddDays(day)
			startMin := 60 * (7 + rng.IntN(16))
			start, end := d.At(startMin), d.At(startMin+60*(1+rng.IntN(5)))
			st := statuses[rng.IntN(len(statuses))]
			var deadline *time.Time
			if st == booking.StatusPaymentDue || st == booking.StatusRequested {
				dl := now.Add(time.Duration(rng.IntN(60)-30) * time.Minute)
				deadline = &dl
			}
			bookings = append(bookings, mysql.BookingRow{ID: id, SpaceID: int64(i + 1), GuestID: 2, HostID: 1, Status: st.String(), UseDate: d,
				Start: start, End: end, Deadline: deadline, People: 1, Price: 1000, Refund: space.RefundFlexible, CreatedAt: now})
			b := booking.Blocking{Range: booking.Range{Start: start.UTC(), End: end.UTC()}, Status: st}
			if deadline != nil {
				b.Deadline = *deadline
			}
			w.Listings[i].Bookings = append(w.Listings[i].Bookings, b)
			id++
		}
	}
	must(t, bulk.Bookings(ctx, bookings))
	// Likes and ratings only matter for sorting and cards: set them
	// directly. The ratings (count, sum) rank differently by average and
	// by score: one 5-star review, forty averaging 4.9, none, three of 4,
	// ten averaging 3.5.
	ratings := [][2]int{{0, 0}, {1, 5}, {40, 196}, {3, 12}, {10, 35}}
	for i := range w.Listings {
		w.Listings[i].Likes = rng.IntN(5)
		r := ratings[rng.IntN(len(ratings))]
		w.Listings[i].RatingCount, w.Listings[i].RatingSum = r[0], r[1]
		_, err := db.ExecContext(ctx, "UPDATE spaces SET like_count = ?, rating_count = ?, rating_sum = ? WHERE id = ?", w.Listings[i].Likes, r[0], r[1], i+1)
		must(t, err)
	}
	return w
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
