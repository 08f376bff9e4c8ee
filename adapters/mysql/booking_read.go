package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
)

// BookingReader reads bookings.
type BookingReader struct{ q *sqlcgen.Queries }

// NewBookingReader reads bookings from db.
func NewBookingReader(db sqlcgen.DBTX) BookingReader { return BookingReader{q: sqlcgen.New(db)} }

// BookingsOverlapping lists the bookings of a space that meet r, whatever
// their state; booking.BusyRanges keeps the blocking ones.
func (r BookingReader) BookingsOverlapping(ctx context.Context, spaceID int64, rg booking.Range) ([]booking.Blocking, error) {
	rows, err := r.q.ListSpaceBookingsOverlapping(ctx, sqlcgen.ListSpaceBookingsOverlappingParams{
		SpaceID: spaceID, EarliestStart: rg.Start.Add(-booking.MaxLength).UTC(), ToAt: rg.End.UTC(), FromAt: rg.Start.UTC()})
	if err != nil {
		return nil, err
	}
	out := make([]booking.Blocking, 0, len(rows))
	for _, row := range rows {
		st, err := booking.ParseStatus(row.Status)
		if err != nil {
			return nil, err
		}
		b := booking.Blocking{Range: booking.Range{Start: row.StartAt, End: row.EndAt}, Status: st}
		if row.Deadline.Valid {
			b.Deadline = row.Deadline.Time
		}
		out = append(out, b)
	}
	return out, nil
}

// bookingWithSpaceRow is the row every booking list returns; each query's
// row type converts to it. CardPhotos is the space's card_photos, whose
// first photo is the booking's.
type bookingWithSpaceRow struct {
	Booking      sqlcgen.Booking
	SpaceTitle   string
	SpaceAddress string
	DistrictID   int64
	DistrictName string
	CategoryID   int64
	CategoryName string
	ReviewID     sql.NullInt64
	CardPhotos   string
}

// BookingWithSpace implements query.BookingLister: one statement.
func (r BookingReader) BookingWithSpace(ctx context.Context, id int64) (query.BookingItem, error) {
	row, err := r.q.GetBookingWithSpace(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return query.BookingItem{}, booking.ErrNotFound
	}
	if err != nil {
		return query.BookingItem{}, err
	}
	return bookingItemOf(bookingWithSpaceRow(row))
}

// GuestBookings implements query.BookingLister: one statement a page.
func (r BookingReader) GuestBookings(ctx context.Context, req query.GuestBookingsRequest) ([]query.BookingItem, error) {
	p := sqlcgen.ListGuestBookingsParams{GuestID: req.GuestID, Now: req.Now.UTC(), HoldNow: nullTime(req.Now),
		Upcoming: req.Tab == booking.TabUpcoming, Past: req.Tab == booking.TabPast, Cancelled: req.Tab == booking.TabCancelled,
		BeforeStart: farFuture, BeforeID: math.MaxInt64, Limit: int32(req.Limit)}
	if req.Before != nil {
		p.BeforeStart, p.BeforeID = time.UnixMicro(req.Before.Key).UTC(), req.Before.ID
	}
	rows, err := bookingRows(r.q.ListGuestBookings(ctx, p))
	if err != nil {
		return nil, err
	}
	return bookingItems(rows)
}

// HostBookings implements query.BookingLister: one statement a page.
func (r BookingReader) HostBookings(ctx context.Context, req query.HostBookingsRequest) ([]query.BookingItem, error) {
	p := sqlcgen.ListHostBookingsParams{HostID: req.HostID, SpaceID: req.SpaceID,
		FromDay: zeroDay, ToDay: farFuture, AfterStart: zeroDay, Limit: int32(req.Limit)}
	if !req.From.IsZero() {
		p.FromDay = timeOfDate(req.From)
	}
	if !req.To.IsZero() {
		p.ToDay = timeOfDate(req.To)
	}
	if req.After != nil {
		p.AfterStart, p.AfterID = time.UnixMicro(req.After.Key).UTC(), req.After.ID
	}
	rows, err := bookingRows(r.q.ListHostBookings(ctx, p))
	if err != nil {
		return nil, err
	}
	return bookingItems(rows)
}

// farFuture bounds open-ended date and keyset ranges from above.
var farFuture = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)

// bookingRows reads any booking list's rows as bookingWithSpaceRow.
func bookingRows[R ~struct {
	Booking      sqlcgen.Booking
	SpaceTitle   string
	SpaceAddress string
	DistrictID   int64
	DistrictName string
	CategoryID   int64
	CategoryName string
	ReviewID     sql.NullInt64
	CardPhotos   string
}](rows []R, err error) ([]bookingWithSpaceRow, error) {
	out := make([]bookingWithSpaceRow, len(rows))
	for i, r := range rows {
		out[i] = bookingWithSpaceRow(r)
	}
	return out, err
}

// bookingItems converts a booking list's rows.
func bookingItems(rows []bookingWithSpaceRow) ([]query.BookingItem, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	out := make([]query.BookingItem, len(rows))
	for i, row := range rows {
		item, err := bookingItemOf(row)
		if err != nil {
			return nil, err
		}
		out[i] = item
	}
	return out, nil
}

// bookingItemOf converts a booking list's row; its photo is the first of
// its space's card_photos (its thumbnail), none when the space has no
// photos. A card_photos that cannot be read is an error naming the space.
func bookingItemOf(row bookingWithSpaceRow) (query.BookingItem, error) {
	b, err := bookingOf(row.Booking, nil)
	if err != nil {
		return query.BookingItem{}, err
	}
	photos, err := cardPhotosOf(row.CardPhotos)
	if err != nil {
		return query.BookingItem{}, fmt.Errorf("space %d: %w", row.Booking.SpaceID, err)
	}
	var photoURL string
	if len(photos) > 0 {
		photoURL = photos[0].Keys.Thumb
	}
	return query.BookingItem{Booking: b, Space: query.BookingSpace{ID: row.Booking.SpaceID, Title: row.SpaceTitle,
		Address: row.SpaceAddress, District: query.Ref{ID: row.DistrictID, Name: row.DistrictName},
		Category: query.Ref{ID: row.CategoryID, Name: row.CategoryName}, PhotoURL: photoURL},
		ReviewID: row.ReviewID.Int64}, nil
}
