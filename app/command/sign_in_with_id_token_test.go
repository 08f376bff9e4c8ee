package command_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/command"
	"github.com/ourspace/ourspace/app/internal/apptest"
	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/points"
	"github.com/ourspace/ourspace/domain/session"
)

func TestSignInFirstTimeCreatesUserWithOneWelcomeGrant(t *testing.T) {
	w := newWorld(t)
	tk, err := w.signIn.Handle(context.Background(), "ryan-token", "n-1")
	if err != nil {
		t.Fatal(err)
	}
	if w.idp.gotNonce != "n-1" {
		t.Errorf("nonce given to the provider = %q, want n-1", w.idp.gotNonce)
	}
	if !tk.NewUser {
		t.Error("NewUser = false on the first sign-in")
	}
	users := w.store.Users()
	if len(users) != 1 {
		t.Fatalf("%d users, want 1", len(users))
	}
	u := users[0]
	if u.Identity != w.idp.tokens["ryan-token"] || !u.CreatedAt.Equal(t0) {
		t.Errorf("user = %+v, want the token's identity created at %v", u, t0)
	}
	w.checkTokens(t, tk, int64(u.ID))
	es := w.store.Entries()
	if len(es) != 1 {
		t.Fatalf("%d ledger entries, want 1", len(es))
	}
	if e := es[0]; e.UserID != int64(u.ID) || e.Kind != points.KindGrant || e.Amount != welcome || !e.CreatedAt.Equal(t0) {
		t.Errorf("entry = %+v, want a grant of %d to user %d", e, welcome, u.ID)
	}
}

func TestSignInWelcomeGrantIsConfigurable(t *testing.T) {
	w := newWorld(t)
	h := command.NewSignInWithIDTokenHandler(w.idp, w.store, w.tokens, w.clock, 5_000)
	if _, err := h.Handle(context.Background(), "ryan-token", ""); err != nil {
		t.Fatal(err)
	}
	if es := w.store.Entries(); len(es) != 1 || es[0].Amount != 5_000 {
		t.Errorf("ledger = %+v, want one grant of 5000", es)
	}
}

func TestSignInAgainRefreshesProfileWithoutSecondGrant(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	first, err := w.signIn.Handle(ctx, "ryan-token", "")
	if err != nil {
		t.Fatal(err)
	}
	firstFamily := w.claims(t, first).FamilyID
	renamed := identity(t, "4001", "라이언킹")
	renamed.PictureURL = ""
	w.idp.tokens["ryan-token"] = renamed
	w.advance(24 * time.Hour)

	second, err := w.signIn.Handle(ctx, "ryan-token#2", "")
	if err != nil {
		t.Fatal(err)
	}
	if second.NewUser {
		t.Error("NewUser = true on the second sign-in")
	}
	if second.UserID != first.UserID {
		t.Errorf("second sign-in is user %d, first %d", second.UserID, first.UserID)
	}
	users := w.store.Users()
	if len(users) != 1 || users[0].Identity != renamed || !users[0].CreatedAt.Equal(t0) {
		t.Errorf("users = %+v, want one with the new profile, created at %v", users, t0)
	}
	if es := w.store.Entries(); len(es) != 1 {
		t.Errorf("%d ledger entries after two sign-ins, want 1", len(es))
	}
	w.checkTokens(t, second, first.UserID)
	if firstFamily == w.claims(t, second).FamilyID {
		t.Error("two sign-ins share a session family")
	}

	// Another subject is another user with its own grant.
	other, err := w.signIn.Handle(ctx, "apeach-token", "")
	if err != nil {
		t.Fatal(err)
	}
	if !other.NewUser || other.UserID == first.UserID || len(w.store.Users()) != 2 || len(w.store.Entries()) != 2 {
		t.Errorf("another subject: NewUser %v, user %d; %d users, %d entries", other.NewUser, other.UserID, len(w.store.Users()), len(w.store.Entries()))
	}
}

func TestSignInRefusedByProviderCreatesNothing(t *testing.T) {
	tests := []struct {
		name  string
		token string
		err   error
	}{
		{"unknown token", "forged-token", nil},
		{"provider error", "ryan-token", fmt.Errorf("%w: wrong audience", ports.ErrUnauthenticated)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			w.idp.err = tt.err
			tk, err := w.signIn.Handle(context.Background(), tt.token, "")
			if !errors.Is(err, ports.ErrUnauthenticated) {
				t.Fatalf("error = %v, want ErrUnauthenticated", err)
			}
			if tk != (command.Tokens{}) {
				t.Errorf("tokens handed out on failure: %+v", tk)
			}
			if len(w.store.Users()) != 0 || len(w.store.Entries()) != 0 || len(w.store.Tokens()) != 0 {
				t.Errorf("refused sign-in stored %d users, %d entries, %d tokens", len(w.store.Users()), len(w.store.Entries()), len(w.store.Tokens()))
			}
		})
	}
}

// A user never exists without the welcome grant, nor a session without a
// user: a failure anywhere in the sign-in rolls the whole of it back.
func TestSignInFailureRollsBack(t *testing.T) {
	for _, method := range []string{"Points.Append", "Sessions.Create"} {
		t.Run(method, func(t *testing.T) {
			ctx := context.Background()
			w := newWorld(t)
			boom := errors.New("database down")
			w.store.Fail[method] = boom
			if _, err := w.signIn.Handle(ctx, "ryan-token", ""); !errors.Is(err, boom) {
				t.Fatalf("error = %v, want %v", err, boom)
			}
			if len(w.store.Users()) != 0 || len(w.store.Entries()) != 0 || len(w.store.Tokens()) != 0 {
				t.Fatalf("after a failed sign-in: %d users, %d entries, %d tokens, want none", len(w.store.Users()), len(w.store.Entries()), len(w.store.Tokens()))
			}

			// Once the database is back, the same subject is still new and gets its grant.
			delete(w.store.Fail, method)
			tk, err := w.signIn.Handle(ctx, "ryan-token", "")
			if err != nil {
				t.Fatal(err)
			}
			bal, err := w.store.Read().Points.Balance(ctx, tk.UserID)
			if err != nil {
				t.Fatal(err)
			}
			if !tk.NewUser || bal != welcome {
				t.Errorf("retry: NewUser %v, balance %d, want true, %d", tk.NewUser, bal, welcome)
			}
		})
	}
}

func TestNewSignInWithIDTokenHandlerRefusesBadWiring(t *testing.T) {
	store, tokens, clock := apptest.NewStore(), apptest.NewAccessTokens(), ports.FixedClock{At: t0}
	tests := map[string]func(){
		"nil provider":   func() { command.NewSignInWithIDTokenHandler(nil, store, tokens, clock, welcome) },
		"nil store":      func() { command.NewSignInWithIDTokenHandler(&idp{}, nil, tokens, clock, welcome) },
		"nil tokens":     func() { command.NewSignInWithIDTokenHandler(&idp{}, store, nil, clock, welcome) },
		"nil clock":      func() { command.NewSignInWithIDTokenHandler(&idp{}, store, tokens, nil, welcome) },
		"zero grant":     func() { command.NewSignInWithIDTokenHandler(&idp{}, store, tokens, clock, 0) },
		"negative grant": func() { command.NewSignInWithIDTokenHandler(&idp{}, store, tokens, clock, -1) },
	}
	for name, f := range tests {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

// A device ID token signs in once: its replay is refused and opens no
// session, while another token of the same account still signs in.
func TestSignInWithTheSameIDTokenTwiceIsRefused(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	if _, err := w.signIn.Handle(ctx, "ryan-token", ""); err != nil {
		t.Fatal(err)
	}
	w.advance(time.Minute)
	tk, err := w.signIn.Handle(ctx, "ryan-token", "")
	if !errors.Is(err, ports.ErrUnauthenticated) || !errors.Is(err, session.ErrIDTokenReused) {
		t.Fatalf("replay: %v, want ErrUnauthenticated and ErrIDTokenReused", err)
	}
	if tk != (command.Tokens{}) || len(w.store.Tokens()) != 1 {
		t.Errorf("replay handed out %+v; %d refresh tokens, want 1", tk, len(w.store.Tokens()))
	}
	if _, err := w.signIn.Handle(ctx, "ryan-token#2", ""); err != nil {
		t.Errorf("another token of the same account: %v", err)
	}
}

// Memories of used tokens go once their tokens have expired (with some
// slack for replicas whose clocks lag), not before.
func TestSignInForgetsExpiredIDTokens(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	if _, err := w.signIn.Handle(ctx, "ryan-token", ""); err != nil {
		t.Fatal(err)
	}
	w.idp.expiry = w.idp.expiry.Add(time.Hour) // the later tokens live longer
	w.advance(10*time.Minute + time.Second)    // ryan-token expired a second ago
	if _, err := w.signIn.Handle(ctx, "ryan-token#2", ""); err != nil {
		t.Fatal(err)
	}
	if n := w.store.UsedIDTokens(); n != 2 {
		t.Fatalf("%d used tokens remembered right after the first expired, want 2", n)
	}
	w.advance(5 * time.Minute)
	if _, err := w.signIn.Handle(ctx, "ryan-token#3", ""); err != nil {
		t.Fatal(err)
	}
	if n := w.store.UsedIDTokens(); n != 2 {
		t.Errorf("%d used tokens remembered, want 2: the expired one forgotten, the new one added", n)
	}
}

func TestSignInFailureLeavesTheIDTokenUnused(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	w.store.Fail["Sessions.Create"] = errors.New("database down")
	if _, err := w.signIn.Handle(ctx, "ryan-token", ""); err == nil {
		t.Fatal("sign-in succeeded with the database down")
	}
	if n := w.store.UsedIDTokens(); n != 0 {
		t.Fatalf("a failed sign-in used up its token (%d remembered)", n)
	}
	delete(w.store.Fail, "Sessions.Create")
	if _, err := w.signIn.Handle(ctx, "ryan-token", ""); err != nil {
		t.Errorf("the same token once the database is back: %v", err)
	}
}
