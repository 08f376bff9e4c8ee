package query_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
	"github.com/ourspace/ourspace/domain/space"
)

// searcher is a read model holding cards already in the order of the one
// sort the test uses, and who likes which. It pages by keyset like a
// database would, counts every card it holds as the matches (capped at
// search.CountLimit), and hands out copies, so the use case cannot change
// what it holds.
type searcher struct {
	cards []query.SpaceCard
	likes map[int64][]int64 // viewer → the spaces they like
	err   error
	reqs  []query.SearchRequest
}

var _ query.SpaceSearcher = (*searcher)(nil)

func (s *searcher) SearchSpaces(_ context.Context, req query.SearchRequest) (query.SearchResult, error) {
	s.reqs = append(s.reqs, req)
	if s.err != nil {
		return query.SearchResult{}, s.err
	}
	start := 0
	if req.After != nil {
		start = slices.IndexFunc(s.cards, func(c query.SpaceCard) bool { return c.SortKey == req.After.Key && c.ID == req.After.ID }) + 1
		if start == 0 {
			return query.SearchResult{}, fmt.Errorf("searcher: keyset %+v names no card", *req.After)
		}
	}
	end := min(start+req.Limit, len(s.cards))
	res := query.SearchResult{Cards: slices.Clone(s.cards[start:end])}
	for i := range res.Cards {
		res.Cards[i].Photos = slices.Clone(res.Cards[i].Photos)
		res.Cards[i].Liked = slices.Contains(s.likes[req.Viewer], res.Cards[i].ID)
	}
	if req.Count {
		res.Total = &query.Total{Count: min(len(s.cards), search.CountLimit), Capped: len(s.cards) > search.CountLimit}
	}
	return res, nil
}

// listed is a stored space: its status decides whether guests find it.
type listed struct {
	status   space.Status
	detail   query.SpaceDetail
	calendar query.Calendar
}

// spaces is a SpaceReader over a few spaces. Like the database adapter, it
// reads spaces in every status and tells whether the viewer likes the
// space in the same read.
type spaces struct {
	byID     map[int64]listed
	likes    map[int64][]int64 // viewer → the spaces they like
	details  []query.SpaceDetailRequest
	gotToday calendar.Date
	gotDay   calendar.Date // from, of the last SpaceCalendar
	gotTo    calendar.Date
}

var _ query.SpaceReader = (*spaces)(nil)

func (s *spaces) SpaceDetail(_ context.Context, req query.SpaceDetailRequest) (query.SpaceDetail, error) {
	s.details = append(s.details, req)
	s.gotToday = req.Today
	l, ok := s.byID[req.ID]
	if !ok {
		return query.SpaceDetail{}, fmt.Errorf("space %d: %w", req.ID, space.ErrNotFound)
	}
	d := l.detail
	d.Status = l.status
	d.Liked = slices.Contains(s.likes[req.Viewer], req.ID)
	d.Photos = slices.Clone(d.Photos)
	return d, nil
}

func (s *spaces) SpaceCalendar(_ context.Context, id int64, from, to calendar.Date) (query.Calendar, error) {
	s.gotDay, s.gotTo = from, to
	l, ok := s.byID[id]
	if !ok {
		return query.Calendar{}, fmt.Errorf("space %d: %w", id, space.ErrNotFound)
	}
	c := l.calendar
	c.Status = l.status
	return c, nil
}

// bookings is a BookingReader over the bookings of one space; it gives
// every booking that overlaps the asked range, blocking or not, as the
// database adapter does.
type bookings struct {
	spaceID int64
	all     []booking.Blocking
	asked   []booking.Range
}

var _ query.BookingReader = (*bookings)(nil)

func (b *bookings) BookingsOverlapping(_ context.Context, spaceID int64, r booking.Range) ([]booking.Blocking, error) {
	b.asked = append(b.asked, r)
	var out []booking.Blocking
	for _, bk := range b.all {
		if spaceID == b.spaceID && bk.Range.Overlaps(r) {
			out = append(out, bk)
		}
	}
	return out, nil
}
