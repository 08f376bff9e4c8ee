package mysql_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/adapters/mysql/mysqltest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

// TestCardPhotosFollowEveryPhotoWrite writes a space's photos through the
// repository (create with seven, reorder, remove, add, remove down to
// fewer than a card shows, edit without touching them) and after each
// write reads its card from every list of cards, a search page, the host's
// spaces and the guest's likes: the card's photos are the detail page's
// first query.CardPhotos, in order, and the photos table's. The bulk
// writer's spaces are checked too.
func TestCardPhotosFollowEveryPhotoWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := mysqltest.NewDatabase(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Seoul)
	w := mysqltest.NewWorld(t, db, 5, 11, now)
	store := mysql.NewStore(db)
	media := ports.PrefixURLs{Base: "https://cdn.test/"}
	clock := ports.FixedClock{At: now}
	detail := query.NewGetSpaceHandler(mysql.NewSpaceReader(db), media, clock)
	searches := query.NewSearchSpacesHandler(mysql.NewSpaceSearcher(db, mysql.NewTokenStats(db)), media, clock)
	hosted := query.NewHostSpacesHandler(mysql.NewHostSpaceLister(db), media)
	likes := query.NewLikesHandler(mysql.NewLikeReader(db), media)

	// cards reads the cards of the space from each list; the search only
	// lists active spaces.
	cards := func(step string, id int64, listed bool) map[string][]query.Photo {
		t.Helper()
		out := map[string][]query.Photo{}
		page, err := searches.Handle(ctx, query.SearchSpaces{Sort: search.SortNewest.String(), Limit: 100, Viewer: 2})
		if err != nil {
			t.Fatalf("%s: search: %v", step, err)
		}
		for _, c := range page.Items {
			if c.ID == id {
				out["search"] = c.Photos
			}
		}
		host, err := hosted.Handle(ctx, 1, "", 100)
		if err != nil {
			t.Fatalf("%s: host spaces: %v", step, err)
		}
		for _, s := range host.Items {
			if s.ID == id {
				out["host spaces"] = s.Photos
			}
		}
		liked, err := likes.Handle(ctx, 2, "", 100)
		if err != nil {
			t.Fatalf("%s: likes: %v", step, err)
		}
		for _, s := range liked.Items {
			if s.ID == id {
				out["likes"] = s.Photos
			}
		}
		lists := 3
		if !listed {
			lists = 2
		}
		if _, searched := out["search"]; len(out) != lists || searched != listed {
			t.Fatalf("%s: space %d (listed %v) in the lists of cards %v", step, id, listed, out)
		}
		return out
	}
	// check compares the space's cards with its detail page and its photos
	// table, wanting n photos on the card.
	check := func(step string, id int64, n int) {
		t.Helper()
		d, err := detail.Hosted(ctx, 1, id)
		if err != nil {
			t.Fatalf("%s: detail: %v", step, err)
		}
		want := d.Photos[:min(len(d.Photos), query.CardPhotos)]
		if len(want) != n {
			t.Fatalf("%s: the detail shows %d photos on a card, want %d", step, len(want), n)
		}
		if table := photosTable(t, db, id); !reflect.DeepEqual(table, keysOf(want)) {
			t.Errorf("%s: detail photos %v, photos table %v", step, keysOf(want), table)
		}
		for list, got := range cards(step, id, d.Status.Listed()) {
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s card photos\n %+v\nwant\n %+v", step, list, got, want)
			}
		}
	}

	// The bulk writer's spaces (two photos each), liked by the guest.
	inTx := func(step string, f func(ports.Repositories) error) {
		t.Helper()
		if err := store.InTx(ctx, f); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	for _, l := range w.Listings {
		inTx("like", func(r ports.Repositories) error {
			_, err := r.Likes.Like(ctx, 2, int64(l.ID), now)
			return err
		})
		check(fmt.Sprintf("bulk space %d", l.ID), int64(l.ID), 2)
	}

	// A space created with seven photos, one of them in one size only.
	var id space.ID
	inTx("create", func(r ports.Repositories) error {
		model, err := r.Spaces.ByIDForUpdate(ctx, 1)
		if err != nil {
			return err
		}
		var photos []space.Photo
		for i := range 7 {
			k := space.PhotoKeys{Detail: fmt.Sprintf("spaces/new/%d.jpg", i), Thumb: fmt.Sprintf("spaces/new/%d-t.jpg", i)}
			if i == 2 {
				k.Thumb = ""
			}
			photos = append(photos, space.Photo{Keys: k})
		}
		s, err := space.New(1, model.Listing, photos, now)
		if err != nil {
			return err
		}
		created, err := r.Spaces.Create(ctx, s)
		if err != nil {
			return err
		}
		id = created.ID
		_, err = r.Likes.Like(ctx, 2, int64(id), now)
		return err
	})
	check("created", int64(id), 5)

	editSpace := func(step string, f func(*space.Space) error) {
		t.Helper()
		inTx(step, func(r ports.Repositories) error {
			s, err := r.Spaces.ByIDForUpdate(ctx, id)
			if err != nil {
				return err
			}
			if err := f(s); err != nil {
				return err
			}
			return r.Spaces.Save(ctx, s)
		})
	}
	editSpace("reorder", func(s *space.Space) error {
		order := make([]space.PhotoID, len(s.Photos))
		for i, p := range s.Photos {
			order[len(order)-1-i] = p.ID
		}
		return s.ReorderPhotos(order, now)
	})
	check("reversed", int64(id), 5)
	editSpace("remove", func(s *space.Space) error {
		for _, i := range []int{0, 2} { // the first, then what was the fourth
			if _, err := s.RemovePhoto(s.Photos[i].ID, now); err != nil {
				return err
			}
		}
		return nil
	})
	check("two removed", int64(id), 5)
	editSpace("add", func(s *space.Space) error {
		return s.AddPhotos([]space.Photo{{Keys: space.PhotoKeys{Detail: "spaces/new/a.jpg", Thumb: "spaces/new/a-t.jpg"}}}, now)
	})
	check("one added last", int64(id), 5)
	editSpace("move the new one first", func(s *space.Space) error {
		last := len(s.Photos) - 1
		order := []space.PhotoID{s.Photos[last].ID}
		for _, p := range s.Photos[:last] {
			order = append(order, p.ID)
		}
		return s.ReorderPhotos(order, now)
	})
	check("the new one first", int64(id), 5)
	editSpace("remove down to three", func(s *space.Space) error {
		for len(s.Photos) > 3 {
			if _, err := s.RemovePhoto(s.Photos[1].ID, now); err != nil {
				return err
			}
		}
		return nil
	})
	check("three left", int64(id), 3)
	title := "사진은 그대로인 공간"
	editSpace("edit", func(s *space.Space) error { return s.Edit(space.ListingPatch{Title: &title}, now) })
	check("edited", int64(id), 3)
	editSpace("hide", func(s *space.Space) error {
		_, err := s.ChangeStatus(space.StatusHidden, 0, now)
		return err
	})
	check("hidden", int64(id), 3)
}

// photosTable reads a space's first query.CardPhotos photos from
// space_photos, in order, as "id detail thumb" (thumb: detail when it has
// one size).
func photosTable(t *testing.T, db *sql.DB, id int64) []string {
	t.Helper()
	rows, err := db.Query("SELECT id, detail_key, IF(thumb_key = '', detail_key, thumb_key) FROM space_photos WHERE space_id = ? ORDER BY position LIMIT ?", id, query.CardPhotos)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var pid int64
		var detail, thumb string
		if err := rows.Scan(&pid, &detail, &thumb); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s %s", pid, detail, thumb))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func keysOf(photos []query.Photo) []string {
	out := make([]string, len(photos))
	for i, p := range photos {
		out[i] = fmt.Sprintf("%d %s %s", p.ID, p.Keys.Detail, p.Keys.Thumb)
	}
	return out
}
