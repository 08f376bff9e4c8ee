package query

import (
	"context"
	"time"

	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/calendar"
	"github.com/ourspace/ourspace/domain/search"
)

// ReferenceReader reads the marketplace's reference data.
type ReferenceReader interface {
	Districts(ctx context.Context) ([]District, error)
	Categories(ctx context.Context) ([]Category, error)
	Facilities(ctx context.Context) ([]Facility, error)
}

// Keyset is the position after which a page starts: the last item's sort
// value and id.
type Keyset struct {
	Key int64
	ID  int64
}

// SearchRequest is one page of a search as the read model runs it.
type SearchRequest struct {
	Filter search.Filter
	Sort   search.Sort
	After  *Keyset
	Limit  int
	Now    time.Time
	Viewer int64 // whose likes the cards' Liked tells; 0: anonymous
	Count  bool  // count the matches too (see Total)
}

// SearchResult is what a read model finds for a SearchRequest.
type SearchResult struct {
	Cards []SpaceCard
	Total *Total // nil unless the request asked for the count
}

// SpaceSearcher runs searches. It must return what search.Filter.Matches
// accepts, in the sort's order, with photo object keys in Photos (the use
// case turns them into URLs) and the viewer's likes, in at most one statement
// whatever the page size. The names of the cards' category and district
// may be left empty: a handler WithNames gives them from memory.
type SpaceSearcher interface {
	SearchSpaces(ctx context.Context, req SearchRequest) (SearchResult, error)
}

// SpaceDetailRequest asks for one space's detail page.
type SpaceDetailRequest struct {
	ID     int64
	Viewer int64         // whose like SpaceDetail.Liked tells; 0 (anonymous) likes nothing
	Today  calendar.Date // closed dates are listed from this date
}

// SpaceReader reads one space for its detail page and calendar. Photo and
// icon fields hold object keys; ErrNotFound-wrapping errors for unknown ids.
type SpaceReader interface {
	// SpaceDetail reads a space in any status, with its LatestReviews
	// newest reviews and the viewer's like, in at most two statements.
	SpaceDetail(ctx context.Context, req SpaceDetailRequest) (SpaceDetail, error)
	// SpaceCalendar reads what availability needs of a space from one day
	// to another (its closed dates between them), in one statement.
	SpaceCalendar(ctx context.Context, id int64, from, to calendar.Date) (Calendar, error)
}

// BookingReader reads the bookings that may block a space.
type BookingReader interface {
	BookingsOverlapping(ctx context.Context, spaceID int64, r booking.Range) ([]booking.Blocking, error)
}

// BookingItem is a booking with the card of its space.
type BookingItem struct {
	Booking  booking.Booking
	Space    BookingSpace
	ReviewID int64 // the booking's review (by its guest); 0 until reviewed
}

// GuestBookingsRequest is one page of a guest's bookings in one tab, latest
// use first.
type GuestBookingsRequest struct {
	GuestID int64
	Tab     booking.Tab
	Now     time.Time
	Before  *Keyset // Key: start instant in Unix microseconds
	Limit   int
}

// HostBookingsRequest is one page of the bookings of a host's spaces,
// earliest use first.
type HostBookingsRequest struct {
	HostID  int64
	SpaceID int64         // 0: every space of the host
	From    calendar.Date // zero: unbounded
	To      calendar.Date // zero: unbounded
	After   *Keyset       // Key: start instant in Unix microseconds
	Limit   int
}

// BookingLister reads bookings with their spaces' cards (photo fields hold
// object keys), each list in a constant number of queries.
type BookingLister interface {
	// BookingWithSpace reads one booking; booking.ErrNotFound when unknown.
	BookingWithSpace(ctx context.Context, id int64) (BookingItem, error)
	GuestBookings(ctx context.Context, req GuestBookingsRequest) ([]BookingItem, error)
	HostBookings(ctx context.Context, req HostBookingsRequest) ([]BookingItem, error)
}
