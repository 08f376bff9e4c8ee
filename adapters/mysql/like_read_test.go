package mysql_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
)

// TestMyLikesPageNewestFirstInOneQuery walks a user's likes page by page:
// every one, of spaces in every status, latest like first (ties broken by
// space id), each page in one query whatever its size (the photos come
// with the spaces' rows), down likes_user_time.
func TestMyLikesPageNewestFirstInOneQuery(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	mysqltest.NewWorld(t, db, 300, 7, now)
	bulk := mysql.NewBulk(db)
	var users []mysql.UserRow
	for id := int64(3); id <= 40; id++ {
		users = append(users, mysql.UserRow{ID: id, Provider: "kakao", Subject: fmt.Sprintf("u%d", id), Nickname: "u", CreatedAt: now})
	}
	if err := bulk.Users(ctx, users); err != nil {
		t.Fatal(err)
	}
	// User 2 likes every fourth space, two at a time at the same instant
	// (the keyset's tie); the other users like spaces of their own.
	type key struct {
		at    time.Time
		space int64
	}
	var likes []mysql.LikeRow
	var want []key
	for s := int64(1); s <= 300; s++ {
		if s%4 == 0 {
			at := now.Add(time.Duration(s/8) * time.Minute).Add(123 * time.Microsecond)
			likes = append(likes, mysql.LikeRow{UserID: 2, SpaceID: s, CreatedAt: at})
			want = append(want, key{at.UTC(), s})
		}
		for u := int64(3); u <= 40; u++ {
			if (s+u)%5 == 0 {
				likes = append(likes, mysql.LikeRow{UserID: u, SpaceID: s, CreatedAt: now.Add(time.Duration(s) * time.Second)})
			}
		}
	}
	if err := bulk.Likes(ctx, likes); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ANALYZE TABLE likes"); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(want, func(a, b key) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return int(b.space - a.space)
	})
	var statuses int
	_ = db.QueryRow("SELECT COUNT(DISTINCT s.status) FROM likes l JOIN spaces s ON s.id = l.space_id WHERE l.user_id = 2").Scan(&statuses)
	if len(want) != 75 || statuses < 2 {
		t.Fatalf("fixture: user 2 likes %d spaces in %d statuses", len(want), statuses)
	}

	counter := &mysql.CountingDB{DB: db}
	reader := mysql.NewLikeReader(counter)
	h := query.NewLikesHandler(reader, ports.PrefixURLs{Base: "https://cdn.test/"})
	for _, limit := range []int{1, 7, 100} {
		var got []key
		cursor := ""
		for {
			counter.Reset()
			page, err := h.Handle(ctx, 2, cursor, limit)
			if err != nil {
				t.Fatal(err)
			}
			if counter.Count() != 1 {
				t.Errorf("limit %d: a page in %d queries, want 1", limit, counter.Count())
			}
			for _, s := range page.Items {
				got = append(got, key{s.LikedAt.UTC(), s.ID})
				if !s.Liked || len(s.Photos) == 0 || s.Photos[0].URL == "" || s.Status.String() == "" || s.Title == "" || s.District.Name == "" {
					t.Errorf("space %d: %+v", s.ID, s)
				}
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("limit %d: likes %v, want %v", limit, got, want)
		}
	}

	for _, tt := range []struct {
		name, sql, index string
		args             []any
	}{
		{"my likes", `SELECT STRAIGHT_JOIN l.space_id FROM likes l FORCE INDEX (likes_user_time) JOIN spaces s ON s.id = l.space_id
			JOIN categories c ON c.id = s.category_id JOIN districts d ON d.id = s.district_id
			WHERE l.user_id = ? AND (l.created_at < ? OR (l.created_at = ? AND l.space_id < ?))
			ORDER BY l.created_at DESC, l.space_id DESC LIMIT 21`, `"key": "likes_user_time"`, []any{2, now.UTC(), now.UTC(), 1 << 40}},
	} {
		p := plan(t, db, tt.sql, tt.args)
		if !regexp.MustCompile(tt.index).MatchString(p) || !strings.Contains(p, `"access_type": "range"`) || strings.Contains(p, "filesort") {
			t.Errorf("%s: not a range of %s without a sort: %s", tt.name, tt.index, p)
		}
	}
}
