package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// Errors of the lifecycle. Each is a conflict with the booking's state.
var (
	ErrNotFound       = fault.New(fault.NotFound, "booking_not_found", "booking not found")
	ErrIllegalChange  = fault.New(fault.Conflict, "illegal_transition", "the booking cannot make this change in its state")
	ErrDeadlinePassed = fault.New(fault.Conflict, "deadline_passed", "the booking's hold or approval deadline has passed")
	ErrStarted        = fault.New(fault.Conflict, "already_started", "the booking has already started")
)

// Booking is a reservation of one space for one range of time. Only New and
// the transition methods below change its status; every other change is
// refused with a conflict.
type Booking struct {
	ID          int64
	SpaceID     int64
	GuestID     int64
	HostID      int64 // the space's host when booked
	Status      Status
	Date        calendar.Date // Seoul use date; an overnight package ends the next day
	Range       Range
	Deadline    time.Time // payment or approval deadline; zero in other states
	PackageID   int64     // 0 when booked by the hour
	PackageName string
	People      int
	Price       space.Money        // computed at creation from the space's pricing
	Refund      space.RefundPolicy // the policy in force at payment
	Contact     Contact
	Purpose     string
	Message     string
	Refunded    space.Money // points returned on cancellation
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PaidAt      time.Time // zero until paid
	CancelledAt time.Time // zero unless cancelled, declined or expired
}

// Blocking is the part of the booking that decides whether it blocks.
func (b Booking) Blocking() Blocking {
	return Blocking{Range: b.Range, Status: b.Status, Deadline: b.Deadline}
}

// Hourly reports whether the booking is a run of hours rather than a package.
func (b Booking) Hourly() bool { return b.PackageID == 0 }

// ConflictError is a requested range that overlaps a blocking booking.
type ConflictError struct {
	Range Range // the range already taken
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("overlaps a booking from %s to %s", e.Range.Start.In(calendar.Seoul).Format(time.DateTime),
		e.Range.End.In(calendar.Seoul).Format(time.DateTime))
}

// Kind is Conflict.
func (e *ConflictError) Kind() fault.Kind { return fault.Conflict }

// Conflict refuses b when it overlaps a booking that blocks at now.
func (b Booking) Conflict(others []Blocking, now time.Time) error {
	if taken, hit := FirstConflict(b.Range, BusyRanges(others, now)); hit {
		return &ConflictError{Range: taken}
	}
	return nil
}

// Effective is the status as of now: a hold or request whose deadline has
// passed is expired, and a confirmed booking that has ended is completed,
// even before the sweeper writes so.
func (b Booking) Effective(now time.Time) Status {
	switch {
	case (b.Status == StatusPaymentDue || b.Status == StatusRequested) && !now.Before(b.Deadline):
		return StatusExpired
	case b.Status == StatusConfirmed && !now.Before(b.Range.End):
		return StatusCompleted
	}
	return b.Status
}

// Approve is the host accepting a request: it becomes a payment hold.
func (b *Booking) Approve(now time.Time) error {
	if err := b.live(StatusRequested, now); err != nil {
		return err
	}
	b.Status, b.Deadline, b.UpdatedAt = StatusPaymentDue, earlier(now.Add(ApprovedPaymentHold), b.Range.Start), now
	return nil
}

// Decline is the host refusing a request.
func (b *Booking) Decline(now time.Time) error {
	if err := b.live(StatusRequested, now); err != nil {
		return err
	}
	b.end(StatusDeclined, now)
	return nil
}

// Pay confirms a payment hold; the caller debits Price in the same
// transaction and passes the space's refund policy now in force.
func (b *Booking) Pay(policy space.RefundPolicy, now time.Time) error {
	if err := b.live(StatusPaymentDue, now); err != nil {
		return err
	}
	b.Status, b.Deadline, b.Refund, b.PaidAt, b.UpdatedAt = StatusConfirmed, time.Time{}, policy, now, now
	return nil
}

// Quote is what a cancellation would refund.
type Quote struct {
	Paid       space.Money
	Refund     space.Money
	Percent    int
	DaysBefore int // Seoul calendar days from today to the use date
}

// QuoteCancel says what cancelling now would refund: nothing unpaid; a
// guest the stored policy's share for the Seoul days before the use date,
// rounded down; the host always everything. It fails like the cancellation
// itself would.
func (b Booking) QuoteCancel(byHost bool, now time.Time) (Quote, error) {
	q := Quote{DaysBefore: calendar.DateOf(now).DaysUntil(b.Date)}
	switch b.Effective(now) {
	case StatusRequested, StatusPaymentDue:
		if byHost && b.Status == StatusRequested {
			return Quote{}, fmt.Errorf("%w: decline a request instead of cancelling it", ErrIllegalChange)
		}
		return q, nil
	case StatusConfirmed:
		if !now.Before(b.Range.Start) {
			return Quote{}, ErrStarted
		}
		q.Paid = b.Price
		if byHost {
			q.Percent, q.Refund = 100, b.Price
		} else {
			q.Percent, q.Refund = b.Refund.Percent(q.DaysBefore), b.Refund.Refund(b.Price, q.DaysBefore)
		}
		return q, nil
	case StatusExpired:
		return Quote{}, ErrDeadlinePassed
	}
	return Quote{}, fmt.Errorf("%w: the booking is %s", ErrIllegalChange, b.Status)
}

// Cancel ends the booking by the guest or the host and gives the refund the
// caller must credit to the guest in the same transaction.
func (b *Booking) Cancel(byHost bool, now time.Time) (Quote, error) {
	q, err := b.QuoteCancel(byHost, now)
	if err != nil {
		return Quote{}, err
	}
	status := StatusCancelledByGuest
	if byHost {
		status = StatusCancelledByHost
	}
	b.end(status, now)
	b.Refunded = q.Refund
	return q, nil
}

// Expire ends a hold or request whose deadline has passed.
func (b *Booking) Expire(now time.Time) error {
	if (b.Status != StatusPaymentDue && b.Status != StatusRequested) || now.Before(b.Deadline) {
		return fmt.Errorf("%w: %s booking with deadline %s cannot expire at %s", ErrIllegalChange, b.Status, b.Deadline, now)
	}
	b.end(StatusExpired, now)
	return nil
}

// Complete marks a confirmed booking that has ended as used.
func (b *Booking) Complete(now time.Time) error {
	if b.Status != StatusConfirmed || now.Before(b.Range.End) {
		return fmt.Errorf("%w: %s booking ending %s cannot complete at %s", ErrIllegalChange, b.Status, b.Range.End, now)
	}
	b.Status, b.UpdatedAt = StatusCompleted, now
	return nil
}

// live checks that the booking is in state want and its deadline not passed.
func (b Booking) live(want Status, now time.Time) error {
	if b.Status != want {
		return fmt.Errorf("%w: the booking is %s, not %s", ErrIllegalChange, b.Effective(now), want)
	}
	if !now.Before(b.Deadline) {
		return ErrDeadlinePassed
	}
	return nil
}

func (b *Booking) end(s Status, now time.Time) {
	b.Status, b.Deadline, b.CancelledAt, b.UpdatedAt = s, time.Time{}, now, now
}

// Tab is a group of a guest's bookings as "my bookings" shows them.
type Tab struct{ s string }

// The tabs of "my bookings".
var (
	TabUpcoming  = Tab{"upcoming"}  // requested, awaiting payment or confirmed, not yet ended
	TabPast      = Tab{"past"}      // used
	TabCancelled = Tab{"cancelled"} // cancelled by either side, declined or expired
)

// ParseTab reads a tab name.
func ParseTab(s string) (Tab, error) {
	for _, t := range []Tab{TabUpcoming, TabPast, TabCancelled} {
		if t.s == s {
			return t, nil
		}
	}
	return Tab{}, fault.Field("status", "must be upcoming, past or cancelled")
}

// String is the tab's name.
func (t Tab) String() string { return t.s }

// TabOf is the tab a booking shows under at now, by its effective status.
// Read models that filter by tab are tested against it.
func TabOf(b Booking, now time.Time) Tab {
	switch b.Effective(now) {
	case StatusRequested, StatusPaymentDue, StatusConfirmed:
		return TabUpcoming
	case StatusCompleted:
		return TabPast
	}
	return TabCancelled
}

// Repository stores bookings. Implementations run inside the caller's
// transaction; ...ForUpdate methods lock what they read until it ends.
type Repository interface {
	// SpaceTermsForUpdate locks the space (serialising every booking of it)
	// and reads its terms for use date d; space.ErrNotFound when unknown.
	SpaceTermsForUpdate(ctx context.Context, spaceID int64, d calendar.Date) (SpaceTerms, error)
	// RefundPolicy reads a space's refund policy now in force.
	RefundPolicy(ctx context.Context, spaceID int64) (space.RefundPolicy, error)
	// Overlapping lists the space's bookings that meet r, in any state, as
	// committed now (not as of the transaction's start).
	Overlapping(ctx context.Context, spaceID int64, r Range) ([]Blocking, error)
	// Create stores a new booking and gives it its id.
	Create(ctx context.Context, b Booking) (Booking, error)
	// ByIDForUpdate reads and locks a booking; ErrNotFound when unknown.
	ByIDForUpdate(ctx context.Context, id int64) (Booking, error)
	// ByID reads a booking without locking it; ErrNotFound when unknown.
	ByID(ctx context.Context, id int64) (Booking, error)
	// Update writes a booking's state, deadline, refund and timestamps.
	Update(ctx context.Context, b Booking) error
	// ClaimDue locks up to limit bookings that must expire (deadline passed)
	// or complete (ended) at now, skipping rows other workers hold.
	ClaimDue(ctx context.Context, now time.Time, limit int) ([]Booking, error)
}
