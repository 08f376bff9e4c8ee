// Package service wires the use cases of app to their adapters, once, for
// the binary, the tests and the tools alike.
package service

import (
	"crypto/rand"
	"database/sql"
	"time"

	"github.com/ourspace/ourspace/adapters/imaging"
	"github.com/ourspace/ourspace/adapters/mysql"
	"github.com/ourspace/ourspace/app"
	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/app/query"
	"github.com/ourspace/ourspace/domain/session"
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
	Tokens ports.AccessTokens
	// RefreshKey derives each refresh token's successor (32+ bytes, the
	// same on every replica); nil draws one for this process.
	RefreshKey []byte
	// RefreshGrace is how long a rotated refresh token still gets its
	// successor again; zero takes session.DefaultRefreshGrace, a negative
	// value turns the window off.
	RefreshGrace  time.Duration
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
	// ReadReplica, when set, serves the discovery reads that tolerate a
	// replica's lag: reference lists, search, a listed space's detail and
	// its reviews. Writes, availability (read just before booking) and
	// every read of one's own things stay on the primary. See
	// docs/scaling.md.
	ReadReplica *sql.DB
	// DetailCacheSize bounds how many spaces' detail pages are kept in
	// memory, checked against the database on every read (see
	// mysql.DetailCache); 0 takes mysql.DefaultDetailCacheSize, a negative
	// value turns the cache off.
	DetailCacheSize int
}

// NewApplication builds every use case on db.
func NewApplication(db *sql.DB, o Options) app.Application {
	if o.Clock == nil {
		o.Clock = ports.SystemClock{}
	}
	if o.WelcomePoints == 0 {
		o.WelcomePoints = 100_000
	}
	read := db
	if o.ReadReplica != nil {
		read = o.ReadReplica
	}
	store := mysql.NewStore(db)
	spaces := mysql.NewSpaceReader(db)
	reference := query.NewReferenceHandler(mysql.NewReferenceReader(read), o.Clock, query.ReferenceTTL)
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
			PruneHistory:      command.NewPruneHistoryHandler(store, o.Clock),
			ReadNotifications: command.NewReadNotificationsHandler(store, o.Clock),
			LikeSpace:         command.NewLikeSpaceHandler(store, o.Clock),
		},
		Queries: app.Queries{
			Reference:         reference,
			SearchSpaces:      query.NewSearchSpacesHandler(mysql.NewSpaceSearcher(read, mysql.NewTokenStats(read)), o.Media, o.Clock).WithNames(reference),
			GetSpace:          query.NewGetSpaceHandler(mysql.NewSpaceReader(read).WithDetailCache(detailCache(o.DetailCacheSize)), o.Media, o.Clock).WithHostReader(spaces),
			SpaceAvailability: query.NewSpaceAvailabilityHandler(spaces, bookings, o.Clock),
			SpaceCalendar:     query.NewSpaceCalendarHandler(spaces, bookings, o.Clock),
			Me:                query.NewMeHandler(store),
			Bookings:          query.NewBookingsHandler(bookings, o.Media, o.Clock),
			HostSpaces:        query.NewHostSpacesHandler(mysql.NewHostSpaceLister(db), o.Media),
			Notifications:     query.NewNotificationsHandler(mysql.NewNotificationReader(db)),
			Likes:             query.NewLikesHandler(likes, o.Media),
		},
	}
	a.Commands.EditReview = command.NewEditReviewHandler(store, o.Clock)
	a.Commands.ReplyReview = command.NewReplyReviewHandler(store, o.Clock)
	a.Queries.Reviews = query.NewReviewsHandler(mysql.NewReviewReader(read), o.Media).WithOwnReader(mysql.NewReviewReader(db))
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
		a.Commands.RefreshSession = command.NewRefreshSessionHandler(store, o.Tokens, o.Clock, refreshRotation(o))
		a.Queries.Authenticate = query.NewAuthenticateHandler(o.Tokens, store, o.Clock)
		if o.Identity != nil {
			a.Commands.SignInWithIDToken = command.NewSignInWithIDTokenHandler(o.Identity, store, o.Tokens, o.Clock, o.WelcomePoints)
			a.Commands.WebLogin = command.NewWebLoginHandler(o.Identity, store, o.Tokens, o.Clock, o.WelcomePoints)
		}
	}
	return a
}

// refreshRotation is the rotation of refresh tokens the options ask for.
func refreshRotation(o Options) command.Rotation {
	r := command.Rotation{Key: o.RefreshKey, Grace: max(o.RefreshGrace, 0)}
	if r.Key == nil {
		r.Key = make([]byte, command.MinRotationKey)
		_, _ = rand.Read(r.Key) // never fails (crypto/rand)
	}
	if o.RefreshGrace == 0 {
		r.Grace = session.DefaultRefreshGrace
	}
	return r
}

// detailCache is the detail cache of Options.DetailCacheSize (nil: off),
// for the discovery reads only: a host's own reads stay on the primary and
// uncached.
func detailCache(size int) *mysql.DetailCache {
	switch {
	case size < 0:
		return nil
	case size == 0:
		size = mysql.DefaultDetailCacheSize
	}
	return mysql.NewDetailCache(size, mysql.DefaultDetailCacheTTL)
}
