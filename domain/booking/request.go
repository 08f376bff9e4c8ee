package booking

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ourspace/ourspace/domain/availability"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/fault"
	"github.com/ourspace/ourspace/domain/space"
)

// Holds of DOMAIN.md. An approved request gets a longer payment hold than an
// instant booking (the guest may not be looking when the host answers); no
// hold outlasts the booking's start.
const (
	PaymentHold         = 15 * time.Minute
	ApprovalWindow      = 3 * time.Hour
	ApprovedPaymentHold = time.Hour
)

// Limits of the booker's details, as the bookings table stores them.
const (
	MaxContactName = 100
	MaxPhone       = 32
	MaxEmail       = 320
	MaxPurpose     = 200
	MaxMessage     = 2000
	MaxHours       = int(MaxLength / time.Hour)
)

// ErrOwnSpace refuses a host booking their own space.
var ErrOwnSpace = fault.New(fault.Conflict, "own_space", "a host cannot book their own space")

// Contact is who to reach about a booking.
type Contact struct {
	Name  string
	Phone string
	Email string
}

// Request is what a guest asks for: a Seoul use date and either a package or
// a run of whole hours, for a number of people.
type Request struct {
	SpaceID   int64
	GuestID   int64
	Date      calendar.Date
	PackageID int64 // booking by package; 0 when booking by the hour
	StartHour int   // booking by the hour: the first hour (0–23) …
	Hours     int   // … and how many
	People    int
	Contact   Contact
	Purpose   string
	Message   string
}

// SpaceTerms is what booking needs to know of a space, read in the
// transaction that books it.
type SpaceTerms struct {
	SpaceID       int64
	HostID        int64
	Status        space.Status
	Capacity      space.Capacity
	Schedule      space.Schedule // at least the use date's weekday hours and whether the date is closed
	Pricing       space.Pricing
	Refund        space.RefundPolicy
	NeedsApproval bool
}

// New checks a request against the space's terms and the clock, and builds
// the booking it asks for: its range, its server-side price, and a payment
// hold (instant spaces) or an approval request (approval spaces). Rule
// violations are *fault.FieldError naming the field; an unlisted space is
// space.ErrNotFound. Conflicts with other bookings are checked by Conflict.
func New(req Request, t SpaceTerms, now time.Time) (Booking, error) {
	if !t.Status.Listed() {
		return Booking{}, fmt.Errorf("space %d is %s: %w", t.SpaceID, t.Status, space.ErrNotFound)
	}
	if err := CheckDate(req.Date, now); err != nil {
		return Booking{}, err
	}
	if req.GuestID == t.HostID {
		return Booking{}, ErrOwnSpace
	}
	contact, err := checkDetails(&req)
	if err != nil {
		return Booking{}, err
	}
	if !t.Capacity.Fits(req.People) {
		return Booking{}, fault.Field("people", fmt.Sprintf("this space takes %d–%d people", t.Capacity.Min(), t.Capacity.Max()))
	}
	b := Booking{SpaceID: t.SpaceID, GuestID: req.GuestID, HostID: t.HostID, Date: req.Date, People: req.People,
		Contact: contact, Purpose: req.Purpose, Message: req.Message,
		Refund: t.Refund, CreatedAt: now, UpdatedAt: now}
	day := availability.ForDay(availability.Space{Schedule: t.Schedule, Pricing: t.Pricing}, req.Date, nil, now)
	if req.PackageID != 0 {
		if req.Hours != 0 {
			return Booking{}, fault.Field("hours", "give a package or hours, not both")
		}
		err = b.choosePackage(day, req.PackageID)
	} else if req.Hours == 0 {
		err = fault.Field("package_id", "choose a package, or a start hour and a number of hours")
	} else {
		err = b.chooseHours(day, t.Pricing, req.StartHour, req.Hours)
	}
	if err != nil {
		return Booking{}, err
	}
	if t.NeedsApproval {
		b.Status, b.Deadline = StatusRequested, earlier(now.Add(ApprovalWindow), b.Range.Start)
	} else {
		b.Status, b.Deadline = StatusPaymentDue, earlier(now.Add(PaymentHold), b.Range.Start)
	}
	return b, nil
}

func (b *Booking) choosePackage(day availability.Day, id int64) error {
	for _, slot := range day.Packages {
		if int64(slot.Package.ID) != id {
			continue
		}
		if slot.Reason != availability.ReasonNone {
			return fault.Field(fieldOf(slot.Reason, "package_id"), reasonText(slot.Reason))
		}
		b.PackageID, b.PackageName, b.Range, b.Price = id, slot.Package.Name, slot.Range, slot.Package.Price
		return nil
	}
	return fault.Field("package_id", "this space has no such package")
}

func (b *Booking) chooseHours(day availability.Day, pricing space.Pricing, startHour, hours int) error {
	hourly, ok := pricing.Hourly()
	switch {
	case !ok:
		return fault.Field("package_id", "this space is sold by package only: choose one")
	case startHour < 0 || startHour > 23:
		return fault.Field("start_hour", "must be 0–23")
	case hours < hourly.MinHours || hours > MaxHours:
		return fault.Field("hours", fmt.Sprintf("must be %d–%d", hourly.MinHours, MaxHours))
	case day.Closed:
		return fault.Field("date", reasonText(availability.ReasonClosedDate))
	}
	first := startHour * 60
	need := hours
	for _, h := range day.Hours {
		if h.Minute < first || h.Minute >= first+hours*60 {
			continue
		}
		if h.Reason != availability.ReasonNone {
			return fault.Field(fieldOf(h.Reason, "start_hour"), reasonText(h.Reason))
		}
		need--
	}
	if need != 0 {
		return fault.Field("start_hour", reasonText(availability.ReasonClosedHours))
	}
	start := day.Date.At(first)
	b.Range = Range{Start: start.UTC(), End: start.Add(time.Duration(hours) * time.Hour).UTC()}
	b.Price = hourly.PricePerHour * space.Money(hours)
	return nil
}

// fieldOf says which field a reason faults: the date for the calendar's
// reasons, the chosen package or hour otherwise.
func fieldOf(r availability.Reason, choice string) string {
	switch r {
	case availability.ReasonClosedDate, availability.ReasonTooFar:
		return "date"
	}
	return choice
}

func reasonText(r availability.Reason) string {
	switch r {
	case availability.ReasonClosedDate:
		return "the space is closed on this date"
	case availability.ReasonClosedHours:
		return "outside the opening hours of this date"
	case availability.ReasonNotOffered:
		return "this package is not sold on this weekday"
	case availability.ReasonTooSoon:
		return fmt.Sprintf("bookings start at least %d minutes from now", int(availability.MinLead.Minutes()))
	case availability.ReasonTooFar:
		return fmt.Sprintf("bookings are taken at most %d days ahead", availability.MaxDaysAhead)
	}
	return string(r)
}

// checkDetails checks the booker's details, trimmed as they will be stored.
func checkDetails(req *Request) (Contact, error) {
	req.Purpose, req.Message = strings.TrimSpace(req.Purpose), strings.TrimSpace(req.Message)
	c := Contact{Name: strings.TrimSpace(req.Contact.Name), Phone: strings.TrimSpace(req.Contact.Phone), Email: strings.TrimSpace(req.Contact.Email)}
	if n := utf8.RuneCountInString(c.Name); n == 0 || n > MaxContactName {
		return Contact{}, fault.Field("contact.name", fmt.Sprintf("give 1–%d characters", MaxContactName))
	}
	if !validPhone(c.Phone) {
		return Contact{}, fault.Field("contact.phone", "give a phone number of 8–15 digits, e.g. 010-1234-5678")
	}
	if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email || len(c.Email) > MaxEmail {
		return Contact{}, fault.Field("contact.email", "give an e-mail address such as name@example.com")
	}
	if utf8.RuneCountInString(req.Purpose) > MaxPurpose {
		return Contact{}, fault.Field("purpose", fmt.Sprintf("at most %d characters", MaxPurpose))
	}
	if utf8.RuneCountInString(req.Message) > MaxMessage {
		return Contact{}, fault.Field("message", fmt.Sprintf("at most %d characters", MaxMessage))
	}
	return c, nil
}

// validPhone accepts digits with optional spaces, dashes and a leading +:
// 8–15 digits covers Korean numbers and E.164.
func validPhone(p string) bool {
	if len(p) > MaxPhone {
		return false
	}
	digits := 0
	for i, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == ' ':
		case r == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// CheckDate refuses a use date outside the bookable horizon (today to
// MaxDaysAhead days ahead) before anything is read for it.
func CheckDate(d calendar.Date, now time.Time) error {
	days := calendar.DateOf(now).DaysUntil(d)
	if d.IsZero() || days < 0 || days > availability.MaxDaysAhead {
		return fault.Field("date", fmt.Sprintf("bookings are taken for today up to %d days ahead", availability.MaxDaysAhead))
	}
	return nil
}
