package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
)

// ContactIn is who the host can reach about a booking.
type ContactIn struct {
	Name  string `json:"name" minLength:"1" maxLength:"100" example:"김민지"`
	Phone string `json:"phone" minLength:"8" maxLength:"32" example:"010-1234-5678"`
	Email string `json:"email" minLength:"3" maxLength:"320" format:"email" example:"minji@example.com"`
}

// NewBooking is a booking request: a package, or a run of whole hours.
type NewBooking struct {
	SpaceID   int64     `json:"space_id" minimum:"1"`
	Date      string    `json:"date" format:"date" doc:"Seoul use date (YYYY-MM-DD), today up to 90 days ahead; an overnight package ends the next day"`
	PackageID int64     `json:"package_id,omitempty" minimum:"1" doc:"Book this package whole; or give start_hour and hours"`
	StartHour *int      `json:"start_hour,omitempty" minimum:"0" maximum:"23" doc:"Book by the hour from this hour (Seoul time)" example:"14"`
	Hours     int       `json:"hours,omitempty" minimum:"1" maximum:"24" doc:"How many hours, at least the space's minimum" example:"3"`
	People    int       `json:"people" minimum:"1" maximum:"500" example:"6"`
	Contact   ContactIn `json:"contact"`
	Purpose   string    `json:"purpose,omitempty" maxLength:"200" example:"생일 파티"`
	Message   string    `json:"message,omitempty" maxLength:"2000" doc:"A message to the host"`
}

// Booking is a reservation as its guest and host see it.
type Booking struct {
	ID           int64           `json:"id" example:"1042"`
	Status       string          `json:"status" enum:"requested,payment_due,confirmed,completed,cancelled_by_guest,cancelled_by_host,declined,expired" doc:"requested: waiting for the host; payment_due: pay before deadline; an unpaid hold past its deadline reads expired"`
	SpaceID      int64           `json:"space_id"`
	Space        *BookingSpace   `json:"space,omitempty" doc:"The booked space's card (on reads)"`
	GuestID      int64           `json:"guest_id"`
	HostID       int64           `json:"host_id"`
	Date         string          `json:"date" format:"date" doc:"Seoul use date"`
	Start        time.Time       `json:"start"`
	End          time.Time       `json:"end"`
	Deadline     *time.Time      `json:"deadline,omitempty" doc:"Pay (payment_due) or answer (requested) before this instant"`
	PackageID    int64           `json:"package_id,omitempty" doc:"The package booked; absent when booked by the hour"`
	PackageName  string          `json:"package_name,omitempty"`
	Hours        int             `json:"hours,omitempty" doc:"Hours booked; absent for packages"`
	People       int             `json:"people"`
	Price        int64           `json:"price" doc:"Won, computed by the server when booked"`
	Refunded     int64           `json:"refunded" doc:"Points returned on cancellation"`
	RefundPolicy RefundPolicyOut `json:"refund_policy" doc:"The policy in force at payment (at booking until paid)"`
	Contact      ContactIn       `json:"contact"`
	Purpose      string          `json:"purpose,omitempty"`
	Message      string          `json:"message,omitempty"`
	CreatedAt    time.Time       `json:"created_at"`
	PaidAt       *time.Time      `json:"paid_at,omitempty"`
	CancelledAt  *time.Time      `json:"cancelled_at,omitempty" doc:"When it was cancelled, declined or expired"`
	ReviewID     *int64          `json:"review_id,omitempty" doc:"The guest's review of this booking (GET /v1/reviews/{id}; edit, delete or reply to it there); absent until reviewed, and on the answers of writes"`
	Reviewable   bool            `json:"reviewable" doc:"The guest may review it now (POST /v1/bookings/{id}/review): completed, within 14 days of its end, not reviewed yet. False on the answers of writes"`
}

// BookingSpace is the card of a booked space.
type BookingSpace struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Address  string `json:"address"`
	District Ref    `json:"district"`
	Category Ref    `json:"category"`
	PhotoURL string `json:"photo_url,omitempty"`
}

// RefundQuote is what a cancellation refunds.
type RefundQuote struct {
	BookingID  int64 `json:"booking_id"`
	Paid       int64 `json:"paid" doc:"Points paid for the booking (0 while unpaid)"`
	Refund     int64 `json:"refund" doc:"Points returned"`
	Percent    int   `json:"percent" doc:"Share of paid refunded"`
	DaysBefore int   `json:"days_before" doc:"Seoul calendar days from today to the use date"`
	ByHost     bool  `json:"by_host" doc:"Cancelled by the host: everything is refunded"`
}

// Cancellation is a cancelled booking and its refund.
type Cancellation struct {
	Booking Booking     `json:"booking"`
	Refund  RefundQuote `json:"refund"`
}

// BookingList is a page of bookings.
type BookingList struct {
	Items      []Booking `json:"items"`
	NextCursor string    `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page"`
}

// IdempotencyHeader is the retry key of a write (embedded in write inputs).
type IdempotencyHeader struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"255" pattern:"^[\\x21-\\x7e]+$" doc:"A fresh random key per intended write (e.g. a UUID). Sending it again with the same request returns the first answer without acting twice (kept 24 hours); with a different request it is refused (422)."`
}

type createBookingInput struct {
	IdempotencyHeader
	Body NewBooking
}

type createBookingOutput struct {
	Location string `header:"Location"`
	Body     Booking
}

type bookingIDInput struct {
	ID int64 `path:"id" minimum:"1" doc:"Booking id"`
}

type bookingWriteInput struct {
	IdempotencyHeader
	ID int64 `path:"id" minimum:"1" doc:"Booking id"`
}

type bookingOutput struct{ Body Booking }

type cancellationOutput struct{ Body Cancellation }

type quoteOutput struct{ Body RefundQuote }

type myBookingsInput struct {
	Status string `query:"status" enum:"upcoming,past,cancelled" default:"upcoming" doc:"upcoming: requested, awaiting payment or confirmed and not yet over; past: used; cancelled: cancelled, declined or expired"`
	Cursor string `query:"cursor" maxLength:"200"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type hostBookingsInput struct {
	Space  int64  `query:"space" minimum:"1" doc:"Only this space of yours"`
	From   string `query:"from" format:"date" doc:"Use dates from (Seoul, inclusive; YYYY-MM-DD, 2000-01-01 to 2199-12-31)"`
	To     string `query:"to" format:"date" doc:"Use dates to (Seoul, inclusive; YYYY-MM-DD, 2000-01-01 to 2199-12-31)"`
	Cursor string `query:"cursor" maxLength:"200"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type bookingListOutput struct{ Body BookingList }

func (h handlers) registerBookings(api huma.API) {
	tags := []string{"Bookings"}
	huma.Register(api, huma.Operation{
		OperationID: "create-booking", Method: http.MethodPost, Path: "/v1/bookings", Tags: tags, Security: bearer,
		Summary: "Book a space", DefaultStatus: http.StatusCreated, Errors: []int{401, 404, 409, 422, 500},
		Description: "Books a package, or a run of whole hours, on a Seoul date. Instant spaces answer payment_due with a 15-minute hold " +
			"(pay before deadline); approval spaces answer requested and the host has 3 hours. The price is computed here. " +
			"A range taken by another booking is 409 with the taken range in errors[0].value; a broken rule is 422 naming the field.",
	}, func(ctx context.Context, in *createBookingInput) (*createBookingOutput, error) {
		date, err := calendar.ParseDate(in.Body.Date)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		start := -1
		if in.Body.StartHour != nil {
			start = *in.Body.StartHour
		}
		req := booking.Request{SpaceID: in.Body.SpaceID, GuestID: caller(ctx).UserID, Date: date, PackageID: in.Body.PackageID,
			StartHour: start, Hours: in.Body.Hours, People: in.Body.People,
			Contact: booking.Contact{Name: in.Body.Contact.Name, Phone: in.Body.Contact.Phone, Email: in.Body.Contact.Email},
			Purpose: in.Body.Purpose, Message: in.Body.Message}
		v, err := h.app.Commands.CreateBooking.Handle(ctx, req, in.IdempotencyKey)
		if err != nil {
			return nil, problem(ctx, err, "body")
		}
		return &createBookingOutput{Location: "/v1/bookings/" + strconv.FormatInt(v.ID, 10), Body: bookingOut(v)}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "get-booking", Method: http.MethodGet, Path: "/v1/bookings/{id}", Tags: tags, Security: bearer,
		Summary: "A booking", Description: "Only its guest and the space's host see a booking; to anyone else it is 404.",
		Errors: []int{401, 404, 500},
	}, func(ctx context.Context, in *bookingIDInput) (*bookingOutput, error) {
		v, err := h.app.Queries.Bookings.Get(ctx, caller(ctx).UserID, in.ID)
		if err != nil {
			return nil, problem(ctx, err, "path")
		}
		return &bookingOutput{Body: bookingOut(v)}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "pay-booking", Method: http.MethodPost, Path: "/v1/bookings/{id}/pay", Tags: tags, Security: bearer,
		Summary: "Pay a booking with points", Errors: []int{401, 402, 404, 409, 422, 500},
		Description: "Debits the price from the guest's points and confirms the booking, at once. Too few points is 402 and changes nothing; " +
			"a hold past its deadline is 409.",
	}, func(ctx context.Context, in *bookingWriteInput) (*bookingOutput, error) {
		v, err := h.app.Commands.PayBooking.Handle(ctx, command.PayBooking{GuestID: caller(ctx).UserID, BookingID: in.ID}, in.IdempotencyKey)
		if err != nil {
			return nil, problem(ctx, err, "path")
		}
		return &bookingOutput{Body: bookingOut(v)}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "cancel-booking", Method: http.MethodPost, Path: "/v1/bookings/{id}/cancel", Tags: tags, Security: bearer,
		Summary: "Cancel a booking", Errors: []int{401, 404, 409, 422, 500},
		Description: "By the guest: refunds the booking's policy share for the Seoul days left before the use date (see refund-quote). " +
			"By the host: refunds everything. A booking that has started cannot be cancelled.",
	}, func(ctx context.Context, in *bookingWriteInput) (*cancellationOutput, error) {
		c, err := h.app.Commands.CancelBooking.Handle(ctx, command.CancelBooking{UserID: caller(ctx).UserID, BookingID: in.ID}, in.IdempotencyKey)
		if err != nil {
			return nil, problem(ctx, err, "path")
		}
		return &cancellationOutput{Body: Cancellation{Booking: bookingOut(c.Booking), Refund: quoteOut(c.Quote)}}, nil
	})
	for _, approve := range []bool{true, false} {
		id, path, summary := "approve-booking", "/v1/bookings/{id}/approve", "Approve a booking request"
		if !approve {
			id, path, summary = "decline-booking", "/v1/bookings/{id}/decline", "Decline a booking request"
		}
		huma.Register(api, huma.Operation{
			OperationID: id, Method: http.MethodPost, Path: path, Tags: tags, Security: bearer, Summary: summary,
			Description: "For the space's host, within 3 hours of the request. An approved request waits an hour for the guest's payment.",
			Errors:      []int{401, 404, 409, 422, 500},
		}, func(ctx context.Context, in *bookingWriteInput) (*bookingOutput, error) {
			v, err := h.app.Commands.AnswerBooking.Handle(ctx, command.AnswerBooking{HostID: caller(ctx).UserID, BookingID: in.ID, Approve: approve}, in.IdempotencyKey)
			if err != nil {
				return nil, problem(ctx, err, "path")
			}
			return &bookingOutput{Body: bookingOut(v)}, nil
		})
	}
	huma.Register(api, huma.Operation{
		OperationID: "get-refund-quote", Method: http.MethodGet, Path: "/v1/bookings/{id}/refund-quote", Tags: tags, Security: bearer,
		Summary: "What cancelling now would refund", Errors: []int{401, 404, 409, 500},
		Description: "For the guest, the booking's policy share for the Seoul days left; for the host, everything. 409 when it can no longer be cancelled.",
	}, func(ctx context.Context, in *bookingIDInput) (*quoteOutput, error) {
		q, err := h.app.Queries.Bookings.Quote(ctx, caller(ctx).UserID, in.ID)
		if err != nil {
			return nil, problem(ctx, err, "path")
		}
		return &quoteOutput{Body: quoteOut(q)}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-my-bookings", Method: http.MethodGet, Path: "/v1/me/bookings", Tags: tags, Security: bearer,
		Summary: "My bookings", Description: "The caller's bookings in one tab, latest use date first, each with its space's card.",
		Errors: []int{401, 422, 500},
	}, func(ctx context.Context, in *myBookingsInput) (*bookingListOutput, error) {
		p, err := h.app.Queries.Bookings.Mine(ctx, caller(ctx).UserID, in.Status, in.Cursor, in.Limit)
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		return &bookingListOutput{Body: bookingListOut(p)}, nil
	})
	huma.Register(api, huma.Operation{
		OperationID: "list-hosting-bookings", Method: http.MethodGet, Path: "/v1/me/hosting/bookings", Tags: tags, Security: bearer,
		Summary: "Bookings of my spaces", Description: "Every booking of the caller's spaces (or one space), earliest use date first, with the guest's contact.",
		Errors: []int{401, 422, 500},
	}, func(ctx context.Context, in *hostBookingsInput) (*bookingListOutput, error) {
		p, err := h.app.Queries.Bookings.Hosting(ctx, query.HostBookingsQuery{HostID: caller(ctx).UserID, SpaceID: in.Space,
			From: in.From, To: in.To, Cursor: in.Cursor, Limit: in.Limit})
		if err != nil {
			return nil, problem(ctx, err, "query")
		}
		return &bookingListOutput{Body: bookingListOut(p)}, nil
	})
}

func bookingOut(v query.BookingView) Booking {
	out := Booking{ID: v.ID, Status: v.Status, SpaceID: v.SpaceID, GuestID: v.GuestID, HostID: v.HostID, Date: v.Date,
		Start: v.Start, End: v.End, Deadline: v.Deadline, PackageID: v.PackageID, PackageName: v.PackageName, People: v.People,
		Price: v.Price, Refunded: v.Refunded, RefundPolicy: RefundPolicyOut{Name: v.RefundPolicy, Rules: make([]RefundRuleOut, len(v.RefundRules))},
		Contact: ContactIn{Name: v.ContactName, Phone: v.ContactPhone, Email: v.ContactEmail}, Purpose: v.Purpose, Message: v.Message,
		CreatedAt: v.CreatedAt, PaidAt: v.PaidAt, CancelledAt: v.CancelledAt, Reviewable: v.Reviewable}
	if v.ReviewID != 0 {
		out.ReviewID = &v.ReviewID
	}
	for i, r := range v.RefundRules {
		out.RefundPolicy.Rules[i] = RefundRuleOut{MinDaysBefore: r.MinDaysBefore, Percent: r.Percent}
	}
	if v.PackageID == 0 {
		out.Hours = int(v.End.Sub(v.Start) / time.Hour)
	}
	if s := v.Space; s != nil {
		out.Space = &BookingSpace{ID: s.ID, Title: s.Title, Address: s.Address, District: Ref(s.District), Category: Ref(s.Category), PhotoURL: s.PhotoURL}
	}
	return out
}

func quoteOut(q query.RefundQuote) RefundQuote {
	return RefundQuote{BookingID: q.BookingID, Paid: q.Paid, Refund: q.Refund, Percent: q.Percent, DaysBefore: q.DaysBefore, ByHost: q.ByHost}
}

func bookingListOut(p query.BookingPage) BookingList {
	out := BookingList{Items: make([]Booking, len(p.Items)), NextCursor: p.NextCursor}
	for i, v := range p.Items {
		out.Items[i] = bookingOut(v)
	}
	return out
}
