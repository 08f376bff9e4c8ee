package query

import (
	"time"

	"github.com/ourspace/ourspace/domain/booking"
)

// BookingView is a booking as its guest and host see it. It holds plain
// values so a write's result can be stored under its idempotency key and
// replayed exactly.
type BookingView struct {
	ID           int64
	SpaceID      int64
	GuestID      int64
	HostID       int64
	Status       string // effective status: an unpaid hold past its deadline reads "expired"
	Date         string // Seoul use date, YYYY-MM-DD
	Start, End   time.Time
	Deadline     *time.Time // pay or answer by then; only while requested or payment_due
	PackageID    int64      // 0 when booked by the hour
	PackageName  string
	People       int
	Price        int64
	Refunded     int64
	RefundPolicy string
	RefundRules  []RefundRule
	ContactName  string
	ContactPhone string
	ContactEmail string
	Purpose      string
	Message      string
	CreatedAt    time.Time
	PaidAt       *time.Time
	CancelledAt  *time.Time
	Space        *BookingSpace `json:",omitempty"` // on reads; writes leave it out
	// ReviewID is the booking's review by its guest, on reads; 0 until
	// reviewed (and on writes' results: a booking one can pay, cancel or
	// answer has no review yet).
	ReviewID int64 `json:",omitempty"`
	// Reviewable: on reads, the guest may review the booking now (it is
	// completed, within review.Window of its end, and not reviewed).
	Reviewable bool `json:",omitempty"`
}

// BookingSpace is the card of the booked space shown with a booking.
type BookingSpace struct {
	ID       int64
	Title    string
	Address  string
	District Ref
	Category Ref
	PhotoURL string // the first photo; an object key until the use case makes it a URL
}

// ViewOf shows a booking as of now.
func ViewOf(b booking.Booking, now time.Time) BookingView {
	v := BookingView{ID: b.ID, SpaceID: b.SpaceID, GuestID: b.GuestID, HostID: b.HostID, Status: b.Effective(now).String(),
		Date: b.Date.String(), Start: b.Range.Start, End: b.Range.End, PackageID: b.PackageID, PackageName: b.PackageName,
		People: b.People, Price: int64(b.Price), Refunded: int64(b.Refunded), RefundPolicy: b.Refund.Name(),
		ContactName: b.Contact.Name, ContactPhone: b.Contact.Phone, ContactEmail: b.Contact.Email,
		Purpose: b.Purpose, Message: b.Message, CreatedAt: b.CreatedAt,
		Deadline: instant(b.Deadline), PaidAt: instant(b.PaidAt), CancelledAt: instant(b.CancelledAt)}
	if v.Status != booking.StatusRequested.String() && v.Status != booking.StatusPaymentDue.String() {
		v.Deadline = nil
	}
	for _, r := range b.Refund.Rules() {
		v.RefundRules = append(v.RefundRules, RefundRule{MinDaysBefore: r.MinDaysBefore, Percent: r.Percent})
	}
	return v
}

func instant(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// RefundQuote is what a cancellation refunds (or would refund, now).
type RefundQuote struct {
	BookingID  int64
	Paid       int64
	Refund     int64
	Percent    int
	DaysBefore int
	ByHost     bool
}

// QuoteOf shows a domain quote for booking b.
func QuoteOf(q booking.Quote, b booking.Booking, byHost bool) RefundQuote {
	return RefundQuote{BookingID: b.ID, Paid: int64(q.Paid), Refund: int64(q.Refund), Percent: q.Percent, DaysBefore: q.DaysBefore, ByHost: byHost}
}
