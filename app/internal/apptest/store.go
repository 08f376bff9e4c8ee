// Package apptest holds in-memory fakes of the ports for the use cases'
// tests. They keep the contracts the real adapters keep (a rolled-back
// transaction leaves nothing behind, refresh tokens are found by hash, a
// login code is used once) and nothing more. They are not safe for
// concurrent use.
package apptest

import (
	"bytes"
	"context"
	"slices"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/booking"
	"github.com/ourspace/ourspace/domain/notification"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/session"
	"github.com/ourspace/ourspace/domain/user"
)

// StoredToken is a refresh token as the store keeps it: by hash.
type StoredToken struct {
	session.Token
	Hash []byte
}

type loginCode struct {
	hash, browser []byte
	userID        int64
	newUser       bool
	expires       time.Time
	used          bool
}

type usedIDToken struct {
	key     []byte
	expires time.Time
}

// state is everything the store holds. A transaction works on a copy and
// replaces the committed state only when it succeeds. Rows are replaced,
// never changed in place, so copying the slices is a deep enough copy.
type state struct {
	lastID  int64 // one sequence for every table: ids never collide across tables
	users   []user.User
	entries []points.Entry
	tokens  []StoredToken
	codes   []loginCode
	used    []usedIDToken
	// bookings and keys are the booking side (bookings.go).
	bookings []booking.Booking
	keys     []idemKey
	events   []notification.Event // notifications.go
}

func (s state) clone() state {
	s.users = slices.Clone(s.users)
	s.entries = slices.Clone(s.entries)
	s.tokens = slices.Clone(s.tokens)
	s.codes = slices.Clone(s.codes)
	s.used = slices.Clone(s.used)
	s.bookings = slices.Clone(s.bookings)
	s.keys = slices.Clone(s.keys)
	s.events = slices.Clone(s.events)
	return s
}

func (s *state) nextID() int64 {
	s.lastID++
	return s.lastID
}

// Store is an in-memory ports.Store.
type Store struct {
	committed state
	spaces    Spaces
	// Fail makes a repository method fail with the given error, by
	// "Repository.Method" name (e.g. "Points.Append"), inside and outside
	// transactions.
	Fail map[string]error
	// Commits and Rollbacks count finished transactions.
	Commits, Rollbacks int
}

var _ ports.Store = (*Store)(nil)

// NewStore gives an empty store.
func NewStore() *Store { return &Store{Fail: map[string]error{}} }

// InTx runs fn on a copy of the store and keeps the copy only when fn
// returns nil.
func (s *Store) InTx(_ context.Context, fn func(r ports.Repositories) error) error {
	tx := s.committed.clone()
	if err := fn(s.repositories(&tx)); err != nil {
		s.Rollbacks++
		return err
	}
	s.committed = tx
	s.Commits++
	return nil
}

// Read gives repositories over the committed state.
func (s *Store) Read() ports.Repositories { return s.repositories(&s.committed) }

func (s *Store) repositories(st *state) ports.Repositories {
	return ports.Repositories{
		Users:         users{s, st},
		Points:        ledger{s, st},
		Sessions:      sessions{s, st},
		LoginCodes:    sessions{s, st},
		IDTokens:      sessions{s, st},
		Bookings:      bookings{s, st},
		Idempotency:   keys{s, st},
		Notifications: notifications{s, st},
	}
}

func (s *Store) fail(method string) error { return s.Fail[method] }

// Users lists the committed users.
func (s *Store) Users() []user.User { return slices.Clone(s.committed.users) }

// Entries lists the committed ledger, oldest first.
func (s *Store) Entries() []points.Entry { return slices.Clone(s.committed.entries) }

// Tokens lists the committed refresh tokens, oldest first.
func (s *Store) Tokens() []StoredToken { return slices.Clone(s.committed.tokens) }

type users struct {
	s  *Store
	st *state
}

func (r users) Upsert(_ context.Context, id user.Identity, now time.Time) (user.User, bool, error) {
	if err := r.s.fail("Users.Upsert"); err != nil {
		return user.User{}, false, err
	}
	for i, u := range r.st.users {
		if u.Identity.Provider == id.Provider && u.Identity.Subject == id.Subject {
			u.Identity = id
			r.st.users[i] = u
			return u, false, nil
		}
	}
	u := user.User{ID: user.ID(r.st.nextID()), Identity: id, CreatedAt: now}
	r.st.users = append(r.st.users, u)
	return u, true, nil
}

func (r users) ByID(_ context.Context, id user.ID) (user.User, error) {
	if err := r.s.fail("Users.ByID"); err != nil {
		return user.User{}, err
	}
	for _, u := range r.st.users {
		if u.ID == id {
			return u, nil
		}
	}
	return user.User{}, user.ErrNotFound
}

type ledger struct {
	s  *Store
	st *state
}

func (r ledger) Append(_ context.Context, e points.Entry) (points.Entry, error) {
	if err := r.s.fail("Points.Append"); err != nil {
		return points.Entry{}, err
	}
	e.ID = r.st.nextID()
	r.st.entries = append(r.st.entries, e)
	return e, nil
}

func (r ledger) Balance(_ context.Context, userID int64) (int64, error) {
	if err := r.s.fail("Points.Balance"); err != nil {
		return 0, err
	}
	var sum int64
	for _, e := range r.st.entries {
		if e.UserID == userID {
			sum += e.Amount
		}
	}
	return sum, nil
}

func (r ledger) LockWallet(context.Context, int64) error { return r.s.fail("Points.LockWallet") }

func (r ledger) List(_ context.Context, userID, beforeID int64, limit int) ([]points.Entry, error) {
	if err := r.s.fail("Points.List"); err != nil {
		return nil, err
	}
	var out []points.Entry
	// Ids grow with time, so walking backwards is newest first.
	for i := len(r.st.entries) - 1; i >= 0 && len(out) < limit; i-- {
		e := r.st.entries[i]
		if e.UserID == userID && (beforeID == 0 || e.ID < beforeID) {
			out = append(out, e)
		}
	}
	return out, nil
}

type sessions struct {
	s  *Store
	st *state
}

func (r sessions) Create(_ context.Context, familyID string, userID int64, hash []byte, _, expires time.Time) (session.Token, error) {
	if err := r.s.fail("Sessions.Create"); err != nil {
		return session.Token{}, err
	}
	t := StoredToken{Token: session.Token{ID: r.st.nextID(), FamilyID: familyID, UserID: userID, ExpiresAt: expires}, Hash: slices.Clone(hash)}
	r.st.tokens = append(r.st.tokens, t)
	return t.Token, nil
}

func (r sessions) ByHashForUpdate(_ context.Context, hash []byte) (session.Token, error) {
	if err := r.s.fail("Sessions.ByHashForUpdate"); err != nil {
		return session.Token{}, err
	}
	for _, t := range r.st.tokens {
		if bytes.Equal(t.Hash, hash) {
			return t.Token, nil
		}
	}
	return session.Token{}, session.ErrUnknown
}

func (r sessions) MarkRotated(_ context.Context, id int64, now time.Time) error {
	if err := r.s.fail("Sessions.MarkRotated"); err != nil {
		return err
	}
	for i, t := range r.st.tokens {
		if t.ID == id {
			t.RotatedAt = &now
			r.st.tokens[i] = t
		}
	}
	return nil
}

func (r sessions) RevokeFamily(_ context.Context, familyID string, now time.Time) error {
	if err := r.s.fail("Sessions.RevokeFamily"); err != nil {
		return err
	}
	for i, t := range r.st.tokens {
		if t.FamilyID == familyID && t.RevokedAt == nil {
			t.RevokedAt = &now
			r.st.tokens[i] = t
		}
	}
	return nil
}

func (r sessions) FamilyActive(_ context.Context, familyID string, userID int64) (bool, error) {
	if err := r.s.fail("Sessions.FamilyActive"); err != nil {
		return false, err
	}
	for _, t := range r.st.tokens {
		if t.FamilyID == familyID && t.UserID == userID && t.RevokedAt == nil {
			return true, nil
		}
	}
	return false, nil
}

func (r sessions) CreateLoginCode(_ context.Context, hash, browser []byte, userID int64, newUser bool, _, expires time.Time) error {
	if err := r.s.fail("LoginCodes.CreateLoginCode"); err != nil {
		return err
	}
	r.st.codes = append(r.st.codes, loginCode{hash: slices.Clone(hash), browser: slices.Clone(browser), userID: userID, newUser: newUser, expires: expires})
	return nil
}

func (r sessions) ConsumeLoginCode(_ context.Context, hash, browser []byte, now time.Time) (int64, bool, error) {
	if err := r.s.fail("LoginCodes.ConsumeLoginCode"); err != nil {
		return 0, false, err
	}
	for i, c := range r.st.codes {
		if bytes.Equal(c.hash, hash) && bytes.Equal(c.browser, browser) && !c.used && now.Before(c.expires) {
			c.used = true
			r.st.codes[i] = c
			return c.userID, c.newUser, nil
		}
	}
	return 0, false, session.ErrBadLoginCode
}

func (r sessions) UseIDToken(_ context.Context, key []byte, expires, _ time.Time) error {
	if err := r.s.fail("IDTokens.UseIDToken"); err != nil {
		return err
	}
	for _, u := range r.st.used {
		if bytes.Equal(u.key, key) {
			return session.ErrIDTokenReused
		}
	}
	r.st.used = append(r.st.used, usedIDToken{key: slices.Clone(key), expires: expires})
	return nil
}

func (r sessions) ForgetExpiredIDTokens(_ context.Context, now time.Time, limit int) error {
	if err := r.s.fail("IDTokens.ForgetExpiredIDTokens"); err != nil {
		return err
	}
	r.st.used = slices.DeleteFunc(r.st.used, func(u usedIDToken) bool {
		if limit > 0 && u.expires.Before(now) {
			limit--
			return true
		}
		return false
	})
	return nil
}

// UsedIDTokens counts the committed memories of device ID tokens.
func (s *Store) UsedIDTokens() int { return len(s.committed.used) }
