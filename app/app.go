// Package app lists the use cases of OurSpace. Adapters drive them; cmd wires
// them to their ports.
package app

import (
	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/query"
)

// Application is every use case, grouped by side.
type Application struct {
	Commands Commands
	Queries  Queries
}

// Commands are the write-side use cases.
type Commands struct {
	SignInWithIDToken command.SignInWithIDTokenHandler
	WebLogin          command.WebLoginHandler
	RefreshSession    command.RefreshSessionHandler
	SignOut           command.SignOutHandler
	CreateBooking     command.CreateBookingHandler
	PayBooking        command.PayBookingHandler
	CancelBooking     command.CancelBookingHandler
	AnswerBooking     command.AnswerBookingHandler
	SweepBookings     command.SweepBookingsHandler
	CreateSpace       command.CreateSpaceHandler
	EditSpace         command.EditSpaceHandler
	SpacePhotos       command.SpacePhotosHandler
	SweepObjects      command.SweepObjectsHandler
	DeliverEvents     command.DeliverEventsHandler
	PruneHistory      command.PruneHistoryHandler
	ReadNotifications command.ReadNotificationsHandler
	LikeSpace         command.LikeSpaceHandler
	CreateReview      command.CreateReviewHandler
	EditReview        command.EditReviewHandler
	DeleteReview      command.DeleteReviewHandler
	ReplyReview       command.ReplyReviewHandler
}

// Queries are the read-side use cases.
type Queries struct {
	Reference         query.ReferenceHandler
	SearchSpaces      query.SearchSpacesHandler
	GetSpace          query.GetSpaceHandler
	SpaceAvailability query.SpaceAvailabilityHandler
	SpaceCalendar     query.SpaceCalendarHandler
	Authenticate      query.AuthenticateHandler
	Me                query.MeHandler
	Bookings          query.BookingsHandler
	HostSpaces        query.HostSpacesHandler
	Notifications     query.NotificationsHandler
	Likes             query.LikesHandler
	Reviews           query.ReviewsHandler
}
