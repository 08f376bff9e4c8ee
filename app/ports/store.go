package ports

import (
	"context"

	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/like"
	"github.com/ourspace/ourspace/domain/notification"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/review"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/space"
	"github.com/ourspace/ourspace/domain/user"
)

// Repositories are the domain's repositories, bound to one transaction (or
// to none, for reads).
type Repositories struct {
	Users         user.Repository
	Points        points.Repository
	Sessions      session.Repository
	LoginCodes    session.LoginCodes
	IDTokens      session.UsedIDTokens
	Bookings      booking.Repository
	Idempotency   IdempotencyKeys
	Spaces        space.Repository
	Pending       PendingObjects
	Notifications notification.Repository
	Outbox        Outbox
	Likes         like.Repository
	Reviews       review.Repository
}

// Store runs use cases' transactions. The use case decides where a
// transaction begins and ends; the database adapter carries it out.
type Store interface {
	// InTx runs fn in one transaction, committed when fn returns nil and
	// rolled back otherwise. fn may run more than once when the database
	// asks to retry (deadlock), so it must have no effects outside r.
	InTx(ctx context.Context, fn func(r Repositories) error) error
	// Read gives repositories outside any transaction, for reads.
	Read() Repositories
}
