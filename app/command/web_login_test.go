package command_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ourspace/ourspace/app/ports"
	"github.com/ourspace/ourspace/domain/session"
)

func TestWebLoginStartDrawsFreshSecrets(t *testing.T) {
	w := newWorld(t)
	seen := map[string]bool{}
	for range 3 {
		s := w.web.Start()
		if want := w.idp.AuthCodeURL(s.State, s.Nonce, s.Verifier); s.URL != want {
			t.Errorf("URL = %q, want the provider's URL for its state, nonce and verifier %q", s.URL, want)
		}
		// RFC 7636: a verifier is 43–128 unreserved characters.
		if n := len(s.Verifier); n < 43 || n > 128 || strings.Trim(s.Verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") != "" {
			t.Errorf("verifier %q is not a PKCE verifier", s.Verifier)
		}
		for _, v := range []string{s.State, s.Nonce, s.Verifier, s.Browser} {
			if len(v) < 32 {
				t.Errorf("secret %q is too short to be unguessable", v)
			}
			if seen[v] {
				t.Errorf("secret %q drawn twice", v)
			}
			seen[v] = true
		}
	}
}

// webLogin runs the browser flow up to the one-time code, and gives it
// with the secret of the browser that started it.
func webLogin(t *testing.T, w *world) (code, browser string) {
	t.Helper()
	s := w.web.Start()
	code, err := w.web.Complete(context.Background(), "good-code", s.Verifier, s.Nonce, s.Browser)
	if err != nil {
		t.Fatal(err)
	}
	if code == "" {
		t.Fatal("empty login code")
	}
	return code, s.Browser
}

func TestWebLoginCodeWorksOnce(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	code, browser := webLogin(t, w)
	users := w.store.Users()
	if len(users) != 1 || users[0].Identity != w.idp.web || len(w.store.Entries()) != 1 {
		t.Fatalf("after Complete: users %+v, %d entries, want the user with one grant", users, len(w.store.Entries()))
	}
	if len(w.store.Tokens()) != 0 {
		t.Error("Complete opened a session; only the code exchange should")
	}

	tk, err := w.web.ExchangeLoginCode(ctx, code, browser)
	if err != nil {
		t.Fatal(err)
	}
	if !tk.NewUser {
		t.Error("NewUser = false for the login that created the account")
	}
	w.checkTokens(t, tk, int64(users[0].ID))

	if _, err := w.web.ExchangeLoginCode(ctx, code, browser); !errors.Is(err, session.ErrBadLoginCode) {
		t.Errorf("second exchange: %v, want ErrBadLoginCode", err)
	}
	if len(w.store.Tokens()) != 1 {
		t.Errorf("%d refresh tokens, want 1", len(w.store.Tokens()))
	}

	// The next login of the same account is not new, and gets no second grant.
	code2, browser2 := webLogin(t, w)
	tk2, err := w.web.ExchangeLoginCode(ctx, code2, browser2)
	if err != nil {
		t.Fatal(err)
	}
	if tk2.NewUser || tk2.UserID != tk.UserID || len(w.store.Entries()) != 1 {
		t.Errorf("second login: NewUser %v, user %d (want false, %d), %d entries (want 1)", tk2.NewUser, tk2.UserID, tk.UserID, len(w.store.Entries()))
	}
}

// A code lifted into another browser (which lacks the secret the login's
// browser got at Start) is refused, and stays good for its own browser.
func TestWebLoginCodeWorksOnlyInItsBrowser(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	code, browser := webLogin(t, w)
	_, otherBrowser := webLogin(t, w)
	for name, secret := range map[string]string{"another login's browser": otherBrowser, "no secret": "", "a guess": browser + "x"} {
		if _, err := w.web.ExchangeLoginCode(ctx, code, secret); !errors.Is(err, session.ErrBadLoginCode) {
			t.Errorf("%s: %v, want ErrBadLoginCode", name, err)
		}
	}
	if len(w.store.Tokens()) != 0 {
		t.Fatalf("%d refresh tokens after refused exchanges", len(w.store.Tokens()))
	}
	if _, err := w.web.ExchangeLoginCode(ctx, code, browser); err != nil {
		t.Errorf("the code in its own browser after the refusals: %v", err)
	}
}

func TestWebLoginCompleteNeedsABrowserSecret(t *testing.T) {
	w := newWorld(t)
	st := w.web.Start()
	if _, err := w.web.Complete(context.Background(), "good-code", st.Verifier, st.Nonce, ""); !errors.Is(err, ports.ErrUnauthenticated) {
		t.Errorf("Complete without a browser secret: %v, want ErrUnauthenticated", err)
	}
}

func TestWebLoginUnknownCodeRefused(t *testing.T) {
	w := newWorld(t)
	_, browser := webLogin(t, w)
	if _, err := w.web.ExchangeLoginCode(context.Background(), "made-up", browser); !errors.Is(err, session.ErrBadLoginCode) {
		t.Errorf("unknown code: %v, want ErrBadLoginCode", err)
	}
}

func TestWebLoginCodeExpires(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	late, lateBrowser := webLogin(t, w)
	onTime, onTimeBrowser := webLogin(t, w)

	w.advance(session.LoginCodeTTL - time.Second)
	if _, err := w.web.ExchangeLoginCode(ctx, onTime, onTimeBrowser); err != nil {
		t.Errorf("code exchanged a second before expiry: %v", err)
	}
	w.advance(time.Second)
	if _, err := w.web.ExchangeLoginCode(ctx, late, lateBrowser); !errors.Is(err, session.ErrBadLoginCode) {
		t.Errorf("code exchanged at expiry: %v, want ErrBadLoginCode", err)
	}
	if n := len(w.store.Tokens()); n != 1 {
		t.Errorf("%d refresh tokens, want only the one of the code in time", n)
	}
}

func TestWebLoginCompleteRefused(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(code, verifier, nonce *string)
	}{
		{"wrong code", func(code, _, _ *string) { *code = "stolen-code" }},
		{"wrong verifier", func(_, verifier, _ *string) { *verifier += "x" }},
		{"wrong nonce", func(_, _, nonce *string) { *nonce += "x" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			st := w.web.Start()
			code, verifier, nonce := "good-code", st.Verifier, st.Nonce
			tt.tamper(&code, &verifier, &nonce)
			got, err := w.web.Complete(context.Background(), code, verifier, nonce, st.Browser)
			if !errors.Is(err, ports.ErrUnauthenticated) || got != "" {
				t.Errorf("Complete = %q, %v, want ErrUnauthenticated", got, err)
			}
			if len(w.store.Users()) != 0 || len(w.store.Entries()) != 0 {
				t.Errorf("refused login stored %d users, %d entries", len(w.store.Users()), len(w.store.Entries()))
			}
		})
	}
}

func TestWebLoginCompleteRollsBackWithoutGrant(t *testing.T) {
	w := newWorld(t)
	boom := errors.New("database down")
	w.store.Fail["Points.Append"] = boom
	st := w.web.Start()
	if _, err := w.web.Complete(context.Background(), "good-code", st.Verifier, st.Nonce, st.Browser); !errors.Is(err, boom) {
		t.Fatalf("Complete: %v, want %v", err, boom)
	}
	if len(w.store.Users()) != 0 {
		t.Errorf("a user without the welcome grant was left behind")
	}
}
