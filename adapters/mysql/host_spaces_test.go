package mysql_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
)

// TestHostSpacesPagesEveryStatusInOneQuery walks a host's spaces page by
// page: every one of them, in every status, newest first, each page in one
// query whatever its size (the photos come with the spaces' rows), through
// the host index.
func TestHostSpacesPagesEveryStatusInOneQuery(t *testing.T) {
	t.Parallel()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	mysqltest.NewWorld(t, db, 300, 7, now)
	// Nine spaces in ten go to user 2, so user 1's are a small part of the table.
	if _, err := db.Exec("UPDATE spaces SET host_id = 2 WHERE id % 10 <> 0"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ANALYZE TABLE spaces"); err != nil {
		t.Fatal(err)
	}
	var want []int64
	rows, err := db.Query("SELECT id FROM spaces WHERE host_id = 1 ORDER BY id DESC")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		want = append(want, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var statuses int
	_ = db.QueryRow("SELECT COUNT(DISTINCT status) FROM spaces WHERE host_id = 1").Scan(&statuses)
	if len(want) != 30 || statuses < 2 {
		t.Fatalf("fixture: user 1 hosts %d spaces in %d statuses", len(want), statuses)
	}

	counter := &mysql.CountingDB{DB: db}
	h := query.NewHostSpacesHandler(mysql.NewHostSpaceLister(counter), ports.PrefixURLs{Base: "https://cdn.test/"})
	for _, limit := range []int{1, 7, 100} {
		var got []int64
		cursor := ""
		for {
			counter.Reset()
			page, err := h.Handle(context.Background(), 1, cursor, limit)
			if err != nil {
				t.Fatal(err)
			}
			if counter.Count() != 1 {
				t.Errorf("limit %d: a page in %d queries, want 1", limit, counter.Count())
			}
			for _, s := range page.Items {
				got = append(got, s.ID)
				if len(s.Photos) == 0 || s.Photos[0].URL == "" || s.Status.String() == "" {
					t.Errorf("space %d: %+v", s.ID, s)
				}
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if len(got) != len(want) {
			t.Fatalf("limit %d: %d spaces, want %d", limit, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("limit %d: spaces %v, want %v", limit, got, want)
			}
		}
	}
	q := `SELECT STRAIGHT_JOIN s.id FROM spaces s FORCE INDEX (spaces_host) JOIN categories c ON c.id = s.category_id JOIN districts d ON d.id = s.district_id
		WHERE s.host_id = ? AND s.id < ? ORDER BY s.id DESC LIMIT 21`
	if p := plan(t, db, q, []any{1, 1 << 40}); !strings.Contains(p, `"key": "spaces_host"`) {
		t.Errorf("a host's spaces do not walk spaces_host: %s", p)
	}
}
