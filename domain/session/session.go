// Package session holds our own sign-in sessions: a family of refresh tokens,
// each used once. A refresh token that comes back moments after it was
// rotated (two tabs, a retried request) is answered with the successor it
// already has; later, its return means it was stolen (or replayed), so the
// whole family is revoked.
package session

import (
	"context"
	"errors"
	"time"
)

// Lifetimes of our tokens.
const (
	AccessTTL  = 15 * time.Minute
	RefreshTTL = 30 * 24 * time.Hour
	// DefaultRefreshGrace is how long a rotated refresh token still gets its
	// successor instead of revoking the session.
	DefaultRefreshGrace = 10 * time.Second
)

// Errors of sessions. All of them mean "sign in again".
var (
	ErrUnknown = errors.New("unknown refresh token")
	ErrRevoked = errors.New("session revoked")
	ErrExpired = errors.New("session expired")
	ErrReused  = errors.New("refresh token reused: session revoked")
	// ErrJustRotated is not a failure: the token was rotated within the
	// grace window, so the caller answers with its successor.
	ErrJustRotated = errors.New("refresh token rotated moments ago")
)

// Token is one refresh token of a family, as stored (by hash).
type Token struct {
	ID        int64
	FamilyID  string
	UserID    int64
	ExpiresAt time.Time
	RotatedAt *time.Time
	RevokedAt *time.Time
}

// CheckRefresh says whether the token may be exchanged for a new one at now.
// A token rotated no more than grace ago gives ErrJustRotated (hand out the
// successor again); rotated earlier, ErrReused (revoke the family).
func (t Token) CheckRefresh(now time.Time, grace time.Duration) error {
	switch {
	case t.RevokedAt != nil:
		return ErrRevoked
	case t.RotatedAt != nil && grace > 0 && now.Sub(*t.RotatedAt) <= grace:
		return ErrJustRotated
	case t.RotatedAt != nil:
		return ErrReused
	case !now.Before(t.ExpiresAt):
		return ErrExpired
	}
	return nil
}

// Repository stores refresh tokens by their SHA-256 hash. Implementations run
// inside the caller's transaction.
type Repository interface {
	// Create stores a token of a family.
	Create(ctx context.Context, familyID string, userID int64, hash []byte, now, expires time.Time) (Token, error)
	// ByHashForUpdate finds a token and locks it; ErrUnknown when there is none.
	ByHashForUpdate(ctx context.Context, hash []byte) (Token, error)
	// MarkRotated records that the token was exchanged.
	MarkRotated(ctx context.Context, id int64, now time.Time) error
	// RevokeFamily revokes every token of a family.
	RevokeFamily(ctx context.Context, familyID string, now time.Time) error
	// FamilyActive reports whether a family of that user still has an
	// unrevoked token.
	FamilyActive(ctx context.Context, familyID string, userID int64) (bool, error)
}

// LoginCodeTTL is how long the one-time code of a web login may wait to be
// exchanged for tokens.
const LoginCodeTTL = 2 * time.Minute

// ErrBadLoginCode means the code is unknown, used, expired, or presented by
// another browser than the one that signed in.
var ErrBadLoginCode = errors.New("login code unknown, used, expired or from another browser")

// LoginCodes stores the one-time codes that hand a web login over to the
// front end, by SHA-256 hash, each bound to the browser that signed in (by
// the SHA-256 of a secret that browser holds). Implementations run inside
// the caller's transaction.
type LoginCodes interface {
	// CreateLoginCode stores a code for a user, noting whether the login
	// created the account and which browser it belongs to.
	CreateLoginCode(ctx context.Context, hash, browserHash []byte, userID int64, newUser bool, now, expires time.Time) error
	// ConsumeLoginCode marks a code used and gives its user and whether the
	// login created it; ErrBadLoginCode when it is unknown, used, expired
	// or bound to another browser (whose code stays usable by its own).
	ConsumeLoginCode(ctx context.Context, hash, browserHash []byte, now time.Time) (userID int64, newUser bool, err error)
}

// ErrIDTokenReused means a device ID token that already signed in came
// back: each signs in once.
var ErrIDTokenReused = errors.New("ID token already used")

// UsedIDTokens remembers the device ID tokens that signed in, by a key the
// identity provider gives each, until they expire (a later replay fails the
// token's own expiry check). Implementations run inside the caller's
// transaction, so a sign-in that fails leaves its token unused.
type UsedIDTokens interface {
	// UseIDToken records the token; ErrIDTokenReused when it was recorded
	// before.
	UseIDToken(ctx context.Context, key []byte, expires, now time.Time) error
	// ForgetExpiredIDTokens drops at most limit tokens that expired before
	// now.
	ForgetExpiredIDTokens(ctx context.Context, now time.Time, limit int) error
}
