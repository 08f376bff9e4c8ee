package mysql

import (
	"context"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
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
		SpaceID: uint64(spaceID), ToAt: rg.End.UTC(), FromAt: rg.Start.UTC()})
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
