package mysqltest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// Market is a small, fixed marketplace for booking tests: one host (user 1)
// with an instant space and an approval space, and guests with points.
type Market struct {
	HostID       int64
	Guests       []int64 // user ids 2, 3, …
	Instant      int64   // space id of the instant space
	Approval     int64   // space id of the approval space
	Day, Night   int64   // package ids of the instant space: 09–15 and 15–22, every day
	Overnight    int64   // 20:00–05:00 the next day, every day
	Packages     map[int64]space.Package
	HourlyPrice  space.Money // 10,000 won an hour, at least 2 hours, 09:00–22:00 every day
	ApprovalDay  int64       // the approval space's 09–15 package
	GuestsPoints int64
}

// NewMarket stores the market with guests guests holding points each.
func NewMarket(t testing.TB, db *sql.DB, guests int, points int64, now time.Time) Market {
	t.Helper()
	ctx := context.Background()
	bulk := mysql.NewBulk(db)
	must(t, bulk.Reference(ctx, []mysql.DistrictRow{{ID: 1, Name: "강남구", Lat: 37.5, Lng: 127.04, IconURL: "/i/1"}},
		[]mysql.CategoryRow{{ID: 1, Name: "파티룸", IconURL: "/c/1"}}, []mysql.FacilityRow{{ID: 1, Name: "TV", IconURL: "/f/1"}}))
	users := []mysql.UserRow{{ID: 1, Provider: "kakao", Subject: "host", Nickname: "호스트", CreatedAt: now}}
	m := Market{HostID: 1, GuestsPoints: points, HourlyPrice: 10_000, Packages: map[int64]space.Package{}}
	for i := 0; i < guests; i++ {
		id := int64(2 + i)
		users = append(users, mysql.UserRow{ID: id, Provider: "kakao", Subject: fmt.Sprintf("guest-%d", id), Nickname: "게스트", CreatedAt: now})
		m.Guests = append(m.Guests, id)
	}
	must(t, bulk.Users(ctx, users))
	if points > 0 {
		for _, g := range m.Guests {
			_, err := db.ExecContext(ctx, "INSERT INTO points_ledger (user_id, kind, amount, created_at) VALUES (?, 'grant', ?, ?)", g, points, now.UTC())
			must(t, err)
		}
	}
	opening := map[time.Weekday]calendar.Window{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		opening[wd] = calendar.MustWindow(9*60, 22*60)
	}
	packages := []space.Package{
		{Name: "주간", Window: calendar.MustWindow(9*60, 15*60), Price: 50_000, Weekdays: space.EveryDay},
		{Name: "야간", Window: calendar.MustWindow(15*60, 22*60), Price: 70_000, Weekdays: space.EveryDay},
		{Name: "올나잇", Window: calendar.MustWindow(20*60, 29*60), Price: 90_000, Weekdays: space.EveryDay},
	}
	pricing, err := space.NewPricing(&space.Hourly{PricePerHour: m.HourlyPrice, MinHours: 2}, packages)
	must(t, err)
	capacity, err := space.NewCapacity(1, 10)
	must(t, err)
	row := func(id int64, approval bool) mysql.SpaceRow {
		return mysql.SpaceRow{ID: id, HostID: m.HostID, Status: space.StatusActive, Title: fmt.Sprintf("테스트 파티룸 %d", id),
			Description: "설명", Address: "서울 강남구 테헤란로 1", DistrictID: 1, CategoryID: 1, Lat: 37.5, Lng: 127.04,
			Capacity: capacity, Opening: opening, Pricing: pricing, NeedsApproval: approval, Refund: space.RefundFlexible,
			PhotoKeys: []string{fmt.Sprintf("s/%d/0.jpg", id)}, CreatedAt: now.Add(-time.Hour)}
	}
	must(t, bulk.Spaces(ctx, []mysql.SpaceRow{row(1, false), row(2, true)}))
	m.Instant, m.Approval = 1, 2
	ids, err := bulk.PackageIDs(ctx, 1, 2)
	must(t, err)
	m.Day, m.Night, m.Overnight, m.ApprovalDay = ids[1][0], ids[1][1], ids[1][2], ids[2][0]
	for i, id := range ids[1] {
		p := packages[i]
		p.ID = space.PackageID(id)
		m.Packages[id] = p
	}
	return m
}
