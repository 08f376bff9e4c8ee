// Package service wires the use cases of app to their adapters, once, for
// the binary, the tests and the tools alike.
package service

import (
	"database/sql"

	"github.com/ourspace/ourspace/adapters/imaging"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
)

// Options are what differs between the binary, tests and tools.
type Options struct {
	Clock ports.Clock     // default: the system clock
	Media ports.MediaURLs // where photos are served from
	// Identity signs users in; nil leaves the sign-in use cases out (tests
	// that never sign in).
	Identity ports.IdentityProvider
	// Tokens signs and checks access tokens; nil leaves out every use case
	// that needs a signed-in caller's session.
	Tokens        ports.AccessTokens
	WelcomePoints int64 // default: points.DefaultWelcomeGrant
	// Objects keeps photos; nil leaves the hosting use cases out, and
	// writing and deleting reviews (tests that never host or review).
	Objects ports.ObjectStore
	// Photos checks and re-encodes uploads; default: imaging with at most
	// two photos decoded at once (each may take ~400 MiB near the limit).
	Photos ports.PhotoProcessor
	// Notifier delivers the outbox's events (webhooks); nil leaves the
	// delivery worker out. DeliveryAttempts bounds its tries per event
	// (default command.DefaultDeliveryAttempts).
	Notifier         ports.Notifier
	DeliveryAttempts int
}

// NewApplication builds every use case on db.
func NewApplication(db *sql.DB, o Options) app.Application {
	if o.Clock == nil {
		o.Clock = ports.SystemClock{}
	}
	if o.WelcomePoints == 0 {
		o.WelcomePoints = 100_000
	}
	store := mysql.NewStore(db)
	spaces := mysql.NewSpaceReader(db)
	bookings := mysql.NewBookingReader(db)
	likes := mysql.NewLikeReader(db)
	a := app.Application{
		Commands: app.Commands{
			SignOut:           command.NewSignOutHandler(store, o.Clock),
			CreateBooking:     command.NewCreateBookingHandler(store, o.Clock),
			PayBooking:        command.NewPayBookingHandler(store, o.Clock),
			CancelBooking:     command.NewCancelBookingHandler(store, o.Clock),
			AnswerBooking:     command.NewAnswerBookingHandler(store, o.Clock),
			SweepBookings:     command.NewSweepBookingsHandler(store, o.Clock),
			ReadNotifications: command.NewReadNotificationsHandler(store, o.Clock),
			LikeSpace:         command.NewLikeSpaceHandler(store, o.Clock),
		},
		Queries: app.Queries{
			Reference:         query.NewReferenceHandler(mysql.NewReferenceReader(db), o.Clock, query.ReferenceTTL),
			SearchSpaces:      query.NewSearchSpacesHandler(mysql.NewSpaceSearcher(db, mysql.NewTokenStats(db)), o.Media, o.Clock),
			GetSpace:          query.NewGetSpaceHandler(spaces, o.Media, o.Clock),
			SpaceAvailability: query.NewSpaceAvailabilityHandler(spaces, bookings, o.Clock),
			Me:                query.NewMeHandler(store),
			Bookings:          query.NewBookingsHandler(bookings, o.Media, o.Clock),
			HostSpaces:        query.NewHostSpacesHandler(mysql.NewHostSpaceLister(db), o.Media),
			Notifications:     query.NewNotificationsHandler(mysql.NewNotificationReader(db)),
			Likes:             query.NewLikesHandler(likes, o.Media),
		},
	}
	a.Commands.EditReview = command.NewEditReviewHandler(store, o.Clock)
	a.Commands.ReplyReview = command.NewReplyReviewHandler(store, o.Clock)
	a.Queries.Reviews = query.NewReviewsHandler(mysql.NewReviewReader(db), o.Media)
	if o.Notifier != nil {
		a.Commands.DeliverEvents = command.NewDeliverEventsHandler(store, o.Notifier, o.Clock, o.DeliveryAttempts)
	}
	if o.Objects != nil {
		if o.Photos == nil {
			o.Photos = imaging.New(imaging.Options{MaxDecodes: 2})
		}
		a.Commands.CreateSpace = command.NewCreateSpaceHandler(store, o.Objects, o.Photos, o.Clock)
		a.Commands.EditSpace = command.NewEditSpaceHandler(store, o.Objects, o.Photos, o.Clock)
		a.Commands.SpacePhotos = command.NewSpacePhotosHandler(store, o.Objects, o.Photos, o.Clock)
		a.Commands.SweepObjects = command.NewSweepObjectsHandler(store, o.Objects, o.Clock)
		a.Commands.CreateReview = command.NewCreateReviewHandler(store, o.Objects, o.Photos, o.Clock)
		a.Commands.DeleteReview = command.NewDeleteReviewHandler(store, o.Objects, o.Photos, o.Clock)
	}
	if o.Tokens != nil {
		a.Commands.RefreshSession = command.NewRefreshSessionHandler(store, o.Tokens, o.Clock)
		a.Queries.Authenticate = query.NewAuthenticateHandler(o.Tokens, store, o.Clock)
		if o.Identity != nil {
			a.Commands.SignInWithIDToken = command.NewSignInWithIDTokenHandler(o.Identity, store, o.Tokens, o.Clock, o.WelcomePoints)
			a.Commands.WebLogin = command.NewWebLoginHandler(o.Identity, store, o.Tokens, o.Clock, o.WelcomePoints)
		}
	}
	return a
}
