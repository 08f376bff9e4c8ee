package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/space"
)

// bookingRepository implements booking.Repository inside a transaction.
type bookingRepository struct{ q *sqlcgen.Queries }

func (r bookingRepository) SpaceTermsForUpdate(ctx context.Context, spaceID int64, d calendar.Date) (booking.SpaceTerms, error) {
	row, err := r.q.GetSpaceTermsForUpdate(ctx, sqlcgen.GetSpaceTermsForUpdateParams{
		Weekday: int8(d.Weekday()), Day: timeOfDate(d), ID: spaceID})
	if errors.Is(err, sql.ErrNoRows) {
		return booking.SpaceTerms{}, fmt.Errorf("space %d: %w", spaceID, space.ErrNotFound)
	}
	if err != nil {
		return booking.SpaceTerms{}, err
	}
	status, err := space.ParseStatus(row.Status)
	if err != nil {
		return booking.SpaceTerms{}, err
	}
	capacity, err := space.NewCapacity(int(row.CapacityMin), int(row.CapacityMax))
	if err != nil {
		return booking.SpaceTerms{}, fmt.Errorf("space %d: %w", spaceID, err)
	}
	policy, err := refundPolicy(row.RefundPolicy, row.RefundRules)
	if err != nil {
		return booking.SpaceTerms{}, fmt.Errorf("space %d: %w", spaceID, err)
	}
	packages, err := r.q.ListSpacePackages(ctx, spaceID)
	if err != nil {
		return booking.SpaceTerms{}, err
	}
	pricing, err := pricingOf(row.HourlyPrice, row.MinHours, packages)
	if err != nil {
		return booking.SpaceTerms{}, fmt.Errorf("space %d pricing: %w", spaceID, err)
	}
	// The schedule of the use date alone: its weekday's hours, its closed mark.
	var hours []sqlcgen.ListSpaceOpeningHoursRow
	if row.OpenMinute.Valid {
		hours = append(hours, sqlcgen.ListSpaceOpeningHoursRow{Weekday: int8(d.Weekday()), OpenMinute: row.OpenMinute.Int32, CloseMinute: row.CloseMinute.Int32})
	}
	var closed []calendar.Date
	if row.ClosedDay.Valid {
		closed = append(closed, dateOfTime(row.ClosedDay.Time))
	}
	schedule, err := scheduleOf(hours, closed)
	if err != nil {
		return booking.SpaceTerms{}, fmt.Errorf("space %d schedule: %w", spaceID, err)
	}
	return booking.SpaceTerms{SpaceID: spaceID, HostID: row.HostID, Status: status, Capacity: capacity,
		Schedule: schedule, Pricing: pricing, Refund: policy, NeedsApproval: row.NeedsApproval}, nil
}

func (r bookingRepository) RefundPolicy(ctx context.Context, spaceID int64) (space.RefundPolicy, error) {
	row, err := r.q.GetSpaceRefundPolicy(ctx, spaceID)
	if errors.Is(err, sql.ErrNoRows) {
		return space.RefundPolicy{}, fmt.Errorf("space %d: %w", spaceID, space.ErrNotFound)
	}
	if err != nil {
		return space.RefundPolicy{}, err
	}
	return refundPolicy(row.RefundPolicy, row.RefundRules)
}

func (r bookingRepository) Overlapping(ctx context.Context, spaceID int64, rg booking.Range) ([]booking.Blocking, error) {
	// A literal, not a conversion: the two types share their fields by chance.
	return BookingReader{q: r.q}.BookingsOverlapping(ctx, spaceID, rg) //nolint:staticcheck // S1016, see above
}

func (r bookingRepository) Create(ctx context.Context, b booking.Booking) (booking.Booking, error) {
	var pkg sql.NullInt64
	if !b.Hourly() {
		pkg = sql.NullInt64{Int64: b.PackageID, Valid: true}
	}
	res, err := r.q.CreateBooking(ctx, sqlcgen.CreateBookingParams{
		SpaceID: b.SpaceID, GuestID: b.GuestID, HostID: b.HostID, Status: b.Status.String(),
		UseDate: timeOfDate(b.Date), StartAt: b.Range.Start.UTC(), EndAt: b.Range.End.UTC(), Deadline: nullTime(b.Deadline),
		PackageID: pkg, PackageName: b.PackageName, People: int32(b.People), Price: int64(b.Price), Refunded: int64(b.Refunded),
		RefundPolicy: b.Refund.Name(), RefundRules: refundRulesText(b.Refund),
		ContactName: b.Contact.Name, ContactPhone: b.Contact.Phone, ContactEmail: b.Contact.Email,
		Purpose: b.Purpose, Message: b.Message, CreatedAt: b.CreatedAt.UTC(), UpdatedAt: b.UpdatedAt.UTC(),
		PaidAt: nullTime(b.PaidAt), CancelledAt: nullTime(b.CancelledAt)})
	if err != nil {
		return booking.Booking{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return booking.Booking{}, err
	}
	b.ID = id
	return b, nil
}

func (r bookingRepository) ByIDForUpdate(ctx context.Context, id int64) (booking.Booking, error) {
	return bookingOf(r.q.GetBookingForUpdate(ctx, id))
}

func (r bookingRepository) ByID(ctx context.Context, id int64) (booking.Booking, error) {
	return bookingOf(r.q.GetBooking(ctx, id))
}

func (r bookingRepository) Update(ctx context.Context, b booking.Booking) error {
	return r.q.UpdateBookingState(ctx, sqlcgen.UpdateBookingStateParams{Status: b.Status.String(), Deadline: nullTime(b.Deadline),
		RefundPolicy: b.Refund.Name(), RefundRules: refundRulesText(b.Refund), Refunded: int64(b.Refunded),
		UpdatedAt: b.UpdatedAt.UTC(), PaidAt: nullTime(b.PaidAt), CancelledAt: nullTime(b.CancelledAt), ID: b.ID})
}

func (r bookingRepository) ClaimDue(ctx context.Context, now time.Time, limit int) ([]booking.Booking, error) {
	expired, err := r.q.ClaimExpiredBookings(ctx, sqlcgen.ClaimExpiredBookingsParams{Now: nullTime(now), Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	ended, err := r.q.ClaimEndedBookings(ctx, sqlcgen.ClaimEndedBookingsParams{Now: now.UTC(), Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	out := make([]booking.Booking, 0, len(expired)+len(ended))
	for _, row := range append(expired, ended...) {
		b, err := bookingOf(row, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// bookingOf reads a stored booking back into the domain.
func bookingOf(row sqlcgen.Booking, err error) (booking.Booking, error) {
	if errors.Is(err, sql.ErrNoRows) {
		return booking.Booking{}, booking.ErrNotFound
	}
	if err != nil {
		return booking.Booking{}, err
	}
	status, err := booking.ParseStatus(row.Status)
	if err != nil {
		return booking.Booking{}, err
	}
	policy, err := refundPolicy(row.RefundPolicy, row.RefundRules)
	if err != nil {
		return booking.Booking{}, fmt.Errorf("booking %d: %w", row.ID, err)
	}
	return booking.Booking{ID: row.ID, SpaceID: row.SpaceID, GuestID: row.GuestID, HostID: row.HostID,
		Status: status, Date: dateOfTime(row.UseDate), Range: booking.Range{Start: row.StartAt, End: row.EndAt},
		Deadline: row.Deadline.Time, PackageID: row.PackageID.Int64, PackageName: row.PackageName, People: int(row.People),
		Price: space.Money(row.Price), Refund: policy, Refunded: space.Money(row.Refunded),
		Contact: booking.Contact{Name: row.ContactName, Phone: row.ContactPhone, Email: row.ContactEmail},
		Purpose: row.Purpose, Message: row.Message, CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt,
		PaidAt: row.PaidAt.Time, CancelledAt: row.CancelledAt.Time}, nil
}

// nullTime stores the zero instant as NULL.
func nullTime(t time.Time) sql.NullTime {
	if t.IsZero() {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: t.UTC(), Valid: true}
}

// idempotencyRepository implements ports.IdempotencyKeys.
type idempotencyRepository struct{ q *sqlcgen.Queries }

func (r idempotencyRepository) Claim(ctx context.Context, userID int64, key string, hash []byte, now, expires time.Time) (ports.StoredResult, bool, error) {
	res, err := r.q.ClaimIdempotencyKey(ctx, sqlcgen.ClaimIdempotencyKeyParams{UserID: userID, IdemKey: key, RequestHash: hash,
		CreatedAt: now.UTC(), ExpiresAt: expires.UTC()})
	if err != nil {
		return ports.StoredResult{}, false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return ports.StoredResult{}, false, err
	}
	// The key was there, and its row is now locked by this transaction.
	row, err := r.q.GetIdempotencyKey(ctx, sqlcgen.GetIdempotencyKeyParams{UserID: userID, IdemKey: key})
	if err != nil {
		return ports.StoredResult{}, false, err
	}
	if !now.Before(row.ExpiresAt) {
		err := r.q.ReclaimIdempotencyKey(ctx, sqlcgen.ReclaimIdempotencyKeyParams{RequestHash: hash, CreatedAt: now.UTC(),
			ExpiresAt: expires.UTC(), UserID: userID, IdemKey: key})
		return ports.StoredResult{}, false, err
	}
	return ports.StoredResult{RequestHash: row.RequestHash, Result: row.Result}, true, nil
}

func (r idempotencyRepository) Save(ctx context.Context, userID int64, key string, result []byte) error {
	return r.q.SaveIdempotencyResult(ctx, sqlcgen.SaveIdempotencyResultParams{Result: result, UserID: userID, IdemKey: key})
}

func (r idempotencyRepository) DeleteExpired(ctx context.Context, now time.Time, limit int) (int64, error) {
	return r.q.DeleteExpiredIdempotencyKeys(ctx, sqlcgen.DeleteExpiredIdempotencyKeysParams{ExpiresAt: now.UTC(), Limit: int32(limit)})
}
