// Package command holds the write-side use cases.
package command

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/user"
)

// Tokens are what a sign-in or a refresh hands the client.
type Tokens struct {
	UserID           int64
	NewUser          bool
	AccessToken      string
	AccessExpiresAt  time.Time
	RefreshToken     string
	RefreshExpiresAt time.Time
}

// accounts is what the sign-in use cases share: storage, tokens, the clock
// and the welcome grant.
type accounts struct {
	store   ports.Store
	tokens  ports.AccessTokens
	clock   ports.Clock
	welcome int64
}

func newAccounts(store ports.Store, tokens ports.AccessTokens, clock ports.Clock, welcome int64) accounts {
	if store == nil || tokens == nil || clock == nil {
		panic("command: nil dependency for accounts")
	}
	if welcome <= 0 {
		panic("command: the welcome grant must be positive")
	}
	return accounts{store: store, tokens: tokens, clock: clock, welcome: welcome}
}

// upsertUser creates or refreshes the identity's user in the caller's
// transaction, with the welcome grant when it is new, so a user never exists
// without the grant nor gets it twice.
func (a accounts) upsertUser(ctx context.Context, r ports.Repositories, id user.Identity, now time.Time) (user.User, bool, error) {
	u, created, err := r.Users.Upsert(ctx, id, now)
	if err != nil || !created {
		return u, created, err
	}
	grant, err := points.NewGrant(int64(u.ID), a.welcome, now)
	if err != nil {
		return user.User{}, false, err
	}
	if _, err := r.Points.Append(ctx, grant); err != nil {
		return user.User{}, false, fmt.Errorf("welcome grant: %w", err)
	}
	return u, true, nil
}

// newTokens stores refresh as a token of family (a new family when empty)
// and signs an access token for it.
func (a accounts) newTokens(ctx context.Context, r ports.Repositories, userID int64, family, refresh string, now time.Time) (Tokens, error) {
	if family == "" {
		family = hex.EncodeToString(randomBytes(16))
	}
	refreshExpires := now.Add(session.RefreshTTL)
	if _, err := r.Sessions.Create(ctx, family, userID, hash(refresh), now, refreshExpires); err != nil {
		return Tokens{}, fmt.Errorf("store refresh token: %w", err)
	}
	return a.withAccess(Tokens{UserID: userID, RefreshToken: refresh, RefreshExpiresAt: refreshExpires}, family, now)
}

// withAccess adds a fresh access token of the family to t.
func (a accounts) withAccess(t Tokens, family string, now time.Time) (Tokens, error) {
	t.AccessExpiresAt = now.Add(session.AccessTTL)
	access, err := a.tokens.Issue(ports.AccessClaims{UserID: t.UserID, FamilyID: family}, now, t.AccessExpiresAt)
	if err != nil {
		return Tokens{}, fmt.Errorf("sign access token: %w", err)
	}
	t.AccessToken = access
	return t, nil
}

// signIn upserts the user and opens a session, in one transaction, after
// first (when not nil) in the same transaction.
func (a accounts) signIn(ctx context.Context, id user.Identity, first func(r ports.Repositories, now time.Time) error) (Tokens, error) {
	var out Tokens
	err := a.store.InTx(ctx, func(r ports.Repositories) error {
		now := a.clock.Now()
		if first != nil {
			if err := first(r, now); err != nil {
				return err
			}
		}
		u, created, err := a.upsertUser(ctx, r, id, now)
		if err != nil {
			return err
		}
		out, err = a.newTokens(ctx, r, int64(u.ID), "", randomToken(), now)
		out.NewUser = created
		return err
	})
	return out, err
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never happens on supported platforms
	}
	return b
}

func randomToken() string { return base64.RawURLEncoding.EncodeToString(randomBytes(32)) }

// hash is how refresh tokens and login codes are stored: never in the clear.
func hash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// MinRotationKey is the shortest key accepted for deriving refresh tokens.
const MinRotationKey = 32

// successor is the refresh token that replaces refresh when it is rotated.
// Derived rather than drawn, so a retry of the rotation can be given the
// same one again although only its hash is stored; keyed, so no one holding
// an old token can compute the later ones.
func successor(key []byte, refresh string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("refresh successor:" + refresh))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
