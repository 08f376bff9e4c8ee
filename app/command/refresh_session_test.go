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
	bystander := signedIn(t, w, "ryan-token") // the same user on another device
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
