// Package session holds our own sign-in sessions: a family of refresh tokens,
// each used once. A refresh token that comes back after it was rotated means
// it was stolen (or replayed), so the whole family is revoked.
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
)

// Errors of sessions. All of them mean "sign in again".
var (
	ErrUnknown = errors.New("unknown refresh token")
	ErrRevoked = errors.New("session revoked")
	ErrExpired = errors.New("session expired")
	ErrReused  = errors.New("refresh token reused: session revoked")
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
// ErrReused tells the caller to revoke the family.
func (t Token) CheckRefresh(now time.Time) error {
	switch {
	case t.RevokedAt != nil:
		return ErrRevoked
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
	// FamilyActive reports whether a family still has an unrevoked token.
	FamilyActive(ctx context.Context, familyID string) (bool, error)
}

// LoginCodeTTL is how long the one-time code of a web login may wait to be
// exchanged for tokens.
const LoginCodeTTL = 2 * time.Minute

// ErrBadLoginCode means the code is unknown, used or expired.
var ErrBadLoginCode = errors.New("login code unknown, used or expired")

// LoginCodes stores the one-time codes that hand a web login over to the
// front end, by SHA-256 hash. Implementations run inside the caller's transaction.
type LoginCodes interface {
	// CreateLoginCode stores a code for a user, noting whether the login
	// created the account.
	CreateLoginCode(ctx context.Context, hash []byte, userID int64, newUser bool, now, expires time.Time) error
	// ConsumeLoginCode marks a code used and gives its user and whether the
	// login created it; ErrBadLoginCode when it is unknown, used or expired.
	ConsumeLoginCode(ctx context.Context, hash []byte, now time.Time) (userID int64, newUser bool, err error)
}
