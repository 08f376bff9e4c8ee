package command_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/domain/session"
)

func signedIn(t *testing.T, w *world, idToken string) command.Tokens {
	t.Helper()
	tk, err := w.signIn.Handle(context.Background(), idToken, "")
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func TestRefreshRotatesInTheSameFamily(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	first := signedIn(t, w, "ryan-token")
	family := w.stored(t, first.RefreshToken).FamilyID
	w.advance(20 * time.Minute)

	next, err := w.refresh.Handle(ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if next.RefreshToken == first.RefreshToken || next.AccessToken == first.AccessToken {
		t.Error("refresh handed out the same tokens again")
	}
	if next.NewUser {
		t.Error("NewUser = true on a refresh")
	}
	if got := w.checkTokens(t, next, first.UserID); got.FamilyID != family {
		t.Errorf("new refresh token in family %q, want %q", got.FamilyID, family)
	}
	if old := w.stored(t, first.RefreshToken); old.RotatedAt == nil || !old.RotatedAt.Equal(w.clock.Now()) || old.RevokedAt != nil {
		t.Errorf("old token = %+v, want rotated now and not revoked", old)
	}

	// The chain goes on.
	w.advance(time.Minute)
	third, err := w.refresh.Handle(ctx, next.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if w.stored(t, third.RefreshToken).FamilyID != family {
		t.Error("third token left the family")
	}
}

func TestRefreshReuseRevokesTheFamily(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	stolen := signedIn(t, w, "ryan-token")
	bystander := signedIn(t, w, "ryan-token#2") // the same user on another device
	family := w.stored(t, stolen.RefreshToken).FamilyID

	next, err := w.refresh.Handle(ctx, stolen.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	w.advance(time.Minute)
	tk, err := w.refresh.Handle(ctx, stolen.RefreshToken)
	if !errors.Is(err, session.ErrReused) {
		t.Fatalf("reused token: %v, want ErrReused", err)
	}
	if tk != (command.Tokens{}) {
		t.Errorf("tokens handed out on reuse: %+v", tk)
	}
	if w.familyActive(t, family) {
		t.Error("family still active after reuse: the revocation was not committed")
	}
	if _, err := w.refresh.Handle(ctx, next.RefreshToken); !errors.Is(err, session.ErrRevoked) {
		t.Errorf("newest token of a revoked family: %v, want ErrRevoked", err)
	}
	if _, err := w.refresh.Handle(ctx, bystander.RefreshToken); err != nil {
		t.Errorf("another session of the user was hit by the revocation: %v", err)
	}
}

func TestRefreshExpired(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	tk := signedIn(t, w, "ryan-token")
	w.advance(session.RefreshTTL)
	if _, err := w.refresh.Handle(ctx, tk.RefreshToken); !errors.Is(err, session.ErrExpired) {
		t.Errorf("refresh at expiry: %v, want ErrExpired", err)
	}
	if len(w.store.Tokens()) != 1 {
		t.Errorf("%d refresh tokens after a refused refresh, want 1", len(w.store.Tokens()))
	}
}

func TestRefreshJustBeforeExpiry(t *testing.T) {
	w := newWorld(t)
	tk := signedIn(t, w, "ryan-token")
	w.advance(session.RefreshTTL - time.Second)
	if _, err := w.refresh.Handle(context.Background(), tk.RefreshToken); err != nil {
		t.Errorf("refresh a second before expiry: %v", err)
	}
}

func TestRefreshUnknown(t *testing.T) {
	w := newWorld(t)
	tk := signedIn(t, w, "ryan-token")
	// A stored hash handed back as if it were the token must not work either.
	for _, raw := range []string{"", "never-issued", string(w.store.Tokens()[0].Hash), tk.AccessToken} {
		if _, err := w.refresh.Handle(context.Background(), raw); !errors.Is(err, session.ErrUnknown) {
			t.Errorf("refresh with %q: %v, want ErrUnknown", raw, err)
		}
	}
}

func TestSignOutRevokesTheFamily(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	tk := signedIn(t, w, "ryan-token")
	other := signedIn(t, w, "apeach-token")
	family := w.claims(t, tk).FamilyID
	next, err := w.refresh.Handle(ctx, tk.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}

	if err := w.signOut.Handle(ctx, family); err != nil {
		t.Fatal(err)
	}
	if w.familyActive(t, family) {
		t.Error("family active after sign-out")
	}
	for _, s := range w.store.Tokens() {
		if s.FamilyID == family && (s.RevokedAt == nil || !s.RevokedAt.Equal(w.clock.Now())) {
			t.Errorf("token %d of the family: revoked at %v, want now", s.ID, s.RevokedAt)
		}
	}
	if _, err := w.refresh.Handle(ctx, next.RefreshToken); !errors.Is(err, session.ErrRevoked) {
		t.Errorf("refresh after sign-out: %v, want ErrRevoked", err)
	}
	if !w.familyActive(t, w.claims(t, other).FamilyID) {
		t.Error("signing out ended another user's session")
	}
}

// Two tabs, or a request retried after its answer was lost: the same
// refresh token again within the grace window gets the same successor and a
// fresh access token, and the session lives on.
func TestRefreshAgainWithinTheGraceWindowGivesTheSameSuccessor(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	first := signedIn(t, w, "ryan-token")
	family := w.stored(t, first.RefreshToken).FamilyID
	next, err := w.refresh.Handle(ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	stored := len(w.store.Tokens())
	for _, after := range []time.Duration{time.Second, grace - time.Second} {
		w.clock.At = t0.Add(after)
		again, err := w.refresh.Handle(ctx, first.RefreshToken)
		if err != nil {
			t.Fatalf("%v after the rotation: %v", after, err)
		}
		if again.RefreshToken != next.RefreshToken || !again.RefreshExpiresAt.Equal(next.RefreshExpiresAt) || again.UserID != first.UserID {
			t.Errorf("%v after: refresh token %q (expires %v), want the successor %q (expires %v)", after, again.RefreshToken,
				again.RefreshExpiresAt, next.RefreshToken, next.RefreshExpiresAt)
		}
		if c := w.claims(t, again); c.FamilyID != family || !again.AccessExpiresAt.Equal(w.clock.Now().Add(session.AccessTTL)) {
			t.Errorf("%v after: access token of family %q until %v, want %q until now + %v", after, c.FamilyID, again.AccessExpiresAt, family, session.AccessTTL)
		}
	}
	if len(w.store.Tokens()) != stored || !w.familyActive(t, family) {
		t.Errorf("%d refresh tokens (want %d), family active %v (want true)", len(w.store.Tokens()), stored, w.familyActive(t, family))
	}
	// The successor goes on as usual.
	if _, err := w.refresh.Handle(ctx, next.RefreshToken); err != nil {
		t.Errorf("the successor after the retries: %v", err)
	}
}

func TestRefreshAgainAfterTheGraceWindowRevokes(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	first := signedIn(t, w, "ryan-token")
	family := w.stored(t, first.RefreshToken).FamilyID
	next, err := w.refresh.Handle(ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	w.advance(grace + time.Second)
	if _, err := w.refresh.Handle(ctx, first.RefreshToken); !errors.Is(err, session.ErrReused) {
		t.Fatalf("reuse after the window: %v, want ErrReused", err)
	}
	if w.familyActive(t, family) {
		t.Error("family active after reuse outside the window")
	}
	if _, err := w.refresh.Handle(ctx, next.RefreshToken); !errors.Is(err, session.ErrRevoked) {
		t.Errorf("successor after the revocation: %v, want ErrRevoked", err)
	}
}

// Within the window, but the successor was itself rotated already: the
// chain moved on, so the old token's return is not a retry.
func TestRefreshAgainAfterTheSuccessorMovedOnRevokes(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	first := signedIn(t, w, "ryan-token")
	family := w.stored(t, first.RefreshToken).FamilyID
	next, err := w.refresh.Handle(ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	w.advance(time.Second)
	if _, err := w.refresh.Handle(ctx, next.RefreshToken); err != nil {
		t.Fatal(err)
	}
	w.advance(time.Second)
	if _, err := w.refresh.Handle(ctx, first.RefreshToken); !errors.Is(err, session.ErrReused) {
		t.Fatalf("first token after its successor was rotated: %v, want ErrReused", err)
	}
	if w.familyActive(t, family) {
		t.Error("family still active")
	}
}

func TestRefreshWithoutAGraceWindowRevokesAtOnce(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	h := command.NewRefreshSessionHandler(w.store, w.tokens, w.clock, command.Rotation{Key: rotationKey})
	first := signedIn(t, w, "ryan-token")
	if _, err := h.Handle(ctx, first.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Handle(ctx, first.RefreshToken); !errors.Is(err, session.ErrReused) {
		t.Errorf("immediate reuse without grace: %v, want ErrReused", err)
	}
}

func TestNewRefreshSessionHandlerRefusesBadRotation(t *testing.T) {
	w := newWorld(t)
	for name, r := range map[string]command.Rotation{
		"short key":      {Key: rotationKey[:31], Grace: grace},
		"negative grace": {Key: rotationKey, Grace: -time.Second},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			command.NewRefreshSessionHandler(w.store, w.tokens, w.clock, r)
		})
	}
}
