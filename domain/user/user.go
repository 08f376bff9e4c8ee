// Package user holds accounts: who signed in, through which provider.
package user

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// ID identifies a user.
type ID int64

// Errors of accounts.
var (
	ErrNotFound        = errors.New("user not found")
	ErrInvalidIdentity = errors.New("invalid identity")
)

// Limits of profile fields, as the users table stores them.
const (
	MaxNickname = 100
	MaxURL      = 1024
	MaxEmail    = 320
	// DefaultNickname is shown when the provider gives no nickname (the user
	// declined that consent item).
	DefaultNickname = "게스트"
)

// Identity is who a provider says signed in. The account key is the
// provider's subject; the profile fields are refreshed on every login.
type Identity struct {
	Provider   string
	Subject    string
	Nickname   string
	PictureURL string
	Email      string
}

// NewIdentity validates and tidies what a verified ID token says: the subject
// is required; a missing nickname becomes DefaultNickname; over-long fields
// are cut (nickname) or dropped (URL, e-mail) rather than refusing a login.
func NewIdentity(provider, subject, nickname, pictureURL, email string) (Identity, error) {
	if provider == "" || subject == "" || len(subject) > 255 {
		return Identity{}, ErrInvalidIdentity
	}
	nickname = strings.TrimSpace(nickname)
	if nickname == "" {
		nickname = DefaultNickname
	}
	if utf8.RuneCountInString(nickname) > MaxNickname {
		nickname = string([]rune(nickname)[:MaxNickname])
	}
	if len(pictureURL) > MaxURL || (!strings.HasPrefix(pictureURL, "https://") && !strings.HasPrefix(pictureURL, "http://")) {
		pictureURL = ""
	}
	if len(email) > MaxEmail || !strings.Contains(email, "@") {
		email = ""
	}
	return Identity{Provider: provider, Subject: subject, Nickname: nickname, PictureURL: pictureURL, Email: email}, nil
}

// User is an account. Anyone signed in can be both guest and host.
type User struct {
	ID        ID
	Identity  Identity
	CreatedAt time.Time
}

// Repository stores users. Implementations run inside the caller's transaction.
type Repository interface {
	// Upsert stores the identity's user: created (created = true) when the
	// provider subject is new, else its profile refreshed. The user stays
	// locked for the rest of the transaction, so concurrent first logins of
	// one subject make one user.
	Upsert(ctx context.Context, id Identity, now time.Time) (u User, created bool, err error)
	// ByID reads a user; ErrNotFound when there is none.
	ByID(ctx context.Context, u ID) (User, error)
}
